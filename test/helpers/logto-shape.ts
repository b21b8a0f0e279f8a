/**
 * Logto's shape, minimal (github:logto-io/logto): a tenant table, tenant-keyed
 * parents, and children through composite FKs. Shared by the --append tests.
 */
export const LOGTO_CORE = `
  CREATE TABLE tenants (id varchar(21) PRIMARY KEY, name varchar(128) NOT NULL);
  CREATE TABLE users (tenant_id varchar(21) NOT NULL REFERENCES tenants(id), id varchar(21) PRIMARY KEY,
    UNIQUE (tenant_id, id));
  CREATE TABLE organizations (tenant_id varchar(21) NOT NULL REFERENCES tenants(id), id varchar(21) PRIMARY KEY,
    UNIQUE (tenant_id, id));
  CREATE TABLE organization_user_relations (tenant_id varchar(21) NOT NULL REFERENCES tenants(id),
    organization_id varchar(21) NOT NULL, user_id varchar(21) NOT NULL,
    PRIMARY KEY (tenant_id, organization_id, user_id),
    FOREIGN KEY (tenant_id, organization_id) REFERENCES organizations(tenant_id, id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id));
  CREATE TABLE oidc_model_instances (tenant_id varchar(21) NOT NULL REFERENCES tenants(id),
    model_name varchar(64) NOT NULL, id varchar(128) NOT NULL, payload jsonb NOT NULL,
    PRIMARY KEY (tenant_id, model_name, id));
  CREATE TABLE cimd_grant_organizations (tenant_id varchar(21) NOT NULL REFERENCES tenants (id),
    grant_id varchar(128) NOT NULL, grant_model_name varchar(64) NOT NULL DEFAULT 'Grant',
    organization_id varchar(21) NOT NULL, user_id varchar(21) NOT NULL,
    PRIMARY KEY (tenant_id, grant_id, organization_id),
    CONSTRAINT cimd_grant_organizations__grant_model_name CHECK (grant_model_name = 'Grant'),
    FOREIGN KEY (tenant_id, grant_model_name, grant_id)
      REFERENCES oidc_model_instances (tenant_id, model_name, id),
    FOREIGN KEY (tenant_id, organization_id, user_id)
      REFERENCES organization_user_relations (tenant_id, organization_id, user_id));`;

/** Logto's roles and the users' roles (a tenant-keyed many-to-many), to add to LOGTO_CORE. */
export const LOGTO_ROLES = `
  CREATE TABLE roles (tenant_id varchar(21) NOT NULL REFERENCES tenants(id), id varchar(21) NOT NULL,
    name varchar(128) NOT NULL, kind varchar(16) NOT NULL CHECK (kind IN ('User', 'MachineToMachine')),
    PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, name));
  CREATE TABLE users_roles (tenant_id varchar(21) NOT NULL REFERENCES tenants(id), id varchar(21) NOT NULL,
    user_id varchar(21) NOT NULL, role_id varchar(21) NOT NULL,
    PRIMARY KEY (tenant_id, id), UNIQUE (tenant_id, user_id, role_id),
    FOREIGN KEY (tenant_id, user_id) REFERENCES users(tenant_id, id),
    FOREIGN KEY (tenant_id, role_id) REFERENCES roles(tenant_id, id));`;

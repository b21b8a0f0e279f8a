/**
 * Known open items of issue 8 on real schemas (Logto, Kestra, Inbox Zero,
 * Supabase realtime): each reduced to a minimal shape, generated, loaded
 * into the real server with every constraint in place, and the rows checked
 * against what the constraint means.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

const db = useTestDatabase('fix8shapes');

/** Logto's shape: CHECKs calling plpgsql functions that look the FK's parent row up (one VARIADIC). */
const LOOKUPS = `
CREATE TYPE role_type AS ENUM ('User', 'MachineToMachine');
CREATE TYPE app_type AS ENUM ('Native', 'SPA', 'Traditional', 'MachineToMachine', 'Protected', 'SAML');
CREATE TABLE roles (id varchar(21) PRIMARY KEY, name text NOT NULL, type role_type NOT NULL DEFAULT 'User');
CREATE TABLE applications (id varchar(21) PRIMARY KEY, name text NOT NULL, type app_type NOT NULL);
CREATE FUNCTION check_role_type(role_id varchar, target_type role_type) RETURNS boolean
  LANGUAGE plpgsql AS $$ begin
  return (select type from public.roles where id = role_id) = target_type;
end; $$;
CREATE FUNCTION check_application_type(application_id varchar, VARIADIC target_type app_type[]) RETURNS boolean
  LANGUAGE plpgsql SET search_path TO 'public' AS $$ begin
  return (select type from applications where id = application_id) = any(target_type);
end; $$;
CREATE TABLE users_roles (id varchar(21) PRIMARY KEY, role_id varchar(21) NOT NULL REFERENCES roles(id),
  CONSTRAINT users_roles__role_type CHECK (check_role_type(role_id, 'User'::role_type)));
CREATE TABLE applications_roles (id varchar(21) PRIMARY KEY,
  application_id varchar(21) NOT NULL REFERENCES applications(id),
  role_id varchar(21) NOT NULL REFERENCES roles(id),
  UNIQUE (application_id, role_id),
  CONSTRAINT applications_roles__role_type CHECK (check_role_type(role_id, 'MachineToMachine'::role_type)));
CREATE TABLE application_secrets (name text PRIMARY KEY,
  application_id varchar(21) NOT NULL REFERENCES applications(id),
  CONSTRAINT application_type CHECK (check_application_type(application_id,
    VARIADIC ARRAY['MachineToMachine'::app_type, 'Traditional'::app_type, 'Protected'::app_type])));
CREATE TABLE saml_configs (application_id varchar(21) PRIMARY KEY REFERENCES applications(id),
  CONSTRAINT saml_type CHECK (check_application_type(application_id, 'SAML'::app_type)));
`;

/** Kestra's shape: stored generated columns read json keys (some through SQL functions), NOT NULL. */
const JSON_KEYS = `
CREATE TYPE state_type AS ENUM ('CREATED', 'RUNNING', 'SUCCESS', 'FAILED');
CREATE FUNCTION state_fromtext(text) RETURNS state_type LANGUAGE SQL IMMUTABLE RETURN CAST($1 AS state_type);
CREATE FUNCTION parse_iso8601_datetime(text) RETURNS timestamptz LANGUAGE SQL IMMUTABLE RETURN $1::timestamptz;
CREATE FUNCTION parse_iso8601_duration(text) RETURNS interval LANGUAGE SQL IMMUTABLE RETURN $1::interval;
CREATE TABLE executions (
  key varchar(250) NOT NULL PRIMARY KEY,
  value jsonb NOT NULL,
  deleted bool NOT NULL GENERATED ALWAYS AS (CAST(value ->> 'deleted' AS bool)) STORED,
  namespace varchar(12) NOT NULL GENERATED ALWAYS AS (value ->> 'namespace') STORED,
  revision int NOT NULL GENERATED ALWAYS AS (CAST(value ->> 'revision' AS int)) STORED,
  state_current state_type NOT NULL GENERATED ALWAYS AS (state_fromtext(value #>> '{state, current}')) STORED,
  state_duration bigint NOT NULL GENERATED ALWAYS AS
    (EXTRACT(MILLISECONDS FROM parse_iso8601_duration(value #>> '{state, duration}'))) STORED,
  start_date timestamp NOT NULL GENERATED ALWAYS AS (parse_iso8601_datetime(value #>> '{state, startDate}')) STORED,
  worker varchar(40) NOT NULL GENERATED ALWAYS AS ((value -> 'workerInstance') ->> 'workerUuid') STORED
);
CREATE INDEX executions_attempt ON executions (((value ->> 'attempt')::int));
`;

describe('open items of issue 8', () => {
  it("CHECKs that look the FK's parent row up through a function pick parents holding the value (Logto)", async () => {
    const { target, restored, counts } = await loadScriptAndArchive(db, LOOKUPS, {
      defaultRows: 300,
      seed: 5,
    });
    for (const table of ['users_roles', 'applications_roles', 'application_secrets', 'roles', 'applications'])
      expect(counts.get(`public.${table}`)).toBe(300);
    // Every SAML application's row has its config row: the parents' blocks hold at least one value each.
    expect(counts.get('public.saml_configs')).toBeGreaterThan(0);
    // The CHECKs ran at load only against the parent rows loaded by then: ask them again with every row in place.
    for (const database of [target, restored]) {
      const failing = await count(
        database,
        `SELECT (SELECT count(*) FROM users_roles WHERE NOT check_role_type(role_id, 'User'))
           + (SELECT count(*) FROM applications_roles WHERE NOT check_role_type(role_id, 'MachineToMachine'))
           + (SELECT count(*) FROM application_secrets
               WHERE NOT check_application_type(application_id, 'MachineToMachine', 'Traditional', 'Protected'))
           + (SELECT count(*) FROM saml_configs WHERE NOT check_application_type(application_id, 'SAML')) AS n`,
      );
      expect(failing).toBe(0);
    }
    // The parents keep every value of their type (the blocks leave a free tail).
    expect(await count(target, 'SELECT count(DISTINCT type) AS n FROM applications')).toBe(6);
    expect(await count(target, 'SELECT count(DISTINCT type) AS n FROM roles')).toBe(2);
    // The child's picks spread over the parent rows of its value, not one row.
    expect(await count(target, 'SELECT count(DISTINCT role_id) AS n FROM users_roles')).toBeGreaterThan(30);
  });

  it('json documents hold the keys stored generated columns and indexes read, as the kinds they are cast to (Kestra)', async () => {
    const { target, counts } = await loadScriptAndArchive(db, JSON_KEYS, { defaultRows: 300, seed: 4 });
    expect(counts.get('public.executions')).toBe(300);
    expect(await count(target, 'SELECT count(DISTINCT state_current) AS n FROM executions')).toBe(4);
    expect(await count(target, 'SELECT count(DISTINCT deleted) AS n FROM executions')).toBe(2);
    // The interval's text and the generated milliseconds agree (EXTRACT as the server computes it).
    expect(
      await count(
        target,
        `SELECT count(*) AS n FROM executions
          WHERE state_duration = (EXTRACT(SECOND FROM (value #>> '{state,duration}')::interval) * 1000)::bigint`,
      ),
    ).toBe(300);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM executions WHERE jsonb_typeof(value -> 'revision') = 'number'",
      ),
    ).toBe(300);
  });

  it('EXCLUDE (c WITH <>), alone or beside = and &&: c the same in every row, the rows not cut to one', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS btree_gist;
       CREATE TABLE settings (id int PRIMARY KEY, region text NOT NULL,
         EXCLUDE USING gist (region WITH <>));
       CREATE TABLE bookings (id int PRIMARY KEY, room int NOT NULL, currency char(3), during tstzrange,
         EXCLUDE USING gist (room WITH =, currency WITH <>, during WITH &&));`,
      { defaultRows: 200, seed: 6 },
    );
    expect(counts.get('public.settings')).toBe(200);
    expect(counts.get('public.bookings')).toBe(200);
    expect(await count(target, 'SELECT count(DISTINCT region) AS n FROM settings')).toBe(1);
    // The = element is not made a key: rooms repeat.
    expect(await count(target, 'SELECT count(DISTINCT room) AS n FROM bookings')).toBeLessThan(200);
    expect(result.warnings.filter((w) => w.code.startsWith('EXCLUSION'))).toEqual([]);
  });

  it('a role name read through ::regrole (a generated column, a CHECK) names a role every cluster has (Supabase realtime)', async () => {
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA realtime;
       CREATE FUNCTION realtime.to_regrole(role_name text) RETURNS regrole LANGUAGE sql IMMUTABLE
         AS $$ select role_name::regrole $$;
       CREATE TABLE realtime.subscription (id bigint PRIMARY KEY, claims jsonb NOT NULL,
         claims_role regrole GENERATED ALWAYS AS (realtime.to_regrole(claims ->> 'role')) STORED NOT NULL,
         grantee text NOT NULL CHECK (grantee::regrole IS NOT NULL));`,
      { defaultRows: 100, seed: 2 },
    );
    expect(counts.get('realtime.subscription')).toBe(100);
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM realtime.subscription WHERE claims_role::text LIKE 'pg\\_%'",
      ),
    ).toBe(100);
  });

  it('every partition gets a row when the table has as many rows as partitions', async () => {
    const parts = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
      .map((v) => `CREATE TABLE events_${v} PARTITION OF events FOR VALUES IN ('${v}');`)
      .join('\n');
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE events (id int NOT NULL, kind text NOT NULL, at date NOT NULL) PARTITION BY LIST (kind);
       ${parts}
       CREATE TABLE ranged (id int NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
       CREATE TABLE ranged_2023 PARTITION OF ranged FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
       CREATE TABLE ranged_jan PARTITION OF ranged FOR VALUES FROM ('2024-01-01') TO ('2024-01-02');
       CREATE TABLE ranged_rest PARTITION OF ranged DEFAULT;`,
      { defaultRows: 8, seed: 1 },
    );
    for (const v of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'])
      expect(counts.get(`public.events_${v}`)).toBe(1);
    for (const p of ['ranged_2023', 'ranged_jan', 'ranged_rest'])
      expect(counts.get(`public.${p}`)).toBeGreaterThan(0);
    expect(await count(target, 'SELECT count(*) AS n FROM ranged')).toBe(8);
  });

  it('unique keys over json paths (a unique index on doc ->> k, generated columns in a key) keep every row', async () => {
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE flows (key varchar(250) PRIMARY KEY, value jsonb NOT NULL,
         id varchar(100) NOT NULL GENERATED ALWAYS AS (value ->> 'id') STORED,
         namespace varchar(150) NOT NULL GENERATED ALWAYS AS (value ->> 'namespace') STORED,
         revision int NOT NULL GENERATED ALWAYS AS (CAST(value ->> 'revision' AS int)) STORED);
       CREATE UNIQUE INDEX flows_ns_id ON flows (namespace, id, revision);
       CREATE TABLE tags (k int PRIMARY KEY, doc jsonb NOT NULL);
       CREATE UNIQUE INDEX tags_name ON tags ((doc #>> '{meta,name}'));`,
      { defaultRows: 400, seed: 8 },
    );
    expect(counts.get('public.flows')).toBe(400);
    expect(counts.get('public.tags')).toBe(400);
    expect(await count(target, "SELECT count(DISTINCT doc #>> '{meta,name}') AS n FROM tags")).toBe(400);
  });

  it('a jsonb column in a composite UNIQUE under an OR of key CHECKs takes a branch the key can keep (Sourcegraph package_repo_filters)', async () => {
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE package_repo_filters (id int PRIMARY KEY, scheme text NOT NULL, matcher jsonb NOT NULL,
         tenant_id int NOT NULL,
         CHECK (scheme = ANY ('{npm,go,python}'::text[])),
         CONSTRAINT valid_oneof_glob CHECK ((((matcher ? 'VersionGlob') AND ((matcher ->> 'VersionGlob') <> '')
           AND ((matcher ->> 'PackageName') <> '') AND (NOT (matcher ? 'PackageGlob')))
           OR ((matcher ? 'PackageGlob') AND ((matcher ->> 'PackageGlob') <> '') AND (NOT (matcher ? 'VersionGlob'))))),
         UNIQUE (scheme, matcher, tenant_id));`,
      { defaultRows: 200, seed: 3 },
    );
    expect(counts.get('public.package_repo_filters')).toBe(200);
    expect(
      await count(
        target,
        'SELECT count(DISTINCT (scheme, matcher, tenant_id)) AS n FROM package_repo_filters',
      ),
    ).toBe(200);
  });
});

/**
 * Constructs earlier hunts saw and left open (issue 8), each from its minimal
 * shape, generated as a plain script and as a custom archive and loaded into
 * the real server with every constraint in place: a range type over a domain
 * (its bounds read through the domain's input, so they meet its CHECKs); a
 * multi-tenant chain of composite FKs sharing `tenant_id` (rows spread over
 * the tenants, every FK agreeing on it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { describePlan } from '../../src/run/describe-plan.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('open_constructs');
});
afterAll(async () => db.close());

describe('a range over a domain', () => {
  it('bounds inside every level of the domain chain (numbers, numeric, dates), unique and multirange too', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
       CREATE TYPE posrange AS RANGE (subtype = posint);
       CREATE DOMAIN price AS numeric(10,2) CHECK (VALUE >= 0);
       CREATE TYPE pricerange AS RANGE (subtype = price);
       CREATE DOMAIN pct AS int CHECK (VALUE BETWEEN 0 AND 100);
       CREATE DOMAIN pct2 AS pct CHECK (VALUE <= 50);
       CREATE TYPE pctrange AS RANGE (subtype = pct2);
       CREATE DOMAIN recent AS date CHECK (VALUE >= '2020-01-01' AND VALUE < '2021-01-01');
       CREATE TYPE recentrange AS RANGE (subtype = recent);
       CREATE TABLE spans (id serial PRIMARY KEY, r posrange NOT NULL, p pricerange NOT NULL, q pctrange NOT NULL,
         qm pctmultirange NOT NULL, d recentrange NOT NULL, u posrange UNIQUE);`,
      { defaultRows: 300, seed: 5 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.spans')).toBe(300);
    const [row] = await target.query<{ n: string; wide: string }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE upper(q) - lower(q) > 1) AS wide FROM spans
        WHERE NOT isempty(q) AND lower(q) >= 0 AND upper(q) <= 50 AND (isempty(d) OR lower(d) >= '2020-01-01')`,
    );
    expect(Number(row?.n)).toBeGreaterThan(200);
    expect(Number(row?.wide)).toBeGreaterThan(0);
  });

  it('a domain whose CHECK is not a bound (VALUE % 2 = 0): the column is left NULL, warned, never a bound that fails it', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN even AS int CHECK (VALUE % 2 = 0);
       CREATE TYPE evenrange AS RANGE (subtype = even);
       CREATE TABLE evens (id int PRIMARY KEY, e evenrange);`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.evens')).toBe(50);
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['COLUMN_LEFT_NULL public.evens.e']);
    expect(result.warnings[0]?.message).toContain('(value % 2) = 0');
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM evens WHERE e IS NULL');
    expect(row?.n).toBe('50');
  });
});

describe('a multi-tenant chain of composite foreign keys', () => {
  it('rows spread over the tenants; every composite FK through tenant_id stays valid', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE tenants (id int PRIMARY KEY, name text);
       CREATE TABLE users (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, name text,
         PRIMARY KEY (tenant_id, id));
       CREATE TABLE projects (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, owner_id int NOT NULL,
         PRIMARY KEY (tenant_id, id), FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id));
       CREATE TABLE tasks (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, project_id int NOT NULL,
         assignee_id int, PRIMARY KEY (tenant_id, id),
         FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id),
         FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id));`,
      { defaultRows: 400, seed: 2 },
    );
    expect(result.warnings).toEqual([]);
    for (const t of ['tenants', 'users', 'projects', 'tasks']) expect(counts.get(`public.${t}`), t).toBe(400);
    for (const t of ['users', 'projects', 'tasks']) {
      const [row] = await target.query<{ n: string }>(`SELECT count(DISTINCT tenant_id) AS n FROM ${t}`);
      expect(Number(row?.n), t).toBeGreaterThan(10);
    }
    const [row] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM tasks t JOIN projects p ON p.tenant_id = t.tenant_id AND p.id = t.project_id
         JOIN users u ON u.tenant_id = p.tenant_id AND u.id = p.owner_id`,
    );
    expect(row?.n).toBe('400');
  });

  it('a chain a key decides (the FK inside the primary key): the rows follow the tenants of the parent rows the key picks, every row kept', async () => {
    const { target, restored, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE tenants (id int PRIMARY KEY);
       CREATE TABLE orgs (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, PRIMARY KEY (tenant_id, id));
       CREATE TABLE users (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, PRIMARY KEY (tenant_id, id));
       CREATE TABLE members (tenant_id int NOT NULL REFERENCES tenants, org_id int NOT NULL, user_id int NOT NULL,
         PRIMARY KEY (tenant_id, org_id, user_id),
         FOREIGN KEY (tenant_id, org_id) REFERENCES orgs (tenant_id, id),
         FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id));`,
      { defaultRows: 100, seed: 4 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.members')).toBe(100);
    for (const t of [target, restored]) {
      const [row] = await t.query<{ n: string }>('SELECT count(DISTINCT tenant_id) AS n FROM members');
      expect(Number(row?.n)).toBeGreaterThan(10);
    }
  });

  it('datagen plan says how many tenants a tenant column spreads over, or why one', async () => {
    const { schema } = await parseDdl([
      {
        file: 't.sql',
        text: `CREATE TABLE tenants (id int PRIMARY KEY);
          CREATE TABLE users (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, PRIMARY KEY (tenant_id, id));
          CREATE TABLE docs (tenant_id int NOT NULL REFERENCES tenants, id int PRIMARY KEY, owner_id int NOT NULL,
            FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id));
          CREATE TABLE orgs (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, PRIMARY KEY (tenant_id, id));
          CREATE TABLE members (tenant_id int NOT NULL REFERENCES tenants, org_id int NOT NULL, user_id int NOT NULL,
            PRIMARY KEY (tenant_id, org_id, user_id), FOREIGN KEY (tenant_id, org_id) REFERENCES orgs (tenant_id, id),
            FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id));`,
      },
    ]);
    const spread = describePlan(createPlan(schema, { defaultRows: 100 }));
    const source = (table: string) =>
      spread.tables.find((t) => t.table === table)?.columns.find((c) => c.name === 'tenant_id')?.source;
    // members' key decides its FK to orgs: its rows take the tenants of the orgs rows it picks.
    expect(source('public.members')).toContain(
      '32 tenants, as the parent row members_tenant_id_org_id_fkey picks',
    );
    // A tree through the tenant column (a self-reference picks among earlier rows, not within a stripe).
    const tree = await parseDdl([
      {
        file: 'f.sql',
        text: `CREATE TABLE tenants (id int PRIMARY KEY);
          CREATE TABLE users (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, PRIMARY KEY (tenant_id, id));
          CREATE TABLE folders (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, parent_id int,
            owner_id int NOT NULL, PRIMARY KEY (tenant_id, id),
            FOREIGN KEY (tenant_id, parent_id) REFERENCES folders (tenant_id, id),
            FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id));`,
      },
    ]);
    const folders = describePlan(createPlan(tree.schema, { defaultRows: 100 }));
    expect(
      folders.tables.find((t) => t.table === 'public.folders')?.columns.find((c) => c.name === 'tenant_id')
        ?.source,
    ).toContain('one tenant');
    const docsOnly = await parseDdl([
      {
        file: 'd.sql',
        text: `CREATE TABLE tenants (id int PRIMARY KEY);
          CREATE TABLE users (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, PRIMARY KEY (tenant_id, id));
          CREATE TABLE folders (tenant_id int NOT NULL REFERENCES tenants, id int NOT NULL, PRIMARY KEY (tenant_id, id));
          CREATE TABLE docs (tenant_id int NOT NULL REFERENCES tenants, id int PRIMARY KEY, owner_id int NOT NULL,
            folder_id int NOT NULL, FOREIGN KEY (tenant_id, owner_id) REFERENCES users (tenant_id, id),
            FOREIGN KEY (tenant_id, folder_id) REFERENCES folders (tenant_id, id));`,
      },
    ]);
    const docs = describePlan(createPlan(docsOnly.schema, { defaultRows: 100 }));
    const docsSource = docs.tables
      .find((t) => t.table === 'public.docs')
      ?.columns.find((c) => c.name === 'tenant_id');
    expect(docsSource?.source).toContain('32 tenants');
  });

  it('a composite FK declared twice over columns of two classes (a mutated TPC-H): one value per class, every FK valid', async () => {
    const { counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE part (p_partkey int PRIMARY KEY, name text);
       CREATE TABLE supplier (s_suppkey int NOT NULL, name text);
       ALTER TABLE supplier ADD PRIMARY KEY (s_suppkey);
       CREATE TABLE partsupp (ps_partkey int NOT NULL REFERENCES part, ps_suppkey int NOT NULL REFERENCES supplier,
         PRIMARY KEY (ps_partkey, ps_suppkey));
       CREATE TABLE lineitem (l_orderkey int NOT NULL, l_partkey int NOT NULL, l_suppkey int NOT NULL);
       ALTER TABLE lineitem ADD FOREIGN KEY (l_partkey, l_suppkey) REFERENCES partsupp (ps_partkey, ps_suppkey);
       ALTER TABLE lineitem ADD FOREIGN KEY (l_partkey, l_suppkey) REFERENCES partsupp (ps_partkey, ps_suppkey);`,
      { defaultRows: 20, seed: 3 },
    );
    expect(counts.get('public.lineitem')).toBe(20);
  });
});

/**
 * Generator version 3: Rails' bookkeeping tables as Rails writes them,
 * loaded into the real server: `ar_internal_metadata` holds `environment`
 * → an environment name and `schema_sha1` → 40 hex digits (then settings
 * whose values fit their keys), `schema_migrations.version` 14-digit
 * timestamps (values-look-real.test.ts checks their order).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const RAILS = `CREATE TABLE public.ar_internal_metadata (key character varying NOT NULL,
  value character varying, created_at timestamp(6) without time zone NOT NULL,
  updated_at timestamp(6) without time zone NOT NULL);
ALTER TABLE ONLY public.ar_internal_metadata ADD CONSTRAINT ar_internal_metadata_pkey PRIMARY KEY (key);
CREATE TABLE public.schema_migrations (version character varying NOT NULL PRIMARY KEY);
CREATE TABLE app.ar_internal_metadata (key varchar(40), value text);`;

describe("Rails' ar_internal_metadata", () => {
  beforeAll(async () => {
    db = await createTestDatabase('railsmeta');
  });
  afterAll(async () => db.close());

  it('environment and schema_sha1 rows as Rails writes them, other keys settings, values fitting their keys', async () => {
    const { target } = await loadGenerated(db, `CREATE SCHEMA app;\n${RAILS}`, { defaultRows: 40, seed: 2 });
    const q = (sql: string) => count(target, sql);
    const meta = 'public.ar_internal_metadata';
    const env = await target.query<{ value: string | null }>(
      `SELECT value FROM ${meta} WHERE key = 'environment'`,
    );
    expect(env).toHaveLength(1);
    expect(['production', 'staging', 'development', 'test', null]).toContain(env[0]?.value);
    expect(await q(`SELECT count(*) AS n FROM ${meta} WHERE key = 'schema_sha1'`)).toBe(1);
    expect(
      await q(`SELECT count(*) AS n FROM ${meta} WHERE key = 'schema_sha1' AND value !~ '^[0-9a-f]{40}$'`),
    ).toBe(0);
    // Keys are snake_case settings (numbered past the list), never word-word-N text.
    expect(await q(`SELECT count(*) AS n FROM ${meta} WHERE key !~ '^[a-z][a-z0-9_]*( [0-9]+)?$'`)).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM ${meta} WHERE key ~ '_at( [0-9]+)?$' AND value !~ '^20'`)).toBe(
      0,
    );
    expect(await q(`SELECT count(*) AS n FROM ${meta} WHERE created_at > updated_at`)).toBe(0);
    // Without a key: mostly Rails' environment row.
    expect(
      await q("SELECT count(*) AS n FROM app.ar_internal_metadata WHERE key = 'environment'"),
    ).toBeGreaterThan(20);
    expect(
      await q(`SELECT count(*) AS n FROM app.ar_internal_metadata
        WHERE key = 'environment' AND value NOT IN ('production', 'staging', 'development', 'test')`),
    ).toBe(0);
  });
});

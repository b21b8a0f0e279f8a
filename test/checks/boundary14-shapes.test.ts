/**
 * Empty tables in real schemas (issue 8, boundary14): each root cause reduced
 * to a minimal shape, generated and loaded into the real server with every
 * constraint in place (a plain script with psql ON_ERROR_STOP and a custom
 * archive through pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('boundary14: empty tables in real schemas', () => {
  beforeAll(async () => {
    db = await createTestDatabase('boundary14shapes');
  });
  afterAll(async () => db.close());

  it("Boundary's iam_scope: a nullable composite FK back from a non-unique parent column is left NULL, the key keeps its domain, 'global' is held beside the tenants", async () => {
    // Before: "internal error: Maximum call stack size exceeded" on the smallest shape; with tenants, iam_scope
    // 1 row and iam_scope_global, plugin empty, exit 0 and the script stopped at vlib's composite FK.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN wt_scope_id AS text CHECK (length(trim(VALUE)) > 10 OR VALUE = 'global');
       CREATE DOMAIN wt_public_id AS text CHECK (length(trim(VALUE)) > 10);
       CREATE TABLE iam_scope (public_id wt_scope_id PRIMARY KEY, name text);
       CREATE TABLE iam_scope_global (
         scope_id wt_scope_id PRIMARY KEY REFERENCES iam_scope (public_id) CHECK (scope_id = 'global'),
         name text UNIQUE);
       CREATE TABLE auth_method (public_id wt_public_id PRIMARY KEY,
         scope_id wt_scope_id NOT NULL REFERENCES iam_scope (public_id), UNIQUE (scope_id, public_id));
       ALTER TABLE iam_scope ADD COLUMN primary_auth_method_id wt_public_id REFERENCES auth_method (public_id);
       ALTER TABLE iam_scope ADD CONSTRAINT auth_method FOREIGN KEY (public_id, primary_auth_method_id)
         REFERENCES auth_method (scope_id, public_id);
       CREATE TABLE plugin (public_id wt_public_id PRIMARY KEY,
         scope_id wt_scope_id NOT NULL REFERENCES iam_scope_global (scope_id));
       CREATE TABLE store (public_id wt_public_id PRIMARY KEY,
         project_id wt_scope_id NOT NULL REFERENCES iam_scope (public_id), UNIQUE (project_id, public_id));
       CREATE TABLE lib (public_id wt_public_id PRIMARY KEY, store_id wt_public_id NOT NULL, type text NOT NULL,
         project_id wt_scope_id NOT NULL, UNIQUE (project_id, public_id),
         UNIQUE (project_id, store_id, public_id, type),
         FOREIGN KEY (project_id, store_id) REFERENCES store (project_id, public_id));
       CREATE TABLE vlib (public_id wt_public_id PRIMARY KEY, store_id wt_public_id NOT NULL, type text NOT NULL,
         project_id wt_scope_id NOT NULL, UNIQUE (project_id, store_id, public_id, type),
         FOREIGN KEY (public_id, store_id, type, project_id) REFERENCES lib (public_id, store_id, type, project_id),
         FOREIGN KEY (project_id, store_id) REFERENCES store (project_id, public_id));
       CREATE TABLE glib (public_id wt_public_id PRIMARY KEY, store_id wt_public_id NOT NULL, type text NOT NULL,
         project_id wt_scope_id NOT NULL,
         FOREIGN KEY (project_id, store_id, public_id, type) REFERENCES vlib (project_id, store_id, public_id, type),
         FOREIGN KEY (project_id, public_id) REFERENCES lib (project_id, public_id));`,
      { defaultRows: 100, seed: 1 },
    );
    expect(counts.get('public.iam_scope')).toBe(100);
    expect(counts.get('public.iam_scope_global')).toBe(1);
    expect(counts.get('public.plugin')).toBe(100);
    expect(counts.get('public.vlib')).toBeGreaterThan(0);
    // Version 19 fills primary_auth_method_id where the composite FK can be met (ex26); version 18 left it NULL.
    expect(result.warnings).not.toContainEqual(
      expect.objectContaining({ code: 'COLUMN_LEFT_NULL', where: 'public.iam_scope.primary_auth_method_id' }),
    );
  });

  it('filling in place: a CHECK IN list on an FK to rows the schema seeded is met by those rows (LedgerSMB entity_credit_account)', async () => {
    // Before: 'the CHECKs on public.entity_credit_account.entity_class leave no row of public.entity_class (of 0)
    // to point to': the list's window was taken over the parent's new rows only, and eca_note below it was empty.
    const target = await db.createSibling();
    await target.query(`
      CREATE TABLE entity_class (id serial PRIMARY KEY, class text NOT NULL);
      INSERT INTO entity_class (class) VALUES ('Vendor'), ('Customer'), ('Employee'), ('Contact');
      CREATE TABLE entity (id serial PRIMARY KEY, name text, entity_class int NOT NULL REFERENCES entity_class (id));
      CREATE TABLE entity_credit_account (id serial NOT NULL UNIQUE, entity_id int NOT NULL REFERENCES entity (id),
        entity_class int NOT NULL REFERENCES entity_class (id) CHECK (entity_class IN (1, 2)));
      CREATE TABLE eca_note (id serial PRIMARY KEY, ref_key int NOT NULL REFERENCES entity_credit_account (id));`);
    await generate({ connection: { dbname: target.connectionString }, defaultRows: 40, seed: 1 });
    const counts = Object.fromEntries(await userTableRowCounts(target));
    expect(counts).toMatchObject({
      'public.entity_class': 4,
      'public.entity': 40,
      'public.entity_credit_account': 40,
      'public.eca_note': 40,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    const classes = await target.query<{ c: number }>(
      'SELECT DISTINCT entity_class AS c FROM entity_credit_account ORDER BY 1',
    );
    expect(classes.map((r) => Number(r.c))).toEqual([1, 2]);
  });

  it("POSIX classes [:print:], [:graph:] and [:cntrl:] are evaluated (Boundary's server_worker description)", async () => {
    // Before: 'public.server_worker gets no rows ... which datagen cannot evaluate for these values (pattern
    // [^[:print:]])', and every table below it stayed empty.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE server_worker (public_id text PRIMARY KEY,
         description text CONSTRAINT description_only_has_printable_characters
           CHECK (description IS NULL OR description !~ '[^[:print:]]'),
         name text NOT NULL CHECK (name ~ '^[[:graph:]]+$') CHECK (name !~ '[[:cntrl:]]'));
       CREATE TABLE worker_tag (worker_id text NOT NULL REFERENCES server_worker, tag text);`,
      { defaultRows: 100, seed: 1 },
    );
    expect(counts.get('public.server_worker')).toBe(100);
    expect(counts.get('public.worker_tag')).toBe(100);
    expect(result.warnings).toEqual([]);
  });

  it('a NOT NULL 1:1 FK cycle below a parent that gets its rows a pass late keeps its rows (Boundary storage buckets)', async () => {
    // Before: 'public.bucket gets no rows instead of 50: its unique keys over foreign keys to its own rows ...
    // bound its rows by themselves; the planner settled there' (cred too): plugin had no rows on an early pass,
    // bucket none then, cred none from it, and the cycle kept itself empty.
    const { counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE iam_scope (public_id text PRIMARY KEY, name text);
       CREATE TABLE iam_scope_global (scope_id text PRIMARY KEY REFERENCES iam_scope (public_id)
         CHECK (scope_id = 'global'));
       CREATE TABLE plugin (public_id text PRIMARY KEY, scope_id text NOT NULL REFERENCES iam_scope_global (scope_id));
       CREATE TABLE bucket (public_id text PRIMARY KEY, plugin_id text NOT NULL REFERENCES plugin (public_id),
         cred_id text NOT NULL);
       CREATE TABLE cred (private_id text PRIMARY KEY, bucket_id text NOT NULL UNIQUE REFERENCES bucket (public_id));
       ALTER TABLE bucket ADD FOREIGN KEY (cred_id) REFERENCES cred (private_id);`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.plugin')).toBe(50);
    expect(counts.get('public.bucket')).toBe(50);
    expect(counts.get('public.cred')).toBe(50);
  });

  it('a one-expression function dropped and made again is inlined into the CHECKs that call it (Boundary wt_to_sentinel)', async () => {
    // Before: 'public.rs gets no rows ... which datagen cannot evaluate for these values (function
    // wt_to_sentinel())': its second definition made the name ambiguous, so it was never inlined.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE FUNCTION wt_to_sentinel(string text) RETURNS text AS $$
         SELECT concat(u&'\\fffe', trim(ltrim(string, u&'\\fffe '))); $$ LANGUAGE sql IMMUTABLE;
       DROP FUNCTION wt_to_sentinel;
       CREATE FUNCTION wt_to_sentinel(string text) RETURNS text AS $$
         SELECT concat(u&'\\fffe', trim(trailing u&'\\ffff' from trim(leading u&'\\fffe ' from string)), u&'\\ffff');
       $$ LANGUAGE sql IMMUTABLE RETURNS NULL ON NULL INPUT;
       CREATE TABLE rs (id int PRIMARY KEY, state text NOT NULL CHECK (state IN ('started', 'available', 'unknown')),
         error_details text NOT NULL DEFAULT wt_to_sentinel('no error details'),
         CONSTRAINT error_details_set_iff_state_not_started CHECK (
           (error_details = wt_to_sentinel('no error details') AND state IN ('started', 'available'))
           OR (error_details <> wt_to_sentinel('no error details') AND state = 'unknown')));`,
      { defaultRows: 60, seed: 1 },
    );
    expect(counts.get('public.rs')).toBe(60);
    const [sentinel] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM rs WHERE error_details = wt_to_sentinel('no error details')`,
    );
    expect(Number(sentinel?.n)).toBeGreaterThan(0);
  });

  it("a fold over a fold of the column (lower(trim(value)) = value) is read as both folds (Boundary's wt_tagpair)", async () => {
    // Before: 'public.server_worker_config_tag gets no rows ... row 0 still fails CHECK wt_tagpair_check'.
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE DOMAIN wt_tagpair AS text CHECK (VALUE IS NOT NULL AND length(trim(VALUE)) > 0
         AND length(trim(VALUE)) <= 512 AND lower(trim(VALUE)) = VALUE);
       CREATE TABLE server_worker (public_id text PRIMARY KEY);
       CREATE TABLE server_worker_config_tag (worker_id text NOT NULL REFERENCES server_worker,
         key wt_tagpair, value wt_tagpair, PRIMARY KEY (worker_id, key, value));
       CREATE TABLE u (id int PRIMARY KEY, code text NOT NULL CHECK (upper(btrim(code)) = code));`,
      { defaultRows: 100, seed: 1 },
    );
    expect(counts.get('public.server_worker_config_tag')).toBe(100);
    expect(counts.get('public.u')).toBe(100);
    expect(result.warnings).toEqual([]);
  });
});

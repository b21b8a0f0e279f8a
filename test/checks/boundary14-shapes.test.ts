/**
 * Empty tables in real schemas (issue 8, boundary14): each root cause reduced
 * to a minimal shape, generated and loaded into the real server with every
 * constraint in place (a plain script with psql ON_ERROR_STOP and a custom
 * archive through pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'COLUMN_LEFT_NULL', where: 'public.iam_scope.primary_auth_method_id' }),
    );
  });
});

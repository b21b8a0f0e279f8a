/**
 * Hard shapes left open in real schemas (issue 8, shapes20), each as a
 * minimal shape, generated and loaded into the real server with every
 * constraint in place (a plain script with psql ON_ERROR_STOP and a custom
 * archive through pg_restore --exit-on-error).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('shapes20shapes');

describe('shapes20: hard shapes in real schemas', () => {
  it("a key that extends a tenant key through a composite FK takes its parent's rows (Boundary's auth_password_method)", async () => {
    // Before: 'public.pw_method: PRIMARY KEY pw_method_pkey (id) allows only 1 distinct value (all its columns are
    // decided by other constraints), so it gets 1 row instead of 40' (and pw_conf below it 1 row too).
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE scope (id text PRIMARY KEY, name text);
       CREATE TABLE method (id text PRIMARY KEY, scope_id text NOT NULL REFERENCES scope (id), UNIQUE (scope_id, id));
       CREATE TABLE pw_method (id text PRIMARY KEY, scope_id text NOT NULL,
         FOREIGN KEY (scope_id, id) REFERENCES method (scope_id, id), UNIQUE (scope_id, id));
       CREATE TABLE pw_conf (method_id text PRIMARY KEY, scope_id text NOT NULL, iterations int NOT NULL,
         FOREIGN KEY (scope_id, method_id) REFERENCES pw_method (scope_id, id), UNIQUE (scope_id, method_id));
       CREATE TABLE account (id text PRIMARY KEY, method_id text NOT NULL, scope_id text NOT NULL,
         FOREIGN KEY (scope_id, method_id) REFERENCES method (scope_id, id), UNIQUE (scope_id, method_id, id));
       CREATE TABLE pw_account (id text PRIMARY KEY, method_id text NOT NULL, scope_id text NOT NULL,
         FOREIGN KEY (scope_id, method_id) REFERENCES pw_conf (scope_id, method_id),
         FOREIGN KEY (scope_id, method_id, id) REFERENCES account (scope_id, method_id, id));`,
      { defaultRows: 40, seed: 1 },
    );
    for (const t of ['scope', 'method', 'pw_method', 'pw_conf', 'account', 'pw_account'])
      expect(counts.get(`public.${t}`)).toBe(40);
    expect(result.warnings.filter((w) => w.message.includes('distinct value'))).toEqual([]);
    // Row for row the base's: every method is a password method, the conf its own.
    const [same] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM method m JOIN pw_method p USING (id, scope_id) JOIN pw_conf c
         ON c.method_id = p.id AND c.scope_id = p.scope_id`,
    );
    expect(Number(same?.n)).toBe(40);
  });
});

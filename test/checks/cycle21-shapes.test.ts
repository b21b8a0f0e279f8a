/**
 * Tables cut to one row or FK columns left NULL by a cycle through a
 * composite foreign key (issue 8, cycle21), each as a minimal shape,
 * generated and loaded into the real server with every constraint in place
 * (a plain script with psql ON_ERROR_STOP and a custom archive through
 * pg_restore --exit-on-error).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('cycle21shapes');

describe('cycle21: a column that reads another table’s row back', () => {
  it('a DEFERRABLE FK cycle sharing the key column: every row, each pointing at a conf of its own (Boundary auth_password_method)', async () => {
    // Before: 'public.pw_method: PRIMARY KEY pw_method_pkey (id) allows only 1 distinct value (all its columns are
    // decided by other constraints), so it gets 1 row instead of 40': id was pinned through current_conf_fkey.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE scope (id text PRIMARY KEY, name text);
       CREATE TABLE method (id text PRIMARY KEY, scope_id text NOT NULL REFERENCES scope (id), UNIQUE (scope_id, id));
       CREATE TABLE pw_method (id text PRIMARY KEY, scope_id text NOT NULL, conf_id text NOT NULL,
         FOREIGN KEY (scope_id, id) REFERENCES method (scope_id, id), UNIQUE (scope_id, id));
       CREATE TABLE pw_conf (id text PRIMARY KEY, iterations int NOT NULL CHECK (iterations > 0),
         method_id text NOT NULL REFERENCES pw_method (id) DEFERRABLE INITIALLY DEFERRED, UNIQUE (method_id, id));
       ALTER TABLE pw_method ADD CONSTRAINT current_conf_fkey FOREIGN KEY (id, conf_id)
         REFERENCES pw_conf (method_id, id) DEFERRABLE INITIALLY DEFERRED;
       CREATE TABLE account (id text PRIMARY KEY, method_id text NOT NULL, scope_id text NOT NULL,
         FOREIGN KEY (scope_id, method_id) REFERENCES method (scope_id, id), UNIQUE (scope_id, method_id, id));
       CREATE TABLE pw_account (id text PRIMARY KEY, method_id text NOT NULL, scope_id text NOT NULL,
         FOREIGN KEY (scope_id, method_id) REFERENCES pw_method (scope_id, id),
         FOREIGN KEY (scope_id, method_id, id) REFERENCES account (scope_id, method_id, id));`,
      { defaultRows: 40, seed: 1 },
    );
    for (const t of ['scope', 'method', 'pw_method', 'pw_conf', 'account', 'pw_account'])
      expect(counts.get(`public.${t}`), t).toBe(40);
    expect(result.warnings).toEqual([]);
    const [same] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM pw_method m JOIN pw_conf c ON c.id = m.conf_id AND c.method_id = m.id',
    );
    expect(Number(same?.n)).toBe(40);
  });

  it('a header pointing at its latest revision, the revision at its header: master_revision_id is set (BookBrainz)', async () => {
    // Before: 'public.author_header.master_revision_id is left NULL in every row: foreign key ... shares bbid,
    // the table's own key, with another foreign key'.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE entity (bbid uuid PRIMARY KEY, type text NOT NULL);
       CREATE TABLE author_header (bbid uuid PRIMARY KEY REFERENCES entity (bbid), master_revision_id int);
       CREATE TABLE revision (id serial PRIMARY KEY, created_at timestamp NOT NULL DEFAULT now());
       CREATE TABLE author_revision (id int REFERENCES revision (id), bbid uuid REFERENCES author_header (bbid),
         is_merge boolean NOT NULL DEFAULT false, created_at timestamp NOT NULL, PRIMARY KEY (id, bbid));
       ALTER TABLE author_header ADD FOREIGN KEY (master_revision_id, bbid) REFERENCES author_revision (id, bbid);`,
      { defaultRows: 30, seed: 3 },
    );
    for (const t of ['entity', 'author_header', 'revision', 'author_revision'])
      expect(counts.get(`public.${t}`), t).toBe(30);
    expect(result.warnings.filter((w) => w.where.startsWith('public.author_header'))).toEqual([]);
    const [held] = await target.query<{ set: string; own: string; spread: string }>(
      `SELECT count(h.master_revision_id) AS set, count(r.id) AS own,
              (SELECT count(DISTINCT bbid) FROM author_revision) AS spread
         FROM author_header h LEFT JOIN author_revision r ON r.id = h.master_revision_id AND r.bbid = h.bbid`,
    );
    expect([Number(held?.set), Number(held?.own)]).toEqual([30, 30]);
    expect(Number(held?.spread)).toBe(30);
  });

  it('fewer parent rows than the header: the rows past them NULL where nullable, else held to the parent; a NOT NULL one under a composite key', async () => {
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE head (id int PRIMARY KEY, rev_id int, note text);
       CREATE TABLE rev (id int PRIMARY KEY, head_id int NOT NULL REFERENCES head (id), UNIQUE (head_id, id));
       ALTER TABLE head ADD FOREIGN KEY (id, rev_id) REFERENCES rev (head_id, id);
       CREATE TABLE strict_head (id int PRIMARY KEY, rev_id int NOT NULL);
       CREATE TABLE strict_rev (id int PRIMARY KEY, head_id int NOT NULL REFERENCES strict_head (id), UNIQUE (head_id, id));
       ALTER TABLE strict_head ADD FOREIGN KEY (id, rev_id) REFERENCES strict_rev (head_id, id)
         DEFERRABLE INITIALLY DEFERRED;
       CREATE TABLE key_head (id int PRIMARY KEY, rev_id int NOT NULL);
       CREATE TABLE key_rev (id int, head_id int NOT NULL REFERENCES key_head (id), PRIMARY KEY (id, head_id));
       ALTER TABLE key_head ADD FOREIGN KEY (id, rev_id) REFERENCES key_rev (head_id, id);`,
      { defaultRows: 40, tables: { rev: 25, strict_rev: 25 }, seed: 2 },
    );
    expect(counts.get('public.head')).toBe(40);
    expect(counts.get('public.rev')).toBe(25);
    expect(counts.get('public.strict_head')).toBe(25);
    expect(counts.get('public.strict_rev')).toBe(25);
    // Before: key_head and key_rev got no rows ('its foreign keys read public.key_head.id back from itself').
    expect(counts.get('public.key_head')).toBe(40);
    expect(counts.get('public.key_rev')).toBe(40);
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['ROWS_REDUCED public.strict_head']);
    const [held] = await target.query<{ n: string }>('SELECT count(rev_id) AS n FROM head');
    expect(Number(held?.n)).toBe(25);
  });

  it('two composite FKs overlapping on a store: the second holds through the store the first parent points at, whose extension it references (Boundary credential_vault_library)', async () => {
    // Before: store_id and project_id 'shared by overlapping composite foreign keys: one value through all of
    // them in a row (one tenant for the whole chain)': every vlib row in one store of one project.
    const family = (n: string) => `
       CREATE TABLE store${n} (public_id text PRIMARY KEY, project_id text NOT NULL REFERENCES project,
         UNIQUE (project_id, public_id));
       CREATE TABLE vstore${n} (public_id text PRIMARY KEY, project_id text NOT NULL, UNIQUE (project_id, public_id),
         FOREIGN KEY (project_id, public_id) REFERENCES store${n} (project_id, public_id));
       CREATE TABLE lib${n} (public_id text PRIMARY KEY, store_id text NOT NULL, project_id text NOT NULL, type text NOT NULL,
         FOREIGN KEY (project_id, store_id) REFERENCES store${n} (project_id, public_id),
         UNIQUE (public_id, store_id, type, project_id));
       CREATE TABLE vlib${n} (public_id text PRIMARY KEY, store_id text NOT NULL, project_id text NOT NULL, type text NOT NULL,
         FOREIGN KEY (public_id, store_id, type, project_id) REFERENCES lib${n} (public_id, store_id, type, project_id),
         FOREIGN KEY (project_id, store_id) REFERENCES vstore${n} (project_id, public_id));`;
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE project (id text PRIMARY KEY); ${family('')} ${family('_few')}
       CREATE TABLE dyn (public_id text PRIMARY KEY, library_id text NOT NULL REFERENCES lib (public_id),
         UNIQUE (library_id, public_id));
       CREATE TABLE cred (public_id text PRIMARY KEY, library_id text,
         FOREIGN KEY (library_id, public_id) REFERENCES dyn (library_id, public_id),
         FOREIGN KEY (library_id) REFERENCES vlib (public_id));`,
      { defaultRows: 40, tables: { vstore_few: 20 }, seed: 1 },
    );
    // cred's (library_id) → vlib holds through vlib's four-column extension of lib (credential_vault_credential).
    for (const t of ['project', 'store', 'vstore', 'lib', 'vlib', 'lib_few', 'dyn', 'cred'])
      expect(counts.get(`public.${t}`), t).toBe(40);
    const [spread] = await target.query<{ stores: string; projects: string }>(
      'SELECT count(DISTINCT store_id) AS stores, count(DISTINCT project_id) AS projects FROM vlib',
    );
    expect(Number(spread?.stores)).toBeGreaterThan(10);
    expect(Number(spread?.projects)).toBeGreaterThan(5);
    const [libraries] = await target.query<{ n: string }>('SELECT count(DISTINCT library_id) AS n FROM cred');
    expect(Number(libraries?.n)).toBeGreaterThan(10);
    // An extension with fewer rows than its base does not hold every store: that table gets none, told.
    expect(counts.get('public.vlib_few')).toBe(0);
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual(['TABLE_EMPTY public.vlib_few']);
  });
});

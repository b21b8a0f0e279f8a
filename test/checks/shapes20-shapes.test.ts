/**
 * Hard shapes left open in real schemas (issue 8, shapes20), each as a
 * minimal shape, generated and loaded into the real server with every
 * constraint in place (a plain script with psql ON_ERROR_STOP and a custom
 * archive through pg_restore --exit-on-error).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { entryKey, readToc, type TocEntry } from '../helpers/archive-toc.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
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

  it('isempty(r) and NOT isempty(r) are requirements on the range; other range forms load by evaluation', async () => {
    // Before: 'public.empty_r gets 4 rows instead of 60: row 4 still fails CHECK ... (isempty(r))'.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE empty_r (id int PRIMARY KEY, r int4range NOT NULL, m datemultirange NOT NULL,
         d daterange CHECK (d IS NULL OR isempty(d)), CHECK (isempty(r)), CHECK (isempty(m)));
       CREATE TABLE spans_r (id int PRIMARY KEY, c timestamptz NOT NULL, n int NOT NULL,
         r tstzrange NOT NULL CHECK (NOT isempty(r)), s int4range NOT NULL, q numrange NOT NULL,
         CHECK (lower(r) <= c), CHECK (upper(s) > n), CHECK (lower_inc(q)), CHECK (upper_inf(r) OR NOT upper_inc(r)));`,
      { defaultRows: 60, seed: 2 },
    );
    expect(counts.get('public.empty_r')).toBe(60);
    expect(counts.get('public.spans_r')).toBe(60);
    expect(result.warnings.filter((w) => w.message.includes('_r'))).toEqual([]);
    const [held] = await target.query<{ e: string; ne: string }>(
      `SELECT (SELECT count(*) FROM empty_r WHERE isempty(r) AND isempty(m)) AS e,
              (SELECT count(*) FROM spans_r WHERE NOT isempty(r) AND (lower(r) <= c) IS NOT FALSE AND (upper(s) > n) IS NOT FALSE) AS ne`,
    );
    expect([Number(held?.e), Number(held?.ne)]).toEqual([60, 60]);
  });

  it('positive look-aheads (?=.*X) in a pattern CHECK are generated (a digit, an upper-case letter somewhere)', async () => {
    // Before: 'cannot generate strings for the CHECK pattern ... (look-around in every branch)', no rows.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE codes (id int PRIMARY KEY, code text NOT NULL UNIQUE CHECK (code ~ '^(?=.*[0-9])[a-z0-9]{6,10}$'),
         pw text NOT NULL CHECK (pw ~ '^(?=.*[A-Z])(?=[^0-9]*[0-9]).{8,}$'),
         tag varchar(8) CHECK (tag ~ '^(?=[a-z])[a-z0-9-]+$'));`,
      { defaultRows: 80, seed: 1 },
    );
    expect(counts.get('public.codes')).toBe(80);
    const [held] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM codes WHERE code ~ '[0-9]' AND pw ~ '[A-Z]' AND pw ~ '[0-9]' AND length(pw) >= 8`,
    );
    expect(Number(held?.n)).toBe(80);
  });

  it("publications are archived as pg_dump 15's entries: one per publication, table and schema, after ALTER PUBLICATION ADD / DROP / SET", async () => {
    // Before: one PUBLICATION entry per publication holding its CREATE and every ALTER as written.
    const ddl = `CREATE SCHEMA s2;
       CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY); CREATE TABLE c (id int PRIMARY KEY);
       CREATE TABLE s2.d (id int PRIMARY KEY);
       CREATE PUBLICATION p_all FOR ALL TABLES;
       CREATE PUBLICATION p1 FOR TABLE a, b;
       ALTER PUBLICATION p1 ADD TABLE c;
       ALTER PUBLICATION p1 DROP TABLE b;
       CREATE PUBLICATION p2;
       ALTER PUBLICATION p2 SET TABLE b, ONLY c (id);
       CREATE PUBLICATION p3 FOR TABLES IN SCHEMA s2;
       CREATE PUBLICATION p4 FOR TABLE a WHERE (id > 5), TABLES IN SCHEMA s2 WITH (publish = 'insert');
       ALTER PUBLICATION p4 SET (publish = 'insert, update');
       COMMENT ON PUBLICATION p1 IS 'first';`;
    const { restored } = await loadScriptAndArchive(db, ddl, { defaultRows: 5, seed: 1 });
    const dir = tempDir();
    const [file, made, dumped] = [
      join(dir, 'schema.sql'),
      join(dir, 'datagen.dump'),
      join(dir, 'pg_dump.dump'),
    ];
    writeFileSync(file, ddl);
    await generate({ schema: [file], output: made, defaultRows: 5, seed: 1, format: 'custom' });
    const original = await db.createSibling();
    await original.runAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', original.name, '-f', file]);
    await original.runAsync('pg_dump', ['-Fc', '-f', dumped, original.name]);
    const publications = (entries: TocEntry[]) =>
      entries
        .filter((e) => e.desc.startsWith('PUBLICATION') || e.tag.startsWith('PUBLICATION '))
        .map(entryKey)
        .sort();
    const ours = publications(await readToc(db, made));
    expect(ours).toEqual(publications(await readToc(db, dumped)));
    expect(ours).toContain('PUBLICATION TABLE public p1 c');
    expect(ours).toContain('PUBLICATION TABLES IN SCHEMA s2 p4 s2');
    // What the restored archive publishes is what the DDL publishes.
    const published = `SELECT p.pubname, p.pubinsert, p.pubupdate, t.schemaname, t.tablename, t.rowfilter
       FROM pg_publication p LEFT JOIN pg_publication_tables t USING (pubname) ORDER BY 1, 4, 5`;
    expect(await restored.query(published)).toEqual(await original.query(published));
  });
});

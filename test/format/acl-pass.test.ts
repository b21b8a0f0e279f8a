/**
 * Privileges last, as pg_dump writes them (format/acl-pass.ts): a plain
 * script's GRANT/REVOKE after the data and the post-data, before the event
 * triggers (which would fire on them) and REFRESH MATERIALIZED VIEW; -s
 * likewise. An archive's ACL entries stand after their objects as in
 * pg_dump's TOC, and pg_restore runs them in its ACL pass. A default
 * privilege that later DDL relies on stays where it stands.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const ROLE = 'acl_pass_reader';
const DDL = `
CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
GRANT SELECT ON author TO ${ROLE};
CREATE TABLE book (id int PRIMARY KEY, author_id int NOT NULL REFERENCES author, title text);
CREATE INDEX book_author ON book (author_id);
GRANT SELECT, INSERT ON book TO ${ROLE};
REVOKE INSERT ON book FROM ${ROLE};
CREATE MATERIALIZED VIEW book_count AS SELECT count(*) AS n FROM book;
GRANT SELECT ON book_count TO ${ROLE};
CREATE FUNCTION noted() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN END $$;
CREATE EVENT TRIGGER noted ON ddl_command_end EXECUTE FUNCTION noted();
`;

const db = useTestDatabase('acl_pass');

async function withRole(): Promise<void> {
  await db.query(`DO $$ BEGIN CREATE ROLE ${ROLE}; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
}

/** Where each of these lines first (or last) occurs in the script. */
function at(text: string, line: string, last = false): number {
  const i = last ? text.lastIndexOf(line) : text.indexOf(line);
  expect(i, line).toBeGreaterThanOrEqual(0);
  return i;
}

describe('privileges in pg_dump ACL pass order', () => {
  it('plain: GRANT/REVOKE after the data and post-data, before the event trigger and the REFRESH; loads with the same privileges', async () => {
    await withRole();
    const { scriptText: text, script, archive } = await loadScriptAndArchive(db, DDL, { rows: 20, seed: 1 });
    const firstAcl = at(text, 'GRANT SELECT ON author');
    expect(firstAcl).toBeGreaterThan(at(text, '\\.\n', true));
    expect(firstAcl).toBeGreaterThan(at(text, 'CREATE INDEX book_author'));
    expect(firstAcl).toBeGreaterThan(at(text, 'FOREIGN KEY'));
    expect(at(text, 'REVOKE INSERT ON book')).toBeGreaterThan(at(text, 'GRANT SELECT, INSERT ON book'));
    expect(at(text, 'CREATE EVENT TRIGGER noted')).toBeGreaterThan(at(text, 'GRANT SELECT ON book_count'));
    expect(at(text, 'REFRESH MATERIALIZED VIEW')).toBeGreaterThan(at(text, 'GRANT SELECT ON book_count'));
    for (const target of [script, archive]) {
      const [row] = await target.query<Record<string, boolean>>(
        `SELECT has_table_privilege('${ROLE}', 'author', 'SELECT') AS a,
                has_table_privilege('${ROLE}', 'book', 'SELECT') AS b,
                has_table_privilege('${ROLE}', 'book', 'INSERT') AS bi,
                has_table_privilege('${ROLE}', 'book_count', 'SELECT') AS c`,
      );
      expect(row).toEqual({ a: true, b: true, bi: false, c: true });
    }
  });

  it('-s: the same order without data', async () => {
    await withRole();
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.sql'), DDL);
    const output = join(dir, 'schema-only.sql');
    await generate({ schema: [join(dir, 'schema.sql')], output, schemaOnly: true });
    const text = readFileSync(output, 'utf8');
    expect(text).not.toContain('COPY ');
    expect(at(text, 'GRANT SELECT ON author')).toBeGreaterThan(at(text, 'FOREIGN KEY'));
    expect(at(text, 'CREATE EVENT TRIGGER noted')).toBeGreaterThan(at(text, 'GRANT SELECT ON book_count'));
    const target = await db.createSibling();
    target.psqlFile(output);
    const [row] = await target.query<{ a: boolean }>(
      `SELECT has_table_privilege('${ROLE}', 'author', 'SELECT') AS a`,
    );
    expect(row?.a).toBe(true);
  });

  it('archive: ACL entries after their objects (as pg_dump TOC), run by pg_restore after the post-data', async () => {
    await withRole();
    const dir = tempDir();
    writeFileSync(join(dir, 'schema.sql'), DDL);
    const dump = join(dir, 'data.dump');
    await generate({ schema: [join(dir, 'schema.sql')], output: dump, format: 'custom', defaultRows: 5 });
    const list = db.run('pg_restore', ['-l', dump]);
    const lines = list.split('\n').filter((l) => !l.startsWith(';') && l.trim() !== '');
    const table = lines.findIndex((l) => / TABLE public author /.test(l));
    expect(lines[table + 1]).toMatch(/ ACL public TABLE author /);
    const restored = db.run('pg_restore', ['-f', '-', dump]);
    expect(at(restored, 'GRANT SELECT ON author')).toBeGreaterThan(at(restored, 'FOREIGN KEY'));
  });

  it('a default privilege later DDL relies on stays before that DDL (and the privileges before it)', async () => {
    await withRole();
    const ddl = `CREATE TABLE early (id int PRIMARY KEY);
GRANT SELECT ON early TO ${ROLE};
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO ${ROLE};
CREATE TABLE late (id int PRIMARY KEY);
GRANT INSERT ON late TO ${ROLE};
`;
    const { scriptText: text, script } = await loadScriptAndArchive(db, ddl, { rows: 5, seed: 1 });
    expect(at(text, 'ALTER DEFAULT PRIVILEGES')).toBeLessThan(at(text, 'CREATE TABLE public.late'));
    expect(at(text, 'GRANT SELECT ON early')).toBeLessThan(at(text, 'ALTER DEFAULT PRIVILEGES'));
    expect(at(text, 'GRANT INSERT ON late')).toBeGreaterThan(at(text, '\\.\n', true));
    const [row] = await script.query<Record<string, boolean>>(
      `SELECT has_table_privilege('${ROLE}', 'late', 'SELECT') AS s, has_table_privilege('${ROLE}', 'late', 'INSERT') AS i`,
    );
    expect(row).toEqual({ s: true, i: true });
  });
});

/**
 * Schema files in another encoding than UTF-8: pg_dump of a LATIN1 database
 * (plain and custom archive, as real pg_dump writes them) keeps its names,
 * enum labels and CHECK literals; a script declaring KOI8-R or WIN1251 is
 * decoded as declared; a file that is not UTF-8 and declares nothing is read
 * as WIN1252 with a located warning. The output loads into a UTF-8 database.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredEncoding, decodeSql } from '../../src/input/text-encoding.js';
import { assertBuilt, cli } from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const LATIN1_DDL = `CREATE TYPE humeur AS ENUM ('gaie', 'fâchée', 'été');
CREATE TABLE café (
  id int PRIMARY KEY,
  "crème" humeur NOT NULL,
  goût text NOT NULL CHECK (goût IN ('sucré', 'amer', 'doux')),
  note text CHECK (note <> 'ü')
);
CREATE TABLE tasse (id int PRIMARY KEY, café_id int NOT NULL REFERENCES café (id));`;

describe('schema files in other encodings', () => {
  let db: TestDatabase;
  const dir = tempDir('datagen-encoding-');
  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase('enc');
  });
  afterAll(async () => db.close());

  /** Generate from `file` (exit 0, stderr as given back) and load the output into a fresh UTF-8 database. */
  async function generateAndLoad(file: string): Promise<{ target: TestDatabase; stderr: string }> {
    const out = join(dir, `out-${Math.random().toString(36).slice(2)}.sql`);
    const r = spawnSync(process.execPath, [cli, 'generate', file, '--rows', '30', '-f', out], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    target.psqlFile(out);
    return { target, stderr: r.stderr };
  }

  it('a real pg_dump of a LATIN1 database (plain and custom) keeps its names, labels and literals', async () => {
    const latin1 = `${db.name}_latin1`;
    await db.query(
      `CREATE DATABASE ${latin1} TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
    const env = { ...db.env, PGDATABASE: latin1, PGCLIENTENCODING: 'UTF8' };
    const ddl = join(dir, 'latin1-source.sql');
    writeFileSync(ddl, LATIN1_DDL);
    db.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', ddl], { env });
    const plain = join(dir, 'latin1.sql');
    const custom = join(dir, 'latin1.dump');
    // pg_dump writes the database's own encoding (SET client_encoding = 'LATIN1') when not told otherwise.
    const dumpEnv = { ...db.env, PGDATABASE: latin1, PGCLIENTENCODING: '' };
    db.run('pg_dump', ['-s', '-f', plain], { env: dumpEnv });
    db.run('pg_dump', ['-s', '-Fc', '-f', custom], { env: dumpEnv });
    expect(readFileSync(plain, 'latin1')).toContain("SET client_encoding = 'LATIN1';");
    expect(readFileSync(plain, 'latin1')).toContain('CREATE TABLE public."café"');
    try {
      for (const file of [plain, custom]) {
        const { target, stderr } = await generateAndLoad(file);
        expect(stderr).not.toContain('UTF-8');
        expect(await target.query('SELECT count(*)::int AS n FROM café')).toEqual([{ n: 30 }]);
        const labels = await target.query<{ l: string }>(
          "SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = 'humeur'::regtype ORDER BY enumsortorder",
        );
        expect(labels.map((r) => r.l)).toEqual(['gaie', 'fâchée', 'été']);
        const tastes = await target.query<{ g: string }>('SELECT DISTINCT goût AS g FROM café ORDER BY 1');
        expect(tastes.map((r) => r.g)).toEqual(['amer', 'doux', 'sucré']);
        expect(await target.query('SELECT count(*)::int AS n FROM tasse')).toEqual([{ n: 30 }]);
      }
    } finally {
      await db.query(`DROP DATABASE ${latin1}`);
    }
  });

  it('a script with no declared encoding that is not UTF-8 is read as WIN1252, with a located warning', async () => {
    const file = join(dir, 'undeclared.sql');
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('-- menu\nCREATE TABLE '),
        Buffer.from('café', 'latin1'),
        Buffer.from(' (id int PRIMARY KEY);\n'),
      ]),
    );
    const { target, stderr } = await generateAndLoad(file);
    expect(stderr).toContain(
      `${file}:2:17: the file is not valid UTF-8 (byte 0xE9) and declares no other encoding, so it was read as WIN1252`,
    );
    expect(await target.query('SELECT count(*)::int AS n FROM café')).toEqual([{ n: 30 }]);
  });

  it('declared encodings are decoded as declared', () => {
    const koi8 = Buffer.from([
      ...Buffer.from("SET client_encoding = 'KOI8R';\nCREATE TABLE "),
      0xd4,
      0xc1,
      0xc2,
      ...Buffer.from(' (id int);'),
    ]);
    expect(decodeSql('k.sql', koi8)).toEqual({
      text: "SET client_encoding = 'KOI8R';\nCREATE TABLE таб (id int);",
    });
    const win1251 = Buffer.from([
      ...Buffer.from('\\encoding WIN1251\nCREATE TABLE '),
      0xd2,
      0xe0,
      0xe1,
      ...Buffer.from(' (id int);'),
    ]);
    expect(decodeSql('w.sql', win1251).text).toContain('CREATE TABLE Таб (id int);');
    expect(declaredEncoding("SELECT pg_catalog.set_config('client_encoding', 'latin9', false);")).toBe(
      'LATIN9',
    );
    expect(declaredEncoding("set client_encoding to 'utf-8';")).toBe('UTF8');
    // WIN1252's own 0x80-0x9F (’ is 0x92, € 0x80), declared or read as the fallback: Node 20's TextDecoder
    // read them as latin1's C1 controls (U+0092), and the literal was written out so.
    const quote = Buffer.from([
      ...Buffer.from("CHECK (s IN ('it"),
      0x92,
      ...Buffer.from("s', '"),
      0x80,
      0xe9,
      0x27,
    ]);
    expect(decodeSql('q.sql', quote).text).toBe("CHECK (s IN ('it’s', '€é'");
    expect(
      decodeSql('q.sql', Buffer.concat([Buffer.from("SET client_encoding = 'WIN1252';\n"), quote])).text,
    ).toBe("SET client_encoding = 'WIN1252';\nCHECK (s IN ('it’s', '€é'");
    const utf8 = Buffer.from('CREATE TABLE café (id int);');
    expect(decodeSql('u.sql', utf8)).toEqual({ text: 'CREATE TABLE café (id int);' });
  });
});

/**
 * live19: a direct load's last gaps. Into a database whose encoding is a
 * multi-byte one (EUC_JP), COPY failed on the first character the server's
 * conversion lacks ("character with byte sequence 0xe3 0x80 0x9c in encoding
 * "UTF8" has no equivalent in encoding "EUC_JP"": ja's wave dash). A role
 * whose settings limit time (idle_in_transaction_session_timeout, …) had its
 * load cut; a table with FORCE ROW LEVEL SECURITY, or tables of another
 * owner, failed with the server's words and a remedy that did not apply.
 * This file: the encodings; live19-roles-and-jobs.test.ts: the roles, the
 * tables' owners, -j.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Warning } from '../../src/errors.js';
import { outputEncoding, outputEncodingName } from '../../src/format/output-encoding.js';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('live19');

const PEOPLE = `CREATE TABLE person (id int PRIMARY KEY, first_name text, last_name text, bio text, city text);
CREATE TABLE note (id int PRIMARY KEY, person_id int REFERENCES person, body text);`;

/** A database beside db's in `encoding`, its connection string. */
async function encodedDatabase(encoding: string): Promise<{ name: string; dbname: string }> {
  const name = `${db.name}_${encoding.toLowerCase()}`;
  await db.query(
    `CREATE DATABASE ${name} TEMPLATE template0 ENCODING '${encoding}' LC_COLLATE 'C' LC_CTYPE 'C'`,
  );
  return { name, dbname: db.connectionString.replace(/[^/]+$/, name) };
}

/** Table rows as the database holds them, in UTF-8, by their first column. */
function loadedRows(name: string, table: string): Map<string, string> {
  const text = db.run('psql', ['-X', '-d', name, '-c', `COPY ${table} TO STDOUT`], {
    env: { ...db.env, PGCLIENTENCODING: 'UTF8' },
  });
  return new Map(
    text
      .trimEnd()
      .split('\n')
      .map((row) => [row.split('\t')[0] ?? '', row]),
  );
}

/** Rows of a COPY-text file (`-F copy`), by table and first column. */
function madeRows(file: string): Map<string, Map<string, string>> {
  const tables = new Map<string, Map<string, string>>();
  let rows: Map<string, string> | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const copy = /^COPY public\.(\w+) /.exec(line);
    if (copy?.[1] !== undefined) {
      rows = new Map();
      tables.set(copy[1], rows);
    } else if (line === '\\.') rows = undefined;
    else if (rows !== undefined) rows.set(line.split('\t')[0] ?? '', line);
  }
  return tables;
}

/** Where a loaded row differs from the made one: the characters, made → loaded (same length, one for one). */
function replacements(made: string, loaded: string): string[] {
  const a = [...made];
  const b = [...loaded];
  expect(b).toHaveLength(a.length);
  return a.flatMap((ch, i) => (ch === b[i] ? [] : [`${ch}→${b[i]}`]));
}

describe('live19: -d into a multi-byte database encoding', () => {
  it('EUC_JP: the characters its conversion lacks written as the nearest it holds, warned per table (COPY failed)', async () => {
    const dir = tempDir();
    const ddl = join(dir, 's.sql');
    writeFileSync(ddl, PEOPLE);
    const { name, dbname } = await encodedDatabase('EUC_JP');
    const options = { schema: [ddl], locale: 'ja', tables: { person: 120, note: 120 }, seed: 4 } as const;
    const result = await generate({ ...options, connection: { dbname }, workers: 2 });
    const replaced = result.warnings.filter((w) => w.code === 'CHARACTERS_REPLACED');
    expect(replaced.length).toBeGreaterThan(0);
    for (const w of replaced)
      expect(w.message).toMatch(
        new RegExp(
          `^${w.where.replace('.', '\\.')}: postgresql://\\S+/${name} has the encoding EUC_JP, which lacks \\d+ characters? of its values; ` +
            'written as the nearest it holds: .*〜 \\(U\\+301C\\) as ~.*To load the values as made, load into a UTF8 database',
        ),
      );
    const file = join(dir, 'o.copy');
    await generate({ ...options, format: 'copy', output: file });
    const made = madeRows(file);
    const seen = new Set<string>();
    for (const table of ['person', 'note']) {
      const loaded = loadedRows(name, table);
      const rows = made.get(table) ?? new Map<string, string>();
      expect([...loaded.keys()].sort()).toEqual([...rows.keys()].sort());
      for (const [id, row] of rows) for (const r of replacements(row, loaded.get(id) ?? '')) seen.add(r);
    }
    // Only the characters EUC_JP lacks changed, and the Japanese text itself stayed.
    expect([...seen]).toEqual(['〜→~']);
    expect([...loadedRows(name, 'person').values()].join('')).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });
});

describe("encode19: -E (pg_dump's --encoding) for scripts and archives", () => {
  /** Rows of each table as a database holds them, sorted (a script and -d load in different orders). */
  const rowsOf = (name: string) =>
    ['person', 'note'].map((table) => [...loadedRows(name, table).values()].sort());
  const comment = (name: string) =>
    db.run('psql', ['-X', '-At', '-d', name, '-c', "SELECT obj_description('person'::regclass)"], {
      env: { ...db.env, PGCLIENTENCODING: 'UTF8' },
    });

  it('-E LATIN1: the plain script (psql ON_ERROR_STOP) and the custom archive (pg_restore --exit-on-error) load the rows -d loads (UTF-8 ones failed on ’)', async () => {
    const dir = tempDir();
    const ddl = join(dir, 's.sql');
    writeFileSync(ddl, `${PEOPLE}\nCOMMENT ON TABLE person IS 'Personnes à contacter';`);
    const options = { schema: [ddl], locale: 'fr', tables: { person: 120, note: 120 }, seed: 3 } as const;
    const direct = await encodedDatabase('LATIN1');
    await generate({ ...options, connection: { dbname: direct.dbname } });
    const script = join(dir, 'o.sql');
    const archive = join(dir, 'o.dump');
    const plain = await generate({ ...options, encoding: 'LATIN1', output: script });
    const custom = await generate({ ...options, encoding: 'latin1', format: 'custom', output: archive });
    // INSERTs: ’ stands as '' inside their literals (a lone ' ended the literal: "syntax error at or near").
    const inserts = join(dir, 'i.sql');
    await generate({ ...options, encoding: 'LATIN1', rowsPerInsert: 7, output: inserts });
    const csv = join(dir, 'csv');
    await generate({ ...options, encoding: 'LATIN1', format: 'csv', output: csv });
    for (const result of [plain, custom]) {
      const replaced = result.warnings.filter((w) => w.code === 'CHARACTERS_REPLACED');
      expect(replaced.map((w) => w.where).sort()).toEqual(['public.note', 'public.person']);
      for (const w of replaced)
        expect(w.message).toMatch(
          new RegExp(
            `^${w.where.replace('.', '\\.')}: the output \\(-E LATIN1\\) has the encoding LATIN1, which lacks \\d+ characters of its values; ` +
              "written as the nearest it holds: (.*, )?’ \\(U\\+2019\\) as '(.*, )?œ \\(U\\+0153\\) as \\?.*" +
              'To write the values as made, leave -E out \\(UTF8\\) and restore into a UTF8 database$',
          ),
        );
    }
    // Every byte in LATIN1: the setting, the DDL's à as 0xE0, no UTF-8 sequence (0xC2-0xF4 then 0x80-0xBF) left.
    const bytes = readFileSync(script);
    expect(bytes.includes("SET client_encoding = 'LATIN1';")).toBe(true);
    expect(bytes.includes(Buffer.from("IS 'Personnes \u00e0 contacter';", 'latin1'))).toBe(true);
    expect(bytes.toString('latin1')).not.toMatch(/[\xc2-\xf4][\x80-\xbf]/);
    const [fromScript, fromArchive, fromInserts] = ['script', 'archive', 'inserts'].map(
      (s) => `${db.name}_latin1_${s}`,
    );
    for (const name of [fromScript, fromArchive, fromInserts] as string[])
      await db.query(
        `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'`,
      );
    for (const [name, file] of [
      [fromScript, script],
      [fromInserts, inserts],
    ] as [string, string][])
      db.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', name, '-f', file]);
    db.run('pg_restore', ['--exit-on-error', '-d', fromArchive as string, archive]);
    expect(db.run('pg_restore', ['-f', '-', archive])).toContain("SET client_encoding = 'LATIN1';");
    const loaded = rowsOf(direct.name);
    expect(loaded.flat().join('')).toMatch(/[àéèç]/); // French text, held as made where LATIN1 can
    expect(rowsOf(fromScript as string)).toEqual(loaded);
    expect(rowsOf(fromArchive as string)).toEqual(loaded);
    expect(rowsOf(fromInserts as string)).toEqual(loaded);
    // CSV files: COPY ... ENCODING 'LATIN1' reads them into a LATIN1 database with the schema.
    const fromCsv = `${db.name}_latin1_csv`;
    await db.query(
      `CREATE DATABASE ${fromCsv} TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
    db.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', fromCsv, '-c', PEOPLE]);
    for (const table of ['person', 'note'])
      db.run('psql', [
        ...['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', fromCsv, '-c'],
        `\\copy ${table} FROM '${join(csv, `public.${table}.csv`)}' WITH (FORMAT csv, HEADER true, ENCODING 'LATIN1')`,
      ]);
    expect(rowsOf(fromCsv)).toEqual(loaded);
    for (const name of [fromScript, fromArchive] as string[])
      expect(comment(name)).toBe('Personnes à contacter\n');
  });

  it("a character the encoding lacks in the DDL is an error naming the statement (nothing written); a value's one is replaced; multi-byte refused", async () => {
    const dir = tempDir();
    const ddl = join(dir, 's.sql');
    writeFileSync(ddl, `${PEOPLE}\nCOMMENT ON TABLE person IS 'Personnes de Iași';`);
    const options = { schema: [ddl], locale: 'fr', defaultRows: 5, encoding: 'LATIN1' } as const;
    const said =
      /^-E LATIN1: the COMMENT TABLE person in schema public holds ș \(U\+0219\), which LATIN1 lacks \(pg_dump -E LATIN1 fails on it too\): COMMENT ON TABLE person IS 'Personnes de Iași';/;
    for (const [format, file] of [
      ['plain', 'o.sql'],
      ['custom', 'o.dump'],
    ] as const) {
      await expect(generate({ ...options, format, output: join(dir, file) })).rejects.toThrow(said);
      expect(existsSync(join(dir, file)), file).toBe(false);
    }
    const warnings: Warning[] = [];
    const latin1 = outputEncoding(outputEncodingName('ISO-8859-1'), (w) => warnings.push(w));
    const out: Uint8Array[] = [];
    for await (const chunk of latin1?.rows(toChunks(['1\tIași ’ œ é\n']), 'public.t') ?? []) out.push(chunk);
    expect(Buffer.concat(out).toString('latin1')).toBe("1\tIasi ' ? é\n");
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining(
        "which lacks 3 characters of its values; written as the nearest it holds: ș (U+0219) as s, ’ (U+2019) as ', œ (U+0153) as ?.",
      ),
    ]);
    expect(outputEncoding('UTF8', () => undefined)).toBeUndefined();
    await expect(generate({ ...options, format: 'jsonl', output: join(dir, 'j') })).rejects.toThrow(
      '-E/--encoding LATIN1 applies to the plain, copy, custom, directory, tar and csv formats, not jsonl (written in UTF-8)',
    );
    await expect(generate({ ...options, encoding: 'EUC_JP', output: join(dir, 'j.sql') })).rejects.toThrow(
      '-E/--encoding EUC_JP: EUC_JP is a multi-byte encoding, which datagen cannot write',
    );
  });
});

async function* toChunks(texts: readonly string[]): AsyncGenerator<string> {
  yield* texts;
}

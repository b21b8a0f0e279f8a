/**
 * live19: a direct load's last gaps. Into a database whose encoding is a
 * multi-byte one (EUC_JP), COPY failed on the first character the server's
 * conversion lacks ("character with byte sequence 0xe3 0x80 0x9c in encoding
 * "UTF8" has no equivalent in encoding "EUC_JP"": ja's wave dash). A role
 * whose settings limit time (idle_in_transaction_session_timeout, …) had its
 * load cut; a table with FORCE ROW LEVEL SECURITY, or tables of another
 * owner, failed with the server's words and a remedy that did not apply.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Warning } from '../../src/errors.js';
import { outputEncoding, outputEncodingName } from '../../src/format/output-encoding.js';
import { generate } from '../../src/index.js';
import { assertBuilt, exited, runCliAsync, spawnCli, temporaries } from '../helpers/cli-process.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
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
    const options = { schema: [ddl], locale: 'fr', rows: 5, encoding: 'LATIN1' } as const;
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

/** A login role (made once on the test server), and db's connection string as it. */
async function role(name: string, ...settings: string[]): Promise<string> {
  await db.query(`DO $$ BEGIN CREATE ROLE ${name} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  for (const setting of settings) await db.query(`ALTER ROLE ${name} SET ${setting}`);
  return name;
}

const as = (target: { connectionString: string }, user: string) =>
  target.connectionString.replace(/\/\/[^@/]*@/, `//${user}@`);

const SMALL = `CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE book (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, author_id int NOT NULL REFERENCES author, title text);`;

describe('live19: -d under what the role or the tables set', () => {
  it('time limits set on the role (statement, lock, idle in transaction: 1ms) do not cut the load (it was terminated)', async () => {
    const user = await role(
      'live19_hasty',
      "statement_timeout = '1ms'",
      "lock_timeout = '1ms'",
      "idle_in_transaction_session_timeout = '1ms'",
    );
    const target = await siblingWith(db, SMALL);
    for (const table of ['author', 'book']) await target.query(`ALTER TABLE ${table} OWNER TO ${user}`);
    // Before: "cannot copy rows into public.author of …: terminating connection due to idle-in-transaction timeout".
    for (const workers of [1, 2]) {
      await target.query('TRUNCATE author, book');
      await generate({
        connection: { dbname: as(target, user) },
        tables: { author: 300, book: 600 },
        workers,
      });
      expect(await target.query('SELECT count(*)::int AS n FROM book')).toEqual([{ n: 600 }]);
    }
  });

  it("FORCE ROW LEVEL SECURITY, loaded as the tables' owner: one line naming the table and what to do, nothing loaded", async () => {
    const user = await role('live19_owner');
    const target = await siblingWith(
      db,
      SMALL,
      `ALTER TABLE author OWNER TO ${user}`,
      `ALTER TABLE book OWNER TO ${user}`,
      'ALTER TABLE author ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE author FORCE ROW LEVEL SECURITY',
      'CREATE POLICY nobody ON author USING (false) WITH CHECK (false)',
    );
    // Before: "…: COPY FROM not supported with row-level security (Use INSERT statements instead.)".
    await expect(
      generate({ connection: { dbname: as(target, user) }, tables: { author: 30, book: 30 } }),
    ).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /^cannot copy rows into public\.author of \S+: the table has FORCE ROW LEVEL SECURITY, and COPY cannot load it as its owner: connect as a superuser or a role with BYPASSRLS \(as pg_restore's loads run\), or ALTER TABLE \.\.\. NO FORCE ROW LEVEL SECURITY for the load$/,
      ),
    });
    expect(await target.query('SELECT (SELECT count(*) FROM book)::int AS n')).toEqual([{ n: 0 }]);
  });

  it('tables of another owner, with INSERT granted: one line saying the owner is needed (it said to grant INSERT)', async () => {
    const user = await role('live19_granted');
    const target = await siblingWith(
      db,
      SMALL,
      `GRANT USAGE ON SCHEMA public TO ${user}`,
      `GRANT SELECT, INSERT ON author, book TO ${user}`,
      `GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${user}`,
    );
    await expect(
      generate({ connection: { dbname: as(target, user) }, tables: { author: 30, book: 30 } }),
    ).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /: must be owner of table (author|book): the load sets the tables' foreign keys and triggers aside while rows go in, which needs their owner \(grants on the tables do not give it\): connect as the owner, a role it is granted to \(GRANT owner TO this user\), or a superuser$/,
      ),
    });
    expect(await target.query('SELECT (SELECT count(*) FROM author)::int AS n')).toEqual([{ n: 0 }]);
  });

  it('a sequence of another owner the defaults use, without UPDATE on it: one line with its GRANT, nothing kept', async () => {
    const user = await role('live19_seqless');
    const target = await siblingWith(
      db,
      SMALL,
      'CREATE SEQUENCE other_ids',
      "ALTER TABLE author ALTER id SET DEFAULT nextval('other_ids')",
      `ALTER TABLE author OWNER TO ${user}`,
      `ALTER TABLE book OWNER TO ${user}`,
    );
    // Before: "permission denied for sequence other_ids: connect as the tables' owner, or grant this user USAGE on
    // their schemas and SELECT, INSERT …" (it is the tables' owner).
    await expect(
      generate({ connection: { dbname: as(target, user) }, tables: { author: 30, book: 30 } }),
    ).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /^cannot set the sequences of \S+: permission denied for sequence other_ids: the tables' defaults take values from sequence other_ids, which the load sets past the rows' keys \(setval needs UPDATE, nextval USAGE\): GRANT USAGE, UPDATE ON SEQUENCE other_ids TO live19_seqless \(run by its owner or a superuser\)$/,
      ),
    });
    expect(await target.query('SELECT (SELECT count(*) FROM author)::int AS n')).toEqual([{ n: 0 }]);
  });

  it('DDL files into a database whose schema the user may use but not create in: the GRANT CREATE, nothing made', async () => {
    const user = await role('live19_uncreating');
    const target = await siblingWith(
      db,
      `ALTER SCHEMA public OWNER TO ${(await db.query<{ u: string }>('SELECT current_user AS u'))[0]?.u}`,
      'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
      `GRANT USAGE ON SCHEMA public TO ${user}`,
    );
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), SMALL);
    // Before: "…: GRANT USAGE ON SCHEMA public TO live19_uncreating", which it had.
    await expect(
      generate({
        schema: [join(dir, 's.sql')],
        connection: { dbname: as(target, user) },
        tables: { author: 10, book: 10 },
      }),
    ).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /permission denied for schema public; nothing was created\. .*: creating the schema's objects needs CREATE on it: GRANT CREATE ON SCHEMA public TO live19_uncreating \(run by the schema's owner or a superuser\), or load into a database whose schema this user owns$/,
      ),
    });
    expect(
      await target.query(
        "SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace",
      ),
    ).toEqual([{ n: 0 }]);
  });
});

const TWO_PARTS = `CREATE TABLE a (id int PRIMARY KEY, v text);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a, v text);
CREATE TABLE c (id int PRIMARY KEY, v text);
CREATE TABLE d (id int PRIMARY KEY, c_id int REFERENCES c, v text);`;

describe('live19: --truncate over -j connections', () => {
  it('-j 2 --truncate loads the rows -j 1 does (two parts, each emptied in its transaction), and -v says which way', async () => {
    assertBuilt();
    const target = await siblingWith(
      db,
      TWO_PARTS,
      "INSERT INTO a VALUES (1, 'old'); INSERT INTO b VALUES (1, 1, 'old'); INSERT INTO c VALUES (1, 'old'); INSERT INTO d VALUES (1, 1, 'old')",
    );
    const digest = async () =>
      target.query(
        `SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM a t) AS a, (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM b t) AS b,
                (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM c t) AS c, (SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM d t) AS d,
                (SELECT count(*)::int FROM d) AS n`,
      );
    const run = (j: string) =>
      runCliAsync(['generate', '-d', target.connectionString, '--rows', '200', '--truncate', '-j', j, '-v']);
    const one = await run('1');
    expect(one.status).toBe(0);
    expect(one.stderr).toContain(': loading in one transaction over one connection\n');
    const first = await digest();
    expect(first[0]?.n).toBe(200);
    const two = await run('2');
    expect(two.status).toBe(0);
    expect(two.stderr).toContain(
      ': loading over up to 2 connections, 2 parts (tables joined by foreign keys together), each in a transaction held open until all are done, then committed one after another (--truncate: each part emptied in its transaction, so not table by table)\n',
    );
    expect(await digest()).toEqual(first);
  });
});

const PARTITIONED = `CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int NOT NULL, customer_id int NOT NULL REFERENCES customer, placed date NOT NULL,
  PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);
CREATE TABLE orders_old PARTITION OF orders FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE orders_new PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);`;

describe('live19: a signal during an --append load of a partitioned table over -j 2 (table by table)', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s once customer has committed and orders is copying: exit %i, one line, the rows as they were, no temporaries',
    async (signal, status) => {
      assertBuilt();
      const dir = tempDir();
      const target = await siblingWith(db, PARTITIONED);
      const first = await runCliAsync(['generate', '-d', target.connectionString, '--rows', '50', '-q'], {
        cwd: dir,
      });
      expect(first.status).toBe(0);
      const digest = () =>
        target.query(
          `SELECT (SELECT md5(string_agg(to_jsonb(c)::text, ',' ORDER BY id)) FROM customer c) AS customer,
                (SELECT md5(string_agg(to_jsonb(o)::text, ',' ORDER BY id, placed)) FROM orders o) AS orders,
                (SELECT count(*)::int FROM orders) AS n`,
        );
      const before = await digest();
      expect(before[0]?.n).toBe(50);
      const args = ['generate', '-d', target.connectionString, '--append', '-j', '2', '-q'];
      const child = spawnCli([...args, '--rows', 'customer=2000', '--rows', 'orders=400000'], { cwd: dir });
      const done = exited(child, 120_000);
      let copying = false;
      for (const deadline = Date.now() + 60_000; !copying && Date.now() < deadline; ) {
        const rows = await target.query(
          "SELECT 1 FROM pg_stat_activity WHERE application_name = 'datagen' AND datname = $1 AND query LIKE 'COPY public.orders%'",
          [target.name],
        );
        copying = rows.length > 0;
        if (!copying) await new Promise((r) => setTimeout(r, 20));
      }
      expect(copying).toBe(true);
      expect((await target.query('SELECT count(*)::int AS n FROM customer'))[0]?.n).toBe(2050);
      child.kill(signal);
      const r = await done;
      expect(r.status).toBe(status);
      // Before: 'the 1 parts of the load committed …'.
      expect(r.stderr).toBe(
        'datagen: interrupted; the 1 part of the load committed (each table on a connection of its own, parents first) had the rows they added deleted again\n',
      );
      expect(await digest()).toEqual(before);
      expect(temporaries(dir)).toEqual([]);
    },
  );
});

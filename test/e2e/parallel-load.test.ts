/**
 * A direct load over -j connections (format/parallel-load.ts,
 * format/ordered-load.ts): the same rows as over one, each table on a
 * connection of its own (a child after its parents committed) and a table
 * alone cut into ranges, and still all-or-nothing: a failure on one
 * connection rolls back, or empties again, what every other one loaded.
 *
 * Which backend wrote a row is told by a column the database has and the DDL
 * given to datagen does not (`loader DEFAULT pg_backend_pid()`): COPY leaves
 * it out and the server fills it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import {
  contents,
  ddlFile,
  expectEveryTableEmpty,
  load,
  loaders,
  loaderTarget,
  ROWS,
} from '../helpers/parallel-load-shape.js';

const db = useTestDatabase('parallel_load');
const target = () => loaderTarget(db);

describe('a direct load over -j connections', () => {
  it('-j 2 loads the same rows as -j 1, the lone big table over two connections, the FK-joined tables each in its own transaction', async () => {
    const one = await target();
    const two = await target();
    await load(one, 1);
    await load(two, 2);
    const [a, b] = [await contents(one), await contents(two)];
    expect(b).toEqual(a);
    expect(a.event?.startsWith('60000 ')).toBe(true);
    expect(a.book?.startsWith('9000 ')).toBe(true);
    expect(await loaders(one, 'event')).toBe(1);
    expect(await loaders(two, 'event')).toBe(2);
    // author and book share a foreign key: each is one connection's transaction (book's after author's committed),
    // the key kept in place the whole time, and it holds.
    expect(await loaders(two, 'author')).toBe(1);
    expect(await loaders(two, 'book')).toBe(1);
    const fks = await two.query<{ conname: string }>("SELECT conname FROM pg_constraint WHERE contype = 'f'");
    expect(fks).toHaveLength(1);
    const [orphans] = await two.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM book b LEFT JOIN author a ON a.id = b.author_id WHERE a.id IS NULL',
    );
    expect(orphans?.n).toBe('0');
  });

  it('a failure on one connection (a CHECK the DDL lacks, late in the second range) rolls back every connection', async () => {
    const t = await target();
    // Rows 1..30000 go to one connection, 30001..60000 to the other; row 50001 is refused.
    await t.query('ALTER TABLE event ADD CONSTRAINT late CHECK (id <= 50000)');
    const before = await t.query(
      "SELECT conname, contype FROM pg_constraint WHERE contype IN ('f', 'c', 'p', 'u') ORDER BY 1",
    );
    await expect(load(t, 2)).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /cannot copy rows into public\.event of .*violates check constraint "late"/,
      ),
    });
    await expectEveryTableEmpty(t);
    expect(
      await t.query(
        "SELECT conname, contype FROM pg_constraint WHERE contype IN ('f', 'c', 'p', 'u') ORDER BY 1",
      ),
    ).toEqual(before);
  });

  it('a table referencing itself and, deferred, its parent (danbooru): its keys added back after the deferred checks', async () => {
    const file = join(tempDir(), 'deferred.sql');
    writeFileSync(
      file,
      `CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE post (id int PRIMARY KEY, parent_id int REFERENCES post,
  author_id int NOT NULL REFERENCES author DEFERRABLE INITIALLY DEFERRED);
`,
    );
    const digests = [];
    for (const workers of [1, 2]) {
      const t = await db.createSibling();
      t.psqlFile(file);
      await generate({
        schema: [file],
        connection: { dbname: t.connectionString },
        defaultRows: 300,
        workers,
      });
      digests.push(
        await t.query(
          "SELECT md5(string_agg(to_jsonb(p)::text, ',' ORDER BY id)) AS posts, (SELECT count(*) FROM pg_constraint WHERE contype = 'f') AS fks FROM post p",
        ),
      );
    }
    expect(digests[1]).toEqual(digests[0]);
    expect(digests[0]).toEqual([{ posts: expect.any(String), fks: '2' }]);
  });

  it('a child refused after its parent committed (book after author): the parent emptied again, the keys as they were', async () => {
    const t = await target();
    await t.query('ALTER TABLE book ADD CONSTRAINT late CHECK (id <= 8000)');
    const constraints =
      "SELECT conname, contype FROM pg_constraint WHERE contype IN ('f', 'c', 'p', 'u') ORDER BY 1";
    const before = await t.query(constraints);
    await expect(load(t, 2)).rejects.toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /cannot copy rows into public\.book of .*violates check constraint "late"/,
      ),
    });
    await expectEveryTableEmpty(t);
    expect(await t.query(constraints)).toEqual(before);
  });

  it('one of the connections killed mid-COPY (pg_terminate_backend): every connection rolled back', async () => {
    const t = await target();
    const loading = load(t, 2).then(
      () => null,
      (error: unknown) => error,
    );
    const deadline = Date.now() + 60_000;
    let killed = false;
    while (!killed && Date.now() < deadline) {
      const [row] = await t.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = 'datagen' AND datname = $1 AND query LIKE 'COPY%' AND state = 'active' ORDER BY pid DESC LIMIT 1",
        [t.name],
      );
      if (row) killed = (await t.query('SELECT pg_terminate_backend($1)', [row.pid])).length === 1;
      else await new Promise((r) => setTimeout(r, 20));
    }
    expect(killed).toBe(true);
    // The server's "terminating connection" message, or the socket's reset when the COPY's write meets the
    // closed connection before that message is read: over TCP the reset (RST) ends the socket's reads,
    // so no wait brings the message back (a Unix socket's EPIPE leaves it readable: load-target.ts' untilLost waits).
    expect(await loading).toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(/terminat|the connection was lost/),
    });
    await expectEveryTableEmpty(t);
    expect(await t.query("SELECT conname FROM pg_constraint WHERE contype = 'f'")).toHaveLength(1);
  });

  it("a further connection the server refuses (the role's CONNECTION LIMIT 1): the load goes over one, warned", async () => {
    const t = await target();
    await t.query(
      'DO $$ BEGIN CREATE ROLE parallel_one LOGIN CONNECTION LIMIT 1; EXCEPTION WHEN duplicate_object THEN NULL; END $$',
    );
    for (const table of ['author', 'book', 'event', 'tag'])
      await t.query(`ALTER TABLE ${table} OWNER TO parallel_one`);
    const result = await generate({
      schema: [ddlFile()],
      connection: { dbname: t.connectionString.replace(/\/\/[^@/]*@/, '//parallel_one@') },
      tables: ROWS,
      workers: 2,
    });
    expect(result.warnings.filter((w) => w.code === 'FEWER_CONNECTIONS')).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('loading over 1 connection instead of 2'),
      }),
    ]);
    expect((await contents(t)).event?.startsWith('60000 ')).toBe(true);
    expect(await loaders(t, 'event')).toBe(1);
  });
});

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
import { exited, spawnCli } from '../helpers/cli-process.js';
import { interruptWhileCopying, type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const DDL = `
CREATE TABLE author (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE book (id int PRIMARY KEY, author_id int NOT NULL REFERENCES author, title text NOT NULL);
CREATE TABLE event (id bigint PRIMARY KEY, code text NOT NULL UNIQUE, at timestamptz NOT NULL, n int);
CREATE TABLE tag (id int PRIMARY KEY, label text NOT NULL);
`;
const LOADER = 'loader int NOT NULL DEFAULT pg_backend_pid()';
/** The DDL as the database has it: every table also records the backend that wrote each row. */
const TARGET_DDL = DDL.replace(/\);\n/g, `, ${LOADER});\n`);
const ROWS = { event: 60_000, author: 3000, book: 9000, tag: 2000 };

const db = useTestDatabase('parallel_load');

function ddlFile(): string {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, DDL);
  return file;
}

async function target(): Promise<TestDatabase> {
  const t = await db.createSibling();
  await t.query(TARGET_DDL);
  return t;
}

async function load(t: TestDatabase, workers: number): Promise<void> {
  await generate({
    schema: [ddlFile()],
    connection: { dbname: t.connectionString },
    tables: ROWS,
    workers,
  });
}

/** Every table's rows (less the loader column) as one digest, and its count. */
async function contents(t: TestDatabase): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of ['author', 'book', 'event', 'tag']) {
    const [row] = await t.query<{ n: string; digest: string }>(
      `SELECT count(*)::text AS n, md5(string_agg((to_jsonb(t) - 'loader')::text, ',' ORDER BY id)) AS digest
         FROM ${table} t`,
    );
    out[table] = `${row?.n} ${row?.digest}`;
  }
  return out;
}

/** Every table of the schema without a row (a load undone). */
async function expectEveryTableEmpty(t: TestDatabase): Promise<void> {
  for (const table of ['author', 'book', 'event', 'tag']) {
    const [row] = await t.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    expect(row?.n, table).toBe('0');
  }
}

async function loaders(t: TestDatabase, table: string): Promise<number> {
  const [row] = await t.query<{ n: string }>(`SELECT count(DISTINCT loader)::text AS n FROM ${table}`);
  return Number(row?.n);
}

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

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while both connections copy: exit %i, every connection rolled back, none left in a transaction',
    async (signal, status) => {
      const t = await target();
      const fks = "SELECT conname FROM pg_constraint WHERE contype = 'f'";
      const { copying, result: r } = await interruptWhileCopying(t, ddlFile(), signal);
      expect(copying).toHaveLength(2);
      expect(r.status).toBe(status);
      // One message (the ordered load's, not also the one-transaction load's): rolled back, or the parts committed
      // by then emptied again.
      expect(r.stderr).toMatch(
        /^datagen: interrupted; (the load into [^;]* is rolled back \(its transactions end with the connections\): nothing was loaded|the \d+ parts? of the load committed \([^;]*\) were emptied again)\n$/,
      );
      // The server ends a backend when its client goes: wait for both, then look.
      for (let i = 0; i < 500; i++) {
        const alive = await t.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY ($1)', [copying]);
        if (alive.length === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const sessions = await t.query<{ state: string }>(
        "SELECT state FROM pg_stat_activity WHERE datname = $1 AND (application_name = 'datagen' OR state LIKE 'idle in transaction%')",
        [t.name],
      );
      expect(sessions).toEqual([]);
      for (const table of ['author', 'book', 'event', 'tag']) {
        const [row] = await t.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
        expect(row?.n, table).toBe('0');
      }
      expect(await t.query(fks)).toHaveLength(1);
    },
  );

  it('SIGINT once a parent has committed and its child is copying: exit 130, the parent emptied again through psql', async () => {
    const t = await target();
    const child = spawnCli([
      'generate',
      ddlFile(),
      '-d',
      t.connectionString,
      '-j',
      '2',
      '-q',
      ...['--rows', 'author=2000', '--rows', 'book=400000', '--rows', 'event=10', '--rows', 'tag=10'],
    ]);
    const done = exited(child, 120_000);
    const deadline = Date.now() + 60_000;
    let copyingBook = false;
    while (!copyingBook && Date.now() < deadline) {
      const rows = await t.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'datagen' AND datname = $1 AND query LIKE 'COPY public.book%'",
        [t.name],
      );
      copyingBook = rows.length > 0;
      if (!copyingBook) await new Promise((r) => setTimeout(r, 20));
    }
    expect(copyingBook).toBe(true);
    expect((await contents(t)).author?.startsWith('2000 ')).toBe(true);
    child.kill('SIGINT');
    const r = await done;
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(
      /^datagen: interrupted; the \d+ parts? of the load committed \(each table on a connection of its own, parents first\) were emptied again\n$/,
    );
    await expectEveryTableEmpty(t);
    expect(await t.query("SELECT conname FROM pg_constraint WHERE contype = 'f'")).toHaveLength(1);
  });

  it('--resume with -j 2: one connection (a transaction per table), warned; every row once', async () => {
    const t = await target();
    const result = await generate({
      schema: [ddlFile()],
      connection: { dbname: t.connectionString },
      tables: ROWS,
      workers: 2,
      resume: true,
      loadState: join(tempDir(), 'state.json'),
    });
    expect(result.warnings.filter((w) => w.code === 'RESUME_ONE_CONNECTION')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('--resume loads over one connection') }),
    ]);
    const one = await target();
    await load(one, 1);
    expect(await contents(t)).toEqual(await contents(one));
    const [all] = await t.query<{ n: string }>(
      'SELECT count(DISTINCT loader)::text AS n FROM (SELECT loader FROM author UNION ALL SELECT loader FROM book UNION ALL SELECT loader FROM event UNION ALL SELECT loader FROM tag) x',
    );
    expect(all?.n).toBe('1');
  });
});

/** A partitioned child of a plain parent: the partition tree is one unit of the ordered load (a COPY into its root). */
const PARTITIONED = `
CREATE TABLE customer (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id int NOT NULL, customer_id int NOT NULL REFERENCES customer, placed date NOT NULL,
  PRIMARY KEY (id, placed)) PARTITION BY RANGE (placed);
CREATE TABLE orders_old PARTITION OF orders FOR VALUES FROM (MINVALUE) TO ('2024-01-01');
CREATE TABLE orders_new PARTITION OF orders FOR VALUES FROM ('2024-01-01') TO (MAXVALUE);
`;

describe('a partitioned table over -j connections, table by table', () => {
  /** A load of the PARTITIONED DDL file (not what `before` adds to the database) into `t`; its error, if any. */
  function fill(t: TestDatabase, workers: number, append = false): Promise<unknown> {
    const file = join(tempDir(), 'partitioned.sql');
    writeFileSync(file, PARTITIONED);
    return generate({
      schema: [file],
      connection: { dbname: t.connectionString },
      tables: { customer: 300, orders: 3000 },
      workers,
      append,
    }).then(
      () => null,
      (e: unknown) => e,
    );
  }
  async function partitioned(workers: number, before = ''): Promise<{ t: TestDatabase; error: unknown }> {
    const t = await db.createSibling();
    await t.query(PARTITIONED + before);
    return { t, error: await fill(t, workers) };
  }
  const digest = (t: TestDatabase) =>
    t.query(
      `SELECT (SELECT md5(string_agg(to_jsonb(c)::text, ',' ORDER BY id)) FROM customer c) AS customer,
              (SELECT md5(string_agg(to_jsonb(o)::text, ',' ORDER BY id, placed)) FROM orders o) AS orders,
              (SELECT count(*)::text FROM orders_old) AS old, (SELECT count(*)::text FROM orders_new) AS new,
              (SELECT count(DISTINCT xmin::text)::text FROM (SELECT xmin FROM customer UNION ALL SELECT xmin FROM orders) x)
                AS transactions`,
    );

  it('-j 2 loads the tree after its parent committed (a transaction each), the rows of -j 1', async () => {
    const [one, two] = [(await partitioned(1)).t, (await partitioned(2)).t];
    const [[a], [b]] = [await digest(one), await digest(two)];
    expect(a).toMatchObject({ transactions: '1' });
    expect(b).toEqual({ ...a, transactions: '2' });
    expect(Number(a?.old) > 0 && Number(a?.new) > 0).toBe(true);
  });

  it('a partition refusing rows after the parent committed: the parent emptied again, the keys as they were', async () => {
    const constraints =
      "SELECT conname, contype FROM pg_constraint WHERE contype IN ('f', 'c', 'p') ORDER BY 1";
    const { t, error } = await partitioned(2, 'ALTER TABLE orders_new ADD CONSTRAINT late CHECK (id < 0);');
    expect(error).toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /cannot copy rows into public\.orders of .*violates check constraint "late"/,
      ),
    });
    for (const table of ['customer', 'orders']) {
      const [row] = await t.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
      expect(row?.n, table).toBe('0');
    }
    const fresh = await db.createSibling();
    await fresh.query(`${PARTITIONED}ALTER TABLE orders_new ADD CONSTRAINT late CHECK (id < 0);`);
    expect(await t.query(constraints)).toEqual(await fresh.query(constraints));
  });
  it('--append over -j 2: the rows -j 1 appends, a transaction per table; a later failure deletes only the rows it added', async () => {
    const [one, two] = [(await partitioned(1)).t, (await partitioned(1)).t];
    expect(await fill(one, 1, true)).toBeNull();
    expect(await fill(two, 2, true)).toBeNull();
    const [[a], [b]] = [await digest(one), await digest(two)];
    expect(b).toEqual({ ...a, transactions: '3' });
    expect(a).toMatchObject({ transactions: '2' });
    const [count] = await two.query<{ n: string }>('SELECT count(*)::text AS n FROM orders');
    expect(count?.n).toBe('6000');
    // The rows there before meet it; the appended orders (ids past theirs) do not, after customer's committed.
    await two.query('ALTER TABLE orders_new ADD CONSTRAINT late CHECK (id <= 6000) NOT VALID');
    const constraints =
      "SELECT conname, contype FROM pg_constraint WHERE contype IN ('f', 'c', 'p') ORDER BY 1";
    const before = [await digest(two), await two.query(constraints)];
    expect(await fill(two, 2, true)).toMatchObject({
      code: 'DATABASE',
      message: expect.stringMatching(
        /cannot copy rows into public\.orders of .*violates check constraint "late"/,
      ),
    });
    expect([await digest(two), await two.query(constraints)]).toEqual(before);
  });
});

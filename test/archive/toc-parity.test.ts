/**
 * datagen's archive TOC next to pg_dump's: load datagen's plain script,
 * `pg_dump -Fc` the database, and compare both archives' entries by (desc,
 * namespace, tag), their sections, and what each entry waits for
 * (toc-differences.ts), for the examples (corpus.test.ts compares every
 * corpus schema's, on the database its corpus case loads). Then the
 * restore options that depend on the TOC: `-j 4`, `--clean --if-exists`
 * twice, `-C`, `-t PARTITION --data-only`, `-P 'f()'`.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { generate } from '../../src/index.js';
import { readToc } from '../helpers/archive-toc.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { tocDifferences } from '../helpers/toc-differences.js';

const corpusDir = resolve(import.meta.dirname, '../../../shared/corpus');
const examples = ['examples/shop.sql', 'examples/awkward.sql', 'examples/catalog.sql'];
const corpus = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => join(corpusDir, f))
  : [];
const createdAt = new Date('2026-01-02T03:04:05Z');

async function write(schema: string, format: 'plain' | 'custom', rows: number, extra = {}): Promise<string> {
  const path = join(tempDir(), format === 'plain' ? 'out.sql' : 'out.dump');
  await generate({ schema: [schema], defaultRows: rows, seed: 3, format, output: path, createdAt, ...extra });
  return path;
}

describe('archive TOC equal to pg_dump’s', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('toc');
  });
  afterAll(async () => db.close());

  // Concurrent: each schema waits mostly on psql, pg_dump and pg_restore (run without blocking the worker).
  it.concurrent.for(examples)(
    '%s: same entries, sections and dependencies as pg_dump -Fc',
    { timeout: 300_000 },
    async (schema, { expect }) => {
      const source = await db.createSibling();
      await source.psqlFileAsync(await write(schema, 'plain', 5));
      const real = join(tempDir(), 'real.dump');
      await source.runAsync('pg_dump', ['-Fc', '-f', real, source.name]);
      const [ours, theirs] = await Promise.all([
        readToc(db, await write(schema, 'custom', 5)),
        readToc(db, real),
      ]);
      expect(tocDifferences(ours, theirs)).toEqual({
        missing: [],
        extra: [],
        sections: [],
        dependencies: [],
      });
    },
  );
});

// Concurrent: each test restores into databases of its own and waits on pg_restore.
describe.concurrent('restore options that rely on the TOC', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('tocr');
  });
  afterAll(async () => db.close());

  const digest = async (target: TestDatabase) => [...(await userTableRowCounts(target)).entries()].sort();

  it('pg_restore -j 4 succeeds every time (SET STATISTICS inside its table and index entries)', async () => {
    const schema = corpus.find((f) => f.endsWith('danbooru.sql')) ?? 'examples/catalog.sql';
    const archive = await write(schema, 'custom', 300);
    const restoreThreeTimes = (file: string) =>
      Promise.all(
        [0, 1, 2].map(async () => {
          const target = await db.createSibling();
          await target.runAsync('pg_restore', ['-j', '4', '--exit-on-error', '-d', target.name, file]);
        }),
      );
    await restoreThreeTimes(archive);
    await restoreThreeTimes(await write('examples/catalog.sql', 'custom', 300));
  });

  it('serial and identity sequences: their own entries, set past the keys after -j 4 and after --clean', async ({
    expect,
  }) => {
    const archive = await write('examples/shop.sql', 'custom', 40);
    const listing = await db.runAsync('pg_restore', ['-l', archive]);
    for (const line of [
      'TABLE shop category',
      'SEQUENCE shop category_category_id_seq',
      'SEQUENCE OWNED BY shop category_category_id_seq',
      'DEFAULT shop category category_id',
      'SEQUENCE shop customer_customer_id_seq',
      'SEQUENCE SET shop category_category_id_seq',
      'SEQUENCE SET shop customer_customer_id_seq',
    ])
      expect(listing).toContain(` ${line} `);
    const target = await db.createSibling();
    await target.runAsync('pg_restore', ['-j', '4', '--exit-on-error', '-d', target.name, archive]);
    for (let i = 0; i < 2; i++) {
      const counts = await userTableRowCounts(target);
      const category = await target.query<{ id: number }>(
        "INSERT INTO shop.category (name) VALUES ('new') RETURNING category_id AS id",
      );
      expect(category[0]?.id).toBe((counts.get('shop.category') ?? 0) + 1);
      const customer = await target.query<{ seq: string; last: string; generation: string }>(
        `SELECT pg_get_serial_sequence('shop.customer', 'customer_id') AS seq,
           (SELECT last_value FROM shop.customer_customer_id_seq) AS last,
           (SELECT identity_generation FROM information_schema.columns
             WHERE table_schema = 'shop' AND table_name = 'customer' AND column_name = 'customer_id') AS generation`,
      );
      expect(customer[0]).toEqual({
        seq: 'shop.customer_customer_id_seq',
        last: String(counts.get('shop.customer')),
        generation: 'ALWAYS',
      });
      await target.runAsync('pg_restore', [
        '--clean',
        '--if-exists',
        '--exit-on-error',
        '-d',
        target.name,
        archive,
      ]);
    }
  });

  it.for(['examples/catalog.sql', ...corpus.filter((f) => f.endsWith('pagila.sql'))])(
    '%s: pg_restore --clean --if-exists twice leaves the data of one restore',
    async (schema, { expect }) => {
      const archive = await write(schema, 'custom', 60);
      const once = await db.createSibling();
      await once.runAsync('pg_restore', ['--exit-on-error', '-d', once.name, archive]);
      const twice = await db.createSibling();
      await twice.runAsync('pg_restore', ['--exit-on-error', '-d', twice.name, archive]);
      for (let i = 0; i < 2; i++)
        await twice.runAsync('pg_restore', [
          '--clean',
          '--if-exists',
          '--exit-on-error',
          '-d',
          twice.name,
          archive,
        ]);
      expect(await digest(twice)).toEqual(await digest(once));
    },
  );

  it("-P 'f(args)' restores one function by its signature; -L with a pruned list restores what the list keeps", async ({
    expect,
  }) => {
    const archive = await write('examples/catalog.sql', 'custom', 50);
    const one = await db.runAsync('pg_restore', [
      '-f',
      '-',
      '-n',
      'inv',
      '-P',
      'scaled(integer, numeric)',
      archive,
    ]);
    expect(one).toContain('CREATE FUNCTION inv.scaled(amount integer, factor numeric)');
    expect(one).not.toContain('same_prefix');
    const lists = (await db.runAsync('pg_restore', ['-l', archive])).split('\n');
    // Leave out one partition's rows (nothing references inv.stock).
    const dataOf = (line: string, table: string) => line.includes(` TABLE DATA inv ${table} `);
    const tables = lists.filter((l) => / TABLE DATA inv /.test(l)).map((l) => l.split(' ')[6] ?? '');
    const pruned = 'stock_raw';
    expect(tables).toContain(pruned);
    const kept = lists.filter((l) => !dataOf(l, pruned));
    expect(kept.length).toBe(lists.length - 1);
    const listFile = join(tempDir(), 'pruned.list');
    writeFileSync(listFile, kept.join('\n'));
    const target = await db.createSibling();
    await target.runAsync('pg_restore', [
      '-L',
      listFile,
      '-j',
      '2',
      '--exit-on-error',
      '-d',
      target.name,
      archive,
    ]);
    const counts = await userTableRowCounts(target);
    expect(counts.get(`inv.${pruned}`)).toBe(0);
    const others = tables.filter((t) => t !== pruned);
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) expect(counts.get(`inv.${t}`), t).toBeGreaterThan(0);
  });

  it('-C creates the --archive-dbname database; -t PARTITION --data-only; -P with a signature; -n keeps comments', async ({
    expect,
  }) => {
    const name = `dgc_${process.pid}_${Date.now() % 100000}`;
    const archive = await write('examples/shop.sql', 'custom', 80, { dbname: name });
    await db.runAsync('pg_restore', ['-C', '--exit-on-error', '-d', db.name, archive]);
    const created = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_database WHERE datname = '${name}'`,
    );
    expect(created[0]?.n).toBe('1');
    await db.runAsync('dropdb', [name]);

    const part = await db.createSibling();
    await part.runAsync('pg_restore', ['--section=pre-data', '--exit-on-error', '-d', part.name, archive]);
    await part.runAsync('pg_restore', [
      '-t',
      'payment_2025',
      '--data-only',
      '--exit-on-error',
      '-d',
      part.name,
      archive,
    ]);
    const counts = await userTableRowCounts(part);
    expect(counts.get('shop.payment_2025')).toBeGreaterThan(0);
    expect(counts.get('shop.payment_2026')).toBe(0);

    const script = await db.runAsync('pg_restore', ['-f', '-', '-P', 'touch()', '-n', 'shop', archive]);
    expect(script).toContain('CREATE FUNCTION shop.touch()');
    const comments = await db.runAsync('pg_restore', ['-f', '-', '-n', 'shop', '-t', 'customer', archive]);
    expect(comments).toContain("COMMENT ON TABLE shop.customer IS 'People who buy things'");
  });
});

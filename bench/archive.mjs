/**
 * Archive benchmark, two parts:
 *
 * 1. Writing throughput: MB/s of COPY payload through writeCustomArchive at
 *    gzip levels 1 and 6, next to single-threaded zlib.deflateSync of the same
 *    bytes in the same run. Ours is timed writing a real file (what users get)
 *    and into a stream that discards the bytes (compression alone, like the
 *    deflateSync figure). The figures are interleaved run by run, so a noisy
 *    neighbour slows all of them alike; best and median of the runs are shown.
 *    The worker pool is started once per process (by a warm-up write, whose
 *    time is shown too), as in any real run where that happens while the first
 *    rows are generated.
 * 2. Restoring: `pg_restore -j 2` of datagen's custom archive of
 *    examples/shop.sql vs `pg_restore -j 2` of a `pg_dump -Fc` archive of the
 *    same rows, on a throwaway PostgreSQL server this bench starts and stops.
 *
 * Runs on the built library: `npm run build && node bench/archive.mjs`
 * (`--quick` for a small run), or via `npm run bench` (bench/run.mjs).
 * Environment: BENCH_ARCHIVE_MIB (payload, default 64; quick 16), BENCH_RUNS
 * (default 5; quick 3), BENCH_RESTORE_ROWS (rows per table, default 200000;
 * quick 10000; 0 skips part 2).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { writeCustomArchive } from '../dist/archive/index.js';
import { generate } from '../dist/index.js';
import { startPostgres } from '../test/helpers/throwaway-postgres.mjs';

const MiB = 1024 * 1024;

/** COPY rows that compress about as well as generated data does (~3.6x at level 1, ~4.4x at 6). */
function makePayload(bytes) {
  const batches = [];
  let total = 0;
  let i = 1;
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  while (total < bytes) {
    let batch = '';
    while (batch.length < 64 * 1024) {
      const h = Math.imul(i, 2654435761) >>> 0;
      const w = words[h % words.length];
      batch += `${i}\t${w}-${h.toString(36)}@example.com\t${w} ${words[(h >>> 8) % words.length]}\t${(h % 100000) / 100}\t2024-0${(h % 9) + 1}-1${h % 10} 12:34:56+00\n`;
      i++;
    }
    const buf = Buffer.from(batch);
    batches.push(buf);
    total += buf.length;
  }
  return { batches, total };
}

function tableEntries(batches) {
  return [
    {
      dumpId: 1,
      desc: 'TABLE',
      section: 'pre-data',
      namespace: 'public',
      tag: 'bench',
      owner: null,
      tablespace: '',
      tableam: 'heap',
      defn: 'CREATE TABLE public.bench (id bigint, email text, name text, amount numeric, at timestamptz);\n',
      dropStmt: 'DROP TABLE public.bench;\n',
      dependencies: [],
    },
    {
      dumpId: 2,
      desc: 'TABLE DATA',
      section: 'data',
      namespace: 'public',
      tag: 'bench',
      owner: null,
      defn: null,
      dropStmt: null,
      copyStmt: 'COPY public.bench (id, email, name, amount, at) FROM stdin;\n',
      dependencies: [1],
      data: async function* () {
        yield* batches;
      },
    },
  ];
}

/** A stream that accepts and drops everything: our writer with no file I/O. */
function nullStream() {
  return new Writable({
    write(_chunk, _encoding, done) {
      done();
    },
  });
}

async function seconds(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Part 1: returns report lines. */
async function writingBench({ quick }) {
  const size = Number(process.env.BENCH_ARCHIVE_MIB ?? (quick ? 16 : 64)) * MiB;
  const runs = Number(process.env.BENCH_RUNS ?? (quick ? 3 : 5));
  const cores = availableParallelism();
  const { batches, total } = makePayload(size);
  const whole = Buffer.concat(batches);
  const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-'));
  const header = {
    dbname: 'bench',
    createdAt: new Date(0),
    remoteVersion: '15',
    pgDumpVersion: '15 (datagen)',
  };
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const mbps = (s) => total / 1e6 / s;
  const fmt = (s) => mbps(s).toFixed(1);
  const write = (level, workers, output) =>
    writeCustomArchive({
      entries: tableEntries(batches),
      header,
      compression: { method: 'gzip', level },
      output,
      workers,
      sync: false,
    });
  const lines = [
    `archive writer: custom format, ${(total / MiB).toFixed(1)} MiB of COPY payload, ${cores} cores, ${runs} runs ` +
      `interleaved (best / median), output file in ${tmpdir()}`,
  ];
  try {
    const cold = await seconds(() => write(1, cores, nullStream()));
    lines.push(
      `first write of the process (starts ${cores} deflate workers, cold JIT): ${fmt(cold.seconds)} MB/s at gzip:1`,
    );
    for (const level of [1, 6]) {
      await write(level, cores, nullStream()); // warm-up at this level
      const file = join(dir, `bench-${level}.dump`);
      const t = { single: [], file: [], stream: [], one: [] };
      let archiveBytes = 0;
      let deflated = 0;
      for (let r = 0; r < runs; r++) {
        const single = await seconds(() => deflateSync(whole, { level }));
        deflated = single.result.length;
        t.single.push(single.seconds);
        // Each timed write makes a new file: replacing an existing one makes ext4
        // (auto_da_alloc) flush the new data inside the rename, a cost of the
        // benchmark's reuse of one path, not of writing an archive.
        rmSync(file, { force: true });
        t.file.push((await seconds(() => write(level, cores, file))).seconds);
        archiveBytes = statSync(file).size;
        t.stream.push((await seconds(() => write(level, cores, nullStream()))).seconds);
        rmSync(file, { force: true });
        t.one.push((await seconds(() => write(level, 1, file))).seconds);
      }
      const best = (k) => Math.min(...t[k]);
      const mid = (k) => median(t[k]);
      const both = (k) => `${fmt(best(k))} / ${fmt(mid(k))} MB/s`;
      const ratio = (k) =>
        `${(best('single') / best(k)).toFixed(2)}x / ${(mid('single') / mid(k)).toFixed(2)}x`;
      lines.push(
        `gzip:${level}  deflateSync, 1 thread (baseline)          ${both('single')}`,
        `        writeCustomArchive ${cores} workers, to a file    ${both('file')}  = ${ratio('file')} baseline`,
        `        writeCustomArchive ${cores} workers, no file I/O  ${both('stream')}  = ${ratio('stream')} baseline`,
        `        writeCustomArchive 1 worker, to a file      ${both('one')}  = ${ratio('one')} baseline`,
        `        compression ratio ${(total / archiveBytes).toFixed(2)} (deflateSync ${(total / deflated).toFixed(2)})`,
      );
    }
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
  lines.push(
    `peak RSS ${(peakRss / MiB).toFixed(0)} MiB (the ${(total / MiB).toFixed(0)} MiB payload, its concatenated copy ` +
      "and deflateSync's output included)",
  );
  return lines;
}

const SHOP_TABLES = [
  'customer',
  'category',
  'product',
  'address',
  '"order"',
  'order_line',
  'product_category',
  'review',
  'payment',
];

/** Rows in every shop table, one number per table: both restores must give the same. */
async function rowCounts(pg, database) {
  const sql = SHOP_TABLES.map((t) => `(SELECT count(*) FROM shop.${t})`).join(" || ',' || ");
  return (await pg.run('psql', ['-X', '-At', '-d', database, '-c', `SELECT ${sql}`])).trim();
}

/** Part 2: returns report lines. */
async function restoreBench({ quick }) {
  const rows = Number(process.env.BENCH_RESTORE_ROWS ?? (quick ? 10_000 : 200_000));
  if (rows === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-restore-'));
  const ours = join(dir, 'datagen.dump');
  const theirs = join(dir, 'pg_dump.dump');
  let pg = null;
  try {
    pg = await startPostgres({ settings: ['autovacuum=off'] }); // no background work on one restore while the next is timed
    const made = await seconds(() =>
      generate({ schema: ['examples/shop.sql'], defaultRows: rows, seed: 1, format: 'custom', output: ours }),
    );
    const totalRows = made.result.tables.reduce((sum, t) => sum + t.rows, 0);
    // pg_dump needs the rows in a database: restore ours once (also timed).
    const source = await pg.createDatabase('source');
    const times = { ours: [], theirs: [] };
    times.ours.push(
      (await seconds(() => pg.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', source, ours]))).seconds,
    );
    const dumped = await seconds(() => pg.run('pg_dump', ['-Fc', '-f', theirs, '-d', source]));
    const expected = await rowCounts(pg, source);
    // Then alternate, each into a fresh database dropped afterwards, so neither
    // restore always runs second (after the other's checkpoints and writes).
    const rounds = quick ? 1 : 2;
    for (let round = 0; round < rounds; round++) {
      for (const [which, path] of [
        ['theirs', theirs],
        ['ours', ours],
      ]) {
        const db = await pg.createDatabase(`restore_${which}_${round}`);
        times[which].push(
          (await seconds(() => pg.run('pg_restore', ['-j', '2', '--exit-on-error', '-d', db, path]))).seconds,
        );
        const counts = await rowCounts(pg, db);
        if (counts !== expected)
          throw new Error(`${which}: restored row counts ${counts}, expected ${expected}`);
        await pg.run('psql', ['-X', '-q', '-c', `DROP DATABASE ${db}`]);
      }
    }
    const best = (k) => Math.min(...times[k]);
    const list = (k) => times[k].map((t) => t.toFixed(1)).join(', ');
    const mib = (path) => (statSync(path).size / MiB).toFixed(1);
    return [
      '',
      `pg_restore -j 2, examples/shop.sql at ${rows.toLocaleString('en-US')} rows per table ` +
        `(${totalRows.toLocaleString('en-US')} rows), throwaway PostgreSQL ${pg.binDir}, autovacuum off`,
      `  datagen archive    ${mib(ours)} MiB, generated in ${made.seconds.toFixed(1)} s; restores ${list('ours')} s`,
      `  pg_dump -Fc of it  ${mib(theirs)} MiB, dumped in ${dumped.seconds.toFixed(1)} s; restores ${list('theirs')} s`,
      `  best restore time datagen / pg_dump: ${(best('ours') / best('theirs')).toFixed(2)}x ` +
        `(row counts per table equal in every restore: ${expected})`,
    ];
  } finally {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Run both parts and return the report: printable lines joined with newlines.
 * `quick`: a 16 MiB payload, 3 runs, 10,000 rows per table to restore.
 */
export async function runArchiveBench({ quick = false } = {}) {
  const lines = [...(await writingBench({ quick })), ...(await restoreBench({ quick }))];
  return lines.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await runArchiveBench({ quick: process.argv.includes('--quick') }));
}

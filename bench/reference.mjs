/**
 * The reference-table workload of issue 12 (bench/reference-table.sql: 8
 * columns, bigserial, first/last name, unique email, city, timestamptz,
 * numeric(10,2), boolean) to a COPY file, with the baselines measured in the
 * same run: a faker-per-value loop, PostgreSQL's own generate_series COPY of
 * a table of the same shape (psql \copy to a file), and psql's ingest of
 * datagen's file into an unlogged table without indexes. Runs are
 * interleaved (every workload once per round) so a noisy neighbour slows
 * them alike; best and median are shown. Each datagen run is its own process
 * (bench/generate-child.mjs), so its peak RSS is its own.
 *
 * Environment: BENCH_REF_ROWS (default 1,000,000; quick 100,000),
 * BENCH_ROUNDS (default 3; quick 1), BENCH_FAKER_ROWS (default 100,000;
 * quick 10,000). No PostgreSQL server binaries: the server baselines are
 * skipped and the report says so.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../test/helpers/throwaway-postgres.mjs';
import { fakerReference } from './baseline-faker.mjs';
import { runWithThreadCpu } from './thread-cpu.mjs';

const SCHEMA = 'bench/reference-table.sql';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function datagen(rows, format, workers, output, level) {
  const args = ['bench/generate-child.mjs', SCHEMA, String(rows), format, String(workers), output];
  if (level !== undefined) args.push(String(level));
  const { stdout, threads } = await runWithThreadCpu(process.execPath, args, { maxBuffer: 1 << 20 });
  return { ...JSON.parse(stdout), threads };
}

async function timed(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The same 8 columns made by PostgreSQL itself. */
function generateSeriesQuery(rows) {
  return (
    `SELECT i, (ARRAY['Ana','John','Maria','Wei','Fatima','Liam'])[1 + i % 6], ` +
    `(ARRAY['Silva','Smith','Garcia','Chen','Khan','Murphy'])[1 + (i / 7) % 6], ` +
    `'user' || i || '@example.com', (ARRAY['Springfield','Lisbon','Osaka','Lagos'])[1 + i % 4], ` +
    `timestamptz '2020-01-01 00:00:00+00' + i * interval '37 seconds', ((i * 7919) % 10000000) / 100.0, ` +
    `i % 3 = 0 FROM generate_series(1::bigint, ${rows}) AS i`
  );
}

// bigserial (a sequence, no index): datagen's -F copy output ends by setting person_id_seq, as pg_dump -a does.
const UNLOGGED_TABLE =
  'CREATE UNLOGGED TABLE person (id bigserial, first_name text, last_name text, email text, city text, ' +
  'created_at timestamptz, balance numeric(10,2), active boolean)';

/** A run's CPU by thread (thread-cpu.mjs), for the report. */
function threadLine(threads) {
  if (threads === null) return 'not read (no /proc)';
  return [threads.main, threads.busiest, threads.others].map((s) => fmt(s, 2)).join(' / ');
}

/** Returns { lines, json }. */
export async function runReferenceBench({ quick = false } = {}) {
  const rows = Number(process.env.BENCH_REF_ROWS ?? (quick ? 100_000 : 1_000_000));
  const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
  const fakerRows = Number(process.env.BENCH_FAKER_ROWS ?? (quick ? 10_000 : 100_000));
  const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-ref-'));
  const copyFile = join(dir, 'ref.copy');
  const t = { j1: [], j2: [], customZ1j2: [], series: [], ingest: [] };
  const rss = { j1: 0, j2: 0, customZ1j2: 0, small1: 0, small2: 0 };
  const cpu = { j1: [], j2: [], customZ1j2: [] };
  /** Per thread, the run of least CPU's (thread-cpu.mjs): main, busiest other (the worker at -j 2), the rest. */
  const threadCpu = { j1: null, j2: null };
  let bytes = 0;
  let pg = null;
  let serverNote = '';
  try {
    try {
      pg = await startPostgres({ settings: ['autovacuum=off'] });
    } catch (error) {
      serverNote = `no PostgreSQL server for the server baselines (${String(error.message ?? error).split('\n')[0]})`;
    }
    for (let round = 0; round < rounds; round++) {
      for (const [key, workers] of [
        ['j1', 1],
        ['j2', 2],
      ]) {
        rmSync(copyFile, { force: true });
        const r = await datagen(rows, 'copy', workers, copyFile);
        t[key].push(r.seconds);
        if (r.threads !== null && r.cpuSeconds <= Math.min(...cpu[key])) threadCpu[key] = r.threads;
        cpu[key].push(r.cpuSeconds);
        rss[key] = Math.max(rss[key], r.maxRssMiB);
        bytes = statSync(copyFile).size;
      }
      const dump = join(dir, 'ref.dump');
      rmSync(dump, { force: true });
      const archive = await datagen(rows, 'custom', 2, dump, 1);
      t.customZ1j2.push(archive.seconds);
      cpu.customZ1j2.push(archive.cpuSeconds);
      rss.customZ1j2 = Math.max(rss.customZ1j2, archive.maxRssMiB);
      if (pg !== null) {
        const out = join(dir, 'series.copy');
        rmSync(out, { force: true });
        t.series.push(
          await timed(() =>
            pg.run('psql', ['-X', '-q', '-c', `\\copy (${generateSeriesQuery(rows)}) TO '${out}'`]),
          ),
        );
        const db = await pg.createDatabase(`ingest_${round}`);
        await pg.run('psql', ['-X', '-q', '-d', db, '-c', UNLOGGED_TABLE]);
        t.ingest.push(
          await timed(() => pg.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', copyFile])),
        );
        const [count] = (
          await pg.run('psql', ['-X', '-At', '-d', db, '-c', 'SELECT count(*) FROM person'])
        ).split('\n');
        if (Number(count) !== rows) throw new Error(`ingest loaded ${count} rows, expected ${rows}`);
        await pg.run('psql', ['-X', '-q', '-c', `DROP DATABASE ${db}`]);
      }
    }
    // Memory at a tenth of the rows: flat means about the same peak.
    rss.small1 = (await datagen(Math.max(1, Math.round(rows / 10)), 'copy', 1, '-')).maxRssMiB;
    rss.small2 = (await datagen(Math.max(1, Math.round(rows / 10)), 'copy', 2, '-')).maxRssMiB;
  } finally {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const faker = fakerReference(fakerRows);
  const rate = (k) => rows / Math.min(...t[k]);
  const fakerRate = faker.rows / faker.seconds;
  const line = (label, k, extra = '') =>
    `   ${label.padEnd(34)} ${fmt(rate(k)).padStart(11)} rows/s best, ${fmt(rows / median(t[k])).padStart(11)} median${extra}`;
  const lines = [
    `0. reference table (bench/reference-table.sql), ${fmt(rows)} rows to a COPY file (${fmt(bytes / 1e6, 1)} MB), ` +
      `${rounds} interleaved round${rounds === 1 ? '' : 's'}`,
    line('datagen -F copy -j 1', 'j1', `, peak RSS ${fmt(rss.j1)} MiB, CPU ${fmt(Math.min(...cpu.j1), 2)} s`),
    line('datagen -F copy -j 2', 'j2', `, peak RSS ${fmt(rss.j2)} MiB, CPU ${fmt(Math.min(...cpu.j2), 2)} s`),
    line(
      'datagen -F c -Z 1 -j 2',
      'customZ1j2',
      `, peak RSS ${fmt(rss.customZ1j2)} MiB, CPU ${fmt(Math.min(...cpu.customZ1j2), 2)} s`,
    ),
    `   ${'faker per value (in process)'.padEnd(34)} ${fmt(fakerRate).padStart(11)} rows/s (${fmt(faker.rows)} rows)`,
  ];
  if (t.series.length > 0) {
    lines.push(
      line('PostgreSQL generate_series \\copy', 'series'),
      line('psql -f ingest (unlogged, no index)', 'ingest'),
    );
  } else lines.push(`   ${serverNote}`);
  const ratio = (a, b) => fmt(a / b, 2);
  lines.push(
    `   -j 2 / -j 1: ${ratio(rate('j2'), rate('j1'))}x; datagen -j 2 / faker: ${ratio(rate('j2'), fakerRate)}x` +
      (t.series.length > 0
        ? `; / generate_series: ${ratio(rate('j2'), rate('series'))}x; / psql ingest: ${ratio(rate('j2'), rate('ingest'))}x`
        : ''),
    `   CPU -j 2 / -j 1: ${ratio(Math.min(...cpu.j2), Math.min(...cpu.j1))}x (the CPU a second thread adds); ` +
      `by thread (main / worker or busiest other / the rest, s): ${threadLine(threadCpu.j1)} at -j 1, ${threadLine(threadCpu.j2)} at -j 2; ` +
      `load average while measured: ${loadavg()
        .map((l) => fmt(l, 1))
        .join(
          ' ',
        )} on ${availableParallelism()} cores (wall-time ratios mean little when it is above the cores)`,
    `   custom archive -Z 1 -j 2 time / copy -j 2 time: ${ratio(Math.min(...t.customZ1j2), Math.min(...t.j2))}x; ` +
      `peak RSS at ${fmt(rows / 10)} rows: -j 1 ${fmt(rss.small1)} MiB, -j 2 ${fmt(rss.small2)} MiB ` +
      `(at ${fmt(rows)}: ${ratio(rss.j1, rss.small1)}x, ${ratio(rss.j2, rss.small2)}x)`,
    '',
  );
  const json = {
    rows,
    bytes,
    rounds,
    seconds: t,
    rowsPerSecond: Object.fromEntries(
      Object.keys(t)
        .filter((k) => t[k].length > 0)
        .map((k) => [k, rate(k)]),
    ),
    faker: { rows: faker.rows, seconds: faker.seconds, rowsPerSecond: fakerRate },
    peakRssMiB: rss,
    cpuSeconds: cpu,
    threadCpuSeconds: threadCpu,
    server: pg === null ? serverNote : 'throwaway PostgreSQL',
  };
  return { lines, json };
}

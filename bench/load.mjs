/**
 * The direct-load workload of issue 10: datagen loading the reference table
 * (bench/reference-table.sql, with its primary key and unique email) straight
 * into a database over COPY, next to psql's `\copy` of the very same rows
 * from a file into the same fresh table, in the same run (rounds
 * interleaved). The ratio is psql's time over datagen's: datagen makes the
 * rows as it loads them, psql only reads them; the target is >= 0.8.
 *
 * Also measured: psql's `\copy` of the same rows as a binary COPY file
 * (`FORMAT binary`), which says how much a binary COPY could gain at most.
 *
 * Environment: BENCH_LOAD_ROWS (default 1,000,000; quick 100,000),
 * BENCH_ROUNDS (default 3; quick 1).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startPostgres } from '../test/helpers/throwaway-postgres.mjs';

const run = promisify(execFile);
const SCHEMA = 'bench/reference-table.sql';
const COLUMNS = 'id, first_name, last_name, email, city, created_at, balance, active';
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function timed(fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** The COPY text rows of datagen's -F copy output: between the COPY line and `\.`. */
async function referenceRows(rows, dir) {
  const script = join(dir, 'person.sql');
  await run(process.execPath, ['bench/generate-child.mjs', SCHEMA, String(rows), 'copy', '2', script]);
  const text = readFileSync(script, 'utf8');
  const start = text.indexOf('\n', text.indexOf('COPY public.person')) + 1;
  const end = text.indexOf('\\.\n', start);
  const file = join(dir, 'person.copy');
  writeFileSync(file, text.slice(start, end));
  rmSync(script);
  return file;
}

/** Returns { lines, json }. */
export async function runLoadBench({ quick = false } = {}) {
  const rows = Number(process.env.BENCH_LOAD_ROWS ?? (quick ? 100_000 : 1_000_000));
  const rounds = Number(process.env.BENCH_ROUNDS ?? (quick ? 1 : 3));
  let pg;
  try {
    pg = await startPostgres({ settings: ['autovacuum=off'] });
  } catch (error) {
    const note = `no PostgreSQL server (${String(error.message ?? error).split('\n')[0]})`;
    return { lines: [`5. direct load: skipped, ${note}`, ''], json: { skipped: note } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-load-'));
  const t = { datagenJ1: [], datagenJ2: [], psqlCopy: [], psqlCopyBinary: [] };
  const url = (db) => `postgresql://${pg.user}@${pg.host}:${pg.port}/${db}`;
  const fresh = async (name) => {
    const db = await pg.createDatabase(name);
    await pg.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db, '-f', SCHEMA]);
    return db;
  };
  const count = async (db) =>
    Number((await pg.run('psql', ['-X', '-At', '-d', db, '-c', 'SELECT count(*) FROM person'])).trim());
  const drop = (db) => pg.run('psql', ['-X', '-q', '-c', `DROP DATABASE ${db}`]);
  try {
    const file = await referenceRows(rows, dir);
    const binary = join(dir, 'person.bin');
    for (let round = 0; round < rounds; round++) {
      for (const [key, workers] of [
        ['datagenJ1', 1],
        ['datagenJ2', 2],
      ]) {
        const db = await fresh(`load_${key.toLowerCase()}_${round}`);
        const { stdout } = await run(process.execPath, [
          'bench/load-child.mjs',
          SCHEMA,
          String(rows),
          String(workers),
          url(db),
        ]);
        t[key].push(JSON.parse(stdout).seconds);
        if ((await count(db)) !== rows)
          throw new Error(`datagen loaded ${await count(db)} rows, not ${rows}`);
        await drop(db);
      }
      const db = await fresh(`load_psql_${round}`);
      t.psqlCopy.push(
        await timed(() =>
          pg.run('psql', [
            '-X',
            '-q',
            '-v',
            'ON_ERROR_STOP=1',
            '-d',
            db,
            '-c',
            `\\copy person (${COLUMNS}) FROM '${file}'`,
          ]),
        ),
      );
      if ((await count(db)) !== rows)
        throw new Error(`psql \\copy loaded ${await count(db)} rows, not ${rows}`);
      // The same rows as a binary COPY file, loaded by psql \copy the same way.
      await pg.run('psql', ['-X', '-q', '-d', db, '-c', `\\copy person TO '${binary}' (FORMAT binary)`]);
      await pg.run('psql', ['-X', '-q', '-d', db, '-c', 'TRUNCATE person']);
      t.psqlCopyBinary.push(
        await timed(() =>
          pg.run('psql', ['-X', '-q', '-d', db, '-c', `\\copy person FROM '${binary}' (FORMAT binary)`]),
        ),
      );
      await drop(db);
    }
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const best = (k) => Math.min(...t[k]);
  const line = (label, k) =>
    `   ${label.padEnd(52)} ${fmt(rows / best(k)).padStart(11)} rows/s best, ${fmt(rows / median(t[k])).padStart(11)} median`;
  const ratio = (k) => best('psqlCopy') / best(k);
  const lines = [
    `5. direct load of the reference table (primary key, unique email), ${fmt(rows)} rows into a fresh table, ` +
      `${rounds} interleaved round${rounds === 1 ? '' : 's'}`,
    line('datagen -d (generate + COPY) -j 1', 'datagenJ1'),
    line('datagen -d (generate + COPY) -j 2 (2 connections)', 'datagenJ2'),
    line("psql \\copy of the same rows' file", 'psqlCopy'),
    line('psql \\copy of the same rows, binary', 'psqlCopyBinary'),
    `   datagen -d / psql \\copy: -j 1 ${fmt(ratio('datagenJ1'), 2)}x, -j 2 ${fmt(ratio('datagenJ2'), 2)}x (target >= 0.8x); ` +
      `binary / text \\copy: ${fmt(best('psqlCopy') / best('psqlCopyBinary'), 2)}x`,
    '',
  ];
  return {
    lines,
    json: { rows, rounds, seconds: t, ratioToPsqlCopy: { j1: ratio('datagenJ1'), j2: ratio('datagenJ2') } },
  };
}

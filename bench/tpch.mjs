/**
 * The TPC-H workload of issue 12: the corpus's TPC-H schema (the tpch
 * template) at scale factor SF (SF1: 8.66M rows) as COPY text to a file with
 * `-j 2`, next to TPC-H's own C generator `dbgen -s SF` built with -O2 and
 * run in the same bench, when its source is on this machine. The bench
 * fetches nothing: point DBGEN_SRC at a TPC-H dbgen source directory (the
 * one with makefile.suite and driver.c), or put it at bench/dbgen; without
 * it the report says so and shows datagen's figures alone.
 *
 * Environment: BENCH_TPCH_SCALE (default 1; quick 0.1), BENCH_TPCH_ROUNDS
 * (default 1), DBGEN_SRC.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function dbgenSource() {
  for (const dir of [process.env.DBGEN_SRC, 'bench/dbgen']) {
    if (dir && existsSync(join(dir, 'makefile.suite')) && existsSync(join(dir, 'driver.c')))
      return resolve(dir);
  }
  return null;
}

/** dbgen built with -O2 in a copy of its source (the source is left as it is); returns the build directory. */
async function buildDbgen(source, into) {
  cpSync(source, into, { recursive: true });
  await run(
    'make',
    [
      '-f',
      'makefile.suite',
      'CC=gcc',
      'DATABASE=ORACLE',
      'MACHINE=LINUX',
      'WORKLOAD=TPCH',
      'CFLAGS=-O2 -DDBNAME=\\"dss\\" -DLINUX -DORACLE -DTPCH -DRNG_TEST -D_FILE_OFFSET_BITS=64',
      'dbgen',
    ],
    { cwd: into, maxBuffer: 1 << 24 },
  );
  return into;
}

/**
 * CPU seconds (user + system) of this process's children waited for so far
 * (Linux's /proc/self/stat cutime + cstime, in USER_HZ = 100 ticks), or null
 * where there is no /proc: a busy machine moves wall time, not this.
 */
function childrenCpuSeconds() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

async function timed(fn) {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, value };
}

/** Returns { lines, json }. */
export async function runTpchBench({ quick = false } = {}) {
  const scale = Number(process.env.BENCH_TPCH_SCALE ?? (quick ? 0.1 : 1));
  const rounds = Number(process.env.BENCH_TPCH_ROUNDS ?? 1);
  const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-tpch-'));
  const source = dbgenSource();
  const t = { datagen: [], dbgen: [] };
  const cpu = { datagen: [], dbgen: [] };
  let ours = null;
  let dbgenBytes = 0;
  let note = '';
  try {
    let dbgenDir = null;
    if (source === null) {
      note =
        'dbgen: no source here (set DBGEN_SRC to a TPC-H dbgen directory, or put it at bench/dbgen; the bench fetches nothing)';
    } else {
      try {
        dbgenDir = await buildDbgen(source, join(dir, 'dbgen'));
      } catch (error) {
        note = `dbgen: could not build ${source} (${String(error.message ?? error).split('\n')[0]})`;
      }
    }
    for (let round = 0; round < rounds; round++) {
      const file = join(dir, 'tpch.copy');
      const { stdout } = await run(
        process.execPath,
        ['bench/template-child.mjs', 'tpch', String(scale), 'copy', '2', file],
        { maxBuffer: 1 << 20 },
      );
      ours = JSON.parse(stdout);
      t.datagen.push(ours.seconds);
      cpu.datagen.push(ours.cpuSeconds);
      rmSync(file, { force: true });
      if (dbgenDir !== null) {
        const out = join(dir, 'tbl');
        rmSync(out, { recursive: true, force: true });
        cpSync(join(dbgenDir, 'dists.dss'), join(out, 'dists.dss'));
        const before = childrenCpuSeconds();
        const r = await timed(() =>
          run(join(dbgenDir, 'dbgen'), ['-s', String(scale), '-f', '-q', '-b', join(out, 'dists.dss')], {
            cwd: out,
            env: { ...process.env, DSS_PATH: out },
          }),
        );
        t.dbgen.push(r.seconds);
        const after = childrenCpuSeconds();
        if (before !== null && after !== null) cpu.dbgen.push(after - before);
        dbgenBytes = readdirSync(out)
          .filter((f) => f.endsWith('.tbl'))
          .reduce((n, f) => n + statSync(join(out, f)).size, 0);
        rmSync(out, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const best = (k) => Math.min(...t[k]);
  const bestCpu = (k) => Math.min(...cpu[k]);
  const lines = [
    `5. TPC-H shape (templates/tpch.sql) at scale factor ${scale}, ${fmt(ours.rows)} rows, best of ${rounds}`,
    `   datagen -F copy -j 2 to a file      ${fmt(best('datagen'), 1).padStart(7)} s, ${fmt(ours.bytes / 1e6)} MB, ` +
      `${fmt(ours.rows / best('datagen'))} rows/s, peak RSS ${fmt(ours.maxRssMiB)} MiB, ` +
      `CPU ${fmt(bestCpu('datagen'), 2)} s (all threads, startup included)`,
  ];
  if (t.dbgen.length > 0) {
    lines.push(
      `   dbgen -s ${scale} (C, -O2)              ${fmt(best('dbgen'), 1).padStart(7)} s, ${fmt(dbgenBytes / 1e6)} MB` +
        (cpu.dbgen.length > 0 ? `, CPU ${fmt(bestCpu('dbgen'), 2)} s (one thread)` : ''),
      `   datagen time / dbgen time: ${fmt(best('datagen') / best('dbgen'), 2)}x (the goal is < 1)`,
    );
    if (cpu.dbgen.length > 0)
      lines.push(
        `   datagen CPU / dbgen CPU: ${fmt(bestCpu('datagen') / bestCpu('dbgen'), 2)}x (what a busy machine moves least)`,
      );
  } else lines.push(`   ${note}`);
  lines.push('');
  return {
    lines,
    json: {
      scale,
      rounds,
      rows: ours.rows,
      bytes: ours.bytes,
      seconds: t,
      cpuSeconds: cpu,
      peakRssMiB: ours.maxRssMiB,
      dbgenBytes,
      note,
    },
  };
}

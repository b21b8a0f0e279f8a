// Issue 12's memory target for the formats that write files: the reference table at two row counts
// (default 1M and 20M; BENCH_MEMORY_ROWS=A,B) as -F c, d, csv and parquet at -j 1 and -j 2, each run in
// its own process (bench/generate-child.mjs): peak RSS, whether it is within 200 MiB, and the larger
// count's peak against the smaller's (the target: within 20%). Then issue 13's cases: the ecommerce
// template at two sizes, BENCH_MEMORY_SIZES (default 100MB,1GB), at -j 2 in every format (plain, copy,
// csv, jsonl, parquet, -F c, -F d; bench/big-data-child.mjs, the sizing samples included), each peak
// within 200 MiB and the two within 20%; then ecommerce as CSV with gzip, tpch as Parquet and finance as
// CSV with gzip and JSON Lines with zstd at BENCH_MEMORY_SIZE_OTHER (default 500MB), each with its size
// against the target (issue 13: within 5%), and examples/shop.sql as its plain script
// (to a discarding stream) at two total row counts (default 1M and 20M: BENCH_MEMORY_SHOP_ROWS=A,B,
// split evenly over its 9 tables). Files go to BENCH_OUT_DIR, else /dev/shm when there is one, and are
// removed after each run. BENCH_MEMORY_PARTS=reference or =issue13 runs only those cases.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseSize } from '../dist/run/sizing.js';

const FORMATS = ['custom', 'directory', 'csv', 'parquet'];
const LIMIT_MIB = 200;
/** Every format issue 13 names, as [format, compression (big-data-child's argument)]: each at two sizes. */
const TEMPLATE_FORMATS = [
  ['plain', '-'],
  ['copy', '-'],
  ['csv', '-'],
  ['jsonl', '-'],
  ['parquet', '-'],
  ['custom', '-'],
  ['directory', '-'],
];

/** The ecommerce template's two sizes (BENCH_MEMORY_SIZES=A,B; default 100MB and 1GB, --quick 20MB and 100MB). */
function templateSizes(quick) {
  return (process.env.BENCH_MEMORY_SIZES ?? (quick ? '20MB,100MB' : '100MB,1GB')).split(',');
}

/** Issue 13's other template cases: [template, format, compression, size], each at -j 2. */
function templateRuns(quick) {
  const other = process.env.BENCH_MEMORY_SIZE_OTHER ?? (quick ? '50MB' : '500MB');
  return [
    ['ecommerce', 'csv', 'gzip', other],
    ['tpch', 'parquet', '-', other],
    ['finance', 'csv', 'gzip', other],
    ['finance', 'jsonl', 'zstd', other],
  ];
}

/** How far `bytes` is from a --size target (read as --size reads it). */
function sizeError(bytes, size) {
  const error = bytes / parseSize(size) - 1;
  return ` (${error >= 0 ? '+' : ''}${(error * 100).toFixed(2)}% of ${size}${Math.abs(error) <= 0.05 ? '' : ', OUTSIDE 5%'})`;
}

/** examples/shop.sql's tables that take the row count (its partitions are filled through their root). */
const SHOP_TABLES = 9;

/** A child run's JSON result. */
function child(args, where) {
  return JSON.parse(
    execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, TMPDIR: where } }),
  );
}

/** Peaks of a run at each of two sizes: within the limit, and the larger within 20% of the smaller. */
function flatLine(label, peaks) {
  const rss = peaks.map((r) => r.maxRssMiB);
  const growth = rss.at(-1) / rss[0] - 1;
  const ok = Math.max(...rss) <= LIMIT_MIB && Math.abs(growth) <= 0.2;
  return `   ${label}: ${rss.map((m) => `${m.toFixed(0)} MiB`).join(' -> ')} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)}%), CPU ${peaks.map((r) => `${r.cpuSeconds.toFixed(1)} s`).join(' / ')} ${ok ? 'within the target' : 'OUTSIDE the target'}`;
}

/** A template run's label: template, size, format and compression. */
function runLabel(template, size, format, compression) {
  return `${template} --size ${size} -F ${format}${compression === '-' ? '' : ` -Z ${compression}`}`;
}

/** One template run at -j 2: its line (bytes against --size, peak RSS) printed and kept; its result. */
function templateRun({ where, lines, json }, [template, format, compression, size]) {
  const r = child(['bench/big-data-child.mjs', template, size, format, compression, '2'], where);
  json.push({ template, size, format, compression, workers: 2, ...r });
  const line = `   ${runLabel(template, size, format, compression).padEnd(40)} ${(r.bytes / 1e6).toFixed(0)} MB${sizeError(r.bytes, size)}, ${r.rows.toLocaleString('en-US')} rows: ${r.maxRssMiB.toFixed(0)} MiB, CPU ${r.cpuSeconds.toFixed(1)} s ${r.maxRssMiB <= LIMIT_MIB ? 'within the target' : 'OUTSIDE the target'}`;
  console.log(line);
  lines.push(line);
  return r;
}

/**
 * Issue 13's cases: the ecommerce template in every format at two sizes, -j 2 (each run's size against
 * --size, then the peaks within 200 MiB and within 20% of each other), the other templates at a size,
 * shop.sql at two row counts: lines and JSON.
 */
function issue13Runs({ quick, where, lines, json }) {
  const head = `memory: templates at --size -j 2 (sizing samples included), peak RSS (target: <= ${LIMIT_MIB} MiB, within 20% between sizes)`;
  console.log(head);
  lines.push(head);
  const sizes = templateSizes(quick);
  for (const [format, compression] of TEMPLATE_FORMATS) {
    const peaks = sizes.map((size) =>
      templateRun({ where, lines, json }, ['ecommerce', format, compression, size]),
    );
    const line = flatLine(`ecommerce -F ${format} at ${sizes.join(' and ')}`, peaks);
    console.log(line);
    lines.push(line);
  }
  for (const run of templateRuns(quick)) templateRun({ where, lines, json }, run);
  const totals = (process.env.BENCH_MEMORY_SHOP_ROWS ?? (quick ? '100000,400000' : '1000000,20000000'))
    .split(',')
    .map(Number);
  const peaks = totals.map((total) => {
    const perTable = Math.ceil(total / SHOP_TABLES);
    const r = child(['bench/generate-child.mjs', 'examples/shop.sql', String(perTable)], where);
    json.push({ schema: 'examples/shop.sql', rowsPerTable: perTable, format: 'plain', ...r });
    return r;
  });
  const line = flatLine(
    `examples/shop.sql plain, ${peaks.map((r) => r.rows.toLocaleString('en-US')).join(' and ')} rows`,
    peaks,
  );
  console.log(line);
  lines.push(line);
}

/** The runs, printed as they end; their figures as JSON. */
export function runMemoryBench({ quick = false } = {}) {
  const counts = (process.env.BENCH_MEMORY_ROWS ?? (quick ? '100000,400000' : '1000000,20000000'))
    .split(',')
    .map(Number);
  const where = process.env.BENCH_OUT_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const lines = [
    `memory: reference table, peak RSS at ${counts.map((n) => n.toLocaleString('en-US')).join(' and ')} rows (target: <= ${LIMIT_MIB} MiB, within 20% between them)`,
  ];
  const parts = (process.env.BENCH_MEMORY_PARTS ?? 'reference,issue13').split(',');
  const json = [];
  if (parts.includes('issue13') && !parts.includes('reference')) lines.pop();
  else console.log(lines[0]);
  for (const format of parts.includes('reference') ? FORMATS : []) {
    for (const workers of [1, 2]) {
      const peaks = counts.map((rows) => {
        const dir = mkdtempSync(join(where, 'datagen-bench-memory-'));
        try {
          const output = join(dir, 'out');
          const r = JSON.parse(
            execFileSync(
              process.execPath,
              [
                'bench/generate-child.mjs',
                'bench/reference-table.sql',
                String(rows),
                format,
                String(workers),
                output,
              ],
              { encoding: 'utf8' },
            ),
          );
          json.push({ format, workers, rows, ...r });
          return r;
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
      const line = flatLine(`-F ${format.padEnd(9)} -j ${workers}`, peaks);
      console.log(line);
      lines.push(line);
    }
  }
  if (parts.includes('issue13')) issue13Runs({ quick, where, lines, json });
  return { lines, json };
}

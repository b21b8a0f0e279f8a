// Issue 12's memory target for the formats that write files: the reference table at two row counts
// (default 1M and 20M; BENCH_MEMORY_ROWS=A,B) as -F c, d, csv and parquet at -j 1 and -j 2, each run in
// its own process (bench/generate-child.mjs): peak RSS, whether it is within 200 MiB, and the larger
// count's peak against the smaller's (the target: within 20%). Files go to BENCH_OUT_DIR, else /dev/shm
// when there is one, and are removed after each run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const FORMATS = ['custom', 'directory', 'csv', 'parquet'];
const LIMIT_MIB = 200;

/** The runs, printed as they end; their figures as JSON. */
export function runMemoryBench({ quick = false } = {}) {
  const counts = (process.env.BENCH_MEMORY_ROWS ?? (quick ? '100000,400000' : '1000000,20000000'))
    .split(',')
    .map(Number);
  const where = process.env.BENCH_OUT_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
  const lines = [
    `memory: reference table, peak RSS at ${counts.map((n) => n.toLocaleString('en-US')).join(' and ')} rows (target: <= ${LIMIT_MIB} MiB, within 20% between them)`,
  ];
  console.log(lines[0]);
  const json = [];
  for (const format of FORMATS) {
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
      const rss = peaks.map((r) => r.maxRssMiB);
      const growth = rss.at(-1) / rss[0] - 1;
      const ok = Math.max(...rss) <= LIMIT_MIB && Math.abs(growth) <= 0.2;
      const line = `   -F ${format.padEnd(9)} -j ${workers}: ${rss.map((m) => `${m.toFixed(0)} MiB`).join(' -> ')} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(0)}%), CPU ${peaks.map((r) => `${r.cpuSeconds.toFixed(1)} s`).join(' / ')} ${ok ? 'within the target' : 'OUTSIDE the target'}`;
      console.log(line);
      lines.push(line);
    }
  }
  return { lines, json };
}

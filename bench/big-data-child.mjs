// One template run in its own process (its peak RSS is its own), sized with
// --size as a user would (the sizing samples included in the time), written
// as the chosen format: COPY text to a discarding stream, a custom archive
// into a file, or csv/jsonl/parquet files into a directory; everything
// written is removed afterwards.
// Usage: [BENCH_MEMORY_SAMPLES=1] node bench/big-data-child.mjs TEMPLATE SIZE FORMAT [COMPRESSION [WORKERS]]
//   SIZE as for --size (1GB); COMPRESSION as for -Z (zstd, gzip:1; for custom/directory/tar archives
//   gzip:LEVEL), - for none (an archive's default);
//   WORKERS as -j (default: all cores, as the CLI).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { generate } from '../dist/index.js';
import { parseSize } from '../dist/run/sizing.js';
import { findTemplate, templateRowCounts } from '../dist/run/templates.js';

// As the CLI runs (src/cli/main.ts): the DDL parser's WebAssembly at its baseline tier.
setFlagsFromString('--liftoff-only');
const [name = 'ecommerce', size = '1GB', format = 'copy', given = '-', workers] = process.argv.slice(2);
const compression = given === '-' ? undefined : given;
const template = findTemplate(name);
const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-'));
const output = format === 'copy' ? new Writable({ write: (_chunk, _enc, done) => done() }) : join(dir, 'out');
const [method, level] = (compression ?? '').split(':');
// An archive's -Z is its own option (`compression`); csv/jsonl/parquet take `fileCompression`.
const archive = ['custom', 'directory', 'tar'].includes(format);
// BENCH_MEMORY_SAMPLES=1: what the process held when its resident set was largest (sampled every 50 ms):
// the calling thread's heap (V8's spaces), buffers outside it, and the rest (workers' heaps, code, zlib).
const sampling = process.env.BENCH_MEMORY_SAMPLES === '1';
let peak = null;
const sampler = sampling
  ? setInterval(() => {
      const m = process.memoryUsage();
      if (peak === null || m.rss > peak.rss) {
        const spaces = Object.fromEntries(
          getHeapSpaceStatistics().map((s) => [s.space_name, Math.round(s.space_size / 2 ** 20)]),
        );
        peak = { ...m, spaces };
      }
    }, 50)
  : null;
try {
  const started = process.hrtime.bigint();
  const result = await generate({
    schema: [template.file],
    tables: templateRowCounts(template, 1),
    fixedTables: template.fixed,
    size: parseSize(size),
    seed: 1,
    format,
    output,
    ...(workers === undefined ? {} : { workers: Number(workers) }),
    ...(compression === undefined
      ? {}
      : {
          [archive ? 'compression' : 'fileCompression']: {
            method,
            ...(level === undefined ? {} : { level: Number(level) }),
          },
        }),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = result.tables.reduce((a, t) => a + t.rows, 0);
  if (sampler !== null) clearInterval(sampler);
  const usage = process.resourceUsage();
  const mib = (n) => Math.round(n / 2 ** 20);
  const memory =
    peak === null
      ? {}
      : {
          atPeak: {
            rss: mib(peak.rss),
            heapTotal: mib(peak.heapTotal),
            heapUsed: mib(peak.heapUsed),
            external: mib(peak.external),
            arrayBuffers: mib(peak.arrayBuffers),
            other: mib(peak.rss - peak.heapTotal - peak.external),
            spaces: peak.spaces,
          },
        };
  process.stdout.write(
    `${JSON.stringify({ rows, bytes: result.bytes, seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMiB: usage.maxRSS / 1024, ...memory })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

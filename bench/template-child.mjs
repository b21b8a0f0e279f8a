// One TPC-H-like template run for bench/tpch.mjs, in its own process (its peak RSS is its own), written as
// the chosen format: COPY text to a discarding stream, or csv/jsonl/parquet
// files into a temporary directory that is removed afterwards.
// Usage: node bench/template-child.mjs TEMPLATE SCALE FORMAT [WORKERS [FILE]]
// FILE (copy only): write the COPY text there instead of discarding it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { generate } from '../dist/index.js';
import { findTemplate, templateRowCounts } from '../dist/run/templates.js';

// As the CLI runs (src/cli/main.ts): the DDL parser's WebAssembly at its baseline tier.
setFlagsFromString('--liftoff-only');
const [name = 'ecommerce', scale = '10', format = 'copy', workers, file] = process.argv.slice(2);
const template = findTemplate(name);
const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-'));
const output =
  format !== 'copy' ? join(dir, 'out') : (file ?? new Writable({ write: (_chunk, _enc, done) => done() }));
try {
  const started = process.hrtime.bigint();
  const result = await generate({
    schema: [template.file],
    tables: templateRowCounts(template, Number(scale)),
    seed: 1,
    format,
    output,
    ...(workers === undefined ? {} : { workers: Number(workers) }),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rows = result.tables.reduce((a, t) => a + t.rows, 0);
  process.stdout.write(
    `${JSON.stringify({
      rows,
      bytes: result.bytes,
      seconds,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      // Every thread's, the whole process's life (startup included).
      cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

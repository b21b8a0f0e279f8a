// One generation run in its own process, so its peak RSS is its own.
// Usage: node bench/generate-child.mjs SCHEMA ROWS [FORMAT [WORKERS [OUTPUT [GZIP_LEVEL]]]]
// OUTPUT: a file path, or - (default) for a stream that discards the bytes.
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { generate, releaseChunk } from '../dist/index.js';

// As the CLI runs (src/cli/main.ts): the DDL parser's WebAssembly at its baseline tier.
setFlagsFromString('--liftoff-only');
const [schema = 'examples/shop.sql', rows = '100000', format = 'plain', workers, output = '-', level] =
  process.argv.slice(2);
let bytes = 0;
const sink = new Writable({
  write(chunk, _enc, done) {
    bytes += chunk.length;
    // Done with its bytes: the run reuses its buffer, as it does after a file sink's write.
    releaseChunk(chunk);
    done();
  },
});
const started = process.hrtime.bigint();
const result = await generate({
  schema: [schema],
  defaultRows: Number(rows),
  seed: 1,
  format,
  output: output === '-' ? sink : output,
  ...(workers === undefined ? {} : { workers: Number(workers) }),
  ...(level === undefined ? {} : { compression: { method: 'gzip', level: Number(level) } }),
  createdAt: new Date(0),
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const totalRows = result.tables.reduce((a, t) => a + t.rows, 0);
process.stdout.write(
  JSON.stringify({
    rows: totalRows,
    bytes: output === '-' ? bytes : result.bytes,
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    // Every thread's, the whole process's life (startup included): a loaded machine slows wall time, not this.
    cpuSeconds: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
  }) + '\n',
);

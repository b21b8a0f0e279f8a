// One generation run in its own process, so its peak RSS is its own.
// Usage: node bench/generate-child.mjs SCHEMA ROWS FORMAT
import { Writable } from 'node:stream';
import { generate } from '../dist/index.js';

const [schema = 'examples/shop.sql', rows = '100000', format = 'plain'] = process.argv.slice(2);
let bytes = 0;
const sink = new Writable({
  write(chunk, _enc, done) {
    bytes += chunk.length;
    done();
  },
});
const started = process.hrtime.bigint();
const result = await generate({ schema: [schema], defaultRows: Number(rows), seed: 1, format, output: sink });
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const totalRows = result.tables.reduce((a, t) => a + t.rows, 0);
process.stdout.write(
  JSON.stringify({ rows: totalRows, bytes, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024 }) +
    '\n',
);

// One direct load (-d without -f) in its own process, timed from start to commit.
// Usage: node bench/load-child.mjs SCHEMA ROWS WORKERS CONNECTION
import { generate } from '../dist/index.js';

const [schema, rows, workers, dbname] = process.argv.slice(2);
const started = process.hrtime.bigint();
const result = await generate({
  schema: [schema],
  defaultRows: Number(rows),
  seed: 1,
  workers: Number(workers),
  connection: { dbname },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  `${JSON.stringify({
    rows: result.tables.reduce((a, t) => a + t.rows, 0),
    bytes: result.bytes,
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);

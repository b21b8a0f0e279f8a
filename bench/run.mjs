// npm run bench: datagen's throughput and memory, each next to a baseline run
// in the same process or run (ratios: these machines are noisy).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Writable } from 'node:stream';
import { generate } from '../dist/index.js';
import { fakerCustomers } from './baseline-faker.mjs';

const quick = process.argv.includes('--quick');
const rows = quick ? 20_000 : 200_000;

function nullSink() {
  let bytes = 0;
  const stream = new Writable({
    write(chunk, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { stream, bytes: () => bytes };
}

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

console.log(`datagen bench (node ${process.version}, ${rows.toLocaleString()} rows)\n`);

// 1. One table, same shape: datagen vs faker-per-value with a Set for uniqueness.
{
  const sink = nullSink();
  const started = process.hrtime.bigint();
  await generate({
    schema: ['examples/shop.sql'],
    defaultRows: 0,
    tables: { 'shop.customer': rows },
    seed: 1,
    output: sink.stream,
  });
  const ours = Number(process.hrtime.bigint() - started) / 1e9;
  const base = fakerCustomers(rows);
  console.log('1. customer table (names, email unique, phone, dates, self-FK), COPY text');
  console.log(`   datagen         ${fmt(rows / ours)} rows/s  ${fmt(sink.bytes() / ours / 1e6, 1)} MB/s`);
  console.log(
    `   faker per value ${fmt(rows / base.seconds)} rows/s  ${fmt(base.bytes / base.seconds / 1e6, 1)} MB/s`,
  );
  console.log(`   ratio           ${fmt(base.seconds / ours, 2)}x\n`);
}

// 2. Whole schema, and memory: peak RSS at N and 5N rows per table must stay flat.
{
  console.log('2. whole examples/shop.sql schema (9 tables), each run in its own process');
  const results = [];
  for (const n of [rows / 10, rows / 2]) {
    const out = execFileSync(process.execPath, ['bench/generate-child.mjs', 'examples/shop.sql', String(n)], {
      encoding: 'utf8',
    });
    const r = JSON.parse(out);
    results.push(r);
    console.log(
      `   ${fmt(n)} rows/table: ${fmt(r.rows / r.seconds)} rows/s, ${fmt(r.bytes / r.seconds / 1e6, 1)} MB/s, peak RSS ${fmt(r.maxRssMiB)} MiB`,
    );
  }
  const [small, large] = results;
  console.log(
    `   peak RSS ratio at 5x the rows: ${fmt(large.maxRssMiB / small.maxRssMiB, 2)}x (flat is ~1.0)\n`,
  );
}

// 3. Big data sets: the ecommerce template in each file format, next to COPY text in the same run.
{
  const scale = quick ? 5 : 50;
  console.log(
    `3. template ecommerce --scale ${scale}, each format in its own process (output MB/s, peak RSS)`,
  );
  const rates = {};
  for (const format of ['copy', 'csv', 'jsonl', 'parquet']) {
    const out = execFileSync(
      process.execPath,
      ['bench/big-data-child.mjs', 'ecommerce', String(scale), format],
      {
        encoding: 'utf8',
      },
    );
    const r = JSON.parse(out);
    rates[format] = r.rows / r.seconds;
    console.log(
      `   ${format.padEnd(8)} ${fmt(r.bytes / 1e6, 1)} MB in ${fmt(r.seconds, 1)} s: ${fmt(r.bytes / r.seconds / 1e6, 1)} MB/s, ${fmt(r.rows / r.seconds)} rows/s, peak RSS ${fmt(r.maxRssMiB)} MiB`,
    );
  }
  console.log(`   parquet rows/s vs csv: ${fmt(rates.parquet / rates.csv, 2)}x (the goal is >= 0.5x)\n`);
}

// 4. Archive writing (when the archive module is built).
if (existsSync(new URL('./archive.mjs', import.meta.url))) {
  const { runArchiveBench } = await import('./archive.mjs');
  const report = await runArchiveBench({ quick });
  console.log(Array.isArray(report) ? report.join('\n') : report);
}

// The semantic generators on one core next to a hand-written @faker-js/faker
// loop making the same columns (people, places, companies, words, numbers and
// dates), COPY text out, in the same run. The target is datagen >= 10x the
// faker loop. `node bench/semantic.mjs [--quick]` runs it alone (after a build).
// Both sides are measured in CPU seconds of this process (process.cpuUsage:
// user + system), not wall time, so other processes on a shared machine move
// the ratio little; three rounds, interleaved, the best of each side kept.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { faker } from '@faker-js/faker';
import { generate, releaseChunk } from '../dist/index.js';

const DDL = `CREATE TABLE person (
  first_name text NOT NULL, last_name text NOT NULL, email text NOT NULL, phone text NOT NULL,
  job_title text NOT NULL, company_name text NOT NULL, street_address text NOT NULL, city text NOT NULL,
  state text NOT NULL, postal_code text NOT NULL, country text NOT NULL, title text NOT NULL,
  description text NOT NULL, price numeric(10,2) NOT NULL, quantity int NOT NULL,
  created_at timestamptz NOT NULL, birth_date date NOT NULL);`;

export const SEMANTIC_COLUMNS = 17;

function escapeCopy(value) {
  return value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]);
}

/** The same 17 columns with one faker call per value. */
function fakerLoop(rows) {
  faker.seed(1);
  let bytes = 0;
  let batch = [];
  const started = process.cpuUsage();
  for (let i = 0; i < rows; i++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    batch.push(
      [
        first,
        last,
        faker.internet.email({ firstName: first, lastName: last }),
        faker.phone.number(),
        faker.person.jobTitle(),
        faker.company.name(),
        faker.location.streetAddress(),
        faker.location.city(),
        faker.location.state(),
        faker.location.zipCode(),
        faker.location.country(),
        faker.lorem.sentence({ min: 2, max: 5 }),
        faker.lorem.paragraph(),
        faker.commerce.price(),
        String(faker.number.int({ min: 1, max: 20 })),
        faker.date.past({ years: 5 }).toISOString(),
        faker.date.birthdate().toISOString().slice(0, 10),
      ]
        .map(escapeCopy)
        .join('\t'),
    );
    if (batch.length === 1000) {
      bytes += Buffer.byteLength(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  bytes += Buffer.byteLength(`${batch.join('\n')}\n`);
  return { bytes, seconds: cpuSecondsSince(started) };
}

async function datagen(rows) {
  const dir = mkdtempSync(join(tmpdir(), 'datagen-bench-'));
  const schema = join(dir, 'person.sql');
  writeFileSync(schema, DDL);
  let bytes = 0;
  const output = new Writable({
    write(chunk, _enc, done) {
      bytes += chunk.length;
      // Done with its bytes: the run reuses its buffer, as it does after a file sink's write.
      releaseChunk(chunk);
      done();
    },
  });
  try {
    const started = process.cpuUsage();
    // One core: no worker threads, so the figure is the generators' own speed.
    await generate({ schema: [schema], defaultRows: rows, seed: 1, workers: 1, format: 'copy', output });
    return { bytes, seconds: cpuSecondsSince(started) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU seconds (user + system) this process spent since `started`. */
function cpuSecondsSince(started) {
  const { user, system } = process.cpuUsage(started);
  return (user + system) / 1e6;
}

/** The run with the fewest CPU seconds. */
const best = (runs) => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

export async function runSemanticBench({ quick }) {
  const rows = quick ? 20_000 : 200_000;
  const fakerRows = quick ? 5_000 : 50_000;
  await datagen(2_000); // warm up (module loading, JIT)
  fakerLoop(500);
  const oursRuns = [];
  const fakerRuns = [];
  for (let round = 0; round < 3; round++) {
    oursRuns.push(await datagen(rows));
    fakerRuns.push(fakerLoop(fakerRows));
  }
  const ours = best(oursRuns);
  const base = best(fakerRuns);
  const oursRate = rows / ours.seconds;
  const fakerRate = fakerRows / base.seconds;
  const ratio = oursRate / fakerRate;
  const lines = [
    `5. semantic generators, ${SEMANTIC_COLUMNS} columns (names, email, phone, job, company, address, words, price, dates), one core, COPY text, per CPU second (best of 3, interleaved)`,
    `   datagen -j 1        ${fmt(oursRate).padStart(10)} rows/s  ${fmt(ours.bytes / ours.seconds / 1e6, 1)} MB/s (${fmt(rows)} rows in ${fmt(ours.seconds, 2)} CPU s)`,
    `   faker loop          ${fmt(fakerRate).padStart(10)} rows/s  ${fmt(base.bytes / base.seconds / 1e6, 1)} MB/s (${fmt(fakerRows)} rows in ${fmt(base.seconds, 2)} CPU s)`,
    `   ratio               ${fmt(ratio, 1)}x (target >= 10x: ${ratio >= 10 ? 'met' : 'NOT met'})`,
  ];
  return {
    lines,
    json: {
      rows,
      cpuSeconds: ours.seconds,
      fakerRows,
      fakerCpuSeconds: base.seconds,
      ratio,
      targetMet: ratio >= 10,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines } = await runSemanticBench({ quick: process.argv.includes('--quick') });
  console.log(lines.join('\n'));
}

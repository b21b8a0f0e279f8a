/**
 * `datagen plan` tells what `generate` writes: over generated schemas (see
 * schema-arbitrary.ts), every table holds the rows the plan gives, a column
 * the plan names NULL in every row is NULL, a value-list column holds only
 * its values, a constant column one value, and a column that alone drives a
 * unique key holds no duplicates; and the plan reports the same warnings
 * (every degradation, with its place) as the run.
 *
 * `npm test` compares 24 schemas (40 before session 36: 29 s, each schema a
 * run, a plan, a psql load and a query per column), the first 24 of the same
 * seed's sequence over schema-arbitrary.ts unchanged; `npm run fuzz`
 * (DATAGEN_FUZZ=1) compares 300.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describePlan,
  type GenerationPlan,
  generate,
  isDatagenError,
  loadSchemaFiles,
  planWithRowTrial,
  type Warning,
} from '../../src/index.js';
import { LEFT_NULL } from '../../src/run/describe-plan.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadOutput, tryOnServer } from './invariant.js';
import { schemaArbitrary } from './schema-arbitrary.js';

const SEED = Number(process.env.DATAGEN_FUZZ_SEED ?? 4242);
const RUNS = Number(process.env.DATAGEN_FUZZ_RUNS ?? (process.env.DATAGEN_FUZZ === '1' ? 300 : 24));

let scratch: TestDatabase;
let target: TestDatabase;

beforeAll(async () => {
  scratch = await createTestDatabase('planmatch');
  target = await scratch.createSibling();
});
afterAll(async () => scratch.close());

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Every mismatch between the plan (and its description) and the loaded rows. */
async function mismatches(plan: GenerationPlan): Promise<string[]> {
  const found: string[] = [];
  const description = describePlan(plan);
  for (const [i, t] of plan.tables.entries()) {
    const table = `${q(t.table.schema)}.${q(t.table.name)}`;
    const [count] = await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    // A partition is filled through its root (its rows are the root's, routed by the server, and the
    // root's count holds them): its own planned count is 0.
    if (t.filledThrough === null && Number(count?.n) !== t.rows)
      found.push(`${table}: ${count?.n} rows, the plan says ${t.rows}`);
    if (description.tables[i]?.rows !== t.rows) found.push(`${table}: description rows differ`);
    for (const [j, c] of t.columns.entries()) {
      if (!c.written || t.rows === 0) continue;
      const col = `${table}.${q(c.column.name)}`;
      const described = description.tables[i]?.columns[j]?.source ?? '';
      const text = `${q(c.column.name)}::text`;
      if (described.startsWith(LEFT_NULL)) {
        const [r] = await target.query<{ n: string }>(`SELECT count(${q(c.column.name)}) AS n FROM ${table}`);
        if (r?.n !== '0') found.push(`${col}: plan says NULL in every row, ${r?.n} rows hold a value`);
      } else if (c.source.kind === 'one-of') {
        const rows = await target.query<{ v: string }>(
          `SELECT DISTINCT ${text} AS v FROM ${table} WHERE ${q(c.column.name)} IS NOT NULL AND NOT (${text} = ANY ($1))`,
          [c.source.values],
        );
        if (rows.length > 0)
          found.push(`${col}: values outside the plan's list: ${rows.map((r) => r.v).join(', ')}`);
      } else if (c.source.kind === 'constant') {
        const rows = await target.query<{ v: string }>(`SELECT DISTINCT ${text} AS v FROM ${table}`);
        if (rows.length > 1) found.push(`${col}: plan says one value, found ${rows.length}`);
      } else if (c.source.kind === 'unique' && t.drivers[c.source.driver]?.components.length === 1) {
        const [r] = await target.query<{ n: string }>(
          `SELECT count(*) - count(DISTINCT ${q(c.column.name)}) - (count(*) - count(${q(c.column.name)})) AS n FROM ${table}`,
        );
        if (r?.n !== '0') found.push(`${col}: plan says unique, ${r?.n} duplicates`);
      }
    }
  }
  return found;
}

it(`what datagen plan says is what generate writes (seed ${SEED}, ${RUNS} schemas)`, async () => {
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(schemaArbitrary, async (s) => {
      const { schema, output, accepted } = await tryOnServer({ scratch, target }, s.ddl);
      if (!accepted) return;
      let plan: GenerationPlan;
      let warnings: readonly Warning[];
      try {
        ({ plan, warnings } = await generate({ schema: [schema], output, defaultRows: s.rows, seed: 11 }));
      } catch (error) {
        if (isDatagenError(error) && error.exitCode === 2) return;
        throw error;
      }
      // What datagen plan prints (plan-command.ts): the schema's warnings and the plan's, each with its place.
      const loaded = await loadSchemaFiles([schema]);
      const { plan: planned } = planWithRowTrial(loaded.schema, { defaultRows: s.rows, seed: 11 });
      const told = [...loaded.warnings, ...planned.warnings];
      expect(new Set(told.map((w) => w.message)), s.ddl).toEqual(new Set(warnings.map((w) => w.message)));
      expect(told.filter((w) => w.where === '')).toEqual([]);
      await loadOutput({ scratch, target }, s.ddl, output, { rows: s.rows, seed: 11 });
      expect(await mismatches(plan), s.ddl).toEqual([]);
      compared++;
    }),
    { seed: SEED, numRuns: RUNS },
  );
  expect(compared).toBeGreaterThan(RUNS / 2);
}, 600_000);

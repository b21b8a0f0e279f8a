/**
 * Mutation fuzz over the shared corpus of real schemas: statements deleted,
 * duplicated or cut short, column types swapped (corpus-mutation.ts), then the
 * built CLI as a user runs it: 0 stack traces, 0 hangs, and no exit 0 with
 * output that fails to load where PostgreSQL accepts the mutated DDL.
 * `npm test` runs a small fixed sample; `npm run fuzz` runs more
 * (DATAGEN_FUZZ_RUNS, DATAGEN_FUZZ_SEED).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuilt } from '../helpers/cli-process.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { mutate, mutationArbitrary, splitStatements } from './corpus-mutation.js';
import { checkInvariantCli, type Outcome } from './invariant.js';

const FUZZ = process.env.DATAGEN_FUZZ === '1';
const SEED = Number(process.env.DATAGEN_FUZZ_SEED ?? (FUZZ ? Date.now() % 2 ** 31 : 20261201));
const RUNS = Number(process.env.DATAGEN_FUZZ_RUNS ?? (FUZZ ? 300 : 8));

describeCorpus('mutated corpus schemas', (files) => {
  let scratch: TestDatabase;
  let target: TestDatabase;
  const statements = new Map<string, string[]>();
  beforeAll(async () => {
    assertBuilt();
    scratch = await createTestDatabase('mutation');
    target = await scratch.createSibling();
    for (const f of files) statements.set(f, await splitStatements(readFileSync(join(corpusDir, f), 'utf8')));
  });
  afterAll(async () => scratch.close());

  it(
    `load, or a clean error, never a crash or a hang (seed ${SEED}, ${RUNS} runs)`,
    async () => {
      const outcomes: Record<Outcome, number> = { 'rejected-by-server': 0, loaded: 0, refused: 0 };
      const arbitrary = fc.record({
        file: fc.constantFrom(...files),
        mutations: fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
        rows: fc.constantFrom(1, 20),
      });
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ file, mutations, rows }) => {
          const ddl = `${mutate(statements.get(file) ?? [], mutations).join('\n\n')}\n`;
          outcomes[await checkInvariantCli({ scratch, target }, ddl, { rows, seed: 3, timeoutMs: 60_000 })]++;
        }),
        // Shrinking re-runs whole schemas through the CLI: the first failure is reported as found.
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      console.log(`corpus mutations (seed ${SEED}, ${RUNS} runs): ${JSON.stringify(outcomes)}`);
      expect(outcomes.loaded).toBeGreaterThan(0);
    },
    Math.max(600_000, RUNS * 10_000),
  );
});

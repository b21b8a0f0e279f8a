/**
 * Issue 8's invariant for one schema: if PostgreSQL accepts the DDL, datagen
 * either writes output that loads (psql, ON_ERROR_STOP, every constraint
 * valid) or refuses with a located DatagenError (exit status 2). Never exit 0
 * with output that fails to load, never an unknown error (a crash), and never
 * a refusal for a construct datagen cannot meet (a row whose CHECKs fail, a
 * column no value fits, a key too small: NULL, a cut or an empty table,
 * warned, since no rows were asked for by name).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, isDatagenError } from '../../src/index.js';
import { cli, cliEnv } from '../helpers/cli-process.js';
import { constraintSummary } from '../helpers/constraint-checks.js';
import type { TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

export type Outcome = 'rejected-by-server' | 'loaded' | 'refused';

export interface InvariantDatabases {
  /** Where the DDL alone is tried, inside a transaction that is rolled back. */
  readonly scratch: TestDatabase;
  /** Where datagen's output is loaded (its public schema is emptied first). */
  readonly target: TestDatabase;
}

/** Check the invariant for `ddl`; throws (with the DDL and what failed) when it does not hold. */
export async function checkInvariant(
  dbs: InvariantDatabases,
  ddl: string,
  options: { readonly rows: number; readonly seed: number },
): Promise<Outcome> {
  const { schema, output, accepted } = await tryOnServer(dbs, ddl);
  if (!accepted) return 'rejected-by-server';
  try {
    await generate({ schema: [schema], output, defaultRows: options.rows, seed: options.seed });
  } catch (error) {
    // A row the CHECKs cannot be met for costs rows, never the run (the row trial cuts the table there).
    if (isDatagenError(error) && /still fails .* after \d+ attempts/.test(error.message))
      throw new Error(`datagen refused a row its trial should have cut, on:\n${ddl}`, { cause: error });
    // Nothing is asked for by name here: a construct datagen cannot meet is a degradation (NULL, fewer
    // rows, an empty table, warned), never a refusal of the run.
    if (isDatagenError(error) && (error.code === 'UNSATISFIABLE' || error.code === 'UNIQUE_SPACE_TOO_SMALL'))
      throw new Error(`datagen refused (${error.code}) where it should degrade, on:\n${ddl}`, {
        cause: error,
      });
    if (isDatagenError(error) && error.exitCode === 2) {
      if (process.env.DATAGEN_FUZZ_LOG) console.log(`refused: ${error.message}\n${ddl}`);
      return 'refused';
    }
    throw new Error(`datagen crashed (not a DatagenError with exit status 2) on:\n${ddl}`, { cause: error });
  }
  await loadOutput(dbs, ddl, output, options);
  return 'loaded';
}

/**
 * The DDL in a file, and whether the server accepts it: tried in a transaction rolled back, sent as one
 * query on the scratch database's connection (no psql process per schema; the generated DDL has no psql
 * meta-commands, and a statement that fails stops the query as ON_ERROR_STOP stops psql).
 */
export async function tryOnServer(
  dbs: InvariantDatabases,
  ddl: string,
): Promise<{ schema: string; output: string; accepted: boolean }> {
  const dir = tempDir('datagen-fuzz-');
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  let accepted = true;
  try {
    await dbs.scratch.query(`BEGIN;\n${ddl}\n;ROLLBACK`);
  } catch {
    accepted = false;
    await dbs.scratch.query('ROLLBACK');
  }
  return { schema, output: join(dir, 'data.sql'), accepted };
}

/** Load `output` into the target's emptied public schema; throws when it does not load or leaves a constraint not valid. */
export async function loadOutput(
  dbs: InvariantDatabases,
  ddl: string,
  output: string,
  options: { readonly rows: number; readonly seed: number },
): Promise<void> {
  await dbs.target.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
  const load = dbs.target.tryRun('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', output]);
  if (load.status !== 0) {
    throw new Error(
      `exit 0 but the output fails to load (${options.rows} rows, seed ${options.seed}):\n${load.stderr}\nschema:\n${ddl}`,
    );
  }
  const { notValid } = await constraintSummary(dbs.target);
  if (notValid.length > 0)
    throw new Error(`constraints not valid after load: ${notValid.join(', ')}\n${ddl}`);
}

/**
 * The same invariant through the built CLI as a user runs it, with a time
 * limit (a hang fails), for any DDL: whatever the server says of it, datagen
 * exits 0 or 2, never with a stack trace; exit 0 on DDL the server accepts
 * must load.
 */
export async function checkInvariantCli(
  dbs: InvariantDatabases,
  ddl: string,
  options: { readonly rows: number; readonly seed: number; readonly timeoutMs: number },
): Promise<Outcome> {
  const { schema, output, accepted } = await tryOnServer(dbs, ddl);
  const args = [
    'generate',
    schema,
    '--rows',
    String(options.rows),
    '--seed',
    String(options.seed),
    '-f',
    output,
  ];
  const run = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    timeout: options.timeoutMs,
    env: cliEnv(),
  });
  const shown = `datagen ${args.join(' ')}: status ${run.status}${run.signal ? `, ${run.signal}` : ''}\n${run.stderr}`;
  if (run.signal) throw new Error(`datagen did not finish within ${options.timeoutMs} ms (${shown})\n${ddl}`);
  if (/\n\s+at /.test(run.stderr) || (run.status !== 0 && run.status !== 2))
    throw new Error(`datagen crashed (${shown})\n${ddl}`);
  if (!accepted) return 'rejected-by-server';
  if (run.status === 2) return 'refused';
  await loadOutput(dbs, ddl, output, options);
  return 'loaded';
}

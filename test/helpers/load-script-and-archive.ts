/**
 * One DDL shape through both outputs users load, with rows and seed named
 * (load-generated.ts' loadScriptAndArchive does the work: a plain script with
 * psql ON_ERROR_STOP and a custom archive with pg_restore --exit-on-error,
 * each into a fresh sibling database; the same rows in both, every constraint
 * valid), and the script's text and warnings at hand.
 */
import { readFileSync } from 'node:fs';
import type { GenerateResult } from '../../src/index.js';
import type { TestDatabase } from './database.js';
import { loadScriptAndArchive as loadBoth } from './load-generated.js';

export interface ScriptAndArchiveOptions {
  /** Rows per table. */
  readonly rows: number;
  readonly seed: number;
  /** Restore the archive in one transaction (`pg_restore --single-transaction`). */
  readonly singleTransaction?: boolean;
  /** The value generators' version (the library takes versions the CLI does not yet). */
  readonly generatorVersion?: number;
}

export interface LoadedScriptAndArchive {
  readonly result: GenerateResult;
  /** The script run's warning messages. */
  readonly warnings: string[];
  /** The script's text. */
  readonly scriptText: string;
  /** Rows per table (`schema.table`), the same in both databases. */
  readonly counts: Map<string, number>;
  /** The database the script was loaded into. */
  readonly script: TestDatabase;
  /** The database the archive was restored into. */
  readonly archive: TestDatabase;
}

export async function loadScriptAndArchive(
  db: TestDatabase,
  ddl: string,
  options: ScriptAndArchiveOptions,
): Promise<LoadedScriptAndArchive> {
  const loaded = await loadBoth(
    db,
    ddl,
    {
      defaultRows: options.rows,
      seed: options.seed,
      ...(options.generatorVersion === undefined ? {} : { generatorVersion: options.generatorVersion }),
    },
    { singleTransaction: options.singleTransaction === true },
  );
  return {
    result: loaded.result,
    warnings: loaded.result.warnings.map((w) => w.message),
    scriptText: readFileSync(loaded.output, 'utf8'),
    counts: loaded.counts,
    script: loaded.target,
    archive: loaded.restored,
  };
}

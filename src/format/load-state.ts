/**
 * The state record of a resumable direct load (`--resume`, see
 * resumable-load.ts): a small JSON file naming the run (what decides every
 * row's values and keys), the unit being loaded with its tables' rows before
 * it, and with `--append` the baseline the tables held when the load began.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { DatagenError, ErrorCodes, readErrorExitCode, type Warning } from '../errors.js';
import type { AppendBaseline } from '../plan/append-plan.js';
import { existingParentsKey } from '../plan/existing-parents.js';
import type { ExistingParents, GenerationPlan } from '../plan/plan-model.js';
import { displayName } from '../schema/names.js';
import { sha256 } from '../sink/sha256.js';

export interface LoadState {
  readonly datagenLoadState: 1;
  readonly run: string;
  readonly database: string;
  /**
   * The tables' oids when the load began: a database or tables dropped and made again since (the rows recorded
   * as committed gone) are another load's target, not this one's to continue.
   */
  readonly tables?: string;
  /** --append: what the tables held when the load began. */
  readonly append?: {
    /** Rows per table (quoted qualified name). */
    readonly rows: Readonly<Record<string, number>>;
    readonly held: AppendBaseline;
    /** The parent rows FKs could point at, by `existingParentsKey` (plan/existing-parents.ts). */
    readonly parents?: readonly (readonly [string, ExistingParents])[];
  };
  /**
   * The unit being loaded (its index in load order) and its tables' rows
   * before it: the units before it committed, it did when a table holds more
   * (rows the triggers of units before it wrote into its tables are not its).
   */
  readonly loading?: { readonly unit: number; readonly rows: Readonly<Record<string, number>> };
}

/** The run's identity: what decides every row's values and keys. */
export function loadRunIdentity(plan: GenerationPlan): string {
  const shape = {
    seed: plan.seed,
    referenceTime: plan.referenceTime,
    ...(plan.locale === undefined ? {} : { locale: plan.locale }),
    ...(plan.generatorVersion === undefined ? {} : { generatorVersion: plan.generatorVersion }),
    tables: plan.tables.map((t) => {
      const identity = [displayName(t.table), t.rows, t.excluded === true, t.drivers];
      // --append: the existing parents FKs point at decide values too.
      const parents = t.foreignKeys.map((f) => f.existing?.count ?? 0);
      return parents.some((n) => n > 0) ? [...identity, parents] : identity;
    }),
  };
  return sha256().update(JSON.stringify(shape)).digest('hex');
}

export function readState(path: string): LoadState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const code = (error as NodeJS.ErrnoException).code;
    throw new DatagenError(
      ErrorCodes.IO,
      `cannot read the load state ${path}: ${(error as Error).message}`,
      { path },
      { cause: error, exitCode: readErrorExitCode(code) },
    );
  }
  try {
    const state = JSON.parse(text) as LoadState;
    if (state.datagenLoadState === 1 && typeof state.run === 'string') return state;
  } catch {}
  throw new DatagenError(
    ErrorCodes.BAD_OPTION,
    `${path} is not a datagen load state: remove it, or give --resume where the interrupted run was started`,
    { path },
  );
}

/** The append baseline an interrupted `--append --resume` load recorded at `path`, if there is one. */
export function recordedAppendBaseline(path: string): AppendBaseline | undefined {
  return readState(path)?.append?.held;
}

/** The existing parents an interrupted `--append --resume` load's plan was made with, if it recorded them. */
export function recordedAppendParents(
  path: string,
): { parents: Map<string, ExistingParents>; warnings: Warning[] } | undefined {
  const parents = readState(path)?.append?.parents;
  return parents === undefined ? undefined : { parents: new Map(parents), warnings: [] };
}

/** The existing parents a plan's FKs point at, by `existingParentsKey`. */
export function planParents(plan: GenerationPlan): [string, ExistingParents][] {
  const found = new Map<string, ExistingParents>();
  for (const t of plan.tables)
    for (const f of t.foreignKeys)
      if (f.existing) found.set(existingParentsKey(f.fk.references, f.fk.referencedColumns), f.existing);
  return [...found];
}

export function writeState(path: string, state: LoadState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, path);
}

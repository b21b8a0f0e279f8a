/**
 * --append: the plan made for a target that already holds rows: its keys
 * past or around the keys there (plan/append-plan.ts), its foreign keys free
 * to point at the parent rows there (plan/existing-parents.ts). A table
 * whose key space has fewer free keys than its rows is cut to them (a
 * warning, an error under --strict) and the plan made again, so its
 * children follow the cut.
 */
import { counted, DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { recordedAppendBaseline, recordedAppendParents } from '../format/load-state.js';
import { readAppendPlan, readTargetParents } from '../format/load-target.js';
import { createValueSource, type ValueSource } from '../generate/value-source.js';
import type { ConnectionOptions } from '../input/connection.js';
import {
  appendBaseline,
  appendCuts,
  heldColumnValues,
  heldFromBaseline,
  planAppend,
} from '../plan/append-plan.js';
import { createPlan, type PlanOptions } from '../plan/create-plan.js';
import { type ExistingParentKeys, existingParentsKey } from '../plan/existing-parents.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import { findTable } from '../plan/row-counts.js';
import { sequenceAppendCuts } from '../plan/sequence-capacity.js';
import type { Schema } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { exactAppendCuts } from './append-free-keys.js';
import { compileAllColumns } from './compile-columns.js';

/** What appendingPlan reads of the run's options. */
export interface AppendOptions extends PlanOptions {
  readonly output?: unknown;
  readonly connection?: ConnectionOptions;
  readonly truncate?: boolean;
  readonly resume?: boolean;
}

/**
 * A selected table whose NOT NULL foreign key points at a table the
 * selection leaves out, which holds no rows in the target either: an error
 * naming both (its rows would have no parent to point at).
 */
function refuseMissingParents(
  schema: Schema,
  selected: ReadonlySet<string> | null,
  parents: ExistingParentKeys,
): void {
  if (selected === null) return;
  const problems: string[] = [];
  for (const t of schema.tables) {
    if (!selected.has(nameKey(t))) continue;
    for (const fk of t.foreignKeys) {
      if (selected.has(nameKey(fk.references))) continue;
      const notNull = fk.columns.some((c) => t.columns.find((col) => col.name === c)?.notNull);
      const held = parents.get(existingParentsKey(fk.references, fk.referencedColumns))?.count ?? 0;
      if (!notNull || held > 0) continue;
      problems.push(
        `${displayName(t)} references ${displayName(fk.references)} (${fk.name}), which the table selection leaves out and which holds no rows in the target: select ${displayName(fk.references)} too (-t ${displayName(fk.references)}), or fill it first`,
      );
    }
  }
  if (problems.length > 0)
    throw new DatagenError(ErrorCodes.UNKNOWN_TABLE, problems.join('\n'), { problems });
}

/**
 * --append: the plan told what the target tables hold (refused where it
 * means nothing). A table whose counting-up key has no room past the
 * maximum there gets no new rows (a warning), and the plan is made again.
 */
export async function appendingPlan(
  schema: Schema,
  options: AppendOptions,
  selected: ReadonlySet<string> | null,
  statePath: string,
  planFor: (
    tables: AppendOptions['tables'],
    extra: Pick<PlanOptions, 'existingParents' | 'heldValues'>,
    adjust: (plan: GenerationPlan) => GenerationPlan,
  ) => { plan: GenerationPlan; source: ValueSource },
): Promise<{ plan: GenerationPlan; source: ValueSource }> {
  if (options.output !== undefined || !options.connection) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      '--append adds rows to a database: give it with --dbname and leave out --file',
      {},
    );
  }
  if (options.truncate) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      '--append and --truncate contradict each other: --truncate empties the tables, --append keeps their rows',
      {},
    );
  }
  const full: Record<string, number> = {};
  const fullWarnings: Warning[] = [];
  const recorded = options.resume === true ? recordedAppendParents(statePath) : undefined;
  const target = recorded ?? (await readTargetParents(schema, selected, options.connection));
  refuseMissingParents(schema, selected, target.parents);
  const existingParents = target.parents;
  fullWarnings.push(...target.warnings);
  // The keys the tables hold, read once for a plan before its row trial (a continued --append --resume
  // load: from its state record), so the trial tries the rows the run makes.
  const first = createPlan(schema, { ...options, selectedTables: selected, existingParents });
  const held =
    (options.resume === true ? recordedAppendBaseline(statePath) : undefined) ??
    appendBaseline(await readAppendPlan(first, options.connection));
  // The values listed FK columns demand that the parents' rows there hold (every held one, not only those read for FKs).
  const heldValues = heldColumnValues(first, held);
  const withHeld = (plan: GenerationPlan) => planAppend(plan, heldFromBaseline(plan, held));
  // Keys counting through a sequence with a small MAXVALUE: the rows its values left past the held maximum.
  const heldByTable = heldFromBaseline(first, held);
  const heldMaximum = (table: number, driver: number) => {
    const keys = heldByTable.get(table)?.get(driver);
    return keys?.kind === 'maximum' ? keys.maximum : undefined;
  };
  for (const cut of sequenceAppendCuts(schema, first, heldMaximum)) {
    full[cut.table] = cut.free;
    fullWarnings.push(cut.warning);
  }
  for (;;) {
    try {
      const planned = planFor(
        withCuts(options.tables, full, schema),
        { existingParents, heldValues },
        withHeld,
      );
      const plan = { ...planned.plan, warnings: [...planned.plan.warnings, ...fullWarnings] };
      // A small key space the table nearly fills: rows cut to its free tuples (children follow in the new plan).
      const estimated = appendCuts(plan);
      const cuts = estimated.length === 0 ? [] : exactAppendCuts(createValueSource(schema, plan), estimated);
      for (const cut of cuts) {
        full[cut.table] = cut.free;
        fullWarnings.push({
          code: 'APPEND_KEY_FULL',
          where: cut.table,
          message: `${cut.table}: its key ${cut.key} (${cut.columns.join(', ')}) has ${counted(cut.capacity, 'value')} and the table holds ${cut.held} of them, so it gets ${cut.free} new row${cut.free === 1 ? '' : 's'}, not ${cut.rows} (--rows ${cut.table}=N for fewer, or --truncate to start again)`,
        });
      }
      if (cuts.length > 0) continue;
      const source = createValueSource(schema, plan);
      compileAllColumns(source);
      return { plan, source };
    } catch (error) {
      // An integer key counting up past the maximum (in the row trial or building the columns): the rows that
      // still fit below its bound.
      const table = error instanceof DatagenError ? error.data.table : undefined;
      if (!(error instanceof DatagenError) || error.data.appendFull !== true || typeof table !== 'string')
        throw error;
      const free = typeof error.data.free === 'number' ? error.data.free : 0;
      const before = full[table];
      if (before !== undefined && before <= free) throw error;
      full[table] = free;
      fullWarnings.push({
        code: 'APPEND_KEY_FULL',
        where: table,
        message: `${((error.cause as Error | undefined) ?? error).message}; ${table} gets ${free} new row${free === 1 ? '' : 's'}`,
      });
    }
  }
}

/**
 * The counts asked for, those of the tables the append cut to their free keys
 * replaced (`full`, by qualified name): the cut wins whatever name the user
 * gave the table (`--rows code=20` and the cut's `public.code`), not a second
 * count of one table.
 */
function withCuts(
  given: Readonly<Record<string, number>> | undefined,
  full: Readonly<Record<string, number>>,
  schema: Schema,
): Record<string, number> {
  const cut = new Set(Object.keys(full).flatMap((name) => findTable(name, schema.tables)));
  const kept = Object.entries(given ?? {}).filter(
    ([name]) => !findTable(name, schema.tables).some((t) => cut.has(t)),
  );
  return { ...Object.fromEntries(kept), ...full };
}

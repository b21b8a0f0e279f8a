/**
 * The library's main entry: schema in, data out. The CLI is a thin shell
 * over this function.
 */

import { availableParallelism } from 'node:os';
import {
  capOldGeneration,
  capYoungGeneration,
  createThreadBudget,
  shrinkYoungGeneration,
} from '../archive/index.js';
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { circularDataWarnings, dataLoadOrder } from '../format/data-order.js';
import { absentTables } from '../format/database-create.js';
import { holdTargetSession, openLoadConnection } from '../format/load-target.js';
import type { ValueSource } from '../generate/value-source.js';
import { holdPipeReads } from '../input/bounded-read.js';
import { holdParser } from '../input/ddl/pg-parser.js';
import type { PlanOptions } from '../plan/create-plan.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import { withRecordedRows } from '../plan/recorded-rows.js';
import { selectStatements } from '../plan/selected-statements.js';
import { emptySelectionWarning, leaveMigrationHistory, selectTables } from '../plan/table-selection.js';
import type { Schema } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import { loadLocale } from '../values/semantic/load-locale.js';
import { appendingPlan } from './appending-plan.js';
import { compileAllColumns } from './compile-columns.js';
import { estimateRun } from './estimate.js';
import { DEFAULT_LOAD_STATE, type GenerateOptions, type GenerateResult } from './generate-options.js';
import { createGenerationPool } from './generation-pool.js';
import { withoutLeftOut, withoutLeftOutRoles } from './left-out-statements.js';
import { type LoadedSchema, loadLiveSchema, loadSchemaFiles } from './load-schema.js';
import { checkOptionTypes } from './option-types.js';
import { refuseOutputOverInput } from './output-over-input.js';
import { planWithRowTrial } from './row-trial.js';
import { withSeededTablesKept } from './seeded-tables.js';
import { rowsForSize } from './sizing.js';
import { startWorkerHeadStart, type WorkerHeadStart } from './worker-head-start.js';
import { writeData } from './write-data.js';

export {
  DEFAULT_LOAD_STATE,
  type GenerateOptions,
  type GenerateResult,
  OUTPUT_FORMATS,
  type OutputFormat,
} from './generate-options.js';
export { defaultCreationTime } from './write-data.js';

/** Warnings that only inform (no construct was handled less than fully). */
const INFORMATIONAL = new Set(['CHECK_REFERENCE_TIME', 'MIGRATION_HISTORY']);

/** Whether a warning only informs: its code says so, or it reports statements left out that change nothing (BEGIN, LOCK, SELECT). */
function informational(w: Warning): boolean {
  return INFORMATIONAL.has(w.code) || w.data?.changesNothing === 'true';
}

/** --strict: a run with any degradation stops before writing, listing them. */
function refuseDegradations(warnings: readonly Warning[]): void {
  const degradations = warnings.filter((w) => !informational(w));
  if (degradations.length === 0) return;
  throw new DatagenError(
    ErrorCodes.UNSATISFIABLE,
    `--strict: ${degradations.length} construct${degradations.length === 1 ? '' : 's'} would be handled by a fallback, so nothing was written:\n` +
      degradations.map((w) => `  ${w.message}`).join('\n'),
    { warnings: degradations.map((w) => w.code) },
  );
}

/** Whether the rows go into a database (no output file). */
function loadsIntoDatabase(options: GenerateOptions): boolean {
  return options.output === undefined && options.connection !== undefined;
}

/** The run's session to its target, opened (or the connection's failure, as the load would tell it). */
async function reachTarget(options: GenerateOptions): Promise<void> {
  if (options.connection === undefined) return;
  await (await openLoadConnection(options.connection)).release();
}

/**
 * A load from DDL files that creates a history table whose rows the DDL
 * records (the database lacks it): it takes them, as a script would give it.
 */
async function recordedTablesCreated(schema: Schema, options: GenerateOptions): Promise<Set<string>> {
  const recorded = schema.recordedRows ?? [];
  if (recorded.length === 0 || options.connection === undefined) return new Set();
  const names = recorded.map((r) => quoteQualified(r.table));
  const { client, release } = await openLoadConnection(options.connection);
  try {
    const absent = new Set(await absentTables(client, names));
    return new Set(recorded.filter((_, i) => absent.has(names[i] as string)).map((r) => nameKey(r.table)));
  } finally {
    await release();
  }
}

/** Warnings about the output rather than the plan: data-only output whose foreign keys form a cycle. */
function outputWarnings(plan: GenerationPlan, options: GenerateOptions): Warning[] {
  const format = options.format ?? 'plain';
  const archive = format === 'custom' || format === 'directory' || format === 'tar';
  const dataOnly = format === 'copy' || (options.dataOnly === true && (format === 'plain' || archive));
  if (!dataOnly || options.output === undefined || options.disableTriggers === true) return [];
  return circularDataWarnings(plan, dataLoadOrder(plan), archive);
}

function isSchema(value: GenerateOptions['schema']): value is Schema {
  return value !== undefined && !Array.isArray(value) && (value as Schema).kind === 'schema';
}

/** The schema: parsed already, from DDL files, or read from the live database. */
async function loadSchema(options: GenerateOptions): Promise<LoadedSchema> {
  if (isSchema(options.schema)) return { schema: options.schema, warnings: [] };
  const files = (options.schema ?? []) as readonly string[];
  if (files.length === 0 && options.connection)
    return loadLiveSchema(options.connection, options.output !== undefined);
  return loadSchemaFiles(files, options.variables, options.generatorVersion);
}

/**
 * Generate data for a schema and write it out.
 *
 * @example
 * await generate({ schema: ['examples/shop.sql'], defaultRows: 1000, seed: 7, output: 'shop.sql' });
 * // shop.sql: DDL, COPY blocks with 1000 rows per table, setval calls, then keys and indexes
 */
export async function generate(given: GenerateOptions): Promise<GenerateResult> {
  return (await generateEach(given, []))[0] as GenerateResult;
}

/** Another file to write a run's plan to, and its format. */
export type OutputChoice = Required<Pick<GenerateOptions, 'output' | 'format'>>;

/**
 * generate(), then the same plan written again to each of `more` (its rows, DDL and warnings the same;
 * a file's own warnings beside them): the results in that order. The library's tests load a schema as a
 * script and as an archive: planned once, not twice.
 */
export async function generateEach(
  given: GenerateOptions,
  more: readonly OutputChoice[],
): Promise<GenerateResult[]> {
  checkOptionTypes(given);
  const pipes = holdPipeReads();
  const headStart = startWorkerHeadStart(given, availableParallelism());
  const session = runSession(given);
  await shrinkYoungGeneration();
  const youngGeneration = capYoungGeneration();
  const oldGeneration = capOldGeneration();
  try {
    return await generateWith(session.options, headStart, more);
  } finally {
    oldGeneration.stop();
    youngGeneration.stop();
    await session.release();
    await headStart.close();
    pipes();
  }
}

/**
 * A run with a target database reads it (the tables there, --append's keys and parents) and loads it over
 * one session, opened on first use (load-target.ts): not a connection per look. The run's own copy of the
 * connection options holds it, so two runs given the same options at once have a session each.
 */
function runSession(given: GenerateOptions): { options: GenerateOptions; release: () => Promise<void> } {
  if (given.connection === undefined) return { options: given, release: async () => undefined };
  const connection = { ...given.connection };
  return { options: { ...given, connection }, release: holdTargetSession(connection) };
}

/** What a run plans before it writes: the schema, its options (row counts from --size included), the plan and its warnings. */
interface PlannedRun {
  readonly loaded: LoadedSchema;
  readonly options: GenerateOptions;
  readonly schema: Schema;
  readonly userSelection: Set<string> | null;
  readonly plan: GenerationPlan;
  readonly source: ValueSource;
  readonly warnings: readonly Warning[];
}

/**
 * The plan a run with these options would make, and its warnings, without
 * writing anything: what `datagen plan` shows is what `generate` does
 * (--size's sample runs, --append's reading of the target, the migration
 * tables a load leaves alone, -O/-x's wording included).
 */
export async function planGeneration(given: GenerateOptions): Promise<{
  readonly plan: GenerationPlan;
  readonly schema: Schema;
  readonly warnings: readonly Warning[];
}> {
  checkOptionTypes(given);
  const releaseParser = await holdParser();
  const session = runSession(given);
  try {
    // The target a load would go into is reached first: a dead -d is generate's failure, not a plan shown.
    if (loadsIntoDatabase(session.options)) await reachTarget(session.options);
    const { plan, schema, warnings } = await planRun(session.options);
    return { plan, schema, warnings };
  } finally {
    await session.release();
    releaseParser();
  }
}

/**
 * The run's schema and plan. The DDL and the configuration's `sql:` settings
 * (parsed by the planner) need the parser until the plan is made; the rows
 * do not: the caller holds it around this (pg-parser.ts) and lets its
 * WebAssembly memory go before writing.
 */
async function planRun(given: GenerateOptions): Promise<PlannedRun> {
  await loadLocale(given.locale);
  const loaded = withoutLeftOutRoles(await loadSchema(given), given);
  // A migration history table whose rows the DDL records gets them (plan/recorded-rows.ts).
  const options = withRecordedRows(
    loaded.schema,
    given.size === undefined
      ? given
      : {
          ...given,
          tables: await rowsForSize(loaded.schema, given, given.size, generate),
          computedTables: true,
        },
  );
  const leavesOut = [
    options.noPrivileges,
    options.noComments,
    options.noPublications,
    options.noSubscriptions,
    options.noSecurityLabels,
  ].includes(true);
  const schema = leavesOut ? withoutLeftOut(loaded.schema, options) : loaded.schema;
  // --append: a parent left out of the selection may hold the rows its children point at (read from the target).
  const userSelection = options.selection
    ? selectTables(schema, options.selection, { parentsInTarget: options.append === true })
    : null;
  // A load leaves the migration tools' history tables as the database has them (their DDL is still written).
  const history = loadsIntoDatabase(options)
    ? leaveMigrationHistory(
        schema,
        userSelection,
        options.selection,
        await recordedTablesCreated(schema, options),
      )
    : { selected: userSelection, warning: null };
  const selectedTables = history.selected;
  // Tables the schema seeded (a version row) in a database filled in place: kept, the rest filled (--append).
  const seeded = loadsIntoDatabase(options)
    ? await withSeededTablesKept(schema, options, selectedTables)
    : { options, warning: null };
  const settled = seeded.options;
  const planFor = (
    tables: GenerateOptions['tables'],
    extra: Partial<PlanOptions> = {},
    adjust?: (plan: GenerationPlan) => GenerationPlan,
  ) =>
    planWithRowTrial(
      schema,
      { ...settled, ...extra, selectedTables, ...(tables === undefined ? {} : { tables }) },
      adjust,
    );
  const { plan, source } = settled.append
    ? await appendingPlan(schema, settled, selectedTables, settled.loadState ?? DEFAULT_LOAD_STATE, planFor)
    : planFor(settled.tables);
  const warnings = [
    ...loaded.warnings,
    ...(history.warning === null ? [] : [history.warning]),
    ...(seeded.warning === null ? [] : [seeded.warning]),
    ...(options.selection ? [emptySelectionWarning(schema, options.selection, userSelection)] : []).filter(
      (w) => w !== null,
    ),
    ...plan.warnings,
    ...outputWarnings(plan, settled),
  ];
  return { loaded, options: settled, schema, userSelection, plan, source, warnings };
}

async function generateWith(
  given: GenerateOptions,
  headStart: WorkerHeadStart,
  more: readonly OutputChoice[],
): Promise<GenerateResult[]> {
  if (Array.isArray(given.schema) && typeof given.output === 'string')
    refuseOutputOverInput(given.schema, given.output);
  if (given.output === undefined && !given.connection) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      'no output: give a file (--file) or a database to load into (--dbname)',
      {},
    );
  }
  const releaseParser = await holdParser();
  try {
    return await planAndWrite(given, headStart, releaseParser, more);
  } finally {
    releaseParser();
  }
}

async function planAndWrite(
  given: GenerateOptions,
  headStart: WorkerHeadStart,
  releaseParser: () => void,
  more: readonly OutputChoice[],
): Promise<GenerateResult[]> {
  const { loaded, options, schema, userSelection, plan, source, warnings } = await planRun(given);
  options.onPlan?.(plan, warnings);
  if (options.strict) refuseDegradations(warnings);
  compileAllColumns(source);
  if (options.onEstimate) options.onEstimate(estimateRun(source));
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1)
    throw new DatagenError(ErrorCodes.BAD_OPTION, `workers must be a positive integer, got ${workers}`, {
      workers,
    });
  const budget = createThreadBudget(workers);
  const pool =
    workers > 1
      ? createGenerationPool(schema, source, {
          workers,
          budget,
          headStart: headStart.take,
          ...(options.blockRows === undefined ? {} : { blockRows: options.blockRows }),
        })
      : null;
  try {
    // As pg_dump -t/-n writes it: the DDL of the selected tables only (a direct load writes no DDL).
    const outputSchema = userSelection ? selectStatements(schema, userSelection) : schema;
    releaseParser();
    const results: GenerateResult[] = [];
    for (const output of [{}, ...more]) {
      const written = await writeData(outputSchema, source, { ...options, ...output }, budget, pool);
      const done = {
        ...result(plan, loaded, written.bytes, written.listing),
        warnings: [...warnings, ...(written.warnings ?? [])],
      };
      results.push(written.files === undefined ? done : { ...done, files: written.files });
    }
    return results;
  } finally {
    await pool?.close();
  }
}

function result(
  plan: GenerationPlan,
  loaded: LoadedSchema,
  bytes: number,
  listing: string | null,
): GenerateResult {
  return {
    plan,
    warnings: [...loaded.warnings, ...plan.warnings],
    bytes,
    listing,
    tables: plan.tables.map((t) => ({ schema: t.table.schema, name: t.table.name, rows: t.rows })),
  };
}

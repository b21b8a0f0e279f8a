/**
 * The library's main entry: schema in, data out. The CLI is a thin shell
 * over this function.
 */
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import { type ArchiveCompression, createThreadBudget, type ThreadBudget } from '../archive/index.js';
import { createTypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { writeArchive } from '../format/archive-output.js';
import { circularDataWarnings, dataLoadOrder } from '../format/data-order.js';
import { schemaCreation } from '../format/database-create.js';
import { loadIntoDatabase } from '../format/database-load.js';
import { plainScript } from '../format/plain-script.js';
import { loadResumably } from '../format/resumable-load.js';
import {
  type Shard,
  type TableFile,
  type TableFileCompression,
  writeTableFiles,
} from '../format/table-files.js';
import type { ValueSource } from '../generate/value-source.js';
import { type ConnectionOptions, resolveConnection } from '../input/connection.js';
import { parseDdl } from '../input/ddl/index.js';
import { loadSqlParser } from '../input/ddl/parse-expression.js';
import { readLiveSchema } from '../input/live-schema.js';
import { DEFAULT_SEED, type PlanOptions } from '../plan/create-plan.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import { selectStatements } from '../plan/selected-statements.js';
import { selectTables, type TableSelectionPatterns } from '../plan/table-selection.js';
import type { Schema } from '../schema/model.js';
import { writeOutput } from '../sink/file-sink.js';
import { loadLocale } from '../values/semantic/load-locale.js';
import { VERSION } from '../version.js';
import { appendingPlan } from './appending-plan.js';
import { compileAllColumns } from './compile-columns.js';
import { estimateRun, type RunEstimate } from './estimate.js';
import { createGenerationPool, type GenerationPool } from './generation-pool.js';
import { type LoadedSchema, loadSchemaFiles } from './load-schema.js';
import { planWithRowTrial } from './row-trial.js';
import { rowsForSize } from './sizing.js';
import { startWorkerHeadStart, type WorkerHeadStart } from './worker-head-start.js';

export type OutputFormat = 'plain' | 'copy' | 'custom' | 'directory' | 'tar' | 'csv' | 'jsonl' | 'parquet';

export const OUTPUT_FORMATS: readonly OutputFormat[] = [
  'plain',
  'custom',
  'directory',
  'tar',
  'copy',
  'csv',
  'jsonl',
  'parquet',
];

export interface GenerateOptions extends PlanOptions {
  /** DDL files to read, or an already-parsed schema; none: the schema of `connection`'s database. */
  readonly schema?: readonly string[] | Schema;
  readonly format?: OutputFormat;
  /** A path, or a writable stream (stdout); none: rows go into `connection`'s database. */
  readonly output?: string | Writable;
  /** A live database: where rows are loaded when there is no `output`, and where the schema is read from when there is no `schema`. */
  readonly connection?: ConnectionOptions;
  /** Loading into a database: empty the target tables first (in the same transaction). */
  readonly truncate?: boolean;
  /** Loading into a database: add to tables that already hold rows, keys past or around theirs. */
  readonly append?: boolean;
  /** Row counts for about this many output bytes: the tables' ratios from `tables`/`defaultRows`, bytes per row measured (sizing.ts). */
  readonly size?: number;
  /** Tables (`name` or `schema.name`) whose row count `size` keeps (a template's fixed tables). */
  readonly fixedTables?: readonly string[];
  /** csv, jsonl, parquet: only shard `index` of `count` (contiguous row ranges of every table). */
  readonly shard?: Shard;
  /** csv, jsonl, parquet: split each table into numbered chunk files of about this many bytes (before compression). */
  readonly chunkSize?: number;
  /**
   * csv, jsonl, parquet: keep the complete files of an interrupted (killed) run of the same command and write the rest.
   * Loading into a database: commit table by table (FK cycles together) and continue an interrupted load.
   */
  readonly resume?: boolean;
  /** Loading with `resume`: the state record's path (default `datagen-load-state.json` in the working directory). */
  readonly loadState?: string;
  /** Every degradation (a warning) is an error instead: exit 2, nothing written. */
  readonly strict?: boolean;
  /** INSERT statements instead of COPY (plain output). */
  readonly inserts?: boolean;
  /** Rows per INSERT (default 1, as pg_dump). */
  readonly rowsPerInsert?: number;
  readonly noOwner?: boolean;
  /** pg_dump's -a: only the data section (plain output). */
  readonly dataOnly?: boolean;
  /** pg_dump's -s: only the DDL (plain and archive output). */
  readonly schemaOnly?: boolean;
  /** pg_dump's -x: no GRANT/REVOKE. */
  readonly noPrivileges?: boolean;
  /** pg_dump's -c, --if-exists, -C, --disable-triggers (plain output). */
  readonly clean?: boolean;
  readonly ifExists?: boolean;
  readonly create?: boolean;
  readonly disableTriggers?: boolean;
  /** pg_dump's -n/-N/-t/-T: which tables get rows (a selected table's FK parents must be selected too). */
  readonly selection?: TableSelectionPatterns;
  /** Archive compression (custom and directory formats; default gzip level 6, as pg_dump; tar: none). */
  readonly compression?: ArchiveCompression;
  /** CSV / JSON Lines: gzip, zstd or none (default none); Parquet: snappy (default), zstd, gzip or none. */
  readonly fileCompression?: TableFileCompression;
  /**
   * Threads for row generation and archive compression together (default:
   * every core); 1 generates on the calling thread. The calling thread is
   * one of them: N - 1 generation workers at most (and no more than the
   * cores less one). The bytes do not depend on it.
   */
  readonly workers?: number;
  /**
   * Rows per block a generation worker encodes at once (default: sized to
   * about 512 KiB of COPY text). Given, every table goes to the workers, small
   * ones too (else tables under 20,000 rows stay on the calling thread). The
   * bytes do not depend on it.
   */
  readonly blockRows?: number;
  /** The archive's creation time (default: SOURCE_DATE_EPOCH when set, else now). */
  readonly createdAt?: Date;
  /** The database name recorded in an archive's header, and the one `create` makes (default: the connection's database, else `datagen`). */
  readonly dbname?: string;
  /** Called once the plan is made, before any output, with every warning so far (schema and plan). */
  readonly onPlan?: (plan: GenerationPlan, warnings: readonly Warning[]) => void;
  /** Called once every column's generator is built, just before output starts: the run's size. */
  readonly onEstimate?: (estimate: RunEstimate) => void;
  /** Called as rows are produced (table index, rows since the last call, their bytes as written before archive compression). */
  readonly onRows?: (tableIndex: number, rows: number, bytes: number) => void;
}

export interface GenerateResult {
  readonly plan: GenerationPlan;
  readonly warnings: readonly Warning[];
  readonly bytes: number;
  /** For archives: the `pg_restore -l`-style listing of what is inside. */
  readonly listing: string | null;
  /** For csv, jsonl and parquet: the files written into the directory, in table order. */
  readonly files?: readonly TableFile[];
  readonly tables: readonly { readonly schema: string; readonly name: string; readonly rows: number }[];
}

/**
 * The server version an archive claims to come from: the oldest whose syntax
 * the DDL uses (15 unless it uses something newer; shown by `pg_restore -l`).
 */
function archiveServerVersion(schema: Schema): string {
  return `${schema.serverVersion ?? 15}.0`;
}

/** SOURCE_DATE_EPOCH (reproducible builds' convention) when set, else now. */
export function defaultCreationTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date();
}

/** Warnings that only inform (no construct was handled less than fully). */
const INFORMATIONAL = new Set(['CHECK_REFERENCE_TIME']);

/** --strict: a run with any degradation stops before writing, listing them. */
function refuseDegradations(warnings: readonly Warning[]): void {
  const degradations = warnings.filter((w) => !INFORMATIONAL.has(w.code));
  if (degradations.length === 0) return;
  throw new DatagenError(
    ErrorCodes.UNSATISFIABLE,
    `--strict: ${degradations.length} construct${degradations.length === 1 ? '' : 's'} would be handled by a fallback, so nothing was written:\n` +
      degradations.map((w) => `  ${w.message}`).join('\n'),
    { warnings: degradations.map((w) => w.code) },
  );
}

/** Where a resumable load keeps its state record unless told. */
export const DEFAULT_LOAD_STATE = 'datagen-load-state.json';

/** Warnings about the output rather than the plan: data-only output whose foreign keys form a cycle. */
function outputWarnings(plan: GenerationPlan, options: GenerateOptions): Warning[] {
  const format = options.format ?? 'plain';
  const archive = format === 'custom' || format === 'directory' || format === 'tar';
  const dataOnly = format === 'copy' || (options.dataOnly === true && (format === 'plain' || archive));
  if (!dataOnly || options.output === undefined || options.disableTriggers === true) return [];
  return circularDataWarnings(plan, dataLoadOrder(plan), archive);
}

/** -x: the schema without its GRANT/REVOKE statements. */
function withoutPrivileges(schema: Schema): Schema {
  return { ...schema, statements: schema.statements.filter((s) => s.desc !== 'ACL') };
}

function isSchema(value: GenerateOptions['schema']): value is Schema {
  return value !== undefined && !Array.isArray(value) && (value as Schema).kind === 'schema';
}

/** The schema: parsed already, from DDL files, or read from the live database. */
async function loadSchema(options: GenerateOptions): Promise<LoadedSchema> {
  if (isSchema(options.schema)) return { schema: options.schema, warnings: [] };
  const files = (options.schema ?? []) as readonly string[];
  if (files.length === 0 && options.connection) {
    const loaded = await parseDdl([await readLiveSchema(options.connection)]);
    // Rows loaded back into the database the schema came from: it has every object the DDL uses.
    if (options.output !== undefined) return loaded;
    return { ...loaded, warnings: loaded.warnings.filter((w) => w.code !== 'EXTERNAL_OBJECTS') };
  }
  return loadSchemaFiles(files);
}

/**
 * Generate data for a schema and write it out.
 *
 * @example
 * await generate({ schema: ['examples/shop.sql'], rows: 1000, seed: 7, output: 'shop.sql' });
 * // shop.sql: DDL, COPY blocks with 1000 rows per table, setval calls, then keys and indexes
 */
export async function generate(given: GenerateOptions): Promise<GenerateResult> {
  const headStart = startWorkerHeadStart(given, availableParallelism());
  try {
    return await generateWith(given, headStart);
  } finally {
    await headStart.close();
  }
}

async function generateWith(given: GenerateOptions, headStart: WorkerHeadStart): Promise<GenerateResult> {
  await loadLocale(given.locale);
  // The configuration's `sql:` settings are parsed by the planner (a schema given as a model parsed none).
  await loadSqlParser();
  const loaded = await loadSchema(given);
  const options =
    given.size === undefined
      ? given
      : {
          ...given,
          tables: await rowsForSize(loaded.schema, given, given.size, generate),
          computedTables: true,
        };
  const schema = options.noPrivileges ? withoutPrivileges(loaded.schema) : loaded.schema;
  if (options.output === undefined && !options.connection) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      'no output: give a file (--file) or a database to load into (--dbname)',
      {},
    );
  }
  // --append: a parent left out of the selection may hold the rows its children point at (read from the target).
  const selectedTables = options.selection
    ? selectTables(schema, options.selection, { parentsInTarget: options.append === true })
    : null;
  const planFor = (
    tables: GenerateOptions['tables'],
    extra: Partial<PlanOptions> = {},
    adjust?: (plan: GenerationPlan) => GenerationPlan,
  ) =>
    planWithRowTrial(
      schema,
      { ...options, ...extra, selectedTables, ...(tables === undefined ? {} : { tables }) },
      adjust,
    );
  const { plan, source } = options.append
    ? await appendingPlan(schema, options, selectedTables, options.loadState ?? DEFAULT_LOAD_STATE, planFor)
    : planFor(options.tables);
  const warnings = [...loaded.warnings, ...plan.warnings, ...outputWarnings(plan, options)];
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
    const outputSchema = selectedTables ? selectStatements(schema, selectedTables) : schema;
    const written = await writeData(outputSchema, source, options, budget, pool);
    const done = { ...result(plan, loaded, written.bytes, written.listing), warnings };
    return written.files === undefined ? done : { ...done, files: written.files };
  } finally {
    await pool?.close();
  }
}

/** The rows (and DDL) to the output the options name: a file or stream in a format, or a database. */
async function writeData(
  schema: Schema,
  source: ValueSource,
  options: GenerateOptions,
  budget: ThreadBudget,
  pool: GenerationPool | null,
): Promise<{ bytes: number; listing: string | null; files?: readonly TableFile[] }> {
  const tableRows = pool?.tableRows;
  const format = options.format ?? 'plain';
  if (options.shard !== undefined && format !== 'csv' && format !== 'jsonl' && format !== 'parquet') {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--shard applies to the csv, jsonl and parquet formats (one file per table), not ${format}`,
      { format },
    );
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const header = [`Generated by datagen ${VERSION}, seed ${seed}`];
  // As the archive's header: a script of a newer release's syntax says which server it needs.
  if ((schema.serverVersion ?? 15) > 15)
    header.push(`Dumped from database version ${archiveServerVersion(schema)}`);
  const rowsFrom = tableRows === undefined ? {} : { tableRows };
  const onRows = options.onRows === undefined ? {} : { onRows: options.onRows };
  const output = options.output;
  // As pg_dump names the dumped database: the -d database when there is one.
  const databaseName =
    options.dbname ?? (options.connection ? resolveConnection(options.connection).database : 'datagen');
  if (output === undefined && options.resume) {
    const bytes = await loadResumably(schema, source, options.connection as ConnectionOptions, {
      statePath: options.loadState ?? DEFAULT_LOAD_STATE,
      ...(options.truncate === undefined ? {} : { truncate: options.truncate }),
      ...(options.append === undefined ? {} : { append: options.append }),
      ...onRows,
      ...rowsFrom,
    });
    return { bytes, listing: null };
  }
  if (output === undefined) {
    // From DDL files (or a model): a database without the tables gets them made, as pg_restore would.
    const fromDdl = options.schema !== undefined && !options.append;
    const bytes = await loadIntoDatabase(schema, source, options.connection as ConnectionOptions, {
      ...(fromDdl ? { createWith: schemaCreation(schema, { noOwner: options.noOwner === true }) } : {}),
      ...(options.truncate === undefined ? {} : { truncate: options.truncate }),
      ...(options.append === undefined ? {} : { append: options.append }),
      ...onRows,
      ...rowsFrom,
    });
    return { bytes, listing: null };
  }
  switch (format) {
    case 'plain':
    case 'copy': {
      const chunks = plainScript(schema, source, {
        header,
        dataOnly: format === 'copy' || options.dataOnly === true,
        schemaOnly: options.schemaOnly === true,
        inserts: options.inserts === true || options.rowsPerInsert !== undefined,
        ...(options.rowsPerInsert === undefined ? {} : { rowsPerInsert: options.rowsPerInsert }),
        noOwner: options.noOwner === true,
        clean: options.clean === true,
        ifExists: options.ifExists === true,
        ...(options.create ? { createDatabase: databaseName } : {}),
        disableTriggers: options.disableTriggers === true,
        ...onRows,
        ...rowsFrom,
      });
      return { bytes: await writeOutput(chunks, output), listing: null };
    }
    case 'custom':
    case 'directory':
    case 'tar': {
      if (format === 'directory' && typeof output !== 'string') {
        throw new DatagenError(
          ErrorCodes.BAD_OPTION,
          'the directory format writes a directory: give its path with --file DIR (stdout is not possible)',
          { format },
        );
      }
      const written = await writeArchive(schema, source, {
        format,
        // pg_dump's tar format is never compressed.
        compression:
          options.compression ??
          (format === 'tar' ? { method: 'none', level: 0 } : { method: 'gzip', level: 6 }),
        header: {
          dbname: databaseName,
          createdAt: options.createdAt ?? defaultCreationTime(),
          remoteVersion: archiveServerVersion(schema),
          pgDumpVersion: `${archiveServerVersion(schema)} (datagen ${VERSION})`,
        },
        output,
        schemaOnly: options.schemaOnly === true,
        dataOnly: options.dataOnly === true,
        workers: budget.size,
        budget,
        // Compression on the generation workers: one set of threads for the run.
        ...(pool === null ? {} : { deflateThreads: pool.deflateThreads }),
        ...onRows,
        ...rowsFrom,
      });
      return { bytes: written.summary.bytes, listing: written.listing };
    }
    case 'csv':
    case 'jsonl':
    case 'parquet': {
      if (typeof output !== 'string') {
        throw new DatagenError(
          ErrorCodes.BAD_OPTION,
          `the ${format} format writes one file per table into a directory: give its path with --file DIR (stdout is not possible)`,
          { format },
        );
      }
      const files = await writeTableFiles(source, output, {
        format,
        types: createTypeLookup(schema),
        ...(options.fileCompression === undefined ? {} : { compression: options.fileCompression }),
        ...(options.shard === undefined ? {} : { shard: options.shard }),
        ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
        resume: options.resume === true,
        settings: { nullRate: options.nullRate ?? null },
        ...onRows,
      });
      return { bytes: files.reduce((n, f) => n + f.bytes, 0), listing: null, files };
    }
    default:
      throw new DatagenError(ErrorCodes.BAD_OPTION, `unknown format ${String(format)}`, { format });
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

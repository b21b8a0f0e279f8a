/**
 * The rows (and DDL) to where the options send them: a script or COPY
 * stream, a pg_dump archive, one file per table (CSV, JSON Lines, Parquet),
 * or a live database (in one transaction, or resumably table by table).
 */
import { availableParallelism } from 'node:os';
import type { Writable } from 'node:stream';
import type { ArchiveCompression, ThreadBudget } from '../archive/index.js';
import { createTypeLookup } from '../checks/type-resolution.js';
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { writeArchive } from '../format/archive-output.js';
import { schemaCreation } from '../format/database-create.js';
import { loadIntoDatabase } from '../format/database-load.js';
import { MANIFEST_FILE } from '../format/manifest.js';
import { type OutputEncoding, outputEncoding, outputEncodingName } from '../format/output-encoding.js';
import { plainScript } from '../format/plain-script.js';
import { loadResumably } from '../format/resumable-load.js';
import { type TableFile, writeTableFiles } from '../format/table-files.js';
import type { ParquetGroupJobs, TableRows } from '../format/table-rows.js';
import type { ValueSource } from '../generate/value-source.js';
import { type ConnectionOptions, describeConnection, resolveConnection } from '../input/connection.js';
import { parseInstant } from '../input/date-time-fields.js';
import { DEFAULT_SEED } from '../plan/create-plan.js';
import type { Schema } from '../schema/model.js';
import { writeOutput } from '../sink/file-sink.js';
import { effectiveGeneratorVersion, VERSION } from '../version.js';
import { DEFAULT_LOAD_STATE, type GenerateOptions } from './generate-options.js';
import type { GenerationPool } from './generation-pool.js';

export interface Written {
  readonly bytes: number;
  /** Told while writing (a direct load creating the schema: roles it left out). */
  readonly warnings?: readonly Warning[];
  readonly listing: string | null;
  readonly files?: readonly TableFile[];
}

/** What every writer takes besides the schema and the value functions. */
interface WriteContext {
  readonly options: GenerateOptions;
  /** Blocks from the generation workers (none: rows made on the calling thread). */
  readonly rowsFrom: { readonly tableRows?: TableRows };
  /** Parquet's row groups from the generation workers (none: made on the calling thread). */
  readonly groupsFrom: { readonly groupJobs?: ParquetGroupJobs };
  readonly onRows: Pick<GenerateOptions, 'onRows'>;
  /** As pg_dump names the dumped database: the -d database when there is one. */
  readonly databaseName: string;
  /** -E: the script's or archive's encoding (none: UTF8), and the warnings its rows gave. */
  readonly encoding: { readonly encoding?: OutputEncoding };
  readonly warnings: Warning[];
}

/** -E's writer for the options' output; an output it does not apply to is a usage error. */
function encodingFor(
  options: GenerateOptions,
  format: string,
  warnings: Warning[],
): { encoding?: OutputEncoding } {
  if (options.encoding === undefined) return {};
  const name = outputEncodingName(options.encoding);
  const scripted = ['plain', 'copy', 'custom', 'directory', 'tar', 'csv'].includes(format);
  if (name !== 'UTF8' && (options.output === undefined || !scripted))
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      options.output === undefined
        ? `-E/--encoding ${options.encoding} applies to a script or archive (-f); a load with -d writes in the database's own encoding, characters it lacks replaced (warned per table)`
        : `-E/--encoding ${options.encoding} applies to the plain, copy, custom, directory, tar and csv formats, not ${format} (written in UTF-8)`,
      { encoding: options.encoding },
    );
  const encoding = outputEncoding(name, (w) => warnings.push(w));
  return encoding === undefined ? {} : { encoding };
}

/**
 * The server version an archive claims to come from: the oldest whose syntax
 * the DDL uses (15 unless it uses something newer; shown by `pg_restore -l`).
 */
function archiveServerVersion(schema: Schema): string {
  return `${schema.serverVersion ?? 15}.0`;
}

/**
 * SOURCE_DATE_EPOCH (reproducible builds' convention) when set, else now. A value that is not seconds since
 * 1970 up to year 9999 is refused, as the convention asks (it was ignored, or an internal error past 275760).
 */
export function defaultCreationTime(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  const date = /^\d+$/.test(epoch.trim()) ? parseInstant(epoch) : undefined;
  if (date === undefined)
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `SOURCE_DATE_EPOCH=${epoch}: expected seconds since 1970 (at most 253402300799, the end of year 9999); fix or unset it, or give --timestamp`,
      {},
    );
  return date;
}

/** The rows (and DDL) to the output the options name: a file or stream in a format, or a database. */
export async function writeData(
  schema: Schema,
  source: ValueSource,
  options: GenerateOptions,
  budget: ThreadBudget,
  pool: GenerationPool | null,
): Promise<Written> {
  const format = options.format ?? 'plain';
  if (options.shard !== undefined && format !== 'csv' && format !== 'jsonl' && format !== 'parquet') {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `--shard applies to the csv, jsonl and parquet formats (one file per table), not ${format}`,
      { format },
    );
  }
  const warnings: Warning[] = [];
  const context: WriteContext = {
    options,
    encoding: encodingFor(options, format, warnings),
    warnings,
    rowsFrom: pool === null ? {} : { tableRows: pool.tableRows },
    groupsFrom: pool === null ? {} : { groupJobs: pool.groupJobs },
    onRows: options.onRows === undefined ? {} : { onRows: options.onRows },
    databaseName:
      options.dbname ?? (options.connection ? resolveConnection(options.connection).database : 'datagen'),
  };
  const output = options.output;
  if (output === undefined) {
    const bytes = await loadData(schema, source, context, (w) => warnings.push(w));
    return { bytes, listing: null, warnings };
  }
  switch (format) {
    case 'plain':
    case 'copy': {
      const bytes = await writeScript(schema, source, output, context);
      return { bytes, listing: null, warnings };
    }
    case 'custom':
    case 'directory':
    case 'tar':
      return { ...(await writeArchiveData(schema, source, output, context, budget, pool)), warnings };
    case 'csv':
    case 'jsonl':
    case 'parquet':
      return { ...(await writeFiles(schema, source, output, context, budget)), warnings };
    default:
      throw new DatagenError(ErrorCodes.BAD_OPTION, `unknown format ${String(format)}`, { format });
  }
}

/** Into the connection's database: resumably (table by table) or in one transaction. */
async function loadData(
  schema: Schema,
  source: ValueSource,
  context: WriteContext,
  onWarning: (warning: Warning) => void,
): Promise<number> {
  const { options, rowsFrom, onRows } = context;
  const connection = options.connection as ConnectionOptions;
  const common = {
    disableTriggers: options.disableTriggers === true,
    ...(options.truncate === undefined ? {} : { truncate: options.truncate }),
    ...(options.append === undefined ? {} : { append: options.append }),
    ...onRows,
    ...rowsFrom,
  };
  if (options.resume && options.unloggedDuringLoad)
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      'unloggedDuringLoad applies to a load in one transaction, not with resume',
      {},
    );
  // A transaction per table, committed in the fixed order its state record follows: one connection.
  if (options.resume && (options.workers ?? 1) > 1)
    onWarning({
      code: 'RESUME_ONE_CONNECTION',
      where: describeConnection(connection),
      message: `--resume loads over one connection (a transaction per table, committed in the order its state record follows): -j ${options.workers} sets only the threads that make the rows. Without --resume, -j loads over up to that many connections, all or nothing`,
    });
  if (options.resume)
    return loadResumably(schema, source, connection, {
      statePath: options.loadState ?? DEFAULT_LOAD_STATE,
      ...common,
    });
  // From DDL files (or a model): a database without the tables gets them made, as pg_restore would.
  // An empty file list is the live database's own schema (read with pg_dump): never made again there.
  const given = options.schema;
  const fromDdl = given !== undefined && !(Array.isArray(given) && given.length === 0) && !options.append;
  return loadIntoDatabase(schema, source, connection, {
    ...(fromDdl ? { createWith: schemaCreation(schema, { noOwner: options.noOwner === true }) } : {}),
    unloggedDuringLoad: options.unloggedDuringLoad === true,
    // -j given: up to that many connections (one without it, as pg_restore).
    connections: options.workers ?? 1,
    ...(options.onLoadWay === undefined ? {} : { onLoadWay: options.onLoadWay }),
    // --strict: a role the database lacks stops the load (every degradation is an error).
    ...(options.strict ? {} : { onWarning }),
    ...common,
  });
}

/** A plain SQL script (DDL, COPY or INSERT) or data-only COPY blocks. */
async function writeScript(
  schema: Schema,
  source: ValueSource,
  output: string | Writable,
  context: WriteContext,
): Promise<number> {
  const { options, rowsFrom, onRows } = context;
  const header = [`Generated by datagen ${VERSION}, seed ${options.seed ?? DEFAULT_SEED}`];
  // As the archive's header: a script of a newer release's syntax says which server it needs.
  if ((schema.serverVersion ?? 15) > 15)
    header.push(`Dumped from database version ${archiveServerVersion(schema)}`);
  const chunks = plainScript(schema, source, {
    header,
    dataOnly: options.format === 'copy' || options.dataOnly === true,
    schemaOnly: options.schemaOnly === true,
    inserts: options.inserts === true || options.rowsPerInsert !== undefined,
    ...(options.rowsPerInsert === undefined ? {} : { rowsPerInsert: options.rowsPerInsert }),
    noOwner: options.noOwner === true,
    clean: options.clean === true,
    ifExists: options.ifExists === true,
    ...(options.create ? { createDatabase: context.databaseName } : {}),
    disableTriggers: options.disableTriggers === true,
    ...(options.sizingSlice === undefined ? {} : { slice: options.sizingSlice }),
    ...onRows,
    ...rowsFrom,
    ...context.encoding,
  });
  return writeOutput(chunks, output);
}

/**
 * An archive's compression: the one asked for, else gzip 6 (pg_dump's tar
 * format: none); from generator version 23 deflated with zlib's memLevel 9
 * (its hash chains' memory: level 1 ~8% less CPU, other bytes).
 */
function archiveCompression(
  options: GenerateOptions,
  format: 'custom' | 'directory' | 'tar',
  generatorVersion: number,
): ArchiveCompression {
  const asked =
    options.compression ?? (format === 'tar' ? { method: 'none', level: 0 } : { method: 'gzip', level: 6 });
  return generatorVersion >= 23 ? { ...asked, memLevel: 9 } : asked;
}

/** A pg_dump archive: custom, directory or tar. */
async function writeArchiveData(
  schema: Schema,
  source: ValueSource,
  output: string | Writable,
  context: WriteContext,
  budget: ThreadBudget,
  pool: GenerationPool | null,
): Promise<Written> {
  const { options, rowsFrom, onRows } = context;
  const format = options.format as 'custom' | 'directory' | 'tar';
  if (format === 'directory' && typeof output !== 'string') {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      'the directory format writes a directory: give its path with --file DIR (stdout is not possible)',
      { format },
    );
  }
  const written = await writeArchive(schema, source, {
    format,
    compression: archiveCompression(options, format, effectiveGeneratorVersion(source.plan.generatorVersion)),
    header: {
      dbname: context.databaseName,
      createdAt: options.createdAt ?? defaultCreationTime(),
      remoteVersion: archiveServerVersion(schema),
      pgDumpVersion: `${archiveServerVersion(schema)} (datagen ${VERSION})`,
    },
    output,
    schemaOnly: options.schemaOnly === true,
    dataOnly: options.dataOnly === true,
    workers: budget.size,
    budget,
    // Compression on the generation workers when the run has them: one set of threads for the run.
    ...(pool?.deflateThreads === undefined ? {} : { deflateThreads: pool.deflateThreads }),
    ...onRows,
    ...rowsFrom,
    ...context.encoding,
  });
  return { bytes: written.summary.bytes, listing: written.listing };
}

/** CSV, JSON Lines or Parquet: one file (or numbered chunks) per table in a directory. */
async function writeFiles(
  schema: Schema,
  source: ValueSource,
  output: string | Writable,
  context: WriteContext,
  budget: ThreadBudget,
): Promise<Written> {
  const { options, onRows, rowsFrom, groupsFrom } = context;
  const { encoding } = context.encoding;
  const format = options.format as 'csv' | 'jsonl' | 'parquet';
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
    // -E is the files' bytes: a resumed run keeps only files of the same encoding.
    settings: {
      nullRate: options.nullRate ?? null,
      ...(encoding === undefined ? {} : { encoding: encoding.name }),
    },
    ...onRows,
    ...rowsFrom,
    ...groupsFrom,
    ...context.encoding,
    // Parquet: a table per generating thread at once (-j 8 on 2 cores writes 2, as -j 2: each holds its groups in flight).
    workers: Math.min(budget.size, availableParallelism()),
    onCompleteAlready: () =>
      context.warnings.push({
        code: 'RESUME_COMPLETE',
        where: output,
        message: `--resume: ${output} is complete already (its ${MANIFEST_FILE} is this run's, with the same seed, options and row counts, and every file it lists is there); nothing was written`,
      }),
  });
  return { bytes: files.reduce((n, f) => n + f.bytes, 0), listing: null, files };
}

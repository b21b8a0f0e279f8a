/**
 * SQL DDL files → the schema model, using PostgreSQL's own parser
 * (libpg-query) and pgsql-deparser for every statement that is rewritten.
 */

import { DatagenError, ErrorCodes, formatLocation, type Warning } from '../../errors.js';
import type { Schema } from '../../schema/model.js';
import { MAX_DDL_TOTAL_BYTES } from '../bounded-read.js';
import { createDdlContext, type DdlContext, type SourceStatement } from './ddl-context.js';
import { withCallDdlRead } from './dynamic-ddl.js';
import { statementSearchPath } from './extension-search-path.js';
import { groupCallWarnings, writeCallsAfterData } from './function-calls.js';
import { handleStatement } from './handle-statement.js';
import { followIncludedVariables, type ReadInclude, readIncluded } from './include-files.js';
import { inlineFunctionsIntoChecks } from './inline-checks.js';
import { endLocalSettings } from './local-settings.js';
import { downMigrationFile, withoutDownSections } from './migration-sections.js';
import { sourceQuotingNewerKeywords } from './newer-keywords.js';
import { bodyUsesNewerNumbers, decimalNumbersIn, usesNewerNumbers } from './numeric-literals.js';
import { nestsTooDeeply, parseStatements } from './parse-statements.js';
import { loadParser } from './pg-parser.js';
import { leaveTablesCallingUndeclaredTypes } from './plpgsql-declared-types.js';
import { pointReadsAsTypmods } from './point-reads.js';
import { postgisChecksAsTypmods } from './postgis-checks.js';
import { withGeometryCallsRead } from './postgis-columns.js';
import { createMetaCommandLog, type MetaCommandLog } from './psql-meta.js';
import { substituteVariables } from './psql-variables.js';
import { EXTENSION_CONFIG_DUMP, STATISTICS_RESTORE } from './queries.js';
import { judgeRelationsRead } from './relations-read.js';
import { createSchemaBuilder, formatProblems } from './schema-builder.js';
import { requiredServerVersion } from './server-version.js';
import type { MetaCommand, SourceText } from './source-text.js';
import { createStatementList } from './statement-list.js';
import { leaveTablesWithUncomparableKeys } from './uncomparable-keys.js';
import { judgeFunctionCalls } from './undefined-functions.js';
import { judgeTypeUses } from './undefined-types.js';
import { WITH_OIDS_SETTING } from './with-oids.js';

/** Why a kind of statement left out is not needed, where it is not about rows. */
const SKIPPED_REASONS: Readonly<Record<string, string>> = {
  TransactionStmt: 'the output loads in the transactions psql or pg_restore gives it',
  LockStmt: "a lock lasts for its transaction, and the input's transactions are left out",
  DeclareCursorStmt: "a cursor lasts for its transaction, and the input's transactions are left out",
  FetchStmt: "a cursor lasts for its transaction, and the input's transactions are left out",
  ClosePortalStmt: "a cursor lasts for its transaction, and the input's transactions are left out",
  ReindexStmt:
    'the output builds each index after the rows it holds, where a REINDEX before them would name an index not built yet',
  VacuumStmt:
    'they act on the rows there are when they run, before the data here, and VACUUM fails in the one transaction of pg_restore -1 or a direct load; run ANALYZE after loading',
  SelectStmt:
    'queries change nothing in a schema, and one reading a materialized view fails before the data refreshes it',
  [WITH_OIDS_SETTING]:
    'PostgreSQL 12 and later have no tables WITH OIDS and refuse it; the tables after it are made without the oid column, as pg_restore 12 and later restores them',
  [EXTENSION_CONFIG_DUMP]:
    "it marks an extension's configuration table for pg_dump and fails anywhere but in the script CREATE EXTENSION runs; the tables are generated as plain tables",
  [STATISTICS_RESTORE]:
    "pg_dump's statistics describe the source database's rows, not the rows datagen writes, and fail before PostgreSQL 18; run ANALYZE after loading",
};

/** How a skipped statement is named where its node's name is not the SQL's. */
const STATEMENT_NAMES: Readonly<Record<string, string>> = {
  DeclareCursorStmt: 'DECLARE CURSOR',
  FetchStmt: 'FETCH/MOVE',
  ClosePortalStmt: 'CLOSE (cursor)',
  ReindexStmt: 'REINDEX',
  VacuumStmt: 'VACUUM/ANALYZE',
};

export interface DdlSource {
  readonly file: string;
  readonly text: string;
}

export interface ParseDdlOptions {
  /** Schema for unqualified names before any `SET search_path` (default `public`). */
  readonly defaultSchema?: string;
  /**
   * Reads a file a psql `\i` / `\ir` names (the text, or undefined when it
   * does not exist). Without it, includes are reported as problems.
   */
  readonly readInclude?: ReadInclude;
  /** The characters the files and what they include may add up to in one reading, each include counted as read (default MAX_DDL_TOTAL_BYTES). */
  readonly includeBudget?: number;
  /**
   * A type nothing defines where nothing else may make it: a located problem
   * (`refuse`, the default), or only the UNKNOWN_TYPE warning (a spec tells
   * it at its own place).
   */
  readonly undefinedTypes?: 'refuse' | 'warn';
  /** psql variables set before the first file (`--set NAME=VALUE`, as psql's `-v`). */
  readonly variables?: Readonly<Record<string, string>>;
  /** Read `SELECT AddGeometryColumn(...)` as the column it adds (postgis-columns.ts; from version 22). */
  readonly readGeometryCalls?: boolean;
  /** Read a kept call of a plpgsql routine as the DDL its code runs (dynamic-ddl.ts; from version 23). */
  readonly readCallDdl?: boolean;
  /** Read DO blocks of DDL in nested `BEGIN … EXCEPTION WHEN duplicate_…` blocks as that DDL (exception-do.ts; from version 24). */
  readonly readExceptionBlocks?: boolean;
  /** Read a nested block whose handler makes the same objects another way as its own statements (exception-do.ts; from version 25). */
  readonly readFallbackHandlers?: boolean;
  /** Read a handler that only re-raises (`WHEN OTHERS THEN RAISE`) as no handler (exception-do.ts; from version 27). */
  readonly readReRaiseHandlers?: boolean;
  /** Read a block whose handler swallows a missing object, no action, as its DDL where it succeeds (guarded-do.ts; from 30). */
  readonly readMissingObjectHandlers?: boolean;
  /** Read kept code (DO blocks, routines) for the SQL it runs with the PL/pgSQL parser (code-sql.ts; from version 25). */
  readonly readCodeSql?: boolean;
  /** Read DO blocks' loops over constants and server-version tests (do-loops.ts; from version 28). */
  readonly readConstantLoops?: boolean;
  /** Copy a LIKE source's plain indexes with INCLUDING INDEXES (like-indexes.ts; from version 31). */
  readonly copyLikeIndexes?: boolean;
}

/**
 * Read DDL files into a `Schema`: tables with their keys, foreign keys and
 * checks, types, sequences, and every statement re-ordered the way pg_dump
 * writes them (pre-data, then indexes and constraints as post-data).
 *
 * @example
 * const { schema } = await parseDdl([{ file: 'a.sql', text: 'CREATE TABLE t (id serial PRIMARY KEY);' }]);
 * schema.tables[0]?.primaryKey?.name; // 't_pkey'
 * schema.statements.map((s) => s.sql);
 * // ['CREATE TABLE public.t (\n  id int NOT NULL\n);\n', 'CREATE SEQUENCE public.t_id_seq\n    AS integer\n…',
 * //  'ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;\n',
 * //  "ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);\n",
 * //  'ALTER TABLE ONLY public.t \n  ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n']
 */
export async function parseDdl(
  sources: readonly DdlSource[],
  options: ParseDdlOptions = {},
): Promise<{ schema: Schema; warnings: Warning[] }> {
  return withGeometryCallsRead(sources, options, (s, o) => withCallDdlRead(s, o, parseDdlOnce));
}

/** The readings a generator version turns on (each from its version: the options say which). */
function setVersionedReadings(ctx: DdlContext, options: ParseDdlOptions): void {
  ctx.readsGeometryCalls = options.readGeometryCalls === true;
  ctx.readsCallDdl = options.readCallDdl === true;
  ctx.readsExceptionBlocks = options.readExceptionBlocks === true;
  ctx.readsFallbackHandlers = options.readFallbackHandlers === true;
  ctx.readsReRaiseHandlers = options.readReRaiseHandlers === true;
  ctx.readsMissingObjectHandlers = options.readMissingObjectHandlers === true;
  ctx.readsCodeSql = options.readCodeSql === true;
  ctx.readsConstantLoops = options.readConstantLoops === true;
  ctx.copiesLikeIndexes = options.copyLikeIndexes === true;
}

async function parseDdlOnce(
  sources: readonly DdlSource[],
  options: ParseDdlOptions,
): Promise<{ schema: Schema; warnings: Warning[] }> {
  await loadParser();
  const warnings: Warning[] = [];
  const builder = createSchemaBuilder();
  // The list reads the context's search_path as each statement is added (the context is made after it).
  const current: { ctx?: DdlContext } = {};
  const out = createStatementList((input) =>
    statementSearchPath(current.ctx?.searchPath ?? [], input.desc, builder.extensions),
  );
  const ctx = createDdlContext(builder, out, warnings, options.defaultSchema ?? 'public');
  current.ctx = ctx;
  setVersionedReadings(ctx, options);
  const meta = createMetaCommandLog(options.includeBudget ?? MAX_DDL_TOTAL_BYTES, sources, options.variables);
  for (const source of sources) readSource(ctx, source, meta, options, []);
  warnings.push(...meta.warnings());
  if (ctx.serverVersionAt !== null) {
    warnings.push({
      code: 'SERVER_VERSION',
      message: `the DDL uses syntax of PostgreSQL ${ctx.serverVersion} (first at ${formatLocation(ctx.serverVersionAt)}): the output loads only into PostgreSQL ${ctx.serverVersion} or later`,
      where: formatLocation(ctx.serverVersionAt),
    });
  }
  for (const [tag, { first, count }] of ctx.skipped) {
    const kind = STATEMENT_NAMES[tag] ?? tag.replace(/Stmt$/, '');
    const what =
      count === 1
        ? `${kind} statement at ${formatLocation(first)} is`
        : `${count} ${kind} statements (the first at ${formatLocation(first)}) are`;
    warnings.push({
      code: 'STATEMENT_SKIPPED',
      message: `${what} not DDL and left out of the output (${SKIPPED_REASONS[tag] ?? 'datagen writes its own rows'})`,
      where: formatLocation(first),
      // Transactions, locks and queries leave the loaded database as it would be: no degradation (--strict).
      ...(SKIPPED_REASONS[tag] === undefined ? {} : { data: { statement: kind, changesNothing: 'true' } }),
    });
  }
  const [addOn] = ctx.addOnExtensions;
  if (addOn !== undefined) {
    const names = ctx.addOnExtensions.map((e) => e.name).join(', ');
    warnings.push({
      code: 'ADD_ON_EXTENSIONS',
      message: `the DDL creates extensions that do not ship with PostgreSQL (first at ${formatLocation(addOn.location)}): ${names}. The server the output is loaded into must have them installed, or the load stops at CREATE EXTENSION; to generate the rest without them, remove their CREATE EXTENSION and what uses them from a copy of the DDL`,
      where: formatLocation(addOn.location),
    });
  }
  const logged = [ctx.downMigrations, ctx.databaseStatements, ctx.cleanPrologue];
  warnings.push(...logged.flatMap((log) => log.warning() ?? []), ...ctx.runTimeTables.warnings());
  writeCallsAfterData(ctx); // before the tables are frozen: a call left before the data may give them no rows
  groupCallWarnings(warnings);
  leaveTablesCallingUndeclaredTypes(ctx, builder);
  leaveTablesWithUncomparableKeys(builder);
  inlineFunctionsIntoChecks(ctx, builder, ctx.inlineBodies);
  postgisChecksAsTypmods(builder.tables.values());
  pointReadsAsTypmods(ctx);
  const { tables, sequences, types } = builder.finish(warnings);
  if ([...ctx.routineEffects.values()].some((e) => e.creates)) ctx.calledFunctions.codeMayCreate = true;
  const calls = judgeFunctionCalls(ctx.calledFunctions, builder, out, ctx.external.usesExtensions());
  warnings.push(...calls);
  const relationsRead = judgeRelationsRead(ctx);
  if (relationsRead !== null) warnings.push(relationsRead);
  const extensionsMayMake =
    builder.extensions.some((e) => e.name !== 'plpgsql') ||
    ctx.calledFunctions.codeMayCreate ||
    ctx.external.usesExtensions();
  judgeTypeUses(
    ctx.usedTypes,
    builder,
    out,
    warnings,
    !extensionsMayMake && options.undefinedTypes !== 'warn',
  );
  const external = ctx.external.warning(builder, out, ctx.schemasMadeByCode);
  if (external !== null) warnings.push(external);
  if (builder.problems.length > 0) {
    throw new DatagenError(
      ErrorCodes.SCHEMA_INVALID,
      `The DDL is not a usable schema (${builder.problems.length} problem${builder.problems.length === 1 ? '' : 's'}):\n${formatProblems(builder.problems)}`,
      { problems: builder.problems },
      { exitCode: 2 },
    );
  }
  const schema: Schema = {
    kind: 'schema',
    namespaces: [...builder.namespaces],
    types,
    tables,
    sequences,
    statements: out.finish(),
    // plpgsql is in every database (older pg_dumps write its CREATE EXTENSION, the catalog reader leaves it out).
    extensions: builder.extensions.map((e) => e.name).filter((name) => name !== 'plpgsql'),
    serverVersion: ctx.serverVersion,
    ...(ctx.recorded.size === 0 ? {} : { recordedRows: [...ctx.recorded.values()].map((r) => r.rows) }),
  };
  return { schema, warnings };
}

/** Statements left out of the output (datagen writes its own rows): their syntax asks nothing of the server. */
const DATA_STATEMENTS = [
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CopyStmt',
  'TransactionStmt',
  'ConstraintsSetStmt',
];

/** One file: its statements and psql includes, in file order. */
function readSource(
  ctx: DdlContext,
  source: DdlSource,
  meta: MetaCommandLog,
  options: ParseDdlOptions,
  including: readonly string[],
): void {
  const sqlText = upSectionsOf(ctx, source);
  if (sqlText === null) return;
  const substituted = substituteVariables(
    sqlText,
    meta.variables,
    followIncludedVariables(source.file, meta, options.readInclude, [...including, source.file]),
  );
  // The variables at the end of this file (its includes' \set lines included), for the files after it.
  const after = new Map(meta.variables);
  const text = sourceQuotingNewerKeywords(source.file, substituted.text);
  for (const item of statementsAndMetaCommands(text)) {
    if ('statement' in item) {
      const newerNumbers = usesNewerNumbers(item.statement.text);
      if (newerNumbers) decimalNumbersIn(item.statement.node);
      handleStatementWithin(ctx, item.statement);
      if (!DATA_STATEMENTS.some((kind) => kind in item.statement.node)) {
        const defined = (name: string) =>
          [...ctx.routineIdentities.keys()].some((k) =>
            k.slice(k.indexOf('\u0000') + 1).startsWith(`${name}(`),
          );
        const newerInBody = !newerNumbers && bodyUsesNewerNumbers(item.statement.node);
        const version = Math.max(
          requiredServerVersion(item.statement.node, defined),
          newerNumbers || newerInBody ? 16 : 0,
        );
        if (version > ctx.serverVersion) {
          ctx.serverVersion = version;
          ctx.serverVersionAt = item.statement.location;
        }
      }
      continue;
    }
    const include = meta.take(item.meta);
    if (include === null) continue;
    const before = substituted.variablesAt.get(item.meta.location.line);
    if (before !== undefined) {
      meta.variables.clear();
      for (const [name, value] of before) meta.variables.set(name, value);
    }
    const cycle = include.paths.find((p) => including.includes(p) || p === source.file);
    if (cycle !== undefined) {
      ctx.builder.problems.push({
        location: item.meta.location,
        message: `\\${item.meta.command} ${cycle} includes a file that is already being read (an include cycle); remove it`,
      });
      continue;
    }
    const read = readIncluded(include.paths, options.readInclude, meta.includeBudget);
    if (read !== undefined && 'problem' in read) {
      ctx.builder.problems.push({
        location: item.meta.location,
        message: `\\${item.meta.command} ${read.path}: ${read.problem}`,
      });
      continue;
    }
    const found = read;
    const variable = /^:['"]?([A-Za-z_][A-Za-z0-9_]*)/.exec(item.meta.argument)?.[1];
    if (found?.text === undefined && variable !== undefined) {
      // psql names the file by a variable no \set gave (`\gset` from a query, or psql -v): datagen cannot tell which.
      ctx.builder.problems.push({
        location: item.meta.location,
        message: `\\${item.meta.command} ${item.meta.argument}: the psql variable ${variable} is not set (psql -v or \\gset sets it); give --set ${variable}=FILE, add a line \\set ${variable} FILE before it, or write the file's path`,
      });
      continue;
    }
    if (found?.text === undefined) {
      ctx.builder.problems.push({
        location: item.meta.location,
        message: `\\${item.meta.command}: cannot read ${include.paths.join(' or ')}${options.readInclude === undefined ? ' (includes are read only from DDL files given as arguments)' : ''}; pass the included file as an argument instead, or fix the path`,
      });
      continue;
    }
    readSource(ctx, { file: found.path, text: found.text }, meta, options, [...including, source.file]);
  }
  if (including.length === 0) endLocalSettings(ctx);
  meta.variables.clear();
  for (const [name, value] of after) meta.variables.set(name, value);
}

/**
 * The text of a migration file without what undoes it: null for a whole down
 * migration, else the text with its Down sections blanked (noted for one warning at the end).
 */
function upSectionsOf(ctx: DdlContext, source: DdlSource): string | null {
  const down = downMigrationFile(source.file);
  if (down !== undefined) {
    ctx.downMigrations.noteFile(source.file, down);
    return null;
  }
  const { text, leftOut } = withoutDownSections(source.file, source.text);
  ctx.downMigrations.noteSections(source.file, leftOut);
  return text;
}

/** The file's statements and psql meta-commands merged in file order, statements parsed as they are reached. */
function* statementsAndMetaCommands(
  text: SourceText,
): Generator<{ statement: SourceStatement } | { meta: MetaCommand }> {
  let m = 0;
  for (const { statement, offset } of parseStatements(text)) {
    for (; m < text.metaCommands.length && (text.metaCommands[m]?.offset ?? 0) < offset; m++)
      yield { meta: text.metaCommands[m] as MetaCommand };
    yield { statement };
  }
  for (; m < text.metaCommands.length; m++) yield { meta: text.metaCommands[m] as MetaCommand };
}

/**
 * handleStatement, with a statement whose expressions nest deeper than the reading's recursion goes (1,000
 * parentheses in a CHECK: 'internal error ... Maximum call stack size exceeded') told at its place.
 */
function handleStatementWithin(ctx: DdlContext, statement: SourceStatement): void {
  try {
    handleStatement(ctx, statement);
  } catch (error) {
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    throw nestsTooDeeply(statement.location, error);
  }
}

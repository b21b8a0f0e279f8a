/**
 * SQL DDL files → the schema model, using PostgreSQL's own parser
 * (libpg-query) and pgsql-deparser for every statement that is rewritten.
 */

import type { RawStmt } from 'libpg-query';
import { loadModule, parseSync } from 'libpg-query';
import { DatagenError, ErrorCodes, formatLocation, type Warning } from '../../errors.js';
import type { Schema } from '../../schema/model.js';
import { createDdlContext, type DdlContext, type SourceStatement } from './ddl-context.js';
import { handleStatement } from './handle-statement.js';
import { type InlineBody, inlineChecks } from './inline-functions.js';
import { createMetaCommandLog, includePaths, type MetaCommandLog } from './psql-meta.js';
import { substituteVariables } from './psql-variables.js';
import { createSchemaBuilder, formatProblems, type SchemaBuilder } from './schema-builder.js';
import { requiredServerVersion } from './server-version.js';
import { createSourceText, type SourceText } from './source-text.js';
import { withoutTrailingComments } from './statement-end.js';
import { createStatementList } from './statement-list.js';

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
  readonly readInclude?: (path: string) => string | undefined;
}

let moduleLoaded: Promise<void> | undefined;

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
  moduleLoaded ??= loadModule();
  await moduleLoaded;
  const warnings: Warning[] = [];
  const builder = createSchemaBuilder();
  // The list reads the context's search_path as each statement is added (the context is made after it).
  const current: { ctx?: DdlContext } = {};
  const out = createStatementList(() => current.ctx?.searchPath ?? []);
  const ctx = createDdlContext(builder, out, warnings, options.defaultSchema ?? 'public');
  current.ctx = ctx;
  const meta = createMetaCommandLog();
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
    const kind = tag.replace(/Stmt$/, '');
    const what =
      count === 1
        ? `${kind} statement at ${formatLocation(first)} is`
        : `${count} ${kind} statements (the first at ${formatLocation(first)}) are`;
    warnings.push({
      code: 'STATEMENT_SKIPPED',
      message: `${what} not DDL and left out of the output (datagen writes its own rows)`,
      where: formatLocation(first),
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
  const databaseWarning = ctx.databaseStatements.warning();
  if (databaseWarning !== null) warnings.push(databaseWarning);
  inlineFunctionsIntoChecks(builder, ctx.inlineBodies);
  const { tables, sequences, types } = builder.finish(warnings);
  const external = ctx.external.warning(builder, out);
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
    extensions: builder.extensions.map((e) => e.name),
    serverVersion: ctx.serverVersion,
  };
  return { schema, warnings };
}

/** CHECKs of tables and domains read with their calls of single-expression DDL functions inlined. */
function inlineFunctionsIntoChecks(
  builder: SchemaBuilder,
  bodies: ReadonlyMap<string, InlineBody | null>,
): void {
  for (const table of builder.tables.values()) table.checks = inlineChecks(table.checks, bodies);
  for (const [key, type] of builder.types)
    if (type.kind === 'domain')
      builder.types.set(key, { ...type, checks: inlineChecks(type.checks, bodies) });
}

/** Statements left out of the output (datagen writes its own rows): their syntax asks nothing of the server. */
const DATA_STATEMENTS = [
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'MergeStmt',
  'CopyStmt',
  'TransactionStmt',
];

/** One file: its statements and psql includes, in file order. */
function readSource(
  ctx: DdlContext,
  source: DdlSource,
  meta: MetaCommandLog,
  options: ParseDdlOptions,
  including: readonly string[],
): void {
  const substituted = substituteVariables(
    source.text,
    meta.variables,
    followIncludedVariables(source.file, meta.variables, options, [...including, source.file]),
  );
  // The variables at the end of this file (its includes' \set lines included), for the files after it.
  const after = new Map(meta.variables);
  const { text, statements } = parseQuotingNewerKeywords(source.file, substituted.text);
  const items = [
    ...statements.map((s) => ({ offset: s.offset, statement: s.statement })),
    ...text.metaCommands.map((m) => ({ offset: m.offset, meta: m })),
  ].sort((a, b) => a.offset - b.offset);
  for (const item of items) {
    if ('statement' in item) {
      handleStatement(ctx, item.statement);
      if (!DATA_STATEMENTS.some((kind) => kind in item.statement.node)) {
        const defined = (name: string) =>
          [...ctx.routineIdentities.keys()].some((k) =>
            k.slice(k.indexOf('\u0000') + 1).startsWith(`${name}(`),
          );
        const version = requiredServerVersion(item.statement.node, defined);
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
    const found = include.paths
      .map((path) => ({ path, text: options.readInclude?.(path) }))
      .find((f) => f.text !== undefined);
    if (found?.text === undefined) {
      ctx.builder.problems.push({
        location: item.meta.location,
        message: `\\${item.meta.command}: cannot read ${include.paths.join(' or ')}${options.readInclude === undefined ? ' (includes are read only from DDL files given as arguments)' : ''}; pass the included file as an argument instead, or fix the path`,
      });
      continue;
    }
    readSource(ctx, { file: found.path, text: found.text }, meta, options, [...including, source.file]);
  }
  meta.variables.clear();
  for (const [name, value] of after) meta.variables.set(name, value);
}

/**
 * At an include line: the included file's `\set`/`\unset` lines (and its own
 * includes') applied to `variables`, so the rest of the including file sees
 * them as psql would. The file is read again for its statements later.
 */
function followIncludedVariables(
  file: string,
  variables: Map<string, string>,
  options: ParseDdlOptions,
  including: readonly string[],
): (metaLine: string) => void {
  return (metaLine) => {
    const m = /^\s*\\(\S+)\s*(.*)$/.exec(metaLine);
    const paths = m ? includePaths(m[1] as string, (m[2] ?? '').trim(), file) : undefined;
    const found = paths
      ?.filter((path) => !including.includes(path))
      .map((path) => ({ path, text: options.readInclude?.(path) }))
      .find((f) => f.text !== undefined);
    if (found?.text === undefined) return;
    substituteVariables(
      found.text,
      variables,
      followIncludedVariables(found.path, variables, options, [...including, found.path]),
    );
  };
}

interface ParserError {
  message: string;
  sqlDetails?: { cursorPosition?: number };
}

/**
 * Words that became keywords after PostgreSQL 15 where an identifier may no
 * longer stand (JSON constructors in 16, SQL/JSON query functions and
 * MERGE_ACTION in 17, SYSTEM_USER reserved in 16). pg_dump 15 and older write
 * them unquoted (`CREATE FUNCTION f(json json)`), which the parser of
 * PostgreSQL 16+ (and datagen's) refuses.
 */
const NEWER_KEYWORDS = new Set([
  'json',
  'json_array',
  'json_arrayagg',
  'json_exists',
  'json_object',
  'json_objectagg',
  'json_query',
  'json_scalar',
  'json_serialize',
  'json_table',
  'json_value',
  'merge_action',
  'system_user',
]);

/**
 * Parse a file; where the parser stops at a word that was an identifier
 * before PostgreSQL 16, that word is double-quoted (same meaning, and the
 * output then loads into old and new servers alike) and the file parsed again.
 */
function parseQuotingNewerKeywords(
  file: string,
  original: string,
): { text: SourceText; statements: { statement: SourceStatement; offset: number }[] } {
  let content = original;
  let first: unknown;
  for (let attempt = 0; ; attempt++) {
    const text = createSourceText(file, content);
    try {
      return { text, statements: parseSource(text) };
    } catch (error) {
      // When quoting does not help, the error is the one the file as written gave.
      first ??= error;
      const at = (error as { data?: { cursor?: number } }).data?.cursor;
      if (attempt >= 200 || at === undefined) throw first;
      const found = newerKeywordBefore(content, [...content].slice(0, at).join('').length);
      if (found === undefined) throw first;
      const { start, word } = found;
      content = `${content.slice(0, start)}"${word.toLowerCase()}"${content.slice(start + word.length)}`;
    }
  }
}

/** The last unquoted newer keyword starting at or before `at` on its line or the line before (`f(json json)` fails at the second). */
function newerKeywordBefore(content: string, at: number): { start: number; word: string } | undefined {
  const from = content.lastIndexOf('\n', content.lastIndexOf('\n', at - 1) - 1) + 1;
  const words = /"[^"]*"|[A-Za-z_][A-Za-z0-9_$]*/g;
  words.lastIndex = from;
  let last: { start: number; word: string } | undefined;
  for (let m = words.exec(content); m !== null && m.index <= at; m = words.exec(content)) {
    if (NEWER_KEYWORDS.has(m[0].toLowerCase())) last = { start: m.index, word: m[0] };
  }
  return last;
}

/** Tell-tale marks of other databases' DDL, for a syntax error's hint. */
const DIALECTS: readonly (readonly [string, RegExp])[] = [
  ['MySQL/MariaDB', /`\w+`|\bENGINE\s*=|\bAUTO_INCREMENT\b|\bUNSIGNED\b/i],
  ['SQL Server', /\[dbo\]|^\s*GO\s*$|\bIDENTITY\s*\(\s*\d+\s*,\s*\d+\s*\)|\bNVARCHAR\s*\(\s*MAX\s*\)/im],
  ['SQLite', /\bAUTOINCREMENT\b|\bWITHOUT\s+ROWID\b/i],
  ['Oracle', /\bVARCHAR2\b|\bNUMBER\s*\(|\bNVARCHAR2\b/i],
];

/** `; it looks like X's DDL …` when the text has another database's marks, else nothing. */
function dialectHint(text: string): string {
  const code = text.replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$|'(?:[^']|'')*'|--[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  const found = DIALECTS.find(([, mark]) => mark.test(code));
  return found
    ? `\n  This looks like ${found[0]} DDL; datagen reads PostgreSQL's. Convert it first (e.g. load it with pgloader, then use -d or pg_dump --schema-only).`
    : '';
}

/** Parse a whole file in one call; a syntax error is reported with its line, column and a caret. */
function parseSource(source: SourceText): { statement: SourceStatement; offset: number }[] {
  let stmts: RawStmt[];
  // A file of only psql meta-commands (a `\set` file to include) or blanks: no statements (the parser refuses empty text).
  if (source.text.trim() === '') return [];
  try {
    stmts = (parseSync(source.text) as { stmts?: RawStmt[] }).stmts ?? [];
  } catch (error) {
    const e = error as ParserError;
    const location = source.locationAtCodePoint(e.sqlDetails?.cursorPosition ?? 0);
    const line = source.line(location.line);
    const caret = [...line]
      .slice(0, location.column - 1)
      .map((ch) => (ch === '\t' ? '\t' : ' '))
      .join('');
    throw new DatagenError(
      ErrorCodes.SQL_SYNTAX,
      `${formatLocation(location)}: ${e.message}\n  ${line}\n  ${caret}^${dialectHint(source.text)}`,
      { location, parserMessage: e.message, cursor: e.sqlDetails?.cursorPosition },
      { cause: error, exitCode: 2 },
    );
  }
  return stmts.flatMap((raw) => {
    if (raw.stmt === undefined) return [];
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? source.bytes.length : start + raw.stmt_len;
    const first = source.skipTrivia(start, end);
    const location = source.locationAtByte(first);
    const statement: SourceStatement = {
      node: raw.stmt,
      text: withoutTrailingComments(source.slice(first, end)),
      location,
      at: (offset) =>
        offset === undefined || offset < 0 || offset > source.bytes.length
          ? location
          : source.locationAtByte(offset),
    };
    return [{ statement, offset: first }];
  });
}

/**
 * `--format plain`: a SQL script for psql in pg_dump's order — pre-data DDL,
 * the data (COPY blocks, or batched INSERTs), sequences set past the
 * generated keys, then post-data (keys, indexes, FKs, triggers), so keys are
 * built once over loaded data and triggers never fire on it; the privileges
 * last, then event triggers and REFRESH MATERIALIZED VIEW (acl-pass.ts).
 */

import { copyStatementFor } from '../archive/build-archive-entries.js';
import { tableStatements, triggersMayFireOnLoad } from '../archive/load-time-triggers.js';
import { createSqlLiteralEncoder, sqlValuesRow } from '../encode/sql-literal.js';
import type { ValueSource } from '../generate/value-source.js';
import type { DdlStatement, QualifiedName, Schema } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';
import { aclPasses } from './acl-pass.js';
import { createDatabasePrologue, dropStatements } from './clean-and-create.js';
import { dataLoadOrder } from './data-order.js';
import { type DataTable, dataTables, sequenceSetStatements } from './data-statements.js';
import type { OutputEncoding } from './output-encoding.js';
import { isRoleSetting, searchPathSwitch } from './search-path-switch.js';
import { type Shard, shardRange } from './table-files.js';
import { serialTableRows, type TableRows } from './table-rows.js';

export interface PlainScriptOptions {
  /** INSERT statements instead of COPY (always naming the columns, as pg_dump --column-inserts). */
  readonly inserts?: boolean;
  /** Rows per INSERT (default 1, as pg_dump --inserts). */
  readonly rowsPerInsert?: number;
  /** Only the data section (COPY/INSERT and setval), no DDL: `-a`, `--format copy`. */
  readonly dataOnly?: boolean;
  /** Only the DDL, no data: `-s`. */
  readonly schemaOnly?: boolean;
  /** Leave out `ALTER ... OWNER TO` statements. */
  readonly noOwner?: boolean;
  /** Leave out GRANT/REVOKE (`-x`). */
  readonly noPrivileges?: boolean;
  /** `-c`: drop every object first; `--if-exists`: with IF EXISTS. */
  readonly clean?: boolean;
  readonly ifExists?: boolean;
  /** `-C`: create this database and connect to it first. */
  readonly createDatabase?: string;
  /** With dataOnly: each table's data between DISABLE and ENABLE TRIGGER ALL, as pg_dump --disable-triggers writes it. */
  readonly disableTriggers?: boolean;
  /** Header comment lines (tool, version, seed, options). */
  readonly header?: readonly string[];
  readonly onRows?: (tableIndex: number, rows: number, bytes: number) => void;
  /** Where COPY rows come from (default: generated on this thread). */
  readonly tableRows?: TableRows;
  /** -E: the script in this encoding (default UTF8, as made). */
  readonly encoding?: OutputEncoding;
  /** Only this slice of every table's COPY rows (`--size`'s measure, sizing.ts); the rest as the whole run writes it. */
  readonly slice?: Shard;
}

const SESSION_SETTINGS = [
  'SET statement_timeout = 0;',
  'SET lock_timeout = 0;',
  'SET idle_in_transaction_session_timeout = 0;',
  "SET client_encoding = 'ENCODING';",
  'SET standard_conforming_strings = on;',
  'SET check_function_bodies = false;',
  'SET xmloption = content;',
  'SET client_min_messages = warning;',
  'SET row_security = off;',
];

/** A name inside a `--` comment line: a line break would end the comment (pg_dump's sanitize_line). */
function commentText(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

function statementBlock(s: DdlStatement): string {
  const kind =
    s.desc === 'SET'
      ? ''
      : `--\n-- Name: ${commentText(s.tag)}; Type: ${s.desc}; Schema: ${commentText(s.namespace ?? '-')}\n--\n\n`;
  return `${kind}${s.sql}\n`;
}

/** What a script's chunk of text is, for an error: the statement its `-- Name:` comment names. */
function chunkName(chunk: string): string {
  const named = /^-- Name: (.*); Type: (.*); Schema: (.*)$/m.exec(chunk);
  return named === null
    ? 'the script'
    : `the ${named[2]} ${named[1]}${named[3] === '-' ? '' : ` in schema ${named[3]}`}`;
}

/** The whole script as a stream of chunks (with -E, every one bytes in that encoding). */
export async function* plainScript(
  schema: Schema,
  source: ValueSource,
  options: PlainScriptOptions = {},
): AsyncGenerator<string | Uint8Array> {
  const { encoding } = options;
  if (encoding === undefined) return yield* scriptChunks(schema, source, options);
  // The rows come as bytes already in the encoding (tableData); the rest is DDL, which must be held as written.
  for await (const chunk of scriptChunks(schema, source, options))
    yield typeof chunk === 'string' ? encoding.text(chunk, chunkName(chunk)) : chunk;
}

async function* scriptChunks(
  schema: Schema,
  source: ValueSource,
  options: PlainScriptOptions,
): AsyncGenerator<string | Uint8Array> {
  const tableRows = options.tableRows ?? serialTableRows(source);
  yield `--\n-- PostgreSQL database dump\n${(options.header ?? []).map((l) => `-- ${l}\n`).join('')}--\n\n`;
  const settings = `${SESSION_SETTINGS.join('\n').replace('ENCODING', options.encoding?.name ?? 'UTF8')}\n\n`;
  yield settings;
  const keepDesc = (desc: string) =>
    !(options.noOwner && desc === 'OWNER') && !(options.noPrivileges && desc === 'ACL');
  // pg_dump writes `public` as already there (CREATE SCHEMA public fails in a new database), as the
  // archive and -d do: a DDL that drops and makes it again (its drop left out) loads.
  const made = (s: DdlStatement) => !(s.desc === 'SCHEMA' && s.tag === 'public');
  const keep = (s: DdlStatement) => !options.dataOnly && keepDesc(s.desc) && made(s);
  if (options.createDatabase !== undefined) {
    yield createDatabasePrologue(options.createDatabase, options.clean === true, options.ifExists === true);
    yield settings;
  } else if (options.clean) {
    // With -C the new database is empty: pg_dump drops only the database then.
    yield dropStatements(
      { ...schema, statements: schema.statements.filter(made) },
      options.ifExists === true,
      keepDesc,
    );
  }
  // Each statement under the search_path it was read with (the data and a reordering come between).
  const paths = searchPathSwitch(true);
  const block = (s: DdlStatement): string => {
    const isPathSetting = s.desc === 'SET' && s.tag === 'search_path';
    const prefix = isPathSetting ? '' : paths.before(s);
    paths.ran(s);
    return prefix + statementBlock(s);
  };
  // The privileges, then what must follow them, after everything else: pg_dump's passes (acl-pass.ts).
  const passes = aclPasses(schema.statements);
  const inPass = (s: DdlStatement, section: string) =>
    s.section === section && keep(s) && !passes.acl.has(s) && !passes.postAcl.has(s);
  for (const s of schema.statements) if (inPass(s, 'pre-data')) yield block(s);
  if (schema.statements.some((s) => inPass(s, 'pre-data') && isRoleSetting(s))) yield 'RESET ROLE;\n\n';

  if (!options.schemaOnly) {
    let first = true;
    // Data only: the target already has the foreign keys, so parents load first (as pg_dump orders them).
    const tables = options.dataOnly ? dataLoadOrder(source.plan).tables : dataTables(source);
    // Rows a trigger may see load under their table's path, as the archive loads them (load-time-triggers.ts).
    const tablePaths = triggersMayFireOnLoad(schema) && !options.dataOnly ? tableStatements(schema) : null;
    for (const data of tables) {
      const created = tablePaths?.get(nameKey(data.table));
      if (created !== undefined) yield paths.before(created);
      yield* tableData(schema, source, data, options, first, tableRows);
      first = false;
    }
    const sequenceSets = sequenceSetStatements(schema, source);
    if (sequenceSets.length > 0)
      yield `--\n-- Sequence values past the generated keys\n--\n\n${sequenceSets.map((s) => s.sql).join('')}\n`;
  }

  for (const s of schema.statements) if (inPass(s, 'post-data')) yield block(s);
  for (const pass of [passes.acl, passes.postAcl])
    for (const s of schema.statements)
      if (pass.has(s) && (s.section === 'pre-data' || s.section === 'post-data') && keep(s)) yield block(s);
  yield '--\n-- PostgreSQL database dump complete\n--\n\n';
}

/** One table's data block (pg_dump's TABLE DATA entry, with its trigger switches under -a --disable-triggers). */
async function* tableData(
  schema: Schema,
  source: ValueSource,
  { index, table, columns }: DataTable,
  options: PlainScriptOptions,
  first: boolean,
  tableRows: TableRows,
): AsyncGenerator<string | Uint8Array> {
  yield `--\n-- Data for Name: ${commentText(table.name)}; Type: TABLE DATA; Schema: ${commentText(table.schema)}\n--\n\n`;
  const triggersOff = options.dataOnly === true && options.disableTriggers === true;
  // Rows COPied into a partitioned table land in its partitions, whose own (FK) triggers must be off too.
  const switched = triggersOff
    ? [
        table,
        ...source.plan.tables
          .filter((t) => t.filledThrough && nameKey(t.filledThrough) === nameKey(table))
          .map((t) => t.table),
      ]
    : [];
  if (triggersOff) {
    // pg_dump becomes the session user (assumed a superuser) once, before the first table.
    if (first) yield 'SET SESSION AUTHORIZATION DEFAULT;\n\n';
    for (const t of switched) yield `ALTER TABLE ${quoteQualified(t)} DISABLE TRIGGER ALL;\n\n`;
  }
  const onRows = options.onRows ? (n: number, b: number) => options.onRows?.(index, n, b) : undefined;
  const { encoding } = options;
  const encoded = <T extends string | Uint8Array>(rows: AsyncIterable<T>) =>
    encoding === undefined ? rows : encoding.rows(rows, quoteQualified(table), options.inserts === true);
  if (options.inserts) {
    yield* encoded(insertBatches(source, index, options.rowsPerInsert ?? 1, onRows));
  } else {
    yield copyStatementFor(table, columns);
    const slice =
      options.slice === undefined
        ? {}
        : { range: shardRange(source.plan.tables[index]?.rows ?? 0, options.slice) };
    yield* encoded(tableRows({ tableIndex: index, ...slice, ...(onRows === undefined ? {} : { onRows }) }));
    yield '\\.\n\n';
  }
  if (triggersOff) {
    yield `\n${switched.map((t) => `ALTER TABLE ${quoteQualified(t)} ENABLE TRIGGER ALL;\n\n`).join('')}`;
    // ENABLE TRIGGER ALL also turns on the triggers the DDL left off (or set to REPLICA/ALWAYS): set them so again.
    for (const s of triggerStates(schema, switched)) yield s.sql.endsWith('\n') ? `${s.sql}\n` : s.sql;
  }
}

/** The DDL's `ALTER TABLE ... DISABLE / ENABLE [ALWAYS | REPLICA] TRIGGER` statements on these tables, in order. */
function triggerStates(schema: Schema, tables: readonly QualifiedName[]): DdlStatement[] {
  const keys = new Set(tables.map(nameKey));
  return schema.statements.filter(
    (s) =>
      s.section === 'post-data' &&
      s.desc === 'ALTER TABLE' &&
      /\b(?:ENABLE|DISABLE)\s+(?:ALWAYS\s+|REPLICA\s+)?TRIGGER\b/i.test(s.sql) &&
      s.tables.some((t) => keys.has(nameKey(t))),
  );
}

async function* insertBatches(
  source: ValueSource,
  tableIndex: number,
  rowsPerInsert: number,
  onRows: ((rows: number, bytes: number) => void) | undefined,
): AsyncGenerator<string> {
  const plan = source.plan.tables[tableIndex];
  if (!plan || plan.rows === 0) return;
  const columns = source.writtenColumns(tableIndex);
  const encoders = plan.columns.filter((c) => c.written).map((c) => createSqlLiteralEncoder(c.column.type));
  const overriding = plan.columns.some((c) => c.written && c.column.identity === 'always')
    ? ' OVERRIDING SYSTEM VALUE'
    : '';
  // pg_dump writes a single-row INSERT on one line, a multi-row one a row per line.
  const head = `INSERT INTO ${quoteQualified(plan.table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})${overriding} VALUES${rowsPerInsert === 1 ? ' ' : '\n'}`;
  if (columns.length === 0) {
    // No columns: `VALUES ()` is a syntax error; pg_dump writes DEFAULT VALUES, one row each.
    const line = `INSERT INTO ${quoteQualified(plan.table)} DEFAULT VALUES;\n`;
    for (let start = 0; start < plan.rows; start += rowsPerInsert) {
      const n = Math.min(rowsPerInsert, plan.rows - start);
      yield line.repeat(n);
      onRows?.(n, line.length * n);
    }
    yield '\n';
    return;
  }
  const separator = rowsPerInsert === 1 ? '' : '\t';
  let pending: string[] = [];
  let pendingRows = 0;
  for (let start = 0; start < plan.rows; start += rowsPerInsert) {
    const end = Math.min(plan.rows, start + rowsPerInsert);
    const lines: string[] = [];
    for (let row = start; row < end; row++) {
      lines.push(
        `${separator}${sqlValuesRow(columns.map((c, i) => (encoders[i] as (v: string | null) => string)(c.fn(row))))}`,
      );
    }
    pending.push(`${head}${lines.join(',\n')};\n`);
    pendingRows += end - start;
    // Statements go out in groups, so one-row INSERTs do not cost a chunk each.
    if (pendingRows >= 1000 || end === plan.rows) {
      const text = pending.join('');
      yield text;
      onRows?.(pendingRows, Buffer.byteLength(text));
      pending = [];
      pendingRows = 0;
    }
  }
  yield '\n';
}

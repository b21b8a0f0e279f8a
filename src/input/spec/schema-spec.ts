/**
 * A schema written in YAML (`datagen generate shop.yaml`): the tables of
 * `.datagen.yaml` with a `type` for each column and the constraints beside
 * them, for users who would rather not write DDL. It is turned into DDL text
 * (one column or constraint per line) that the DDL front end reads like any
 * other script, so a spec gets exactly what a script gets; every line of
 * that text remembers the YAML node it came from, so a mistake the parser
 * finds is reported at its place in the spec. The same file is the run's
 * configuration: its steering keys (`rows`, `generator`, `values`, …) are
 * read by config-file.ts, which accepts the spec's keys beside them.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { DatagenError, ErrorCodes, type SourceLocation, type Warning } from '../../errors.js';
import { expressionColumns } from '../../schema/expression-columns.js';
import type { Schema } from '../../schema/model.js';
import { quoteIdent } from '../../schema/quote.js';
import { type ConfigReader, readYaml } from './config-reader.js';

/** Top-level keys a spec adds to the configuration's. */
export const SPEC_KEYS: readonly string[] = ['extensions', 'enums', 'ddl'];
/** Table keys a spec adds (`columns` and `foreign_keys` are shared with the configuration). */
export const SPEC_TABLE_KEYS: readonly string[] = ['primary_key', 'unique', 'checks'];
/** Column keys a spec adds (`unique` is shared: in a spec it is also a UNIQUE constraint). */
export const SPEC_COLUMN_KEYS: readonly string[] = [
  'type',
  'primary_key',
  'not_null',
  'nullable',
  'default',
  'references',
  'check',
  'identity',
  'generated',
];
/** Foreign-key keys a spec adds (a table-level foreign key over one or more columns). */
export const SPEC_FOREIGN_KEY_KEYS: readonly string[] = [
  'columns',
  'references',
  'on_delete',
  'on_update',
  'deferrable',
];

/** Whether a schema file is a YAML spec rather than SQL (by its name). */
export function isSchemaSpec(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/** Where a line of the generated DDL came from. */
interface Origin {
  readonly node: Node | null;
  /** The key path it was written at (`tables.orders.columns.total.check`). */
  readonly what: string;
}

export interface SpecDdl {
  readonly file: string;
  /** Where each column's type is written, by the type's name as the parser reports it (lower-cased, no typmods). */
  readonly typeOrigins: ReadonlyMap<
    string,
    { readonly where: string; readonly what: string; readonly location: SourceLocation }
  >;
  /** Where each table is written, by `schema.name`. */
  readonly tableOrigins: ReadonlyMap<string, { readonly where: string; readonly what: string }>;
  /** DDL text, one statement element per line. */
  readonly text: string;
  /** The spec's place of a line of `text` (1-based line → `file:line:column` and key path). */
  origin(line: number): { readonly where: string; readonly what: string } | undefined;
  /** The place of the line's node, as a source location. */
  location(line: number): SourceLocation | undefined;
}

const ACTIONS = ['cascade', 'restrict', 'no action', 'set null', 'set default'];

function text(node: Node | null): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function flag(reader: ConfigReader, node: Node | null, what: string): boolean {
  const value = isScalar(node) ? node.value : undefined;
  if (typeof value !== 'boolean') throw reader.error(node, `${what} expects true or false`);
  return value;
}

function required(reader: ConfigReader, node: Node | null, what: string, example: string): string {
  const value = text(node);
  if (value === undefined) throw reader.error(node, `${what} expects ${example}`);
  return value;
}

/** `a` or `[a, b]`: column names. */
function names(reader: ConfigReader, node: Node | null, what: string): string[] {
  const one = isScalar(node) ? text(node) : undefined;
  if (one !== undefined) return [one];
  if (!isSeq(node) || node.items.length === 0)
    throw reader.error(node, `${what} expects a column name or a list of them ([a, b])`);
  return node.items.map((item) => required(reader, item as Node, what, 'column names'));
}

/** `schema.table` or `table` as quoted SQL. */
function qualified(name: string): string {
  const dot = name.indexOf('.');
  if (dot < 0) return quoteIdent(name);
  return `${quoteIdent(name.slice(0, dot))}.${quoteIdent(name.slice(dot + 1))}`;
}

function columnList(list: readonly string[]): string {
  return list.map(quoteIdent).join(', ');
}

/**
 * `customers`, `customers.id`, `shop.customers`, `shop.customers.id` or
 * `customers(a, b)`: the referenced table (one of the spec's) and columns
 * (none: its primary key).
 */
function referenceOf(
  reader: ConfigReader,
  node: Node | null,
  what: string,
  tables: ReadonlySet<string>,
): { table: string; columns: string[] } {
  const value = required(
    reader,
    node,
    what,
    'a table (customers), a column (customers.id) or customers(a, b)',
  );
  const call = /^\s*([^()]+?)\s*\(([^()]*)\)\s*$/.exec(value);
  if (call?.[1] !== undefined && call[2] !== undefined) {
    const columns = call[2].split(',').map((c) => c.trim());
    if (columns.some((c) => c === '')) throw reader.error(node, `${what}: empty column name in "${value}"`);
    return { table: call[1], columns };
  }
  if (tables.has(value)) return { table: value, columns: [] };
  const dot = value.lastIndexOf('.');
  if (dot > 0 && tables.has(value.slice(0, dot)))
    return { table: value.slice(0, dot), columns: [value.slice(dot + 1)] };
  const known = [...tables].slice(0, 8).join(', ');
  throw reader.error(node, `${what}: "${value}" names no table of this spec (its tables: ${known})`);
}

interface Lines {
  push(line: string, node: Node | null, what: string): void;
  /** A column's type, for a later error about it. */
  type(name: string, node: Node | null, what: string): void;
}

function columnLine(
  reader: ConfigReader,
  name: string,
  node: Node | null,
  what: string,
  tables: ReadonlySet<string>,
  fks: string[][],
  lines: Lines,
  last: boolean,
): void {
  if (!isMap(node))
    throw reader.error(node, `${what} expects a map with its type ({type: text, not_null: true})`);
  const keys = new Map<string, Node | null>();
  for (const [key, , value] of reader.entries(node, null, what)) keys.set(key, value);
  if (!keys.has('type'))
    throw reader.error(
      node,
      `${what}: give the column its PostgreSQL type (type: text, type: "numeric(10,2)", …)`,
    );
  const typeNode = keys.get('type') ?? null;
  const type = required(reader, typeNode, `${what}.type`, 'a PostgreSQL type name');
  lines.type(type, typeNode, `${what}.type`);
  const parts = [quoteIdent(name), type];
  const at = (key: string) => keys.get(key) ?? null;
  const identity = keys.has('identity') ? text(at('identity')) : undefined;
  if (identity !== undefined && identity !== 'false') {
    const kind =
      identity === 'true' || identity === 'by default' ? 'BY DEFAULT' : identity === 'always' ? 'ALWAYS' : '';
    if (kind === '')
      throw reader.error(at('identity'), `${what}.identity expects true, "always" or "by default"`);
    parts.push(`GENERATED ${kind} AS IDENTITY`);
  }
  if (keys.has('generated'))
    parts.push(
      `GENERATED ALWAYS AS (${required(reader, at('generated'), `${what}.generated`, 'a SQL expression')}) STORED`,
    );
  if (keys.has('default'))
    parts.push(`DEFAULT ${required(reader, at('default'), `${what}.default`, 'a SQL expression')}`);
  const notNull = keys.has('not_null') && flag(reader, at('not_null'), `${what}.not_null`);
  const nullable = keys.has('nullable') ? flag(reader, at('nullable'), `${what}.nullable`) : undefined;
  if (notNull && nullable === true)
    throw reader.error(node, `${what}: not_null and nullable: true contradict`);
  if (notNull || nullable === false) parts.push('NOT NULL');
  if (keys.has('primary_key') && flag(reader, at('primary_key'), `${what}.primary_key`))
    parts.push('PRIMARY KEY');
  if (keys.has('unique') && flag(reader, at('unique'), `${what}.unique`)) parts.push('UNIQUE');
  if (keys.has('check'))
    parts.push(`CHECK (${required(reader, at('check'), `${what}.check`, 'a SQL condition ("price >= 0")')})`);
  if (keys.has('references')) {
    const ref = referenceOf(reader, at('references'), `${what}.references`, tables);
    fks.push([name, ref.table, ref.columns.join('\u0000')]);
    const target = ref.columns.length === 0 ? '' : ` (${columnList(ref.columns)})`;
    parts.push(`REFERENCES ${qualified(ref.table)}${target}`);
  }
  lines.push(`  ${parts.join(' ')}${last ? '' : ','}`, typeNode ?? node, what);
}

function foreignKeyLine(
  reader: ConfigReader,
  name: string,
  node: Node | null,
  what: string,
  tables: ReadonlySet<string>,
): string | undefined {
  if (!isMap(node)) return undefined;
  const keys = new Map<string, Node | null>();
  for (const pair of (node as YAMLMap).items) {
    const key = pair.key as Node;
    if (isScalar(key)) keys.set(String(key.value), (pair.value as Node | null) ?? null);
  }
  if (!keys.has('columns') && !keys.has('references')) return undefined; // only fan-out settings
  if (!keys.has('columns') || !keys.has('references'))
    throw reader.error(
      node,
      `${what}: a foreign key needs both columns: [a, b] and references: parent(x, y)`,
    );
  const columns = names(reader, keys.get('columns') ?? null, `${what}.columns`);
  const ref = referenceOf(reader, keys.get('references') ?? null, `${what}.references`, tables);
  let clause = `  CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${columnList(columns)}) REFERENCES ${qualified(ref.table)}`;
  if (ref.columns.length > 0) clause += ` (${columnList(ref.columns)})`;
  for (const action of ['on_delete', 'on_update'] as const) {
    if (!keys.has(action)) continue;
    const value = (text(keys.get(action) ?? null) ?? '').toLowerCase();
    if (!ACTIONS.includes(value))
      throw reader.error(keys.get(action) ?? null, `${what}.${action} expects one of ${ACTIONS.join(', ')}`);
    clause += ` ON ${action === 'on_delete' ? 'DELETE' : 'UPDATE'} ${value.toUpperCase()}`;
  }
  if (keys.has('deferrable') && flag(reader, keys.get('deferrable') ?? null, `${what}.deferrable`))
    clause += ' DEFERRABLE INITIALLY DEFERRED';
  return clause;
}

/** `checks:` a list of conditions, or a map of constraint names to conditions. */
function checkLines(reader: ConfigReader, node: Node | null, what: string): [string, Node | null, string][] {
  if (isMap(node)) {
    return reader
      .entries(node, null, what)
      .map(([name, , value]) => [
        `  CONSTRAINT ${quoteIdent(name)} CHECK (${required(reader, value, `${what}.${name}`, 'a SQL condition')})`,
        value,
        `${what}.${name}`,
      ]);
  }
  if (!isSeq(node))
    throw reader.error(node, `${what} expects a list of SQL conditions (or a map of names to them)`);
  return node.items.map((item, i) => [
    `  CHECK (${required(reader, item as Node, `${what}[${i}]`, 'a SQL condition')})`,
    item as Node,
    `${what}[${i}]`,
  ]);
}

/** `unique: [[a, b], c]`: one UNIQUE per item. */
function uniqueLines(reader: ConfigReader, node: Node | null, what: string): [string, Node | null, string][] {
  if (!isSeq(node)) throw reader.error(node, `${what} expects a list of column lists ([[a, b], [c]])`);
  return node.items.map((item, i) => [
    `  UNIQUE (${columnList(names(reader, item as Node, `${what}[${i}]`))})`,
    item as Node,
    `${what}[${i}]`,
  ]);
}

function tableLines(
  reader: ConfigReader,
  name: string,
  node: Node | null,
  tables: ReadonlySet<string>,
  lines: Lines,
): void {
  const what = `tables.${name}`;
  if (!isMap(node)) throw reader.error(node, `${what} expects a map with its columns`);
  const keys = new Map<string, Node | null>();
  for (const [key, , value] of reader.entries(node, null, what)) keys.set(key, value);
  const columnsNode = keys.get('columns') ?? null;
  if (!isMap(columnsNode) || columnsNode.items.length === 0)
    throw reader.error(node, `${what}: a table of a spec needs columns: {name: {type: …}, …}`);
  const extra: [string, Node | null, string][] = [];
  if (keys.has('primary_key')) {
    const pk = keys.get('primary_key') ?? null;
    extra.push([
      `  PRIMARY KEY (${columnList(names(reader, pk, `${what}.primary_key`))})`,
      pk,
      `${what}.primary_key`,
    ]);
  }
  if (keys.has('unique')) extra.push(...uniqueLines(reader, keys.get('unique') ?? null, `${what}.unique`));
  if (keys.has('checks')) extra.push(...checkLines(reader, keys.get('checks') ?? null, `${what}.checks`));
  const fkNode = keys.get('foreign_keys') ?? null;
  if (isMap(fkNode)) {
    for (const [fk, , value] of reader.entries(fkNode, null, `${what}.foreign_keys`)) {
      const line = foreignKeyLine(reader, fk, value, `${what}.foreign_keys.${fk}`, tables);
      if (line !== undefined) extra.push([line, value, `${what}.foreign_keys.${fk}`]);
    }
  }
  lines.push(`CREATE TABLE ${qualified(name)} (`, node, what);
  const columns = reader.entries(columnsNode, null, `${what}.columns`);
  const fks: string[][] = [];
  columns.forEach(([column, , value], i) => {
    const last = i === columns.length - 1 && extra.length === 0;
    columnLine(reader, column, value, `${what}.columns.${column}`, tables, fks, lines, last);
  });
  extra.forEach(([line, at, path], i) => {
    lines.push(`${line}${i === extra.length - 1 ? '' : ','}`, at, path);
  });
  lines.push(');', node, what);
}

/**
 * The DDL a spec describes, with the origin of each line.
 *
 * @example specDdl('tables:\n  t:\n    columns:\n      id: {type: int, primary_key: true}\n', 't.yaml').text
 * // 'CREATE TABLE t (\n  id int PRIMARY KEY\n);\n'
 */
export function specDdl(source: string, file: string): SpecDdl {
  const { doc, reader, lines: lineCounter } = readYaml(source, file);
  const root = doc.contents;
  if (!isMap(root)) throw reader.error(root, 'a schema spec is a map with tables: {name: {columns: {…}}}');
  const out: string[] = [];
  const origins: Origin[] = [];
  const typeOrigins = new Map<string, { where: string; what: string; location: SourceLocation }>();
  const locationOf = (node: Node | null): SourceLocation => {
    const { line, col } = lineCounter.linePos(node?.range?.[0] ?? 0);
    return { file, line, column: col };
  };
  const lines: Lines = {
    push(line, node, what) {
      out.push(line);
      origins.push({ node, what });
    },
    type(name, node, what) {
      const key = name.replace(/\(.*$/s, '').replace(/\[.*$/s, '').replaceAll('"', '').trim().toLowerCase();
      if (!typeOrigins.has(key))
        typeOrigins.set(key, { where: reader.where(node), what, location: locationOf(node) });
    },
  };
  const top = new Map<string, Node | null>();
  for (const pair of root.items) {
    const key = pair.key as Node;
    if (isScalar(key)) top.set(String(key.value), (pair.value as Node | null) ?? null);
  }
  const tablesNode = top.get('tables') ?? null;
  if (!isMap(tablesNode) || tablesNode.items.length === 0)
    throw reader.error(tablesNode ?? root, 'a schema spec needs tables: {name: {columns: {…}}}');
  const entries = reader.entries(tablesNode, null, 'tables');
  const enums = top.get('enums') ?? null;
  const enumNames = isMap(enums) ? reader.entries(enums, null, 'enums').map(([name]) => name) : [];
  // The schemas of qualified names (`shop.orders`), made first as a script would.
  const schemas = new Set(
    [...entries.map(([name]) => name), ...enumNames].flatMap((name) =>
      name.includes('.') ? [name.slice(0, name.indexOf('.'))] : [],
    ),
  );
  for (const schema of schemas) {
    if (schema !== 'public')
      lines.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};`, tablesNode, 'tables');
  }
  if (top.has('extensions')) {
    const node = top.get('extensions') ?? null;
    for (const name of names(reader, node, 'extensions')) {
      lines.push(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)};`, node, 'extensions');
    }
  }
  if (enums !== null) {
    if (!isMap(enums)) throw reader.error(enums, 'enums expects a map of type names to their labels');
    for (const [name, , value] of reader.entries(enums, null, 'enums')) {
      const labels = names(reader, value, `enums.${name}`).map((l) => `'${l.replaceAll("'", "''")}'`);
      lines.push(`CREATE TYPE ${qualified(name)} AS ENUM (${labels.join(', ')});`, value, `enums.${name}`);
    }
  }
  if (top.has('ddl')) {
    const node = top.get('ddl') ?? null;
    const ddl = required(reader, node, 'ddl', 'SQL text (ddl: |, then CREATE DOMAIN …)');
    for (const line of ddl.split('\n')) lines.push(line, node, 'ddl');
  }
  const tables = new Set(entries.map(([name]) => name));
  const tableOrigins = new Map<string, { where: string; what: string }>();
  for (const [name, , value] of entries) {
    tableLines(reader, name, value, tables, lines);
    const qualifiedName = name.includes('.') ? name : `public.${name}`;
    tableOrigins.set(qualifiedName, { where: reader.where(value), what: `tables.${name}` });
  }
  return {
    file,
    typeOrigins,
    tableOrigins,
    text: `${out.join('\n')}\n`,
    origin(line) {
      const origin = origins[line - 1];
      return origin === undefined ? undefined : { where: reader.where(origin.node), what: origin.what };
    },
    location(line) {
      const origin = origins[line - 1];
      return origin === undefined ? undefined : locationOf(origin.node);
    },
  };
}

/** The line of a `file:line:column` place in the generated text, when it is one. */
function lineOf(spec: SpecDdl, where: string): number | undefined {
  const prefix = `${spec.file}:`;
  if (!where.startsWith(prefix)) return undefined;
  const line = Number.parseInt(where.slice(prefix.length), 10);
  return Number.isSafeInteger(line) ? line : undefined;
}

/** Places in the generated DDL (`file:line:column`) in a message, told as the spec's places. */
function placedInSpec(spec: SpecDdl, message: string): string {
  const escaped = spec.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message
    .replace(new RegExp(`${escaped}:(\\d+):\\d+`, 'g'), (place, line: string) => {
      const origin = spec.origin(Number(line));
      return origin === undefined ? place : `${origin.where}: ${origin.what}`;
    })
    .replace(/^The DDL is not/, 'The schema spec is not');
}

/** An error about the generated DDL, told at the spec's place. */
export function specError(spec: SpecDdl, error: DatagenError): DatagenError {
  // The parser's syntax errors carry { location }: their caret is under generated text, so show that text.
  const location = (error.data as { location?: SourceLocation }).location;
  const origin = location === undefined ? undefined : spec.origin(location.line);
  if (location === undefined || origin === undefined) {
    return new DatagenError(
      error.code,
      placedInSpec(spec, error.message),
      { ...error.data },
      { cause: error },
    );
  }
  const reason = (error.message.split('\n')[0] ?? '').replace(/^[^:]+:\d+:\d+: /, '');
  const sql = (spec.text.split('\n')[location.line - 1] ?? '').trim();
  return new DatagenError(
    error.code,
    `${origin.where}: ${origin.what}: ${reason}\n  in the SQL made from it: ${sql}`,
    { ...spec.location(location.line) },
    { cause: error },
  );
}

/**
 * Warnings about the generated DDL placed in the spec; a type the spec
 * names that PostgreSQL does not have and the spec does not declare is an
 * error there (a script may rely on types made elsewhere; a spec cannot).
 */
export function specWarnings(spec: SpecDdl, warnings: readonly Warning[]): Warning[] {
  return warnings.map((warning) => {
    const line = lineOf(spec, warning.where);
    const origin = line === undefined ? undefined : spec.origin(line);
    if (origin === undefined || line === undefined) return warning;
    if (warning.code === 'UNKNOWN_TYPE') {
      const type = /^type (\S+) is not declared/.exec(warning.message)?.[1] ?? '';
      const column = spec.typeOrigins.get(type.toLowerCase());
      throw new DatagenError(
        ErrorCodes.UNKNOWN_TYPE,
        `${column?.where ?? origin.where}: ${column?.what ?? origin.what}: type ${type} is neither a PostgreSQL type nor one of the spec's enums; use a built-in type (text, integer, numeric(10,2), timestamptz, …), declare it under enums:, or create it in ddl:`,
        { ...(column?.location ?? spec.location(line)) },
      );
    }
    return { ...warning, where: origin.where };
  });
}

/**
 * What PostgreSQL would refuse in a spec's tables and the DDL front end lets
 * pass (a script's DDL is PostgreSQL's to check; a spec's is datagen's): a
 * CHECK or generated column that reads a column its table does not have.
 */
export function checkSpecSchema(spec: SpecDdl, schema: Schema): void {
  for (const table of schema.tables) {
    const origin = spec.tableOrigins.get(`${table.schema}.${table.name}`);
    if (origin === undefined) continue;
    const columns = new Set(table.columns.map((c) => c.name));
    const reads = [
      ...table.checks.map((check) => ({
        what: `CHECK ${check.name} (${check.expr.text})`,
        ast: check.expr.ast,
      })),
      ...table.columns.flatMap((c) =>
        c.generated
          ? [{ what: `the generated column ${c.name} (${c.generated.text})`, ast: c.generated.ast }]
          : [],
      ),
    ];
    for (const read of reads) {
      const missing = expressionColumns(read.ast).find((name) => !columns.has(name));
      if (missing === undefined) continue;
      throw new DatagenError(
        ErrorCodes.SCHEMA_INVALID,
        `${origin.where}: ${origin.what}: ${read.what} reads column ${missing}, which ${table.name} does not have (its columns: ${[...columns].join(', ')})`,
        { where: origin.where },
      );
    }
  }
}

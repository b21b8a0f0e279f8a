/**
 * The tables of a YAML schema spec as DDL lines: a CREATE TABLE per table,
 * one column or table constraint per line, each line pushed with the YAML
 * node it came from (see schema-spec.ts).
 */
import type { Node, YAMLMap } from 'yaml';
import { quoteIdent } from '../../schema/quote.js';
import type { ConfigReader } from './config-reader.js';
import { exclusionLines, indexStatements } from './spec-indexes.js';
import { isMap, isScalar, isSeq } from './yaml-module.js';

const ACTIONS = ['cascade', 'restrict', 'no action', 'set null', 'set default'];

export function text(node: Node | null): string | undefined {
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

export function required(reader: ConfigReader, node: Node | null, what: string, example: string): string {
  const value = text(node);
  if (value === undefined) {
    // `default: null`, `default: ~`, `default:`: YAML's no value, not SQL's NULL.
    const empty =
      node === null || (isScalar(node) && node.value === null)
        ? '; YAML reads null, ~ or nothing as no value: leave the key out, or write the SQL in quotes ("NULL")'
        : '';
    throw reader.error(node, `${what} expects ${example}${empty}`);
  }
  return value;
}

/** `a` or `[a, b]`: column names. */
export function names(reader: ConfigReader, node: Node | null, what: string): string[] {
  const one = isScalar(node) ? text(node) : undefined;
  if (one !== undefined) return [one];
  if (!isSeq(node) || node.items.length === 0)
    throw reader.error(node, `${what} expects a column name or a list of them ([a, b])`);
  return node.items.map((item) => required(reader, item as Node, what, 'column names'));
}

/** A map's values by key (the configuration reader checks which keys are allowed). */
export function keyed(reader: ConfigReader, map: YAMLMap, what: string): Map<string, Node | null> {
  return new Map(reader.entries(map, null, what).map(([key, , value]) => [key, value]));
}

/** `schema.table` or `table` as quoted SQL. */
export function qualified(name: string): string {
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

export interface Lines {
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
  if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') {
    // `name: text`: the shorthand of `name: {type: text}`.
    lines.type(node.value, node, what);
    lines.push(`  ${quoteIdent(name)} ${node.value}${last ? '' : ','}`, node, what);
    return;
  }
  if (!isMap(node))
    throw reader.error(
      node,
      `${what} expects its type (\`${name}: text\`) or a map with it ({type: text, not_null: true})`,
    );
  const keys = keyed(reader, node, what);
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
  const keys = keyed(reader, node, what);
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

/**
 * `unique: [[a, b], c]`: one UNIQUE per item. `unique: [a, b]` is refused: one key over both columns, as
 * `primary_key: [a, b]` reads, or a key on each, as the items of a list of keys read?
 */
function uniqueLines(reader: ConfigReader, node: Node | null, what: string): [string, Node | null, string][] {
  if (!isSeq(node)) throw reader.error(node, `${what} expects a list of column lists ([[a, b], [c]])`);
  if (node.items.length > 1 && node.items.every((item) => !isSeq(item))) {
    const columns = node.items.map((item) => text(item as Node) ?? '?').join(', ');
    throw reader.error(
      node,
      `${what}: [${columns}] could be one key or ${node.items.length}; write [[${columns}]] for one UNIQUE over them together, or [${node.items.map((item) => `[${text(item as Node) ?? '?'}]`).join(', ')}] for one on each`,
    );
  }
  return node.items.map((item, i) => [
    `  UNIQUE (${columnList(names(reader, item as Node, `${what}[${i}]`))})`,
    item as Node,
    `${what}[${i}]`,
  ]);
}

export function tableLines(
  reader: ConfigReader,
  name: string,
  node: Node | null,
  tables: ReadonlySet<string>,
  lines: Lines,
): void {
  const what = `tables.${name}`;
  if (!isMap(node)) throw reader.error(node, `${what} expects a map with its columns`);
  const keys = keyed(reader, node, what);
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
  if (keys.has('exclude'))
    extra.push(...exclusionLines(reader, keys.get('exclude') ?? null, `${what}.exclude`));
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
  if (keys.has('indexes')) {
    for (const [statement, at, path] of indexStatements(
      reader,
      name,
      keys.get('indexes') ?? null,
      `${what}.indexes`,
    ))
      lines.push(statement, at, path);
  }
}

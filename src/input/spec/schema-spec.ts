/**
 * A schema written in YAML (`datagen generate shop.yaml`): the tables of
 * `.datagen.yaml` with a `type` for each column and the constraints beside
 * them, for users who would rather not write DDL. It is turned into DDL text
 * (one column or constraint per line) that the DDL front end reads like any
 * other script, so a spec gets exactly what a script gets; every line of
 * that text remembers the YAML node it came from, so a mistake the parser
 * finds is reported at its place in the spec. The same file is the run's
 * configuration: its steering keys (`rows`, `generator`, `values`, …) are
 * read by config-file.ts, which accepts the spec's keys beside them. The
 * tables' lines are made in spec-tables.ts; mistakes in them are told at
 * the spec's places by spec-errors.ts.
 */
import type { Node } from 'yaml';
import { DatagenError, type SourceLocation } from '../../errors.js';
import { quoteIdent } from '../../schema/quote.js';
import { readYaml } from './config-reader.js';
import { keyed, type Lines, names, qualified, required, tableLines } from './spec-tables.js';
import { isMap } from './yaml-module.js';

/** Top-level keys a spec adds to the configuration's. */
export const SPEC_KEYS: readonly string[] = ['extensions', 'enums', 'ddl'];
/** Table keys a spec adds (`columns` and `foreign_keys` are shared with the configuration). */
export const SPEC_TABLE_KEYS: readonly string[] = ['primary_key', 'unique', 'checks', 'exclude', 'indexes'];
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

/**
 * Text that is a schema spec, not SQL, whatever its name: its first line
 * other than `#` comments is a YAML key (`seed: 7`, `tables:`) and a line
 * begins `tables:` (or it is a JSON object of such keys); no SQL statement
 * begins so.
 */
export function looksLikeSpec(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const yaml = /^[A-Za-z_][A-Za-z0-9_]*\s*:(?:\s|$)/.test(first ?? '') && /^tables\s*:/m.test(text);
  return yaml || /^\{\s*"(?:tables|enums|ddl|seed)"\s*:/.test(text.trimStart());
}

/**
 * A spec's error, for a `.yaml` file that holds SQL: what the file is and
 * how to name it instead (a `.yaml` name makes it read as a spec).
 */
export function specOrSqlError(error: unknown, text: string, file: string): unknown {
  if (!(error instanceof DatagenError) || !looksLikeSql(text)) return error;
  return new DatagenError(
    error.code,
    `${file}:1:1: this is SQL DDL, not a YAML schema spec, but its name ends in .yaml or .yml, so it was read as a spec; rename it to end in .sql`,
    { file, line: 1, column: 1 },
  );
}

/** Text that is SQL, not a spec: its first word other than `--` comments is one a DDL script begins with. */
function looksLikeSql(text: string): boolean {
  const body = text.replace(/^(?:\s*--[^\n]*\n)*/, '').trimStart();
  return (
    /^(?:(?:CREATE|ALTER|SET|DROP|BEGIN|COMMENT|GRANT|REVOKE|SELECT|INSERT|COPY|DO|START)\b|\\[a-z]+)/i.test(
      body,
    ) ||
    (body === '' && text.trimStart().startsWith('--'))
  );
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
  const top = keyed(reader, root, 'the schema spec');
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
    // CASCADE: an extension's required ones (earthdistance's cube) are made with it, whatever the list's order.
    for (const name of names(reader, node, 'extensions')) {
      lines.push(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(name)} CASCADE;`, node, 'extensions');
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

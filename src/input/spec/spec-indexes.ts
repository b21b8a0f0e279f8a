/**
 * A spec table's `exclude:` (EXCLUDE constraints, a line of its CREATE
 * TABLE each) and `indexes:` (CREATE [UNIQUE] INDEX statements after it,
 * partial with a `where:`), each line pushed with the YAML node it came
 * from (see schema-spec.ts).
 */
import type { Node } from 'yaml';
import { quoteIdent } from '../../schema/quote.js';
import type { ConfigReader } from './config-reader.js';
import { keyed, names, qualified, required, text } from './spec-tables.js';
import { isMap, isScalar, isSeq } from './yaml-module.js';

const EXCLUDE_KEYS = ['with', 'using', 'where', 'name'];
const INDEX_KEYS = ['columns', 'unique', 'using', 'where', 'name'];
const OPERATOR = /^[-+*/<>=~!@#%^&|`?]+$/;
const METHOD = /^[a-z_][a-z0-9_]*$/i;

/** An element: a column name (quoted), or an expression (with a parenthesis: written as it is, in parentheses). */
function element(value: string): string {
  return value.includes('(') ? `(${value})` : quoteIdent(value);
}

/** The item's map, its keys checked against the allowed ones. */
function itemKeys(
  reader: ConfigReader,
  item: Node | null,
  what: string,
  allowed: readonly string[],
  example: string,
): Map<string, Node | null> {
  if (!isMap(item)) throw reader.error(item, `${what} expects a map (${example})`);
  const keys = keyed(reader, item, what);
  for (const key of keys.keys()) {
    if (!allowed.includes(key))
      throw reader.error(item, `${what}: unknown key "${key}" (one of ${allowed.join(', ')})`);
  }
  return keys;
}

function items(reader: ConfigReader, node: Node | null, what: string, example: string): (Node | null)[] {
  if (!isSeq(node) || node.items.length === 0)
    throw reader.error(node, `${what} expects a list (${example})`);
  return node.items as (Node | null)[];
}

function method(reader: ConfigReader, node: Node | null, what: string): string {
  const value = required(reader, node, what, 'an index method (gist, btree, …)');
  if (!METHOD.test(value)) throw reader.error(node, `${what} expects an index method name (gist, btree, …)`);
  return value;
}

function whereClause(reader: ConfigReader, keys: Map<string, Node | null>, what: string): string {
  if (!keys.has('where')) return '';
  return ` WHERE (${required(reader, keys.get('where') ?? null, `${what}.where`, 'a SQL condition ("NOT cancelled")')})`;
}

const EXCLUDE_EXAMPLE = 'with: {room_id: "=", during: "&&"}, where: "NOT cancelled"';

/** `exclude: [{with: {room_id: "=", during: "&&"}, where: …, using: gist, name: …}]`: an EXCLUDE line each. */
export function exclusionLines(
  reader: ConfigReader,
  node: Node | null,
  what: string,
): [string, Node | null, string][] {
  return items(reader, node, what, EXCLUDE_EXAMPLE).map((item, i) => {
    const at = `${what}[${i}]`;
    const keys = itemKeys(reader, item, at, EXCLUDE_KEYS, EXCLUDE_EXAMPLE);
    const withNode = keys.get('with') ?? null;
    if (!isMap(withNode) || withNode.items.length === 0)
      throw reader.error(
        withNode ?? item,
        `${at}.with expects a map of columns to operators (${EXCLUDE_EXAMPLE})`,
      );
    const elements = reader.entries(withNode, null, `${at}.with`).map(([column, , op]) => {
      const operator = isScalar(op) ? text(op) : undefined;
      if (operator === undefined || !OPERATOR.test(operator))
        throw reader.error(op, `${at}.with.${column} expects an operator ("=", "&&", "<>")`);
      return `${element(column)} WITH ${operator}`;
    });
    const using = keys.has('using') ? method(reader, keys.get('using') ?? null, `${at}.using`) : 'gist';
    const name = keys.has('name')
      ? `CONSTRAINT ${quoteIdent(required(reader, keys.get('name') ?? null, `${at}.name`, 'a constraint name'))} `
      : '';
    const line = `  ${name}EXCLUDE USING ${using} (${elements.join(', ')})${whereClause(reader, keys, at)}`;
    return [line, item, at];
  });
}

const INDEX_EXAMPLE = 'columns: [email], unique: true, where: "deleted_at IS NULL"';

/** `indexes: [{columns: [a, "lower(b)"], unique: true, where: …, using: …, name: …}]`: a CREATE INDEX each. */
export function indexStatements(
  reader: ConfigReader,
  table: string,
  node: Node | null,
  what: string,
): [string, Node | null, string][] {
  return items(reader, node, what, INDEX_EXAMPLE).map((item, i) => {
    const at = `${what}[${i}]`;
    const keys = itemKeys(reader, item, at, INDEX_KEYS, INDEX_EXAMPLE);
    if (!keys.has('columns')) throw reader.error(item, `${at}: an index needs columns: [a, b]`);
    const columns = names(reader, keys.get('columns') ?? null, `${at}.columns`).map(element);
    const uniqueNode = keys.get('unique') ?? null;
    const unique = keys.has('unique') && isScalar(uniqueNode) ? uniqueNode.value : false;
    if (typeof unique !== 'boolean') throw reader.error(uniqueNode, `${at}.unique expects true or false`);
    const using = keys.has('using')
      ? ` USING ${method(reader, keys.get('using') ?? null, `${at}.using`)}`
      : '';
    const name = keys.has('name')
      ? `${quoteIdent(required(reader, keys.get('name') ?? null, `${at}.name`, 'an index name'))} `
      : '';
    const statement = `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name}ON ${qualified(table)}${using} (${columns.join(', ')})${whereClause(reader, keys, at)};`;
    return [statement, item, at];
  });
}

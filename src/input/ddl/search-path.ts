/**
 * `SET search_path` and `SELECT pg_catalog.set_config('search_path', ...)`:
 * the schema list that decides where unqualified names live.
 */
import type { Node, SelectStmt, VariableSetStmt } from 'libpg-query';
import { stringOf, stringsOf } from './ast.js';

const DEFAULT_PATH = ['$user', 'public'];

/**
 * Split a search_path value as PostgreSQL's SplitIdentifierString does:
 * comma-separated, double quotes keep case and commas, unquoted names fold to lower case.
 */
export function splitSearchPath(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (value[i] === ' ' || value[i] === '\t' || value[i] === '\n') i++;
    if (i >= value.length) break;
    let name = '';
    if (value[i] === '"') {
      i++;
      while (i < value.length) {
        if (value[i] === '"' && value[i + 1] === '"') {
          name += '"';
          i += 2;
        } else if (value[i] === '"') {
          i++;
          break;
        } else name += value[i++];
      }
    } else {
      while (i < value.length && value[i] !== ',' && value[i] !== ' ' && value[i] !== '\t')
        name += value[i++];
      name = name.toLowerCase();
    }
    out.push(name);
    while (i < value.length && value[i] !== ',') i++;
    i++;
  }
  return out.filter((s) => s !== '');
}

/** The new path if this is `SET search_path ...`, else undefined. */
export function searchPathOfSet(node: VariableSetStmt): string[] | undefined {
  if (node.name !== 'search_path') return undefined;
  if (node.kind === 'VAR_SET_DEFAULT' || node.kind === 'VAR_RESET') return DEFAULT_PATH;
  if (node.kind !== 'VAR_SET_VALUE') return undefined;
  return (node.args ?? []).map((a) => stringOf(a) ?? '').filter((s) => s !== '');
}

/** The new path if this is `SELECT [pg_catalog.]set_config('search_path', 'value', ...)`, else undefined. */
export function searchPathOfSelect(node: SelectStmt): string[] | undefined {
  const targets = node.targetList ?? [];
  if (targets.length !== 1 || node.fromClause !== undefined) return undefined;
  const target = targets[0];
  const val: Node | undefined =
    target !== undefined && 'ResTarget' in target ? target.ResTarget.val : undefined;
  if (val === undefined || !('FuncCall' in val)) return undefined;
  if (stringsOf(val.FuncCall.funcname).at(-1) !== 'set_config') return undefined;
  const [name, value] = val.FuncCall.args ?? [];
  if (stringOf(name) !== 'search_path') return undefined;
  const text = stringOf(value);
  return text === null ? undefined : splitSearchPath(text);
}

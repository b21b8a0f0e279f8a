/**
 * `ARRAY(SELECT unnest(a) [ORDER BY 1])`: the one subquery the evaluator
 * reads, as a SQL function sorting an array writes it (`array_sort(anyarray)`,
 * inlined into `CHECK (tags = array_sort(tags))`): the array's elements,
 * every dimension flattened, in order (NULLs last ascending, first
 * descending, as PostgreSQL sorts; enum labels in their type's order).
 * Any other subquery stays unreadable.
 */
import { type Evaluate, NotEvaluableError } from './evaluation.js';
import { asNode, lastName, type Node } from './expression-nodes.js';
import { compareValues, isArray, type SqlValue } from './sql-value.js';

/** The keys a SelectStmt of only a target list and an ORDER BY holds. */
const PLAIN_SELECT = new Set(['targetList', 'sortClause', 'limitOption', 'op']);

/** The array's elements, all dimensions flattened (what unnest returns). */
function flatten(v: SqlValue, out: SqlValue[]): void {
  if (isArray(v)) for (const item of v.items) flatten(item, out);
  else out.push(v);
}

/** The sort of `ORDER BY 1 [ASC|DESC]` (or by the unnest itself): 1 or -1; undefined for anything else. */
function sortDirection(select: Node, target: unknown): 1 | -1 | undefined {
  const sorts = Array.isArray(select.sortClause) ? select.sortClause : [];
  if (sorts.length === 0) return 1; // no ORDER BY: unnest's own order, the array unchanged
  const by = sorts.length === 1 ? asNode(asNode(sorts[0])?.SortBy) : undefined;
  if (by?.sortby_nulls !== 'SORTBY_NULLS_DEFAULT' || by.useOp !== undefined) return undefined;
  const position = asNode(asNode(asNode(by.node)?.A_Const)?.ival)?.ival;
  const sameExpression = JSON.stringify(stripLocations(by.node)) === JSON.stringify(stripLocations(target));
  if (position !== 1 && !sameExpression) return undefined;
  return by.sortby_dir === 'SORTBY_DESC' ? -1 : 1;
}

function stripLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripLocations);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([k]) => k !== 'location')
      .map(([k, v]) => [k, stripLocations(v)]),
  );
}

/** `ARRAY(SELECT unnest(expr) [ORDER BY 1 [ASC|DESC]])` compiled; else NotEvaluableError ('a subquery'). */
export function compileArraySubquery(n: Node, rec: (node: unknown) => Evaluate): Evaluate {
  const select = asNode(asNode(n.subselect)?.SelectStmt);
  const targets = Array.isArray(select?.targetList) ? select.targetList : [];
  const target = asNode(asNode(targets[0])?.ResTarget)?.val;
  const call = asNode(asNode(target)?.FuncCall);
  const args = Array.isArray(call?.args) ? call.args : [];
  const plain =
    n.subLinkType === 'ARRAY_SUBLINK' &&
    select !== undefined &&
    Object.keys(select).every((k) => PLAIN_SELECT.has(k)) &&
    select.op === 'SETOP_NONE' &&
    targets.length === 1 &&
    call !== undefined &&
    lastName(call.funcname) === 'unnest' &&
    args.length === 1 &&
    Object.keys(call).every((k) => ['funcname', 'args', 'funcformat', 'location'].includes(k));
  const direction = plain && select ? sortDirection(select, target) : undefined;
  if (!plain || direction === undefined) throw new NotEvaluableError('a subquery');
  const arg = rec(args[0]);
  const sorted = (select as Node).sortClause !== undefined;
  return (env) => {
    const v = arg(env);
    const items: SqlValue[] = [];
    if (v !== null) flatten(v, items);
    if (sorted) {
      // NULLS LAST ascending, FIRST descending: NULL sorts as the greatest value.
      items.sort((a, b) => {
        const up = a === null ? (b === null ? 0 : 1) : b === null ? -1 : (compareValues(a, b) ?? 0);
        return up * direction;
      });
    }
    return { kind: 'array', items };
  };
}

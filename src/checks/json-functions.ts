/**
 * PostgreSQL 17's `JSON_EXISTS` and `JSON_VALUE` for the row engine, over a
 * path of member and index accessors in lax mode (`$.title`, `$.a."b c"[0]`):
 * the shapes CHECKs and generated columns use. Anything else (PASSING,
 * filters, wildcards, strict mode, `JSON_QUERY`) returns null from
 * `compileJsonFunction`, and the caller reports the CHECK as not evaluable.
 * PostgreSQL 16's `IS JSON` predicate is here too.
 */
import { type Evaluate, NotEvaluableError } from './evaluation.js';
import { asNode, lastName, type Node, only } from './expression-nodes.js';
import { type SqlValue, toText } from './sql-value.js';

type Step = { readonly member: string } | { readonly index: number };

const STEP = /^\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\.\s*"((?:[^"\\]|\\.)*)"|\[\s*(\d+)\s*\])/;

/** The accessors of a lax path `$.a."b"[0]`, or null for any other path. */
export function simpleJsonPath(path: string): Step[] | null {
  let rest = path.trim().replace(/^lax\s+/, '');
  if (!rest.startsWith('$')) return null;
  rest = rest.slice(1);
  const steps: Step[] = [];
  while (rest.trim() !== '') {
    const m = STEP.exec(rest);
    if (m === null) return null;
    if (m[1] !== undefined) steps.push({ member: m[1] });
    else if (m[2] !== undefined) steps.push({ member: JSON.parse(`"${m[2]}"`) as string });
    else steps.push({ index: Number(m[3]) });
    rest = rest.slice(m[0].length);
  }
  return steps;
}

/** The items a lax path selects: arrays unwrapped for member access, a non-array is its own element 0. */
function select(root: unknown, steps: readonly Step[]): unknown[] {
  let items = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const item of items) {
      if ('member' in step) {
        for (const o of Array.isArray(item) ? item : [item]) {
          if (typeof o === 'object' && o !== null && !Array.isArray(o) && Object.hasOwn(o, step.member))
            next.push((o as Record<string, unknown>)[step.member]);
        }
      } else if (Array.isArray(item)) {
        if (step.index < item.length) next.push(item[step.index]);
      } else if (step.index === 0) next.push(item);
    }
    items = next;
  }
  return items;
}

interface JsonFunctionParts {
  readonly op: unknown;
  readonly path: string | null;
  readonly passing: boolean;
  readonly returningText: boolean;
  readonly onEmpty: string | undefined;
  readonly onError: string | undefined;
}

/**
 * An evaluator of `JSON_EXISTS(item, path)` / `JSON_VALUE(item, path)`, or
 * null when the call is outside what is read here. ERROR ON EMPTY/ERROR
 * behaviours (and DEFAULT ones) are not read: null.
 */
function compileJsonFunction<E>(
  parts: JsonFunctionParts,
  item: (env: E) => SqlValue,
): ((env: E) => SqlValue) | null {
  const steps = parts.path === null ? null : simpleJsonPath(parts.path);
  if (steps === null || parts.passing || !parts.returningText) return null;
  const nullBehaviour = (b: string | undefined) => b === undefined || b === 'JSON_BEHAVIOR_NULL';
  const json = (env: E): { items: unknown[] } | null => {
    const text = toText(item(env));
    if (text === null) return null;
    try {
      return { items: select(JSON.parse(text), steps) };
    } catch {
      return { items: [] };
    }
  };
  if (parts.op === 'JSON_EXISTS_OP') {
    if (!(parts.onError === undefined || parts.onError === 'JSON_BEHAVIOR_FALSE')) return null;
    return (env) => {
      const found = json(env);
      return found === null ? null : found.items.length > 0;
    };
  }
  if (parts.op !== 'JSON_VALUE_OP' || !nullBehaviour(parts.onEmpty) || !nullBehaviour(parts.onError))
    return null;
  return (env) => {
    const found = json(env);
    if (found === null || found.items.length !== 1) return null;
    const [v] = found.items;
    if (v === null || typeof v === 'object') return null;
    // A JSON boolean comes out as bool's text (`t`), as PostgreSQL returns it.
    if (typeof v === 'boolean') return v ? 't' : 'f';
    return typeof v === 'string' ? v : String(v);
  };
}

/** A JsonFuncExpr node (`JSON_EXISTS(body, '$.title')`) compiled for the row engine; NotEvaluableError beyond the shapes above. */
export function compileJsonFuncExpr(n: Node, rec: (node: unknown) => Evaluate): Evaluate {
  const context = asNode(n.context_item);
  const path = only(n.pathspec);
  const output = asNode(asNode(n.output)?.typeName);
  const evaluate = compileJsonFunction(
    {
      op: n.op,
      path: path?.[0] === 'A_Const' ? ((asNode(path[1].sval)?.sval as string | undefined) ?? null) : null,
      passing: Array.isArray(n.passing) && n.passing.length > 0,
      returningText: output === undefined || ['text', 'varchar'].includes(lastName(output.names) ?? ''),
      onEmpty: asNode(n.on_empty)?.btype as string | undefined,
      onError: asNode(n.on_error)?.btype as string | undefined,
    },
    rec(context?.raw_expr),
  );
  if (evaluate === null) throw new NotEvaluableError('JSON_QUERY, or a JSON path beyond $.member[index]');
  return evaluate;
}

/** PostgreSQL 16's `x IS JSON [OBJECT|ARRAY|SCALAR]`: NULL for NULL, else whether the text parses as that kind. */
export function compileJsonIsPredicate(n: Node, rec: (node: unknown) => Evaluate): Evaluate {
  // PostgreSQL 16's `x IS JSON [OBJECT|ARRAY|SCALAR]`: NULL for NULL, else whether the text parses as that kind.
  const arg = rec(n.expr);
  const kind = n.item_type;
  return (env) => {
    const v = arg(env);
    if (v === null) return null;
    const text = toText(v);
    if (text === null) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return false;
    }
    if (kind === 'JS_TYPE_OBJECT')
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    if (kind === 'JS_TYPE_ARRAY') return Array.isArray(parsed);
    if (kind === 'JS_TYPE_SCALAR') return typeof parsed !== 'object' || parsed === null;
    return true;
  };
}

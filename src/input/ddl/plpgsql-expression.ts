/**
 * A plpgsql function body as one SQL expression, for CHECKs that call
 * validation functions written in plpgsql (Flow Commerce's
 * `util.non_empty_trimmed_string(p_value)`: `IF … THEN RETURN false; ELSE
 * RETURN true; END IF;`, pg_partman's `SELECT p_type IN (…) INTO v_result;
 * RETURN v_result;`). The body is read with PostgreSQL's own plpgsql parser
 * (libpg-query); IF/ELSIF/ELSE chains become CASE (an IF whose condition is
 * NULL takes its ELSE, as CASE does; `IF c THEN RETURN true; ELSE RETURN
 * false` becomes `c AND c IS NOT NULL`, the same values, which the CHECK
 * compiler reads as bounds), a variable set once by `SELECT expr
 * INTO v` or `v := expr` and returned stands for its expression. Anything
 * else (loops, exceptions, a variable read in another expression, a path
 * that ends without RETURN) gives undefined: the CHECK stays unread.
 */
import { parsePlPgSQLSync } from './pg-parser.js';

type Node = Record<string, unknown>;

interface Scope {
  /** Variable names by datum number (`found`, the declared ones; `(unnamed row)` for an INTO target). */
  readonly names: readonly string[];
  /** Expressions variables were set to, by name. */
  readonly values: ReadonlyMap<string, string>;
}

const queryOf = (expr: unknown): string | undefined =>
  ((expr as Node | undefined)?.PLpgSQL_expr as { query?: string } | undefined)?.query;

/** True when the text names one of the body's variables (then it cannot be inlined as text). */
function readsVariables(text: string, scope: Scope): boolean {
  for (const name of scope.names)
    if (/^\w+$/.test(name) && new RegExp(`(^|[^\\w$.])${name}($|[^\\w$])`, 'i').test(text)) return true;
  return false;
}

/** `expr` of a `SELECT expr` (INTO removed by the parser), without FROM (the final parse checks that). */
const selectedExpression = (query: string): string | undefined => /^\s*select\s+([\s\S]+)$/i.exec(query)?.[1];

function setVariable(scope: Scope, name: string | undefined, text: string | undefined): Scope | undefined {
  if (name === undefined || text === undefined || readsVariables(text, scope)) return undefined;
  const values = new Map(scope.values);
  values.set(name.toLowerCase(), text);
  return { names: scope.names, values };
}

function ifExpression(node: Node, rest: readonly unknown[], scope: Scope): string | undefined {
  const branches: [unknown, readonly unknown[]][] = [[node.cond, (node.then_body as unknown[]) ?? []]];
  for (const e of (node.elsif_list as Node[] | undefined) ?? []) {
    const elsif = e.PLpgSQL_if_elsif as Node;
    branches.push([elsif.cond, (elsif.stmts as unknown[]) ?? []]);
  }
  const arms: [string, string][] = [];
  for (const [cond, body] of branches) {
    const c = queryOf(cond);
    const then = statementsExpression([...body, ...rest], scope);
    if (c === undefined || then === undefined || readsVariables(c, scope)) return undefined;
    arms.push([c, then]);
  }
  const otherwise = statementsExpression([...((node.else_body as unknown[]) ?? []), ...rest], scope);
  if (otherwise === undefined) return undefined;
  const [only] = arms;
  const literal = (text: string) => text.trim().toLowerCase();
  // IF c THEN RETURN true; ELSE RETURN false: `c` when it is not NULL, as a conjunction the CHECK compiler reads.
  if (arms.length === 1 && only && literal(only[1]) === 'true' && literal(otherwise) === 'false')
    return `((${only[0]}) AND (${only[0]}) IS NOT NULL)`;
  return `CASE${arms.map(([c, then]) => ` WHEN (${c}) THEN (${then})`).join('')} ELSE (${otherwise}) END`;
}

/** The value the statements return, as an expression; undefined when they do anything else. */
function statementsExpression(statements: readonly unknown[], scope: Scope): string | undefined {
  const [first, ...rest] = statements as Node[];
  if (first === undefined) return undefined; // the end reached without RETURN: an error at run time
  const [kind] = Object.keys(first);
  const node = first[kind ?? ''] as Node;
  switch (kind) {
    case 'PLpgSQL_stmt_return': {
      if (node.retvarno !== undefined) {
        const name = scope.names[node.retvarno as number]?.toLowerCase();
        return name === undefined ? undefined : scope.values.get(name);
      }
      const text = queryOf(node.expr);
      return text === undefined || readsVariables(text, scope) ? undefined : text;
    }
    case 'PLpgSQL_stmt_if':
      return ifExpression(node, rest, scope);
    case 'PLpgSQL_stmt_block':
      if (node.exceptions !== undefined) return undefined;
      return statementsExpression([...((node.body as unknown[]) ?? []), ...rest], scope);
    case 'PLpgSQL_stmt_execsql': {
      const fields = ((node.target as Node | undefined)?.PLpgSQL_row as { fields?: { name?: string }[] })
        ?.fields;
      const query = queryOf(node.sqlstmt);
      if (node.into !== true || fields?.length !== 1 || query === undefined) return undefined;
      const next = setVariable(scope, fields[0]?.name, selectedExpression(query));
      return next && statementsExpression(rest, next);
    }
    case 'PLpgSQL_stmt_assign': {
      const name = scope.names[node.varno as number];
      const query = queryOf(node.expr);
      const text = query === undefined ? undefined : /^[^:]*:=\s*([\s\S]+)$/.exec(query)?.[1];
      const next = setVariable(scope, name, text);
      return next && statementsExpression(rest, next);
    }
    default:
      return undefined;
  }
}

/** The expression a plpgsql body returns, as SQL text over its parameters; undefined when it is not one. */
export function plpgsqlExpression(body: string): string | undefined {
  let tag = 'datagen';
  while (body.includes(`$${tag}$`)) tag += '_';
  try {
    const parsed = parsePlPgSQLSync(
      `CREATE FUNCTION f() RETURNS boolean LANGUAGE plpgsql AS $${tag}$${body}$${tag}$`,
    ) as unknown as { plpgsql_funcs?: { PLpgSQL_function?: Node }[] };
    const fn = parsed.plpgsql_funcs?.[0]?.PLpgSQL_function;
    if (fn === undefined) return undefined;
    const names = ((fn.datums as Node[] | undefined) ?? []).map(
      (d) => (Object.values(d)[0] as { refname?: string } | undefined)?.refname ?? '',
    );
    return statementsExpression([fn.action], { names, values: new Map() });
  } catch {
    return undefined;
  }
}

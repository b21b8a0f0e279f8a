/**
 * DO blocks that branch on what the database holds, as idempotent
 * migrations write them (Supabase storage):
 *
 *   DO $$ BEGIN
 *     IF EXISTS (SELECT 1 FROM information_schema.columns
 *                WHERE table_name = 'buckets' AND column_name = 'max_file_size_kb') THEN
 *       IF NOT EXISTS (... column_name = 'file_size_limit') THEN
 *         ALTER TABLE storage.buckets RENAME COLUMN max_file_size_kb TO file_size_limit;
 *       ELSE
 *         ALTER TABLE storage.buckets DROP COLUMN max_file_size_kb;
 *       END IF;
 *     END IF;
 *   END $$;
 *
 * The block is read with PostgreSQL's PL/pgSQL parser. Where every
 * condition asks whether a column, table, constraint or type exists
 * (information_schema.columns, .tables, .table_constraints, pg_type) and
 * every other statement is plain DDL, the conditions are evaluated on the
 * schema read so far, in order (a statement of the block counts for the
 * conditions after it), and the block is the statements of the branches
 * taken, read as if written plainly. Anything else (DECLARE, EXECUTE, RAISE,
 * loops, handlers, another condition) keeps the block opaque.
 */

import { stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { constraintNames } from './do-blocks.js';
import { constantExecute } from './dynamic-ddl.js';
import { parsedStatements } from './guarded-do.js';
import { parsePlPgSQLSync, parseSync } from './pg-parser.js';

type Json = Record<string, unknown>;

/** A step of the block: a statement, or a branch on a condition. */
type Step =
  | { readonly kind: 'statements'; readonly statements: SourceStatement[] }
  | { readonly kind: 'if'; readonly branches: readonly { test: Condition | null; steps: Step[] }[] };

/** A condition on the schema: EXISTS over a catalog view with equality filters, combined by AND/OR/NOT. */
type Condition =
  | { readonly kind: 'exists'; readonly view: string; readonly filters: ReadonlyMap<string, string> }
  | { readonly kind: 'not'; readonly arg: Condition }
  | { readonly kind: 'and' | 'or'; readonly args: readonly Condition[] };

const VIEWS: Readonly<Record<string, readonly string[]>> = {
  'information_schema.columns': ['table_schema', 'table_name', 'column_name'],
  'information_schema.tables': ['table_schema', 'table_name'],
  'information_schema.table_constraints': [
    'table_schema',
    'table_name',
    'constraint_name',
    'constraint_type',
  ],
  pg_type: ['typname'],
  'pg_catalog.pg_type': ['typname'],
};

/**
 * Reads a branching block and hands the statements of the branches taken to
 * `handle`, in order; false (nothing handled) when the block is not one.
 */
export function readConditionalBlock(
  ctx: DdlContext,
  body: string,
  block: SourceStatement,
  handle: (statement: SourceStatement) => void,
): boolean {
  if (!/\bIF\b/i.test(body) || body.includes('$datagen_do$')) return false;
  let parsed: Json;
  try {
    parsed = parsePlPgSQLSync(
      `CREATE FUNCTION pg_temp.datagen_do() RETURNS void LANGUAGE plpgsql AS $datagen_do$${body}$datagen_do$`,
    ) as Json;
  } catch {
    return false;
  }
  const fn = ((parsed.plpgsql_funcs as Json[] | undefined)?.[0]?.PLpgSQL_function ?? {}) as Json;
  // Only the implicit `found`: a DECLAREd variable may be read by a statement or condition.
  if (((fn.datums as unknown[] | undefined) ?? []).length > 1) return false;
  const steps = blockSteps(fn.action, block, true);
  if (steps === undefined || !steps.some((s) => s.kind === 'if')) return false;
  run(ctx, steps, handle);
  return true;
}

function run(ctx: DdlContext, steps: readonly Step[], handle: (statement: SourceStatement) => void): void {
  for (const step of steps) {
    if (step.kind === 'statements') for (const s of step.statements) handle(s);
    else {
      const taken = step.branches.find((b) => b.test === null || holds(ctx, b.test));
      if (taken) run(ctx, taken.steps, handle);
    }
  }
}

/** A `BEGIN ... END` block's steps; undefined when it holds anything else. */
function blockSteps(node: unknown, block: SourceStatement, outer: boolean): Step[] | undefined {
  const b = (node as Json | undefined)?.PLpgSQL_stmt_block as Json | undefined;
  if (!b || b.exceptions !== undefined) return undefined;
  const body = (b.body as Json[] | undefined) ?? [];
  // The parser ends the function's own block with an implicit RETURN (no line number).
  const last = body.at(-1)?.PLpgSQL_stmt_return as Json | undefined;
  const statements = outer && last !== undefined && last.lineno === undefined ? body.slice(0, -1) : body;
  return stepsOf(statements, block);
}

function stepsOf(statements: readonly Json[], block: SourceStatement): Step[] | undefined {
  const steps: Step[] = [];
  for (const s of statements) {
    const sql = ((s.PLpgSQL_stmt_execsql as Json | undefined)?.sqlstmt as Json | undefined)?.PLpgSQL_expr as
      | Json
      | undefined;
    // EXECUTE of one string constant: that statement, as if written plainly.
    const executed = constantExecute(s);
    if (sql !== undefined || executed !== undefined) {
      const parsed = parsedStatements(executed ?? String(sql?.query ?? ''), block);
      if (parsed === undefined) return undefined;
      steps.push({ kind: 'statements', statements: parsed });
      continue;
    }
    if ('PLpgSQL_stmt_block' in s) {
      const inner = blockSteps(s, block, false);
      if (inner === undefined) return undefined;
      steps.push(...inner);
      continue;
    }
    const branch = s.PLpgSQL_stmt_if as Json | undefined;
    if (branch === undefined) return undefined;
    const branches: { test: Condition | null; steps: Step[] }[] = [];
    const arms: { cond: unknown; body: unknown }[] = [
      { cond: branch.cond, body: branch.then_body },
      ...((branch.elsif_list as Json[] | undefined) ?? []).map((e) => {
        const elsif = (e.PLpgSQL_if_elsif ?? {}) as Json;
        return { cond: elsif.cond, body: elsif.stmts };
      }),
    ];
    for (const arm of arms) {
      const query = ((arm.cond as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query;
      const test = typeof query === 'string' ? conditionOf(query) : undefined;
      const inner = stepsOf((arm.body as Json[] | undefined) ?? [], block);
      if (test === undefined || inner === undefined) return undefined;
      branches.push({ test, steps: inner });
    }
    const otherwise = stepsOf((branch.else_body as Json[] | undefined) ?? [], block);
    if (otherwise === undefined) return undefined;
    branches.push({ test: null, steps: otherwise });
    steps.push({ kind: 'if', branches });
  }
  return steps;
}

/** An IF's condition as a Condition; undefined for any other expression. */
function conditionOf(query: string): Condition | undefined {
  try {
    const stmt = ((parseSync(`SELECT ${query}`) as Json).stmts as Json[] | undefined)?.[0]?.stmt as Json;
    const select = stmt?.SelectStmt as Json | undefined;
    const targets = select?.targetList as Json[] | undefined;
    if (!select || targets?.length !== 1 || select.fromClause !== undefined) return undefined;
    return conditionNode((targets[0]?.ResTarget as Json | undefined)?.val);
  } catch {
    return undefined;
  }
}

function conditionNode(node: unknown): Condition | undefined {
  const n = node as Json | undefined;
  const bool = n?.BoolExpr as Json | undefined;
  if (bool) {
    const args = ((bool.args as unknown[] | undefined) ?? []).map(conditionNode);
    if (args.some((a) => a === undefined)) return undefined;
    const all = args as Condition[];
    if (bool.boolop === 'NOT_EXPR')
      return all.length === 1 ? { kind: 'not', arg: all[0] as Condition } : undefined;
    return { kind: bool.boolop === 'AND_EXPR' ? 'and' : 'or', args: all };
  }
  const sub = n?.SubLink as Json | undefined;
  if (sub?.subLinkType !== 'EXISTS_SUBLINK') return undefined;
  const select = (sub.subselect as Json | undefined)?.SelectStmt as Json | undefined;
  const from = select?.fromClause as Json[] | undefined;
  const rv =
    from?.length === 1 ? (typeRelation(from[0]) ?? (from[0]?.RangeVar as Json | undefined)) : undefined;
  if (!select || !rv || select.groupClause !== undefined || select.havingClause !== undefined)
    return undefined;
  const view = [rv.schemaname, rv.relname].filter((p) => typeof p === 'string').join('.');
  const known = VIEWS[view];
  if (known === undefined) return undefined;
  const filters = new Map<string, string>();
  if (!equalityFilters(select.whereClause, known, filters)) return undefined;
  return { kind: 'exists', view, filters };
}

/**
 * `pg_type t JOIN pg_namespace n ON t.typnamespace = n.oid` (Linkwarden's
 * guarded CREATE TYPE): read as pg_type, its schema filter let through.
 */
function typeRelation(from: Json | undefined): Json | undefined {
  const join = from?.JoinExpr as Json | undefined;
  const left = (join?.larg as Json | undefined)?.RangeVar as Json | undefined;
  const right = (join?.rarg as Json | undefined)?.RangeVar as Json | undefined;
  if (join?.jointype !== 'JOIN_INNER' || left === undefined || right?.relname !== 'pg_namespace')
    return undefined;
  return left.relname === 'pg_type' ? left : undefined;
}

/** `a = 'x' AND b = 'y'` over the view's known columns, into `filters`; false for any other shape. */
function equalityFilters(node: unknown, known: readonly string[], filters: Map<string, string>): boolean {
  const n = node as Json | undefined;
  if (n === undefined) return true;
  const bool = n.BoolExpr as Json | undefined;
  if (bool)
    return (
      bool.boolop === 'AND_EXPR' &&
      ((bool.args as unknown[] | undefined) ?? []).every((a) => equalityFilters(a, known, filters))
    );
  const op = n.A_Expr as Json | undefined;
  if (op?.kind !== 'AEXPR_OP' || stringsOf((op.name as never[] | undefined) ?? []).join() !== '=')
    return false;
  const column = stringsOf(
    (((op.lexpr as Json | undefined)?.ColumnRef as Json | undefined)?.fields ?? []) as never[],
  ).at(-1);
  // pg_type joined to pg_namespace: `n.nspname = current_schema()` is the schema the DDL works in.
  if (column === 'nspname' && known.includes('typname')) return true;
  const value = constantText(op.rexpr);
  if (column === undefined || value === undefined || !known.includes(column)) return false;
  filters.set(column, value);
  return true;
}

/** A string constant, possibly cast (`'x'::name`). */
function constantText(node: unknown): string | undefined {
  const n = node as Json | undefined;
  const cast = n?.TypeCast as Json | undefined;
  if (cast) return constantText(cast.arg);
  const sval = ((n?.A_Const as Json | undefined)?.sval as Json | undefined)?.sval;
  return typeof sval === 'string' ? sval : undefined;
}

const CONSTRAINT_TYPES: Readonly<
  Record<string, (t: ReturnType<DdlContext['builder']['table']>) => string[]>
> = {
  'PRIMARY KEY': (t) => (t?.primaryKey?.name ? [t.primaryKey.name] : []),
  UNIQUE: (t) => (t?.uniques ?? []).flatMap((u) => (u.name && !u.isIndex ? [u.name] : [])),
  'FOREIGN KEY': (t) => (t?.foreignKeys ?? []).flatMap((f) => (f.name ? [f.name] : [])),
  CHECK: (t) => (t?.checks ?? []).flatMap((c) => (c.name ? [c.name] : [])),
};

/** Whether the condition holds on the schema read so far. */
function holds(ctx: DdlContext, c: Condition): boolean {
  if (c.kind === 'not') return !holds(ctx, c.arg);
  if (c.kind !== 'exists')
    return c.kind === 'and' ? c.args.every((a) => holds(ctx, a)) : c.args.some((a) => holds(ctx, a));
  const f = c.filters;
  if (c.view.endsWith('pg_type')) {
    const name = f.get('typname');
    return [...ctx.builder.types.keys()].some((k) => name === undefined || k.split('\u0000').at(-1) === name);
  }
  const schema = f.get('table_schema');
  const tableName = f.get('table_name');
  return [...ctx.builder.tables.values()].some((t) => {
    if ((schema !== undefined && t.schema !== schema) || (tableName !== undefined && t.name !== tableName))
      return false;
    if (c.view === 'information_schema.tables') return true;
    if (c.view === 'information_schema.columns') {
      const column = f.get('column_name');
      return t.columns.some((col) => column === undefined || col.name === column);
    }
    const type = f.get('constraint_type');
    const names = type === undefined ? constraintNames(t) : (CONSTRAINT_TYPES[type]?.(t) ?? []);
    const name = f.get('constraint_name');
    return names.some((n) => name === undefined || n === name);
  });
}

/**
 * The relations a DO block kept as written needs when it runs: the tables its
 * statements alter, rename, lock or drop without IF EXISTS, read where its
 * code shows the names (constants, and strings built from them: a FOREACH
 * over a constant array, `v := base || '_new'`, `EXECUTE format('ALTER TABLE
 * %I RENAME TO %I', v, base)`), in the steps that run whatever the database
 * holds (not inside IF, a loop over a query or a block with an exception
 * handler). Hatchet's goose migration renames `v1_runs_olap_new`, which a Go
 * migration makes, to `v1_runs_olap`: a block that needs a relation neither
 * the DDL nor code it runs makes would stop the load there, so it is left out
 * with a warning naming the relation.
 */
import type { Node, RangeVar } from 'libpg-query';
import { formatLocation } from '../../errors.js';
import { displayName } from '../../schema/names.js';
import { formatSql } from '../../schema/quote.js';
import { stringsOf, walkAst } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { inExternalSchema, relationMade } from './missing-relations.js';
import { doBlockFunction, parseSync, selectedExpression } from './pg-parser.js';

type Json = Record<string, unknown>;

/** What the steps are read with: the variables' known values (by datum number) and names. */
interface Reading {
  readonly values: Map<number, string>;
  readonly numbers: ReadonlyMap<string, number>;
  /** Relations the block's steps need, and those they make (a later step's need of one is met). */
  readonly needed: RangeVar[];
  readonly made: Set<string>;
}

/** The relations a DO block's body needs (see the file's comment); none when it cannot be read. */
export function neededRelations(body: string): RangeVar[] {
  const fn = doBlockFunction(body);
  if (fn === null) return [];
  const numbers = new Map<string, number>();
  ((fn.datums as Json[] | undefined) ?? []).forEach((d, i) => {
    const name = (d.PLpgSQL_var as Json | undefined)?.refname;
    if (typeof name === 'string') numbers.set(name.toLowerCase(), i);
  });
  const reading: Reading = { values: new Map(), numbers, needed: [], made: new Set() };
  run([fn.action as Json], reading);
  return reading.needed;
}

function run(steps: readonly Json[], r: Reading): void {
  for (const step of steps) {
    const [kind, value] = Object.entries(step)[0] ?? [];
    const s = (value ?? {}) as Json;
    if (kind === 'PLpgSQL_stmt_block' && s.exceptions === undefined) run((s.body as Json[]) ?? [], r);
    else if (kind === 'PLpgSQL_stmt_assign') assign(s, r);
    else if (kind === 'PLpgSQL_stmt_foreach_a' && typeof s.varno === 'number') {
      const elements = constantArray(exprText(s.expr));
      if (elements !== undefined)
        for (const element of elements) {
          r.values.set(s.varno, element);
          run((s.body as Json[]) ?? [], r);
        }
      forget(step, r);
    } else if (kind === 'PLpgSQL_stmt_dynexecute' && s.params === undefined) {
      const sql = evaluate(exprText(s.query), r);
      if (sql !== undefined) need(sql, r);
    } else if (kind === 'PLpgSQL_stmt_execsql') need(exprText(s.sqlstmt) ?? '', r);
    else forget(step, r);
  }
}

/** `v := expr`: v's value from then on (unknown when expr cannot be read). */
function assign(s: Json, r: Reading): void {
  if (typeof s.varno !== 'number') return;
  const text = exprText(s.expr)?.replace(/^\s*("[^"]+"|[\w$.]+)\s*:?=\s*/, '');
  const value = evaluate(text, r);
  if (value === undefined) r.values.delete(s.varno);
  else r.values.set(s.varno, value);
}

/** Variables a step that may or may not run (or runs any number of times) sets: unknown after it. */
function forget(step: Json, r: Reading): void {
  walkAst(step, (key, n) => {
    if ((key === 'PLpgSQL_stmt_assign' || key.startsWith('PLpgSQL_stmt_for')) && typeof n.varno === 'number')
      r.values.delete(n.varno);
  });
}

function exprText(expr: unknown): string | undefined {
  const query = ((expr as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query;
  return typeof query === 'string' ? query : undefined;
}

/** The value of an expression of string constants, known variables, `||` and `format()`; undefined otherwise. */
function evaluate(text: string | undefined, r: Reading): string | undefined {
  const expr = text === undefined ? undefined : selectedExpression(text);
  return expr === undefined ? undefined : knownValue(expr, r);
}

function knownValue(node: Node, r: Reading): string | undefined {
  if ('A_Const' in node)
    return node.A_Const.sval?.sval ?? (node.A_Const.ival ? String(node.A_Const.ival.ival ?? 0) : undefined);
  if ('TypeCast' in node)
    return node.TypeCast.arg === undefined ? undefined : knownValue(node.TypeCast.arg, r);
  if ('ColumnRef' in node) {
    const fields = stringsOf(node.ColumnRef.fields);
    const number = fields.length === 1 ? r.numbers.get((fields[0] ?? '').toLowerCase()) : undefined;
    return number === undefined ? undefined : r.values.get(number);
  }
  if ('A_Expr' in node && stringsOf(node.A_Expr.name).join() === '||') {
    const { lexpr, rexpr } = node.A_Expr;
    const [a, b] = [lexpr && knownValue(lexpr, r), rexpr && knownValue(rexpr, r)];
    return a === undefined || b === undefined ? undefined : a + b;
  }
  if ('FuncCall' in node && stringsOf(node.FuncCall.funcname).at(-1) === 'format') {
    const [format, ...args] = (node.FuncCall.args ?? []).map((a) => knownValue(a, r));
    if (format === undefined || args.some((a) => a === undefined) || /%\d/.test(format)) return undefined;
    return formatSql(format, (n) => args[n] ?? '')?.text;
  }
  return undefined;
}

/** `ARRAY['a', 'b']` (or `'{a,b}'`) of string constants: its elements. */
function constantArray(text: string | undefined): string[] | undefined {
  const val = text === undefined ? undefined : selectedExpression(text);
  const inner = val !== undefined && 'TypeCast' in val ? val.TypeCast.arg : val;
  if (inner === undefined || !('A_ArrayExpr' in inner)) return undefined;
  const elements = (inner.A_ArrayExpr.elements ?? []).map((e) =>
    'A_Const' in e ? e.A_Const.sval?.sval : undefined,
  );
  return elements.every((e) => e !== undefined) ? (elements as string[]) : undefined;
}

/** The relations one statement of the block needs (ALTER TABLE, RENAME, LOCK, DROP TABLE without IF EXISTS). */
function need(sql: string, r: Reading): void {
  let stmts: { stmt?: Node }[];
  try {
    stmts = (parseSync(sql) as { stmts?: { stmt?: Node }[] }).stmts ?? [];
  } catch {
    return;
  }
  const require = (rv: RangeVar | undefined) => {
    if (rv !== undefined && !r.made.has((rv.relname ?? '').toLowerCase())) r.needed.push(rv);
  };
  for (const { stmt } of stmts) {
    if (stmt === undefined) continue;
    if ('AlterTableStmt' in stmt && stmt.AlterTableStmt.missing_ok !== true)
      require(stmt.AlterTableStmt.relation);
    else if ('RenameStmt' in stmt && stmt.RenameStmt.missing_ok !== true) {
      require(stmt.RenameStmt.relation);
      if (stmt.RenameStmt.renameType === 'OBJECT_TABLE' && stmt.RenameStmt.newname !== undefined)
        r.made.add(stmt.RenameStmt.newname.toLowerCase());
    } else if ('LockStmt' in stmt) {
      for (const rel of stmt.LockStmt.relations ?? []) if ('RangeVar' in rel) require(rel.RangeVar);
    } else if ('IndexStmt' in stmt) r.made.add((stmt.IndexStmt.idxname ?? '').toLowerCase());
    else if ('CreateStmt' in stmt) {
      const created = (stmt as { CreateStmt: { relation?: RangeVar } }).CreateStmt.relation;
      r.made.add((created?.relname ?? '').toLowerCase());
    }
  }
}

/**
 * A DO block that needs a relation neither the DDL so far, nor code it runs (as far as datagen can show), makes:
 * left out, with a warning naming it. True when left out.
 */
export function doBlockLeftOutForMissing(ctx: DdlContext, stmt: SourceStatement, body: string): boolean {
  const missing = neededRelations(body)
    .map((rv) => ctx.resolveRelation(rv))
    .filter(
      (q) =>
        !relationMade(ctx, q) &&
        !ctx.madeByDo.has(q.name) &&
        !ctx.runTimeTables.shows(q) &&
        !inExternalSchema(ctx, q),
    );
  if (missing.length === 0) return false;
  const names = [...new Set(missing.map(displayName))].join(', ');
  ctx.warn(
    'DO_BLOCK',
    `DO block at ${formatLocation(stmt.location)} changes ${names}, which neither the DDL nor code it runs makes (as far as datagen can show): PostgreSQL would refuse it and the load stop there, so the block is left out, and what it changes keeps the shape the DDL gives it. If code that is not SQL (a Go or Python migration) makes ${missing.length === 1 ? 'that table' : 'those tables'}, write ${missing.length === 1 ? 'its' : 'their'} CREATE TABLE into the DDL before the block to keep it`,
    stmt.location,
  );
  return true;
}

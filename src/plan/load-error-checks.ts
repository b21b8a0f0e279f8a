/**
 * Expressions PostgreSQL computes on every row of a table (its generated
 * columns at COPY, its indexes' and EXCLUDE constraints' elements at CREATE
 * INDEX or ADD CONSTRAINT) that can fail on some values: where one fails,
 * the whole load stops. Two kinds of CHECK make the rows avoid it.
 *
 * Range constructors over a row's columns: `tsrange(starts_at, ends_at)` in
 * a generated column, an index or an EXCLUDE element. PostgreSQL computes
 * them on every row (at COPY for a generated column, at CREATE INDEX or
 * ADD CONSTRAINT for an index) and fails the load with `range lower bound
 * must be less than or equal to range upper bound` where the first bound
 * lies above the second. Each such call becomes a CHECK (`starts_at <=
 * ends_at`, met by NULL as the constructor takes NULL for an unbounded
 * side) that the table's rows are planned to meet, whatever the columns'
 * names say. Only bounds that are columns or constants (cast or not) are
 * read; a bound computed otherwise is left as before.
 *
 * Other calls and operators that refuse some arguments (`sqrt` of a
 * negative, `ln`/`log` of zero, `make_date(y, m, d)` of a day no calendar
 * has, `/` and `%` by zero) in an expression the evaluator reads: a CHECK
 * that is true whatever the value (`((expr) IS NULL) IS NOT NULL`) but
 * computes it, so a row on which it fails is made again (row-checks.ts);
 * where the evaluator cannot read the whole expression, each such part on
 * its own (a division's divisor non-zero where its dividend is not read),
 * so a part that cannot fail never costs rows.
 * Integer arithmetic or a cast out of its type's range (`a * b` of two
 * smallint columns is a smallint, checks/integer-types.ts) likewise, each
 * such part of the expression computed on its own.
 */

import type { Node as PgNode } from 'libpg-query';
import { isEvaluable } from '../checks/evaluate-expr.js';
import { integerNode, lastName, type Node, operatorNode } from '../checks/expression-nodes.js';
import {
  type IntegerColumn,
  type IntegerType,
  integerOverflowParts,
  integerTypeNamed,
} from '../checks/integer-types.js';
import { createTypeLookup, resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { deparseNode } from '../input/ddl/ast.js';
import type { CheckConstraint, Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteIdent, quoteLiteral } from '../schema/quote.js';
import { withSequenceSteps } from './sequence-steps.js';

/** PostgreSQL's built-in range constructors (two or three arguments). */
const CONSTRUCTORS = new Set(['int4range', 'int8range', 'numrange', 'daterange', 'tsrange', 'tstzrange']);

/** SQL text of a bound that is a column, a constant or a cast of one; undefined for anything else. */
function boundText(node: unknown, columns: ReadonlySet<string>): string | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const n = node as Node;
  const ref = n.ColumnRef as { fields?: unknown[] } | undefined;
  if (ref) {
    const name = lastName(ref.fields);
    return name !== undefined && columns.has(name) && (ref.fields?.length ?? 0) <= 2
      ? quoteIdent(name)
      : undefined;
  }
  const constant = n.A_Const as Node | undefined;
  if (constant) {
    if (constant.isnull === true) return 'NULL';
    const s = (constant.sval as { sval?: string } | undefined)?.sval;
    if (s !== undefined) return quoteLiteral(s);
    const i = (constant.ival as { ival?: number } | undefined)?.ival;
    if (constant.ival !== undefined) return String(i ?? 0);
    const f = (constant.fval as { fval?: string } | undefined)?.fval;
    return f;
  }
  const cast = n.TypeCast as { arg?: unknown; typeName?: { names?: unknown } } | undefined;
  if (cast) {
    const inner = boundText(cast.arg, columns);
    const type = lastName(cast.typeName?.names);
    return inner !== undefined && type !== undefined ? `${inner}::${type}` : undefined;
  }
  return undefined;
}

/** make_date(y, m, d) over columns: the month 1-12 and the day 1-28, so every year gives a date (year 0 is left to the row's retries). */
function calendarFields(
  args: readonly unknown[],
  columns: ReadonlySet<string>,
  where: string,
  out: Map<string, CheckConstraint>,
): void {
  const fields: [unknown, string, number][] = [
    [args[1], 'month', 12],
    [args[2], 'day', 28],
  ];
  for (const [arg, field, most] of fields) {
    const ref = (arg as Node | undefined)?.ColumnRef as { fields?: unknown[] } | undefined;
    const column = ref ? lastName(ref.fields) : undefined;
    if (column === undefined || !columns.has(column)) continue;
    const text = `${quoteIdent(column)} BETWEEN 1 AND ${most}`;
    const bound = (op: string, ival: number) => operatorNode(op, arg, integerNode(ival));
    out.set(text, {
      kind: 'check',
      name: `${field} of make_date in ${where}`,
      expr: {
        kind: 'expr',
        text,
        ast: { BoolExpr: { boolop: 'AND_EXPR', args: [bound('>=', 1), bound('<=', most)] } },
      },
      noInherit: false,
      notValid: false,
    });
  }
}

/** Every range-constructor call over the table's columns in `ast`, as a CHECK its bounds' order must meet. */
function boundOrders(
  ast: unknown,
  columns: ReadonlySet<string>,
  where: string,
  out: Map<string, CheckConstraint>,
): void {
  if (Array.isArray(ast)) {
    for (const item of ast) boundOrders(item, columns, where, out);
    return;
  }
  if (typeof ast !== 'object' || ast === null) return;
  const call = (ast as Node).FuncCall as { funcname?: unknown; args?: unknown[] } | undefined;
  const name = call ? lastName(call.funcname) : undefined;
  if (name === 'make_date') calendarFields(call?.args ?? [], columns, where, out);
  const args = call?.args ?? [];
  if (name !== undefined && CONSTRUCTORS.has(name) && args.length >= 2) {
    const lower = boundText(args[0], columns);
    const upper = boundText(args[1], columns);
    const readsColumn = args.slice(0, 2).some((a) => JSON.stringify(a).includes('"ColumnRef"'));
    if (lower !== undefined && upper !== undefined && readsColumn && lower !== 'NULL' && upper !== 'NULL') {
      const text = `${lower} <= ${upper}`;
      if (!out.has(text))
        out.set(text, {
          kind: 'check',
          name: `bounds of ${name}(${lower}, ${upper}) in ${where}`,
          expr: {
            kind: 'expr',
            text,
            ast: operatorNode('<=', args[0], args[1]),
          },
          noInherit: false,
          notValid: false,
        });
    }
  }
  for (const value of Object.values(ast)) boundOrders(value, columns, where, out);
}

/** Calls and operators that refuse some arguments with an error (see the header). */
const RAISING_CALLS = new Set(['sqrt', 'ln', 'log', 'make_date']);
const RAISING_OPERATORS = new Set(['/', '%']);

/** The nodes of `ast` that can raise an error (outermost first; those inside one are in it). */
function raisingNodes(ast: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(ast)) {
    for (const item of ast) raisingNodes(item, out);
    return out;
  }
  if (typeof ast !== 'object' || ast === null) return out;
  const node = ast as Node;
  const call = node.FuncCall as { funcname?: unknown } | undefined;
  const name = call ? lastName(call.funcname) : undefined;
  const op = node.A_Expr as { kind?: string; name?: unknown } | undefined;
  const opName = op?.kind === 'AEXPR_OP' ? lastName(op.name) : undefined;
  if (
    (name !== undefined && RAISING_CALLS.has(name)) ||
    (opName !== undefined && RAISING_OPERATORS.has(opName))
  )
    out.push(node);
  for (const value of Object.values(node)) raisingNodes(value, out);
  return out;
}

/** A CHECK computing `ast` on every row, true whatever its value (NULL or not), so a row it raises on is made again. */
function computeCheck(ast: unknown, text: string, where: string, out: Map<string, CheckConstraint>): void {
  const key = `computes ${text}`;
  if (out.has(key)) return;
  out.set(key, {
    kind: 'check',
    name: `${where} computed on every row`,
    expr: {
      kind: 'expr',
      text: `((${text}) IS NULL) IS NOT NULL`,
      ast: {
        NullTest: { arg: { NullTest: { arg: ast, nulltesttype: 'IS_NULL' } }, nulltesttype: 'IS_NOT_NULL' },
      },
    },
    noInherit: false,
    notValid: false,
  });
}

/**
 * The CHECKs that keep the rows off an error of `ast`: the whole expression computed where the evaluator
 * reads it (a guard such as `CASE WHEN n > 0 THEN x / n END` is honoured); else each part that can raise on
 * its own, a division whose dividend is not read as its divisor being non-zero. The parts that cannot raise
 * are never asked of a row, so one the evaluator cannot read costs no rows.
 */
function computedOnEveryRow(
  ast: unknown,
  text: string,
  where: string,
  out: Map<string, CheckConstraint>,
  overflows = false,
): void {
  if (overflows) {
    if (isEvaluable(ast)) computeCheck(ast, text, where, out);
    return;
  }
  const parts = raisingNodes(ast);
  if (parts.length === 0) return;
  if (isEvaluable(ast)) {
    computeCheck(ast, text, where, out);
    return;
  }
  for (const part of parts) {
    if (isEvaluable(part)) {
      computeCheck(part, deparseNode(part as PgNode), where, out);
      continue;
    }
    const divisor = (part.A_Expr as { rexpr?: unknown } | undefined)?.rexpr;
    if (divisor === undefined || !isEvaluable(divisor)) continue;
    const divisorText = deparseNode(divisor as PgNode);
    const key = `divides by ${divisorText}`;
    if (!out.has(key))
      out.set(key, {
        kind: 'check',
        name: `divisor of ${where}`,
        expr: {
          kind: 'expr',
          text: `(${divisorText}) <> 0`,
          ast: operatorNode('<>', divisor, integerNode(0)),
        },
        noInherit: false,
        notValid: false,
      });
  }
}

/** The table's columns of an integer type (domains followed), as the evaluator types them. */
function integerColumns(table: Table, lookup: TypeLookup): IntegerColumn {
  const types = new Map<string, IntegerType>();
  for (const c of table.columns) {
    const base = resolveDomains(c.type, lookup).base;
    const type = base.arrayDims === 0 ? integerTypeNamed(base.name) : undefined;
    if (type) types.set(c.name, type);
  }
  return (column) => types.get(column);
}

/**
 * Per table (by nameKey): the CHECKs its generated columns', indexes' and EXCLUDE constraints' expressions ask of
 * its rows, lest the load fail; from generator `version` 26 its sequences' steps too (sequence-steps.ts).
 */
export function loadErrorChecks(schema: Schema, version = 0): Map<string, CheckConstraint[]> {
  const found = new Map<string, Map<string, CheckConstraint>>();
  const tables = new Map(schema.tables.map((t) => [nameKey(t), t] as const));
  const lookup = createTypeLookup(schema);
  const scan = (table: Table, ast: unknown, text: string, where: string) => {
    const key = nameKey(table);
    const out = found.get(key) ?? new Map<string, CheckConstraint>();
    boundOrders(ast, new Set(table.columns.map((c) => c.name)), where, out);
    computedOnEveryRow(ast, text, where, out);
    for (const part of integerOverflowParts(ast, integerColumns(table, lookup)))
      computedOnEveryRow(part, deparseNode(part as PgNode), where, out, true);
    if (out.size > 0) found.set(key, out);
  };
  for (const table of tables.values()) {
    for (const c of table.columns)
      if (c.generated)
        scan(table, c.generated.ast, c.generated.text, `generated column ${quoteIdent(c.name)}`);
    for (const x of table.exclusions)
      x.elements.forEach((e, i) => {
        const where = `element ${i + 1} of EXCLUDE constraint ${quoteIdent(x.name)}`;
        if (e.expr) scan(table, e.expr.ast, e.expr.text, where);
      });
  }
  for (const s of schema.statements) {
    const index = (s.ast as { IndexStmt?: { idxname?: string; indexParams?: unknown[] } } | undefined)
      ?.IndexStmt;
    const on = s.tables[0];
    const table = index && on ? tables.get(nameKey(on)) : undefined;
    if (!table || !index) continue;
    (index.indexParams ?? []).forEach((param, i) => {
      const expr = (param as { IndexElem?: { expr?: unknown } }).IndexElem?.expr;
      const where = `expression ${i + 1} of index ${quoteIdent(index.idxname ?? s.tag)}`;
      if (expr !== undefined) scan(table, expr, deparseNode(expr as PgNode), where);
    });
  }
  const checks = new Map([...found].map(([key, checks]) => [key, [...checks.values()]]));
  return withSequenceSteps(checks, schema, lookup, version);
}

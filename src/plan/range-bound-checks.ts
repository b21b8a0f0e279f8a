/**
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
 */

import type { CheckConstraint, Schema, Table } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteIdent, quoteLiteral } from '../schema/quote.js';

type Node = Record<string, unknown>;

/** PostgreSQL's built-in range constructors (two or three arguments). */
const CONSTRUCTORS = new Set(['int4range', 'int8range', 'numrange', 'daterange', 'tsrange', 'tstzrange']);

const lastName = (names: unknown): string | undefined => {
  if (!Array.isArray(names) || names.length === 0) return undefined;
  return (names[names.length - 1] as { String?: { sval?: string } }).String?.sval;
};

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
            ast: {
              A_Expr: {
                kind: 'AEXPR_OP',
                name: [{ String: { sval: '<=' } }],
                lexpr: args[0],
                rexpr: args[1],
              },
            },
          },
          noInherit: false,
          notValid: false,
        });
    }
  }
  for (const value of Object.values(ast)) boundOrders(value, columns, where, out);
}

/** Per table (by nameKey): the CHECKs the range constructors of its generated columns, indexes and EXCLUDE constraints ask of its rows. */
export function rangeBoundChecks(schema: Schema): Map<string, CheckConstraint[]> {
  const found = new Map<string, Map<string, CheckConstraint>>();
  const tables = new Map(schema.tables.map((t) => [nameKey(t), t] as const));
  const scan = (table: Table, ast: unknown, where: string) => {
    const key = nameKey(table);
    const out = found.get(key) ?? new Map<string, CheckConstraint>();
    boundOrders(ast, new Set(table.columns.map((c) => c.name)), where, out);
    if (out.size > 0) found.set(key, out);
  };
  for (const table of tables.values()) {
    for (const c of table.columns)
      if (c.generated) scan(table, c.generated.ast, `generated column ${quoteIdent(c.name)}`);
    for (const x of table.exclusions) scan(table, x.elements, `EXCLUDE constraint ${quoteIdent(x.name)}`);
  }
  for (const s of schema.statements) {
    const index = (s.ast as { IndexStmt?: { idxname?: string; indexParams?: unknown } } | undefined)
      ?.IndexStmt;
    const on = s.tables[0];
    const table = index && on ? tables.get(nameKey(on)) : undefined;
    if (table && index) scan(table, index.indexParams, `index ${quoteIdent(index.idxname ?? s.tag)}`);
  }
  return new Map([...found].map(([key, checks]) => [key, [...checks.values()]]));
}

/**
 * The parse-tree readers key expressions are made of (key-expressions.ts):
 * a node's field, a name list's last name, column references, constants, and
 * the simple shapes injective in one column (`col + 1`, `-col`, `col::text`,
 * `'x' || col`).
 */

type Node = Record<string, unknown>;

const WIDENING_CASTS = new Set(['text', 'varchar', 'int8', 'bigint', 'numeric', 'citext']);

export function field(node: unknown, name: string): Node | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const value = (node as Node)[name];
  return typeof value === 'object' && value !== null ? (value as Node) : undefined;
}

export function lastName(list: unknown): string | undefined {
  if (!Array.isArray(list)) return undefined;
  const last = list[list.length - 1] as { String?: { sval?: string } } | undefined;
  return last?.String?.sval;
}

/** A column reference's column name (its last field), or undefined. */
export function columnRef(node: unknown): string | undefined {
  const ref = field(node, 'ColumnRef');
  return ref ? lastName(ref.fields) : undefined;
}

/** An integer constant's value, or undefined. */
export function intConst(node: unknown): number | undefined {
  const c = field(node, 'A_Const');
  const ival = field(c, 'ival');
  if (ival) return typeof ival.ival === 'number' ? ival.ival : 0;
  return undefined;
}

export function isConst(node: unknown): boolean {
  return field(node, 'A_Const') !== undefined;
}

/** The column an expression is injective in, if it is one of the simple injective shapes. */
export function injectiveColumn(node: unknown): string | undefined {
  const col = columnRef(node);
  if (col !== undefined) return col;
  const cast = field(node, 'TypeCast');
  if (cast) {
    const typeName = field(cast, 'typeName');
    const target = lastName(typeName?.names);
    const typmods = typeName?.typmods;
    if (target && WIDENING_CASTS.has(target) && !Array.isArray(typmods)) return injectiveColumn(cast.arg);
    return undefined;
  }
  const expr = field(node, 'A_Expr');
  if (expr && expr.kind === 'AEXPR_OP') {
    const op = lastName(expr.name);
    if (op === '-' && expr.lexpr === undefined) return injectiveColumn(expr.rexpr);
    if (op === '+' || op === '-' || op === '||') {
      if (isConst(expr.rexpr)) return injectiveColumn(expr.lexpr);
      if (isConst(expr.lexpr)) return injectiveColumn(expr.rexpr);
    }
    if (op === '*') {
      const right = intConst(expr.rexpr);
      const left = intConst(expr.lexpr);
      if (right !== undefined && right !== 0) return injectiveColumn(expr.lexpr);
      if (left !== undefined && left !== 0) return injectiveColumn(expr.rexpr);
    }
  }
  return undefined;
}

export function stringConst(node: unknown): string | undefined {
  const sval = field(field(node, 'A_Const'), 'sval');
  return typeof sval?.sval === 'string' ? sval.sval : undefined;
}

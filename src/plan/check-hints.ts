/**
 * CHECK constraints → generator bounds (design.md, principle 4: constraints
 * are planned, then proven). Compiles the common shapes of a CHECK (or a
 * domain's CHECK, where the value is `VALUE`) into per-column hints; anything
 * it cannot compile is returned so the planner can name it in a warning.
 */
import type { GeneratorHints } from '../generate/types/index.js';
import type { Expr } from '../schema/model.js';

export interface ColumnHints {
  /** Inclusive lower bound (number, or the literal text of a date/time/string constant). */
  min?: number | string;
  max?: number | string;
  /** `>` rather than `>=`. */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  /** A value list from `IN (...)` or `= ANY (ARRAY[...])`. */
  oneOf?: readonly string[];
  lowercase?: boolean;
  uppercase?: boolean;
  trimmed?: boolean;
  minLength?: number;
  maxLength?: number;
  notNull?: boolean;
}

/** The type generators' view of a column's bounds (value lists, ranges, lengths). */
export function generatorHints(hints: ColumnHints): GeneratorHints {
  return {
    ...(hints.min === undefined ? {} : { min: hints.min }),
    ...(hints.max === undefined ? {} : { max: hints.max }),
    ...(hints.minExclusive ? { minExclusive: true } : {}),
    ...(hints.maxExclusive ? { maxExclusive: true } : {}),
    ...(hints.oneOf ? { values: hints.oneOf } : {}),
    ...(hints.minLength === undefined ? {} : { minLength: hints.minLength }),
    ...(hints.maxLength === undefined ? {} : { maxLength: hints.maxLength }),
  };
}

export interface CompiledChecks {
  /** Hints by column name (for a domain: under the name `value`). */
  readonly hints: ReadonlyMap<string, ColumnHints>;
  /** The parts of the expression that were not understood (as SQL text). */
  readonly unsupported: readonly string[];
}

type Node = Record<string, unknown>;

function asNode(value: unknown): Node | undefined {
  return typeof value === 'object' && value !== null ? (value as Node) : undefined;
}

function child(node: unknown, key: string): Node | undefined {
  return asNode(asNode(node)?.[key]);
}

/** Strip casts: `(name)::text` → `name`. */
function unwrap(node: unknown): unknown {
  let current = node;
  for (;;) {
    const cast = child(current, 'TypeCast');
    if (!cast) return current;
    current = cast.arg;
  }
}

function columnName(node: unknown): string | undefined {
  const ref = child(unwrap(node), 'ColumnRef');
  const fields = ref?.fields;
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  const last = child(fields[fields.length - 1], 'String');
  return typeof last?.sval === 'string' ? last.sval : undefined;
}

/** A constant's value: a number for numeric literals, the string for string literals. */
function constant(node: unknown): number | string | undefined {
  const inner = unwrap(node);
  const c = child(inner, 'A_Const');
  if (!c) {
    // A negative number arrives as a unary minus expression.
    const e = child(inner, 'A_Expr');
    if (e && e.kind === 'AEXPR_OP' && opName(e) === '-' && e.lexpr === undefined) {
      const v = constant(e.rexpr);
      return typeof v === 'number' ? -v : undefined;
    }
    return undefined;
  }
  const ival = child(c, 'ival');
  if (ival) return typeof ival.ival === 'number' ? ival.ival : 0;
  const fval = child(c, 'fval');
  if (fval && typeof fval.fval === 'string') return Number(fval.fval);
  const sval = child(c, 'sval');
  if (sval) return typeof sval.sval === 'string' ? sval.sval : '';
  const boolval = child(c, 'boolval');
  if (boolval) return boolval.boolval === true ? 'true' : 'false';
  return undefined;
}

function opName(expr: Node): string | undefined {
  const name = expr.name;
  if (!Array.isArray(name)) return undefined;
  const last = child(name[name.length - 1], 'String');
  return typeof last?.sval === 'string' ? last.sval : undefined;
}

function funcCall(node: unknown): { name: string; args: unknown[] } | undefined {
  const call = child(unwrap(node), 'FuncCall');
  if (!call || !Array.isArray(call.funcname)) return undefined;
  const last = child(call.funcname[call.funcname.length - 1], 'String');
  if (typeof last?.sval !== 'string') return undefined;
  return { name: last.sval, args: Array.isArray(call.args) ? call.args : [] };
}

const FLIP: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '=': '=', '<>': '<>' };

/** Compile a list of CHECK expressions (all must hold: they are ANDed). */
export function compileChecks(exprs: readonly Expr[]): CompiledChecks {
  const hints = new Map<string, ColumnHints>();
  const unsupported: string[] = [];
  const hint = (column: string): ColumnHints => {
    let h = hints.get(column);
    if (!h) {
      h = {};
      hints.set(column, h);
    }
    return h;
  };
  const tighten = (column: string, op: string, value: number | string): boolean => {
    const h = hint(column);
    const exclusive = op === '>' || op === '<';
    switch (op) {
      case '>=':
      case '>': {
        const tighter =
          h.min === undefined ||
          typeof value !== 'number' ||
          typeof h.min !== 'number' ||
          value > h.min ||
          (value === h.min && exclusive);
        if (tighter) {
          h.min = value;
          if (exclusive) h.minExclusive = true;
          else delete h.minExclusive;
        }
        return true;
      }
      case '<=':
      case '<': {
        const tighter =
          h.max === undefined ||
          typeof value !== 'number' ||
          typeof h.max !== 'number' ||
          value < h.max ||
          (value === h.max && exclusive);
        if (tighter) {
          h.max = value;
          if (exclusive) h.maxExclusive = true;
          else delete h.maxExclusive;
        }
        return true;
      }
      case '=':
        h.oneOf = [String(value)];
        return true;
      default:
        return false;
    }
  };

  const visit = (node: unknown): boolean => {
    const bool = child(node, 'BoolExpr');
    if (bool) {
      if (bool.boolop !== 'AND_EXPR' || !Array.isArray(bool.args)) return false;
      let all = true;
      for (const arg of bool.args) if (!visit(arg)) all = false;
      return all;
    }
    const nullTest = child(node, 'NullTest');
    if (nullTest) {
      const col = columnName(nullTest.arg);
      if (col && nullTest.nulltesttype === 'IS_NOT_NULL') {
        hint(col).notNull = true;
        return true;
      }
      return false;
    }
    const expr = child(node, 'A_Expr');
    if (!expr) return false;
    const op = opName(expr);
    if (expr.kind === 'AEXPR_BETWEEN' || expr.kind === 'AEXPR_BETWEEN_SYM') {
      const col = columnName(expr.lexpr);
      const list = child(expr.rexpr, 'List')?.items;
      const bounds = Array.isArray(list) ? list.map(constant) : [];
      const [lo, hi] = bounds;
      if (!col || lo === undefined || hi === undefined) return false;
      tighten(col, '>=', lo);
      tighten(col, '<=', hi);
      return true;
    }
    if (expr.kind === 'AEXPR_IN' && op === '=') {
      const col = columnName(expr.lexpr);
      const list = child(expr.rexpr, 'List')?.items;
      const values = Array.isArray(list) ? list.map(constant) : [];
      if (!col || values.length === 0 || values.some((v) => v === undefined)) return false;
      hint(col).oneOf = values.map(String);
      return true;
    }
    if (expr.kind === 'AEXPR_OP_ANY' && op === '=') {
      const col = columnName(expr.lexpr);
      const array = child(unwrap(expr.rexpr), 'A_ArrayExpr')?.elements;
      const values = Array.isArray(array) ? array.map(constant) : [];
      if (!col || values.length === 0 || values.some((v) => v === undefined)) return false;
      hint(col).oneOf = values.map(String);
      return true;
    }
    if (expr.kind !== 'AEXPR_OP' || !op) return false;
    // column <op> constant, or constant <op> column
    const leftCol = columnName(expr.lexpr);
    const rightCol = columnName(expr.rexpr);
    const leftConst = constant(expr.lexpr);
    const rightConst = constant(expr.rexpr);
    if (leftCol && rightConst !== undefined) return tighten(leftCol, op, rightConst);
    if (rightCol && leftConst !== undefined) return tighten(rightCol, FLIP[op] ?? op, leftConst);
    // col = lower(col), lower(col) = col, and upper/btrim alike
    if (op === '=') {
      const call = funcCall(expr.rexpr) ?? funcCall(expr.lexpr);
      const plain = leftCol ?? rightCol;
      const arg = call?.args.length === 1 ? columnName(call.args[0]) : undefined;
      if (call && plain && arg === plain) {
        if (call.name === 'lower') hint(plain).lowercase = true;
        else if (call.name === 'upper') hint(plain).uppercase = true;
        else if (call.name === 'btrim' || call.name === 'trim') hint(plain).trimmed = true;
        else return false;
        return true;
      }
    }
    // length(col) <op> n
    const call = funcCall(expr.lexpr);
    if (call && rightConst !== undefined && typeof rightConst === 'number' && call.args.length === 1) {
      const col = columnName(call.args[0]);
      if (col && ['length', 'char_length', 'character_length', 'octet_length'].includes(call.name)) {
        const h = hint(col);
        if (op === '<=' || op === '<') h.maxLength = op === '<' ? rightConst - 1 : rightConst;
        else if (op === '>=' || op === '>') h.minLength = op === '>' ? rightConst + 1 : rightConst;
        else if (op === '=') {
          h.minLength = rightConst;
          h.maxLength = rightConst;
        } else return false;
        return true;
      }
    }
    return false;
  };

  for (const e of exprs) if (!visit(e.ast)) unsupported.push(e.text);
  return { hints, unsupported };
}

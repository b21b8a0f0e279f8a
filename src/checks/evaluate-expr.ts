/**
 * A small evaluator of PostgreSQL expressions over one row's values, for
 * CHECKs the compiler cannot turn into generator bounds: generate, evaluate,
 * try again (see generate/row-checks.ts). It follows SQL's three-valued
 * logic; a CHECK passes when it is true or NULL. An expression it does not
 * know (a user function, a subquery) fails at compile time with
 * `NotEvaluableError`, so the planner can name it before any row is made.
 */

import { compileArraySubquery } from './array-subquery.js';
import { SECONDS_PER_DAY } from './calendar.js';
import {
  compileBoolExpr,
  compileBooleanTest,
  compileCase,
  compileCoalesce,
  compileMinMax,
} from './conditional-exprs.js';
import { compileOperatorExpr } from './evaluate-operator-expr.js';
import {
  type Evaluate,
  type EvaluatorOptions,
  NotEvaluableError,
  SqlRuntimeError,
  UNREAD_CALL,
} from './evaluation.js';
import { asNode, castTarget, lastName, type Node, only } from './expression-nodes.js';
import { compileJsonFuncExpr, compileJsonIsPredicate } from './json-functions.js';
import { positionalArgs } from './make-interval.js';
import { rangeBoundFunction } from './range-functions.js';
import { recordField } from './record-fields.js';
import { rowNullTest } from './row-constructors.js';
import { BYTE_COUNTS, FUNCTIONS, textLength } from './sql-functions.js';
import { castValue, truth } from './sql-operators.js';
import { coerce, type SqlValue } from './sql-value.js';
import { ageOf } from './timestamp-age.js';
import { compileColumnRef, compileUserCast } from './typed-casts.js';

type Compile = (node: unknown) => Evaluate;
type NodeCompiler = (n: Node, rec: Compile, options: EvaluatorOptions) => Evaluate;

/**
 * Compile a libpg-query expression node into a function of the row. Throws
 * `NotEvaluableError` for what it does not know.
 */
export function compileExpression(ast: unknown, options: EvaluatorOptions): Evaluate {
  const rec: Compile = (node) => {
    const entry = only(node);
    if (!entry) throw new NotEvaluableError('unknown node');
    const compile = NODE_COMPILERS[entry[0]];
    if (!compile) throw new NotEvaluableError(NODE_NAMES[entry[0]] ?? entry[0]);
    return compile(entry[1], rec, options);
  };
  return rec(ast);
}

/**
 * Whether the evaluator reads the expression, so a CHECK made of it can be
 * computed on every row (one it cannot read, or whose constants already fail,
 * is left to PostgreSQL).
 */
export function isEvaluable(ast: unknown): boolean {
  try {
    compileExpression(ast, { now: 0 });
    return true;
  } catch (error) {
    if (error instanceof NotEvaluableError || error instanceof SqlRuntimeError) return false;
    throw error;
  }
}

/** What a node the evaluator does not know is, in a warning's words. */
const NODE_NAMES: Readonly<Record<string, string>> = {
  SubLink: 'a subquery',
  A_Indirection: 'a field or element of a value',
  RowExpr: 'a row constructor',
  XmlExpr: 'an XML function',
  ParamRef: 'a parameter',
};

/** A bit string constant as the parser keeps it (`b0101` for B'0101', `x1F` for X'1F') in bit's text form. */
function bitText(raw: string): string {
  const digits = raw.slice(1);
  if (raw[0] === 'b' && /^[01]*$/.test(digits)) return digits;
  if (raw[0] === 'x' && /^[0-9a-fA-F]*$/.test(digits))
    return [...digits].map((d) => Number.parseInt(d, 16).toString(2).padStart(4, '0')).join('');
  throw new NotEvaluableError(`bit string constant ${raw}`);
}

/** A constant: integer, numeric, string, boolean, bit string or NULL. */
function compileConst(n: Node): Evaluate {
  if (n.isnull === true) return () => null;
  const ival = asNode(n.ival);
  if (ival) {
    const v = typeof ival.ival === 'number' ? ival.ival : 0;
    return () => v;
  }
  const fval = asNode(n.fval);
  if (fval) {
    const v = coerce(String(fval.fval), 'number');
    return () => v;
  }
  const sval = asNode(n.sval);
  if (sval) {
    const v = typeof sval.sval === 'string' ? sval.sval : '';
    return () => v;
  }
  const bval = asNode(n.boolval);
  if (bval) {
    const v = bval.boolval === true;
    return () => v;
  }
  const bsval = asNode(n.bsval);
  if (bsval && typeof bsval.bsval === 'string') {
    const v = bitText(bsval.bsval);
    return () => v;
  }
  throw new NotEvaluableError('constant');
}

/** CURRENT_DATE, CURRENT_TIMESTAMP, LOCALTIMESTAMP, CURRENT_TIME: the reference time. */
function compileSqlValueFunction(n: Node, _rec: Compile, options: EvaluatorOptions): Evaluate {
  const op = String(n.op);
  const now = options.now;
  if (op === 'SVFOP_CURRENT_DATE') {
    return () => ({
      kind: 'time',
      type: 'date',
      seconds: Math.floor(now / SECONDS_PER_DAY) * SECONDS_PER_DAY,
    });
  }
  if (op.includes('LOCALTIMESTAMP')) return () => ({ kind: 'time', type: 'timestamp', seconds: now });
  if (op.includes('TIMESTAMP')) return () => ({ kind: 'time', type: 'timestamptz', seconds: now });
  if (op.includes('TIME')) return () => ({ kind: 'time', type: 'time', seconds: now % SECONDS_PER_DAY });
  throw new NotEvaluableError(op);
}

export { UNREAD_CALL } from './evaluation.js';

/** A function call: now() and its kin read the reference time; length() of a bytea counts bytes; the rest from sql-functions.ts. */
function compileFuncCall(n: Node, rec: Compile, options: EvaluatorOptions): Evaluate {
  const name = lastName(n.funcname);
  if (!name) throw new NotEvaluableError('function');
  if (n.agg_star === true || n.over !== undefined) throw new NotEvaluableError(name);
  const nodes: unknown[] = Array.isArray(n.args) ? n.args : [];
  const args = (positionalArgs(name, nodes) ?? nodes).map(rec);
  if (
    ['now', 'transaction_timestamp', 'statement_timestamp', 'clock_timestamp'].includes(name) &&
    args.length === 0
  ) {
    const now = options.now;
    return () => ({ kind: 'time', type: 'timestamptz', seconds: now });
  }
  // age(a) is age(current_date, a): the reference day's midnight (timestamp-age.ts).
  if (name === 'age') {
    const today = Math.floor(options.now / SECONDS_PER_DAY) * SECONDS_PER_DAY;
    return (env) =>
      ageOf(
        args.map((a) => a(env)),
        today,
      );
  }
  const column =
    Array.isArray(n.args) && n.args.length === 1 ? asNode(asNode(n.args[0])?.ColumnRef) : undefined;
  const columnName = column ? lastName(column.fields) : undefined;
  if (BYTE_COUNTS.has(name) && columnName !== undefined && options.bytea?.(columnName)) {
    const arg = args[0] as Evaluate;
    return (env) => {
      const v = arg(env);
      return typeof v === 'string' && v.startsWith('\\x')
        ? (v.length - 2) / 2
        : v === null
          ? null
          : textLength(v);
    };
  }
  // lower(r) / upper(r) of a range column are its bounds, not its text folded (range-functions.ts).
  const range = columnName !== undefined ? options.rangeColumn?.(columnName) : undefined;
  if ((name === 'lower' || name === 'upper') && range !== undefined) {
    const bound = rangeBoundFunction(name, range);
    const arg = args[0] as Evaluate;
    return (env) => bound([arg(env)]);
  }
  const fn = FUNCTIONS[name];
  if (!fn || n[UNREAD_CALL] === true) throw new NotEvaluableError(`function ${name}()`);
  return (env) => fn(args.map((a) => a(env)));
}

/**
 * `a[1]`, `m[1][2]`: an element of an array (lower bound 1, as datagen writes arrays; out of range or a NULL
 * array or index: NULL, as PostgreSQL reads it). Slices (`a[1:2]`) are not read. Undefined for other indirections.
 */
function compileSubscripts(n: Node, rec: Compile): Evaluate | undefined {
  const steps = (Array.isArray(n.indirection) ? n.indirection : []).map((p) => asNode(asNode(p)?.A_Indices));
  if (steps.length === 0 || !steps.every((x): x is Node => x !== undefined)) return undefined;
  if (steps.some((x) => x.is_slice === true || x.lidx !== undefined || x.uidx === undefined))
    return undefined;
  const arg = rec(n.arg);
  const indexes = steps.map((x) => rec(x.uidx));
  return (env) => {
    let value: SqlValue = arg(env);
    for (const index of indexes) {
      const i = index(env);
      if (value === null || i === null || typeof value !== 'object' || value.kind !== 'array') return null;
      const k = Number(i);
      value = Number.isInteger(k) && k >= 1 ? (value.items[k - 1] ?? null) : null;
    }
    return value;
  };
}

/** `(column).field`: a field of a composite column (a domain over a composite type's `(VALUE).field`); `a[1]`. */
function compileIndirection(n: Node, rec: Compile, options: EvaluatorOptions): Evaluate {
  const element = compileSubscripts(n, rec);
  if (element) return element;
  const ref = fieldPath(n);
  const [first, ...rest] = ref?.path ?? [];
  let field = ref && first !== undefined ? options.field?.(ref.column, first) : undefined;
  const fields = field ? [field] : [];
  for (const name of rest) {
    field = field?.sub?.(name);
    if (field) fields.push(field);
  }
  if (!ref || !field) throw new NotEvaluableError('a field or element of a value');
  const column = ref.column;
  return (env) => fields.reduce((value, f) => recordField(value, f), env(column));
}

/** `(column).a`, `((column).a).b`, `(column).a.b`: the column and the field names in order; undefined else. */
function fieldPath(n: Node): { column: string; path: string[] } | undefined {
  const names = (Array.isArray(n.indirection) ? n.indirection : []).map(
    (p) => asNode(asNode(p)?.String)?.sval,
  );
  if (names.length === 0 || !names.every((p): p is string => typeof p === 'string')) return undefined;
  const arg = asNode(n.arg);
  const ref = asNode(arg?.ColumnRef);
  const column = ref ? lastName(ref.fields) : undefined;
  if (column !== undefined) return { column, path: names };
  const inner = asNode(arg?.A_Indirection);
  const outer = inner ? fieldPath(inner) : undefined;
  return outer && { column: outer.column, path: [...outer.path, ...names] };
}

/**
 * Collations that order text by code point, as the evaluator compares text
 * (sql-value.ts): `x COLLATE "C"` reads as x. Any other collation orders
 * text as the server's ICU or libc does, which the evaluator does not.
 */
const CODE_POINT_COLLATIONS = new Set(['c', 'posix', 'ucs_basic', 'pg_c_utf8']);

function compileCollate(n: Node, rec: Compile): Evaluate {
  const names = Array.isArray(n.collname) ? n.collname : [];
  const last = asNode(asNode(names.at(-1))?.String)?.sval;
  if (typeof last !== 'string' || !CODE_POINT_COLLATIONS.has(last.toLowerCase()))
    throw new NotEvaluableError(`a COLLATE clause (${String(last)})`);
  return rec(n.arg);
}

/** The node kinds the evaluator compiles. */
const NODE_COMPILERS: Readonly<Record<string, NodeCompiler>> = {
  A_Const: compileConst,
  ColumnRef: (n, _rec, options) => {
    const column = compileColumnRef(n, options);
    if (!column) throw new NotEvaluableError('column reference');
    return column;
  },
  TypeCast: (n, rec, options) => {
    const target = castTarget(n.typeName);
    if (!target) throw new NotEvaluableError('cast');
    const arg = rec(n.arg);
    const user = compileUserCast(n, arg, options, rec);
    if (user) return user;
    return (env) => castValue(arg(env), target);
  },
  BoolExpr: compileBoolExpr,
  JsonIsPredicate: compileJsonIsPredicate,
  JsonFuncExpr: compileJsonFuncExpr,
  NullTest: (n, rec) => {
    // `ROW(a, b) IS [NOT] NULL`: a test of every field (row-constructors.ts).
    const fields = rowNullTest(n);
    if (fields !== undefined) return rec(fields);
    const arg = rec(n.arg);
    const isNull = n.nulltesttype === 'IS_NULL';
    return (env) => (arg(env) === null) === isNull;
  },
  BooleanTest: compileBooleanTest,
  CoalesceExpr: compileCoalesce,
  MinMaxExpr: compileMinMax,
  CaseExpr: compileCase,
  A_ArrayExpr: (n, rec) => {
    const items = Array.isArray(n.elements) ? n.elements.map(rec) : [];
    return (env) => ({ kind: 'array', items: items.map((i) => i(env)) });
  },
  A_Indirection: compileIndirection,
  SubLink: (n, rec) => compileArraySubquery(n, rec),
  CollateClause: compileCollate,
  SQLValueFunction: compileSqlValueFunction,
  FuncCall: compileFuncCall,
  A_Expr: compileOperatorExpr,
};

/** True when the CHECK's result lets a row in (true or NULL). */
export function checkPasses(result: SqlValue): boolean {
  return result === null || result === true || (typeof result === 'string' && truth(result) !== false);
}

/**
 * The special words date and time input reads (`CHECK (ts > 'now')`, `d >= 'today'`, `'tomorrow'::date`,
 * `'yesterday'`, `'epoch'`): PostgreSQL reads such a constant when it makes the table, so at load time the
 * bound is the load moment (its day for `today`). datagen's CHECK readers take the model's expression, where
 * each is written as what it means then (`now()`, `current_date`, `current_date + 1`, the epoch's timestamp),
 * so the rows meet it as they meet `ts > now()`; the DDL written keeps the words. `infinity` and `-infinity`
 * the readers already know.
 */
import { cloneNode } from './ast.js';
import { typedLiterals } from './literal-inputs.js';

const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

const CURRENT_DATE = { SQLValueFunction: { op: 'SVFOP_CURRENT_DATE', typmod: -1 } };

/** current_date plus `days` (a date, as `'tomorrow'::date` is one). */
function dayFromToday(days: number): object {
  return {
    A_Expr: {
      kind: 'AEXPR_OP',
      name: [{ String: { sval: days < 0 ? '-' : '+' } }],
      lexpr: CURRENT_DATE,
      rexpr: { A_Const: { ival: { ival: Math.abs(days) } } },
    },
  };
}

/** What each word means at load time, for a constant of `type`. */
function meaning(word: string, type: string): object | undefined {
  switch (word) {
    case 'now':
      return type === 'date'
        ? CURRENT_DATE
        : { FuncCall: { funcname: [{ String: { sval: 'now' } }], funcformat: 'COERCE_EXPLICIT_CALL' } };
    case 'today':
      return CURRENT_DATE;
    case 'tomorrow':
      return dayFromToday(1);
    case 'yesterday':
      return dayFromToday(-1);
    case 'epoch':
      return { A_Const: { sval: { sval: type === 'date' ? '1970-01-01' : '1970-01-01 00:00:00+00' } } };
    default:
      return undefined;
  }
}

/**
 * `expr` (a CHECK of a table, unchanged) with its date and time special words written as what they mean at
 * load time; `expr` itself when it has none. `columnType` and `userType` as typedLiterals takes them.
 */
export function timeWordsRead(
  expr: unknown,
  columnType: (ref: unknown) => string | undefined,
  userType: (name: string) => boolean,
): unknown {
  const found = (e: unknown) =>
    typedLiterals(e, columnType, userType).filter(
      (l) => TIME_TYPES.has(l.type) && meaning(l.text.trim().toLowerCase(), l.type) !== undefined,
    );
  if (found(expr).length === 0) return expr;
  const copy = cloneNode(expr);
  for (const literal of found(copy)) {
    const node = literal.node as Record<string, unknown> | undefined;
    const replacement = meaning(literal.text.trim().toLowerCase(), literal.type);
    if (node === undefined || replacement === undefined) continue;
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, cloneNode(replacement));
  }
  return copy;
}

/**
 * `make_interval(years, months, weeks, days, hours, mins, secs)` as
 * PostgreSQL builds it (months, days, and the time in seconds; each argument
 * 0 by default), its arguments by position or by name (`make_interval(mins
 * => duration)`: the parser's NamedArgExpr).
 */
import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import { asNode, child } from './expression-nodes.js';
import { coerce, type SqlValue } from './sql-value.js';

const NAMES = ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'];
const ZERO = { A_Const: { ival: { ival: 0 } } };

/**
 * A call's argument nodes by position: named ones (`mins => d`) put at their parameter's place, the rest 0;
 * undefined when none is named. A name make_interval does not have, or a call of another function with named
 * arguments, is not evaluable.
 */
export function positionalArgs(name: string, args: readonly unknown[]): unknown[] | undefined {
  if (!args.some((a) => child(a, 'NamedArgExpr'))) return undefined;
  if (name !== 'make_interval') throw new NotEvaluableError(`${name}() with named arguments`);
  const out: unknown[] = [];
  for (const [i, a] of args.entries()) {
    const named = child(a, 'NamedArgExpr');
    const at = named ? NAMES.indexOf(String(named.name)) : i;
    if (at < 0) throw new NotEvaluableError(`make_interval(${String(named?.name)} => ...)`);
    out[at] = named ? named.arg : a;
  }
  return Array.from({ length: NAMES.length }, (_, i) => (asNode(out[i]) ? out[i] : ZERO));
}

function integerArg(v: SqlValue): number {
  const n = typeof v === 'number' ? v : coerce(v, 'number');
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new NotEvaluableError('make_interval argument');
  return n;
}

/** make_interval's value: NULL for a NULL argument (it is strict). */
export function makeInterval(args: SqlValue[]): SqlValue {
  if (args.some((a) => a === null)) return null;
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, mins = 0] = args.slice(0, 6).map(integerArg);
  const secs = args[6] === undefined ? 0 : coerce(args[6], 'number');
  if (typeof secs !== 'number' || !Number.isFinite(secs)) throw new NotEvaluableError('make_interval secs');
  const totalMonths = years * 12 + months;
  const totalDays = weeks * 7 + days;
  if (Math.abs(totalMonths) > 2 ** 31 - 1 || Math.abs(totalDays) > 2 ** 31 - 1)
    throw new SqlRuntimeError('interval out of range');
  return { kind: 'interval', months: totalMonths, days: totalDays, seconds: hours * 3600 + mins * 60 + secs };
}

/**
 * Version 23: CHECKs that fix a date, timestamp or time column to a lattice
 * of its values ("projections"): `date_trunc('month', d) = d` (firsts of
 * months), `d = date_trunc('day', d)` (midnights), `extract(dow from d) = 1`
 * (Mondays), `extract(minute from t) = 0` (whole hours). Random values
 * almost never meet them; a value is moved onto the lattice instead (the
 * row is still evaluated: a bound the move crosses fails the attempt). Not a
 * timestamptz: its fields depend on the loading session's TimeZone.
 */
import {
  daysFromCivil,
  daysInMonth,
  formatDate,
  formatTimeOfDay,
  formatTimestamp,
  parseTimestampText,
  parseTimeText,
  SECONDS_PER_DAY,
} from './calendar.js';
import { equationSides } from './equations.js';
import { child, funcCall, lastName, unwrap } from './expression-nodes.js';
import { truncateTime } from './time-fields.js';
import { castsToDate, ZONE_DATES_FROM, ZONE_SAFE_HOUR } from './zone-dates.js';

const TRUNCATED = new Set(['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second']);
const FIELDS = new Set(['dow', 'isodow', 'month', 'day', 'hour', 'minute', 'second']);
const TIME_FIELDS = new Set(['hour', 'minute', 'second']);

/** The generator version from which such a column's values are moved onto their lattice. */
export const LATTICE_FROM = 23;

/** One projection a CHECK asks of the column. */
export type LatticeStep =
  | { readonly kind: 'truncate'; readonly unit: string }
  | {
      readonly kind: 'field';
      readonly field: string;
      readonly value: number;
      /** An IN list's values (version 25): the value is one of them, picked by the value's period count. */
      readonly values?: readonly number[];
      /** Version 26: a timestamptz read as a date (zone-dates.ts): its hour where the zones agree on the date. */
      readonly zone?: true;
    };

/** The column a side names through casts, or undefined. */
function columnOf(node: unknown): string | undefined {
  const ref = child(unwrap(node), 'ColumnRef');
  return ref ? lastName(ref.fields) : undefined;
}

function constantText(node: unknown): string | undefined {
  const s = child(child(unwrap(node), 'A_Const'), 'sval')?.sval;
  return typeof s === 'string' ? s.toLowerCase() : undefined;
}

function constantInteger(node: unknown): number | undefined {
  const c = child(unwrap(node), 'A_Const');
  const ival = child(c, 'ival');
  return ival ? Number(ival.ival ?? 0) : undefined;
}

/** `f('unit', column)`: the unit, when the call is `name` over the column. */
function unitCall(node: unknown, names: readonly string[], column: string): string | undefined {
  const call = funcCall(node);
  if (!call || !names.includes(call.name) || call.args.length !== 2) return undefined;
  return columnOf(call.args[1]) === column ? constantText(call.args[0]) : undefined;
}

/** The version from which `extract(minute from t) IN (0, 15, 30, 45)` is a lattice too (one of its values). */
export const LATTICE_LISTS_FROM = 25;

/** `extract(field from column) IN (integers)` / `= ANY (ARRAY[integers])`: a field step with its values. */
function listStepOf(ast: unknown, column: string): LatticeStep | undefined {
  const expr = child(ast, 'A_Expr');
  if (lastName(expr?.name) !== '=' || (expr?.kind !== 'AEXPR_IN' && expr?.kind !== 'AEXPR_OP_ANY'))
    return undefined;
  const field = unitCall(expr.lexpr, ['extract', 'date_part'], column);
  const items = child(expr.rexpr, 'List')?.items ?? child(unwrap(expr.rexpr), 'A_ArrayExpr')?.elements;
  if (field === undefined || !FIELDS.has(field) || !Array.isArray(items) || items.length === 0)
    return undefined;
  const values = items.map(constantInteger);
  if (values.some((v) => v === undefined)) return undefined;
  return { kind: 'field', field, value: values[0] as number, values: values as number[] };
}

/** The step one conjunct asks of `column`, or undefined when it is no projection of it. */
function stepOf(ast: unknown, column: string, version: number): LatticeStep | undefined {
  if (version >= ZONE_DATES_FROM && castsToDate(ast, column))
    return { kind: 'field', field: 'hour', value: ZONE_SAFE_HOUR, zone: true };
  if (version >= LATTICE_LISTS_FROM) {
    const listed = listStepOf(ast, column);
    if (listed) return listed;
  }
  const sides = equationSides(ast);
  if (!sides) return undefined;
  for (const [a, b] of [sides, [sides[1], sides[0]]] as const) {
    const unit = unitCall(a, ['date_trunc'], column);
    if (unit !== undefined && TRUNCATED.has(unit) && columnOf(b) === column)
      return { kind: 'truncate', unit };
    const field = unitCall(a, ['extract', 'date_part'], column);
    const value = constantInteger(b);
    if (field !== undefined && FIELDS.has(field) && value !== undefined)
      return { kind: 'field', field, value };
  }
  return undefined;
}

/** The steps the conjuncts ask of `column`, in order. */
export function latticeSteps(asts: readonly unknown[], column: string, version: number): LatticeStep[] {
  return asts.flatMap((ast) => {
    const s = stepOf(ast, column, version);
    return s ? [s] : [];
  });
}

/** Whole seconds of a day-time moved onto a field's value (a field the value cannot take: unchanged). */
function withField(seconds: number, field: string, value: number): number {
  const day = Math.floor(seconds / SECONDS_PER_DAY);
  const within = seconds - day * SECONDS_PER_DAY;
  const [h, m, s] = [Math.floor(within / 3600), Math.floor((within % 3600) / 60), within % 60];
  const at = (hh: number, mm: number, ss: number) => day * SECONDS_PER_DAY + hh * 3600 + mm * 60 + ss;
  switch (field) {
    case 'hour':
      return value >= 0 && value < 24 ? at(value, m, s) : seconds;
    case 'minute':
      return value >= 0 && value < 60 ? at(h, value, s) : seconds;
    case 'second':
      return value >= 0 && value < 60 ? at(h, m, value) : seconds;
    case 'dow':
    case 'isodow': {
      const target = field === 'isodow' ? value % 7 : value;
      if (target < 0 || target > 6 || (field === 'isodow' && value < 1)) return seconds;
      // 1970-01-01 was a Thursday (dow 4); the nearest day of that weekday.
      let delta = (((target - ((day + 4) % 7)) % 7) + 7) % 7;
      if (delta > 3) delta -= 7;
      return seconds + delta * SECONDS_PER_DAY;
    }
    default: {
      const date = new Date(day * SECONDS_PER_DAY * 1000);
      const [y, mo, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
      if (field === 'day' && value >= 1 && value <= daysInMonth(y, mo))
        return daysFromCivil(y, mo, value) * SECONDS_PER_DAY + within;
      if (field === 'month' && value >= 1 && value <= 12)
        return daysFromCivil(y, value, Math.min(d, daysInMonth(y, value))) * SECONDS_PER_DAY + within;
      return seconds;
    }
  }
}

const DAY = SECONDS_PER_DAY;
/** About one period of a step's lattice: a move by it reaches the next lattice point. */
const PERIODS: Readonly<Record<string, number>> = {
  year: 366 * DAY,
  quarter: 92 * DAY,
  month: 31 * DAY,
  week: 7 * DAY,
  day: DAY,
  hour: 3600,
  minute: 60,
  second: 1,
  dow: 7 * DAY,
  isodow: 7 * DAY,
};

function periodOf(step: LatticeStep): number {
  if (step.kind === 'truncate') return PERIODS[step.unit] ?? DAY;
  if (step.zone) return DAY;
  return PERIODS[step.field] ?? (step.field === 'month' ? 366 * DAY : 31 * DAY);
}

/** A field step's value: its one value, or one of its list's, picked by how many periods of the field lie before the moment. */
function listed(step: Extract<LatticeStep, { kind: 'field' }>, seconds: number): number {
  const values = step.values;
  if (values === undefined) return step.value;
  const span =
    step.field === 'second' ? 1 : step.field === 'minute' ? 60 : step.field === 'hour' ? 3600 : DAY;
  const k = Math.floor(seconds / span);
  return values[((k % values.length) + values.length) % values.length] as number;
}

/**
 * The value moved onto the steps' lattice, for a date, timestamp or time
 * column (whole seconds); undefined for another type or no steps. The
 * nearest lattice point at or below it, else the ones a period either side,
 * that `within` (the column's compiled bounds, which are not evaluated per
 * row) accepts; none: the value kept, for the row's evaluation to judge. A
 * text it cannot read (`infinity`) is kept.
 */
export function latticeSnap(
  typeName: string,
  allSteps: readonly LatticeStep[],
  within: (text: string) => boolean,
): ((text: string | null) => string | null) | undefined {
  const time = typeName === 'time';
  // A timestamptz takes only the zone steps; the other types never do.
  const zoned = typeName === 'timestamptz';
  const steps = allSteps.filter((s) => (s.kind === 'field' && s.zone === true) === zoned);
  if (steps.length === 0 || !(time || zoned || typeName === 'date' || typeName === 'timestamp'))
    return undefined;
  if (time && steps.some((s) => (s.kind === 'field' ? !TIME_FIELDS.has(s.field) : !TIME_FIELDS.has(s.unit))))
    return undefined;
  const format =
    typeName === 'date'
      ? (s: number) => formatDate(Math.floor(s / SECONDS_PER_DAY))
      : time
        ? (s: number) => formatTimeOfDay(((s % DAY) + DAY) % DAY)
        : zoned
          ? (s: number) => `${formatTimestamp(s)}+00`
          : formatTimestamp;
  const period = periodOf(steps[steps.length - 1] as LatticeStep);
  const snapped = (start: number) => {
    let seconds = start;
    for (const step of steps)
      seconds =
        step.kind === 'truncate'
          ? truncateTime(step.unit, seconds)
          : withField(seconds, step.field, listed(step, seconds));
    return format(seconds);
  };
  return (text) => {
    if (text === null) return text;
    const read = time ? parseTimeText(text) : parseTimestampText(text)?.seconds;
    if (read === undefined || !Number.isFinite(read)) return text;
    const seconds = Math.floor(read);
    for (const k of [0, 1, -1, 2, -2]) {
      const v = snapped(seconds + k * period);
      if (within(v)) return v;
    }
    return text;
  };
}

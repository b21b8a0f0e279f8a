/**
 * Version 5: moments kept as integers since the Unix epoch (Auth.js'
 * `expires_at integer`, a JWT's `iat`/`exp`, `created integer`,
 * `sent_at bigint`, `created_at_ms bigint`): the time kinds' values
 * (created, after the creation, a deadline) written as epoch seconds, or
 * milliseconds where the name says `ms` in a bigint, so time-values.ts'
 * generators and their row order serve them unchanged.
 */
import { daysFromCivil, SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { ColumnHints } from '../../checks/check-hints.js';
import type { TypeRef } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticKind } from './semantic-kind.js';

const MILLIS = new Set(['ms', 'millis', 'milliseconds', 'msec']);
/** Bare names of a moment (JWT claims, Unix times). */
const CREATED_MOMENTS = new Set([
  'created',
  'iat',
  'issued',
  'inserted',
  'ts',
  'timestamp',
  'epoch',
  'unix',
  'unixtime',
]);
const UPDATED_MOMENTS = new Set(['updated', 'modified', 'changed', 'mtime']);
const DEADLINES = new Set(['expires', 'exp', 'expiry', 'expiration', 'expire']);
const INTEGER_TYPES = new Set(['int4', 'int8']);

/** Whether a bigint's name counts milliseconds (`created_at_ms`, `timestamp_ms`). */
export function isEpochMillis(tokens: readonly string[], base: TypeRef): boolean {
  return base.name === 'int8' && MILLIS.has(tokens[tokens.length - 1] ?? '');
}

/**
 * The time kind of an integer column that holds a moment since the epoch,
 * by name (`expires_at`, `iat`, `exp`, `created`, `ts`, `sent_at_ms`), or
 * null. `*_at` is an event after the creation but for creations and starts;
 * `_ms` only in a bigint (an int4 cannot hold milliseconds since 1970).
 */
export function epochKindFromName(
  name: string,
  base: TypeRef,
  kindOfTime: (name: string) => SemanticKind | null,
): SemanticKind | null {
  if (!INTEGER_TYPES.has(base.name)) return null;
  let t = nameTokens(name);
  if (MILLIS.has(t[t.length - 1] ?? '')) {
    if (base.name !== 'int8' || t.length < 2) return null;
    t = t.slice(0, -1);
  }
  const last = t[t.length - 1] ?? '';
  const first = t[0] ?? '';
  if (t.length === 1) {
    if (DEADLINES.has(last)) return 'due_at';
    if (CREATED_MOMENTS.has(last)) return 'created_at';
    if (UPDATED_MOMENTS.has(last)) return 'updated_at';
    return null;
  }
  if (last !== 'at' && last !== 'ts' && last !== 'timestamp' && last !== 'epoch') return null;
  if (t.some((w) => DEADLINES.has(w))) return 'due_at';
  if (CREATED_MOMENTS.has(first) && t.length === 2) return 'created_at';
  // The name as a time column would read it (`started_at` a start, `last_login_at` after the creation).
  const kind = kindOfTime(t.join('_'));
  return kind === 'created_at' || kind === 'due_at' ? kind : 'updated_at';
}

/** Seconds since the epoch as the integer column writes them: seconds, or milliseconds (a fraction of the second kept). */
export function createEpochWriter(millis: boolean): (seconds: number) => string {
  if (!millis) return (seconds) => String(Math.floor(seconds));
  return (seconds) => String(Math.floor(seconds) * 1000 + ((Math.floor(seconds) * 7919) % 1000));
}

/** Seconds since the epoch of an integer moment's text (10 digits: seconds, 13: milliseconds), or undefined. */
export function readEpochSeconds(text: string): number | undefined {
  if (text.length !== 10 && text.length !== 13) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const n = Number(text);
  return text.length === 13 ? Math.floor(n / 1000) : n;
}

/**
 * Version 5: a unique moment kept as an integer (`created integer UNIQUE`, `expires_at bigint UNIQUE`):
 * every second of [firstSecond, endSecond) as the column writes it (milliseconds in a bigint `*_ms`), unique
 * by construction (distinct seconds give distinct texts). The key's driver spreads its keyed permutation
 * of the rows over the window (plan/key-capacity.ts leaves such a key unordered), and the unique
 * generator's fixed bijection of the window (values/column-generators.ts) makes them any second of it.
 */
export function epochUnique(
  firstSecond: number,
  endSecond: number,
  millis: boolean,
): { readonly space: number; value(k: number): string } {
  const write = createEpochWriter(millis);
  return { space: Math.max(0, endSecond - firstSecond), value: (k) => write(firstSecond + k) };
}

/** The seconds a moment kept as an integer takes: the creations' five years to a deadline a year after the reference date. */
const EPOCH_FIRST = daysFromCivil(2021, 1, 1) * SECONDS_PER_DAY;
const EPOCH_END = (daysFromCivil(2026, 1, 1) + 367) * SECONDS_PER_DAY;

/**
 * Version 6: whether a moment kept as an integer stays one under its CHECK's
 * numeric bounds (`ts > 0`, `ts BETWEEN 1 AND 2000000000`): the bounds hold
 * every value of its window (milliseconds in a bigint `*_ms`), and no other
 * CHECK shape is on it. Version 5 gave such a column 1, 2, 3 (unique) or
 * any value of the bounds.
 */
export function epochWithinBounds(name: string, base: TypeRef, hints: ColumnHints): boolean {
  if (!INTEGER_TYPES.has(base.name) || (hints.min === undefined && hints.max === undefined)) return false;
  const { min, max, minExclusive: _a, maxExclusive: _b, notNull: _c, ...rest } = hints;
  if (Object.values(rest).some((v) => v !== undefined)) return false;
  const scale = isEpochMillis(nameTokens(name), base) ? 1000 : 1;
  const low = typeof min === 'number' ? min : min === undefined ? Number.NEGATIVE_INFINITY : Number.NaN;
  const high = typeof max === 'number' ? max : max === undefined ? Number.POSITIVE_INFINITY : Number.NaN;
  return low < EPOCH_FIRST * scale && high > EPOCH_END * scale;
}

/**
 * What PostgreSQL's sequence parameters must satisfy (sequence.c's
 * init_params), for CREATE SEQUENCE, an identity column's sequence and ALTER
 * SEQUENCE: INCREMENT not zero, CACHE above zero, AS smallint, integer or
 * bigint, MINVALUE and MAXVALUE in the type's range and MINVALUE below
 * MAXVALUE, START (and RESTART's value) between them. The server refuses the
 * statement otherwise; datagen wrote it back and the output stopped loading
 * there. An ALTER starts from the values the sequence holds (a bound left out
 * at CREATE was fixed then, by the increment's sign; one at its type's limit
 * follows an `AS` change, as the server does).
 */
import type { Node } from 'libpg-query';
import { bigintOf } from './ast.js';
import { catalogType } from './undefined-types.js';

interface Bounds {
  readonly type: string;
  readonly increment: bigint;
  readonly min: bigint;
  readonly max: bigint;
  readonly start: bigint;
}

const LIMITS: Readonly<Record<string, readonly [bigint, bigint, string]>> = {
  int2: [-32768n, 32767n, 'smallint'],
  int4: [-2147483648n, 2147483647n, 'integer'],
  int8: [-9223372036854775808n, 9223372036854775807n, 'bigint'],
};

/** Each sequence's parameters as the server holds them, once read from its CREATE. */
const held = new WeakMap<object, Bounds>();

/**
 * The server's refusal of `options` applied to `sequence` (its CREATE when `init`, else an ALTER), or undefined; the parameters it leaves are noted for a later ALTER. `type` is the sequence's type
 * before the options (`int8` for CREATE SEQUENCE, the column's for an identity).
 */
export function refusedSequenceOptions(
  sequence: object,
  type: string,
  options: readonly Node[],
  init: boolean,
): string | undefined {
  const before = held.get(sequence);
  // An ALTER of a sequence whose CREATE this did not read (or read only in part): its parameters are unknown.
  if (!init && before === undefined) return undefined;
  const given = new Map<string, Node | undefined>();
  for (const o of options) if ('DefElem' in o) given.set(o.DefElem.defname ?? '', o.DefElem.arg);
  const has = (name: string) => given.has(name);
  const value = (name: string) => bigintOf(given.get(name));
  const asType = given.get('as');
  const typeName =
    asType !== undefined && 'TypeName' in asType
      ? ((asType.TypeName.names ?? []).flatMap((n) => ('String' in n ? [n.String.sval ?? ''] : [])).at(-1) ??
        '')
      : (before?.type ?? type);
  const limits = LIMITS[typeName];
  // A type PostgreSQL does not have (`AS nosuch`) is undefined-types.ts' problem: the server names that first.
  if (limits === undefined)
    return has('as') && catalogType(typeName)
      ? 'sequence type must be smallint, integer, or bigint'
      : undefined;
  const [typMin, typMax, typeShown] = limits;
  const increment = has('increment') ? (value('increment') ?? 1n) : (before?.increment ?? 1n);
  if (increment === 0n) return 'INCREMENT must not be zero';
  if (has('cache') && (value('cache') ?? 1n) <= 0n)
    return `CACHE (${value('cache')}) must be greater than zero`;
  const oldLimits = before === undefined ? undefined : LIMITS[before.type];
  const resetMax = before === undefined || (has('as') && before.max === oldLimits?.[1]);
  const resetMin = before === undefined || (has('as') && before.min === oldLimits?.[0]);
  const bound = (name: string, reset: boolean, old: bigint | undefined, fallback: bigint): bigint =>
    has(name) ? (value(name) ?? fallback) : reset || old === undefined ? fallback : old;
  const max = bound('maxvalue', resetMax, before?.max, increment > 0n ? typMax : -1n);
  const min = bound('minvalue', resetMin, before?.min, increment > 0n ? 1n : typMin);
  if (max < typMin || max > typMax)
    return `MAXVALUE (${max}) is out of range for sequence data type ${typeShown}`;
  if (min < typMin || min > typMax)
    return `MINVALUE (${min}) is out of range for sequence data type ${typeShown}`;
  if (min >= max) return `MINVALUE (${min}) must be less than MAXVALUE (${max})`;
  const start = has('start') ? (value('start') ?? min) : (before?.start ?? (increment > 0n ? min : max));
  if (start < min) return `START value (${start}) cannot be less than MINVALUE (${min})`;
  if (start > max) return `START value (${start}) cannot be greater than MAXVALUE (${max})`;
  const restart = value('restart');
  if (restart !== null && restart < min)
    return `RESTART value (${restart}) cannot be less than MINVALUE (${min})`;
  if (restart !== null && restart > max)
    return `RESTART value (${restart}) cannot be greater than MAXVALUE (${max})`;
  held.set(sequence, { type: typeName, increment, min, max, start });
  return undefined;
}

/**
 * Which overload of a one-expression function a CHECK's call runs (`valid(n)` with `valid(integer)` and
 * `valid(text)` defined), resolved by the types of the call's arguments as PostgreSQL's overload resolution
 * does in the simple cases: an exact match of every argument's type, else the overloads every argument
 * reaches by an implicit cast (a string constant reaches any), narrowed by the most exact matches and then by
 * the most preferred types where a cast is needed (text, double precision, timestamptz). Anything else
 * (an argument of a type not known here, two overloads left) is ambiguous: the call is not inlined, as before.
 */
import type { InlineBody } from './inline-functions.js';

/** The type of a call's argument as format_type prints it (`integer`, `unknown` for a string constant); undefined when not known. */
export type ArgumentType = (node: unknown) => string | undefined;

/** Implicit casts between built-in types (pg_cast's castcontext 'i'), by format_type names. */
const IMPLICIT: Readonly<Record<string, readonly string[]>> = {
  smallint: ['integer', 'bigint', 'numeric', 'real', 'double precision'],
  integer: ['bigint', 'numeric', 'real', 'double precision'],
  bigint: ['numeric', 'real', 'double precision'],
  numeric: ['real', 'double precision'],
  real: ['double precision'],
  text: ['character varying', 'character'],
  'character varying': ['text', 'character'],
  character: ['text', 'character varying'],
  date: ['timestamp without time zone', 'timestamp with time zone'],
  'timestamp without time zone': ['timestamp with time zone'],
};

const PREFERRED = new Set(['text', 'double precision', 'timestamp with time zone', 'boolean']);

/** The key an overload is recorded under: `name/arity(type, type)`. */
export function overloadKey(name: string, arity: number, signature: string): string {
  return `${name}/${arity}${signature}`;
}

/** `(integer, character varying)` → its types. */
function signatureTypes(signature: string): string[] {
  const inner = signature.slice(1, -1).trim();
  return inner === '' ? [] : inner.split(/,\s*(?![^(]*\))/);
}

const reaches = (arg: string, param: string) =>
  arg === param || arg === 'unknown' || (IMPLICIT[arg]?.includes(param) ?? false);

/** The candidates with the highest score; one left, or none. */
function best<T>(candidates: readonly T[], score: (c: T) => number): T[] {
  const top = Math.max(...candidates.map(score));
  return candidates.filter((c) => score(c) === top);
}

/**
 * The body of the overload of `name` that a call with these arguments runs, from the overloads recorded
 * under `name/arity(types)` (null: one whose body is not one expression, which may be the one called); undefined
 * when none or several fit, or the one that fits is not one expression.
 */
export function resolveOverload(
  typed: ReadonlyMap<string, InlineBody | null>,
  name: string,
  args: readonly unknown[],
  typeOf: ArgumentType,
): InlineBody | undefined {
  const prefix = `${name}/${args.length}(`;
  const candidates = [...typed]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, body]) => ({ types: signatureTypes(key.slice(prefix.length - 1)), body }))
    .filter((c) => c.types.length === args.length && c.body?.variadic !== true);
  const argTypes = args.map(typeOf);
  if (candidates.length === 0 || argTypes.some((t) => t === undefined)) return undefined;
  const types = argTypes as string[];
  const exact = candidates.filter((c) => c.types.every((t, i) => t === types[i]));
  let left =
    exact.length > 0 ? exact : candidates.filter((c) => c.types.every((t, i) => reaches(types[i] ?? '', t)));
  if (left.length > 1) left = best(left, (c) => c.types.filter((t, i) => t === types[i]).length);
  if (left.length > 1)
    left = best(left, (c) => c.types.filter((t, i) => t !== types[i] && PREFERRED.has(t)).length);
  return left.length === 1 ? (left[0]?.body ?? undefined) : undefined;
}

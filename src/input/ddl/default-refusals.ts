/**
 * What PostgreSQL refuses in any DEFAULT (a column's, `SET DEFAULT`'s, a
 * domain's) whatever the names mean: a column reference (`DEFAULT été`,
 * `DEFAULT n + 1`: "cannot use column reference in DEFAULT expression") and a
 * subquery ("cannot use subquery in DEFAULT expression"). The server refuses
 * the statement before it looks the name up, so datagen, which writes the
 * statement back, would write output that stops loading there.
 */
import type { SourceLocation } from '../../errors.js';
import { quoteIdent } from '../../schema/quote.js';
import type { DdlContext } from './ddl-context.js';

/** The first column reference or subquery in a DEFAULT, in the order PostgreSQL reads it. */
interface Refused {
  readonly kind: 'column' | 'subquery';
  /** The reference's names (`['été']`, `['t', 'c']`); none for a subquery. */
  readonly names: readonly string[];
  readonly offset: number | undefined;
}

function firstRefused(node: unknown): Refused | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = firstRefused(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const record = node as Record<string, unknown>;
  const ref = record.ColumnRef as { fields?: unknown[]; location?: number } | undefined;
  if (ref !== undefined) {
    const names = (ref.fields ?? []).map((f) => (f as { String?: { sval?: string } }).String?.sval ?? '*');
    return { kind: 'column', names, offset: ref.location };
  }
  const sub = record.SubLink as { location?: number } | undefined;
  if (sub !== undefined) return { kind: 'subquery', names: [], offset: sub.location };
  for (const key in record) {
    const found = firstRefused(record[key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A located problem when the DEFAULT `expr` (which `what` names: `DEFAULT of column public.t.c`) reads a
 * column or runs a subquery, as PostgreSQL refuses the statement. Returns whether it did.
 */
export function reportRefusedDefaultReads(
  ctx: Pick<DdlContext, 'builder'>,
  what: string,
  expr: unknown,
  at: (offset: number | undefined) => SourceLocation,
): boolean {
  const found = firstRefused(expr);
  if (found === undefined) return false;
  const [only] = found.names;
  const text = found.names.map((n) => (n === '*' ? n : quoteIdent(n))).join('.');
  const quoted =
    found.names.length === 1 && only !== undefined
      ? ` ('${only.replaceAll("'", "''")}' if that text was meant)`
      : '';
  const message =
    found.kind === 'column'
      ? `${what}: ${text} is a column reference, which PostgreSQL refuses in a DEFAULT (cannot use column reference in DEFAULT expression), so it refuses the statement; write a constant${quoted} or a function call, or compute the value from other columns with a generated column or a trigger`
      : `${what}: it holds a subquery, which PostgreSQL refuses in a DEFAULT (cannot use subquery in DEFAULT expression), so it refuses the statement; write a constant or a function call (a function may run the query)`;
  ctx.builder.problems.push({ location: at(found.offset), message });
  return true;
}

/**
 * A partition whose bound overlaps a sibling's (`FROM (5) TO (20)` beside
 * `FROM (0) TO (10)`, a LIST value two partitions name, the same hash
 * remainder) or a second DEFAULT partition: PostgreSQL refuses the CREATE
 * TABLE ... PARTITION OF or ATTACH PARTITION (`partition "t2" would overlap
 * partition "t1"`); datagen wrote the DDL back and the load stopped there.
 * Judged where the bounds are constants it can compare (numbers; ISO dates
 * and timestamps without a zone; any constant for LIST equality), on a
 * parent none of whose partitions was detached.
 */
import type { Node, PartitionBoundSpec } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import type { DdlContext } from './ddl-context.js';

/** A bound constant: a number, a comparable date/time text, ±infinity (MINVALUE/MAXVALUE), or text (LIST). */
type Datum = { readonly order: number | string; readonly text: string } | 'null' | undefined;

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?)?$/;

/** A bound's constant; a date/time text compares as the key's type reads it (`date`: the day alone), else not. */
function datum(node: Node | undefined, keyType?: string): Datum {
  let current: unknown = node;
  while (current !== undefined && typeof current === 'object' && current !== null && 'TypeCast' in current)
    current = (current as { TypeCast: { arg?: unknown } }).TypeCast.arg;
  const n = current as Record<string, Record<string, unknown> | undefined> | undefined;
  const ref = n?.ColumnRef?.fields as Node[] | undefined;
  const word =
    ref?.length === 1 && ref[0] !== undefined && 'String' in ref[0] ? ref[0].String.sval : undefined;
  if (word === 'minvalue') return { order: -Infinity, text: 'MINVALUE' };
  if (word === 'maxvalue') return { order: Infinity, text: 'MAXVALUE' };
  const c = n?.A_Const;
  if (c === undefined) return undefined;
  if (c.isnull === true) return 'null';
  const ival = c.ival as { ival?: number } | undefined;
  if (ival !== undefined) return { order: ival.ival ?? 0, text: String(ival.ival ?? 0) };
  const fval = (c.fval as { fval?: string } | undefined)?.fval;
  if (fval !== undefined) return { order: Number(fval), text: fval };
  const sval = (c.sval as { sval?: string } | undefined)?.sval;
  if (sval === undefined) return undefined;
  const m = DATE_TIME.exec(sval);
  // Dates and times as one comparable text: `2020-01-01` is `2020-01-01 00:00:00`; a date key keeps the day.
  const time = keyType === 'timestamp' || keyType === 'timestamptz';
  const order =
    m === null || (!time && keyType !== 'date')
      ? undefined
      : time
        ? `${m[1]} ${m[2] ?? '00:00'}${m[3] ?? ':00'}`
        : m[1];
  return { order: order ?? `\u0000${sval}`, text: sval };
}

/** [from, to) of a one-column RANGE bound whose ends are numbers, date/time texts or MINVALUE/MAXVALUE. */
function rangeOf(
  bound: PartitionBoundSpec,
  keyType: string | undefined,
): readonly (number | string)[] | undefined {
  if ((bound.lowerdatums ?? []).length !== 1 || (bound.upperdatums ?? []).length !== 1) return undefined;
  const ends = [datum(bound.lowerdatums?.[0], keyType), datum(bound.upperdatums?.[0], keyType)];
  const orders = ends.map((d) => (d === undefined || d === 'null' ? undefined : d.order));
  if (orders.some((o) => o === undefined || (typeof o === 'string' && o.startsWith('\u0000'))))
    return undefined;
  return orders as (number | string)[];
}

/** a < b, MINVALUE and MAXVALUE below and above all. */
function below(a: number | string, b: number | string): boolean {
  if (a === b) return false;
  if (a === -Infinity || b === Infinity) return true;
  if (a === Infinity || b === -Infinity) return false;
  return a < b;
}

/** The values a LIST bound names (`null` for NULL), or undefined when one is not a constant. */
function listOf(bound: PartitionBoundSpec): string[] | undefined {
  const values: string[] = [];
  for (const node of bound.listdatums ?? []) {
    const d = datum(node);
    if (d === undefined) return undefined;
    values.push(d === 'null' ? 'NULL' : d.text);
  }
  return values;
}

/** Whether two bounds of one strategy surely share a value. */
function overlap(a: PartitionBoundSpec, b: PartitionBoundSpec, keyType: string | undefined): boolean {
  if (a.strategy === 'l' && b.strategy === 'l') {
    const mine = listOf(a);
    const theirs = listOf(b);
    return mine !== undefined && theirs !== undefined && mine.some((v) => theirs.includes(v));
  }
  if (a.strategy === 'r' && b.strategy === 'r') {
    const mine = rangeOf(a, keyType);
    const theirs = rangeOf(b, keyType);
    if (mine === undefined || theirs === undefined) return false;
    // Numbers with numbers, dates with dates (MINVALUE and MAXVALUE with either).
    const kinds = new Set(
      [...mine, ...theirs].filter((o) => Math.abs(Number(o)) !== Infinity).map((o) => typeof o),
    );
    const [from = 0, to = 0] = mine;
    const [theirFrom = 0, theirTo = 0] = theirs;
    return kinds.size <= 1 && below(from, theirTo) && below(theirFrom, to);
  }
  if (a.strategy === 'h' && b.strategy === 'h') {
    const [small, big] = (a.modulus ?? 0) <= (b.modulus ?? 0) ? [a, b] : [b, a];
    const m = small.modulus ?? 0;
    return m > 0 && (big.modulus ?? 0) % m === 0 && (big.remainder ?? 0) % m === (small.remainder ?? 0);
  }
  return false;
}

/**
 * A located problem when partition `child` of `parent`, bounded by `bound`, overlaps a partition of `parent`
 * defined before it, or is a second DEFAULT.
 */
export function reportOverlappingPartition(
  ctx: DdlContext,
  child: QualifiedName,
  parent: QualifiedName,
  bound: PartitionBoundSpec,
  location: SourceLocation,
): void {
  if (ctx.detachedFrom.has(nameKey(parent))) return;
  const root = ctx.builder.table(parent);
  const keyColumn = root?.partitionBy?.columns[0];
  const keyType = root?.columns.find((c) => c.name === keyColumn && c.type.schema === 'pg_catalog')?.type
    .name;
  for (const sibling of ctx.builder.tables.values()) {
    const of = sibling.partitionOf;
    if (of === null || nameKey(of.parent) !== nameKey(parent) || nameKey(sibling) === nameKey(child))
      continue;
    const theirs = (of.bound.ast as { PartitionBoundSpec?: PartitionBoundSpec }).PartitionBoundSpec;
    const server =
      bound.is_default === true && of.isDefault
        ? `partition "${child.name}" conflicts with existing default partition "${sibling.name}"`
        : theirs !== undefined &&
            bound.is_default !== true &&
            !of.isDefault &&
            overlap(bound, theirs, keyType)
          ? `partition "${child.name}" would overlap partition "${sibling.name}"`
          : undefined;
    if (server === undefined) continue;
    ctx.builder.problems.push({
      location,
      message: `partition ${displayName(child)} of ${displayName(parent)}: ${bound.is_default === true ? 'a second DEFAULT partition' : `its bound overlaps that of ${displayName(sibling)} (${of.bound.text})`}, so PostgreSQL refuses it ("${server}"); give each partition bounds no other partition's share`,
    });
    return;
  }
}

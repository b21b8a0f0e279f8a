/**
 * Version 14: columns of well-known schemas in the words their
 * specification or application writes (were the label vocabulary's words,
 * `o_orderstatus` `q`, `l_shipmode` `birdbath`):
 * - TPC-H (its columns by their table prefix, `o_`, `l_`, `c_`, `p_`):
 *   `o_orderstatus` F/O/P and `l_linestatus` O/F by the row's date against
 *   the dataset's "current date" (a year and a half before the reference
 *   date, as the specification's 1995-06-17 lies inside its orders' years),
 *   `l_returnflag` N for a line not yet received then, else R or A,
 *   `o_orderpriority` `1-URGENT`..`5-LOW`, `l_shipmode`, `l_shipinstruct`,
 *   `c_mktsegment`, `p_type` and `p_container` of the specification's
 *   syllables, `p_brand` `Brand#MN` (M its `p_mfgr`'s `Manufacturer#M`
 *   where the row has one), `o_clerk` `Clerk#000000951`.
 * - Quartz: `trigger_state` (WAITING, ACQUIRED, PAUSED, BLOCKED, ERROR,
 *   COMPLETE…) and `trigger_type` (SIMPLE, CRON, …) in a `qrtz_` table.
 */

import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Column, Table, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import {
  createBuild,
  type RowContext,
  type SemanticBuild,
  type SemanticGenerator,
  siblingSeconds,
} from './semantic-generator.js';
import { createWeightedWordGenerator as weighted } from './text-values.js';
import {
  CURRENT_DAY,
  SHIP_LAG_DAYS,
  tpchLineDateGenerator,
  tpchLineDateOf,
  tpchName,
  tpchSibling,
} from './tpch-dates.js';
import { orderStatusFromLines } from './tpch-order-status.js';

const CURRENT_SECONDS = CURRENT_DAY * SECONDS_PER_DAY;
/** An order placed this shortly before the current date is partly shipped (P). */
const PARTLY_SECONDS = 60 * SECONDS_PER_DAY;
/** Version 16: every line of an order placed this long before the current date has shipped (F). */
const SHIPPED_SECONDS = SHIP_LAG_DAYS * SECONDS_PER_DAY;

type Words = readonly (readonly [string, number])[];
const even = (words: readonly string[]): Words => words.map((w) => [w, 1] as const);

const PRIORITIES = even(['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW']);
const SHIP_MODES = even(['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB']);
const INSTRUCTIONS = even(['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN']);
const SEGMENTS = even(['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD']);
const TYPE_SIZES = ['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'];
const TYPE_FINISHES = ['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'];
const TYPE_METALS = ['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'];
const CONTAINER_SIZES = ['SM', 'LG', 'MED', 'JUMBO', 'WRAP'];
const CONTAINER_KINDS = ['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'];
const TRIGGER_STATES: Words = [
  ['WAITING', 70],
  ['ACQUIRED', 8],
  ['PAUSED', 10],
  ['BLOCKED', 5],
  ['PAUSED_BLOCKED', 1],
  ['ERROR', 2],
  ['COMPLETE', 4],
];
const TRIGGER_TYPES: Words = [
  ['CRON', 55],
  ['SIMPLE', 35],
  ['CAL_INT', 5],
  ['DAILY_I', 5],
];

/** Words made of one syllable of each list (`LARGE BRUSHED BRASS`, `JUMBO PKG`). */
function syllables(parts: readonly (readonly string[])[]): SemanticGenerator {
  return {
    escapeFree: true,
    random: (rand) => parts.map((p) => p[rand.below(p.length)]).join(' '),
  };
}

/** A value by the row's time against the current date (`undefined`: the time is NULL). */
function byTime(
  build: SemanticBuild,
  column: string,
  pick: (seconds: number | undefined, rand: RowRandom) => string,
): SemanticGenerator {
  const seconds = siblingSeconds(build.ctx, column);
  return { escapeFree: true, random: (rand, row) => pick(seconds(row), rand) };
}

function tpchGenerator(build: SemanticBuild, bare: string): SemanticGenerator | null {
  switch (bare) {
    case 'orderpriority':
      return weighted(PRIORITIES);
    case 'shipmode':
      return weighted(SHIP_MODES);
    case 'shipinstruct':
      return weighted(INSTRUCTIONS);
    case 'mktsegment':
      return weighted(SEGMENTS);
    case 'type':
      return syllables([TYPE_SIZES, TYPE_FINISHES, TYPE_METALS]);
    case 'container':
      return syllables([CONTAINER_SIZES, CONTAINER_KINDS]);
    case 'clerk':
      return { escapeFree: true, random: (rand) => `Clerk#${String(1 + rand.below(1000)).padStart(9, '0')}` };
    case 'brand': {
      const mfgr = tpchSibling(build, 'mfgr');
      const read = mfgr === null ? null : build.ctx.siblingReader?.(mfgr);
      return {
        escapeFree: true,
        random(rand, row) {
          const m = read ? /#([1-5])\s*$/.exec(read(row) ?? '')?.[1] : undefined;
          return `Brand#${m ?? 1 + rand.below(5)}${1 + rand.below(5)}`;
        },
      };
    }
    case 'orderstatus': {
      const date = tpchSibling(build, 'orderdate');
      if (date === null)
        return weighted([
          ['F', 49],
          ['O', 49],
          ['P', 2],
        ]);
      // Version 16: as its lines (tpch-dates.ts) say: O from the current date, F once all have shipped.
      const v16 = build.version >= 16;
      const partly = v16 ? SHIPPED_SECONDS : PARTLY_SECONDS;
      const byDate = byTime(build, date, (s, rand) =>
        s === undefined
          ? rand.chance(0.5)
            ? 'F'
            : 'O'
          : s > CURRENT_SECONDS || (v16 && s === CURRENT_SECONDS)
            ? 'O'
            : s > CURRENT_SECONDS - partly
              ? 'P'
              : 'F',
      );
      // Version 17: as its lines' statuses say (tpch-order-status.ts).
      return (build.version >= 17 ? orderStatusFromLines(build, byDate) : null) ?? byDate;
    }
    case 'linestatus': {
      const date = tpchSibling(build, 'shipdate');
      return date === null
        ? weighted(even(['O', 'F']))
        : byTime(build, date, (s, rand) =>
            s === undefined ? (rand.chance(0.5) ? 'F' : 'O') : s > CURRENT_SECONDS ? 'O' : 'F',
          );
    }
    case 'returnflag': {
      const date = tpchSibling(build, 'receiptdate');
      return date === null
        ? weighted(even(['R', 'A', 'N']))
        : byTime(build, date, (s, rand) =>
            s !== undefined && s > CURRENT_SECONDS ? 'N' : rand.chance(0.5) ? 'R' : 'A',
          );
    }
    case 'mfgr':
      return { escapeFree: true, random: (rand) => `Manufacturer#${1 + rand.below(5)}` };
    default:
      return null;
  }
}

/** The TPC-H columns this file knows, by bare name, with their table's prefix. */
const TPCH_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['orderpriority', 'o_'],
  ['clerk', 'o_'],
  ['orderstatus', 'o_'],
  ['shipmode', 'l_'],
  ['shipinstruct', 'l_'],
  ['linestatus', 'l_'],
  ['returnflag', 'l_'],
  ['mktsegment', 'c_'],
  ['type', 'p_'],
  ['container', 'p_'],
  ['brand', 'p_'],
  ['mfgr', 'p_'],
]);

/** A TPC-H column's bare name: its table's columns carry one prefix, and it is one of the specification's. */
function tpchColumn(table: Table, column: Column): string | null {
  const bare = tpchName(column.name);
  const prefix = bare === null ? undefined : TPCH_PREFIXES.get(bare);
  if (bare === null || prefix === undefined || !column.name.startsWith(prefix)) return null;
  return table.columns.every((c) => c.name.startsWith(prefix)) ? bare : null;
}

/** The longest value each column takes (TPC-H's `char(1)` flags, `varchar(25)` types). */
const LONGEST: Readonly<Record<string, number>> = {
  orderpriority: 15,
  shipmode: 7,
  shipinstruct: 17,
  mktsegment: 10,
  type: 25,
  container: 10,
  clerk: 15,
  brand: 8,
  orderstatus: 1,
  linestatus: 1,
  returnflag: 1,
  mfgr: 14,
  trigger_state: 14,
  trigger_type: 7,
};

/**
 * Which known column this is (a TPC-H bare name, or Quartz's `trigger_state`
 * / `trigger_type`) where its values fit `maxLength` characters, else null.
 */
export function specColumnOf(table: Table, column: Column, maxLength: number): string | null {
  const known =
    tpchColumn(table, column) ??
    (table.name.startsWith('qrtz_') && (column.name === 'trigger_state' || column.name === 'trigger_type')
      ? column.name
      : null);
  return known !== null && (LONGEST[known] ?? Number.POSITIVE_INFINITY) <= maxLength ? known : null;
}

/** Version 14's generator of a specification's or an application's column (see above), or null. */
export function specVocabularyGenerator(build: SemanticBuild): SemanticGenerator | null {
  // Version 16: a lineitem's dates from its order's (tpch-dates.ts).
  const lineDate = build.version >= 16 ? tpchLineDateOf(build) : null;
  if (lineDate !== null) return tpchLineDateGenerator(build, lineDate);
  const known = specColumnOf(build.table, build.column, build.maxLength);
  if (known === 'trigger_state') return weighted(TRIGGER_STATES);
  if (known === 'trigger_type') return weighted(TRIGGER_TYPES);
  return known === null ? null : tpchGenerator(build, known);
}

/** The plan's words for such a column (what `specVocabularyGenerator` writes), or null. */
export function specVocabularyText(
  table: Table,
  column: Column,
  maxLength: number,
  version: number,
): string | null {
  const known = specColumnOf(table, column, maxLength);
  if (known === null) return null;
  if (known === 'trigger_state') return ", Quartz's trigger states (WAITING, ACQUIRED, PAUSED, …)";
  if (known === 'trigger_type') return ", Quartz's trigger types (CRON, SIMPLE, CAL_INT, DAILY_I)";
  const rule = version >= 17 ? TPCH_RULES_17[known] : undefined;
  return `, TPC-H's ${known} values as its specification writes them${rule ?? ''}`;
}

/** Version 17: how a TPC-H column's value follows the rows it reads. */
const TPCH_RULES_17: Readonly<Record<string, string>> = {
  orderstatus: " (F when all its lines' l_linestatus are F, O when all are O, else P)",
};

/**
 * Version 16: the generator of a specification's column whose CHECK lists its values (the TPC-H template's
 * `o_orderstatus IN ('F', 'O', 'P')`), drawn as the specification draws them, or null where it is none.
 */
export function listedSpecGenerator(
  table: Table,
  column: Column,
  base: TypeRef,
  ctx: RowContext,
): SemanticGenerator | null {
  return specVocabularyGenerator(createBuild(table, column, base, ctx));
}

/**
 * The generation plan: per table, how many rows and where every column's
 * value comes from. Pure data plus the generators it was built with; the
 * engine (src/generate/table-producer.ts) turns it into row bytes.
 */

import type { Atom, Branch } from '../checks/check-atoms.js';
import type { ColumnHints } from '../checks/check-hints.js';
import type { Warning } from '../errors.js';
import type { Distribution, PerParent } from '../input/spec/column-config.js';
import type { Column, ForeignKey, Table } from '../schema/model.js';
import type { ValuePairs } from './value-pairs.js';

/** One part of a unique key made unique by construction. */
export type KeyComponent =
  | {
      readonly kind: 'column';
      readonly column: string;
      readonly space: number;
      /** Version 10: a date beside an FK, a series' consecutive days (values/semantic/date-series.ts). */
      readonly series?: true;
    }
  | { readonly kind: 'foreign-key'; readonly fk: number; readonly space: number };

/**
 * A keyed bijection of the row index into the product of its components'
 * spaces (mixed radix): row i gets a distinct tuple, so the key is unique
 * without any set of seen values.
 */
export interface UniqueDriver {
  readonly key: string;
  readonly components: readonly KeyComponent[];
  /** Effective size per component (<= its space), product <= 2^52 and >= rows. */
  readonly radices: readonly number[];
  /** True when row i maps to tuple i unpermuted (serial-looking integer keys). */
  readonly ordered: boolean;
  /** Two FK components a CHECK compares: they take distinct parent rows (see plan/related-pair.ts). */
  readonly pair?: KeyPair;
  /** --append: the key values the target table already holds (see plan/append-plan.ts). */
  readonly existing?: ExistingKeys;
  /**
   * A partial key's room (plan/key-capacity.ts): rows from here on repeat the tuples of the first
   * `wrapFrom` rows (row i takes row i % wrapFrom's), and are kept outside the key's WHERE
   * (`ColumnPlan.outsideFrom`).
   */
  readonly wrapFrom?: number;
}

/**
 * Keys already in a table rows are appended to. An ordered integer key
 * starts past the maximum; any other key keeps row i's position i of its
 * bijection where the table does not hold that tuple, and the rows whose
 * tuple it holds take, in row order, the free positions past the rows
 * (`spares`: the bijection covers rows + held positions, so there are
 * enough); in a small space (`listed`) row i takes the i-th free position.
 */
export type ExistingKeys =
  | { readonly kind: 'past-maximum'; readonly maximum: string }
  | {
      readonly kind: 'avoid';
      /** The held key tuples: each column's text form, joined by U+0000 (none when `fingerprints`). */
      readonly tuples: readonly string[];
      /** A table holding many: their fingerprints instead (plan/held-fingerprints.ts), `count` distinct. */
      readonly fingerprints?: { readonly count: number; readonly fingerprints: string };
      /** Further tuples a row may try after the first (a related pair: 0, a collision is reported). */
      readonly attempts: number;
      /** The rows whose own tuple is held take the free positions past the rows, in order. */
      readonly spares?: true;
      /**
       * A small, nearly full key space: the bijection covers the whole space
       * and row i takes the i-th position whose tuple the table does not hold.
       */
      readonly listed?: true;
    };

/**
 * Components `first` and `second` (FKs to the same parent column) draw a
 * pair of distinct parent rows from one slot of `space` pairs, held by
 * `radices[first]`; `radices[second]` is 1.
 */
export interface KeyPair {
  readonly first: number;
  readonly second: number;
  /** The CHECK is an order (`<`, `>`…): unordered pairs, put in order by the row engine; else (`<>`) ordered pairs. */
  readonly orderCheck: boolean;
  readonly space: number;
  /**
   * Set when the two are CHECK-bounded integer columns (plan/value-pairs.ts):
   * the slot enumerates the value pairs that meet the comparison, `first`
   * being its left side.
   */
  readonly values?: ValuePairs;
}

/** A column holding one bound of the periods a two-column EXCLUDE keeps apart (values/semantic/range-series.ts). */
export interface PeriodSource {
  readonly bound: 'lower' | 'upper';
  readonly rangeType: string;
  readonly upperInclusive: boolean;
  /** The series' window: the lower column's CHECK minimum, the upper column's maximum. */
  readonly window: Pick<ColumnHints, 'min' | 'minExclusive' | 'max' | 'maxExclusive'>;
}

/** One tag of a tagged column; with an FK, its parent table (`parent`, a plan index), key column and rows. */
export interface PlannedTaggedArm {
  readonly tag: string;
  /** The generated column that reads this tag's id. */
  readonly generated?: string;
  readonly parent?: number;
  readonly parentColumn?: string;
  /** The rows the tag can name (its parent's), distinct; absent: any number (its ids count up). */
  readonly room?: number;
}

export type ColumnSource =
  | { readonly kind: 'generated' }
  | {
      readonly kind: 'unique';
      readonly driver: number;
      readonly component: number;
      /** Realistic unique values from the column's meaning (see values/column-generators.ts). */
      readonly semantic: boolean;
      /**
       * A CASE branch's column whose branch has room for fewer rows (plan/key-capacity.ts): NULL from this
       * row on, which takes the row out of that branch, so the other rows do not count against its values.
       */
      readonly nullFrom?: number;
      /** Version 10: a series' consecutive days (values/semantic/date-series.ts). */
      readonly series?: true;
      /** Version 19: a bound of an EXCLUDE's two-column period, slot k of its series (plan/exclusion-periods.ts). */
      readonly period?: PeriodSource;
    }
  | { readonly kind: 'foreign-key'; readonly fk: number; readonly parentColumn: string }
  /** Version 24: `tag/id` naming a distinct row of one tag's table in every row (plan/tagged-references.ts). */
  | { readonly kind: 'tagged'; readonly delimiter: string; readonly arms: readonly PlannedTaggedArm[] }
  | {
      readonly kind: 'constant';
      readonly value: string;
      /**
       * A pinned tenant column: row i takes `values[i % k]`, k from generate/tenant-stripes.ts (1: `value`
       * everywhere), and composite FKs through the column pick parent rows of the same stripe; `held`
       * (--append): the values are tenants the target holds, the tenant table's rows there.
       */
      readonly stripes?: {
        readonly group: string;
        readonly values: readonly string[];
        readonly held?: true;
      };
    }
  | {
      readonly kind: 'partition-key';
      readonly choices: readonly PartitionChoice[];
      /**
       * Version 3, a tree with sub-partitions: row i < length takes choice `firstRows[i]` (-1: by hash), so
       * the first rows reach every leaf (plan/partition-leaves.ts); else row i < choices takes choice i.
       */
      readonly firstRows?: readonly number[];
      /**
       * A deeper level's key below partitions with no DEFAULT (plan/partition-routes.ts): the row takes
       * `choice[r]` where r is the choice `column` (the root's key) takes in that row; -1: by its own draw.
       */
      readonly route?: { readonly column: string; readonly choice: readonly number[] };
      /** A deeper level's key below HASH partitions partitioned again (plan/hash-routes.ts): first that applies. */
      readonly hashRoutes?: readonly HashRoute[];
    }
  | { readonly kind: 'one-of'; readonly values: readonly string[] }
  /**
   * A free value; version 4: `implied` when the column's name names a table (`parent`, its index in
   * `GenerationPlan.tables`; `key`, its key column as `schema.table.column`) and no FK is declared
   * (plan/implied-keys.ts): a key of its rows.
   */
  | {
      readonly kind: 'random';
      readonly implied?: { readonly parent: number; readonly key: string };
      /** Version 27: a unique text a CHECK computes from this unique integer column (plan/key-text-keys.ts). */
      readonly byKey?: string;
    };

/**
 * A HASH level's routing of a deeper key: a row lands in the hash partition whose `modulus` and `remainder`
 * PostgreSQL's hash of the level's key columns (values/pg-hash.ts) meets, and the deeper key takes one of
 * that partition's `choices` (indexes in the source's choices). `when`: only in rows whose `column` (the
 * root's key) takes one of these choices (the partition that is the HASH level); absent: every row.
 */
export interface HashRoute {
  readonly when?: { readonly column: string; readonly choices: readonly number[] };
  /** The HASH level's key columns, and their base type names (pg_catalog). */
  readonly columns: readonly string[];
  readonly types: readonly string[];
  readonly partitions: readonly {
    readonly modulus: number;
    readonly remainder: number;
    readonly choices: readonly number[];
  }[];
}

/** A value range a partition accepts: [from, to) for RANGE, or a list. */
export type PartitionChoice =
  | {
      readonly kind: 'range';
      readonly from: string;
      readonly to: string;
      /** Multi-column RANGE keys: the first column strictly above `from`, so any other columns fit. */
      readonly openFrom?: boolean;
    }
  | { readonly kind: 'list'; readonly values: readonly string[] }
  | {
      readonly kind: 'any';
      /** A LIST level's DEFAULT partition: values the level's other partitions take, never drawn. */
      readonly except?: readonly string[];
      /** A single-column RANGE level's DEFAULT: the level's ranges [from, to), never drawn inside. */
      readonly outside?: readonly { readonly from: string; readonly to: string }[];
    };

export interface ColumnPlan {
  readonly column: Column;
  /** False for generated columns (never written). */
  readonly written: boolean;
  readonly source: ColumnSource;
  /** Probability of NULL for nullable columns not in a key. */
  readonly nullRate: number;
  readonly hints: ColumnHints;
  /** Why this source was chosen (for `datagen plan`). */
  readonly reason: string;
  /** The configuration's settings for the column's values (`.datagen.yaml`), checked by the planner. */
  readonly steer?: ColumnSteer;
  /**
   * The one column a partial unique key's WHERE reads, when the key has room for fewer rows than the
   * table's (plan/partial-keys.ts): from row `row` on, a value of `hints` (its CHECKs and `NOT (WHERE)`),
   * never NULL unless `hints` allow only that, so those rows stay outside the key.
   */
  readonly outsideFrom?: { readonly row: number; readonly key: string; readonly hints: ColumnHints };
}

/** How the configuration steers a column's values (see plan/column-settings.ts). */
export interface ColumnSteer {
  /** Where the column's settings are written (`file:line:column`). */
  readonly where: string;
  /** A generator by name: a semantic kind, `lorem` or `uuid`. */
  readonly generator?: string;
  readonly values?: readonly string[];
  readonly weights?: readonly number[];
  readonly distribution?: Distribution;
  /** `ORD-{row:06}`, `{first_name}.{last_name}@example.com`. */
  readonly template?: string;
}

/** Children per parent row as the configuration sets them for a foreign key. */
export interface FanOutSetting {
  readonly perParent?: PerParent;
  readonly shareWithoutChildren?: number;
}

export type FkPick =
  /** A parent row chosen by hash of (seed, fk, row), skewed: some parents get many children, some none (generate/fan-out.ts). */
  | { readonly kind: 'hash' }
  /** Self-reference: a tree, each row points to an earlier one; row 0 is the root. */
  | { readonly kind: 'tree' }
  /** Chosen by a unique driver (the FK's columns are part of a unique key). */
  | {
      readonly kind: 'driver';
      readonly driver: number;
      readonly component: number;
      /** Version 19: NULL from this row on, past the key's room (plan/key-room.ts nullableForeignKey). */
      readonly nullFrom?: number;
      /**
       * Version 20: one of two FKs an exactly-one CHECK ties, sharing the component (plan/either-keys.ts): the
       * component's values [from, to) are this FK's parent rows (less `from`), the others NULL.
       */
      readonly span?: { readonly from: number; readonly to: number };
    };

/** Parent rows [from, to): those whose key meets a CHECK on the FK column (`parent_id > 50`). */
export interface RowWindow {
  readonly from: number;
  readonly to: number;
}

export interface ForeignKeyPlan {
  readonly fk: ForeignKey;
  /** Index of the parent in `GenerationPlan.tables`. */
  readonly parent: number;
  readonly pick: FkPick;
  readonly nullRate: number;
  /** Set when only these parent rows may be picked (picks are `from +` an index below `to - from`). */
  readonly window?: RowWindow;
  /** Children per parent from the configuration (a free, hash-picked FK only). */
  readonly fanOut?: FanOutSetting;
  /**
   * --append: parent rows the target already holds. Parent rows [0, count)
   * of the FK's picks are these, and the parent's new rows follow (pick j is
   * new row j - count); see plan/existing-parents.ts.
   */
  readonly existing?: ExistingParents;
  /**
   * A child's unique key reads this FK's columns through a composite FK (plan/distinct-prefix.ts): rows
   * [0, min(rows, parent rows)) pick distinct parent rows (a keyed permutation of the row), the rest as
   * `pick` says.
   */
  readonly distinctFirst?: true;
  /**
   * A child's FK reads these rows back (plan/read-back-keys.ts): rows [0, min(rows, parent rows)) pick
   * parent row `row` itself, the rest as `pick` says.
   */
  readonly sameRowsFirst?: true;
  /**
   * The FK reads its parent's row back (plan/read-back-keys.ts): row i picks parent row i, whose FK back
   * to this table picks row i (`sameRowsFirst`); NULL past the parent's rows.
   */
  readonly readsBack?: true;
  /** An exclusion's `fk_col WITH <>` (plan/table-family.ts sameParentExclusionColumn): every set row picks one parent row. */
  readonly sameParent?: true;
}

/**
 * The parent rows a target already holds under the key an FK references
 * (--append): an integer key without gaps as its range (min .. min + count - 1),
 * any other key as its tuples in the key's sort order (each column's text
 * form, joined by U+0000), at most `MAX_EXISTING_PARENTS` of them (every
 * k-th in that order when the parent holds more).
 */
export type ExistingParents =
  | { readonly kind: 'range'; readonly count: number; readonly min: string }
  | {
      readonly kind: 'tuples';
      readonly count: number;
      readonly tuples: readonly string[];
      /** An integer key's greatest value there (past the tuples read when capped): new keys start past it. */
      readonly maximum?: string;
    };

/** One conjunct of a CHECK: the constraint's name and text, and the conjunct's AST. */
export interface CheckPart {
  readonly check: string;
  readonly text: string;
  readonly ast: unknown;
}

/** How a table's CHECKs are met beyond single-column hints (see plan/table-checks.ts). */
export interface TableCheckPlan {
  /** Comparisons between two columns of the row: one is generated relative to the other. */
  readonly relations: readonly (CheckPart & { readonly atom: Extract<Atom, { kind: 'relation' }> })[];
  /** `num_nonnulls(a, b, c) = 1` and the like: a per-row choice of which columns are set. */
  readonly counts: readonly (CheckPart & { readonly atom: Extract<Atom, { kind: 'count' }> })[];
  /** `a % b = 0`: the dividend generated as a multiple of the divisor's value where it is free. */
  readonly multiples?: readonly (CheckPart & { readonly atom: Extract<Atom, { kind: 'multiple' }> })[];
  /** CHECKs with OR: a per-row choice among the branches. */
  readonly choices: readonly (CheckPart & { readonly branches: readonly Branch[] })[];
  /** Conjuncts evaluated for every row of the columns they read; a failing row is generated again. */
  readonly verify: readonly CheckPart[];
  /** Single-column shapes compiled into the columns' hints, for the plan report. */
  readonly compiled: readonly { readonly check: string; readonly atom: Atom }[];
  /** Some CHECK reads now()/current_date (resolved at `GenerationPlan.referenceTime`). */
  readonly usesNow: boolean;
}

export interface TablePlan {
  readonly table: Table;
  readonly rows: number;
  readonly columns: readonly ColumnPlan[];
  readonly foreignKeys: readonly ForeignKeyPlan[];
  readonly drivers: readonly UniqueDriver[];
  /** Set for partitions: their rows are generated through the partitioned root. */
  readonly filledThrough: Table | null;
  readonly checks: TableCheckPlan;
  /** Left out by the table selection (-t/-T/-n/-N): no rows, no data block, sequences untouched. */
  readonly excluded?: true;
}

export interface GenerationPlan {
  readonly seed: number;
  /** What now()/current_date in CHECKs are read as (ISO text; by default today 00:00 UTC). */
  readonly referenceTime: string;
  /** The locale of names, addresses and words, when not en (`--locale`; input/spec/locales.ts). */
  readonly locale?: string;
  /** The value generators' version, when older than GENERATOR_VERSION (`generator_version`). */
  readonly generatorVersion?: number;
  readonly tables: readonly TablePlan[];
  readonly warnings: readonly Warning[];
}

/** The plan of the table at `index` (its index in `plan.tables`); a missing one is a bug, not a user mistake. */
export function tablePlanAt(plan: GenerationPlan, index: number): TablePlan {
  const t = plan.tables[index];
  if (!t) throw new Error(`no table plan ${index}`);
  return t;
}

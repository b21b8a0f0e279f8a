/**
 * Schema + options → GenerationPlan. Decides, before any byte is written,
 * how many rows each table gets and where every column's value comes from:
 * unique keys by construction (keyed bijections), foreign keys by computed
 * parent row, CHECK bounds, partition routing. Impossible requests fail here
 * with the numbers.
 */
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { columnUniqueGenerator } from '../generate/column-generators.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { CheckConstraint, ExclusionConstraint, Schema, Table, UniqueKey } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { type ColumnHints, defaultReferenceTime, nowReadings } from './check-hints.js';
import { familyOf } from './checks/sql-value.js';
import { type CheckProblem, domainCheckOnColumn, planTableChecks } from './checks/table-checks.js';
import { tableFallbacks } from './column-fallbacks.js';
import { partitionRouting } from './partition-choices.js';
import { findPinnedColumns } from './pinned-columns.js';
import type {
  ColumnPlan,
  ColumnSource,
  FkPick,
  ForeignKeyPlan,
  GenerationPlan,
  KeyComponent,
  KeyPair,
  TableCheckPlan,
  TablePlan,
  UniqueDriver,
} from './plan-model.js';
import { findRelatedPair } from './related-pair.js';
import { type RowOptions, resolveRowCounts } from './row-counts.js';
import { createTypeLookup, resolveDomains, type TypeLookup } from './type-resolution.js';

export interface PlanOptions extends RowOptions {
  readonly seed?: number;
  /** Probability of NULL in nullable columns outside keys (default 0.1). */
  readonly nullRate?: number;
  /**
   * What now(), current_date and CURRENT_TIMESTAMP in CHECKs are read as
   * (default: today 00:00 UTC). Fix it for reproducible output.
   */
  readonly referenceTime?: Date;
}

export const DEFAULT_SEED = 42;
const MAX_SPACE = 2 ** 52;
const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);

/** Distinct values a column can take when it must be unique (0 = none), and whether they are semantic. */
function uniqueSpace(
  table: Table,
  column: string,
  lookup: TypeLookup,
  hints: ColumnHints | undefined,
  rows: number,
): { space: number; semantic: boolean } {
  const col = table.columns.find((c) => c.name === column);
  if (!col) return { space: 0, semantic: false };
  const { base } = resolveDomains(col.type, lookup);
  try {
    const generator = columnUniqueGenerator(table, col, base, hints ?? {}, lookup, {
      preferSemantic: true,
      rows,
    });
    return { space: generator.space, semantic: generator.semantic };
  } catch {
    return { space: 0, semantic: false };
  }
}

/**
 * The columns a unique key is planned over. An expression element over one
 * column (`lower(email)`) is planned as that column being unique; the
 * planner then makes the column's values lower case (see `caseFolded`), so
 * distinct values stay distinct under the expression.
 */
function keyElements(key: UniqueKey): string[] {
  const names: string[] = [];
  key.columns.forEach((c, i) => {
    if (c !== null) names.push(c);
    else {
      const columns = expressionColumns(key.expressions[i]?.ast);
      if (columns.length === 1 && !names.includes(columns[0] as string)) names.push(columns[0] as string);
    }
  });
  return names;
}

/** Columns under a case-folding expression in a unique index (`lower(email)`): generated in lower case. */
function caseFolded(key: UniqueKey): string[] {
  return key.expressions.flatMap((e) =>
    e && /^\s*(lower|upper)\s*\(/i.test(e.text) ? expressionColumns(e.ast) : [],
  );
}

/** Radices (effective component sizes) whose product covers `rows` and stays <= 2^52. */
function chooseRadices(spaces: readonly number[], rows: number): number[] {
  const radices = spaces.map((s) => Math.min(s, Math.max(rows, 1)));
  let product = radices.reduce((a, b) => a * b, 1);
  while (product > MAX_SPACE) {
    let largest = 0;
    radices.forEach((r, i) => {
      if (r > (radices[largest] as number)) largest = i;
    });
    const reduced = Math.ceil((radices[largest] as number) / 2);
    if ((product / (radices[largest] as number)) * reduced < rows) break;
    product = (product / (radices[largest] as number)) * reduced;
    radices[largest] = reduced;
  }
  return radices;
}

/** The related pair re-indexed into the chosen components (undefined when either was dropped). */
function pairWithin(
  chosen: readonly KeyComponent[],
  components: readonly KeyComponent[],
  related: KeyPair | undefined,
): KeyPair | undefined {
  if (!related) return undefined;
  const first = chosen.indexOf(components[related.first] as KeyComponent);
  const second = chosen.indexOf(components[related.second] as KeyComponent);
  return first < 0 || second < 0 ? undefined : { ...related, first, second };
}

interface Draft {
  table: Table;
  index: number;
  rows: number;
  explicit: boolean;
  filledThrough: Table | null;
  hints: Map<string, ColumnHints>;
  checks: TableCheckPlan;
}

export function createPlan(schema: Schema, options: PlanOptions = {}): GenerationPlan {
  const seed = options.seed ?? DEFAULT_SEED;
  const nullRate = options.nullRate ?? 0.1;
  const lookup = createTypeLookup(schema);
  const warnings: Warning[] = [];
  const tables = schema.tables;
  const tableIndex = new Map(tables.map((t, i) => [nameKey(t), i]));
  const { rows, explicit } = resolveRowCounts(tables, options);
  const pinned = findPinnedColumns(schema, seed, lookup);
  const referenceTime = options.referenceTime ?? defaultReferenceTime();
  const referenceSeconds = Math.floor(referenceTime.getTime() / 1000);
  const readings = nowReadings(referenceTime);
  let usesNow = false;

  // Partitions are filled through their root; the root carries their constraints too.
  const partitionsOf = new Map<string, Table[]>();
  for (const t of tables) {
    if (t.partitionOf) {
      const key = nameKey(t.partitionOf.parent);
      partitionsOf.set(key, [...(partitionsOf.get(key) ?? []), t]);
    }
  }
  const rootOf = (t: Table): Table => {
    let current = t;
    for (let i = 0; i < 16 && current.partitionOf; i++) {
      const parent = tables[tableIndex.get(nameKey(current.partitionOf.parent)) ?? -1];
      if (!parent) break;
      current = parent;
    }
    return current;
  };

  const drafts: Draft[] = tables.map((table, index) => {
    const root = rootOf(table);
    const filledThrough = root === table ? null : root;
    const checks: CheckConstraint[] = [
      ...table.checks,
      ...(partitionsOf.get(nameKey(table)) ?? []).flatMap((p) => p.checks.filter((c) => !c.noInherit)),
    ];
    // Domain CHECKs are the column's CHECKs, with VALUE read as the column.
    const domainNotNull = new Set<string>();
    for (const column of table.columns) {
      const resolved = resolveDomains(column.type, lookup);
      if (resolved.notNull) domainNotNull.add(column.name);
      for (const c of resolved.checks) {
        checks.push({
          ...domainCheckOnColumn(c, column.name),
          name: `${c.name} (domain ${resolved.domains.join(' → ')})`,
        });
      }
    }
    const columnFamily = (name: string) => {
      const col = table.columns.find((c) => c.name === name);
      const base = col ? resolveDomains(col.type, lookup).base : undefined;
      return base && base.arrayDims === 0 ? familyOf(base.name) : undefined;
    };
    const planned = planTableChecks(checks, { ...readings, columnFamily }, referenceSeconds);
    for (const problem of planned.problems) warnings.push(checkWarning(table, problem));
    if (planned.plan.usesNow) usesNow = true;
    const hints = planned.hints;
    for (const name of domainNotNull) hints.set(name, { ...(hints.get(name) ?? {}), notNull: true });
    const asked = (explicit[index] as boolean) && (rows[index] as number) > 0;
    const keyed = new Set(
      [...(table.primaryKey ? [table.primaryKey] : []), ...table.uniques].flatMap(keyElements),
    );
    const empty = filledThrough
      ? undefined
      : tableFallbacks({ table, problems: planned.problems, hints, keyed, asked, lookup, warnings });
    return {
      table,
      index,
      rows: filledThrough || empty ? 0 : (rows[index] as number),
      explicit: explicit[index] as boolean,
      filledThrough,
      hints,
      checks: planned.plan,
    };
  });
  if (usesNow) {
    warnings.push({
      code: 'CHECK_REFERENCE_TIME',
      where: 'plan',
      message: `CHECKs read now()/current_date as ${referenceTime.toISOString()} (set it with the referenceTime option for reproducible output).`,
    });
  }

  // The constraints a table's rows must meet: its own, plus those of its partitions.
  const foreignKeysOf = (t: Table) => {
    const own = [...t.foreignKeys];
    for (const p of partitionsOf.get(nameKey(t)) ?? []) {
      for (const fk of p.foreignKeys) {
        if (!own.some((o) => o.columns.join() === fk.columns.join())) own.push(fk);
      }
    }
    return own;
  };
  const uniquesOf = (t: Table) => [
    ...(t.primaryKey ? [t.primaryKey] : []),
    ...t.uniques,
    ...(partitionsOf.get(nameKey(t)) ?? []).flatMap((p) => [
      ...(p.primaryKey ? [p.primaryKey] : []),
      ...p.uniques,
    ]),
    ...t.exclusions.flatMap((x) => exclusionAsKey(x, warnings, t)),
  ];

  const parentIndex = (draft: Draft, fkIndex: number): number => {
    const fk = foreignKeysOf(draft.table)[fkIndex];
    if (!fk) return -1;
    const index = tableIndex.get(nameKey(fk.references)) ?? -1;
    const parent = tables[index];
    // An FK to a partition is an FK to rows routed through its root.
    return parent ? tables.indexOf(rootOf(parent)) : -1;
  };

  // Passes until capacities computed from parents settle (FK cycles, tables emptied along FK chains).
  let plans: TablePlan[] = [];
  for (let pass = 0, settled = false; pass < 2 || (!settled && pass < tables.length + 2); pass++) {
    const before = drafts.map((d) => d.rows).join();
    plans = drafts.map((draft) => planTable(draft));
    settled = drafts.map((d) => d.rows).join() === before;
  }
  return { seed, referenceTime: referenceTime.toISOString(), tables: plans, warnings: dedupe(warnings) };

  function planTable(draft: Draft): TablePlan {
    const { table } = draft;
    const fks = foreignKeysOf(table);
    const sources = new Map<string, ColumnSource>();
    const reasons = new Map<string, string>();
    const set = (column: string, source: ColumnSource, reason: string) => {
      sources.set(column, source);
      reasons.set(column, reason);
    };
    for (const c of table.columns) if (c.generated) set(c.name, { kind: 'generated' }, 'generated column');

    // Pinned columns (shared by overlapping composite FKs) hold one value everywhere.
    for (const c of table.columns) {
      const value = pinned.get(nameKey(table) + '\u0000' + c.name);
      if (value !== undefined && !sources.has(c.name)) {
        set(c.name, { kind: 'constant', value }, 'shared by overlapping composite foreign keys: one value');
      }
    }

    // Foreign key columns take the parent's values at a computed parent row.
    const fkParents = fks.map((_, i) => parentIndex(draft, i));
    fks.forEach((fk, i) => {
      fk.columns.forEach((col, k) => {
        if (sources.has(col)) return;
        const parentColumn = fk.referencedColumns[k] as string;
        set(
          col,
          { kind: 'foreign-key', fk: i, parentColumn },
          `foreign key ${fk.name} → ${displayName(fk.references)}`,
        );
      });
    });

    // Partition key: a value inside an existing partition.
    const partitions = partitionsOf.get(nameKey(table)) ?? [];
    if (table.partitionBy) {
      const routing = partitionRouting(table, partitions, (t) => partitionsOf.get(nameKey(t)) ?? []);
      for (const skipped of routing.skipped) {
        warnings.push({
          code: 'PARTITION_ROUTING',
          where: displayName(table),
          message: `${displayName(table)}: ${skipped}.`,
        });
      }
      if (routing.problem && routing.choices.length > 0 && draft.rows > 0) {
        warnings.push({
          code: 'PARTITION_ROUTING',
          where: displayName(table),
          message: `${displayName(table)}: ${routing.problem}, so datagen cannot place its rows in a partition; it gets no rows. Add a DEFAULT partition (CREATE TABLE ... PARTITION OF ${displayName(table)} DEFAULT) to give it rows.`,
        });
        draft.rows = 0;
      }
      // HASH partitions and a DEFAULT partition take any value: the column stays free (e.g. for its key).
      const anyValue = routing.choices.some((c) => c.kind === 'any');
      if (routing.column && !sources.has(routing.column) && routing.choices.length > 0 && !anyValue) {
        set(
          routing.column,
          { kind: 'partition-key', choices: routing.choices },
          'partition key: inside a partition',
        );
      }
      if (routing.choices.length === 0 && draft.rows > 0) {
        warnings.push({
          code: 'NO_PARTITION',
          where: displayName(table),
          message:
            partitions.length === 0
              ? `${displayName(table)} is partitioned but has no partitions; it gets no rows.`
              : `${displayName(table)}: no partition can be given rows (see the warnings above); it gets no rows. Add a DEFAULT partition to give it rows.`,
        });
        draft.rows = 0;
      }
    }

    // Unique keys: each made unique by a keyed bijection of the row index.
    const drivers: UniqueDriver[] = [];
    const fkPicks = new Map<number, FkPick>();
    const injective = new Set<string>(); // columns, and 'fk:N', that are already unique over rows
    const semanticColumns = new Set<string>(); // unique columns whose values are realistic (emails…)
    const keys = uniquesOf(table)
      .map((k) => ({ key: k, elements: keyElements(k) }))
      .filter((k) => k.elements.length > 0)
      .sort((a, b) => a.elements.length - b.elements.length);
    for (const { key, elements } of keys) {
      const components: KeyComponent[] = [];
      let satisfied = false;
      for (const col of elements) {
        if (injective.has(col)) satisfied = true;
        const source = sources.get(col);
        if (source === undefined) {
          const unique = uniqueSpace(table, col, lookup, draft.hints.get(col), draft.rows);
          if (unique.semantic) semanticColumns.add(col);
          components.push({ kind: 'column', column: col, space: unique.space });
        } else if (source.kind === 'foreign-key') {
          const fk = fks[source.fk];
          if (injective.has(`fk:${source.fk}`)) satisfied = true;
          // An FK is a key component only when all its columns are in the key.
          if (fk?.columns.every((c) => elements.includes(c)) && !fkPicks.has(source.fk)) {
            if (!components.some((c) => c.kind === 'foreign-key' && c.fk === source.fk)) {
              const parent = plans[fkParents[source.fk] ?? -1] ?? drafts[fkParents[source.fk] ?? -1];
              components.push({ kind: 'foreign-key', fk: source.fk, space: parent?.rows ?? 0 });
            }
          }
        }
      }
      if (satisfied) continue;
      const rowsWanted = draft.rows;
      const related = findRelatedPair(components, {
        fkColumns: (i) => ({ columns: fks[i]?.columns ?? [], referenced: fks[i]?.referencedColumns ?? [] }),
        fkParent: (i) => fkParents[i] ?? -1,
        relations: draft.checks.relations.map((r) => r.atom),
      });
      const inOrderedPair = (c: KeyComponent) =>
        related?.orderCheck === true && (c === components[related.first] || c === components[related.second]);
      // Prefer one column that alone has room for every row (an `id`, a `name`).
      const single = components
        .filter((c) => c.space >= Math.max(rowsWanted, 1) && !inOrderedPair(c))
        .sort((a, b) => (a.kind === 'column' ? 0 : 1) - (b.kind === 'column' ? 0 : 1))[0];
      const chosen = single ? [single] : components.filter((c) => c.space > 0);
      const pair = single ? undefined : pairWithin(chosen, components, related);
      // Slot sizes: a related pair of FKs is one slot of distinct-row pairs.
      const slots = chosen.map((c, i) =>
        pair === undefined ? c.space : i === pair.first ? pair.space : i === pair.second ? 1 : c.space,
      );
      // No component: the key's values are fixed by other constraints; only one row is safe.
      const capacity = slots.reduce((a, s) => a * s, 1);
      if (capacity < rowsWanted) {
        const what = `${key.kind === 'primary-key' ? 'PRIMARY KEY' : 'UNIQUE'} ${key.name} (${elements.join(', ')})`;
        if (draft.explicit) {
          throw new DatagenError(
            ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
            `${displayName(table)}: ${rowsWanted} rows were requested but ${what} allows only ${capacity} distinct values` +
              (components.some((c) => c.kind === 'foreign-key')
                ? ' (a key over foreign keys is bounded by the parent tables\u2019 rows)'
                : '') +
              `. Ask for at most ${capacity} rows (--rows ${table.name}=${capacity}) or widen the key.`,
            { table: displayName(table), key: key.name, requested: rowsWanted, capacity },
          );
        }
        warnings.push({
          code: 'ROWS_REDUCED',
          where: displayName(table),
          message: `${displayName(table)}: ${what} allows only ${capacity} distinct values, so it gets ${capacity} rows instead of ${rowsWanted}.`,
        });
        draft.rows = capacity;
      }
      if (chosen.length === 0) continue;
      const radices = chooseRadices(slots, draft.rows);
      const first = chosen[0] as KeyComponent;
      const col = table.columns.find((c) => first.kind === 'column' && c.name === first.column);
      const ordered =
        chosen.length === 1 &&
        first.kind === 'column' &&
        col !== undefined &&
        INTEGER_TYPES.has(resolveDomains(col.type, lookup).base.name) &&
        resolveDomains(col.type, lookup).base.arrayDims === 0;
      const driverIndex = drivers.length;
      drivers.push({ key: key.name, components: chosen, radices, ordered, ...(pair ? { pair } : {}) });
      chosen.forEach((c, component) => {
        if (c.kind === 'column') {
          set(
            c.column,
            { kind: 'unique', driver: driverIndex, component, semantic: semanticColumns.has(c.column) },
            ordered
              ? `${key.name}: 1, 2, 3, … in row order`
              : `${key.name}: unique by a keyed bijection of the row`,
          );
        } else fkPicks.set(c.fk, { kind: 'driver', driver: driverIndex, component });
      });
      if (chosen.length === 1) {
        injective.add(first.kind === 'column' ? first.column : `fk:${first.fk}`);
      }
    }

    // Sequence-fed integer columns not otherwise planned count up like the sequence would.
    for (const c of table.columns) {
      if (sources.has(c.name) || !c.sequence) continue;
      const base = resolveDomains(c.type, lookup).base;
      if (!INTEGER_TYPES.has(base.name) || base.arrayDims > 0) continue;
      const driverIndex = drivers.length;
      drivers.push({
        key: `${c.name} sequence`,
        components: [{ kind: 'column', column: c.name, space: MAX_SPACE }],
        radices: [Math.max(draft.rows, 1)],
        ordered: true,
      });
      set(
        c.name,
        { kind: 'unique', driver: driverIndex, component: 0, semantic: false },
        'sequence: 1, 2, 3, … in row order',
      );
    }

    // CHECK value lists.
    for (const c of table.columns) {
      const oneOf = draft.hints.get(c.name)?.oneOf;
      if (oneOf && !sources.has(c.name))
        set(c.name, { kind: 'one-of', values: oneOf }, 'CHECK lists its values');
    }

    const foreignKeys: ForeignKeyPlan[] = fks.map((fk, i) => {
      const parent = fkParents[i] ?? -1;
      const selfReference = parent === draft.index;
      const nullable = fk.columns.some((col) => {
        const column = table.columns.find((c) => c.name === col);
        return column !== undefined && !column.notNull && !draft.hints.get(col)?.notNull;
      });
      const keyed = fkPicks.get(i);
      const pick: FkPick = keyed ?? (selfReference ? { kind: 'tree' } : { kind: 'hash' });
      const parentRows = (plans[parent] ?? drafts[parent])?.rows ?? 0;
      if (parent < 0) {
        throw new DatagenError(
          ErrorCodes.SCHEMA_INVALID,
          `${displayName(table)}: foreign key ${fk.name} references ${displayName(fk.references)}, which is not in the schema. Add its DDL with another --schema.`,
          { table: displayName(table), fk: fk.name },
        );
      }
      if (parentRows === 0 && draft.rows > 0 && !nullable && !selfReference && !draft.explicit) {
        warnings.push({
          code: 'TABLE_LEFT_EMPTY',
          where: displayName(table),
          message: `${displayName(table)}: foreign key ${fk.name} (${fk.columns.join(', ')}) is NOT NULL but ${displayName(tables[parent] as Table)} gets no rows, so ${displayName(table)} gets none either (see the warnings about ${displayName(tables[parent] as Table)}).`,
        });
        draft.rows = 0;
      }
      if (parentRows === 0 && draft.rows > 0 && !nullable && !selfReference) {
        throw new DatagenError(
          ErrorCodes.UNSATISFIABLE,
          `${displayName(table)}: foreign key ${fk.name} (${fk.columns.join(', ')}) is NOT NULL but ${displayName(
            tables[parent] as Table,
          )} gets 0 rows. Give ${displayName(tables[parent] as Table)} rows (--rows ${(tables[parent] as Table).name}=N) or ${displayName(table)} 0 rows.`,
          { table: displayName(table), fk: fk.name },
        );
      }
      const rate = !nullable || keyed ? 0 : parentRows === 0 ? 1 : selfReference ? 0 : nullRate;
      return { fk, parent, pick, nullRate: rate };
    });

    const keyColumns = new Set(uniquesOf(table).flatMap(keyElements));
    for (const col of uniquesOf(table).flatMap(caseFolded)) {
      draft.hints.set(col, { ...(draft.hints.get(col) ?? {}), lowercase: true });
    }
    const columns: ColumnPlan[] = table.columns.map((column) => {
      const hints = draft.hints.get(column.name) ?? {};
      const source = sources.get(column.name) ?? { kind: 'random' };
      const nullable = !column.notNull && !hints.notNull && !keyColumns.has(column.name);
      return {
        column,
        written: source.kind !== 'generated',
        source,
        nullRate: nullable && source.kind === 'random' ? nullRate : 0,
        hints,
        reason: reasons.get(column.name) ?? 'random value of its type',
      };
    });
    return {
      table,
      rows: draft.rows,
      columns,
      foreignKeys,
      drivers,
      filledThrough: draft.filledThrough,
      checks: draft.checks,
    };
  }
}

/**
 * `EXCLUDE USING gist (room WITH =, during WITH &&)` holds when no two rows
 * are equal on the `=` elements and overlap on the `&&` ones. The unique
 * generators of range types give pairwise disjoint ranges for distinct
 * inputs, so planning the elements as a unique key satisfies it.
 */
function exclusionAsKey(x: ExclusionConstraint, warnings: Warning[], table: Table): UniqueKey[] {
  const planned = x.elements.every((e) => e.column !== null && (e.operator === '=' || e.operator === '&&'));
  if (!planned) {
    warnings.push({
      code: 'EXCLUSION_NOT_PLANNED',
      where: displayName(table),
      message: `EXCLUDE constraint ${x.name} on ${displayName(table)} uses operators other than = and && on plain columns; values may violate it.`,
    });
    return [];
  }
  return [
    {
      kind: 'unique',
      name: x.name,
      columns: x.elements.map((e) => e.column),
      expressions: x.elements.map(() => null),
      where: x.where,
      nullsNotDistinct: false,
      isIndex: false,
      deferrable: false,
    },
  ];
}

function checkWarning(table: Table, problem: CheckProblem): Warning {
  const where = displayName(table);
  const what = `CHECK ${problem.check} (${problem.text}) on ${where}`;
  switch (problem.kind) {
    case 'not-evaluable':
      return {
        code: 'CHECK_NOT_COMPILED',
        where,
        message:
          `${what} cannot be planned or evaluated by datagen (${problem.reason}); generated rows may violate it. ` +
          'See how its columns are generated with "datagen plan". datagen has no per-column overrides yet, so ' +
          'generate from a copy of the DDL without this CHECK (or with an equivalent one datagen can read, e.g. ' +
          'the function body inlined), or give that table 0 rows with --rows.',
      };
    case 'future':
      return {
        code: 'CHECK_FUTURE_RELATIVE',
        where,
        message: `${what} bounds values from below by now(): they are generated after the reference time plus 30 days, so the rows satisfy it only until then.`,
      };
    case 'unsatisfiable':
      return {
        code: 'CHECK_UNSATISFIABLE',
        where,
        message: `${what} can never hold (${problem.reason}), so ${where} gets no rows (tables with NOT NULL foreign keys to it too). To fill it, fix or drop that CHECK in a copy of the DDL you generate from.`,
      };
  }
}

function dedupe(warnings: Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((w) => {
    const key = `${w.code}\u0000${w.where}\u0000${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

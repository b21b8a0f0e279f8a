/**
 * A readable (and JSON) account of a plan: for `datagen plan`.
 */

import { atomColumns, atomText } from '../checks/check-atoms.js';
import { TEXT_TYPES } from '../checks/check-hints.js';
import { createTypeLookup, resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { derivable, orientRelations, ROW_ATTEMPTS } from '../generate/row-checks.js';
import { createRowPicks } from '../generate/row-picks.js';
import { siblingNumbers } from '../generate/sibling-numbers.js';
import { statusColumnFor } from '../generate/status-dates.js';
import { createTenantStripes } from '../generate/tenant-stripes.js';
import { isUnreadableParentFit } from '../plan/foreign-key-type-fits.js';
import type { ColumnPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Schema, TypeRef } from '../schema/model.js';
import { plainName } from '../schema/names.js';
import { semanticKindOf } from '../values/column-kind.js';
import { ordinalCodecFor } from '../values/ordinal-codec.js';
import { UNDELIVERED_SHARE, undeliveredFrom } from '../values/semantic/version-eleven-names.js';
import { effectiveGeneratorVersion } from '../version.js';
import { COUNTED_CHILDREN } from './describe-counts.js';
import { describeHints } from './describe-hints.js';
import { CHAINED_END } from './describe-histories.js';
import { columnFamily } from './describe-named.js';
import { realistic, SUM_OF_LINES, shapedByOthers } from './describe-values.js';

export interface PlanDescription {
  readonly seed: number;
  readonly referenceTime: string;
  /** The locale of names, addresses and words, when not en. */
  readonly locale?: string;
  readonly tables: readonly {
    readonly table: string;
    readonly rows: number;
    readonly filledThrough: string | null;
    readonly columns: readonly {
      readonly name: string;
      readonly type: string;
      readonly source: string;
      /** How each CHECK on the column is met: `CHECK end_after_start end_date >= start_date: start_date + 0..365 days`. */
      readonly checks: readonly string[];
    }[];
  }[];
}

function typeText(t: TypeRef): string {
  const base = t.schema === 'pg_catalog' ? t.name : `${t.schema}.${t.name}`;
  return `${base}${t.typmods.length > 0 ? `(${t.typmods.join(',')})` : ''}${'[]'.repeat(t.arrayDims)}`;
}

/** Per column, a line for every CHECK that reads it and how the generator meets it. */
function checkLines(t: TablePlan): Map<string, string[]> {
  const lines = new Map<string, string[]>();
  const add = (column: string, line: string) => {
    const list = lines.get(column) ?? [];
    if (!list.includes(line)) list.push(line);
    lines.set(column, list);
  };
  const byName = new Map(t.columns.map((c) => [c.column.name, c]));
  const plan = t.checks;
  for (const { check, atom } of plan.compiled) {
    for (const c of atomColumns(atom)) add(c, `CHECK ${check} ${atomText(atom)}: a bound of the generator`);
  }
  const relations = [
    ...plan.relations.map((r) => ({ check: r.check, atom: r.atom })),
    ...plan.choices.flatMap((c) =>
      c.branches.flat().flatMap((a) => (a.kind === 'relation' ? [{ check: c.check, atom: a }] : [])),
    ),
  ];
  const oriented = orientRelations(
    relations.map((r) => r.atom),
    (c) => derivable(byName.get(c)),
    (c) => {
      const type = byName.get(c)?.column.type;
      return type !== undefined && (ordinalCodecFor(type) !== undefined || TEXT_TYPES.has(type.name));
    },
  );
  relations.forEach(({ check, atom }, i) => {
    const bound = oriented[i];
    const text = `CHECK ${check} ${atomText(atom)}`;
    if (!bound) {
      for (const c of atomColumns(atom)) add(c, `${text}: evaluated per row (no free column to derive)`);
      return;
    }
    const type = byName.get(bound.dependent)?.column.type;
    const codec = type ? ordinalCodecFor(type) : undefined;
    const offset = bound.offset
      ? ` ${bound.offset.sign > 0 ? '+' : '-'} ${typeof bound.offset.value === 'number' ? bound.offset.value : `'${bound.offset.value}'`}`
      : '';
    const how =
      bound.op === '='
        ? `${bound.base}${offset}`
        : bound.op === '>' || bound.op === '>='
          ? `${bound.base}${offset} + ${codec ? codec.spreadText : 'a suffix (lexicographic)'}${bound.op === '>' ? ' (strictly after)' : ''}`
          : `${bound.base}${offset} - ${codec ? codec.spreadText : 'a prefix (lexicographic)'}${bound.op === '<' ? ' (strictly before)' : ''}`;
    add(bound.dependent, `${text}: ${how}`);
    add(bound.base, `${text}: ${bound.dependent} is generated from it`);
  });
  for (const c of plan.choices) {
    const branches = c.branches.map((b) => b.map(atomText).join(' AND ') || 'true').join(' | ');
    for (const col of new Set(c.branches.flat().flatMap(atomColumns))) {
      add(col, `CHECK ${c.check}: per row, one branch of ${branches}`);
    }
  }
  for (const c of plan.counts) {
    for (const col of c.atom.columns)
      add(col, `CHECK ${c.check} ${atomText(c.atom)}: per row, a choice of the non-NULL columns`);
  }
  const explained = new Set([...plan.relations, ...plan.choices, ...plan.counts].map((p) => p.ast));
  for (const part of plan.verify) {
    if (explained.has(part.ast)) continue;
    if (isUnreadableParentFit(part.check)) {
      for (const col of expressionColumns(part.ast))
        add(
          col,
          `no parent value fits its type (${part.text}): NULL in every row where it is nullable, else no rows (see the warnings)`,
        );
      continue;
    }
    for (const col of expressionColumns(part.ast)) {
      add(
        col,
        `CHECK ${part.check} (${part.text}): evaluated per row, regenerated up to ${ROW_ATTEMPTS} times until it holds`,
      );
    }
  }
  return lines;
}

/** A column's NULLs: its share, or (version 12) TPC-C's newest orders without a carrier (compile-column.ts). */
function nullText(t: TablePlan, c: ColumnPlan, lookup: TypeLookup | undefined, version: number): string {
  if (c.nullRate <= 0) return '';
  const family = lookup ? columnFamily(c, lookup) : null;
  const from = version >= 12 && family === 'integer' ? undeliveredFrom(t.table, c.column, t.rows) : undefined;
  if (from !== undefined && c.source.kind === 'random')
    return `, NULL from row ${from + 1} on (the newest ${Math.round(UNDELIVERED_SHARE * 100)}% of orders have no carrier yet)`;
  const rate = `${Math.round(c.nullRate * 100)}% NULL`;
  // Version 24: a column the row's status sets or leaves NULL takes its share of NULLs only where the status is NULL.
  const status =
    version >= 24 && lookup && c.source.kind === 'random'
      ? statusColumnFor(t, c.column.name, resolveDomains(c.column.type, lookup).base.name, version)
      : undefined;
  if (status === undefined) return `, ${rate}`;
  const nullable = t.columns.some((o) => o.column.name === status && !o.column.notNull && o.nullRate > 0);
  return nullable ? `, ${rate} where ${status} is NULL` : '';
}

/** How `datagen plan` names a column the engine leaves NULL in every row. */
export const LEFT_NULL = 'NULL in every row (its type and CHECKs allow no other value; see the warnings)';

/** The plan as text for people (`schema` lets it name the realistic values columns get). */
export function describePlan(plan: GenerationPlan, schema?: Schema): PlanDescription {
  const lookup = schema ? createTypeLookup(schema) : undefined;
  const version = effectiveGeneratorVersion(plan.generatorVersion);
  const kindOf = (tableIndex: number, column: string) => {
    const t = plan.tables[tableIndex];
    const c = t?.columns.find((col) => col.column.name === column);
    return t && c && lookup
      ? semanticKindOf(t.table, c.column, resolveDomains(c.column.type, lookup).base, c.hints, version)
      : null;
  };
  const stripes = createTenantStripes(plan);
  /** A tenant column's reason with how many tenants its rows spread over (as the engine decides). */
  const picks = createRowPicks(plan);
  const tenants = (c: ColumnPlan, tableIndex: number): string => {
    const group = c.source.kind === 'constant' ? c.source.stripes?.group : undefined;
    if (group === undefined) return placeNumbered(c, tableIndex) ?? c.reason;
    const k = stripes.count(group);
    if (k <= 1) return `${c.reason} (one tenant for the whole chain)`;
    const decider = stripes.deciderOf(tableIndex, group);
    const fk = decider === undefined ? undefined : plan.tables[tableIndex]?.foreignKeys[decider.fk]?.fk.name;
    return fk === undefined
      ? `${c.reason} (${k} tenants, row by row)`
      : `${c.reason} (${k} tenants, as the parent row ${fk} picks)`;
  };
  /** Version 12: a key's counter within its parent under an exact fan-out (generate/sibling-numbers.ts). */
  const placeNumbered = (c: ColumnPlan, tableIndex: number): string | undefined => {
    const t = plan.tables[tableIndex] as TablePlan;
    if (version < 12 || c.source.kind !== 'unique' || c.source.nullFrom !== undefined || !lookup)
      return undefined;
    if (columnFamily(c, lookup) !== 'integer') return undefined;
    const numbers = siblingNumbers(t, tableIndex, c, c.source, picks.exactFanOut);
    const key = t.drivers[c.source.driver]?.key;
    return (
      numbers && `${key}: 1, 2, 3, … within each parent row (the row's place among its parent's children)`
    );
  };
  return {
    seed: plan.seed,
    referenceTime: plan.referenceTime,
    ...(plan.locale === undefined ? {} : { locale: plan.locale }),
    tables: plan.tables.map((t, tableIndex) => {
      const lines = checkLines(t);
      return {
        table: plainName(t.table),
        rows: t.rows,
        filledThrough: t.filledThrough ? plainName(t.filledThrough) : null,
        columns: t.columns.map((c) => {
          const checks = lines.get(c.column.name) ?? [];
          const meaning = realistic(t, c, lookup, version, plan.locale ?? 'en');
          // As the engine does: a nullable column whose hints allow only NULL is NULL whatever its source.
          const reason =
            (c.hints.nullOnly === true && !c.column.notNull
              ? LEFT_NULL
              : meaning === null
                ? tenants(c, tableIndex)
                : c.source.kind === 'random'
                  ? meaning
                  : `${tenants(c, tableIndex)}, ${meaning}`) +
            (lookup
              ? shapedByOthers(
                  plan,
                  tableIndex,
                  c,
                  kindOf,
                  (col) => resolveDomains(col.column.type, lookup).base.name,
                  lookup,
                  version,
                )
              : '');
          const bounds = describeHints(c.hints);
          return {
            name: c.column.name,
            type: typeText(c.column.type),
            source:
              reason +
              (bounds === undefined ? '' : `; values ${bounds}`) +
              (c.steer === undefined &&
              ((version >= 13 && reason.includes(SUM_OF_LINES)) ||
                (version >= 15 && reason.includes(CHAINED_END)) ||
                (version >= 30 && reason.includes(COUNTED_CHILDREN)))
                ? ''
                : nullText(t, c, lookup, version)) +
              checks.map((l) => `; ${l}`).join('') +
              (c.outsideFrom === undefined
                ? ''
                : `; from row ${c.outsideFrom.row + 1} on, outside the WHERE of ${c.outsideFrom.key} (its room: ${c.outsideFrom.row} rows)`),
            checks,
          };
        }),
      };
    }),
  };
}

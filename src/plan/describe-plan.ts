/**
 * A readable (and JSON) account of a plan: for `datagen plan`.
 */
import type { TypeRef } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import type { GenerationPlan } from './plan-model.js';

export interface PlanDescription {
  readonly seed: number;
  readonly tables: readonly {
    readonly table: string;
    readonly rows: number;
    readonly filledThrough: string | null;
    readonly columns: readonly { readonly name: string; readonly type: string; readonly source: string }[];
  }[];
}

function typeText(t: TypeRef): string {
  const base = t.schema === 'pg_catalog' ? t.name : `${t.schema}.${t.name}`;
  return `${base}${t.typmods.length > 0 ? `(${t.typmods.join(',')})` : ''}${'[]'.repeat(t.arrayDims)}`;
}

export function describePlan(plan: GenerationPlan): PlanDescription {
  return {
    seed: plan.seed,
    tables: plan.tables.map((t) => ({
      table: displayName(t.table),
      rows: t.rows,
      filledThrough: t.filledThrough ? displayName(t.filledThrough) : null,
      columns: t.columns.map((c) => ({
        name: c.column.name,
        type: typeText(c.column.type),
        source:
          c.reason +
          (Object.keys(c.hints).length > 0 ? `; bounds ${JSON.stringify(c.hints)}` : '') +
          (c.nullRate > 0 ? `, ${Math.round(c.nullRate * 100)}% NULL` : ''),
      })),
    })),
  };
}

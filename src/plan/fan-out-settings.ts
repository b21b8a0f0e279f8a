/**
 * The configuration's per-foreign-key fan-out (`per_parent`,
 * `share_without_children`) on the FK plans: only an FK whose parent row is
 * a free choice can take it (a key's bijection or a self-reference's tree
 * decides the others: a warning says so), and a range the child's rows cannot
 * meet is warned with the numbers.
 */

import type { Warning } from '../errors.js';
import { counted } from '../errors.js';
import type { ForeignKeyConfig } from '../input/spec/column-config.js';
import type { Table } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import type { ForeignKeyPlan } from './plan-model.js';

/** Parents with children out of `parentRows`, with `share` of them left without. */
export function activeParents(parentRows: number, share: number): number {
  return Math.max(1, parentRows - Math.floor(parentRows * share));
}

export function applyFanOutSettings(
  table: Table,
  plans: readonly ForeignKeyPlan[],
  settings: ReadonlyMap<number, ForeignKeyConfig> | undefined,
  rows: number,
  parentRows: (plan: ForeignKeyPlan) => number,
  warnings: Warning[],
): ForeignKeyPlan[] {
  if (!settings || settings.size === 0) return [...plans];
  return plans.map((plan, i) => {
    const config = settings.get(i);
    if (!config) return plan;
    const name = `${displayName(table)} foreign key ${plan.fk.name}`;
    if (plan.pick.kind !== 'hash') {
      warnings.push({
        code: 'FAN_OUT_NOT_APPLIED',
        where: config.where,
        message: `${config.where}: ${name}: per_parent does not apply: ${
          plan.pick.kind === 'tree'
            ? 'a self-reference makes a tree (each row points to an earlier one)'
            : 'its columns are in a unique key, whose values decide the parent row'
        }.`,
      });
      return plan;
    }
    const share = config.shareWithoutChildren ?? 0;
    const perParent = config.perParent;
    if (perParent?.kind === 'range' && rows > 0) {
      const parents = parentRows(plan);
      const active = activeParents(parents, share);
      if (rows < active * perParent.min || rows > active * perParent.max) {
        warnings.push({
          code: 'FAN_OUT_NOT_MET',
          where: config.where,
          message: `${config.where}: ${name}: ${counted(rows, 'row')} cannot give each of ${active} parent rows with children ${perParent.min}..${perParent.max} (that needs ${active * perParent.min}..${counted(active * perParent.max, 'row')}); the rows are spread as evenly as they allow. Set the table's rows in that range.`,
        });
      }
    }
    return {
      ...plan,
      // Every child row takes a parent: the counts add up to the rows.
      ...(perParent?.kind === 'range' ? { nullRate: 0 } : {}),
      fanOut: {
        ...(perParent ? { perParent } : {}),
        ...(config.shareWithoutChildren === undefined ? {} : { shareWithoutChildren: share }),
      },
    };
  });
}

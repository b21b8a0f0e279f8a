/**
 * Foreign keys on generated columns. PostgreSQL computes a generated column
 * from the row (`motion_id int GENERATED ALWAYS AS (CASE WHEN kind = 'motion'
 * THEN ref END) STORED REFERENCES motion`), so the parent row datagen would
 * pick for it is never written: only the columns it is computed from are, and
 * nothing made them a parent's key. The rows then failed the load ("violates
 * foreign key constraint") at exit 0. Where the planner builds such values
 * (a tagged `tag/id` column: tagged-references.ts) or the expression reads
 * only json paths (left absent, so NULL: json-path-demands.ts), the key holds;
 * otherwise the table gets no rows, warned, so the output loads (issue 8's
 * ladder: never a row that fails): from generator version 24, and at every
 * version since session 34 (before it, the older versions' output failed to
 * load, a constraint fix needing no gate).
 */

import { resolveDomains } from '../checks/type-resolution.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Column, ForeignKey } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import { quoteIdent } from '../schema/quote.js';
import type { PlanContext, TableWork } from './table-work.js';

const JSON_TYPES = new Set(['json', 'jsonb']);

/** The generated columns a tagged column's arms build (their FK holds by construction). */
function builtByTagged(work: TableWork): Set<string> {
  const built = new Set<string>();
  for (const source of work.sources.values())
    if (source.kind === 'tagged') for (const arm of source.arms) if (arm.generated) built.add(arm.generated);
  return built;
}

/** True when the generated expression reads json columns alone (their paths are left absent: NULL). */
function readsOnlyJson(ctx: PlanContext, columns: readonly Column[], column: Column): boolean {
  const read = expressionColumns(column.generated?.ast);
  return (
    read.length > 0 &&
    read.every((name) => {
      const c = columns.find((x) => x.name === name);
      return c !== undefined && JSON_TYPES.has(resolveDomains(c.type, ctx.lookup).base.name);
    })
  );
}

/** The first FK on a generated column whose values nothing makes a parent's key, with that column. */
function unmetGeneratedKey(
  ctx: PlanContext,
  work: TableWork,
): { fk: ForeignKey; column: Column } | undefined {
  const { columns } = work.table;
  const built = builtByTagged(work);
  for (const fk of ctx.family.foreignKeysOf(work.table))
    for (const name of fk.columns) {
      const column = columns.find((c) => c.name === name);
      if (!column?.generated || built.has(name) || readsOnlyJson(ctx, columns, column)) continue;
      return { fk, column };
    }
  return undefined;
}

/** The table gets no rows where a foreign key on a generated column cannot be met (at any generator version). */
export function emptyWhereGeneratedKeysUnmet(ctx: PlanContext, work: TableWork): void {
  if (work.rows === 0) return;
  const unmet = unmetGeneratedKey(ctx, work);
  if (!unmet) return;
  const { fk, column } = unmet;
  work.empty(
    `foreign key ${fk.name} (${fk.columns.join(', ')}) is on the generated column ${quoteIdent(column.name)}, which PostgreSQL computes from the row (${column.generated?.text}): datagen cannot make its values keys of ${displayName(fk.references)}, so rows would fail the load. Put the foreign key on the column(s) it is computed from, or load this table's rows yourself`,
  );
}

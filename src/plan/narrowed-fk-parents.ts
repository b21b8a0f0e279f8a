/**
 * A NOT NULL FK column whose values a length bound keeps short (a
 * `varchar(2)` over a text key: `foreign-key-type-fits.ts`, or its own
 * `CHECK (length(c) <= 2)`) can only point at parent values that short; a
 * parent whose key values are all longer leaves it no row. The parent's
 * referenced text column is then kept as short (its own hints, where nothing
 * else decides it): every parent value fits, and the parent's key holds as
 * many rows as values that short allow (warned as a key's capacity).
 */

import type { ColumnHints } from '../checks/check-hints.js';
import { resolveDomains } from '../checks/type-resolution.js';
import type { Table } from '../schema/model.js';
import type { PlanContext } from './table-work.js';

const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar', 'citext']);

const inUniqueKey = (table: Table, column: string): boolean =>
  [table.primaryKey, ...table.uniques].some((key) => key?.columns.includes(column) === true);

export function shortenDemandedParentValues(ctx: PlanContext): void {
  for (const draft of ctx.drafts) {
    if (draft.filledThrough !== null) continue;
    ctx.family.foreignKeysOf(draft.table).forEach((fk, i) => {
      const parentIndex = ctx.family.parentIndex(draft.table, i);
      const parent = ctx.drafts[parentIndex];
      if (parent === undefined || parent === draft) return;
      fk.columns.forEach((name, k) => {
        const column = draft.table.columns.find((c) => c.name === name);
        const limit = draft.hints.get(name)?.maxLength;
        if (!column || limit === undefined || limit < 1) return;
        if (!column.notNull && !inUniqueKey(draft.table, name)) return;
        const referenced = fk.referencedColumns[k] as string;
        const target = parent.table.columns.find((c) => c.name === referenced);
        if (!target || target.sequence || target.identity || target.generated) return;
        const base = resolveDomains(target.type, ctx.lookup).base;
        if (base.arrayDims > 0 || !TEXT_TYPES.has(base.name)) return;
        const h: ColumnHints = parent.hints.get(referenced) ?? {};
        if (h.oneOf || h.holds || (h.patterns?.length ?? 0) > 0) return;
        if (h.maxLength !== undefined && h.maxLength <= limit) return;
        if (h.minLength !== undefined && h.minLength > limit) return;
        parent.hints.set(referenced, { ...h, maxLength: limit });
      });
    });
  }
}

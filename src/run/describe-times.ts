/**
 * When `datagen plan` says a realistic time column falls: at or after the
 * row's creation (an epoch key), among its row's stages, a life event before
 * its record, a loan's period, after its parent rows' starts (describe-values.ts
 * puts these after the column's meaning).
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { randomColumnChoice } from '../generate/random-choice.js';
import { siblingKindOf } from '../generate/row-context.js';
import type { ColumnPlan, TablePlan } from '../plan/plan-model.js';
import type { TypeRef } from '../schema/model.js';
import { epochOrderCreation } from '../values/semantic/epoch-row-order.js';
import type { SemanticKind } from '../values/semantic/index.js';
import { hiringCreation, lifeEventCreation } from '../values/semantic/life-events.js';
import { loanStartOf } from '../values/semantic/loan-returns.js';
import {
  followsCreation,
  isRowFirstMoment,
  isTimeKind,
  stageOrderOf,
} from '../values/semantic/time-stages.js';

/** Version 6: a unique moment kept as an integer, its key alone and no held keys: at or after the row's creation. */
export function epochOrderText(
  t: TablePlan,
  c: TablePlan['columns'][number],
  kind: SemanticKind,
  base: TypeRef,
  lookup: TypeLookup,
  version: number,
): string {
  if (version < 6 || !isTimeKind(kind) || c.source.kind !== 'unique') return '';
  if (base.name !== 'int4' && base.name !== 'int8') return '';
  const driver = t.drivers[c.source.driver];
  if (driver === undefined || driver.components.length !== 1 || driver.existing !== undefined) return '';
  const creation = epochOrderCreation(
    c.column.name,
    t.table.columns.map((col) => col.name),
    t.rows,
    (name) => siblingKindOf(t, name, lookup, version),
    version,
  );
  return creation === null
    ? ''
    : `, epoch seconds at or after ${creation} in the row (within 2 × rows seconds)`;
}

/**
 * Whether a column's time follows its parent rows' starts: a start of the
 * row; version 6 also a later time in a table with no start (time-values.ts'
 * createLaterGenerator draws it as the row's first time then).
 */
export function startsAfterParents(
  t: TablePlan,
  column: string,
  kindOf: (column: string) => SemanticKind | null,
  version: number,
): boolean {
  const kind = kindOf(column);
  if (kind === 'created_at') return true;
  if (version >= 11 && kind === 'past_time') return isRowFirstMoment(t.table, column, kindOf);
  return (
    version >= 6 &&
    kind === 'updated_at' &&
    !t.table.columns.some((other) => other.name !== column && kindOf(other.name) === 'created_at')
  );
}

/** When a random column's time falls: its stages' order (version 5), else a past moment's ten years. */
export function timeText(t: TablePlan, c: ColumnPlan, lookup: TypeLookup, version: number): string {
  if (c.steer) return '';
  const choice = randomColumnChoice(t.table, c, resolveDomains(c.column.type, lookup).base, c.hints, version);
  const meaning = choice.kind === 'semantic' || choice.kind === 'checks' ? choice.meaning : null;
  if (!isTimeKind(meaning)) return '';
  const kindOf = (name: string) => siblingKindOf(t, name, lookup, version);
  const creation = version >= 7 ? lifeEventCreation(t.table, c.column.name, kindOf) : null;
  if (creation !== null) return lifeEventText(t, creation, kindOf);
  const hiring =
    version >= 8 && meaning === 'birth_date' ? hiringCreation(t.table, c.column.name, kindOf) : null;
  if (hiring !== null) return `, 18 or more years before ${hiring} in the row (a hire follows it)`;
  const loan = version >= 9 ? loanStartOf(t.table, c.column.name, kindOf) : null;
  if (loan !== null)
    return `, about the loan's period in days after ${loan} in the row (a rental_duration, loan_period or *_days of the row or the rows it leads to, else 3 to 7), never after the reference date`;
  const staged = version >= 5 ? stageText(t, c, meaning, lookup, version) : null;
  if (staged !== null) return staged;
  return meaning === 'past_time' ? ', in the ten years before the reference date' : '';
}

/** Version 7: a hire before its record (values/semantic/life-events.ts), as createLifeEventGenerator draws it. */
function lifeEventText(
  t: TablePlan,
  creation: string,
  kindOf: (name: string) => SemanticKind | null,
): string {
  const birth = t.table.columns.find((other) => !other.generated && kindOf(other.name) === 'birth_date');
  const adult = birth === undefined ? '' : `, 18 or more years after ${birth.name}`;
  return `, a life event before its record: at or before ${creation} in the row, up to 15 years before${adult}`;
}

/**
 * Version 5: a time column among its row's stages (values/semantic/time-stages.ts), as the engine reads its
 * siblings and time-values.ts' createStagedTimeGenerator spreads it; null where its own kind's generator decides.
 */
function stageText(
  t: TablePlan,
  c: ColumnPlan,
  kind: SemanticKind | null,
  lookup: TypeLookup,
  version: number,
): string | null {
  const kindOf = (name: string) => siblingKindOf(t, name, lookup, version);
  const order = stageOrderOf(t.table, c.column.name, kindOf, version);
  if (order === null) return null;
  const deadline = kind === 'due_at';
  if (order.follows.length === 0) {
    if (
      kind !== 'updated_at' &&
      !deadline &&
      !(version >= 6 && followsCreation(kind, order, c.column.name, version))
    )
      return null;
    return order.creation === null
      ? ', the first of its row’s stages: a moment as a creation time falls'
      : `, the first of its row’s stages: at or after ${order.creation} in the row${deadline ? ', up to a year later' : ''}`;
  }
  const fallback =
    order.creation === null
      ? ' (in the five years before the reference date where they are NULL)'
      : ` (after ${order.creation} where they are NULL)`;
  const follows = order.follows.length === 1 ? order.follows[0] : `the latest of ${order.follows.join(', ')}`;
  const spread = deadline
    ? 'up to a year later'
    : order.uniform
      ? 'anywhere up to the reference date'
      : 'mostly soon after';
  return `, at or after ${follows} in the row${fallback}, ${spread}`;
}

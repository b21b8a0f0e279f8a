/**
 * Version 11: every pair of a row's lifecycle times in order, whatever rule
 * made each one and whatever prefix the names carry (auctionmark's
 * `i_updated` was before `i_created` in 333 of 809 rows: two creation-like
 * columns drawn apart). A time column's role is read from its name without
 * its table's prefix: the creation (`created_at`, `i_created`), a start of
 * the row's work (`started_at`, `i_start_date`, `cfp_loader_start`), its last
 * change (`updated_at`, `last_login`), an end (`end_date`, `finished_at`,
 * `cfp_loader_stop`, `expires_at`), a removal (`deleted_at`, `closed_at`,
 * `cancelled_at`). The order: creation ≤ start ≤ end, start ≤ update,
 * creation ≤ update ≤ removal, start ≤ removal, a start before the end of its own subject
 * (`trial_start` ≤ `trial_end`). A column whose value comes before one it
 * follows is moved to a moment at or after the latest of them (a day after
 * for a date, a zone's margin between a zoned and an unzoned type), soon
 * after; it reads only columns of lower roles, so no cycle forms. Births,
 * deaths and hires keep their own rules (life-events.ts, time-stages.ts).
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { Table } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { isCreationName, isModificationName } from './number-time-names.js';
import { type SemanticBuild, type SemanticGenerator, siblingSeconds } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { isTimeKind, stageOrderOf } from './time-stages.js';
import { readTimestampSeconds } from './time-text.js';
import { createTimeWriter, MAX_ZONE_OFFSET, REFERENCE_SECONDS } from './time-values.js';
import { withoutTablePrefix } from './version-ten-names.js';
import { isLifeStart24, RECRUITING_TABLE, stayEndOf } from './version-twentyfour-names.js';

type Role = 'creation' | 'request' | 'start' | 'update' | 'end' | 'removal' | 'settlement' | 'closing';

/** The roles a role's column follows: lower ones only, so reads never cycle. */
const FOLLOWS: Readonly<Record<Role, readonly Role[]>> = {
  creation: [],
  // Version 22's roles (no column has one before): a request, a settlement.
  request: ['creation'],
  start: ['creation'],
  update: ['creation', 'request', 'start'],
  end: ['creation', 'request', 'start'],
  removal: ['creation', 'request', 'start', 'update'],
  settlement: ['creation', 'start', 'end'],
  // Version 23: a period's closing (`closed_at`, `locked_at`) after its end, as a pay period closes once it ended.
  closing: ['creation', 'request', 'start', 'update', 'end'],
};
const CLOSINGS_23 = new Set(['closed', 'close', 'locked', 'finalized', 'finalised']);
/** Version 23: a device's or an alert's first moment (`installed_at`, `raised_at`), and what a person or a device does after it. */
const STARTS_23 = new Set('installed raised triggered detected deployed activated provisioned'.split(' '));
const STEPS_23 = new Set('acknowledged acked seen'.split(' '));

/**
 * Version 22: a request's or an enrolment's moment (`requested_at`,
 * `enrolled_at`) comes before the row's changes, ends and removals (not
 * before its start: a leave's `starts_on`), an invoice's issue is its start, a step a
 * status names (`approved_at`, `paid_at`, `first_response_at`) a change
 * after them, a pay day (`pay_date`) after the period's end.
 */
const REQUESTS_22 = new Set(
  'requested enrolled submitted applied placed ordered reported registered joined'.split(' '),
);
const STARTS_22 = new Set(['issued', 'issue']);
const STEPS_22 = new Set(
  'approved rejected paid response responded answered graded reviewed confirmed accepted declined processed shipped delivered succeeded failed resolved solved published sent'.split(
    ' ',
  ),
);
const SETTLEMENTS_22 = new Set(['pay', 'payday', 'payout', 'settlement']);
/** Version 22: what undoes the row's steps (a refund after the payment succeeded, an enrolment dropped). */
const REMOVALS_22 = new Set(['refunded', 'dropped', 'withdrawn', 'chargeback']);

function roleOf22(word: string): Role | null {
  if (REQUESTS_22.has(word)) return 'request';
  if (STARTS_22.has(word)) return 'start';
  if (STEPS_22.has(word)) return 'update';
  if (REMOVALS_22.has(word)) return 'removal';
  return SETTLEMENTS_22.has(word) ? 'settlement' : null;
}

const STARTS = new Set(
  ['start', 'starts', 'started', 'begin', 'begins', 'began', 'commenced', 'opened'].concat([
    'depart',
    'departure',
  ]),
);
const ENDS = new Set(
  ['end', 'ends', 'ended', 'finish', 'finished', 'completed', 'completion', 'stop', 'stopped'].concat([
    'expires',
    'expiry',
    'expired',
    'expiration',
    'arrive',
    'arrival',
  ]),
);
const REMOVALS = new Set(
  ['deleted', 'removed', 'removal', 'archived', 'closed', 'close'].concat([
    'cancelled',
    'canceled',
    'voided',
  ]),
);
/** Words around a role word that only say it is a time. */
const TIME_WORDS = new Set(['at', 'on', 'date', 'time', 'ts', 'timestamp', 'datetime', 'dt', 'utc', 'd']);
/** Types whose text the rows compare as moments (an epoch integer or a time kept as text keeps its own rules). */
const MOMENT_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

interface Lifecycle {
  readonly role: Role;
  /** The words the role word is of (`trial` in `trial_end`), '' for a bare one. */
  readonly subject: string;
}

/** A column's lifecycle role, read without its table's prefix (`i_created` of `item`), or null. */
function lifecycleOf(table: Table, name: string, version: number): Lifecycle | null {
  const bare = withoutTablePrefix(table, name) ?? name;
  if (isCreationName(bare)) return { role: 'creation', subject: '' };
  const v24 = version >= 24 ? lifecycleOf24(table, bare) : null;
  if (v24 !== null) return v24;
  if (isModificationName(bare)) return { role: 'update', subject: '' };
  const t = [...nameTokens(bare)];
  while (t.length > 1 && TIME_WORDS.has(t[t.length - 1] ?? '')) t.pop();
  while (t.length > 1 && TIME_WORDS.has(t[0] ?? '')) t.shift();
  if (t.length > 1 && t[0] === 'last') return { role: 'update', subject: '' };
  const word = t[t.length - 1] ?? '';
  const subject = t.slice(0, -1).join(' ');
  if (STARTS.has(word)) return { role: 'start', subject };
  if (ENDS.has(word)) return { role: 'end', subject };
  if (version >= 23 && CLOSINGS_23.has(word)) return { role: 'closing', subject };
  if (version >= 23 && STARTS_23.has(word)) return { role: 'start', subject };
  if (version >= 23 && STEPS_23.has(word)) return { role: 'update', subject };
  if (REMOVALS.has(word)) return { role: 'removal', subject };
  const v22 = version >= 22 ? roleOf22(word) : null;
  return v22 === null ? null : { role: v22, subject };
}

/**
 * Version 24: a loan's, a booking's, an offer's first moment is the row's creation (`loaned_at`), a stay's
 * check-in its start and check-out its end, a job's posting its start, an application's hire a step.
 */
function lifecycleOf24(table: Table, bare: string): Lifecycle | null {
  if (isLifeStart24(bare)) return { role: 'creation', subject: '' };
  // An offer's start date comes once it was answered: after the row's steps.
  if (/offer/.test(table.name.toLowerCase()) && STARTS.has(nameTokens(bare)[0] ?? ''))
    return { role: 'closing', subject: '' };
  const stay = stayEndOf(bare);
  if (stay !== null) return { role: stay === 'in' ? 'start' : 'end', subject: 'stay' };
  const t = nameTokens(bare).filter((w) => !TIME_WORDS.has(w));
  if (t.length !== 1) return null;
  if (t[0] === 'posted') return { role: 'start', subject: '' };
  return t[0] === 'hired' && RECRUITING_TABLE.test(table.name.toLowerCase())
    ? { role: 'update', subject: '' }
    : null;
}

/** Whether `other` comes before `mine` in a row: a lower role it follows, a start only of an end's own subject. */
function comesBefore(mine: Lifecycle, other: Lifecycle): boolean {
  if (!FOLLOWS[mine.role].includes(other.role)) return false;
  return !(mine.role === 'end' && other.role === 'start') || mine.subject === other.subject;
}

/**
 * The time columns of `table` a column of `kind` (base type `baseName`)
 * follows in its row under version 11, with the margin each needs; empty
 * where it follows none. `kindOf`: a column's meaning.
 */
export function lifecycleFollows(
  table: Table,
  name: string,
  baseName: string,
  kind: SemanticKind | null,
  kindOf: (column: string) => SemanticKind | null,
  version: number,
): { name: string; margin: number }[] {
  if (!isTimeKind(kind) || !MOMENT_TYPES.has(baseName)) return [];
  const mine = lifecycleOf(table, name, version);
  if (mine === null) return [];
  const zoned = baseName === 'timestamptz';
  const found: { name: string; margin: number }[] = [];
  for (const column of table.columns) {
    if (column.name === name || column.generated) continue;
    if (!MOMENT_TYPES.has(column.type.name) || !isTimeKind(kindOf(column.name))) continue;
    const other = lifecycleOf(table, column.name, version);
    if (other === null || !comesBefore(mine, other)) continue;
    // Version 22's roles may put a stage before a column its chain puts after it (`sent_at` an update, `opened_at`
    // a start, but an opened message was sent first): the stage chain's order wins, so the two never read each other.
    if (version >= 22 && stagesReach(table, column.name, name, kindOf, version)) continue;
    // A zoned against an unzoned time compares in the session's zone: a margin wider than any offset.
    const margin = (column.type.name === 'timestamptz') !== zoned ? MAX_ZONE_OFFSET : 0;
    found.push({ name: column.name, margin });
  }
  return found;
}

/** Whether `from`'s value follows `to` through the row's stage chains (time-stages.ts), directly or by steps. */
function stagesReach(
  table: Table,
  from: string,
  to: string,
  kindOf: (column: string) => SemanticKind | null,
  version: number,
): boolean {
  const seen = new Set<string>();
  const next = [from];
  for (let column = next.pop(); column !== undefined; column = next.pop()) {
    if (seen.has(column)) continue;
    seen.add(column);
    const order = stageOrderOf(table, column, kindOf, version);
    for (const earlier of [...(order?.follows ?? []), ...(order?.creation ? [order.creation] : [])]) {
      if (earlier === to) return true;
      next.push(earlier);
    }
  }
  return false;
}

/** Up to a month after the moment it must follow, mostly soon after, never past `limit`. */
function soonAfter(rand: RowRandom, low: number, limit: number): number {
  const u = rand.float();
  return low + Math.floor(Math.max(0, Math.min(30 * SECONDS_PER_DAY, limit - low)) * u * u);
}

/**
 * Version 11: `made`, its value moved after the row's earlier lifecycle times
 * where it comes before one of them; `made` itself where the column has none.
 */
export function withLifecycleOrder(
  build: SemanticBuild,
  kind: SemanticKind,
  made: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 11) return made;
  const earlier = lifecycleFollows(
    build.table,
    build.column.name,
    build.base.name,
    kind,
    (name) => build.ctx.siblingKind(name),
    build.version,
  );
  if (earlier.length === 0) return made;
  const write = createTimeWriter(build.base, build.tokens);
  const isDate = build.base.name === 'date';
  const readers = earlier.map(({ name, margin }) => {
    const read = siblingSeconds(build.ctx, name);
    return (row: number): number | undefined => {
      const at = read(row);
      return at === undefined ? undefined : at + margin;
    };
  });
  return {
    // Dates and timestamps are printable ASCII: the COPY writer skips its escape scan.
    escapeFree: true,
    random(rand, row) {
      const text = made.random(rand, row);
      let low: number | undefined;
      for (const read of readers) {
        const at = read(row);
        if (at !== undefined && (low === undefined || at > low)) low = at;
      }
      if (low === undefined) return text;
      // A date compares as its midnight: the first midnight at or after the moment.
      if (isDate) low = Math.ceil(low / SECONDS_PER_DAY) * SECONDS_PER_DAY;
      const own = readTimestampSeconds(text);
      if (own !== undefined && own >= low) return text;
      const at = soonAfter(rand, low, Math.max(low, REFERENCE_SECONDS - 1));
      return write(isDate ? Math.floor(at / SECONDS_PER_DAY) * SECONDS_PER_DAY : at);
    },
  };
}

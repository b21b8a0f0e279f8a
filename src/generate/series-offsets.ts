/**
 * Version 13: a series' days (values/semantic/date-series.ts, a date beside
 * an FK in a unique key) that are a period's start beside its end
 * (`salaries (emp_no, from_date, to_date)`, `job_history (employee_id,
 * start_date, end_date)`) end on a day of each parent's own, up to three
 * years back, and step about a year per row back from there. Version 12
 * gave every parent the same run of consecutive days ending the day before
 * the reference date: with one row per employee, every employee's salary
 * and job history started on 2025-12-31. Other series (a security's
 * trading days, a sensor's readings) keep that common run.
 *
 * Still injective within a parent: its offset is one number, and the rows'
 * years are disjoint intervals (k · 365 plus under 120 days), so the key
 * (parent, date) stays unique by construction.
 *
 * Where the parent has a start (`employees.hire_date`, parent-time.ts), its
 * periods start on or after it: the offset and the step (a year, shorter
 * for a parent hired lately: the days since its start over the rows it may
 * hold) fit them between that start and the day before the reference date;
 * a parent started fewer days ago than it has rows keeps one day a row.
 */
import { SECONDS_PER_DAY } from '../checks/calendar.js';
import type { TablePlan, UniqueDriver } from '../plan/plan-model.js';
import { mix32 } from '../values/random.js';
import type { PeriodChain } from '../values/semantic/index.js';
import { PERIOD_END_DAYS } from '../values/semantic/number-time-names.js';
import { isPeriodStart } from '../values/semantic/period-chain-end.js';
import { REFERENCE_DAY } from '../values/semantic/time-values.js';
import type { EarliestStart } from './parent-time.js';

/** A parent's run ends up to this many days before the day before the reference date. */
const PARENT_SPREAD_DAYS = 3 * 365;
const YEAR_DAYS = 365;
/** Under a year's step, so periods stay apart. */
const YEAR_JITTER_DAYS = YEAR_DAYS - PERIOD_END_DAYS;
/** Version 15: most periods a parent may hold for its rows' neighbours to be looked up. */
const SIBLING_SLOTS = 64;
/** Series index 0's day: the day before the reference date (date-series.ts). */
const LAST_DAY = REFERENCE_DAY - 1;

/** A history's series: each row's index, and the index of the next (later) period of its parent. */
export interface PeriodSeries {
  /** The row's series index. */
  index(row: number): number;
  /** Version 14: the series index of the row's parent's next period (k - 1); undefined for its latest (k = 0). */
  next(row: number): number | undefined;
  /** The row's parent (its FK component) and its place k (0: the latest period) among `slots`. */
  place(row: number): ReturnType<PeriodChain['place']>;
}

/** A series as its start column noted it: the series and its index's value (a date's text). */
export interface NotedSeries {
  readonly series: PeriodSeries;
  readonly value: (index: number) => string;
}

/**
 * Version 14: a history's chain of periods for its start column
 * (`salaries.from_date`): the start of the row's parent's next period (the
 * end of this one) as its text, null for the parent's latest period;
 * undefined where the column noted no series.
 */
export function periodChainOf(noted: NotedSeries | undefined): PeriodChain | undefined {
  if (noted === undefined) return undefined;
  const { series, value } = noted;
  return {
    nextStart: (row) => {
      const next = series.next(row);
      return next === undefined ? null : value(next);
    },
    place: series.place,
  };
}

/**
 * The series of a period's start (index 0 for the day before the reference
 * date, more for earlier days): its parent's own offset plus about a year
 * per row, on or after the parent's start where `startThrough` gives one
 * for the FK; undefined for other series, where the driver has no FK
 * component or the years could leave the series' space (`space`).
 */
export function parentSeries(
  t: TablePlan,
  column: string,
  driver: UniqueDriver,
  component: number,
  space: number,
  key: number,
  tuple: (row: number, component: number) => number,
  startThrough?: (fk: number) => EarliestStart | undefined,
  siblings?: (row: number, k: number) => boolean,
): PeriodSeries | undefined {
  const parent = driver.components.findIndex((c) => c.kind === 'foreign-key');
  const fk = driver.components[parent];
  if (fk?.kind !== 'foreign-key') return undefined;
  const slots = driver.radices[component] ?? Number.POSITIVE_INFINITY;
  if (!isPeriodStart(t.table, column) || PARENT_SPREAD_DAYS + slots * YEAR_DAYS + YEAR_JITTER_DAYS >= space)
    return undefined;
  const start = startThrough?.(fk.fk);
  // Row k of parent p (the row only reads the parent's start, the same for every row of p).
  const indexAt = (p: number, k: number, row: number): number => {
    const seconds = start?.(row, 'date');
    // Days from the parent's start to the day before the reference date: the room of its periods.
    const room = seconds === undefined ? undefined : LAST_DAY - Math.ceil(seconds / SECONDS_PER_DAY);
    const step =
      room === undefined ? YEAR_DAYS : Math.max(1, Math.min(YEAR_DAYS, Math.floor((room + 1) / slots)));
    const jitterDays = step === YEAR_DAYS ? YEAR_JITTER_DAYS : Math.max(1, Math.floor(step / 3));
    const spread =
      room === undefined ? PARENT_SPREAD_DAYS : Math.max(1, room + 2 - (slots - 1) * step - jitterDays);
    const offset = mix32(Math.imul(p, 0x9e3779b1) ^ key) % spread;
    const jitter = mix32(Math.imul(p, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35) ^ key) % jitterDays;
    return offset + k * step + jitter;
  };
  const index = (row: number) => indexAt(tuple(row, parent), tuple(row, component), row);
  // Version 15: the next period a row of the parent holds (slots no row takes skipped), and the rows before.
  if (siblings !== undefined && slots <= SIBLING_SLOTS)
    return {
      index,
      next: (row) => {
        for (let k = tuple(row, component) - 1; k >= 0; k--)
          if (siblings(row, k)) return indexAt(tuple(row, parent), k, row);
        return undefined;
      },
      place: (row) => {
        const k = tuple(row, component);
        let earlier = 0;
        for (let j = k + 1; j < slots; j++) if (siblings(row, j)) earlier++;
        return { parent: tuple(row, parent), k, slots, earlier };
      },
    };
  return {
    index,
    next: (row) => {
      const k = tuple(row, component);
      return k === 0 ? undefined : indexAt(tuple(row, parent), k - 1, row);
    },
    place: (row) => ({ parent: tuple(row, parent), k: tuple(row, component), slots }),
  };
}

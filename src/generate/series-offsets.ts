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
 */
import type { TablePlan, UniqueDriver } from '../plan/plan-model.js';
import { mix32 } from '../values/random.js';
import { nameTokens } from '../values/semantic/column-names.js';

/** A parent's run ends up to this many days before the day before the reference date. */
const PARENT_SPREAD_DAYS = 3 * 365;
const YEAR_DAYS = 365;
/** Under a year's step, so periods stay apart. */
const YEAR_JITTER_DAYS = 120;
const START_WORDS = new Set(['from', 'start', 'begin', 'effective', 'valid', 'since']);
const END_WORDS = new Set(['to', 'end', 'until', 'thru', 'through', 'expiry', 'expires']);
const DATE_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/** A period's start (`from_date`, `start_date`) in a table with a date-typed end (`to_date`, `end_date`). */
function isPeriodStart(t: TablePlan, column: string): boolean {
  if (!nameTokens(column).some((w) => START_WORDS.has(w))) return false;
  return t.table.columns.some(
    (c) => DATE_TYPES.has(c.type.name) && nameTokens(c.name).some((w) => END_WORDS.has(w)),
  );
}

/**
 * The series index of a period's start (0 for the day before the reference
 * date, more for earlier days): its parent's own offset plus about a year
 * per row; undefined for other series, where the driver has no FK
 * component or the years could leave the series' space (`space`).
 */
export function parentSeriesIndex(
  t: TablePlan,
  column: string,
  driver: UniqueDriver,
  component: number,
  space: number,
  key: number,
  tuple: (row: number, component: number) => number,
): ((row: number) => number) | undefined {
  const parent = driver.components.findIndex((c) => c.kind === 'foreign-key');
  if (parent < 0) return undefined;
  const slots = driver.radices[component] ?? Number.POSITIVE_INFINITY;
  if (!isPeriodStart(t, column) || PARENT_SPREAD_DAYS + slots * YEAR_DAYS + YEAR_JITTER_DAYS >= space)
    return undefined;
  return (row) => {
    const p = tuple(row, parent);
    const k = tuple(row, component);
    const offset = mix32(Math.imul(p, 0x9e3779b1) ^ key) % PARENT_SPREAD_DAYS;
    const jitter = mix32(Math.imul(p, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35) ^ key) % YEAR_JITTER_DAYS;
    return offset + k * YEAR_DAYS + jitter;
  };
}

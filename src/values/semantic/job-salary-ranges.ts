/**
 * Version 16: salaries inside a job's range. A jobs table's `min_salary`
 * and `max_salary` by the job's level, read from the words of its title or
 * code (a President's range above a Vice President's, a Director's, a
 * Manager's, a Programmer's, a Representative's, a Clerk's), the upper
 * bound 1.5 to 2.2 times the lower; a number whose row leads to a row
 * with its name's pair of bounds (`employees.salary` → its job's
 * `min_salary`/`max_salary`, any `min_X`/`max_X` of an ancestor) inside
 * that range. Version 15 drew each alone: an employee's salary outside its
 * job's range in three rows of four, a clerk's range above a president's.
 */
import type { Column, Table } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { decimalShape } from './number-values.js';
import {
  type AncestorTest,
  type SemanticBuild,
  type SemanticGenerator,
  siblingReader,
} from './semantic-generator.js';

/** A bound's word and its side (`min_salary`, `salary_max`, `maximum_price`). */
const LOWER_WORDS = new Set(['min', 'minimum', 'low', 'lowest', 'lower']);
const UPPER_WORDS = new Set(['max', 'maximum', 'high', 'highest', 'upper']);

/** A job level's lowest salary (a year's, in whole units) by the words of a title or a code. */
const LEVELS: readonly (readonly [number, readonly string[]])[] = [
  [180_000, ['president', 'pres', 'chief', 'ceo', 'cfo', 'cto', 'coo', 'owner', 'founder', 'partner']],
  [130_000, ['vp', 'vice', 'executive', 'exec']],
  [100_000, ['director', 'dir', 'head', 'principal', 'architect']],
  [75_000, ['manager', 'mgr', 'man', 'lead', 'leader', 'supervisor', 'controller']],
  [
    55_000,
    [
      'engineer',
      'eng',
      'programmer',
      'prog',
      'developer',
      'dev',
      'analyst',
      'anlst',
      'accountant',
      'account',
    ],
  ],
  [
    42_000,
    [
      'representative',
      'rep',
      'specialist',
      'spec',
      'coordinator',
      'coord',
      'administrator',
      'admin',
      'officer',
    ],
  ],
  [30_000, ['clerk', 'assistant', 'asst', 'associate', 'intern', 'cashier', 'trainee', 'junior']],
];
/** A title of none of these words. */
const USUAL_LEVEL = 45_000;
const LEVEL_OF = new Map(LEVELS.flatMap(([level, words]) => words.map((w) => [w, level] as const)));

/** The lowest salary of a job titled or coded `text` (`Stock Clerk`, `AD_PRES`): its highest level's word. */
export function jobLevelOf(text: string): number {
  let level: number | undefined;
  for (const word of nameTokens(text)) {
    const found = LEVEL_OF.get(word);
    if (found !== undefined && (level === undefined || found > level)) level = found;
  }
  return level ?? USUAL_LEVEL;
}

/** A bound's side and the name's other words (`max_salary` → upper, `salary`), or null. */
export function boundOf(name: string): { readonly upper: boolean; readonly rest: string } | null {
  const words = nameTokens(name);
  const at = words.findIndex((w) => LOWER_WORDS.has(w) || UPPER_WORDS.has(w));
  if (at < 0 || words.length < 2) return null;
  return { upper: UPPER_WORDS.has(words[at] as string), rest: words.filter((_, i) => i !== at).join('_') };
}

const TITLE_WORDS = new Set(['title', 'name']);
const CODE_WORDS = new Set(['id', 'code']);

/** A jobs-like table's column whose words give the level: its title (`job_title`), else its code (`job_id`). */
export function levelColumnOf(table: Table, own: Column): Column | undefined {
  const words = nameTokens(table.name);
  if (!['job', 'jobs', 'position', 'positions', 'role', 'roles'].includes(words[words.length - 1] ?? ''))
    return undefined;
  const text = table.columns.filter((c) => c !== own && !c.generated && TEXT_TYPES.has(c.type.name));
  const last = (c: Column) => nameTokens(c.name).at(-1) ?? '';
  return text.find((c) => TITLE_WORDS.has(last(c))) ?? text.find((c) => CODE_WORDS.has(last(c)));
}
const TEXT_TYPES = new Set(['text', 'varchar', 'bpchar']);

/** Round `value` to a step fit for its size (500s for salaries, cents for small amounts), in `scale` units. */
function roundedUnits(value: number, scale: number): number {
  const step = value >= 10_000 ? 500 : value >= 1_000 ? 50 : value >= 10 ? 1 : 0.01;
  return Math.round(Math.round(value / step) * step * (POW10[scale] as number));
}

/** The lower bound of the jobs table's salary pair beside `column` (`min_salary` of `max_salary`), or null. */
function lowerSiblingOf(table: Table, column: Column): string | null {
  const own = boundOf(column.name);
  if (own === null || !own.upper) return null;
  return (
    table.columns.find((c) => {
      const other = boundOf(c.name);
      return other !== null && !other.upper && other.rest === own.rest;
    })?.name ?? null
  );
}

/**
 * Version 16: a jobs table's salary bound by the job's level (its title's or code's words); `made`
 * where the table has no title or code, or the column is no bound.
 */
export function withJobLevelRange(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  const bound = boundOf(build.column.name);
  const level = bound === null ? undefined : levelColumnOf(build.table, build.column);
  if (bound === null || level === undefined) return made;
  const readLevel = siblingReader(build.ctx, level.name);
  const lower = lowerSiblingOf(build.table, build.column);
  const readLower = lower === null ? undefined : siblingReader(build.ctx, lower);
  const { scale, maxUnits } = decimalShape(build.base, 0);
  const unit = POW10[scale] as number;
  const lowest = (rand: RowRandom, row: number) =>
    jobLevelOf(readLevel(row) ?? '') * (0.85 + 0.3 * rand.float());
  return {
    escapeFree: true,
    random(rand, row) {
      let value: number;
      if (!bound.upper) value = lowest(rand, row);
      else {
        const text = readLower?.(row);
        const floor = typeof text === 'string' ? Number(text) : Number.NaN;
        value =
          (Number.isFinite(floor) && floor > 0 ? floor : lowest(rand, row)) * (1.5 + 0.7 * rand.float());
      }
      const units = Math.min(roundedUnits(value, scale), maxUnits - (maxUnits % unit));
      return formatScaled(Math.max(units, unit), scale);
    },
  };
}

/** The test of an ancestor's bound of `rest` on side `upper` (`min_salary` for a `salary`). */
function boundTest(rest: string, upper: boolean): AncestorTest {
  return (_table, column) => {
    const b = boundOf(column.name);
    return b !== null && b.upper === upper && b.rest === rest && NUMBER_TYPES.has(column.type.name);
  };
}
const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'money']);

/** Whether a number column of this name reads its ancestor's pair of bounds (`salary` → `min_salary`). */
export function ancestorRangeTests(column: string): readonly [AncestorTest, AncestorTest] | null {
  if (boundOf(column) !== null) return null;
  const rest = nameTokens(column).join('_');
  return [boundTest(rest, false), boundTest(rest, true)];
}

/** A job's upper bound over its lower one, where the row's job leaves one NULL. */
const WIDTH = 1.8;

/** A money text (`4000`, `$4,000.00`) as a number; NaN where none. */
function numberOf(text: string | null | undefined): number {
  return typeof text === 'string' ? Number(text.replace(/[$,\s]/g, '')) : Number.NaN;
}

/**
 * Version 16: a number inside the range its row's ancestor gives it (`employees.salary` between its job's
 * `min_salary` and `max_salary`), toward the range's lower half; `made` where no ancestor has both bounds,
 * or the row's are NULL.
 */
export function withinAncestorRange(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  const tests = ancestorRangeTests(build.column.name);
  const low = tests === null ? undefined : build.ctx.ancestorColumn?.(tests[0]);
  const high = tests === null ? undefined : build.ctx.ancestorColumn?.(tests[1]);
  if (low === undefined || high === undefined || low.table !== high.table) return made;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const unit = POW10[scale] as number;
  return {
    escapeFree: true,
    random(rand, row) {
      const share = (rand.float() + rand.float()) / 2;
      let a = numberOf(low.read(row));
      let b = numberOf(high.read(row));
      // One bound NULL: the range a job's usual width about the other.
      if (Number.isNaN(a)) a = b / WIDTH;
      else if (Number.isNaN(b)) b = a * WIDTH;
      if (!(Number.isFinite(a) && Number.isFinite(b) && a > 0 && b >= a)) return made.random(rand, row);
      const lo = Math.ceil(a * unit);
      const hi = Math.min(Math.floor(b * unit), maxUnits);
      if (hi < lo) return made.random(rand, row);
      const drawn = roundedUnits(a + share * (b - a), scale);
      return formatScaled(Math.min(hi, Math.max(lo, drawn)), scale);
    },
  };
}

/**
 * Version 15: a period's start and end in a table keyed by two parents
 * (`dept_emp (emp_no, dept_no, from_date, to_date)`, `dept_manager`): the
 * row's period among its owner's (generate/owner-periods.ts), the start its
 * first day, the end the owner's next period's start, the latest a `to`'s
 * 9999-01-01 (else drawn after its start). Version 14 drew each row's
 * period alone, so an employee's departments overlapped.
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import { PERIOD_END_WORDS } from './number-time-names.js';
import { isPeriodStart, OPEN_END_SECONDS } from './period-chain-end.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { createTimeWriter } from './time-values.js';

/** The column's period start or end from its owner's periods; `made` where the table is no such history. */
export function withOwnerPeriods(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  const periods = build.ctx.ownerPeriods?.();
  if (periods === undefined) return made;
  const write = createTimeWriter(build.base, build.tokens);
  if (isPeriodStart(build.table, build.column.name))
    return { random: (_rand, row) => write(periods(row).startDay * SECONDS_PER_DAY) };
  if (!build.tokens.some((w) => PERIOD_END_WORDS.has(w))) return made;
  const open = build.tokens.includes('to');
  return {
    random(rand, row) {
      const next = periods(row).nextDay;
      if (next !== null) return write(next * SECONDS_PER_DAY);
      return open ? write(OPEN_END_SECONDS) : made.random(rand, row);
    },
  };
}

/**
 * Version 24's values for the names version-twentyfour-names.ts reads: a
 * stay's check-in days to months after its booking (a lead time, a few
 * weeks most often), its check-out 1 to 14 nights after the check-in (1 to
 * 4 most often); a loan's due day two to four weeks after the loan.
 */
import { SECONDS_PER_DAY } from '../../checks/calendar.js';
import type { RowRandom } from '../random.js';
import { magnitudeGenerator, magnitudeOf } from './magnitudes24.js';
import { normal } from './money-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingSeconds } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { sensorColumnOf, sensorGenerator } from './sensor-kinds.js';
import { withMovementSign } from './signed-movements.js';
import { createTimeWriter } from './time-values.js';
import { isLifeStart24, stayEndOf } from './version-twentyfour-names.js';

/** Days between a booking and its stay: about three weeks most often, a day to eleven months. */
function leadDays(rand: RowRandom): number {
  return Math.min(330, Math.max(1, Math.round(Math.exp(Math.log(21) + 1.1 * normal(rand)))));
}

/** Nights of a stay: 1 to 14, one or two most often. */
export function stayNights(rand: RowRandom): number {
  const f = rand.float();
  return 1 + Math.floor(14 * f * f * f);
}

/** What a column is of a stay or a loan: a check-in, a check-out, a loan's due day; null for any other. */
function periodEndOf(build: SemanticBuild): 'in' | 'out' | 'due' | null {
  const stay = stayEndOf(build.column.name);
  return stay ?? (build.tokens.includes('due') ? 'due' : null);
}

/** The column a stay's or a loan's end reads: the booking for a check-in, the check-in for a check-out, the loan for its due day. */
function periodBaseOf(build: SemanticBuild, end: 'in' | 'out' | 'due'): string | undefined {
  const others = build.table.columns.filter((c) => c.name !== build.column.name && !c.generated);
  if (end === 'out') return others.find((c) => stayEndOf(c.name) === 'in')?.name;
  const word = end === 'in' ? /book/ : /loan|borrow/;
  return others.find((c) => isLifeStart24(c.name) && word.test(c.name.toLowerCase()))?.name;
}

/** Days a loan runs: two, three or four weeks. */
function loanDays(rand: RowRandom): number {
  return 14 + 7 * rand.below(3);
}

/**
 * Version 24: a stay's check-in after its booking, its check-out after the check-in, a loan's due day
 * weeks after the loan; `made` elsewhere.
 */
export function withStayTimes(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  const end = build.version >= 24 ? periodEndOf(build) : null;
  const base = end === null ? undefined : periodBaseOf(build, end);
  if (end === null || base === undefined) return made;
  const read = siblingSeconds(build.ctx, base);
  const write = createTimeWriter(build.base, build.tokens);
  const isDate = build.base.name === 'date';
  return {
    escapeFree: true,
    random(rand, row) {
      const from = read(row);
      if (from === undefined) return made.random(rand, row);
      const days = end === 'in' ? leadDays(rand) : end === 'out' ? stayNights(rand) : loanDays(rand);
      // A check-in from 2 pm, a check-out by 11 am.
      const at = Math.floor(from / SECONDS_PER_DAY) * SECONDS_PER_DAY + days * SECONDS_PER_DAY;
      const hour = end === 'in' ? 14 + rand.below(8) : end === 'out' ? 7 + rand.below(5) : 23;
      return write(isDate ? at : at + hour * 3600 + rand.below(60) * 60);
    },
  };
}

/** Version 24's generator for a column (a sensor's unit and readings, a device's model, a signed movement), else `usual`. */
export function withVersionTwentyFour(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  if (build.version < 24) return usual;
  const sensor = sensorColumnOf(build.table, build.column, typeFamilyOf(build.base.name));
  const sensed = sensor === null ? null : sensorGenerator(build, sensor);
  if (sensed !== null) return sensed;
  const magnitude = magnitudeOf(build.table, build.column, typeFamilyOf(build.base.name));
  if (magnitude !== null) return magnitudeGenerator(build, magnitude);
  return kind === 'price' ? withMovementSign(build, usual) : usual;
}

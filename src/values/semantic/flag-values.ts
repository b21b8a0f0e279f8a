/**
 * Version 3: integers that are not magnitudes. A yes/no flag held as a
 * number (`is_active smallint`, pagila's `customer.active`) is 0 or 1, mostly
 * 1 where the name says the usual state (`active`, `enabled`, `verified`),
 * mostly 0 where it says the exception (`deleted`, `banned`, `is_admin`); the
 * tries of a job or a login (`attempts`, `retry_count`, delayed_jobs',
 * good_job's, que's and Oban's columns) are small, most rows never retried.
 */
import type { ByteOut } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { flagStem } from './flag-agreement.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';

/** Words that open a flag's name (`is_active`, `has_children`, `allow_comments`). */
const FLAG_OPENERS = new Set(
  'is has have can should was were allow allows use uses show needs must include includes send'.split(' '),
);
/** Flags set in most rows. */
const USUALLY_SET = new Set(
  (
    'active enabled visible published verified confirmed approved valid activated subscribed available ' +
    'public shown live online current accepted enable'
  ).split(' '),
);
/** Flags set in few rows. */
const RARELY_SET = new Set(
  (
    'deleted disabled hidden archived locked blocked banned suspended removed blacklisted sticky pinned ' +
    'featured internal spam trashed expired cancelled canceled closed private draft flagged muted'
  ).split(' '),
);
/** Words that make an opened flag rare (`is_admin`, `is_bot`), not flags alone (`num_staff`). */
const RARE_ROLES = new Set('admin superuser staff bot test system guest'.split(' '));
/** First words of a number, not a flag (`num_active`, `total_deleted`). */
const NUMBER_OPENERS = new Set('num number total max min count'.split(' '));
/** Flag names without an opener (`active`, `deleted`, `sticky`), besides the two lists above. */
const BARE_FLAGS = new Set('flag flg yn bool boolean default primary paid read seen'.split(' '));

const TRY_WORDS = new Set('attempts attempt retries retry tries retried'.split(' '));

/** Version 3: `flag` or `attempts` for an integer column's words, or null. */
export function flagOrAttemptsFromName(tokens: readonly string[]): SemanticKind | null {
  const last = tokens[tokens.length - 1] ?? '';
  if (TRY_WORDS.has(last)) return 'attempts';
  if (last === 'count' && TRY_WORDS.has(tokens[tokens.length - 2] ?? '')) return 'attempts';
  if (tokens.length >= 2 && FLAG_OPENERS.has(tokens[0] ?? '')) return 'flag';
  if (NUMBER_OPENERS.has(tokens[0] ?? '')) return null;
  if (USUALLY_SET.has(last) || RARELY_SET.has(last) || BARE_FLAGS.has(last)) return 'flag';
  return null;
}

/** The share of rows whose flag is 1. */
function setShare(tokens: readonly string[]): number {
  if (tokens.some((w) => RARELY_SET.has(w) || RARE_ROLES.has(w))) return 0.1;
  if (tokens.some((w) => USUALLY_SET.has(w))) return 0.85;
  return 0.5;
}

/** 0 or 1 (see `setShare`). */
export function createFlagGenerator(build: SemanticBuild): SemanticGenerator {
  // Version 9: by the flag's own word (`activebool`: active), `t`/`f` in a boolean (flag-agreement.ts).
  const share = setShare(build.version >= 9 ? flagStem(build.tokens) : build.tokens);
  const [yes, no] = build.base.name === 'bool' ? ['t', 'f'] : ['1', '0'];
  const yesByte = yes.charCodeAt(0);
  const noByte = no.charCodeAt(0);
  return {
    escapeFree: true,
    random: (rand) => (rand.float() < share ? yes : no),
    // One byte, the same draw: no value function call through the row writer's text path.
    write(rand: RowRandom, _row: number, out: ByteOut) {
      out.ensure(1);
      out.buf[out.pos++] = rand.float() < share ? yesByte : noByte;
    },
  };
}

/** Limits on tries as jobs queues set them. */
const TRY_LIMITS: readonly string[] = ['3', '5', '5', '10', '20', '25', '25'];
/** Tries: 0 in about half the rows, then 1, 2, rarely more than 5; at most 25. */
const TRIES: readonly string[] = Array.from({ length: 26 }, (_, i) => String(i));

/** A job's or a login's tries (`attempts`, `retry_count`), or a limit on them (`max_attempts`). */
export function createAttemptsGenerator(build: SemanticBuild): SemanticGenerator {
  if (build.tokens[0] === 'max' || build.tokens[0] === 'maximum' || build.tokens.includes('limit')) {
    return { escapeFree: true, random: (rand) => rand.pick(TRY_LIMITS) as string };
  }
  return {
    escapeFree: true,
    random: (rand) => TRIES[Math.min(25, Math.floor(-Math.log(1 - rand.float()) * 1.3))] as string,
  };
}

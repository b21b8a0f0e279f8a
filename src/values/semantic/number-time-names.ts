/**
 * Names of numbers and times (kind-from-name.ts asks after the other
 * families): counters and small codes, money, ages, measures (durations,
 * ratings, shares, years), and the stages of a row's life (created,
 * updated, due, born).
 */
import type { Column, Table } from '../../schema/model.js';
import { endsWith, nameTokens, tableClassOf } from './column-names.js';
import type { NameDecision, NameWords } from './kind-from-name.js';
import type { SemanticKind } from './semantic-kind.js';

const CREATED = new Set(
  (
    'created createdat createdon createdate createddate creationdate datecreated insertedat inserted insertdate ' +
    'registeredat registered registrationdate signupdate signedupat joinedat joined joindate dateadded addedat ' +
    'addedon createtime createdtime creationtime ctime createdts'
  ).split(' '),
);
const UPDATED = new Set(
  (
    'updated updatedat updatedon lastupdate lastupdated lastupdatedat lastupdatedon modified modifiedat ' +
    'modifiedon lastmodified lastmodifiedat updatedate updateddate modifieddate datemodified dateupdated ' +
    'changedat changed updatetime updatedtime modifiedtime lastmodifiedtime mtime updatedts'
  ).split(' '),
);
/** Events that start a row's life (kept with created_at: in the past, read by the later ones). */
const STARTED = new Set(
  (
    'startedat startdate starttime startsat start begin beganat beginat begindate issuedat issuedate issued ' +
    'orderdate orderedat placedat rentaldate rentedat openedat opendate openeddate postedat postdate ' +
    'publishedat publishdate pubdate sentat bookedat bookingdate checkin checkindate checkinat hiredate hiredat ' +
    'invoicedate'
  ).split(' '),
);
/** Events after the row's start: at or after it, never past the reference date. */
const ENDED = new Set(
  (
    'endedat enddate endtime endsat end finishedat finishdate completedat completiondate closedat closeddate ' +
    'closedate shippedat shippeddate shipdate deliveredat deliverydate delivereddate returnedat returndate ' +
    'resolvedat lastlogin lastloginat lastlogindate lastaccess lastaccessdate lastaccessedat lastseen lastseenat ' +
    'lastactivity lastactivityat lastactivitydate lastactiveat lasteditdate paidat paymentdate cancelledat ' +
    'canceledat approvedat confirmedat acceptedat processedat deletedat archivedat checkout checkoutdate checkoutat'
  ).split(' '),
);
/** Deadlines: after the row's start, and they may lie in the future. */
const DUE = new Set(
  (
    'expiresat expiry expirydate expirationdate expiredate expiresdate validuntil validto validthru dueat ' +
    'duedate deadline scheduledat scheduledfor scheduleddate requireddate renewsat renewaldate nextbillingdate'
  ).split(' '),
);
/** Version 3: starts and ends of a validity period (`valid_from`, `period_end`), read after the other names. */
const PERIOD_STARTS = new Set(
  (
    'validfrom effectivefrom effectivedate effectivefromdate periodstart periodfrom fromdate datefrom ' +
    'activefrom startson startingat startingon'
  ).split(' '),
);
const PERIOD_ENDS = new Set(
  (
    'periodend periodto todate dateto activeuntil activeto effectiveto effectiveuntil effectivethru ' +
    'endson endingat endingon'
  ).split(' '),
);

/**
 * Version 4: starts of the row's work that come at or after its creation
 * (`started_at`, `published_at`, `sent_at`), where the row has a creation
 * column; a row's own business dates (`order_date`, `hire_date`, `valid_from`) stay free.
 */
const AFTER_CREATION_STARTS = new Set(
  'start started starts begin began opened published publish posted sent issued'.split(' '),
);

/** Whether a start column (`started_at`, `start_time`, `published_at`) comes after the row's creation (version 4). */
export function isStartAfterCreation(name: string): boolean {
  const t = nameTokens(name);
  return STARTED.has(t.join('')) && t.some((w) => AFTER_CREATION_STARTS.has(w));
}

/** Whether a column's name says the row's last change (`updated_at`, `modified`, `last_update`). */
export function isModificationName(name: string): boolean {
  return UPDATED.has(nameTokens(name).join(''));
}

/** Whether a column's name says the row's creation (`created_at`, `inserted_at`), not another start (`start_time`). */
export function isCreationName(name: string): boolean {
  return CREATED.has(nameTokens(name).join(''));
}

/** Past participles that do not end in `ed` (`confirmation_sent_at`, `last_seen_at` aside). */
const IRREGULAR_PARTICIPLES = new Set(
  'sent seen done made paid read run built taken given won lost'.split(' '),
);
/** Participles of a row's start or of a deadline, which other rules read (`created_at`, `scheduled_at`). */
const NOT_AFTER_CREATION = new Set(
  'created inserted registered started scheduled planned expected'.split(' '),
);

/**
 * Version 3: an event named by a past participle and `at`/`on`
 * (`edited_at`, `reviewed_at`, `confirmation_sent_at`,
 * `avatar_updated_at`): something that happened to the row after its
 * creation, so it follows it (was: any moment of ten years).
 */
export function isEventAfterCreation(name: string): boolean {
  const t = nameTokens(name);
  const last = t[t.length - 1] ?? '';
  const verb = t[t.length - 2] ?? '';
  if ((last !== 'at' && last !== 'on') || NOT_AFTER_CREATION.has(verb)) return false;
  // Devise's `current_sign_in_at`: a sign-in is after the account's creation.
  if (verb === 'in' && t[t.length - 3] === 'sign') return true;
  return (verb.length > 3 && verb.endsWith('ed')) || IRREGULAR_PARTICIPLES.has(verb);
}

/**
 * Version 3: a time column named by what happened to something, with no
 * `at` (Prisma's `emailVerified`, `lastPreserved`, `passwordChanged`): an
 * event after the row's creation too (was: any moment of ten years, often
 * before the row existed).
 */
export function isParticipleTime(name: string): boolean {
  const t = nameTokens(name);
  const verb = t[t.length - 1] ?? '';
  return t.length >= 2 && verb.length > 4 && verb.endsWith('ed') && !NOT_AFTER_CREATION.has(verb);
}

/**
 * Version 3: a time column's period stage by name (`valid_from` starts,
 * `period_end` ends), or null. Beyond the fixed names, a column whose start
 * word has its end word's counterpart in the table (`currentPeriodStart` and
 * `currentPeriodEnd`, `multicast_session_start`/`_end`, `trial_from`/`trial_to`)
 * starts or ends that period, so the end follows its own start.
 */
export function periodStageFromName(name: string, table?: Table): SemanticKind | null {
  const tokens = nameTokens(name);
  const compact = tokens.join('');
  if (PERIOD_STARTS.has(compact)) return 'created_at';
  if (PERIOD_ENDS.has(compact)) return 'due_at';
  if (table === undefined) return null;
  if (periodCounterpart(tokens, table, 'end') !== null) return 'created_at';
  if (periodCounterpart(tokens, table, 'start') !== null) return 'due_at';
  return null;
}

/** Start words and the end words that close their period (`start` … `end`, `from` … `to`). */
const PERIOD_WORDS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ['start', 'starts', 'begin', 'begins', 'started'],
    ['end', 'ends', 'finish', 'ended', 'finished'],
  ],
  [['from'], ['to', 'until', 'till', 'thru']],
];
const STAGE_TAILS = new Set(['at', 'on', 'date', 'time', 'ts', 'timestamp', 'datetime']);

/**
 * The column of `table` that is the other stage of the period `tokens`
 * names (`want` 'end': the start column's end; 'start': the end column's
 * start): the same words with the stage word swapped, the stage word last
 * or followed only by a time word (`session_start_time`). Null when the
 * name has no stage word there or the table has no such column.
 */
export function periodCounterpart(
  tokens: readonly string[],
  table: Table,
  want: 'start' | 'end',
): string | null {
  if (tokens.length < 2) return null;
  let at = tokens.length - 1;
  if (STAGE_TAILS.has(tokens[at] ?? '')) at--;
  if (at < 1) return null;
  const word = tokens[at] ?? '';
  const pair = PERIOD_WORDS.find(([starts, ends]) => (want === 'end' ? starts : ends).includes(word));
  if (pair === undefined) return null;
  const others = want === 'end' ? pair[1] : pair[0];
  for (const column of table.columns) {
    const t = nameTokens(column.name);
    if (t.length !== tokens.length || !others.includes(t[at] ?? '')) continue;
    if (t.every((w, i) => i === at || w === tokens[i])) return column.name;
  }
  return null;
}

const BIRTH = new Set('birthdate dateofbirth dob birthday bornon birthdt borndate birth'.split(' '));
const PRICE = new Set('price cost amount fee total subtotal charge fare'.split(' '));

/** Counters (`views`, `answer_count`) have heavy tails; quantities are small. */
const TALLY = new Set(
  (
    'views likes votes upvotes downvotes followers following favorites favourites clicks hits downloads ' +
    'reputation karma visits impressions shares retweets replies answers comments subscribers stars'
  ).split(' '),
);
const STOCK = new Set(
  'stock inventory onhand instock unitsinstock unitsonorder reorderlevel available'.split(' '),
);
/** `tax_rate` is a share; `rental_rate` a price. */
const SHARE_RATES = new Set(
  'tax interest discount commission conversion growth error success churn vat'.split(' '),
);
const PRICE_RATES = new Set('rental hourly daily nightly weekly monthly room base unit'.split(' '));
const CODE_WORDS = new Set(
  'type kind status class category level priority tier grade rank stage severity role mode'.split(' '),
);

/** Events few rows ever see (`deleted_at`, `banned_at`): version 3 leaves such a time NULL in most rows. */
const RARE_EVENTS = new Set(
  'deleted archived discarded removed banned suspended silenced blocked disabled locked revoked trashed purged sensitized'.split(
    ' ',
  ),
);

/** The share of rows a rare event's nullable time is NULL in (version 3), when NULLs are wanted at all. */
export const RARE_EVENT_NULL_RATE = 0.95;

/** Whether a column names the time of a rare event (`deleted_at`, `archived_on`, `banned_date`, `deletedAt`). */
export function isRareEventTime(name: string): boolean {
  const t = nameTokens(name);
  const last = t[t.length - 1] ?? '';
  return t.length >= 2 && TIME_ENDS_OF_EVENTS.has(last) && RARE_EVENTS.has(t[t.length - 2] ?? '');
}

const TIME_ENDS_OF_EVENTS = new Set(['at', 'on', 'date', 'time', 'ts']);

/** Names of Rails-style integer enums beyond CODE_WORDS (`visibility`, `protocol`). */
const ENUM_WORDS = new Set(
  'visibility protocol privacy action direction format source scope policy state reason origin audience layout'.split(
    ' ',
  ),
);

/** Whether a column's default is the literal 0 (`DEFAULT 0`, `DEFAULT 0::integer`). */
export function defaultsToZero(column: Column): boolean {
  return /^\(?0\)?(::[a-z0-9 ]+)?$/i.test(column.default?.text.trim() ?? '');
}

/**
 * Version 3: an integer enumeration as Rails declares one (`visibility
 * integer DEFAULT 0 NOT NULL`): an enum-like name with a default of 0.
 */
export function isZeroBasedEnum(tokens: readonly string[], column: Column): boolean {
  const last = tokens[tokens.length - 1] ?? '';
  return (CODE_WORDS.has(last) || ENUM_WORDS.has(last)) && defaultsToZero(column);
}

/**
 * Integer names a flag/key rule would otherwise drop: counters (`*_count`,
 * `num_*`) and small enumerations (`post_type_id`, `priority`, `status`
 * held as a number; the integer-only family check keeps text `status` out).
 */
export function counterOrCode(t: readonly string[], last: string): SemanticKind | null {
  if (last === 'count' || last === 'cnt' || t[0] === 'num' || (t[0] === 'number' && t[1] === 'of')) {
    return 'tally';
  }
  if (CODE_WORDS.has(last) || (last === 'id' && CODE_WORDS.has(t[t.length - 2] ?? ''))) return 'small_code';
  return null;
}

/** Version 4: counters over a period (`posts_day`, `daily_posts_count`): the period's words and their highest counts. */
const PERIOD_HIGHS: Readonly<Record<string, number>> = {
  hour: 10,
  hourly: 10,
  day: 20,
  daily: 20,
  today: 20,
  week: 60,
  weekly: 60,
  month: 200,
  monthly: 200,
};
/** Version 4: what a counted thing had done to it (`likes_given`, `topics_entered`, `days_visited`). */
const COUNTED_PARTICIPLES = new Set(
  'given received entered visited read viewed created sent flagged liked posted written earned'.split(' '),
);

function isPluralNoun(word: string): boolean {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us');
}

/**
 * Version 4: an integer counter by meaning rather than a `count` word: things
 * per period (`posts_day`, `likes_per_week`, `daily_posts`) or things done
 * (`likes_given`, `topics_entered`, `days_visited`).
 */
export function isCounterByMeaning(tokens: readonly string[]): boolean {
  if (tokens.length < 2) return false;
  const last = tokens[tokens.length - 1] ?? '';
  const first = tokens[0] ?? '';
  if (PERIOD_HIGHS[last] !== undefined && tokens.slice(0, -1).some(isPluralNoun)) return true;
  if (PERIOD_HIGHS[first] !== undefined && tokens.slice(1).some(isPluralNoun)) return true;
  return COUNTED_PARTICIPLES.has(last) && isPluralNoun(tokens[tokens.length - 2] ?? '');
}

/** Version 4: the most a counter over a period reaches (`posts_day`: 20), or undefined for other counters. */
export function periodCounterHigh(tokens: readonly string[]): number | undefined {
  let high: number | undefined;
  for (const w of tokens) {
    const h = PERIOD_HIGHS[w];
    if (h !== undefined) high = Math.min(high ?? h, h);
  }
  return high;
}

/** Durations, ratings, shares and years, by name. */
function measureFromName(
  t: readonly string[],
  last: string,
  compact: string,
  table: Table,
): SemanticKind | null {
  if (last === 'quantity' || last === 'qty' || last === 'units' || last === 'copies') return 'quantity';
  if (STOCK.has(compact) || STOCK.has(last) || endsWith(t, 'on', 'hand')) return 'stock';
  if (TALLY.has(last)) return 'tally';
  if (
    [
      'duration',
      'runtime',
      'ms',
      'millis',
      'milliseconds',
      'seconds',
      'secs',
      'minutes',
      'mins',
      'hours',
    ].includes(last) ||
    endsWith(t, 'running', 'time') ||
    (last === 'days' && t.length > 1) ||
    (last === 'length' && tableClassOf(table) === 'work')
  ) {
    return 'duration';
  }
  if (last === 'rating' || endsWith(t, 'star', 'rating')) return 'rating';
  if (last === 'score') return 'score';
  if (last === 'percent' || last === 'percentage' || last === 'pct') return 'percentage';
  if (last === 'discount' || last === 'ratio' || last === 'fraction') return 'fraction';
  if (last === 'rate') {
    if (t.some((w) => SHARE_RATES.has(w))) return 'fraction';
    if (t.some((w) => PRICE_RATES.has(w))) return 'price';
  }
  if (last === 'year' || last === 'yr') return 'year';
  return null;
}

/** Money, ages and measures; then the stages of a row's life (created, updated, due, born). */
export function numberOrTimeFromName({ t, last, compact, table }: NameWords): NameDecision {
  if (PRICE.has(last) || (last.endsWith('price') && last.length > 5)) return 'price';
  if (last === 'salary' || last === 'wage' || last === 'income' || last === 'compensation') return 'salary';
  if (last === 'age') return 'age';
  const measure = measureFromName(t, last, compact, table);
  if (measure) return measure;
  if (CREATED.has(compact) || STARTED.has(compact)) return 'created_at';
  if (UPDATED.has(compact) || ENDED.has(compact)) return 'updated_at';
  if (DUE.has(compact)) return 'due_at';
  if (BIRTH.has(compact)) return 'birth_date';
  return undefined;
}

/** A period's start (`from_date`, `start_date`) and end (`to_date`, `end_date`) by their words. */
export const PERIOD_START_WORDS: ReadonlySet<string> = new Set([
  'from',
  'start',
  'begin',
  'effective',
  'valid',
  'since',
]);
export const PERIOD_END_WORDS: ReadonlySet<string> = new Set([
  'to',
  'end',
  'until',
  'thru',
  'through',
  'expiry',
  'expires',
]);
/**
 * Version 13: a period's end lies within this many days of its start: before
 * the next period's start in a history (series-offsets.ts steps a year less
 * under 120 days between starts).
 */
export const PERIOD_END_DAYS = 365 - 120;

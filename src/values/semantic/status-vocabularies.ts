/**
 * Version 13: a status column's words and their shares by what the row is
 * (an employee is `active`, `on_leave` or `terminated`, an issue `open`,
 * `in_progress`, `resolved` or `closed`, an order `delivered` most often),
 * read from the words before `status`/`state` in the column's name
 * (`payment_status`), else from the table's name (`issues`, `employees`).
 * Version 12 gave every status column a hashed subset of one vocabulary of
 * orders' and accounts' words (an employee `shipped`, a milestone `paid`).
 * The words are the ones generate/status-dates.ts places on a lifecycle, so
 * a row's stage dates agree with them (`closed_at` only on a closed issue,
 * `termination_date` only on a terminated employee).
 */

import { singular } from './column-names.js';
import { isRentalWord, RENTAL_STATUS } from './rental-status32.js';

/** A status vocabulary: each word with its weight (its share of rows out of the weights' sum), the commonest first. */
export type StatusVocabulary = readonly (readonly [string, number])[];

const ISSUE: StatusVocabulary = [
  ['closed', 45],
  ['open', 30],
  ['in_progress', 12],
  ['resolved', 13],
];
const TASK: StatusVocabulary = [
  ['done', 50],
  ['todo', 30],
  ['in_progress', 20],
];
const PROJECT: StatusVocabulary = [
  ['active', 45],
  ['completed', 30],
  ['on_hold', 10],
  ['archived', 15],
];
const MILESTONE: StatusVocabulary = [
  ['closed', 60],
  ['open', 40],
];
const EMPLOYEE: StatusVocabulary = [
  ['active', 82],
  ['on_leave', 4],
  ['terminated', 14],
];
const ACCOUNT: StatusVocabulary = [
  ['active', 78],
  ['inactive', 10],
  ['pending', 7],
  ['suspended', 5],
];
const ORDER: StatusVocabulary = [
  ['delivered', 62],
  ['shipped', 12],
  ['processing', 8],
  ['pending', 7],
  ['cancelled', 8],
  ['refunded', 3],
];
const PAYMENT: StatusVocabulary = [
  ['completed', 85],
  ['pending', 6],
  ['failed', 6],
  ['refunded', 3],
];
const INVOICE: StatusVocabulary = [
  ['paid', 70],
  ['open', 14],
  ['overdue', 8],
  ['draft', 5],
  ['void', 3],
];
const SHIPMENT: StatusVocabulary = [
  ['delivered', 70],
  ['in_transit', 15],
  ['pending', 8],
  ['returned', 4],
  ['cancelled', 3],
];
const SUBSCRIPTION: StatusVocabulary = [
  ['active', 70],
  ['cancelled', 18],
  ['trialing', 7],
  ['past_due', 5],
];
const BOOKING: StatusVocabulary = [
  ['completed', 55],
  ['confirmed', 25],
  ['pending', 8],
  ['cancelled', 12],
];
const REQUEST: StatusVocabulary = [
  ['approved', 60],
  ['pending', 22],
  ['rejected', 18],
];
const PUBLICATION: StatusVocabulary = [
  ['published', 75],
  ['draft', 20],
  ['archived', 5],
];
const RUN: StatusVocabulary = [
  ['succeeded', 84],
  ['failed', 8],
  ['running', 3],
  ['queued', 5],
];

/** Version 19: a tag's alias or implication (danbooru's), an upload, a ban, a record of no known kind. */
const TAG_RELATION: StatusVocabulary = [
  ['active', 72],
  ['deleted', 10],
  ['retired', 8],
  ['pending', 6],
  ['processing', 2],
  ['error', 2],
];
const UPLOAD: StatusVocabulary = [
  ['completed', 86],
  ['pending', 5],
  ['processing', 3],
  ['error', 6],
];
const BAN: StatusVocabulary = [
  ['active', 35],
  ['expired', 55],
  ['lifted', 10],
];
const RECORD: StatusVocabulary = [
  ['active', 74],
  ['pending', 10],
  ['inactive', 9],
  ['deleted', 7],
];
/** Version 28: a home listing's (was a record's: `active` or `pending`, never `sold`, so no `sold_at` was set). */
const LISTING: StatusVocabulary = [
  ['sold', 45],
  ['active', 30],
  ['pending', 10],
  ['withdrawn', 8],
  ['expired', 7],
];
const NINETEEN_THINGS: Readonly<Record<string, StatusVocabulary>> = {
  alias: TAG_RELATION,
  aliase: TAG_RELATION,
  implication: TAG_RELATION,
  relationship: TAG_RELATION,
  upload: UPLOAD,
  download: UPLOAD,
  attachment: UPLOAD,
  ban: BAN,
  suspension: BAN,
};

/** The vocabulary of a thing, by its name's singular word. */
const BY_THING: Readonly<Record<string, StatusVocabulary>> = {
  issue: ISSUE,
  ticket: ISSUE,
  bug: ISSUE,
  incident: ISSUE,
  defect: ISSUE,
  task: TASK,
  todo: TASK,
  card: TASK,
  project: PROJECT,
  campaign: PROJECT,
  milestone: MILESTONE,
  sprint: MILESTONE,
  iteration: MILESTONE,
  employee: EMPLOYEE,
  staff: EMPLOYEE,
  worker: EMPLOYEE,
  personnel: EMPLOYEE,
  employment: EMPLOYEE,
  user: ACCOUNT,
  account: ACCOUNT,
  customer: ACCOUNT,
  member: ACCOUNT,
  client: ACCOUNT,
  subscriber: ACCOUNT,
  vendor: ACCOUNT,
  supplier: ACCOUNT,
  order: ORDER,
  purchase: ORDER,
  sale: ORDER,
  payment: PAYMENT,
  transaction: PAYMENT,
  charge: PAYMENT,
  transfer: PAYMENT,
  payout: PAYMENT,
  refund: PAYMENT,
  invoice: INVOICE,
  bill: INVOICE,
  shipment: SHIPMENT,
  delivery: SHIPMENT,
  parcel: SHIPMENT,
  subscription: SUBSCRIPTION,
  membership: SUBSCRIPTION,
  booking: BOOKING,
  reservation: BOOKING,
  appointment: BOOKING,
  request: REQUEST,
  application: REQUEST,
  approval: REQUEST,
  claim: REQUEST,
  review: REQUEST,
  proposal: REQUEST,
  submission: REQUEST,
  post: PUBLICATION,
  article: PUBLICATION,
  page: PUBLICATION,
  blog: PUBLICATION,
  story: PUBLICATION,
  document: PUBLICATION,
  run: RUN,
  build: RUN,
  deployment: RUN,
  execution: RUN,
  pipeline: RUN,
  import: RUN,
  export: RUN,
};

/** Other enumerations held as text, by the column name's last word: `short` where `long`'s words do not fit. */
interface NamedVocabulary {
  readonly long: StatusVocabulary;
  readonly short?: StatusVocabulary;
}
const GENDER: NamedVocabulary = {
  long: [
    ['female', 49],
    ['male', 49],
    ['other', 2],
  ],
  short: [
    ['F', 50],
    ['M', 50],
  ],
};
const BY_NAME: Readonly<Record<string, NamedVocabulary>> = {
  gender: GENDER,
  sex: GENDER,
  severity: {
    long: [
      ['minor', 40],
      ['major', 30],
      ['trivial', 15],
      ['critical', 10],
      ['blocker', 5],
    ],
  },
  priority: {
    long: [
      ['medium', 45],
      ['low', 25],
      ['high', 22],
      ['urgent', 8],
    ],
  },
  visibility: {
    long: [
      ['public', 70],
      ['private', 25],
      ['internal', 5],
    ],
  },
};

/** Version 19: a gender's words in the run's locale (was en's `female`/`male` whatever the locale). */
const LOCALE_GENDERS: Readonly<Record<string, NamedVocabulary>> = {
  de: { ...GENDER, long: genderWords('weiblich', 'männlich', 'divers') },
  es: { ...GENDER, long: genderWords('femenino', 'masculino', 'otro') },
  fr: { ...GENDER, long: genderWords('féminin', 'masculin', 'autre') },
  pt_BR: { ...GENDER, long: genderWords('feminino', 'masculino', 'outro') },
  ja: { ...GENDER, long: genderWords('女性', '男性', 'その他') },
};

function genderWords(female: string, male: string, other: string): StatusVocabulary {
  return [
    [female, 49],
    [male, 49],
    [other, 2],
  ];
}

/**
 * The words of a text enumeration named for what it holds (`gender`,
 * `severity`, `priority`, `visibility`), sized to a type of `maxLength`
 * characters: `F`/`M` in a `char(1)` gender. Undefined for other names.
 * Version 19: a gender's words in the locale `localeCode`.
 */
export function namedVocabulary(
  tokens: readonly string[],
  maxLength: number,
  localeCode = 'en',
): StatusVocabulary | undefined {
  const last = tokens[tokens.length - 1] ?? '';
  const found =
    (last === 'gender' || last === 'sex' ? LOCALE_GENDERS[localeCode] : undefined) ?? BY_NAME[last];
  if (found === undefined) return undefined;
  const longest = Math.max(...found.long.map(([word]) => word.length));
  return maxLength < longest && found.short !== undefined ? found.short : found.long;
}

/**
 * The status vocabulary of a `status`/`state` column (`tokens`: its name's
 * words, the last one status or state) in a table named `tableName`, or
 * undefined when neither the name's other words nor the table's last word
 * tells what the row is.
 *
 * @example statusVocabulary(['status'], 'employees') // [['active', 82], ['on_leave', 4], ['terminated', 14]]
 */
export function statusVocabulary(
  tokens: readonly string[],
  tableName: string,
  version = 18,
): StatusVocabulary | undefined {
  const thing = (word: string) =>
    (version >= 32 && isRentalWord(word) ? RENTAL_STATUS : undefined) ??
    (version >= 28 && singular(word) === 'listing' ? LISTING : undefined) ??
    (version >= 19 ? NINETEEN_THINGS[singular(word)] : undefined) ??
    BY_THING[singular(word)];
  for (let i = tokens.length - 2; i >= 0; i--) {
    const found = thing(tokens[i] as string);
    if (found) return found;
  }
  const words = tableName
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const last = words.at(-1);
  const found = last === undefined ? undefined : thing(last);
  // Version 19: a status of a thing no list names is a record's (was a hashed mix of orders' and accounts' words).
  return found ?? (version >= 19 ? RECORD : undefined);
}

/**
 * The words a text column of a status (`status`, `state`) or of a named
 * enumeration (`gender`, `severity`) takes in version 13, those that fit
 * `maxLength` characters; undefined where none is known or fewer than two
 * fit (the column then keeps a label vocabulary of its own).
 */
export function knownVocabulary(
  tokens: readonly string[],
  tableName: string,
  maxLength: number,
  version: number,
  localeCode = 'en',
): StatusVocabulary | undefined {
  const last = tokens[tokens.length - 1];
  const known =
    last === 'status' || last === 'state'
      ? statusVocabulary(tokens, tableName, version)
      : namedVocabulary(tokens, maxLength, version >= 19 ? localeCode : 'en');
  const words = known?.filter(([word]) => word.length <= maxLength) ?? [];
  return words.length < 2 ? undefined : words;
}

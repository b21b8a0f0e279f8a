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

/**
 * The words of a text enumeration named for what it holds (`gender`,
 * `severity`, `priority`, `visibility`), sized to a type of `maxLength`
 * characters: `F`/`M` in a `char(1)` gender. Undefined for other names.
 */
export function namedVocabulary(tokens: readonly string[], maxLength: number): StatusVocabulary | undefined {
  const found = BY_NAME[tokens[tokens.length - 1] ?? ''];
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
export function statusVocabulary(tokens: readonly string[], tableName: string): StatusVocabulary | undefined {
  for (let i = tokens.length - 2; i >= 0; i--) {
    const found = BY_THING[singular(tokens[i] as string)];
    if (found) return found;
  }
  const words = tableName
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  const last = words.at(-1);
  return last === undefined ? undefined : BY_THING[singular(last)];
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
): StatusVocabulary | undefined {
  const last = tokens[tokens.length - 1];
  const known =
    last === 'status' || last === 'state'
      ? statusVocabulary(tokens, tableName)
      : namedVocabulary(tokens, maxLength);
  const words = known?.filter(([word]) => word.length <= maxLength) ?? [];
  return words.length < 2 ? undefined : words;
}

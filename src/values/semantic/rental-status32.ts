/**
 * Version 32 (issue 11, session 39): a rental's (a loan's) status and its return agree. A rental is
 * `returned` in most rows, else still `open`, `overdue` or `lost`; the `return_date` of a rentals
 * table is the loan's last step (generate/status-dates.ts), set exactly on a returned rental, after its
 * rental date (loan-returns.ts). Version 31 gave a rental a record's words (`active`, `pending`,
 * `deleted`) and a return date on 89% of every status, open or not.
 */
import { nameTokens, singular } from './column-names.js';
import type { StatusVocabulary } from './status-vocabularies.js';

export const RENTAL_STATUS: StatusVocabulary = [
  ['returned', 86],
  ['open', 9],
  ['overdue', 4],
  ['lost', 1],
];

/** The words of a thing lent out and given back (a table's last word, a status name's first). */
const LENT = new Set(['rental', 'loan', 'checkout', 'borrowing', 'lending']);

/** Whether a word (singular or plural) names a rental or a loan (`rentals`, `book_loans`' `loans`). */
export function isRentalWord(word: string): boolean {
  return LENT.has(singular(word.toLowerCase()));
}

/** The return step's stage (status-stages.ts' `returned`: after the loan's other steps). */
const RETURNED = 4;

/** The stage a rentals table's `return_date` (`returned_on`, `return_at`) records, or undefined. */
export function rentalReturnStage(tokens: readonly string[], tableName: string): number | undefined {
  if (!tokens.includes('return')) return undefined;
  const last = nameTokens(tableName).at(-1);
  return last !== undefined && isRentalWord(last) ? RETURNED : undefined;
}

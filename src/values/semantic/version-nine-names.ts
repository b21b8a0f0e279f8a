/**
 * Names version 9 reads before the older rules: a person's name by the role
 * before `name` (`holder_name`, `patient_name`, `recipient_name`: were
 * words, "Primary Wasabi"), and money named amount first (`amount_billed`,
 * `amount_paid`, `amount_due`: were any value of the type, 395,272,886.27);
 * a claim's `payer`, an `insurer`, a `carrier` a company (were words).
 */
import type { SemanticKind, TypeFamily } from './semantic-kind.js';

/** Roles whose `X_name` is a person's full name (`user_name` stays a user name). */
const PERSON_ROLES = new Set(
  (
    'holder cardholder accountholder patient recipient sender payee payer beneficiary guardian client ' +
    'student member passenger driver guest applicant signer subscriber buyer seller tenant landlord ' +
    'physician doctor nurse teacher instructor'
  ).split(' '),
);

/** Whether a money column is named amount first (`amount_paid`), an amount as `paid_amount` is. */
export function isAmountFirst(tokens: readonly string[]): boolean {
  return tokens.length === 2 && tokens[0] === 'amount';
}

/** Version 9's kind for a column's words and type family, or null. */
export function versionNineKind(tokens: readonly string[], family: TypeFamily): SemanticKind | null {
  const last = tokens[tokens.length - 1] ?? '';
  if (family === 'text' && last === 'name' && PERSON_ROLES.has(tokens[tokens.length - 2] ?? ''))
    return 'full_name';
  // A claim's `payer`, an `insurer`, a shipment's `carrier`: a company.
  if (family === 'text' && tokens.length === 1 && ['payer', 'insurer', 'carrier'].includes(last))
    return 'company';
  if ((family === 'decimal' || family === 'integer') && isAmountFirst(tokens)) return 'price';
  return null;
}

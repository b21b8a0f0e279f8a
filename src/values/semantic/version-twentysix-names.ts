/**
 * Names version 26 reads (version-twentysix-values.ts makes their values):
 * - a car's model `year`, its `mileage` (or `odometer`, `kilometers`) and
 *   its `price` in a vehicles table: the mileage and price by the car's age;
 * - a mailing's audience (`to_send`, `recipients`) and what was `sent` of
 *   it (listmonk's campaigns), its `send_at` after its creation;
 * - a real-estate listing's `headline` (or `title`);
 * - a ledger's or a bank transaction's `description` (or `memo`,
 *   `narrative`): a statement's line, by the sign of the row's amount.
 * Text names are read so only where earlier versions drew words for them.
 */
import type { Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';
import { HOME_TABLE, VEHICLE_TABLE, WORD_KINDS } from './version-twentyfive-names.js';

/** What a version 26 name is. */
export type Named26 =
  | 'car_year'
  | 'mileage'
  | 'car_price'
  | 'audience'
  | 'sent'
  | 'send_at'
  | 'headline'
  | 'statement_text';

const words = (text: string): ReadonlySet<string> => new Set(text.split(' '));
const CAR_YEARS = words('year modelyear caryear vehicleyear yearofmanufacture manufactureyear');
const MILEAGES = words(
  'mileage odometer miles kilometers kilometres km kms odometerkm odometermiles mileagekm',
);
const CAR_PRICES = words('price listprice askingprice saleprice msrp purchaseprice');
const AUDIENCES = words('tosend recipients recipientcount totalrecipients audiencesize');
const SENT = words('sent sentcount numsent');
const SEND_AT = words('sendat senddate sendtime sendon');
const HEADLINES = words('headline title listingtitle tagline');
const STATEMENT_TEXTS = words('description memo narrative narration details');
/** Listings of other things than homes (jobs, products). */
const NOT_HOMES = /job|product|item|vehicle|car/;
/** A table of money movements: a ledger, a bank account's transactions, a statement's lines. */
const MOVEMENT_TABLE = /ledger|transaction|journal|statement|posting|bank|transfer/;

/** Whether a table has a column whose words are one of `names`. */
const hasColumn = (table: Table, names: ReadonlySet<string>) =>
  table.columns.some((c) => names.has(nameTokens(c.name).join('')));

/** What a column is by version 26's names, or null. */
export function named26Of(table: Table, column: string, family: TypeFamily | null): Named26 | null {
  const compact = nameTokens(column).join('');
  const name = table.name.toLowerCase();
  if (family === 'integer' || family === 'decimal') {
    if (VEHICLE_TABLE.test(name)) {
      if (CAR_YEARS.has(compact) && family === 'integer') return 'car_year';
      if (MILEAGES.has(compact)) return 'mileage';
      if (CAR_PRICES.has(compact)) return 'car_price';
    }
    if (family === 'integer' && AUDIENCES.has(compact) && hasColumn(table, SENT)) return 'audience';
    if (family === 'integer' && SENT.has(compact) && hasColumn(table, AUDIENCES)) return 'sent';
    return null;
  }
  if (family === 'temporal') return SEND_AT.has(compact) ? 'send_at' : null;
  if (family !== 'text') return null;
  if (HEADLINES.has(compact) && HOME_TABLE.test(name) && !NOT_HOMES.test(name)) return 'headline';
  const amount = table.columns.some((c) => nameTokens(c.name).includes('amount'));
  if (STATEMENT_TEXTS.has(compact) && amount && MOVEMENT_TABLE.test(name)) return 'statement_text';
  return null;
}

const KINDS: Readonly<Record<Named26, SemanticKind>> = {
  car_year: 'year',
  mileage: 'quantity',
  car_price: 'price',
  audience: 'quantity',
  sent: 'quantity',
  send_at: 'due_at',
  headline: 'title',
  statement_text: 'description',
};

/**
 * The version 26 name and kind of a column, given version 25's kind of it (`before`), or null: a text name
 * only where version 25 drew words (a name it read otherwise keeps that reading).
 */
export function versionTwentySixNamed(
  table: Table,
  column: string,
  family: TypeFamily | null,
  before: () => SemanticKind | null,
): { readonly named: Named26; readonly kind: SemanticKind } | null {
  const named = named26Of(table, column, family);
  if (named === null) return null;
  if (family === 'text' && !WORD_KINDS.has(before())) return null;
  return { named, kind: KINDS[named] };
}

/** The version 26 name a column of kind `kind` was read by (its kind the name's), or null. */
export function named26For(
  table: Table,
  column: string,
  family: TypeFamily | null,
  kind: SemanticKind | null,
): Named26 | null {
  const named = named26Of(table, column, family);
  return named !== null && KINDS[named] === kind ? named : null;
}

/** The column of `table` a version 26 name reads as `named` (a car's year, a mailing's audience), or null. */
export function columnNamed26(table: Table, named: Named26, family: TypeFamily): string | null {
  return table.columns.find((c) => !c.generated && named26Of(table, c.name, family) === named)?.name ?? null;
}

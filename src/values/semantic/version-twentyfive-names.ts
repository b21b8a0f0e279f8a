/**
 * Names version 25 reads (version-twentyfive-values.ts makes their values):
 * - a person named by a text column (`interviewer`, `assignee`,
 *   `reviewed_by`, `visitor_name`, a book's `author`): a person's name;
 * - a company's `industry`, `skills`, a support `team`, a user's `role`, a
 *   `department` outside a catalogue, a car's `make` and `model`, a
 *   `license_plate`, a `position` (a job title), an `agency` or a
 *   `publisher` (a company) (work-words25.ts);
 * - identifiers with a check digit: `isbn`, `issn`, `ean`, `upc`, `gtin`,
 *   `vin`, `iban` (check-digit-codes.ts);
 * - what a person writes: a `cover_letter`, an interview's `feedback`, an
 *   application's `notes`, a viewing's `feedback`, a home's `description`,
 *   a job posting's `description` (and its `title`, a job title), a
 *   rating's `comment`, a ticket's `description` (support-text.ts);
 * - a home's bedrooms, bathrooms, floor area, lot, year built, HOA fee,
 *   price and days on the market (home-magnitudes25.ts);
 * - a pay range's ends (`salary_min`, `salary_max`): a salary;
 * - a listing's `listed_at` (its start where no creation column) and its
 *   `sold_at` (a step after it).
 * Text names are read so only where version 24 drew words for them (a
 * phrase, label, code, token, category, title or description).
 */
import type { Table } from '../../schema/model.js';
import type { CheckedCode } from './check-digit-codes.js';
import { nameTokens } from './column-names.js';
import type { Home25 } from './home-magnitudes25.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';
import { JOB_TABLE } from './version-twentyfour-names.js';
import type { Prose25 } from './work-words25.js';

/** What a version 25 name is. */
export type Named25 =
  | 'person'
  | 'industry'
  | 'skills'
  | 'team'
  | 'role'
  | 'department'
  | 'car_make'
  | 'car_model'
  | 'plate'
  | 'position'
  | 'employer'
  | 'ticket_text'
  | CheckedCode
  | Prose25
  | Home25
  | 'salary'
  | 'listed'
  | 'sold';

/** The table a name is read in: its name and, where known, its columns and foreign keys. */
export type Table25 = Pick<Table, 'name'> & Partial<Pick<Table, 'columns' | 'foreignKeys'>>;

const words = (text: string): ReadonlySet<string> => new Set(text.split(' '));
const PERSON_COMPACT = words(
  'interviewer assignee reviewer approver recruiter requester reporter assignedto hiringmanager accountmanager author authorname contactperson',
);
const PERSON_ROLES = words(
  'visitor buyer seller guest tenant landlord driver interviewer reviewer recruiter counterparty beneficiary payee recipient sender attendee agent manager holder cardholder passenger physician doctor teacher instructor coach witness contact',
);
const NOT_BY = words('order sort group partition filter split paid grouped ordered sorted');
const CHECKED: Readonly<Record<string, CheckedCode>> = {
  isbn: 'isbn13',
  isbn13: 'isbn13',
  isbn10: 'isbn10',
  issn: 'issn',
  ean: 'ean13',
  ean13: 'ean13',
  gtin13: 'ean13',
  upc: 'upc',
  upca: 'upc',
  upccode: 'upc',
  gtin: 'gtin14',
  gtin14: 'gtin14',
  vin: 'vin',
  vinnumber: 'vin',
  vehicleidentificationnumber: 'vin',
  iban: 'iban',
};
const TEXT_NAMES: Readonly<Record<string, Named25>> = {
  industry: 'industry',
  sector: 'industry',
  industryname: 'industry',
  skills: 'skills',
  skillset: 'skills',
  requiredskills: 'skills',
  keyskills: 'skills',
  team: 'team',
  teamname: 'team',
  role: 'role',
  userrole: 'role',
  department: 'department',
  dept: 'department',
  departmentname: 'department',
  licenseplate: 'plate',
  plate: 'plate',
  platenumber: 'plate',
  position: 'position',
  currentposition: 'position',
  jobposition: 'position',
  currenttitle: 'position',
  occupation: 'position',
  agency: 'employer',
  publisher: 'employer',
  employer: 'employer',
  currentemployer: 'employer',
  currentcompany: 'employer',
  brokerage: 'employer',
  coverletter: 'cover_letter',
};
const HOME_NUMBERS: Readonly<Record<string, Named25>> = {
  bedrooms: 'bedrooms',
  beds: 'bedrooms',
  numbedrooms: 'bedrooms',
  bedroomcount: 'bedrooms',
  bathrooms: 'bathrooms',
  baths: 'bathrooms',
  numbathrooms: 'bathrooms',
  bathroomcount: 'bathrooms',
  squarefeet: 'floor_area',
  sqft: 'floor_area',
  squarefootage: 'floor_area',
  livingarea: 'floor_area',
  livingareasqft: 'floor_area',
  floorarea: 'floor_area',
  lotsize: 'lot_area',
  lotsizesqft: 'lot_area',
  lotsqft: 'lot_area',
  yearbuilt: 'year_built',
  builtyear: 'year_built',
  constructionyear: 'year_built',
  hoafee: 'hoa_fee',
  hoadues: 'hoa_fee',
  daysonmarket: 'days_on_market',
};
const HOME_PRICES = words('price listprice askingprice soldprice saleprice closingprice purchaseprice');
export const HOME_TABLE = /propert|listing|home|house|real_?estate|apartment|condo|dwelling/;
export const VEHICLE_TABLE = /vehicle|(^|_)cars?$|automobile|fleet/;
const CATALOGUE_TABLE = /product|item|catalog|categor|store|shop|sku|inventory|article/;
const INTERVIEW_TABLE = /interview/;
const VIEWING_TABLE = /showing|viewing|tour|open_house|visit/;
const RECRUITING_TABLE = /applica|candidate|recruit/;
const RATING_TABLE = /satisfaction|ratings?$|survey|csat|nps/;
const TICKET_TABLE = /^(support_|helpdesk_)?(tickets?|incidents?|cases?)$/;
const SALARY_WORDS = words('salary pay compensation wage');
const RANGE_ENDS = words('min max minimum maximum from to low high');

/** A text column's version 25 name, before version 24's reading is asked. */
function textName(table: string, t: readonly string[]): Named25 | null {
  const compact = t.join('');
  const checked = CHECKED[compact] ?? (t.at(-1) === 'iban' ? 'iban' : undefined);
  if (checked !== undefined) return checked;
  if (t.length >= 2 && t.at(-1) === 'by' && !NOT_BY.has(t[0] ?? '')) return 'person';
  if (PERSON_COMPACT.has(compact)) return 'person';
  if (t.length === 2 && t[1] === 'name' && PERSON_ROLES.has(t[0] ?? '')) return 'person';
  if (VEHICLE_TABLE.test(table) && (compact === 'make' || compact === 'manufacturer')) return 'car_make';
  if (VEHICLE_TABLE.test(table) && compact === 'model') return 'car_model';
  if (compact === 'feedback' || compact === 'comments' || compact === 'notes' || compact === 'comment') {
    if (RATING_TABLE.test(table)) return 'rating_comment';
    if (INTERVIEW_TABLE.test(table)) return 'interview_feedback';
    if (VIEWING_TABLE.test(table)) return 'viewing_feedback';
    if (RECRUITING_TABLE.test(table)) return 'recruiter_notes';
  }
  if (HOME_TABLE.test(table) && (compact === 'description' || compact === 'remarks')) return 'home_text';
  if (JOB_TABLE.test(table) && (compact === 'title' || compact === 'name')) return 'position';
  if (JOB_TABLE.test(table) && compact === 'description') return 'job_text';
  if (TICKET_TABLE.test(table) && compact === 'description') return 'ticket_text';
  const named = TEXT_NAMES[compact];
  if (named === 'department' && CATALOGUE_TABLE.test(table)) return null;
  return named ?? null;
}

/** A number column's version 25 name. */
function numberName(table: Table25, t: readonly string[]): Named25 | null {
  const compact = t.join('');
  const home = HOME_NUMBERS[compact];
  if (home !== undefined) return home;
  if (HOME_PRICES.has(compact) && HOME_TABLE.test(table.name.toLowerCase())) return 'home_price';
  if (t.some((w) => SALARY_WORDS.has(w)) && (RANGE_ENDS.has(t.at(-1) ?? '') || RANGE_ENDS.has(t[0] ?? '')))
    return 'salary';
  return null;
}

/** A time column's version 25 name: a listing's listing and sale. */
function timeName(t: readonly string[]): Named25 | null {
  const core = t.filter((w) => !['at', 'on', 'date', 'time', 'ts'].includes(w)).join('');
  return core === 'listed' ? 'listed' : core === 'sold' ? 'sold' : null;
}

/** What a column is by version 25's names (before asking version 24's reading), or null. */
export function named25Of(table: Table25, column: string, family: TypeFamily | null): Named25 | null {
  const t = nameTokens(column);
  if (family === 'text') return textName(table.name.toLowerCase(), t);
  if (family === 'integer' || family === 'decimal') return numberName(table, t);
  return family === 'temporal' ? timeName(t) : null;
}

const TEXT_KINDS: Readonly<Partial<Record<Named25, SemanticKind>>> = {
  person: 'label',
  position: 'job_title',
  employer: 'company',
  plate: 'code',
  skills: 'label',
  cover_letter: 'description',
  interview_feedback: 'description',
  viewing_feedback: 'description',
  recruiter_notes: 'description',
  home_text: 'description',
  job_text: 'description',
  rating_comment: 'description',
  ticket_text: 'description',
};
const NUMBER_KINDS: Readonly<Partial<Record<Named25, SemanticKind>>> = {
  bedrooms: 'quantity',
  bathrooms: 'quantity',
  floor_area: 'dimension',
  lot_area: 'dimension',
  year_built: 'year',
  hoa_fee: 'price',
  home_price: 'price',
  days_on_market: 'quantity',
  salary: 'salary',
  sold: 'updated_at',
};
const CREATION = /^(created|creation|inserted|added)/;

/** The kind a version 25 name is read as. */
export function kindOf25(named: Named25, table: Table25): SemanticKind {
  if (named === 'listed')
    return table.columns?.some((c) => CREATION.test(c.name.toLowerCase())) ? 'updated_at' : 'created_at';
  if (named in CHECKED_KINDS) return 'code';
  return TEXT_KINDS[named] ?? NUMBER_KINDS[named] ?? 'category';
}
const CHECKED_KINDS: Readonly<Record<string, true>> = Object.fromEntries(
  Object.values(CHECKED).map((c) => [c, true] as const),
);

/** Kinds of words drawn at random (version 24's reading of a name it gave no meaning): a text name of version 25 replaces them. */
export const WORD_KINDS = new Set<SemanticKind | null>([
  null,
  'phrase',
  'label',
  'code',
  'token',
  'category',
  'title',
  'description',
]);

/**
 * The version 25 name and kind of a column, given version 24's kind of it (`before`), or null: a text
 * name only where version 24 drew words (a name it read otherwise keeps that reading).
 */
export function versionTwentyFiveNamed(
  table: Table25,
  column: string,
  family: TypeFamily | null,
  before: () => SemanticKind | null,
): { readonly named: Named25; readonly kind: SemanticKind } | null {
  const named = named25Of(table, column, family);
  if (named === null) return null;
  if (family === 'text' && !WORD_KINDS.has(before())) return null;
  return { named, kind: kindOf25(named, table) };
}

/** The version 25 name a column of kind `kind` was read by (its kind the name's), or null. */
export function named25For(
  table: Table25,
  column: string,
  family: TypeFamily | null,
  kind: SemanticKind | null,
): Named25 | null {
  const named = named25Of(table, column, family);
  return named !== null && kindOf25(named, table) === kind ? named : null;
}

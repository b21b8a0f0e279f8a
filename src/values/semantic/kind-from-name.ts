/**
 * A column's meaning from its name's words, before the type check
 * (detect-semantic.ts): rules per family (contact details, people, things,
 * streets, places, codes, numbers and times), tried in that order, the first
 * answer winning; a bare `name` takes the table's meaning.
 */
import type { Column, Table } from '../../schema/model.js';
import {
  ADDRESS_PREFIXES,
  endsWith,
  hasAddressColumns,
  NOT_A_VALUE,
  nameTokens,
  tableClassOf,
} from './column-names.js';
import { counterOrCode, numberOrTimeFromName } from './number-time-names.js';
import type { SemanticKind } from './semantic-kind.js';

const DESCRIPTION = new Set(
  (
    'description desc descr notes note comment comments body content summary bio biography about details ' +
    'remarks remark message abstract overview synopsis text'
  ).split(' '),
);
const PHONE = new Set(
  'phone mobile cell cellphone telephone tel fax phonenumber phoneno cellular mobilephone'.split(' '),
);

/** A column name read once: its words, the last word, the words joined, the word before a last `name`, its table. */
export interface NameWords {
  readonly t: readonly string[];
  readonly last: string;
  readonly compact: string;
  /** The word before a final `name` (`company_name` → company), else ''. */
  readonly beforeName: string;
  readonly tableTokens: readonly string[];
  readonly tableClass: ReturnType<typeof tableClassOf>;
  readonly table: Table;
  readonly column: Column;
}

/** A family's answer: a kind, null (the name means no realistic value: stop), or undefined (ask the next family). */
export type NameDecision = SemanticKind | null | undefined;

/** Email addresses, IP addresses, URLs, phone numbers and usernames. */
function contactFromName({ t, last, compact, tableTokens }: NameWords): NameDecision {
  if (last === 'email' || last === 'mail' || compact === 'emailaddress' || endsWith(t, 'email', 'address')) {
    return 'email';
  }
  if ((last === 'address' || last === 'addr') && tableTokens.some((w) => w.startsWith('email')))
    return 'email';
  if (last === 'ip' || endsWith(t, 'ip', 'address') || endsWith(t, 'ip', 'addr') || compact === 'ipaddr')
    return 'ip';
  if (compact === 'remoteaddr' || compact === 'remoteaddress' || compact === 'clientaddr') return 'ip';
  if (endsWith(t, 'mac', 'address') || endsWith(t, 'mac', 'addr')) return null;
  if (last === 'url' || last === 'uri' || last === 'website' || last === 'homepage' || last === 'webpage')
    return 'url';
  if (endsWith(t, 'home', 'page') || endsWith(t, 'web', 'site') || endsWith(t, 'web', 'page')) return 'url';
  if (
    PHONE.has(last) ||
    endsWith(t, 'phone', 'number') ||
    endsWith(t, 'phone', 'no') ||
    endsWith(t, 'phone', 'num')
  ) {
    return 'phone';
  }
  if (endsWith(t, 'mobile', 'number') || endsWith(t, 'fax', 'number') || endsWith(t, 'contact', 'number'))
    return 'phone';
  if (
    compact === 'username' ||
    compact === 'login' ||
    compact === 'loginname' ||
    compact === 'handle' ||
    compact === 'screenname' ||
    compact === 'nickname' ||
    endsWith(t, 'user', 'name')
  ) {
    return 'username';
  }
  return undefined;
}

/** First, last and full names, name prefixes and job titles. */
function personFromName({ t, last, compact, tableClass }: NameWords): NameDecision {
  if (
    endsWith(t, 'first', 'name') ||
    endsWith(t, 'given', 'name') ||
    endsWith(t, 'middle', 'name') ||
    ['firstname', 'givenname', 'forename', 'fname', 'middlename'].includes(last) ||
    compact === 'first'
  ) {
    return 'first_name';
  }
  if (
    endsWith(t, 'last', 'name') ||
    endsWith(t, 'family', 'name') ||
    endsWith(t, 'sur', 'name') ||
    ['lastname', 'surname', 'familyname', 'lname'].includes(last) ||
    compact === 'last'
  ) {
    return 'last_name';
  }
  if (
    ['fullname', 'displayname', 'contactname', 'realname'].includes(last) ||
    (last === 'name' &&
      [
        'full',
        'display',
        'contact',
        'person',
        'customer',
        'employee',
        'author',
        'real',
        'manager',
        'owner',
      ].includes(t[t.length - 2] ?? ''))
  ) {
    return 'full_name';
  }
  if (
    ['salutation', 'honorific', 'prefix'].includes(last) ||
    compact === 'titleofcourtesy' ||
    compact === 'courtesytitle' ||
    endsWith(t, 'name', 'prefix')
  ) {
    return 'name_prefix';
  }
  if (
    endsWith(t, 'job', 'title') ||
    endsWith(t, 'contact', 'title') ||
    ['jobtitle', 'job', 'occupation', 'position', 'designation', 'profession'].includes(compact) ||
    (last === 'title' && tableClass === 'person')
  ) {
    return 'job_title';
  }
  return undefined;
}

/** Companies, products, categories, titles and descriptions. */
function thingFromName({ last, compact, beforeName }: NameWords): NameDecision {
  if (
    [
      'company',
      'companyname',
      'employer',
      'organization',
      'organisation',
      'manufacturer',
      'vendor',
      'supplier',
    ].includes(last) ||
    [
      'company',
      'business',
      'organization',
      'organisation',
      'org',
      'vendor',
      'supplier',
      'publisher',
      'brand',
    ].includes(beforeName)
  ) {
    return 'company';
  }
  if (
    compact === 'product' ||
    compact === 'productname' ||
    beforeName === 'product' ||
    beforeName === 'item'
  ) {
    return 'product_name';
  }
  if (
    ['category', 'department', 'genre'].includes(last) ||
    ['category', 'department', 'genre'].includes(beforeName)
  ) {
    return 'category';
  }
  if (last === 'title' || last === 'headline' || last === 'subject') return 'title';
  if (DESCRIPTION.has(last)) return 'description';
  return undefined;
}

/** Street lines: the street address and the secondary line (`address2`, `apt`). */
function streetFromName({ t, last, compact, tableTokens }: NameWords): NameDecision {
  if (endsWith(t, 'address', '2') || endsWith(t, 'address', 'line', '2') || endsWith(t, 'addr', '2')) {
    return 'secondary_address';
  }
  if (endsWith(t, 'line', '2') && (t.includes('address') || tableTokens.includes('address')))
    return 'secondary_address';
  // `line1` in an address table (`address.line1`) is the street line.
  if (tableTokens.includes('address') && (compact === 'line1' || compact === 'line')) return 'street_address';
  if (compact === 'apartment' || compact === 'suite' || compact === 'apt') return 'secondary_address';
  if (
    last === 'address' ||
    last === 'addr' ||
    last === 'street' ||
    endsWith(t, 'address', '1') ||
    endsWith(t, 'address', 'line', '1') ||
    endsWith(t, 'street', 'address') ||
    endsWith(t, 'street', 'name')
  ) {
    return 'street_address';
  }
  return undefined;
}

/** Cities, counties, countries, states, postal codes, coordinates and time zones. */
function placeFromName(n: NameWords): NameDecision {
  const { t, last, beforeName } = n;
  if (last === 'city' || last === 'town' || beforeName === 'city' || beforeName === 'town') return 'city';
  if (last === 'county') return 'county';
  if (t.includes('country') && (t.includes('code') || t.includes('iso') || t.includes('alpha')))
    return 'country_code';
  if (last === 'country' || last === 'nation' || beforeName === 'country') return 'country';
  if (
    last === 'province' ||
    last === 'territory' ||
    beforeName === 'state' ||
    beforeName === 'province' ||
    endsWith(t, 'state', 'code') ||
    endsWith(t, 'state', 'abbr')
  ) {
    return 'state';
  }
  if (last === 'state' || last === 'region' || last === 'district') {
    // Alone, `state` is usually a status; with address columns (or `billing_state`) it is a place.
    return ADDRESS_PREFIXES.has(t[0] ?? '') || hasAddressColumns(n.table, n.column) ? 'state' : null;
  }
  if (['zip', 'zipcode', 'postcode', 'postalcode', 'pincode'].includes(last)) return 'postal_code';
  if (endsWith(t, 'zip', 'code') || endsWith(t, 'postal', 'code') || endsWith(t, 'post', 'code'))
    return 'postal_code';
  if (last === 'lat' || last === 'latitude') return 'latitude';
  if (last === 'lng' || last === 'lon' || last === 'long' || last === 'longitude') return 'longitude';
  if (last === 'timezone' || last === 'tz' || endsWith(t, 'time', 'zone')) return 'time_zone';
  return undefined;
}

/** Colours, currencies and languages. */
function codeFromName({ t, last }: NameWords): NameDecision {
  if (last === 'color' || last === 'colour' || endsWith(t, 'color', 'hex') || endsWith(t, 'color', 'code')) {
    return 'color';
  }
  if (last === 'currency' || endsWith(t, 'currency', 'code') || endsWith(t, 'currency', 'iso'))
    return 'currency_code';
  if (
    last === 'language' ||
    last === 'lang' ||
    endsWith(t, 'language', 'code') ||
    endsWith(t, 'lang', 'code')
  ) {
    return 'language';
  }
  return undefined;
}

/** A bare `name` (or TPC-H's `c_name`) means what the table holds. */
const NAME_BY_TABLE: Readonly<Record<NonNullable<NameWords['tableClass']>, SemanticKind>> = {
  person: 'full_name',
  company: 'company',
  product: 'product_name',
  category: 'category',
  work: 'title',
  language: 'language',
  city: 'city',
  country: 'country',
  state: 'state',
};

/** The families, in the order their rules are tried (the first answer wins). */
const FAMILIES: readonly ((n: NameWords) => NameDecision)[] = [
  contactFromName,
  personFromName,
  thingFromName,
  streetFromName,
  placeFromName,
  codeFromName,
  numberOrTimeFromName,
];

/** The kind the name alone suggests (before the type check), or null. */
export function kindFromName(table: Table, column: Column): SemanticKind | null {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  const counted = counterOrCode(t, last);
  if (counted) return counted;
  if (NOT_A_VALUE.has(last)) return null;
  const words: NameWords = {
    t,
    last,
    compact: t.join(''),
    beforeName: last === 'name' ? (t[t.length - 2] ?? '') : '',
    tableTokens: nameTokens(table.name),
    tableClass: tableClassOf(table),
    table,
    column,
  };
  for (const family of FAMILIES) {
    const kind = family(words);
    if (kind !== undefined) return kind;
  }
  const { compact } = words;
  if (compact === 'name' || (t.length === 2 && last === 'name' && (t[0]?.length ?? 3) <= 2)) {
    return words.tableClass === null ? null : NAME_BY_TABLE[words.tableClass];
  }
  return null;
}

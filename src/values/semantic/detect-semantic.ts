/**
 * Column meaning from its name (and its table's name) and base type. English
 * compound names put the head noun last (`billing_city`, `contact_email`,
 * `unit_price`), so rules look mostly at the last words; a bare `name` takes
 * its meaning from the table (`customer.name` is a person, `company.name` a
 * company). A kind is only returned for a base type it can be written as.
 * Runs once per column at planning time, so plain regexes are fine here.
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import { KIND_FAMILIES, type SemanticKind, typeFamilyOf } from './semantic-kind.js';

/** `billingCity` / `BILLING_CITY` / `address_line1` → `['billing', 'city']` / … / `['address', 'line', '1']`. */
export function nameTokens(name: string): readonly string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([a-zA-Z])([0-9])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** A plural table word as singular (`companies` → `company`, `addresses` → `address`). */
function singular(word: string): string {
  if (word === 'people') return 'person';
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}

const PERSON_TABLES = new Set(
  (
    'customer person user employee actor artist author staff member contact student teacher patient doctor ' +
    'client driver player owner manager passenger guest profile director writer musician instructor applicant ' +
    'candidate volunteer subscriber participant attendee speaker agent worker physician nurse tenant buyer ' +
    'seller recipient sender reviewer admin administrator'
  ).split(' '),
);
const COMPANY_TABLES = new Set(
  (
    'company organization organisation org vendor supplier manufacturer publisher brand merchant business ' +
    'agency partner carrier airline shipper firm employer bank store shop'
  ).split(' '),
);
const PRODUCT_TABLES = new Set('product item good merchandise sku part'.split(' '));
const CATEGORY_TABLES = new Set('category genre department'.split(' '));
const WORK_TABLES = new Set('book film movie album song track video episode novel publication'.split(' '));

/** The class of a table by its last name word (`film_actor` → actor → person). */
type TableClass =
  | 'person'
  | 'company'
  | 'product'
  | 'category'
  | 'work'
  | 'language'
  | 'city'
  | 'country'
  | 'state';

/** The class of a table (by its last name word, singular), or null. */
export function tableClassOf(table: Table): TableClass | null {
  const tokens = nameTokens(table.name);
  const last = singular(tokens[tokens.length - 1] ?? '');
  if (PERSON_TABLES.has(last)) return 'person';
  if (COMPANY_TABLES.has(last)) return 'company';
  if (PRODUCT_TABLES.has(last)) return 'product';
  if (CATEGORY_TABLES.has(last)) return 'category';
  if (WORK_TABLES.has(last)) return 'work';
  if (last === 'language') return 'language';
  if (last === 'city' || last === 'town') return 'city';
  if (last === 'country' || last === 'nation') return 'country';
  if (last === 'state' || last === 'province') return 'state';
  return null;
}

/** Name endings that mark a flag, key or counter, never a realistic value (`email_verified`, `city_id`). */
const NOT_A_VALUE = new Set(
  (
    'id ids uuid guid count hash token verified confirmed enabled status flag format type key index idx ' +
    'template pattern regex seq sequence hint visibility'
  ).split(' '),
);

const ADDRESS_PREFIXES = new Set(
  'billing shipping ship bill home mailing work residence birth office'.split(' '),
);

function endsWith(tokens: readonly string[], ...tail: readonly string[]): boolean {
  if (tail.length > tokens.length) return false;
  const offset = tokens.length - tail.length;
  for (let i = 0; i < tail.length; i++) if (tokens[offset + i] !== tail[i]) return false;
  return true;
}

/** Whether the table has other columns that read as parts of a postal address. */
function hasAddressColumns(table: Table, self: Column): boolean {
  for (const column of table.columns) {
    if (column === self) continue;
    const t = nameTokens(column.name);
    const last = t[t.length - 1] ?? '';
    if (
      last === 'city' ||
      last === 'zip' ||
      last === 'zipcode' ||
      last === 'postcode' ||
      last === 'country' ||
      last === 'street' ||
      endsWith(t, 'postal', 'code') ||
      endsWith(t, 'zip', 'code') ||
      (last === 'address' && !t.includes('email') && !t.includes('ip'))
    ) {
      return true;
    }
  }
  return false;
}

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
const BIRTH = new Set('birthdate dateofbirth dob birthday bornon birthdt borndate birth'.split(' '));
const DESCRIPTION = new Set(
  (
    'description desc descr notes note comment comments body content summary bio biography about details ' +
    'remarks remark message abstract overview synopsis text'
  ).split(' '),
);
const PHONE = new Set(
  'phone mobile cell cellphone telephone tel fax phonenumber phoneno cellular mobilephone'.split(' '),
);
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

/**
 * Integer names a flag/key rule would otherwise drop: counters (`*_count`,
 * `num_*`) and small enumerations (`post_type_id`, `priority`, `status`
 * held as a number; the integer-only family check keeps text `status` out).
 */
function counterOrCode(t: readonly string[], last: string): SemanticKind | null {
  if (last === 'count' || last === 'cnt' || t[0] === 'num' || (t[0] === 'number' && t[1] === 'of')) {
    return 'tally';
  }
  if (CODE_WORDS.has(last) || (last === 'id' && CODE_WORDS.has(t[t.length - 2] ?? ''))) return 'small_code';
  return null;
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

/** The kind the name alone suggests (before the type check), or null. */
function kindFromName(table: Table, column: Column): SemanticKind | null {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  const compact = t.join('');
  const tableTokens = nameTokens(table.name);
  const tableClass = tableClassOf(table);

  const counted = counterOrCode(t, last);
  if (counted) return counted;
  if (NOT_A_VALUE.has(last)) return null;

  // People and contact details.
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

  // Organisations and things.
  const beforeName = last === 'name' ? (t[t.length - 2] ?? '') : '';
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

  // Places.
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
    return ADDRESS_PREFIXES.has(t[0] ?? '') || hasAddressColumns(table, column) ? 'state' : null;
  }
  if (['zip', 'zipcode', 'postcode', 'postalcode', 'pincode'].includes(last)) return 'postal_code';
  if (endsWith(t, 'zip', 'code') || endsWith(t, 'postal', 'code') || endsWith(t, 'post', 'code'))
    return 'postal_code';
  if (last === 'lat' || last === 'latitude') return 'latitude';
  if (last === 'lng' || last === 'lon' || last === 'long' || last === 'longitude') return 'longitude';
  if (last === 'timezone' || last === 'tz' || endsWith(t, 'time', 'zone')) return 'time_zone';

  // Codes.
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

  // Numbers.
  if (PRICE.has(last) || (last.endsWith('price') && last.length > 5)) return 'price';
  if (last === 'salary' || last === 'wage' || last === 'income' || last === 'compensation') return 'salary';
  if (last === 'age') return 'age';
  const measure = measureFromName(t, last, compact, table);
  if (measure) return measure;

  // Time.
  if (CREATED.has(compact) || STARTED.has(compact)) return 'created_at';
  if (UPDATED.has(compact) || ENDED.has(compact)) return 'updated_at';
  if (DUE.has(compact)) return 'due_at';
  if (BIRTH.has(compact)) return 'birth_date';

  // A bare `name` (or TPC-H's `c_name`) means what the table holds.
  if (compact === 'name' || (t.length === 2 && last === 'name' && (t[0]?.length ?? 3) <= 2)) {
    switch (tableClass) {
      case 'person':
        return 'full_name';
      case 'company':
        return 'company';
      case 'product':
        return 'product_name';
      case 'category':
        return 'category';
      case 'work':
        return 'title';
      case 'language':
        return 'language';
      case 'city':
        return 'city';
      case 'country':
        return 'country';
      case 'state':
        return 'state';
      default:
        return null;
    }
  }
  return null;
}

/**
 * The semantic kind of a column from its name and base type (the column's
 * type with domains resolved), or null when nothing fits, e.g. `email int4`,
 * `city_id int4`, an array, or a `state` column that is a status.
 *
 * @example detectSemantic(customer, emailColumn, varchar(60)) // 'email'
 */
export function detectSemantic(table: Table, column: Column, base: TypeRef): SemanticKind | null {
  if (base.arrayDims > 0) return null;
  const family = typeFamilyOf(base.name);
  if (family === null) return null;
  // numeric(p, s) with a negative scale rounds to tens or more: nothing realistic fits.
  if (base.name === 'numeric' && (base.typmods[1] ?? 0) < 0) return null;
  let kind = kindFromName(table, column);
  if (kind === null || !KIND_FAMILIES[kind].includes(family)) return null;
  // `country char(2)` holds a code, not a name.
  if (kind === 'country' && family === 'text' && (base.typmods[0] ?? 99) <= 3) kind = 'country_code';
  return kind;
}

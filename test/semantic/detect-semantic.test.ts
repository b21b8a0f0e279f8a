import { describe, expect, test } from 'vitest';
import type { SemanticKind } from '../../src/values/semantic/index.js';
import { column, kindOf, type } from './semantic-fixtures.js';

const text = type('text');
const v40 = type('varchar', 40);
const ts = type('timestamp');
const tstz = type('timestamptz');
const num = type('numeric', 10, 2);

/** [table, column, type, expected kind] */
const CASES: readonly [string, string, ReturnType<typeof type>, SemanticKind | null][] = [
  ['customer', 'email', v40, 'email'],
  ['customer', 'email_address', text, 'email'],
  ['customer', 'contact_email', text, 'email'],
  ['customer', 'EmailAddress', text, 'email'],
  ['email_addresses', 'address', text, 'email'],
  ['actor', 'first_name', v40, 'first_name'],
  ['Customer', 'FirstName', v40, 'first_name'],
  ['person', 'firstname', text, 'first_name'],
  ['person', 'given_name', text, 'first_name'],
  ['actor', 'last_name', v40, 'last_name'],
  ['person', 'surname', text, 'last_name'],
  ['person', 'family_name', text, 'last_name'],
  ['customers', 'name', text, 'full_name'],
  ['users', 'name', v40, 'full_name'],
  ['employee', 'full_name', text, 'full_name'],
  ['artist', 'name', text, 'full_name'],
  ['customer', 'c_name', type('varchar', 25), 'full_name'],
  ['company', 'name', text, 'company'],
  ['suppliers', 'company_name', v40, 'company'],
  ['products', 'name', text, 'product_name'],
  ['products', 'product_name', v40, 'product_name'],
  ['categories', 'name', text, 'category'],
  ['category', 'category_name', text, 'category'],
  ['address', 'phone', text, 'phone'],
  ['customer', 'mobile', text, 'phone'],
  ['customer', 'fax', v40, 'phone'],
  ['customer', 'phone_number', text, 'phone'],
  ['address', 'city', text, 'city'],
  ['invoice', 'billing_city', v40, 'city'],
  ['city', 'city', text, 'city'],
  ['invoice', 'billing_state', v40, 'state'],
  ['customer', 'province', text, 'state'],
  ['country', 'country', text, 'country'],
  ['customer', 'country', type('bpchar', 2), 'country_code'],
  ['customer', 'country_code', text, 'country_code'],
  ['address', 'postal_code', type('varchar', 10), 'postal_code'],
  ['customer', 'zip', text, 'postal_code'],
  ['customer', 'zipcode', text, 'postal_code'],
  ['customer', 'postcode', text, 'postal_code'],
  ['address', 'address', text, 'street_address'],
  ['address', 'address1', text, 'street_address'],
  ['address', 'address_line_1', text, 'street_address'],
  ['customer', 'street', text, 'street_address'],
  ['address', 'address2', text, 'secondary_address'],
  ['company', 'website', text, 'url'],
  ['company', 'homepage', text, 'url'],
  ['users', 'avatar_url', text, 'url'],
  ['film', 'title', text, 'title'],
  ['employee', 'title', v40, 'job_title'],
  ['employees', 'title_of_courtesy', text, 'name_prefix'],
  ['customers', 'contact_title', v40, 'job_title'],
  ['film', 'description', text, 'description'],
  ['orders', 'notes', text, 'description'],
  ['posts', 'body', text, 'description'],
  ['users', 'created_at', tstz, 'created_at'],
  ['users', 'create_date', type('date'), 'created_at'],
  ['users', 'inserted_at', ts, 'created_at'],
  ['users', 'updated_at', tstz, 'updated_at'],
  ['actor', 'last_update', ts, 'updated_at'],
  ['users', 'modified_at', ts, 'updated_at'],
  ['employee', 'birth_date', type('date'), 'birth_date'],
  ['employee', 'dob', type('date'), 'birth_date'],
  ['employee', 'BirthDate', ts, 'birth_date'],
  ['products', 'price', num, 'price'],
  ['track', 'UnitPrice', num, 'price'],
  ['orders', 'o_totalprice', num, 'price'],
  ['payment', 'amount', type('numeric', 5, 2), 'price'],
  ['orders', 'cost', type('int4'), 'price'],
  ['stores', 'latitude', type('float8'), 'latitude'],
  ['stores', 'lat', num, 'latitude'],
  ['stores', 'lng', type('numeric', 9, 6), 'longitude'],
  ['stores', 'lon', type('float8'), 'longitude'],
  ['staff', 'username', text, 'username'],
  ['users', 'login', text, 'username'],
  ['sessions', 'ip_address', v40, 'ip'],
  ['products', 'color', text, 'color'],
  ['prices', 'currency', type('bpchar', 3), 'currency_code'],
  ['language', 'name', type('bpchar', 20), 'language'],
  ['employee', 'salary', type('int4'), 'salary'],
  ['person', 'age', type('int2'), 'age'],
  ['employee', 'job_title', text, 'job_title'],
  ['track', 'name', text, 'title'],
  ['users', 'time_zone', text, 'time_zone'],
  ['citizens', 'email', type('citext'), 'email'],
  // magnitudes from meaning
  ['order_items', 'quantity', type('int4'), 'quantity'],
  ['products', 'stock_quantity', type('int4'), 'quantity'],
  ['products', 'units_in_stock', type('int2'), 'stock'],
  ['users', 'reputation', type('int4'), 'tally'],
  ['posts', 'view_count', type('int4'), 'tally'],
  ['posts', 'answer_count', type('int4'), 'tally'],
  ['users', 'views', type('int4'), 'tally'],
  ['film', 'length', type('int2'), 'duration'],
  ['film', 'rental_duration', type('int2'), 'duration'],
  ['track', 'milliseconds', type('int4'), 'duration'],
  ['calls', 'duration_seconds', type('int4'), 'duration'],
  ['reviews', 'rating', type('int2'), 'rating'],
  ['reviews', 'rating', type('numeric', 2, 1), 'rating'],
  ['exams', 'score', type('int4'), 'score'],
  ['lineitem', 'l_discount', type('numeric', 15, 2), 'fraction'],
  ['invoices', 'tax_rate', type('numeric', 5, 4), 'fraction'],
  ['film', 'rental_rate', type('numeric', 4, 2), 'price'],
  ['cars', 'model_year', type('int4'), 'year'],
  ['posts', 'post_type_id', type('int2'), 'small_code'],
  ['badges', 'class', type('int4'), 'small_code'],
  ['tickets', 'priority', type('int4'), 'small_code'],
  ['tasks', 'status', type('int2'), 'small_code'],
  // lifecycle times
  ['rental', 'rental_date', ts, 'created_at'],
  ['rental', 'return_date', ts, 'updated_at'],
  ['orders', 'order_date', type('date'), 'created_at'],
  ['orders', 'shipped_date', type('date'), 'updated_at'],
  ['posts', 'closed_date', ts, 'updated_at'],
  ['users', 'last_access_date', ts, 'updated_at'],
  ['events', 'start_date', type('date'), 'created_at'],
  ['events', 'end_date', type('date'), 'updated_at'],
  ['subscriptions', 'expires_at', tstz, 'due_at'],
  ['invoices', 'due_date', type('date'), 'due_at'],
];

/** Names or types that must not be read as a realistic value (generator version 1: text columns too). */
const NEGATIVES: readonly [string, string, ReturnType<typeof type>][] = [
  ['customer', 'email', type('int4')],
  ['customer', 'email_verified', type('bool')],
  ['customer', 'email_verified', text],
  ['address', 'city_id', type('int4')],
  ['customer', 'first_name', type('int4')],
  ['orders', 'state', text],
  ['orders', 'status', text],
  ['customer', 'created_at', text],
  ['products', 'price', text],
  ['stores', 'latitude', text],
  ['users', 'birth_date', type('int4')],
  ['devices', 'mac_address', text],
  ['film', 'rating', text],
  ['tags', 'name', text],
  ['products', 'price', type('numeric', 5, -2)],
  ['customer', 'email', { ...text, arrayDims: 1 }],
  ['customer', 'phone', type('bytea')],
  ['customer', 'name', type('name')],
  ['orders', 'status', text],
  ['currencies', 'exchange_rate', type('numeric', 10, 4)],
  ['strings', 'length', type('int4')],
  ['order_items', 'quantity', text],
];

/**
 * Text columns no name rule reads, from generator version 2: readable words,
 * a vocabulary, codes, tokens; a number or time kept as text stays null.
 */
const TEXT_FALLBACKS: readonly [string, string, ReturnType<typeof type>, SemanticKind | null][] = [
  ['customer', 'email_verified', text, 'label'],
  ['orders', 'state', text, 'label'],
  ['orders', 'status', text, 'label'],
  ['t', 'kind', text, 'label'],
  ['t', 'base', text, 'label'],
  ['t', 'label', v40, 'label'],
  ['t', 'anything', type('varchar', 12), 'label'],
  ['t', 'anything', type('bpchar', 1), 'label'],
  ['t', 'category', text, 'category'],
  ['t', 'code', text, 'code'],
  ['products', 'sku', v40, 'code'],
  ['orders', 'order_number', text, 'code'],
  ['users', 'password_hash', text, 'token'],
  ['sessions', 'token', type('varchar', 64), 'token'],
  ['devices', 'mac_address', text, 'phrase'],
  ['tags', 'name', text, 'phrase'],
  ['t', 'slug', text, 'phrase'],
  ['t', 'key', text, 'phrase'],
  ['t', 'reason', type('varchar', 200), 'phrase'],
  ['customer', 'created_at', text, null],
  ['products', 'price', text, null],
  ['stores', 'latitude', text, null],
  ['film', 'rating', text, null],
  ['order_items', 'quantity', text, null],
  ['customer', 'email', { ...text, arrayDims: 1 }, null],
  ['customer', 'name', type('name'), null],
];

/** Version 3: a number or a time kept as text holds its digits; versions and ports have a meaning. */
const HELD_AS_TEXT: readonly [string, string, ReturnType<typeof type>, SemanticKind | null][] = [
  ['customer', 'created_at', text, 'created_at'],
  ['products', 'price', text, 'price'],
  ['products', 'price', type('varchar', 3), 'price'],
  ['stores', 'latitude', text, 'latitude'],
  ['film', 'rating', text, 'rating'],
  ['order_items', 'quantity', type('varchar', 10), 'quantity'],
  ['t', 'item_count', text, 'tally'],
  ['t', 'year', type('bpchar', 4), 'year'],
  ['t', 'year', type('bpchar', 2), 'label'],
  ['customer', 'created_at', type('varchar', 8), 'label'],
  ['apps', 'app_version', text, 'version'],
  ['apps', 'version', type('int4'), null],
  ['servers', 'port', text, 'port'],
  ['servers', 'port', type('int4'), 'port'],
  ['repo_subscriptions', 'last_sent_at', type('timestamp'), 'updated_at'],
  ['issues', 'last_touched_at', type('timestamptz'), 'updated_at'],
  ['grants', 'access_token_expires_at', type('timestamp'), 'due_at'],
  ['grants', 'token_expiry_date', type('date'), 'due_at'],
  ['t', 'last_name', text, 'last_name'],
  ['customer', 'email', { ...text, arrayDims: 1 }, null],
];

describe('detectSemantic', () => {
  test.each(CASES)('%s.%s %j → %s', (tableName, name, columnType, expected) => {
    expect(kindOf(tableName, name, columnType)).toBe(expected);
  });

  test.each(NEGATIVES)('%s.%s %j → null (generator version 1)', (tableName, name, columnType) => {
    expect(kindOf(tableName, name, columnType, [], 1)).toBeNull();
  });

  test.each(TEXT_FALLBACKS)(
    '%s.%s %j → %s (generator version 2: no lorem)',
    (tableName, name, columnType, expected) => {
      expect(kindOf(tableName, name, columnType, [], 2)).toBe(expected);
    },
  );

  test.each(HELD_AS_TEXT)(
    '%s.%s %j → %s (generator version 3: numbers and times kept as text)',
    (tableName, name, columnType, expected) => {
      expect(kindOf(tableName, name, columnType)).toBe(expected);
    },
  );

  test('a bare state is a place only beside address columns', () => {
    expect(kindOf('orders', 'state', text)).toBe('label');
    expect(kindOf('customer', 'state', v40, [column('city', v40), column('zip', v40)])).toBe('state');
    expect(kindOf('address', 'district', v40, [column('address', v40)])).toBe('state');
  });
});

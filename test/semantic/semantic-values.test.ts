import { en } from '@faker-js/faker';
import { describe, expect, test } from 'vitest';
import { RowRandom } from '../../src/values/random.js';
import { homeRecordsOf } from '../../src/values/semantic/home-places.js';
import { createSemanticGenerator, type RowContext } from '../../src/values/semantic/index.js';
import { unitsOf } from '../../src/values/semantic/money-values.js';
import { column, createRowHarness, table, type } from './semantic-fixtures.js';

const ROWS = 2000;
const EMAIL = /^[a-z0-9]+([._][a-z0-9]+)*@example\.(com|net|org)$/;

/** faker's own lists, read independently of the module under test. */
const FIRST = new Set(Object.values(en.person?.first_name ?? {}).flat());
const LAST = new Set(Object.values(en.person?.last_name ?? {}).flat());
const CITIES = new Set(en.location?.city_name ?? []);
const STATES = en.location?.state ?? [];
const ABBRS = en.location?.state_abbr ?? [];
const US_HOMES = new Map((homeRecordsOf('US') ?? []).map((r) => [r.city, r]));

const slug = (s: string): string =>
  s
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const customer = table('customer', [
  column('customer_id', type('int4')),
  column('first_name', type('varchar', 40)),
  column('last_name', type('varchar', 40)),
  column('full_name', type('text')),
  column('email', type('varchar', 60)),
  column('username', type('text')),
  column('phone', type('varchar', 24)),
  column('address', type('text')),
  column('city', type('varchar', 40)),
  column('state', type('varchar', 40)),
  column('postal_code', type('varchar', 10)),
  column('country', type('varchar', 40)),
  column('created_at', type('timestamptz')),
  column('updated_at', type('timestamptz')),
  column('birth_date', type('date')),
]);

describe('semantic values', () => {
  const rows = createRowHarness(customer, 42);

  test('names come from the locale lists; email and username are built from the row names', () => {
    for (let row = 0; row < ROWS; row++) {
      const first = rows.value('first_name', row) as string;
      const last = rows.value('last_name', row) as string;
      expect(FIRST.has(first), first).toBe(true);
      expect(LAST.has(last), last).toBe(true);
      expect(rows.value('full_name', row)).toBe(`${first} ${last}`);
      const email = rows.value('email', row) as string;
      expect(email).toMatch(EMAIL);
      expect(email.split('@')[0]).toContain(slug(last));
      const username = rows.value('username', row) as string;
      expect(username.includes(slug(last)) || username.startsWith(slug(first)), username).toBe(true);
    }
  });

  test('phone numbers use one North American format per column', () => {
    const shapes = new Set<string>();
    for (let row = 0; row < 200; row++) shapes.add((rows.value('phone', row) as string).replace(/\d/g, '9'));
    expect(shapes.size).toBe(1);
    expect([...shapes][0]).toMatch(/^[(+9][-(). 19]+$/);
  });

  test('city, state and postal code agree; the country of a US address is the United States', () => {
    for (let row = 0; row < ROWS; row++) {
      expect(CITIES.has(rows.value('city', row) as string)).toBe(true);
      const state = rows.value('state', row) as string;
      const index = STATES.indexOf(state);
      expect(index, state).toBeGreaterThanOrEqual(0);
      const zip = rows.value('postal_code', row) as string;
      expect(zip).toMatch(/^\d{5}(-\d{4})?$/);
      expect(rows.value('country', row)).toBe('United States of America');
      if (ABBRS[index] === 'CA') expect(Number(zip.slice(0, 5))).toBeGreaterThanOrEqual(90001);
      if (ABBRS[index] === 'TX') expect(zip.slice(0, 5) >= '75000' && zip.slice(0, 5) <= '79999').toBe(true);
      // Version 5: the city's own ZIP start (New York 100, Buffalo 142), not faker's one NY range (06390).
      if (ABBRS[index] === 'NY') expect(zip.startsWith('1')).toBe(true);
      const prefix = US_HOMES.get(rows.value('city', row) as string)?.postalPrefix ?? '';
      expect(zip.startsWith(prefix), zip).toBe(true);
    }
  });

  test('updated_at is at or after created_at; times are plausible and fixed to 2026-01-01', () => {
    let equal = 0;
    for (let row = 0; row < 5000; row++) {
      const created = rows.value('created_at', row) as string;
      const updated = rows.value('updated_at', row) as string;
      expect(created).toMatch(/^20(2[1-5])-\d\d-\d\d \d\d:\d\d:\d\d\+00$/);
      expect(updated).toMatch(/^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d\+00$/);
      expect(updated >= created, `${updated} < ${created}`).toBe(true);
      if (updated === created) equal++;
      const birth = rows.value('birth_date', row) as string;
      expect(birth >= '1936-01-01' && birth <= '2008-01-01', birth).toBe(true);
    }
    expect(equal).toBeGreaterThan(500);
    expect(equal).toBeLessThan(2000);
  });

  test('same seed, same values; another seed, other values', () => {
    const again = createRowHarness(customer, 42);
    const other = createRowHarness(customer, 43);
    let differ = 0;
    for (let row = 0; row < 200; row++) {
      for (const c of customer.columns) {
        expect(again.value(c.name, row)).toBe(rows.value(c.name, row));
        if (other.value(c.name, row) !== rows.value(c.name, row)) differ++;
      }
    }
    expect(differ).toBeGreaterThan(200 * 10);
  });

  test('email without name columns still looks like a person', () => {
    const t = table('accounts', [column('email', type('text'))]);
    const r = createRowHarness(t, 7);
    for (let row = 0; row < 500; row++) expect(r.value('email', row)).toMatch(EMAIL);
  });

  test('a NULL first name in the row falls back to a picked name', () => {
    const t = customer;
    const email = t.columns.find((c) => c.name === 'email')!;
    const ctx: RowContext = {
      sibling: (name) => (name === 'last_name' ? "O'Connor" : name === 'first_name' ? null : undefined),
      siblingKind: (name) =>
        name === 'first_name' ? 'first_name' : name === 'last_name' ? 'last_name' : null,
    };
    const g = createSemanticGenerator('email', t, email, email.type, ctx);
    const rand = new RowRandom();
    for (let row = 0; row < 100; row++) {
      const value = g.random(rand.at(9, row), row);
      expect(value).toMatch(EMAIL);
      expect(value).toContain('oconnor');
    }
  });
});

describe('unitsOf', () => {
  test('reads a decimal as the same units whether read character by character or by its expression', () => {
    // Read character by character (the common text a generator writes).
    expect(unitsOf('12.345', 2)).toBe(1234);
    expect(unitsOf('-0.5', 2)).toBe(-50);
    expect(Object.is(unitsOf('-0', 2), -0)).toBe(true);
    expect(unitsOf('7.', 3)).toBe(7000);
    expect(unitsOf('42', 0)).toBe(42);
    // Read by the expression: blanks around it, more digits than a double holds exactly.
    expect(unitsOf(' 12.5 ', 2)).toBe(1250);
    expect(unitsOf('12345678901234567', 0)).toBe(Number('12345678901234567'));
    // Not a decimal either way.
    for (const text of ['', '-', '.5', '1e5', '1.2.3', '12 .5']) expect(unitsOf(text, 2)).toBeUndefined();
  });
});

describe('typmods', () => {
  const small = table('customers', [
    column('first_name', type('varchar', 4)),
    column('last_name', type('varchar', 5)),
    column('name', type('bpchar', 6)),
    column('email', type('varchar', 16)),
    column('tiny_email', type('varchar', 3)),
    column('username', type('varchar', 5)),
    column('phone', type('varchar', 12)),
    column('address', type('varchar', 8)),
    column('city', type('varchar', 5)),
    column('state', type('bpchar', 2)),
    column('zip', type('varchar', 5)),
    column('country', type('varchar', 2)),
    column('job_title', type('varchar', 10)),
    column('description', type('varchar', 30)),
    column('website', type('varchar', 12)),
    column('color', type('bpchar', 7)),
    column('language', type('varchar', 3)),
  ]);
  const limits = new Map(small.columns.map((c) => [c.name, c.type.typmods[0] as number]));

  test('text never exceeds varchar(n)/bpchar(n)', () => {
    const r = createRowHarness(small, 3);
    for (const c of small.columns) expect(r.kinds.get(c.name), c.name).not.toBeNull();
    for (let row = 0; row < 3000; row++) {
      for (const c of small.columns) {
        const value = r.value(c.name, row) as string;
        expect(value.length, `${c.name}: ${value}`).toBeLessThanOrEqual(limits.get(c.name) as number);
        expect(value.length, c.name).toBeGreaterThan(0);
      }
    }
  });

  test('short columns still get whole values where the data has short ones', () => {
    const r = createRowHarness(small, 3);
    for (let row = 0; row < 500; row++) {
      expect(CITIES.has(r.value('city', row) as string)).toBe(true);
      expect(ABBRS).toContain(r.value('state', row));
      expect(r.value('email', row)).toMatch(/^[a-z0-9.]+@example\.(com|net|org)$/);
      expect(r.value('color', row)).toMatch(/^#[0-9a-f]{6}$/);
      expect(r.value('phone', row)).toMatch(/^\d{3}[-.]\d{3}[-.]\d{4}$|^\d{10}$/);
    }
  });

  test('numbers stay within numeric(p,s) and integer types', () => {
    const t = table('products', [
      column('price', type('numeric', 5, 2)),
      column('unit_price', type('numeric', 3, 1)),
      column('cost', type('int2')),
      column('total', type('numeric', 2, 2)),
      column('latitude', type('numeric', 8, 6)),
      column('longitude', type('numeric', 9, 6)),
      column('lat', type('numeric', 4, 3)),
      column('salary', type('numeric', 6, 0)),
      column('age', type('int2')),
    ]);
    const r = createRowHarness(t, 5);
    for (let row = 0; row < 3000; row++) {
      const price = r.value('price', row) as string;
      expect(price).toMatch(/^\d{1,3}\.\d\d$/);
      expect(Number(price)).toBeGreaterThan(0);
      expect(r.value('unit_price', row)).toMatch(/^\d{1,2}\.\d$/);
      expect(Number(r.value('cost', row))).toBeLessThanOrEqual(32767);
      expect(r.value('total', row)).toMatch(/^0\.\d\d$/);
      const lat = Number(r.value('latitude', row));
      const lng = Number(r.value('longitude', row));
      expect(Math.abs(lat)).toBeLessThanOrEqual(90);
      expect(Math.abs(lng)).toBeLessThanOrEqual(180);
      expect(r.value('longitude', row)).toMatch(/^-?\d{1,3}\.\d{6}$/);
      expect(Math.abs(Number(r.value('lat', row)))).toBeLessThan(10);
      expect(Number(r.value('salary', row))).toBeLessThanOrEqual(999999);
      expect(Number(r.value('salary', row))).toBeGreaterThanOrEqual(30000);
      const age = Number(r.value('age', row));
      expect(age >= 18 && age <= 90).toBe(true);
    }
  });

  test('updated_at as a date is on or after a timestamp created_at', () => {
    const t = table('orders', [
      column('billing_address', type('text')),
      column('created_at', type('timestamp')),
      column('updated_at', type('date')),
    ]);
    const r = createRowHarness(t, 11);
    for (let row = 0; row < 3000; row++) {
      const created = r.value('created_at', row) as string;
      const updated = r.value('updated_at', row) as string;
      expect(updated).toMatch(/^\d{4}-\d\d-\d\d$/);
      expect(`${updated} 00:00:00` >= created, `${updated} < ${created}`).toBe(true);
    }
  });
});

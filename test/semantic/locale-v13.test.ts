/**
 * Generator version 13 under `--locale` (issue 11), on a small HR and shop
 * schema loaded into the real server: phone numbers in the locale's national
 * form (a mobile column its mobile form, never a trunk `0` followed by `0`;
 * a unique column too),
 * currency columns mostly the locale's own currency, money in whole yen
 * under ja, shop departments and German job titles in the locale's language. Version 12, pinned, keeps
 * faker's "human" phone forms and en's job titles and departments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEPARTMENTS, JOB_AREAS, JOB_TYPES } from '../../src/values/semantic/locale-data.js';
import { LOCALE_DEPARTMENTS, LOCALE_JOB_WORDS } from '../../src/values/semantic/locale-tables.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE departments (id serial PRIMARY KEY, department_name varchar(60) NOT NULL UNIQUE);
CREATE TABLE employees (
  id serial PRIMARY KEY, department_id int REFERENCES departments,
  phone_number varchar(20) NOT NULL, mobile_phone varchar(20) NOT NULL, fax text NOT NULL,
  job_title varchar(80) NOT NULL, currency char(3) NOT NULL, salary numeric(10,2));
CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL, category varchar(40) NOT NULL,
  price numeric(10,2) NOT NULL, rental_rate numeric(4,2) NOT NULL);
CREATE TABLE contacts (id serial PRIMARY KEY, phone varchar(20) NOT NULL UNIQUE);
`;
const ROWS = { departments: 20, employees: 200, products: 100, contacts: 100 };

interface Employee {
  phone_number: string;
  mobile_phone: string;
  fax: string;
  job_title: string;
  currency: string;
}

/** The locale's national forms (faker's `phone_number.format.national` and `mobile`) as patterns. */
const PHONES: Readonly<Record<string, { national: RegExp; mobile: RegExp; currency: string }>> = {
  de: { national: /^0[1-9]\d{3} \d{6,8}$/, mobile: /^01\d{9,10}$/, currency: 'EUR' },
  fr: { national: /^0[1-7]( \d\d){4}$/, mobile: /^0[67]\d{8}$/, currency: 'EUR' },
  es: { national: /^9\d\d \d\d \d\d \d\d$/, mobile: /^[67]\d{8}$/, currency: 'EUR' },
  ja: { national: /^0[1-9]\d-\d{3}-\d{4}$/, mobile: /^0(60[1-9]\d{7}|[789]0\d{8})$/, currency: 'JPY' },
  pt_BR: { national: /^\([1-9]\d\) \d{4,5}-\d{4}$/, mobile: /^[1-9]\d9\d{8}$/, currency: 'BRL' },
};

let db: TestDatabase;
const loaded = new Map<string, TestDatabase>();

/** Version 13's values (version 14 changed some: locale-v14.test.ts), or the version pinned. */
async function target(locale: string, generatorVersion = 13): Promise<TestDatabase> {
  const key = `${locale}:${generatorVersion}`;
  const known = loaded.get(key);
  if (known) return known;
  const { target: t } = await loadGenerated(db, DDL, {
    tables: ROWS,
    seed: 13,
    locale,
    generatorVersion,
  });
  loaded.set(key, t);
  return t;
}

async function employees(locale: string, generatorVersion?: number): Promise<Employee[]> {
  return (await target(locale, generatorVersion)).query<Employee>(
    'SELECT phone_number, mobile_phone, fax, job_title, currency FROM employees',
  );
}

beforeAll(async () => {
  db = await createTestDatabase('localev13');
}, 300_000);
afterAll(async () => db.close());

describe('version 13: phone numbers and currencies of the locale', () => {
  for (const [locale, shape] of Object.entries(PHONES)) {
    it(`${locale}: national phone forms, mobile forms in mobile columns, mostly ${shape.currency}`, async () => {
      const rows = await employees(locale);
      expect(rows.length).toBe(ROWS.employees);
      for (const r of rows) {
        expect(r.phone_number, `${locale} phone_number`).toMatch(shape.national);
        expect(r.fax, `${locale} fax`).toMatch(shape.national);
        expect(r.mobile_phone, `${locale} mobile_phone`).toMatch(shape.mobile);
      }
      // A unique phone column too (was North American numbers in every locale).
      const unique = await (await target(locale)).query<{ v: string }>('SELECT phone AS v FROM contacts');
      expect(unique.length).toBe(ROWS.contacts);
      for (const { v } of unique) expect(v, `${locale} unique phone`).toMatch(shape.national);
      const home = rows.filter((r) => r.currency === shape.currency).length;
      expect(home / rows.length).toBeGreaterThan(0.7);
      expect(home / rows.length).toBeLessThan(0.9);
    });
  }
});

describe('version 13: money in yen', () => {
  it('ja: salaries and prices in whole yen, about a hundred times the dollar figure; a small type whole too', async () => {
    const t = await target('ja');
    const [pay] = await t.query<{ frac: string; low: string; median: string }>(
      `SELECT count(*) FILTER (WHERE salary <> trunc(salary)) AS frac, min(salary) AS low,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY salary) AS median FROM employees`,
    );
    expect(Number(pay?.frac)).toBe(0);
    expect(Number(pay?.low)).toBeGreaterThanOrEqual(1_000_000);
    expect(Number(pay?.median)).toBeGreaterThan(5_000_000);
    const [prices] = await t.query<{ frac: string; small: string; median: string }>(
      `SELECT count(*) FILTER (WHERE price <> trunc(price) OR rental_rate <> trunc(rental_rate)) AS frac,
         count(*) FILTER (WHERE rental_rate < 1) AS small,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY price) AS median FROM products`,
    );
    expect(Number(prices?.frac)).toBe(0);
    expect(Number(prices?.small)).toBe(0);
    expect(Number(prices?.median)).toBeGreaterThan(1000);
  });

  it('de: prices keep their cents and magnitude', async () => {
    const [prices] = await (await target('de')).query<{ frac: string; median: string }>(
      `SELECT count(*) FILTER (WHERE price <> trunc(price)) AS frac,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY price) AS median FROM products`,
    );
    expect(Number(prices?.frac)).toBeGreaterThan(0);
    expect(Number(prices?.median)).toBeLessThan(1000);
  });
});

describe('version 13: departments and job titles in the locale’s language', () => {
  it('de: German job titles (role, then function), German departments and categories', async () => {
    const words = LOCALE_JOB_WORDS.de as NonNullable<(typeof LOCALE_JOB_WORDS)['de']>;
    const title = new RegExp(
      `^(?:(?:${words.descriptors.join('|')}) )?(?:${words.types.join('|')}) (?:${words.areas.join('|')})$`,
    );
    const titles = (await employees('de')).map((r) => r.job_title);
    for (const t of titles) expect(t).toMatch(title);
    expect(new Set(titles).size).toBeGreaterThan(50);
    const t = await target('de');
    const german = new Set(LOCALE_DEPARTMENTS.de);
    const names = await t.query<{ v: string }>('SELECT department_name AS v FROM departments');
    for (const { v } of names) expect(german.has(v.replace(/ \d+$/, '')), v).toBe(true);
    const categories = await t.query<{ v: string }>('SELECT category AS v FROM products');
    for (const { v } of categories) expect(german.has(v), v).toBe(true);
    expect(new Set(categories.map((c) => c.v)).size).toBeGreaterThan(10);
  });

  it('ja: Japanese departments and categories', async () => {
    const t = await target('ja');
    const japanese = new Set(LOCALE_DEPARTMENTS.ja);
    const names = await t.query<{ v: string }>('SELECT department_name AS v FROM departments');
    for (const { v } of names) expect(japanese.has(v.replace(/ \d+$/, '')), v).toBe(true);
    for (const { v } of await t.query<{ v: string }>('SELECT category AS v FROM products'))
      expect(japanese.has(v), v).toBe(true);
  });

  it('version 12, pinned, keeps faker’s human phone forms and en’s job titles and departments', async () => {
    const rows = await employees('de', 12);
    for (const r of rows) expect(r.phone_number).toMatch(/^(\+49-\d{3,4}-|\(0\d{3,4}\) )\d+$/);
    const areas = new Set(JOB_AREAS);
    const types = new Set(JOB_TYPES);
    for (const r of rows) {
      const w = r.job_title.split(' ');
      expect(areas.has(w[1] as string) && types.has(w[2] as string), r.job_title).toBe(true);
    }
    const en = new Set(DEPARTMENTS);
    const t = await target('de', 12);
    for (const { v } of await t.query<{ v: string }>('SELECT category AS v FROM products'))
      expect(en.has(v), v).toBe(true);
  });
});

/**
 * Generator version 14 under `--locale` (issue 11), on a small shop and HR
 * schema loaded into the real server: product names and descriptions in the
 * locale's words and grammar (none English), Japanese honorifics, addresses
 * with their town, building names and firms, Spanish words for text, French
 * and Brazilian job titles that agree in gender, Brazil's real area codes,
 * unique mobile columns in the mobile form, HR departments for a
 * department's name. Version 13, pinned, keeps the English product names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_ADJECTIVES, PRODUCT_NOUNS } from '../../src/values/semantic/locale-data.js';
import { PRODUCT_WORDS, type ProductWords } from '../../src/values/semantic/locale-products.js';
import { LOCALE_DEPARTMENTS } from '../../src/values/semantic/locale-tables.js';
import {
  BR_AREA_CODES,
  ES_WORDS,
  GENDERED_JOB_WORDS,
  HR_DEPARTMENTS,
  JA_TOWNS,
} from '../../src/values/semantic/locale-words.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE departments (department_id serial PRIMARY KEY, department_name varchar(60) NOT NULL UNIQUE);
CREATE TABLE employees (
  employee_id serial PRIMARY KEY, prefix varchar(10) NOT NULL, first_name text NOT NULL, last_name text NOT NULL,
  phone_number varchar(20) NOT NULL, mobile varchar(20) NOT NULL, job_title varchar(80) NOT NULL,
  department_id int REFERENCES departments, address text NOT NULL, city text NOT NULL, company_name text NOT NULL);
CREATE TABLE products (product_id serial PRIMARY KEY, name varchar(120) NOT NULL, description text NOT NULL,
  category varchar(40) NOT NULL);
CREATE TABLE catalog (id serial PRIMARY KEY, product_name varchar(80) NOT NULL UNIQUE);
CREATE TABLE posts (id serial PRIMARY KEY, title varchar(120) NOT NULL, body text NOT NULL);
CREATE TABLE contacts (id serial PRIMARY KEY, phone varchar(20) NOT NULL UNIQUE, mobile_phone varchar(20) NOT NULL UNIQUE,
  company varchar(80) NOT NULL UNIQUE);
CREATE TABLE customers (id serial PRIMARY KEY, address_line1 text NOT NULL, address_line2 text NOT NULL);
`;
const ROWS = {
  departments: 12,
  employees: 120,
  products: 100,
  catalog: 100,
  posts: 30,
  contacts: 60,
  customers: 40,
};

let db: TestDatabase;
const loaded = new Map<string, TestDatabase>();

async function target(locale: string, generatorVersion?: number): Promise<TestDatabase> {
  const key = `${locale}:${generatorVersion ?? 'default'}`;
  const known = loaded.get(key);
  if (known) return known;
  const { target: t } = await loadGenerated(db, DDL, {
    tables: ROWS,
    seed: 14,
    locale,
    ...(generatorVersion === undefined ? {} : { generatorVersion }),
  });
  loaded.set(key, t);
  return t;
}

async function column(locale: string, sql: string, generatorVersion?: number): Promise<string[]> {
  const rows = await (await target(locale, generatorVersion)).query<{ v: string }>(sql);
  expect(rows.length).toBeGreaterThan(0);
  return rows.map((r) => r.v);
}

beforeAll(async () => {
  db = await createTestDatabase('localev14');
}, 300_000);
afterAll(async () => db.close());

const regexText = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const forms = (entry: string): [string, string] => {
  const [m = entry, f = m] = entry.split('|');
  return [m, f];
};

/** Whether a product name is one of the locale's shapes, its adjective in the noun's gender and number. */
function grammatical(p: ProductWords, name: string): boolean {
  for (const entry of p.nouns) {
    const colon = entry.lastIndexOf(':');
    const [noun, gender] = [entry.slice(0, colon), entry.slice(colon + 1)];
    for (const adjective of [null, ...p.adjectives])
      for (const material of [null, ...p.materials])
        if ((adjective !== null || material !== null) && p.name(adjective, noun, gender, material) === name)
          return true;
  }
  return false;
}

const ENGLISH = new Set([...PRODUCT_NOUNS, ...PRODUCT_ADJECTIVES].map((w) => w.toLowerCase()));

describe('version 14: products in the locale’s words and grammar', () => {
  for (const locale of ['de', 'fr', 'es', 'pt_BR', 'ja']) {
    it(`${locale}: names (also unique ones) and descriptions of the locale's product words, none English`, async () => {
      const p = PRODUCT_WORDS[locale] as ProductWords;
      // Words English shares with the locale (`Table`, `Bank`) are the locale's.
      const own = new Set(
        [...p.nouns.map((n) => n.slice(0, n.lastIndexOf(':'))), ...p.materials].map((w) => w.toLowerCase()),
      );
      const names = await column(locale, 'SELECT name AS v FROM products');
      const unique = await column(locale, 'SELECT product_name AS v FROM catalog');
      for (const name of [...names, ...unique]) {
        expect(grammatical(p, name), `${locale} ${name}`).toBe(true);
        for (const w of name.split(' '))
          expect(ENGLISH.has(w.toLowerCase()) && !own.has(w.toLowerCase()), `${locale} ${name}`).toBe(false);
      }
      expect(new Set(names).size).toBeGreaterThan(50);
      const described = await (await target(locale)).query<{ name: string; description: string }>(
        'SELECT name, description FROM products',
      );
      for (const { name, description } of described) {
        expect(description.startsWith(name + p.end), description).toBe(true);
        const rest = description.slice(name.length + p.end.length + p.between.length);
        const sentences = rest.split(p.between === '' ? /(?<=。)/ : /(?<=\.) /).filter((s) => s !== '');
        expect(sentences.length).toBeGreaterThan(0);
        for (const s of sentences) expect(p.sentences, description).toContain(s);
      }
    });
  }

  it('ja: no product name is ASCII (version 13, pinned, had only English ones)', async () => {
    const share = async (version?: number) => {
      const [r] = await (await target('ja', version)).query<{ ascii: string; n: string }>(
        `SELECT count(*) FILTER (WHERE name ~ '^[ -~]+$') AS ascii, count(*) AS n FROM products`,
      );
      return Number(r?.ascii) / Number(r?.n);
    };
    expect(await share()).toBe(0);
    expect(await share(13)).toBe(1);
  });
});

describe('unique spaces of the locale', () => {
  it('es and fr at version 13: unique product names load, all distinct (the planner used en’s larger space)', async () => {
    for (const locale of ['es', 'fr']) {
      const names = await column(locale, 'SELECT product_name AS v FROM catalog', 13);
      expect(new Set(names).size).toBe(ROWS.catalog);
    }
  });
});

describe('version 14: Japanese names, addresses and firms', () => {
  it('ja: honorifics, a town before the block numbers, whole addresses, buildings, firms, mobiles', async () => {
    const t = await target('ja');
    for (const v of await column('ja', 'SELECT prefix AS v FROM employees'))
      expect(['様', 'さん', '氏', '先生']).toContain(v);
    const town = `(?:${JA_TOWNS.map(regexText).join('|')})`;
    const block = `${town}(?:\\d-\\d{1,2}-\\d{1,2}|\\d丁目\\d{1,2}番\\d{1,2}号)`;
    for (const v of await column('ja', 'SELECT address AS v FROM employees'))
      expect(v).toMatch(new RegExp(`^${block}$`));
    // No city column beside it: prefecture, city, town, blocks (`東京都新宿区西新宿2-8-1`).
    for (const v of await column('ja', 'SELECT address_line1 AS v FROM customers'))
      expect(v).toMatch(new RegExp(`^\\S+?[都道府県]\\S+?[市区]${block}$`));
    for (const v of await column('ja', 'SELECT address_line2 AS v FROM customers'))
      expect(v).toMatch(
        /^\S+(ビル|ハイツ|マンション|コーポ|ハイム|レジデンス|荘|タワー) ([1-9]|1[0-2])0[1-9]号室$|^\S+ビル [1-9]F$/,
      );
    const [firms] = await t.query<{ kk: string; n: string }>(
      `SELECT count(*) FILTER (WHERE company_name LIKE '%株式会社%') AS kk, count(*) AS n FROM employees`,
    );
    expect(Number(firms?.kk) / Number(firms?.n)).toBeGreaterThan(0.45);
    for (const v of await column('ja', 'SELECT company AS v FROM contacts'))
      expect(v).toMatch(/^(株式会社|有限会社|合同会社)\S+$|^\S+(株式会社|有限会社|合同会社)$/);
    for (const v of await column(
      'ja',
      'SELECT mobile AS v FROM employees UNION ALL SELECT mobile_phone FROM contacts',
    ))
      expect(v).toMatch(/^0[789]0-\d{4}-\d{4}$/);
  });
});

describe('version 14: Spanish text', () => {
  it('es: titles agree, bodies are Spanish words (faker’s es has only en’s)', async () => {
    const nouns = new Map(
      ES_WORDS.nouns.map((n) => [n.slice(0, n.lastIndexOf(':')), n.endsWith(':f') ? 1 : 0]),
    );
    const adjectives = ES_WORDS.adjectives.map(forms);
    for (const title of await column('es', 'SELECT title AS v FROM posts')) {
      const [noun = '', adjective = ''] = title.split(' ');
      const g = nouns.get(noun.toLowerCase());
      expect(g, title).toBeDefined();
      expect(
        adjectives.some((f) => f[g as number] === adjective),
        title,
      ).toBe(true);
    }
    const spanish = new Set([...nouns.keys(), ...adjectives.flat(), ...ES_WORDS.verbs]);
    const words = (await column('es', 'SELECT body AS v FROM posts')).flatMap((b) =>
      b.toLowerCase().replace(/\./g, '').split(' '),
    );
    expect(words.filter((w) => spanish.has(w)).length / words.length).toBeGreaterThan(0.97);
  });
});

describe('version 14: job titles in French and Brazilian order and gender', () => {
  for (const locale of ['fr', 'pt_BR']) {
    it(`${locale}: role, function (and seniority), one gender throughout`, async () => {
      const w = GENDERED_JOB_WORDS[locale] as NonNullable<(typeof GENDERED_JOB_WORDS)[string]>;
      const either = (list: readonly string[], g: 0 | 1) =>
        `(?:${list.map((e) => regexText(forms(e.replace(/^\+/, ''))[g])).join('|')})`;
      const shapes = ([0, 1] as const).map(
        (g) => new RegExp(`^${either(w.types, g)} ${either(w.areas, g)}(?: ${either(w.levels, g)})?$`),
      );
      const titles = await column(locale, 'SELECT job_title AS v FROM employees');
      for (const t of titles)
        expect(
          shapes.some((s) => s.test(t)),
          t,
        ).toBe(true);
      const feminine = titles.filter((t) => !shapes[0]?.test(t)).length;
      expect(feminine).toBeGreaterThan(10);
      expect(feminine).toBeLessThan(titles.length - 10);
    });
  }
});

describe('version 14: phones', () => {
  it('pt_BR: real area codes, landlines 2-5, mobiles 9xxxx-xxxx (a unique mobile column too)', async () => {
    const ddd = `\\((?:${BR_AREA_CODES.join('|')})\\)`;
    for (const v of await column(
      'pt_BR',
      'SELECT phone_number AS v FROM employees UNION ALL SELECT phone FROM contacts',
    ))
      expect(v).toMatch(new RegExp(`^${ddd} [2-5]\\d{3}-\\d{4}$`));
    for (const v of await column(
      'pt_BR',
      'SELECT mobile AS v FROM employees UNION ALL SELECT mobile_phone FROM contacts',
    ))
      expect(v).toMatch(new RegExp(`^${ddd} 9\\d{4}-\\d{4}$`));
  });

  it('de, fr: a unique mobile column in the mobile form, still unique', async () => {
    for (const [locale, shape] of [
      ['de', /^01\d{9,10}$/],
      ['fr', /^0[67]\d{8}$/],
    ] as const) {
      const mobiles = await column(locale, 'SELECT mobile_phone AS v FROM contacts');
      for (const v of mobiles) expect(v).toMatch(shape);
      expect(new Set(mobiles).size).toBe(ROWS.contacts);
    }
  });
});

describe('version 14: HR departments', () => {
  for (const locale of ['de', 'fr', 'es', 'ja', 'pt_BR']) {
    it(`${locale}: a department's name among HR's departments, a product's category a shop's`, async () => {
      const hr = new Set(HR_DEPARTMENTS[locale]);
      for (const v of await column(locale, 'SELECT department_name AS v FROM departments'))
        expect(hr.has(v.replace(/ \d+$/, '')), v).toBe(true);
      const categories = await column(locale, 'SELECT category AS v FROM products');
      for (const v of categories) expect(hr.has(v), v).toBe(false);
      const shop = LOCALE_DEPARTMENTS[locale];
      if (shop !== undefined) for (const v of categories) expect(shop).toContain(v);
    });
  }
});

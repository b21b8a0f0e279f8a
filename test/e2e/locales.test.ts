/**
 * `--locale`: names, places, phone numbers and words from the locale's own
 * faker definitions (read here independently of the module under test), in
 * data PostgreSQL loads with every constraint; unique emails and usernames
 * stay ASCII and unique; the same bytes for -j 1 and -j 2; valid UTF-8 in
 * CSV and Parquet; `datagen plan --locale` names it; an unknown locale is
 * refused with the known ones.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { de, es, fr, ja, type LocaleDefinition, pt_BR } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { LOCALES } from '../../src/input/spec/locales.js';
import { homeRecordsOf } from '../../src/values/semantic/home-places.js';
import { loadLocale } from '../../src/values/semantic/load-locale.js';
import { ES_WORDS } from '../../src/values/semantic/locale-words.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { readParquet } from '../helpers/duckdb.js';
import { tempDir } from '../helpers/generate-file.js';
import { useLoadedDdl } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE customers (
  id serial PRIMARY KEY,
  first_name varchar(30) NOT NULL,
  last_name varchar(30) NOT NULL,
  full_name varchar(40),
  email varchar(80) NOT NULL UNIQUE,
  contact_email text CHECK (contact_email ~ '^[a-z0-9._%+-]+@'),
  username varchar(24) NOT NULL UNIQUE,
  phone varchar(20),
  street_address varchar(40),
  city varchar(40),
  state varchar(30),
  postal_code varchar(10),
  country varchar(40),
  company_name varchar(30),
  job_title varchar(12),
  bio varchar(100),
  created_at timestamptz NOT NULL
);
CREATE TABLE products (
  id serial PRIMARY KEY,
  name varchar(40) NOT NULL,
  title varchar(5),
  description text,
  color varchar(20)
);
`;

const DEFINITIONS: Readonly<Record<string, LocaleDefinition>> = { de, fr, es, ja, pt_BR };
const REFERENCE = new Date('2025-01-15T00:00:00Z');
const ROWS = 300;
const ASCII_EMAIL = /^[a-z0-9._%+-]+@example\.(com|net|org)$/;

/** Every string of a faker definition node (arrays, gendered objects). */
function strings(node: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.add(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(node);
  return out;
}

describe.each(Object.keys(DEFINITIONS))('--locale %s', (locale) => {
  const own = DEFINITIONS[locale] as LocaleDefinition;
  const { target } = useLoadedDdl(`locale_${locale.toLowerCase()}`, DDL, {
    defaultRows: ROWS,
    seed: 11,
    locale,
    referenceTime: REFERENCE,
  });
  const column = async (sql: string): Promise<string[]> =>
    (await target.query<{ v: string }>(sql)).map((r) => r.v).filter((v) => v !== null);

  it("names and cities come from the locale's dictionaries, in its name order", async () => {
    const firsts = strings(own.person?.first_name);
    const lasts = strings(own.person?.last_name);
    const dictionary = await loadLocale(locale);
    for (const v of await column('SELECT first_name AS v FROM customers'))
      expect(firsts.has(v), v).toBe(true);
    for (const v of await column('SELECT last_name AS v FROM customers')) expect(lasts.has(v), v).toBe(true);
    const cities = await column('SELECT city AS v FROM customers');
    expect(cities.length).toBeGreaterThan(ROWS / 2);
    // Version 5: beside a state, a real city of the locale's country with its region (home-places.ts).
    const home = new Set((homeRecordsOf(dictionary?.home.alpha2 ?? '') ?? []).map((r) => r.city));
    expect(cities.filter((v) => home.has(v)).length).toBeGreaterThan(ROWS / 2);
    for (const v of cities) expect(dictionary?.cities.includes(v) || home.has(v), v).toBe(true);
    // Where the locale lists city names, the cities are those names (or the home country's).
    const named = strings(own.location?.city_name);
    if (named.size > 0) for (const v of cities) expect(named.has(v) || home.has(v), v).toBe(true);
    const states = strings(own.location?.state);
    for (const v of await column('SELECT state AS v FROM customers')) expect(states.has(v), v).toBe(true);
    const full = await target.query<{ f: string; l: string; n: string }>(
      'SELECT first_name AS f, last_name AS l, full_name AS n FROM customers WHERE full_name IS NOT NULL',
    );
    for (const { f, l, n } of full) expect(n).toBe(locale === 'ja' ? `${l} ${f}` : `${f} ${l}`);
  });

  it('emails and usernames stay ASCII and unique; text is in the locale’s words', async () => {
    for (const v of await column('SELECT email AS v FROM customers')) expect(v).toMatch(ASCII_EMAIL);
    for (const v of await column('SELECT username AS v FROM customers')) expect(v).toMatch(/^[a-z0-9._]+$/);
    const words = new Set([
      ...strings(own.word),
      ...strings(own.lorem?.word),
      ...strings(own.commerce?.product_name),
      // Version 14: es text in Spanish words of datagen's own (faker's es has en's; locale-words.ts).
      ...(locale === 'es' ? ES_WORDS.nouns.map((n) => n.slice(0, n.lastIndexOf(':'))) : []),
    ]);
    const bios = await column('SELECT bio AS v FROM customers');
    expect(bios.length).toBeGreaterThan(ROWS / 2);
    const separator = locale === 'ja' ? '' : ' ';
    // Every bio starts with one of the locale's words (capitalised).
    for (const bio of bios) {
      const first = [...words].some(
        (w) => w !== '' && bio.toLowerCase().startsWith(w.toLowerCase() + separator),
      );
      expect(first, bio).toBe(true);
    }
  });

  it('phone numbers (version 13: national forms) and postcodes follow the locale’s formats', async () => {
    const formats = [...strings(own.phone_number?.format?.national)].map(
      (f) =>
        new RegExp(
          `^${f
            .replace(/[()+.]/g, '\\$&')
            .replace(/#/g, '\\d')
            .replace(/!/g, '[2-9]')}$`,
        ),
    );
    for (const v of await column('SELECT phone AS v FROM customers'))
      expect(
        formats.some((f) => f.test(v)),
        v,
      ).toBe(true);
    const postcodes = [...strings(own.location?.postcode)].map(
      (f) => new RegExp(`^${f.replace(/#/g, '\\d')}$`),
    );
    for (const v of await column('SELECT postal_code AS v FROM customers'))
      expect(
        postcodes.some((f) => f.test(v)),
        v,
      ).toBe(true);
    // faker's pattern pieces keep their spaces (es `Calle Ana, 12`, not `Calle Ana12`).
    expect(
      await column("SELECT street_address AS v FROM customers WHERE street_address ~ '[A-Za-z][0-9]'"),
    ).toEqual([]);
  });
});

describe('--locale: bytes and formats', () => {
  const schemaFile = (): string => {
    const dir = tempDir();
    const file = join(dir, 'schema.sql');
    writeFileSync(file, DDL);
    return file;
  };

  it.each(['de', 'ja'])('%s: the same bytes for -j 1 and -j 2', async (locale) => {
    const schema = schemaFile();
    const dir = tempDir();
    const options = { schema: [schema], defaultRows: 3000, seed: 3, locale, referenceTime: REFERENCE };
    await generate({ ...options, output: join(dir, 'j1.sql'), workers: 1 });
    // Blocks of 500 rows: the worker thread (which loads the locale itself) makes most of them.
    await generate({ ...options, output: join(dir, 'j2.sql'), workers: 2, blockRows: 500 });
    const one = readFileSync(join(dir, 'j1.sql'));
    expect(one.equals(readFileSync(join(dir, 'j2.sql')))).toBe(true);
    expect(one.toString('utf8')).toContain(locale === 'ja' ? '日本' : 'Deutschland');
  });

  it('ja in CSV, Parquet and JSON Lines: valid UTF-8, the same names in each', async () => {
    const schema = schemaFile();
    const options = { schema: [schema], defaultRows: 50, seed: 3, locale: 'ja', referenceTime: REFERENCE };
    const csv = tempDir();
    await generate({ ...options, format: 'csv', output: csv });
    const file = readdirSync(csv).find((f) => f.includes('customers') && f.endsWith('.csv')) as string;
    const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(csv, file)));
    const names = text
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    const parquet = tempDir();
    await generate({ ...options, format: 'parquet', output: parquet });
    const pfile = readdirSync(parquet).find(
      (f) => f.includes('customers') && f.endsWith('.parquet'),
    ) as string;
    const { rows } = await readParquet(join(parquet, pfile));
    expect(rows.map((r) => r.first_name)).toEqual(names);
    const jsonl = tempDir();
    await generate({ ...options, format: 'jsonl', output: jsonl });
    const jfile = readdirSync(jsonl).find((f) => f.includes('customers') && f.endsWith('.jsonl')) as string;
    const lines = new TextDecoder('utf-8', { fatal: true })
      .decode(readFileSync(join(jsonl, jfile)))
      .trim()
      .split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { first_name: string }).first_name)).toEqual(names);
    expect(strings(ja.person?.first_name).has(names[0] as string)).toBe(true);
  });

  it('datagen plan --locale de names the locale; an unknown locale lists the known ones', async () => {
    const schema = schemaFile();
    const plan = await runCliInProcess(['plan', schema, '--locale', 'de', '--rows', '5']);
    expect(plan.status).toBe(0);
    expect(plan.stdout.split('\n')[0]).toBe('locale: de');
    // datagen init writes it into the starter configuration.
    const init = await runCliInProcess(['init', schema, '--locale', 'fr', '-f', '-']);
    expect(init.stdout).toContain('\nlocale: fr\n');
    const bad = await runCliInProcess(['generate', schema, '--locale', 'xx', '-f', join(tempDir(), 'x.sql')]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim()).toBe(
      `datagen: error: unknown locale "xx" (--locale); datagen has: ${LOCALES.join(', ')}`,
    );
  });
});

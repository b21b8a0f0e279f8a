/**
 * The COPY writer's byte path (`WrittenColumn.write`: a semantic column's
 * value written straight into the chunk, no string made) gives exactly the
 * text of the column's value function, row by row, for the columns that
 * take it: emails (unique or not, cut to short columns, from first/last or
 * full-name columns or from no names), foreign keys, dictionary pickers, descriptions (cut too),
 * prices, amounts, signed balances, flags and measures, ZIP and postal codes, companies, job titles, titles
 * and street addresses; and the reference
 * table's semantic columns do take it (so the bench measures it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchemaFiles, planWithRowTrial } from '../../src/index.js';
import { loadLocale } from '../../src/values/semantic/load-locale.js';
import { byteOut } from '../helpers/byte-out.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = `
CREATE TABLE person (id bigserial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
  email text NOT NULL UNIQUE, city text, created_at timestamptz NOT NULL, balance numeric(10,2), active boolean NOT NULL);
CREATE TABLE member (id serial PRIMARY KEY, full_name varchar(40), email varchar(24) UNIQUE,
  backup_email varchar(19), contact_email varchar(200), country varchar(3), state text, last_name varchar(5));
CREATE TABLE signup (id serial PRIMARY KEY, email varchar(22) NOT NULL UNIQUE, alt_email text, city varchar(8),
  first_name varchar(4), job_title varchar(12));
CREATE TABLE listing (id serial PRIMARY KEY, description text, body text, summary varchar(300), price numeric(10,2),
  unit_price numeric(12,0), quantity integer, views bigint, age smallint, birth_date date);
CREATE TABLE shop_address (id serial PRIMARY KEY, street text, city text, state text, postal_code text,
  zip varchar(7), country text);
CREATE TABLE country (country_id serial PRIMARY KEY, country text NOT NULL);
CREATE TABLE place (id serial PRIMARY KEY, country_id integer REFERENCES country, postal_code text);
CREATE TABLE firm (id serial PRIMARY KEY, company_name text, job_title text, title text, street_address text);
CREATE TABLE stock (firm_id integer REFERENCES firm, place_id integer REFERENCES place, PRIMARY KEY (firm_id, place_id));
CREATE TABLE stock_move (id serial PRIMARY KEY, firm_id integer, place_id integer, moved_on date,
  FOREIGN KEY (firm_id, place_id) REFERENCES stock);
CREATE TABLE tag (code uuid PRIMARY KEY, made_on date);
CREATE TABLE tagged (id serial PRIMARY KEY, tag_code uuid NOT NULL REFERENCES tag);
CREATE TABLE remark (id serial PRIMARY KEY, l_comment varchar(44) NOT NULL, note varchar(23), summary varchar(79),
  remarks varchar(9), abstract varchar(1), body varchar(152), valid_from date, event_time timestamptz, d timestamp);
`;

async function writtenColumns(rows: number, locale?: string, generatorVersion?: number) {
  const file = join(tempDir(), 'written-bytes.sql');
  writeFileSync(file, SCHEMA);
  const { schema } = await loadSchemaFiles([file]);
  if (locale !== undefined) await loadLocale(locale);
  const { plan, source } = planWithRowTrial(schema, {
    defaultRows: rows,
    seed: 5,
    ...(locale === undefined ? {} : { locale }),
    ...(generatorVersion === undefined ? {} : { generatorVersion }),
  });
  return plan.tables.flatMap((t, tableIndex) =>
    source.writtenColumns(tableIndex).map((c) => ({ ...c, name: `${t.table.name}.${c.name}` })),
  );
}

type Column = Awaited<ReturnType<typeof writtenColumns>>[number];

/** What `write` gives for rows [0, rows) (null where it writes none), one array compared at once. */
function writtenTexts(c: Column, rows: number, out: ReturnType<typeof byteOut>): (string | null)[] {
  return Array.from({ length: rows }, (_, row) => {
    out.reset();
    return c.write?.(out, row) ? out.text() : null;
  });
}

/** The value function's texts for rows [0, rows). */
function valueTexts(c: Column, rows: number): (string | null)[] {
  return Array.from({ length: rows }, (_, row) => c.fn(row));
}

/** Each column with a byte writer writes, row by row, the text its value function gives; their names. */
function expectWrittenAsValues(columns: readonly Column[], rows: number): string[] {
  const out = byteOut();
  const checked: string[] = [];
  for (const c of columns) {
    if (c.write === undefined) continue;
    checked.push(c.name);
    expect(writtenTexts(c, rows, out), c.name).toEqual(valueTexts(c, rows));
  }
  return checked;
}

describe('semantic values written as bytes', () => {
  // Locales' names hold letters the slugs fold (`Jürgen` → `jurgen`) or drop (`さくら`: a picked name then).
  it.each([undefined, 'de', 'fr', 'ja'])(
    'locale %s: write gives the bytes of the value function, row by row',
    async (locale) => {
      const rows = 4000;
      const columns = await writtenColumns(rows, locale);
      const checked = expectWrittenAsValues(columns, rows);
      // The emails (cut ones among them) and en's dictionary columns take the byte path.
      const emails = ['person.email', 'member.email', 'member.backup_email', 'member.contact_email'];
      const expected = [...emails, 'signup.email', 'signup.alt_email'];
      // en's descriptions, US ZIP codes beside their state and postal codes by country (other locales: theirs).
      if (locale === undefined) {
        // (A listing's description is a home's from generator version 25: sentences through the value path.)
        expected.push('person.city', 'signup.city', 'listing.body');
        // Descriptions cut to short columns (TPC-H's comments): the sentence past the limit taken back.
        expected.push(
          ...['l_comment', 'note', 'summary', 'remarks', 'abstract', 'body'].map((c) => `remark.${c}`),
        );
        expected.push('shop_address.postal_code', 'place.postal_code');
        // Words joined by spaces: companies, job titles, titles, street addresses (no string built).
        expected.push('firm.company_name', 'firm.job_title', 'firm.title', 'firm.street_address');
      }
      // Foreign keys: the parent key's bytes (one column, composite, nullable).
      // A uuid key (no byte writer of its own: its text copied).
      expected.push('place.country_id', 'stock.firm_id', 'stock.place_id', 'stock_move.firm_id');
      expected.push('stock_move.place_id', 'tagged.tag_code');
      // Moments no name rule reads: the ten years before the reference date.
      expected.push('remark.valid_from', 'remark.event_time', 'remark.d');
      // Numbers and dates in every locale; money too, but in ja's whole yen (generator version 13,
      // locale-thirteen.ts inLocaleCurrency), which takes the value path.
      const yen = locale === 'ja';
      const numbers = [...(yen ? [] : ['price', 'unit_price']), 'quantity', 'views', 'age', 'birth_date'];
      expected.push(...numbers.map((n) => `listing.${n}`));
      // A flag (t/f), and a balance (version 19's signed amounts at an account scale: a tenth negative).
      expected.push('person.active', 'person.balance');
      expect(checked).toEqual(expect.arrayContaining(expected));
    },
  );

  it("generator version 2 (descriptions cut at any character): write gives the value function's bytes", async () => {
    const rows = 1000;
    const columns = (await writtenColumns(rows, undefined, 2)).filter((c) => c.name.startsWith('remark.'));
    const checked = expectWrittenAsValues(columns, rows);
    expect(checked).toEqual(expect.arrayContaining(['remark.l_comment', 'remark.summary', 'remark.remarks']));
  });

  it('cut emails stay emails: a short unique column holds name, code and domain, all distinct', async () => {
    const columns = await writtenColumns(500);
    const email = columns.find((c) => c.name === 'signup.email');
    const values = Array.from({ length: 500 }, (_, row) => email?.fn(row) ?? '');
    expect(values.every((v) => v.length <= 22 && /^[a-z0-9._]+\.[0-9a-z]{6}@[a-z.]+$/.test(v))).toBe(true);
    expect(new Set(values).size).toBe(500);
  });
});

/**
 * Emails under real email CHECK patterns (generator version 2): made from
 * the row's names in a form the pattern accepts, unique ones unique by
 * construction, loaded into PostgreSQL with every constraint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

/** [column, CHECK condition] as schemas write them. */
const PATTERNS: readonly [string, string][] = [
  ['email', `email ~ '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'`],
  ['contact_email', `contact_email ~* '^.+@.+\\..+$'`],
  ['work_email', `work_email LIKE '%@%'`],
  ['login_email', `login_email ~ '^[a-z]+@example\\.com$'`],
  ['backup_email', `backup_email ~ '^[a-z0-9_]+@[a-z]+\\.(com|org)$'`],
];

const columns = (unique: boolean) =>
  PATTERNS.map(([name, check]) => `${name} text NOT NULL ${unique ? 'UNIQUE ' : ''}CHECK (${check})`).join(
    ',\n  ',
  );

const DDL = `
CREATE TABLE person (
  id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
  ${columns(false)});
CREATE TABLE account (
  id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
  ${columns(true)});
`;

/** Lower-case ASCII letters of a name (as datagen folds names into emails). */
const letters = (s: string) =>
  s
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

let db: TestDatabase;
let target: TestDatabase;

interface Row {
  first_name: string;
  last_name: string;
  [column: string]: string;
}

describe('emails under pattern CHECKs come from the row’s names', () => {
  beforeAll(async () => {
    db = await createTestDatabase('patternemails');
    const loaded = await loadGenerated(db, DDL, { defaultRows: 2000, seed: 9 });
    target = loaded.target;
    expect(loaded.result.warnings).toEqual([]);
  });
  afterAll(async () => db.close());

  for (const table of ['person', 'account']) {
    it(`${table}: every value meets its pattern and holds the row's names`, async () => {
      const rows = await target.query<Row>(`SELECT * FROM ${table}`);
      expect(rows.length).toBe(2000);
      for (const [name] of PATTERNS) {
        let named = 0;
        for (const row of rows) {
          const email = row[name] as string;
          const local = letters(email.slice(0, email.lastIndexOf('@')));
          if (local.includes(letters(row.last_name)) || local.startsWith(letters(row.first_name))) named++;
        }
        // Names first (a few shapes keep only an initial with the last name, all keep one of them).
        expect(named / rows.length, `${table}.${name}`).toBeGreaterThan(0.95);
      }
      const [letter] = rows;
      expect(letter?.login_email).toMatch(/^[a-z]+@example\.com$/);
    });
  }

  it('unique ones are distinct (the load held every UNIQUE) and never the pattern strings', async () => {
    for (const [name] of PATTERNS) {
      const [row] = await target.query<{ n: string; d: string; short: string }>(
        `SELECT count(*) AS n, count(DISTINCT ${name}) AS d,
           count(*) FILTER (WHERE length(split_part(${name}, '@', 1)) < 5) AS short FROM account`,
      );
      expect(row?.d).toBe(row?.n);
      expect(Number(row?.short), name).toBe(0);
    }
  });
});

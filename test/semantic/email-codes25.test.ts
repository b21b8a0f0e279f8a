/**
 * Generator version 25: a unique email's code (`ana.silva.k3x9z2@example.net`) is the key's permuted k
 * through one hash a pass (email-values.ts `createCodeScramble`), not a second Feistel permutation. The
 * emails stay unique (the server's UNIQUE holds them, a child's FK finds them), their names and domains are
 * version 24's, and the codes' digits stay uniform, also where the key's k are spread evenly (few rows).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chiSquare, critical } from '../helpers/chi-square.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('emailcodes25');
}, 300_000);
afterAll(async () => db.close());

const PEOPLE = `CREATE TABLE person (id bigserial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL,
  email text NOT NULL UNIQUE, created_at timestamptz NOT NULL);
CREATE TABLE few (id serial PRIMARY KEY, first_name text NOT NULL, last_name text NOT NULL, email varchar(80) NOT NULL UNIQUE);
CREATE TABLE orders (id serial PRIMARY KEY, person_email text NOT NULL REFERENCES person(email));`;
const ROWS = { person: 2000, few: 20, orders: 300 };
const CODE = '\\.([0-9a-z]{6})@example\\.(com|net|org)$';

async function emails(target: TestDatabase, table: string): Promise<string[]> {
  const rows = await target.query<{ email: string }>(`SELECT email FROM ${table} ORDER BY id`);
  return rows.map((r) => r.email);
}

describe('generator version 25: unique email codes', () => {
  it('unique, from the names and domains of version 24, codes uniform in every digit and varied where rows are few', async () => {
    const v25 = await loadGenerated(db, PEOPLE, { tables: ROWS, seed: 32, generatorVersion: 25 });
    const v24 = await loadGenerated(db, PEOPLE, { tables: ROWS, seed: 32, generatorVersion: 24 });
    const people = await emails(v25.target, 'person');
    expect(people).toHaveLength(2000);
    expect(new Set(people).size).toBe(2000);
    const codes = people.map((e) => new RegExp(CODE).exec(e)?.[1] ?? '');
    expect(codes.filter((c) => c.length !== 6)).toEqual([]);
    // Each of the 6 positions: 36 digits about equally often.
    for (let position = 0; position < 6; position++) {
      const counts = new Array<number>(36).fill(0);
      for (const c of codes) counts[Number.parseInt(c[position] as string, 36)]! += 1;
      expect(chiSquare(counts), `digit ${position}`).toBeLessThan(critical(35));
    }
    // The same names, shapes and domains as version 24: only the code differs.
    const old = await emails(v24.target, 'person');
    const bare = (e: string) => e.replace(new RegExp(CODE), '@$2');
    expect(people.map(bare)).toEqual(old.map(bare));
    expect(people.filter((e, i) => e === old[i]).length).toBeLessThan(5);
    // 20 rows: k spread 36^6 / 20 apart, whose low digits repeat every 5 rows; the codes' do not.
    const few = await emails(v25.target, 'few');
    const tails = few.map((e) => new RegExp(CODE).exec(e)?.[1]?.slice(2) ?? '');
    expect(new Set(tails).size).toBe(20);
    // A child's foreign key to the email takes its parent rows' emails (the load checked them too).
    const [orphans] = await v25.target.query<{ n: string }>(
      'SELECT count(*) AS n FROM orders o LEFT JOIN person p ON p.email = o.person_email WHERE p.id IS NULL',
    );
    expect(Number(orphans?.n)).toBe(0);
    expect(Number((await v25.target.query<{ n: string }>('SELECT count(*) AS n FROM orders'))[0]?.n)).toBe(
      300,
    );
    await v25.target.close();
    await v24.target.close();
  });
});

/**
 * Generator version 3: unique text under a length minimum too short for a
 * word pair (`varchar(11)` with `length(code) >= 11`) is a word and digits
 * (`umbrella042`), not padded codes (`aaaaaaaaaac`); loaded into the real
 * server, whose unique indexes judge the uniqueness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const SHORT = `CREATE TABLE tickets (id serial PRIMARY KEY,
  ref varchar(11) NOT NULL UNIQUE CHECK (length(ref) >= 11),
  tag text NOT NULL UNIQUE CHECK (length(tag) = 6),
  handle varchar(12) NOT NULL UNIQUE CHECK (char_length(handle) BETWEEN 10 AND 12),
  slot citext NOT NULL UNIQUE CHECK (length(slot) BETWEEN 7 AND 8));`;

const COLUMNS = ['ref', 'tag', 'handle', 'slot'];

describe('short unique text is readable', () => {
  beforeAll(async () => {
    db = await createTestDatabase('shortunique');
  });
  afterAll(async () => db.close());

  it('a word and digits inside the length window, never runs of one letter', async () => {
    const { target, counts } = await loadGenerated(db, `CREATE EXTENSION citext;\n${SHORT}`, {
      defaultRows: 3000,
      seed: 6,
    });
    expect(counts.get('public.tickets')).toBe(3000);
    const q = (sql: string) => count(target, sql);
    for (const c of COLUMNS) {
      expect(await q(`SELECT count(*) AS n FROM tickets WHERE ${c} ~ '(.)\\1\\1\\1'`), c).toBe(0);
      expect(await q(`SELECT count(*) AS n FROM tickets WHERE ${c} !~ '^[a-z]{3,}[0-9]{2,6}$'`), c).toBe(0);
      // Many words (57 of three letters for six characters), not one word counted up.
      expect(
        await q(`SELECT count(DISTINCT regexp_replace(${c}, '[0-9]+$', '')) AS n FROM tickets`),
        c,
      ).toBeGreaterThan(40);
    }
  });
});

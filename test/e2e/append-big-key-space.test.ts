/**
 * --append into a key space over MAX_LISTED_SPACE that the table mostly
 * fills: 248,747 of the 279,841 four-letter codes (A to W) held. Free keys are found
 * exactly (the rows whose own key is held take free ones past the rows), so
 * the whole free part can be appended, the same rows at -j 1 and -j 2, and
 * more rows than free keys are cut to them, said in a warning, never an
 * error mid-load.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { MAX_LISTED_SPACE } from '../../src/plan/append-plan.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TABLE code (code char(4) PRIMARY KEY CHECK (code ~ '^[A-W]{4}$'), n integer);
CREATE TABLE code_use (id serial PRIMARY KEY, code char(4) NOT NULL REFERENCES code);
`;
const SPACE = 23 ** 4;
/** Eight of every nine codes (all but g % 9 = 0 of g in [0, SPACE)). */
const HELD = SPACE - Math.floor((SPACE - 1) / 9) - 1;

/** Eight of every nine codes in the space's order, the application's rows. */
const EXISTING = `
INSERT INTO code
SELECT chr(65 + (g / 12167) % 23) || chr(65 + (g / 529) % 23) || chr(65 + (g / 23) % 23) || chr(65 + g % 23), g
FROM generate_series(0, ${SPACE - 1}) g WHERE g % 9 <> 0;
`;

const db = useTestDatabase('append_big_space');

describe('--append into a big key space it mostly fills', () => {
  it('appends every free key exactly, -j 1 = -j 2, more rows than free keys cut to them', async () => {
    expect(SPACE).toBeGreaterThan(MAX_LISTED_SPACE);
    const free = SPACE - HELD;
    const digests: string[] = [];
    for (const workers of [1, 2]) {
      const target = await siblingWith(db, SCHEMA, EXISTING);
      const [held] = await target.query<{ n: string }>('SELECT count(*) AS n FROM code');
      expect(Number(held?.n)).toBe(HELD);
      const connection = { dbname: target.connectionString };
      // The free keys less 10: the rows whose own code is held (about eight in nine) find free ones.
      const result = await generate({
        connection,
        tables: { code: free - 10, code_use: 2000 },
        seed: 3,
        workers,
        append: true,
      });
      expect(result.warnings.map((w) => w.code)).not.toContain('APPEND_KEY_FULL');
      const [row] = await target.query<{ n: string; d: string }>(
        `SELECT count(*) AS n, md5(string_agg(code || ':' || coalesce(n::text, ''), ',' ORDER BY code)) AS d FROM code`,
      );
      expect(Number(row?.n)).toBe(SPACE - 10);
      digests.push(row?.d ?? '');
      if (workers === 1) {
        // 20 more asked, 10 free: cut to them, with the numbers, and the space is full.
        const last = await generate({ connection, tables: { code: 20, code_use: 5 }, seed: 4, append: true });
        const cut = last.warnings.find((w) => w.code === 'APPEND_KEY_FULL' && w.where === 'public.code');
        expect(cut?.message).toContain(
          `has ${SPACE} values and the table holds ${SPACE - 10} of them, so it gets 10 new rows, not 20`,
        );
        const [full] = await target.query<{ n: string }>('SELECT count(*) AS n FROM code');
        expect(Number(full?.n)).toBe(SPACE);
      }
      await target.close();
    }
    expect(digests[1]).toBe(digests[0]);
  });
  it('a bigint key held past 2^53 (a hash, a snowflake id): that table gets no new rows, the warning says why', async () => {
    // Airflow's dag_code.fileloc_hash: before, the warning said 100 more rows "would leave the column's range".
    const target = await db.createSibling();
    await target.query(`
      CREATE TABLE dag_code (fileloc_hash bigint PRIMARY KEY, source_code text NOT NULL);
      CREATE TABLE other (id serial PRIMARY KEY, v text);
      INSERT INTO dag_code VALUES (65948290760861325, 'x');`);
    const result = await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 20,
      seed: 5,
      append: true,
    });
    const warning = result.warnings.find((w) => w.where === 'public.dag_code');
    expect(warning?.message).toContain(
      `its key dag_code_pkey already reaches 65948290760861325, and datagen counts an integer key up past the held maximum only below 2^53 (${Number.MAX_SAFE_INTEGER})`,
    );
    const counts = await target.query<{ d: string; o: string }>(
      'SELECT (SELECT count(*) FROM dag_code) AS d, (SELECT count(*) FROM other) AS o',
    );
    expect(counts[0]).toEqual({ d: '1', o: '20' });
    await target.close();
  });
});

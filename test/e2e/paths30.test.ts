/**
 * Output loads on the paths beyond `-F c` / `-F p` / `-d` that real schemas
 * broke (session 30's run of the corpus and the hunts' schemas through every
 * output path): each a minimal shape through the path it broke, loaded by the
 * real server.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';

const db = useTestDatabase('paths30');

describe('--append twice into a real or double precision key (sqitch.releases)', () => {
  it('the held keys compared as numbers: 3x the rows, every constraint valid', async () => {
    const target = await siblingWith(
      db,
      `CREATE TABLE releases (version real PRIMARY KEY, installer_name text NOT NULL);
       CREATE TABLE measure (at double precision PRIMARY KEY, v real);
       CREATE TABLE pair (a real, b integer, PRIMARY KEY (a, b))`,
    );
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 40 });
    // The server prints the held 10066330 as 1.006633e+07: compared as text, the new key collided.
    await generate({ connection, defaultRows: 40, append: true });
    await generate({ connection, defaultRows: 40, append: true });
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.releases': 120,
      'public.measure': 120,
      'public.pair': 120,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});

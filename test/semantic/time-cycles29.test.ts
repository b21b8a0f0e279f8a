/**
 * Time columns that two rules order each after the other (version 22's
 * lifecycle roles against the stage chains and pairs: `sent_at` a step after
 * `opened_at` the start, an opened message after its sending): the row's
 * values are made, not an endless recursion ("Maximum call stack size
 * exceeded" reported as a write error). Found by a sweep of 400 random
 * tables of 3-10 time columns (6 such shapes in the first 100); each shape
 * generates with -j 1 and -j 2 alike and loads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { useTestDatabase } from '../helpers/database.js';
import { outputsByWorkers } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

const db = useTestDatabase('cycles29');

const SHAPES = [
  'enrolled_at timestamptz, graded_at timestamptz NOT NULL, end_date timestamp, processed_at date NOT NULL, published_at timestamp, ended_at timestamptz',
  'opened_at timestamptz, delivered_at date, closed_at timestamp NOT NULL, pay_date timestamptz, updated_at timestamp NOT NULL, requested_at date, processed_at timestamp, due_date timestamptz',
  'responded_at timestamp NOT NULL, sent_at date NOT NULL, submitted_at timestamptz',
  "status text NOT NULL CHECK (status IN ('pending', 'sent', 'paid', 'closed')), closed_at timestamp NOT NULL, updated_at timestamp NOT NULL, published_at date, enrolled_at date NOT NULL",
  'reported_at timestamp NOT NULL, confirmed_at timestamptz NOT NULL, closed_at timestamptz, refunded_at timestamptz NOT NULL, published_at timestamp NOT NULL, enrolled_at timestamp NOT NULL, sent_at date NOT NULL, opened_at timestamptz',
];

describe('time columns ordered after each other by two rules', () => {
  it('each shape generates and loads, the same bytes with -j 1 and -j 2', async () => {
    const ddl = SHAPES.map((columns, i) => `CREATE TABLE t${i} (id serial PRIMARY KEY, ${columns});`).join(
      '\n',
    );
    const { target } = await loadGenerated(db, ddl, { defaultRows: 400, seed: 29 });
    for (let i = 0; i < SHAPES.length; i++)
      expect(await count(target, `SELECT count(*) AS n FROM t${i}`), `t${i}`).toBe(400);
    // Where only one rule orders a pair, it holds.
    expect(await count(target, 'SELECT count(*) AS n FROM t4 WHERE opened_at < sent_at')).toBe(0);
    const [one, two] = await outputsByWorkers(ddl, { defaultRows: 60_000, seed: 29 }, [1, 2]);
    expect(readFileSync(two as string).equals(readFileSync(one as string))).toBe(true);
  });
});

/**
 * Generator version 5 (issue 11, what version 4 still lacked): the stages of
 * a row's life in order whatever the time word (`submitted_on` ≤
 * `reviewed_on`, `sent_at` ≤ `delivered_at` ≤ `read_at`, `born` ≤ `died`,
 * `first_seen` ≤ `last_seen`, `since` ≤ `until`). Loaded into the real
 * server and counted there. Version 4 keeps its values.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const STAGES = `CREATE TABLE reviews (id serial PRIMARY KEY, created_at timestamptz NOT NULL, submitted_at timestamptz,
  reviewed_at timestamptz, approved_at timestamptz, rejected_at timestamptz);
CREATE TABLE devices (id serial PRIMARY KEY, first_seen timestamp NOT NULL, last_seen timestamp NOT NULL);
CREATE TABLE messages (id serial PRIMARY KEY, sent_at timestamptz NOT NULL, delivered_at timestamptz,
  read_at timestamptz, seen_at timestamp);
CREATE TABLE issues (id serial PRIMARY KEY, opened_on date NOT NULL, resolved_on date, closed_at timestamp);
CREATE TABLE permissions (id serial PRIMARY KEY, requested_date date NOT NULL, granted_date date);
CREATE TABLE docs (id serial PRIMARY KEY, published_on date, archived_on date);
CREATE TABLE stays (id serial PRIMARY KEY, checked_in_at timestamptz NOT NULL, checked_out_at timestamptz);
CREATE TABLE persons (id serial PRIMARY KEY, born date, died date);
CREATE TABLE employees (id serial PRIMARY KEY, hire_date date NOT NULL, termination_date date);
CREATE TABLE periods (id serial PRIMARY KEY, begin_at timestamp, end_at timestamp, begin_time timestamp,
  end_time timestamp);
CREATE TABLE memberships (id serial PRIMARY KEY, since date NOT NULL, until date, member_since timestamp,
  member_until timestamp);
CREATE TABLE submissions (id serial PRIMARY KEY, date_submitted date NOT NULL, approval_time timestamp,
  submitted_ts timestamptz, rejected_ts timestamptz);`;

/** [table, earlier, later]: every pair the rows must keep in order. */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['reviews', 'created_at', 'submitted_at'],
  ['reviews', 'submitted_at', 'reviewed_at'],
  ['reviews', 'reviewed_at', 'approved_at'],
  ['reviews', 'submitted_at', 'rejected_at'],
  ['devices', 'first_seen', 'last_seen'],
  ['messages', 'sent_at', 'delivered_at'],
  ['messages', 'delivered_at', 'read_at'],
  ['messages', 'delivered_at', 'seen_at'],
  ['issues', 'opened_on', 'resolved_on'],
  ['issues', 'resolved_on', 'closed_at'],
  ['permissions', 'requested_date', 'granted_date'],
  ['docs', 'published_on', 'archived_on'],
  ['stays', 'checked_in_at', 'checked_out_at'],
  ['persons', 'born', 'died'],
  ['employees', 'hire_date', 'termination_date'],
  ['periods', 'begin_at', 'end_at'],
  ['periods', 'begin_time', 'end_time'],
  ['memberships', 'since', 'until'],
  ['memberships', 'member_since', 'member_until'],
  ['submissions', 'date_submitted', 'approval_time'],
  ['submissions', 'submitted_ts', 'rejected_ts'],
];

describe('generator version 5', () => {
  beforeAll(async () => {
    db = await createTestDatabase('realismv5');
  });
  afterAll(async () => db.close());

  it("keeps every stage of a row's life after the earlier ones, whatever the time word", async () => {
    const { target } = await loadGenerated(db, STAGES, { defaultRows: 2000, seed: 12 });
    const outOfOrder: string[] = [];
    for (const [table, earlier, later] of PAIRS) {
      const both = await count(
        target,
        `SELECT count(*) AS n FROM ${table} WHERE ${earlier} IS NOT NULL AND ${later} IS NOT NULL`,
      );
      const bad = await count(target, `SELECT count(*) AS n FROM ${table} WHERE ${later} < ${earlier}`);
      // Rows hold both (an archive date only a few: a rare event); a stage is not merely equal to the one before.
      expect(both, `${table}.${earlier}/${later}`).toBeGreaterThan(table === 'docs' ? 50 : 1000);
      const later_ = await count(target, `SELECT count(*) AS n FROM ${table} WHERE ${later} > ${earlier}`);
      expect(later_, `${table}.${later} > ${earlier}`).toBeGreaterThan(both / 2);
      if (bad > both / 100) outOfOrder.push(`${table}: ${later} < ${earlier} in ${bad} of ${both}`);
    }
    expect(outOfOrder).toEqual([]);
    // Nothing past the dataset's "now" but deadlines; a death anywhere after the birth, not mostly in childhood.
    expect(await count(target, "SELECT count(*) AS n FROM messages WHERE read_at >= '2026-01-01'")).toBe(0);
    expect(
      await count(target, 'SELECT count(*) AS n FROM persons WHERE died - born > 365 * 20'),
    ).toBeGreaterThan(800);
  });

  it('names what a stage follows in the plan', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), STAGES);
    const { plan, schema } = await planGeneration({ schema: [join(dir, 's.sql')], defaultRows: 10 });
    const description = describePlan(plan, schema);
    const source = (table: string, column: string) =>
      description.tables.find((t) => t.table === `public.${table}`)?.columns.find((c) => c.name === column)
        ?.source ?? '';
    expect(source('messages', 'read_at')).toContain(
      'at or after the latest of sent_at, delivered_at in the row',
    );
    expect(source('reviews', 'reviewed_at')).toContain(
      'at or after submitted_at in the row (after created_at where they are NULL)',
    );
    expect(source('messages', 'sent_at')).not.toContain('at or after');
  });

  it('leaves version 4 as it was', async () => {
    const { target } = await loadGenerated(db, STAGES, { defaultRows: 400, seed: 12, generatorVersion: 4 });
    expect(
      await count(target, 'SELECT count(*) AS n FROM reviews WHERE approved_at < submitted_at'),
    ).toBeGreaterThan(50);
    expect(await count(target, 'SELECT count(*) AS n FROM persons WHERE died < born')).toBeGreaterThan(50);
  });
});

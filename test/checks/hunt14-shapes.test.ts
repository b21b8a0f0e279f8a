import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('shapes of hunt 14 (real schemas never tried)', () => {
  beforeAll(async () => {
    db = await createTestDatabase('hunt14shapes');
  });
  afterAll(async () => db.close());

  it('CREATE TABLE (..., LIKE s.base, ...) of a schema-qualified table is written with its name, its columns filled (pgq retry_queue)', async () => {
    // Before: written as `LIKE` alone (the deparser printed a qualified bare RangeVar as nothing): exit 0, and the
    // script stopped at a syntax error.
    const { counts, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA pgq;
       CREATE TABLE pgq.event_template (ev_id bigint NOT NULL, ev_time timestamptz NOT NULL, ev_owner int4, ev_data text);
       CREATE TABLE pgq.retry_queue (ev_retry_after timestamptz NOT NULL, ev_queue int4 NOT NULL,
         LIKE pgq.event_template, CONSTRAINT rq_pkey PRIMARY KEY (ev_owner, ev_id));`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('pgq.retry_queue')).toBe(50);
    for (const t of [target, restored]) {
      const columns = await t.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'retry_queue' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toEqual([
        'ev_retry_after',
        'ev_queue',
        'ev_id',
        'ev_time',
        'ev_owner',
        'ev_data',
      ]);
    }
  });
});

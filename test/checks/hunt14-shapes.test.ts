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
  it('ALTER TABLE ... DROP DEFAULT, TYPE e USING ..., SET DEFAULT in one statement: the default is dropped before the type changes, as the server runs it (langfuse MonitorSeverity)', async () => {
    // Before: the DROP DEFAULT was put after the type change (its pass taken for SET DEFAULT's): exit 0, and the
    // load stopped at "default for column "severity" cannot be cast automatically to type "sev"".
    const { counts, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE TYPE sev AS ENUM ('UNKNOWN', 'OK');
       CREATE TABLE monitors (id int PRIMARY KEY, severity sev NOT NULL DEFAULT 'UNKNOWN');
       ALTER TYPE sev RENAME TO sev_old;
       CREATE TYPE sev AS ENUM ('PAUSED', 'UNKNOWN', 'OK');
       ALTER TABLE monitors
         ALTER COLUMN severity DROP DEFAULT,
         ALTER COLUMN severity TYPE sev USING severity::text::sev,
         ALTER COLUMN severity SET DEFAULT 'UNKNOWN'::sev;
       DROP TYPE sev_old;`,
      { defaultRows: 30, seed: 1 },
    );
    expect(counts.get('public.monitors')).toBe(30);
    for (const t of [target, restored]) {
      const [column] = await t.query<{ column_default: string; udt_name: string }>(
        `SELECT column_default, udt_name FROM information_schema.columns WHERE table_name = 'monitors' AND column_name = 'severity'`,
      );
      expect(column).toEqual({ column_default: "'UNKNOWN'::sev", udt_name: 'sev' });
    }
  });
  it('an ALTER TABLE of a table a called DDL function creates is kept as written, not refused (PostGIS tiger geocoder pagc_rules)', async () => {
    // Before: exit 2, "ALTER TABLE tiger.pagc_rules: the table is not defined in the DDL", though the SELECT of
    // install_pagc_tables() before it (kept, warned) makes the table at load time.
    const { counts, result, target, restored } = await loadScriptAndArchive(
      db,
      `CREATE SCHEMA tiger;
       SET search_path = tiger, public;
       CREATE TABLE loader (id int PRIMARY KEY, name text NOT NULL);
       CREATE FUNCTION install_pagc_tables() RETURNS void AS $$
       BEGIN
         IF NOT EXISTS (SELECT table_name FROM information_schema.columns
                        WHERE table_schema = 'tiger' AND table_name = 'pagc_rules') THEN
           CREATE TABLE pagc_rules (id serial NOT NULL PRIMARY KEY, rule text, is_custom boolean DEFAULT true);
         END IF;
       END;
       $$ LANGUAGE plpgsql;
       SELECT install_pagc_tables();
       ALTER TABLE tiger.pagc_rules ALTER COLUMN is_custom SET DEFAULT false;`,
      { defaultRows: 20, seed: 1 },
    );
    expect(counts.get('tiger.loader')).toBe(20);
    expect(result.warnings.map((w) => w.code)).toContain('FUNCTION_CALL');
    for (const t of [target, restored]) {
      const [column] = await t.query<{ column_default: string }>(
        `SELECT column_default FROM information_schema.columns WHERE table_name = 'pagc_rules' AND column_name = 'is_custom'`,
      );
      expect(column?.column_default).toBe('false');
    }
  });
});

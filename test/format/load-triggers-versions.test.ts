/**
 * The user triggers a direct load reads, by the query for each server
 * version: PostgreSQL 12 has no pg_trigger.tgparentid (the query of 13+
 * failed there: "column t.tgparentid does not exist"), 13 and 14 mark a
 * partition's copy of its parent's trigger internal, 15+ do not. Every
 * version's query runs on this server (15) and finds the same triggers:
 * the partitions' copies marked cloned, a foreign key's internal triggers
 * left out.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTriggersQuery, readLoadTriggers } from '../../src/format/load-triggers.js';
import { useTestDatabase } from '../helpers/database.js';

const db = useTestDatabase('load_trigger_versions');

beforeAll(async () => {
  await db.query(`
    CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
    CREATE TABLE owner (id int PRIMARY KEY);
    CREATE TABLE event (id int, at date NOT NULL, owner_id int REFERENCES owner) PARTITION BY RANGE (at);
    CREATE TABLE event_2024 PARTITION OF event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
    CREATE TABLE event_rest PARTITION OF event DEFAULT;
    CREATE TRIGGER event_note AFTER INSERT ON event FOR EACH ROW EXECUTE FUNCTION note();
    CREATE TRIGGER owner_note BEFORE INSERT ON owner FOR EACH ROW EXECUTE FUNCTION note();
    CREATE TRIGGER off_note BEFORE INSERT ON owner FOR EACH ROW EXECUTE FUNCTION note();
    ALTER TABLE owner DISABLE TRIGGER off_note;
  `);
});

const expected = [
  { table: 'public.event', name: 'event_note', cloned: false, beforeInsertRow: false },
  { table: 'public.event_2024', name: 'event_note', cloned: true, beforeInsertRow: false },
  { table: 'public.event_rest', name: 'event_note', cloned: true, beforeInsertRow: false },
  { table: 'public.owner', name: 'owner_note', cloned: false, beforeInsertRow: true },
];

describe('loadTriggersQuery', () => {
  it.each([120000, 130000, 140000, 150000, 180000])(
    'for server_version_num %i finds the user triggers and the partitions’ copies',
    async (version) => {
      const rows = await db.query(loadTriggersQuery(version));
      expect(
        rows.map((r) => ({
          table: r.table,
          name: r.name,
          cloned: r.cloned,
          beforeInsertRow: r.beforeInsertRow,
        })),
      ).toEqual(expected);
      expect(rows.every((r) => r.rootName === (r.table === 'public.owner' ? 'owner' : 'event'))).toBe(true);
    },
  );

  it('names no pg_trigger column PostgreSQL 12 lacks in the query for 12', () => {
    expect(loadTriggersQuery(120000)).not.toMatch(/tgparentid/);
    expect(loadTriggersQuery(130000)).toMatch(/t\.tgparentid/);
  });

  it('readLoadTriggers picks the query of the server it talks to', async () => {
    const client = new pg.Client({ connectionString: db.connectionString });
    await client.connect();
    try {
      const triggers = await readLoadTriggers(client);
      expect(triggers.map((t) => `${t.table} ${t.name} ${t.cloned}`)).toEqual(
        expected.map((t) => `${t.table} ${t.name} ${t.cloned}`),
      );
    } finally {
      await client.end();
    }
  });
});

/**
 * The user triggers a direct load reads, by the query for each server
 * version: PostgreSQL 12 has no pg_trigger.tgparentid (the query of 13+
 * failed there: "column t.tgparentid does not exist"), 13 and 14 mark a
 * partition's copy of its parent's trigger internal, 15+ do not. Every
 * version's query runs on this server (15) and finds the same triggers:
 * the partitions' copies marked cloned, a foreign key's internal triggers
 * left out. --disable-triggers on PostgreSQL 12 names a partitioned
 * table's triggers (12 refuses `DISABLE TRIGGER USER` there when a
 * partition holds a copy); those statements switch the copies too.
 */
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTriggersQuery, readLoadTriggers } from '../../src/format/load-triggers.js';
import { userTriggerSwitches } from '../../src/format/trigger-switches.js';
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

describe('userTriggerSwitches', () => {
  const statesSql = `SELECT tgrelid::regclass::text || ' ' || tgname || ' ' || tgenabled::text AS t FROM pg_trigger
                      WHERE tgname IN ('event_note', 'owner_note') ORDER BY 1`;
  const states = async () => (await db.query<{ t: string }>(statesSql)).map((r) => r.t);

  it('names a partitioned table’s triggers for PostgreSQL 12 and switches its partitions’ copies off and on', async () => {
    const client = new pg.Client({ connectionString: db.connectionString });
    await client.connect();
    try {
      // Not owner: ENABLE TRIGGER USER would also turn on its off_note, which was off before (noted, not changed here).
      const tables = ['event'];
      const off = await userTriggerSwitches(client, tables, false, 120000);
      expect(off).toEqual(['ALTER TABLE event DISABLE TRIGGER event_note']);
      await client.query('BEGIN');
      for (const sql of off) await client.query(sql);
      const inside = await client.query<{ t: string }>(statesSql);
      expect(inside.rows.map((r) => r.t)).toEqual([
        'event event_note D',
        'event_2024 event_note D',
        'event_rest event_note D',
        'owner owner_note O',
      ]);
      for (const sql of await userTriggerSwitches(client, tables, true, 120000)) await client.query(sql);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    expect(await states()).toEqual([
      'event event_note O',
      'event_2024 event_note O',
      'event_rest event_note O',
      'owner owner_note O',
    ]);
  });

  it('keeps TRIGGER USER from PostgreSQL 13 on', async () => {
    const client = new pg.Client({ connectionString: db.connectionString });
    await client.connect();
    try {
      expect(await userTriggerSwitches(client, ['event'], false, 130000)).toEqual([
        'ALTER TABLE event DISABLE TRIGGER USER',
      ]);
    } finally {
      await client.end();
    }
  });
});

/**
 * A load's user triggers: the statements that switch them off and on again
 * (`--disable-triggers`, as pg_restore; PostgreSQL 12's partitioned tables
 * named trigger by trigger), the states of triggers the DDL left disabled or
 * REPLICA/ALWAYS set back afterwards, and the tables a load's rows reach that
 * have user triggers.
 */
import type pg from 'pg';
import { quoteIdent } from '../schema/quote.js';
import { readServerVersion } from './server-version.js';

/**
 * The statements that turn the tables' user triggers off or on again, on a
 * server of this version (server_version_num). `TRIGGER USER` everywhere
 * but on a partitioned table in PostgreSQL 12, which refuses it when the
 * table has a row trigger ("trigger t for table p1 does not exist": 12
 * recurses into the partitions skipping their copies, which it marks
 * internal); there each of its user triggers is named (then the copies are
 * switched too, as 13 and later do for USER).
 */
export async function userTriggerSwitches(
  client: pg.Client,
  tables: readonly string[],
  on: boolean,
  version: number,
): Promise<string[]> {
  const verb = on ? 'ENABLE' : 'DISABLE';
  const named = new Map<string, string[]>();
  if (version < 130000 && tables.length > 0) {
    const { rows } = await client.query<{ table: string; names: string[] }>(
      `SELECT t.tgrelid::regclass::text AS table, array_agg(t.tgname::text ORDER BY t.tgname) AS names
         FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
        WHERE c.relkind = 'p' AND NOT t.tgisinternal AND t.tgrelid = ANY ($1::regclass[])
        GROUP BY t.tgrelid`,
      [tables],
    );
    for (const r of rows) named.set(r.table, r.names);
  }
  return tables.flatMap((t) => {
    const names = named.get(t);
    return names === undefined
      ? [`ALTER TABLE ${t} ${verb} TRIGGER USER`]
      : names.map((n) => `ALTER TABLE ${t} ${verb} TRIGGER ${quoteIdent(n)}`);
  });
}

/**
 * The tables' user triggers off while rows go in (`--disable-triggers`, as
 * pg_restore), or on again. Switching them off returns the statements that,
 * after they are on again (`states`), set back the triggers that were not
 * simply enabled: disabled ones stay disabled, REPLICA and ALWAYS ones stay so
 * (pg_restore's ENABLE TRIGGER ALL turns them all on).
 */
export async function switchUserTriggers(
  client: pg.Client,
  tables: readonly string[],
  on: boolean,
  states: readonly string[] = [],
): Promise<string[]> {
  if (tables.length === 0) return [];
  const kept = on ? [] : await triggerStates(client, tables);
  for (const sql of await userTriggerSwitches(client, tables, on, await readServerVersion(client)))
    await client.query(sql);
  if (on) for (const sql of states) await client.query(sql);
  return kept;
}

const TRIGGER_STATE: Readonly<Record<string, string>> = {
  D: 'DISABLE TRIGGER',
  R: 'ENABLE REPLICA TRIGGER',
  A: 'ENABLE ALWAYS TRIGGER',
};

/** The statements that set the tables' user triggers that are not simply enabled as they are now (parents first). */
async function triggerStates(client: pg.Client, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ table: string; name: string; state: string }>(
    `SELECT t.tgrelid::regclass::text AS table, t.tgname::text AS name, t.tgenabled::text AS state
       FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND t.tgenabled <> 'O' AND t.tgrelid = ANY ($1::regclass[])
      ORDER BY c.relispartition, 1, 2`,
    [tables],
  );
  return rows.flatMap((r) => {
    const verb = TRIGGER_STATE[r.state];
    return verb === undefined ? [] : [`ALTER TABLE ${r.table} ${verb} ${quoteIdent(r.name)}`];
  });
}

/**
 * The tables rows of `names` go into that have user triggers: the tables
 * (an inheritance parent's routing trigger too: its rows stay in it, as
 * pg_restore loads them), and a partitioned one's partitions at every level
 * (pg_partition_tree lists none for a plain table; COPY into the root
 * routes each row into one, where its triggers would fire; pg_restore
 * --disable-triggers loads each partition with its own triggers off).
 */
export async function triggeredTables(client: pg.Client, names: readonly string[]): Promise<string[]> {
  const rows = (
    await client.query<{ table: string }>(
      `SELECT DISTINCT tgrelid::regclass::text AS table FROM pg_trigger
        WHERE NOT tgisinternal
          AND (tgrelid = ANY ($1::regclass[])
            OR tgrelid IN (SELECT p.relid FROM unnest($1::regclass[]) AS t(name), pg_partition_tree(t.name) AS p))
        ORDER BY 1`,
      [names],
    )
  ).rows;
  return rows.map((r) => r.table);
}

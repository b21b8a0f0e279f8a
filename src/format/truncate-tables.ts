/**
 * --truncate's TRUNCATE: the target tables, and the empty tables outside
 * them whose foreign keys reference them (PostgreSQL truncates a table only
 * with every table that references it). A table the load gives no rows (one a
 * kept call alters: ulogd2's `ulog2`, whose foreign key to `mac` that call
 * adds) still references the tables it does; emptying it again changes
 * nothing. One that holds rows is left out: the server's refusal names it.
 */
import type pg from 'pg';

/** The tables outside `names` whose foreign keys reach them (through others too), that hold no row. */
async function emptyReferencingTables(client: pg.Client, names: readonly string[]): Promise<string[]> {
  const referencing = await client.query<{ name: string }>(
    `WITH RECURSIVE reached(oid) AS (
       SELECT pg_catalog.unnest($1::pg_catalog.regclass[])::pg_catalog.oid
       UNION
       SELECT c.conrelid FROM pg_catalog.pg_constraint c JOIN reached r ON c.confrelid = r.oid WHERE c.contype = 'f'
     )
     SELECT r.oid::pg_catalog.regclass::text AS name FROM reached r
     JOIN pg_catalog.pg_class k ON k.oid = r.oid
     WHERE r.oid <> ALL ($1::pg_catalog.regclass[]::pg_catalog.oid[]) AND NOT k.relispartition`,
    [names],
  );
  const empty: string[] = [];
  for (const { name } of referencing.rows) {
    const held = await client.query(`SELECT 1 FROM ${name} LIMIT 1`);
    if (held.rows.length === 0) empty.push(name);
  }
  return empty;
}

/** TRUNCATE the tables `names` gives (quoted, qualified) and the empty ones that reference them. */
export async function truncateTables(client: pg.Client, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  const extra = await emptyReferencingTables(client, names);
  await client.query(`TRUNCATE ${[...names, ...extra].join(', ')}`);
}

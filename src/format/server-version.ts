/** The version of the server a load talks to, for catalog queries that differ between PostgreSQL 12 and 18. */
import type pg from 'pg';

/** server_version_num (120000 for 12.0). */
export async function readServerVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: string }>(
    "SELECT pg_catalog.current_setting('server_version_num') AS v",
  );
  return Number(rows[0]?.v ?? 0);
}

/**
 * How many more connections a parallel load (`-d -j N`) may open: the
 * server's free connection slots (max_connections less the reserved ones
 * and the sessions open), the role's and the database's CONNECTION LIMIT,
 * of which the load takes at most half, so other clients still connect
 * while it runs. `-j 1000` used to open connections until the server
 * refused one: every slot taken, the application beside it locked out.
 */
import type pg from 'pg';

/** What limits the further connections, read once from the server on the run's session. */
interface ConnectionSlots {
  /** Slots anyone may still take (max_connections less reserved and open sessions), or the role's or database's limit when smaller. */
  readonly free: number;
  /** The setting that leaves the fewest, in words. */
  readonly limit: string;
}

const SLOTS_SQL = `SELECT
  current_setting('max_connections')::int AS max,
  CASE WHEN r.rolsuper THEN 0 ELSE current_setting('superuser_reserved_connections')::int
    + coalesce(current_setting('reserved_connections', true)::int, 0) END AS reserved,
  (SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE backend_type = 'client backend')::int AS open,
  r.rolconnlimit AS role_limit,
  (SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE usename = current_user)::int AS role_open,
  d.datconnlimit AS db_limit,
  (SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE datname = current_database())::int AS db_open
FROM pg_catalog.pg_roles r, pg_catalog.pg_database d
WHERE r.rolname = current_user AND d.datname = current_database()`;

interface SlotsRow {
  max: number;
  reserved: number;
  open: number;
  role_limit: number;
  role_open: number;
  db_limit: number;
  db_open: number;
}

async function connectionSlots(client: pg.Client): Promise<ConnectionSlots | undefined> {
  const row = (await client.query<SlotsRow>(SLOTS_SQL)).rows[0];
  if (row === undefined) return undefined;
  const candidates: ConnectionSlots[] = [
    {
      free: row.max - row.reserved - row.open,
      limit: `the server has ${row.max - row.reserved - row.open} of max_connections ${row.max} free`,
    },
  ];
  if (row.role_limit >= 0)
    candidates.push({
      free: row.role_limit - row.role_open,
      limit: `the role's CONNECTION LIMIT ${row.role_limit} leaves ${Math.max(0, row.role_limit - row.role_open)}`,
    });
  if (row.db_limit >= 0)
    candidates.push({
      free: row.db_limit - row.db_open,
      limit: `the database's CONNECTION LIMIT ${row.db_limit} leaves ${Math.max(0, row.db_limit - row.db_open)}`,
    });
  return candidates.reduce((a, b) => (b.free < a.free ? b : a));
}

/**
 * The further connections to open of `wanted`: at most half the free slots
 * (the server's, the role's, the database's), with the reason when fewer.
 * A server whose catalog cannot be read for it leaves `wanted` as asked
 * (a refused connection is still warned where it is opened).
 */
export async function connectionRoom(
  client: pg.Client,
  wanted: number,
): Promise<{ count: number; reason?: string }> {
  if (wanted <= 0) return { count: 0 };
  const slots = await connectionSlots(client).catch(() => undefined);
  if (slots === undefined) return { count: wanted };
  const room = Math.max(0, Math.floor(slots.free / 2));
  if (wanted <= room) return { count: wanted };
  return {
    count: room,
    reason: `${slots.limit}, and a load takes at most half the free connections so other clients still connect`,
  };
}

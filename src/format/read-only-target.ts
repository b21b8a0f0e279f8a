import { DatagenError, ErrorCodes } from '../errors.js';
import type { LoadConnection } from './load-target.js';

/**
 * A load into a database its session can only read (default_transaction_read_only on for the server, the
 * database or the role; a hot standby) is refused before anything is made, with what to change: it failed
 * at its first CREATE TABLE with the hint about extensions, roles and schemas, or at the first COPY.
 */
export async function refuseReadOnly({ client, where }: LoadConnection): Promise<void> {
  const { rows } = await client.query<{ ro: string; standby: boolean }>(
    "SELECT current_setting('transaction_read_only') AS ro, pg_catalog.pg_is_in_recovery() AS standby",
  );
  const row = rows[0];
  if (row?.ro !== 'on') return;
  const why = row.standby
    ? 'it is a hot standby (in recovery): load into its primary'
    : 'default_transaction_read_only is on for its sessions: turn it off where it is set (ALTER DATABASE name SET default_transaction_read_only = off, or ALTER ROLE name SET …), or load into another database';
  throw new DatagenError(
    ErrorCodes.DATABASE,
    `${where} is read only, ${why}; nothing was loaded`,
    {},
    { exitCode: 1 },
  );
}

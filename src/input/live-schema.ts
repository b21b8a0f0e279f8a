/**
 * The schema of a live database, read from its catalog (input/catalog) over
 * a connection datagen holds: no client programs needed, no second session.
 * The DDL the catalog gives then goes through the same parser as a DDL file.
 */
import type { Client as PgClient } from 'pg';
import { DatagenError, ErrorCodes } from '../errors.js';
import { type CatalogClient, OLDEST_CATALOG_SERVER, readCatalogDdl } from './catalog/index.js';
import { type ConnectionOptions, connectClient, describeConnection } from './connection.js';

/** The DDL of the database's schema over a connected client (the run's session), with a name for messages. */
export async function readLiveSchemaOver(
  client: CatalogClient,
  where: string,
): Promise<{ file: string; text: string }> {
  const version = await serverVersion(client, where);
  if (!(version >= OLDEST_CATALOG_SERVER)) {
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `cannot read the schema of ${where}: its server is PostgreSQL ${Math.floor(version / 10000)}, and datagen reads the catalog of PostgreSQL 12 or newer: give the schema as a DDL file (pg_dump --schema-only -f schema.sql) with -d`,
      { server: version },
      { exitCode: 1 },
    );
  }
  try {
    return { file: `${where} (catalog)`, text: await readCatalogDdl(client) };
  } catch (error) {
    throw readFailure(where, error);
  }
}

/** A query's failure (permission, lost connection) as one line naming the database. */
function readFailure(where: string, error: unknown): DatagenError {
  if (error instanceof DatagenError) return error;
  const e = error as { message?: string; code?: string };
  return new DatagenError(
    ErrorCodes.DATABASE,
    `cannot read the schema of ${where}: ${e.message ?? String(error)}`,
    { sqlstate: e.code },
    { cause: error, exitCode: 1 },
  );
}

/** server_version_num (120000 for 12.0), a failure told as the schema's read. */
async function serverVersion(client: CatalogClient, where: string): Promise<number> {
  try {
    const { rows } = await client.query("SELECT pg_catalog.current_setting('server_version_num') AS v");
    return Number((rows[0] as { v?: string } | undefined)?.v);
  } catch (error) {
    throw readFailure(where, error);
  }
}

/** The DDL of the database's schema over a connection of its own (datagen init), ended after. */
export async function readLiveSchema(
  connection: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ file: string; text: string }> {
  const where = describeConnection(connection, env);
  let client: PgClient;
  try {
    client = await connectClient(connection, env);
  } catch (error) {
    if (error instanceof DatagenError) throw error;
    throw new DatagenError(
      ErrorCodes.DATABASE,
      `cannot connect to ${where}: ${(error as Error).message ?? String(error)}`,
      { sqlstate: (error as { code?: string }).code },
      { cause: error, exitCode: 1 },
    );
  }
  try {
    return await readLiveSchemaOver(client, where);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A load with DDL files into a database that already has the tables: the
 * tables there must take the rows the DDL's tables get. A column the DDL
 * writes that the table there lacks, or a NOT NULL column there without a
 * default that the DDL does not know, failed mid-COPY with the server's words
 * ("column "name" of relation "p" does not exist"); refused first, naming
 * every such column and what to do.
 */
import type pg from 'pg';
import { DatagenError, ErrorCodes } from '../errors.js';
import { quoteQualified } from '../schema/quote.js';
import type { DataTable } from './data-statements.js';

interface TargetColumn {
  readonly attname: string;
  /** NOT NULL with nothing to fill it: no default, identity or generation expression. */
  readonly required: boolean;
}

async function columnsThere(client: pg.Client, table: string): Promise<TargetColumn[]> {
  const result = await client.query<TargetColumn>(
    `SELECT attname, attnotnull AND NOT atthasdef AND attidentity = '' AND attgenerated = '' AS required
       FROM pg_catalog.pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [table],
  );
  return result.rows;
}

/** The differences of one table, as `public.p has no column "name"` and `public.p.extra (NOT NULL, no default) is not in the DDL`. */
async function differences(client: pg.Client, data: DataTable): Promise<string[]> {
  const name = quoteQualified(data.table);
  const there = await columnsThere(client, name);
  const names = new Set(there.map((c) => c.attname));
  const known = new Set(data.table.columns.map((c) => c.name));
  return [
    ...data.columns.filter((c) => !names.has(c)).map((c) => `${name} there has no column "${c}"`),
    ...there
      .filter((c) => c.required && !known.has(c.attname))
      .map((c) => `${name}.${c.attname} there is NOT NULL without a default and not in the DDL`),
  ];
}

/** Refuses tables there whose columns cannot take the DDL's rows (before anything is loaded). */
export async function refuseOtherColumns(
  client: pg.Client,
  where: string,
  tables: readonly DataTable[],
): Promise<void> {
  const problems: string[] = [];
  for (const table of tables) problems.push(...(await differences(client, table)));
  if (problems.length === 0) return;
  throw new DatagenError(
    ErrorCodes.DATABASE,
    `${where}: its tables are not the DDL's: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}. Load into a database made from these DDL files (or an empty one: datagen creates the schema), or give no DDL files to generate for the tables there (-d alone reads their schema)`,
    { problems },
    { exitCode: 1 },
  );
}

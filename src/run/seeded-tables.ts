/**
 * A database filled in place whose schema seeded a few of its own tables
 * (icinga's `SELECT updatedbversion('1.14.3')` inserts the version row; a
 * migration inserts lookup values): those tables are left as they are (their
 * rows kept, children's foreign keys pointing at them, as --append does) and
 * the others filled, with a warning, instead of refusing the whole run. A
 * database where every table holds rows, or a table holds more than a seed's
 * few, is refused as before (--append, --truncate).
 */

import type { Warning } from '../errors.js';
import { absentTables } from '../format/database-create.js';
import { filledTables, openLoadConnection } from '../format/load-target.js';
import type { Schema, Table } from '../schema/model.js';
import { displayName, nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import type { GenerateOptions } from './generate-options.js';

/** The most rows a table the schema seeded holds (a version row, lookup values). */
const SEEDED_ROWS = 1000;

/** Rows of a table, counted up to `limit + 1`. */
async function rowsUpTo(
  client: Awaited<ReturnType<typeof openLoadConnection>>['client'],
  name: string,
  limit: number,
) {
  const r = await client.query(`SELECT count(*)::int AS n FROM (SELECT FROM ${name} LIMIT ${limit + 1}) s`);
  return Number(r.rows[0]?.n ?? 0);
}

/**
 * A plain load (no --append, no --truncate) into a database where some of the tables to fill, not all,
 * hold a seed's few rows: the options of an --append run that adds no rows to those tables (unless asked
 * for by --rows), and the warning naming them; else the options unchanged.
 */
export async function withSeededTablesKept(
  schema: Schema,
  options: GenerateOptions,
  selected: ReadonlySet<string> | null,
): Promise<{ options: GenerateOptions; warning: Warning | null }> {
  const unchanged = { options, warning: null };
  if (options.connection === undefined || options.output !== undefined) return unchanged;
  if (options.append === true || options.truncate === true || options.resume === true) return unchanged;
  const tables = schema.tables.filter(
    (t: Table) => t.partitionOf === null && (selected === null || selected.has(nameKey(t))),
  );
  if (tables.length < 2) return unchanged;
  const names = tables.map((t) => quoteQualified(t));
  // Only a look: what fails here (no connection, no permission) is the load's to tell, in its own words.
  const opened = await openLoadConnection(options.connection).catch(() => undefined);
  if (opened === undefined) return unchanged;
  const { client, release } = opened;
  try {
    // A database without the schema's tables is created by the load: nothing seeded there.
    if ((await absentTables(client, names)).length > 0) return unchanged;
    const filled = new Set(await filledTables(client, names));
    if (filled.size === 0 || filled.size === tables.length) return unchanged;
    const seeded: { table: Table; rows: number }[] = [];
    for (const [i, t] of tables.entries()) {
      const name = names[i] as string;
      if (!filled.has(name)) continue;
      const rows = await rowsUpTo(client, name, SEEDED_ROWS);
      if (rows > SEEDED_ROWS) return unchanged;
      seeded.push({ table: t, rows });
    }
    const asked = options.tables ?? {};
    const kept = seeded.filter(
      ({ table }) => asked[`${table.schema}.${table.name}`] === undefined && asked[table.name] === undefined,
    );
    const tablesRows = {
      ...asked,
      ...Object.fromEntries(kept.map(({ table }) => [`${table.schema}.${table.name}`, 0])),
    };
    const list = seeded.map(
      ({ table, rows }) => `${displayName(table)} (${rows} ${rows === 1 ? 'row' : 'rows'})`,
    );
    return {
      options: { ...options, append: true, tables: tablesRows },
      warning: {
        code: 'SEEDED_TABLES',
        where: seeded.map(({ table }) => displayName(table)).join(', '),
        message: `${list.join(', ')} already ${seeded.length === 1 ? 'holds' : 'hold'} rows the schema seeded while the other tables are empty: left as ${seeded.length === 1 ? 'it is' : 'they are'} (foreign keys may point at ${seeded.length === 1 ? 'its' : 'their'} rows) and the other tables filled; --rows ${displayName(seeded[0]?.table as Table)}=N adds rows to it, --truncate empties every table first`,
      },
    };
  } catch {
    return unchanged;
  } finally {
    await release();
  }
}

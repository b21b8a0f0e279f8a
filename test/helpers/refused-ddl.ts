/**
 * DDL that PostgreSQL refuses, shown refused by the real server and by
 * datagen alike, and the forms the server takes generated and loaded.
 */
import { expect } from 'vitest';
import { expectServerRefuses, type TestDatabase } from './database.js';
import { generateDdlFile } from './generate-file.js';
import { model } from './parsed-model.js';

/** The DDL refused by the server with `server`, and by datagen (reading it) at `where` with its message. */
export async function refusedLikeServer(
  db: TestDatabase,
  ddl: string,
  where: RegExp,
  server: string,
): Promise<void> {
  await expectServerRefuses(db, ddl, server);
  await expect(model(ddl), ddl).rejects.toThrow(where);
}

/** The DDL generated (20 rows a table) and loaded by psql, every constraint in place: the rows of `t`. */
export async function loadedRows(db: TestDatabase, ddl: string): Promise<number> {
  const { output } = await generateDdlFile(ddl, { defaultRows: 20 });
  const target = await db.createSibling();
  target.psqlFile(output);
  const [row] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
  return row?.n ?? -1;
}

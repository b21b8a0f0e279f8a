/**
 * Triggers that may fire while the rows load: pre-data code (a DO block kept
 * as written, a routine it runs) that makes one, or a pre-data CREATE TRIGGER.
 * Their functions resolve unqualified names on the loading session's path,
 * so the rows load under each table's own path in every format (its CREATE
 * TABLE's): pg_dump's outputs load under an empty one, which its own output
 * never fires a trigger under (its triggers are post-data). Before, a script
 * loaded rows under the path the last pre-data statement left and an archive
 * under pg_restore's empty one: Kong's `sync_tags()` (made in a DO block
 * under `WHEN undefined_column THEN`, generator versions 28 and 29) found
 * `tags` in the first and failed the second.
 */
import { makesTrigger } from '../input/ddl/code-sql.js';
import type { DdlStatement, Schema } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { preDataCode } from './code-references.js';
import { searchPathPrefix } from './statement-entries.js';

/** Whether a trigger may fire as the rows load (see the file's comment). */
export function triggersMayFireOnLoad(schema: Schema): boolean {
  if (schema.statements.some((s) => s.section === 'pre-data' && s.desc === 'TRIGGER')) return true;
  return preDataCode(schema).some(makesTrigger);
}

/** By table (`nameKey`): its CREATE TABLE statement, whose path its rows load under. */
export function tableStatements(schema: Schema): Map<string, DdlStatement> {
  const tables = new Map<string, DdlStatement>();
  for (const s of schema.statements)
    if (s.desc === 'TABLE' && s.namespace !== null)
      tables.set(nameKey({ schema: s.namespace, name: s.tag }), s);
  return tables;
}

/**
 * By table (`nameKey`): the statement setting the path its rows load under where a trigger may fire as they
 * load (its CREATE TABLE's, where that path is not empty); empty where none may fire. A direct load (-d)
 * runs it before the table's COPY, as the script and the archive write it.
 */
export function loadTimePaths(schema: Schema): Map<string, string> {
  const paths = new Map<string, string>();
  if (!triggersMayFireOnLoad(schema)) return paths;
  for (const [key, s] of tableStatements(schema)) {
    const set = searchPathPrefix(s);
    if (set !== '') paths.set(key, set);
  }
  return paths;
}

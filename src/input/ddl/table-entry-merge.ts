/**
 * Whether a storage or statistics setting (`ALTER TABLE t ALTER COLUMN c SET STORAGE external`, `SET (...)`)
 * joins t's own archive entry, as pg_dump writes it: not when that entry runs before what the setting needs,
 * where it stays an entry of its own after the statements before it. Penpot: a column added by a later ALTER
 * TABLE (profile.props: 'column "props" of relation "profile" does not exist' under pg_restore), and a table
 * renamed after its CREATE (image, then media_object, then file_media_object: the entry creates image).
 */
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import type { DdlContext } from './ddl-context.js';
import { objectKey } from './statement-list.js';

export function joinsTableEntry(ctx: DdlContext, q: QualifiedName, column: string | undefined): boolean {
  const key = objectKey('relation', q.schema, q.name);
  if (ctx.out.some((s) => s.creates === key && s.renamedLater === true)) return false;
  if (column === undefined) return true;
  const name = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const adds = new RegExp(
    String.raw`\badd\s+(?:column\s+)?(?:if\s+not\s+exists\s+)?(?:"${name}"|${name})(?=[\s"(]|$)`,
    'i',
  );
  return !ctx.out.some(
    (s) => s.desc === 'ALTER TABLE' && s.tables.some((t) => nameKey(t) === nameKey(q)) && adds.test(s.sql),
  );
}

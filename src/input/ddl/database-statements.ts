/**
 * Statements about a whole database (CREATE / DROP / ALTER DATABASE, and
 * COMMENT, GRANT, owner, rename or security label ON DATABASE), as setup
 * scripts and `pg_dump -C` / `pg_dumpall` write them before `\connect`.
 * datagen puts every object in the one database its output is loaded into
 * (the `\connect` is dropped), so these would act on another database: a
 * `DROP DATABASE` of it, a `CREATE DATABASE` that cannot run inside the
 * transaction of `pg_restore -1` or a direct load. They are left out, with
 * one warning naming them; `-C/--create` writes the output's own
 * CREATE DATABASE + `\connect` prologue.
 */
import type { Node } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import { nodeTag } from './ast.js';

const DATABASE_TAGS = new Set([
  'CreatedbStmt',
  'DropdbStmt',
  'AlterDatabaseStmt',
  'AlterDatabaseSetStmt',
  'AlterDatabaseRefreshCollStmt',
]);

/** Statements on other objects that name a database as their object. */
function onDatabase(node: Node): boolean {
  if ('CommentStmt' in node) return node.CommentStmt.objtype === 'OBJECT_DATABASE';
  if ('GrantStmt' in node) return node.GrantStmt.objtype === 'OBJECT_DATABASE';
  if ('AlterOwnerStmt' in node) return node.AlterOwnerStmt.objectType === 'OBJECT_DATABASE';
  if ('RenameStmt' in node) return node.RenameStmt.renameType === 'OBJECT_DATABASE';
  if ('SecLabelStmt' in node) return node.SecLabelStmt.objtype === 'OBJECT_DATABASE';
  return false;
}

/** Whether a statement acts on a database as a whole. */
export function isDatabaseStatement(node: Node): boolean {
  return DATABASE_TAGS.has(nodeTag(node)) || onDatabase(node);
}

/** The statements left out, for one warning at the end of the DDL. */
export interface DatabaseStatementLog {
  note(sql: string, location: SourceLocation): void;
  warning(): Warning | null;
}

export function createDatabaseStatementLog(): DatabaseStatementLog {
  const seen: { sql: string; location: SourceLocation }[] = [];
  return {
    note(sql, location) {
      seen.push({ sql: sql.trim().replace(/\s+/g, ' ').replace(/;$/, ''), location });
    },
    warning() {
      const first = seen[0];
      if (first === undefined) return null;
      const shown = seen
        .slice(0, 3)
        .map((s) => `'${s.sql.length > 80 ? `${s.sql.slice(0, 77)}...` : s.sql}'`);
      const more = seen.length > 3 ? ` and ${seen.length - 3} more` : '';
      return {
        code: 'DATABASE_STATEMENT_SKIPPED',
        message: `${seen.length === 1 ? 'a database statement' : `${seen.length} database statements`} (first at ${formatLocation(first.location)}: ${shown.join(', ')}${more}) left out: datagen puts every object in the one database its output is loaded into; use -C/--create for a CREATE DATABASE prologue, and apply database settings (ALTER DATABASE ... SET) to the target database yourself`,
        where: formatLocation(first.location),
      };
    },
  };
}

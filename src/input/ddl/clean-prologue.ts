/**
 * pg_dump --clean without --if-exists starts its script with a DROP (and an
 * `ALTER TABLE ... DROP CONSTRAINT` / `ALTER COLUMN ... DROP DEFAULT` /
 * `DETACH PARTITION`) of every object it then creates. Restored into an empty
 * database each of them fails (psql goes on past the errors unless told to
 * stop). Before the DDL has made any table, such a statement on an object
 * not made yet is read as that prologue: left out, as `--if-exists` would
 * make it a no-op, with one warning for them all.
 */
import type { AlterTableStmt } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import type { SchemaBuilder } from './schema-builder.js';

/** ALTER TABLE subcommands pg_dump --clean writes to undo what it makes. */
const UNDOING_SUBCOMMANDS = new Set(['AT_DropConstraint', 'AT_DetachPartition', 'AT_DropIdentity']);

export interface CleanPrologueLog {
  /** Whether the DDL is still before its first table (where pg_dump --clean writes its drops). */
  inPrologue(builder: SchemaBuilder): boolean;
  note(location: SourceLocation): void;
  warning(): Warning | null;
}

/** An ALTER TABLE whose every subcommand undoes something (a clean prologue's statement). */
export function undoesOnly(node: AlterTableStmt): boolean {
  const cmds = node.cmds ?? [];
  return (
    cmds.length > 0 &&
    cmds.every((c) => {
      if (!('AlterTableCmd' in c)) return false;
      const cmd = c.AlterTableCmd;
      const subtype = cmd.subtype ?? '';
      return UNDOING_SUBCOMMANDS.has(subtype) || (subtype === 'AT_ColumnDefault' && cmd.def === undefined);
    })
  );
}

export function createCleanPrologueLog(): CleanPrologueLog {
  let first: SourceLocation | null = null;
  let count = 0;
  return {
    inPrologue: (builder) => builder.tables.size === 0,
    note(location) {
      first ??= location;
      count++;
    },
    warning() {
      if (first === null) return null;
      const where = formatLocation(first);
      return {
        code: 'CLEAN_PROLOGUE',
        message: `${count === 1 ? 'a DROP' : `${count} DROP and ALTER ... DROP statements`} of objects not created yet (from ${where}, pg_dump --clean without --if-exists) ${count === 1 ? 'is' : 'are'} left out: PostgreSQL rejects them on an empty database, and the output creates every object itself (with -c and --if-exists it drops them first)`,
        where,
      };
    },
  };
}

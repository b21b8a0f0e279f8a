/**
 * Foreign keys to one table the DDL never makes, from many tables (every
 * table of a Supabase app references `auth.users`): one warning per table
 * referenced, listing the columns left NULL, instead of one per key.
 */
import { counted, type Warning } from '../../errors.js';

/** Columns listed in a grouped warning; the rest are counted. */
const LISTED = 10;

/**
 * `warnings` with the FOREIGN_KEY_TARGET_MISSING ones of each referenced
 * table (two or more) made one, where the first of them stood.
 */
export function groupMissingParents(warnings: readonly Warning[]): Warning[] {
  const referenced = (w: Warning) =>
    w.code === 'FOREIGN_KEY_TARGET_MISSING' ? w.data?.references : undefined;
  const groups = new Map<string, Warning[]>();
  for (const w of warnings) {
    const ref = referenced(w);
    if (ref !== undefined) groups.set(ref, [...(groups.get(ref) ?? []), w]);
  }
  return warnings.flatMap((w) => {
    const ref = referenced(w);
    const group = ref === undefined ? undefined : groups.get(ref);
    if (ref === undefined || group === undefined || group.length < 2) return [w];
    if (group[0] !== w) return [];
    const listed = group.slice(0, LISTED).map((g) => `${g.data?.columns} (${g.data?.foreignKey})`);
    const more = group.length > LISTED ? ` and ${group.length - LISTED} more` : '';
    return [
      {
        code: w.code,
        where: w.where,
        data: { references: ref },
        message: `${counted(group.length, 'foreign key')} reference ${ref}, which is not defined in the DDL, so their columns are left NULL (the constraints are kept: the target database must have ${ref}): ${listed.join(', ')}${more}; add the DDL that creates ${ref} (e.g. another DDL file argument) to generate values`,
      },
    ];
  });
}

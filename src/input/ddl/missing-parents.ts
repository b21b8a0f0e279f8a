/**
 * Foreign keys to one table the DDL never makes, from many tables (every
 * table of a Supabase app references `auth.users`): one warning per table
 * referenced, listing the columns left NULL, instead of one per key. NOT NULL
 * ones leave their tables empty: one warning listing those tables.
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

const MISSING_PARENT =
  /^foreign key (.+) is NOT NULL and references (.+), which the DDL does not define \(the database loaded into must provide it\): its rows are unknown, so no parent row can be shown; add the DDL that creates \2 \(e\.g\. another DDL file argument\), or generate with -d into a database that holds it$/;

/** Why a table with NOT NULL foreign key `fk` to `ref`, a table the DDL never makes, gets no rows. */
export function missingParentReason(fk: string, ref: string): string {
  return `foreign key ${fk} is NOT NULL and references ${ref}, which the DDL does not define (the database loaded into must provide it): its rows are unknown, so no parent row can be shown; add the DDL that creates ${ref} (e.g. another DDL file argument), or generate with -d into a database that holds it`;
}

/** The TABLE_EMPTY warning of a table emptied by missingParentReason alone: its table, key and referenced table. */
function emptiedByMissingParent(w: Warning): { table: string; fk: string; ref: string } | undefined {
  if (w.code !== 'TABLE_EMPTY') return undefined;
  const m = /^(.+?) gets no rows instead of \d+: (.*)\.$/.exec(w.message);
  const reason = m === null ? null : MISSING_PARENT.exec(m[2] ?? '');
  if (m === null || reason === null || m[1] !== w.where) return undefined;
  return { table: w.where, fk: reason[1] ?? '', ref: reason[2] ?? '' };
}

/**
 * `warnings` with the TABLE_EMPTY ones of tables emptied only by a NOT NULL foreign key to a table the DDL
 * never makes (two or more) made one listing the tables, where the first of them stood.
 */
export function groupEmptiedByMissingParents(warnings: readonly Warning[]): Warning[] {
  const emptied = warnings.flatMap((w) => {
    const found = emptiedByMissingParent(w);
    return found === undefined ? [] : [{ w, ...found }];
  });
  const [first] = emptied;
  if (first === undefined || emptied.length < 2) return [...warnings];
  const grouped = new Set(emptied.map((e) => e.w));
  const refs = [...new Set(emptied.map((e) => e.ref))];
  const listed = emptied.slice(0, LISTED).map((e) => `${e.table} (${e.fk} → ${e.ref})`);
  const more = emptied.length > LISTED ? ` and ${emptied.length - LISTED} more` : '';
  const one: Warning = {
    code: 'TABLE_EMPTY',
    where: first.table,
    data: { tables: emptied.map((e) => e.table).join(', '), references: refs.join(', ') },
    message: `${counted(emptied.length, 'table')} get no rows: each has a NOT NULL foreign key to a table the DDL does not define (the database loaded into must provide it), whose rows are unknown, so no parent row can be shown: ${listed.join(', ')}${more}; add the DDL that creates ${refs.join(', ')} (e.g. another DDL file argument), or generate with -d into a database that holds ${refs.length === 1 ? 'it' : 'them'}.`,
  };
  return warnings.flatMap((w) => (w === first.w ? [one] : grouped.has(w) ? [] : [w]));
}

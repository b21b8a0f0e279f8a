/**
 * A table given an owner and then renamed (`ALTER TABLE t OWNER TO role; ALTER TABLE t RENAME TO t2`): its OWNER
 * statements (DdlStatement.ownedAs) become entries of the table as named there, whose SQL is a comment, so
 * `pg_restore --use-set-session-authorization` (which runs each entry as its owner instead of writing ALTER ...
 * OWNER) lost the owner. Here those entries move to just after the CREATE TABLE, whose entry takes the table's
 * final owner, and so do the entries made for the table before them (its serial's sequence and default): the
 * table and what belongs to it are created as the role under either way of restoring. The CREATE's entry has no
 * drop statement (pg_restore writes ALTER ... OWNER only for an entry with one, and would name the table by its
 * final name before the rename ran); the first OWNER entry drops the table under its final name instead.
 * A table whose owner is also set after its rename keeps the statements as written.
 */
import type { DdlStatement, QualifiedName } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { dropStatementFor } from './drop-statement.js';

export interface RenamedOwners {
  readonly statements: DdlStatement[];
  /** CREATE TABLE statements owned by their entry (their OWNER statements moved after them). */
  readonly ownedCreates: ReadonlySet<DdlStatement>;
  /** The first OWNER statement of each such table: its table's drop statement. */
  readonly drops: ReadonlyMap<DdlStatement, string>;
}

/** The statements with each renamed table's OWNER statements just after its CREATE (see above). */
export function withRenamedOwnersFirst(statements: readonly DdlStatement[]): RenamedOwners {
  const ownedCreates = new Set<DdlStatement>();
  const drops = new Map<DdlStatement, string>();
  let out = [...statements];
  for (const create of statements) {
    if (create.desc !== 'TABLE' || create.renamedLater !== true || create.owner === null) continue;
    const [table] = create.tables;
    if (table === undefined) continue;
    const moved = movedOwners(out, create, table);
    if (moved === null) continue;
    const start = out.indexOf(create);
    const lastOwner = out.indexOf(moved[moved.length - 1] as DdlStatement);
    const names = new Set([nameKey(table), ...moved.map((s) => nameKey(s.ownedAs as QualifiedName))]);
    // What was made for the table before its last owner was set: owned by the final owner, after the OWNERs.
    const between = out
      .slice(start + 1, lastOwner)
      .filter((s) => s.desc !== 'OWNER')
      .map((s) =>
        s.owner === null && s.tables[0] !== undefined && names.has(nameKey(s.tables[0]))
          ? { ...s, owner: create.owner }
          : s,
      );
    const drop = dropStatementFor(create);
    if (drop === null) continue;
    out = [...out.slice(0, start + 1), ...moved, ...between, ...out.slice(lastOwner + 1)];
    ownedCreates.add(create);
    drops.set(moved[0] as DdlStatement, drop);
  }
  return { statements: out, ownedCreates, drops };
}

/** The table's OWNER statements, when each was written before its rename and the last names its final owner. */
function movedOwners(
  statements: readonly DdlStatement[],
  create: DdlStatement,
  table: QualifiedName,
): DdlStatement[] | null {
  const start = statements.indexOf(create);
  const owners = statements.filter(
    (s, i) =>
      i > start &&
      s.desc === 'OWNER' &&
      s.renamedLater === true &&
      s.tables.some(
        (t) => nameKey(t) === nameKey(table) || (s.ownedAs !== undefined && sameAs(t, s.ownedAs)),
      ),
  );
  const last = owners[owners.length - 1];
  if (last === undefined || owners.some((s) => s.ownedAs === undefined)) return null;
  return last.ownedAs?.role === create.owner ? owners : null;
}

function sameAs(t: QualifiedName, q: { readonly schema: string; readonly name: string }): boolean {
  return t.schema === q.schema && t.name === q.name;
}

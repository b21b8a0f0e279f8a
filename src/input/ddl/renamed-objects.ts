/**
 * What a rename leaves the output to say of the object as it was: a type's CREATE keeps its text and tag (its
 * owner and comments name it so) and `-c` drops it by its final name (DdlStatement.dropTag); an OWNER
 * statement kept for a table renamed later names the table as it is there (DdlStatement.ownedAs).
 */
import type { QualifiedName } from '../../schema/model.js';
import type { DdlContext } from './ddl-context.js';
import type { StatementInput } from './statement-list.js';
import { restateEnumCreation } from './type-statements.js';

/** ALTER TYPE q RENAME TO newName (`renamed`: the type's new definition): its CREATE's drop names newName. */
export function dropByFinalName(ctx: DdlContext, q: QualifiedName, newName: string, renamed: object): void {
  ctx.out.update((s) => {
    if (
      (s.desc !== 'TYPE' && s.desc !== 'DOMAIN') ||
      s.namespace !== q.schema ||
      (s.dropTag ?? s.tag) !== q.name
    )
      return undefined;
    const restated = { ...s, dropTag: newName };
    restateEnumCreation(renamed, s, restated);
    return restated;
  });
}

/** An OWNER statement's table as named there (before its first rename) and its role (one named role), from its AST. */
export function ownedAs(s: StatementInput, old: QualifiedName): Pick<StatementInput, 'ownedAs'> {
  if (s.ownedAs !== undefined) return {};
  const cmds = s.node !== undefined && 'AlterTableStmt' in s.node ? (s.node.AlterTableStmt.cmds ?? []) : [];
  const [only] = cmds;
  const cmd =
    cmds.length === 1 && only !== undefined && 'AlterTableCmd' in only ? only.AlterTableCmd : undefined;
  const role =
    cmd?.subtype === 'AT_ChangeOwner' && cmd.newowner?.roletype === 'ROLESPEC_CSTRING'
      ? cmd.newowner.rolename
      : undefined;
  return role === undefined ? {} : { ownedAs: { schema: old.schema, name: old.name, role } };
}

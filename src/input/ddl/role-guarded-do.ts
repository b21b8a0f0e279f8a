/**
 * A DO block whose statements all sit under `IF [NOT] EXISTS (SELECT … FROM
 * pg_roles WHERE rolname = 'x')` and only grant, revoke, create or alter roles
 * (OpenDota's `IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'readonly')
 * THEN GRANT SELECT ON … TO readonly`): its condition is on the server the
 * output loads into, decided there, and it makes no object datagen would fill.
 * What it does, in words, for its warning (else undefined: the generic one).
 */
import { displayName } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { parsePlPgSQLSync, parseSync } from './pg-parser.js';

type Node = Record<string, unknown>;

const ROLE_TEST =
  /^\s*(NOT\s+)?EXISTS\s*\(\s*SELECT\b[\s\S]*?\bFROM\s+(?:pg_catalog\.)?(?:pg_roles|pg_user|pg_authid)\b[\s\S]*?\brolname\s*=\s*'([^']+)'[^()]*\)\s*$/i;

const query = (expr: unknown): string | undefined =>
  ((expr as Node | undefined)?.PLpgSQL_expr as { query?: string } | undefined)?.query;

const roleNames = (specs: unknown): string =>
  ((specs as Node[] | undefined) ?? [])
    .map((s) => {
      const role = (s as { RoleSpec?: { rolename?: string; roletype?: string } }).RoleSpec;
      return role?.rolename ?? (role?.roletype === 'ROLESPEC_PUBLIC' ? 'PUBLIC' : '?');
    })
    .join(', ');

/** `grants SELECT on table t9 to readonly`, `creates role app`: one role or privilege statement, else undefined. */
function describeStatement(sql: string): string | undefined {
  let stmts: { stmt?: Node }[] | undefined;
  try {
    stmts = (parseSync(sql) as { stmts?: { stmt?: Node }[] }).stmts;
  } catch {
    return undefined;
  }
  const stmt = stmts?.length === 1 ? stmts[0]?.stmt : undefined;
  const [kind] = Object.keys(stmt ?? {});
  const node = (stmt?.[kind ?? ''] ?? {}) as Node;
  switch (kind) {
    case 'GrantStmt': {
      const privileges = ((node.privileges as Node[] | undefined) ?? [])
        .map((p) => String((p.AccessPriv as Node | undefined)?.priv_name ?? '').toUpperCase())
        .join(', ');
      const on = String(node.objtype ?? '')
        .replace(/^OBJECT_/, '')
        .toLowerCase();
      const names = ((node.objects as Node[] | undefined) ?? []).map((o) => {
        const rv = o.RangeVar as { schemaname?: string; relname?: string } | undefined;
        if (rv)
          return rv.schemaname
            ? displayName({ schema: rv.schemaname, name: rv.relname ?? '?' })
            : quoteIdent(rv.relname ?? '?');
        return String((o.String as Node | undefined)?.sval ?? '?');
      });
      const what =
        node.targtype === 'ACL_TARGET_ALL_IN_SCHEMA'
          ? `all ${on}s in schema ${names.join(', ')}`
          : `${on} ${names.join(', ')}`;
      const grant = node.is_grant === true;
      return `${grant ? 'grants' : 'revokes'} ${privileges || 'ALL'} on ${what} ${grant ? 'to' : 'from'} ${roleNames(node.grantees)}`;
    }
    case 'GrantRoleStmt': {
      const granted = ((node.granted_roles as Node[] | undefined) ?? [])
        .map((r) => String((r.AccessPriv as Node | undefined)?.priv_name ?? '?'))
        .join(', ');
      const grant = node.is_grant === true;
      return `${grant ? 'grants' : 'revokes'} role ${granted} ${grant ? 'to' : 'from'} ${roleNames(node.grantee_roles)}`;
    }
    case 'CreateRoleStmt':
      return `creates role ${String(node.role ?? '?')}`;
    case 'AlterRoleStmt':
    case 'AlterRoleSetStmt':
      return `alters role ${roleNames([node.role])}`;
    case 'AlterDefaultPrivilegesStmt':
      return 'sets default privileges';
    default:
      return undefined;
  }
}

/** What a DO block guarded by role tests does (`if role readonly exists, grants SELECT on tables to readonly`), else undefined. */
export function roleGuardedBlockSummary(body: string): string | undefined {
  let tag = 'datagen';
  while (body.includes(`$${tag}$`)) tag += '_';
  let action: Node | undefined;
  try {
    const parsed = parsePlPgSQLSync(
      `CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $${tag}$${body}$${tag}$`,
    ) as unknown as { plpgsql_funcs?: { PLpgSQL_function?: { action?: Node } }[] };
    action = parsed.plpgsql_funcs?.[0]?.PLpgSQL_function?.action;
  } catch {
    return undefined;
  }
  const block = action?.PLpgSQL_stmt_block as Node | undefined;
  if (!block || block.exceptions !== undefined) return undefined;
  const parts: string[] = [];
  for (const statement of (block.body as Node[] | undefined) ?? []) {
    const ret = statement.PLpgSQL_stmt_return as Node | undefined;
    if (ret && ret.expr === undefined) continue; // the parser's implicit RETURN at the end
    const test = statement.PLpgSQL_stmt_if as Node | undefined;
    const role = ROLE_TEST.exec(query(test?.cond) ?? '');
    if (!test || !role || test.elsif_list !== undefined || test.else_body !== undefined) return undefined;
    const actions = ((test.then_body as Node[] | undefined) ?? []).map((s) =>
      describeStatement(query((s.PLpgSQL_stmt_execsql as Node | undefined)?.sqlstmt) ?? ''),
    );
    if (actions.length === 0 || actions.some((a) => a === undefined)) return undefined;
    parts.push(`if role ${role[2]} ${role[1] ? 'does not exist' : 'exists'}, ${actions.join(' and ')}`);
  }
  return parts.length > 0 ? parts.join('; ') : undefined;
}

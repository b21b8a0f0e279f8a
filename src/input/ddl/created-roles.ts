/**
 * `CREATE ROLE` / `CREATE USER` / `CREATE GROUP` in the DDL. A role belongs to the server, not the database:
 * pg_dump never writes one, and the server the output loads into may have it already (a second load, a
 * shared cluster, the user's own setup), where the statement as written stops the load ("role already
 * exists"). It is written so the output loads both ways: a DO block that makes the role, or leaves the one
 * there as it is with a notice.
 */
import type { CreateRoleStmt } from 'libpg-query';
import { formatLocation, type Warning } from '../../errors.js';
import { quoteLiteral } from '../../schema/quote.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

/** The statement, made to skip a role that exists already (`duplicate_object`); its SQL text. */
export function createdRoleSql(text: string, role: string): string {
  const statement = text.trim().replace(/;\s*$/, '');
  let tag = 'datagen_role';
  while (statement.includes(`$${tag}$`)) tag = `${tag}_`;
  const notice = quoteLiteral(`role "${role}" exists already: kept as it is`);
  return `DO $${tag}$ BEGIN\n  ${statement};\nEXCEPTION WHEN duplicate_object THEN\n  RAISE NOTICE ${notice};\nEND $${tag}$;\n`;
}

/** The roles a DDL creates, by the warning list they are reported in: one warning names them all. */
const reported = new WeakMap<DdlContext['warnings'], { warning: Warning; roles: string[] }>();

/** How many roles the warning names before `and N more`. */
const NAMED_ROLES = 8;

/** A CREATE ROLE, written as createdRoleSql makes it, with one warning for all of a DDL's roles that says so. */
export function createRole(ctx: DdlContext, stmt: SourceStatement, node: CreateRoleStmt): void {
  const role = node.role ?? '';
  const at = `${role} at ${formatLocation(stmt.location)}`;
  const earlier = reported.get(ctx.warnings);
  const roles = earlier === undefined ? [at] : [...earlier.roles, at];
  const named = roles.slice(0, NAMED_ROLES).join(', ');
  const more = roles.length > NAMED_ROLES ? ` and ${roles.length - NAMED_ROLES} more` : '';
  const them = roles.length === 1 ? `ALTER ROLE ${role} ...` : 'ALTER ROLE ...';
  const message = `CREATE ROLE ${named}${more}: roles belong to the server, not the database (pg_dump writes none), so ${roles.length === 1 ? 'it is' : 'each is'} written to load where the role exists already too: a DO block that makes it, or keeps the role there as it is (with its own attributes and password) with a notice. To set ${roles.length === 1 ? 'its' : 'their'} attributes there, run ${them} on that server`;
  if (earlier === undefined) {
    ctx.warn('CREATED_ROLE', message, stmt.location);
    const warning = ctx.warnings[ctx.warnings.length - 1];
    if (warning !== undefined) reported.set(ctx.warnings, { warning, roles });
  } else {
    // Found by identity: a warning may have left the list before it (an unknown type declared later).
    const index = ctx.warnings.indexOf(earlier.warning);
    const warning = { ...earlier.warning, message };
    if (index >= 0) ctx.warnings[index] = warning;
    reported.set(ctx.warnings, { warning, roles });
  }
  ctx.out.add({
    desc: 'ROLE',
    group: 0,
    namespace: null,
    tag: '',
    sql: createdRoleSql(stmt.text, role),
    tables: [],
    location: stmt.location,
  });
}

/**
 * `CREATE ROLE` / `CREATE USER` / `CREATE GROUP` in the DDL. A role belongs to the server, not the database:
 * pg_dump never writes one, and the server the output loads into may have it already (a second load, a
 * shared cluster, the user's own setup), where the statement as written stops the load ("role already
 * exists"). It is written so the output loads both ways: a DO block that makes the role, or leaves the one
 * there as it is with a notice.
 */
import type { CreateRoleStmt } from 'libpg-query';
import { formatLocation } from '../../errors.js';
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

/** A CREATE ROLE, written as createdRoleSql makes it, with a warning that says so. */
export function createRole(ctx: DdlContext, stmt: SourceStatement, node: CreateRoleStmt): void {
  const role = node.role ?? '';
  ctx.warn(
    'CREATED_ROLE',
    `CREATE ROLE ${role} at ${formatLocation(stmt.location)}: roles belong to the server, not the database (pg_dump writes none), so it is written to load where the role exists already too: a DO block that makes it, or keeps the role there as it is (with its own attributes and password) with a notice. To set its attributes there, run ALTER ROLE ${role} ... on that server`,
    stmt.location,
  );
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

/**
 * DO blocks that only guard plain DDL, as migration tools write them
 * (drizzle-kit, hand-written idempotent migrations):
 *
 *   DO $$ BEGIN
 *     CREATE TYPE role AS ENUM ('admin', 'user');
 *   EXCEPTION WHEN duplicate_object THEN null;
 *   END $$;
 *
 *   DO $$ BEGIN
 *     IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'role') THEN
 *       CREATE TYPE role AS ENUM ('admin', 'user');
 *     END IF;
 *   END $$;
 *
 * Where the objects it makes do not exist yet (earlier in the DDL), the guard
 * does not fire: the block is its statements. They are read (and written) as
 * if written plainly, so the type is known and the foreign key goes after the
 * keys, as pg_dump would write the database those migrations made. Where one
 * of them exists already, the guard fires and the block does nothing: it is
 * left out. A straight-line block of DDL beside data fixes (Prisma's
 * hand-edited migrations: `DECLARE words text[] := ...; BEGIN ALTER TABLE
 * ... ADD COLUMN ...; UPDATE ...; CREATE UNIQUE INDEX ...; END`) is its
 * statements too, the UPDATEs left out as everywhere, where no DDL statement
 * reads a declared variable. Anything else in the block (RAISE, EXECUTE,
 * loops, other handlers) keeps it opaque.
 */
import type { Node } from 'libpg-query';
import { nameKey } from '../../schema/names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { constraintNames } from './do-blocks.js';
import { parseSync } from './pg-parser.js';
import { catches, outcomeHere } from './tolerated-outcome.js';

/** Node kinds a guarded block may hold: DDL that creates or changes a schema object. */
const DDL_KINDS =
  /^(Create\w*Stmt|Alter\w*Stmt|IndexStmt|DefineStmt|CompositeTypeStmt|CommentStmt|GrantStmt|ViewStmt|RuleStmt|RenameStmt)$/;

/** Data statements a block may hold beside its DDL: left out, as datagen writes its own rows. */
const DATA_KINDS = /^(UpdateStmt|InsertStmt|DeleteStmt)$/;

/** Statements on cluster-wide objects (roles, tablespaces, databases): a block holding one stays as written. */
const CLUSTER_KINDS =
  /^(CreateRoleStmt|AlterRoleStmt|AlterRoleSetStmt|DropRoleStmt|GrantRoleStmt|CreateTableSpaceStmt|AlterTableSpaceOptionsStmt|CreatedbStmt|AlterDatabaseStmt|AlterDatabaseSetStmt)$/;

/** Catalogs of what a whole server holds (roles, databases, tablespaces, settings), not a database's DDL. */
const CLUSTER_CATALOGS =
  /\b(pg_roles|pg_user|pg_authid|pg_shadow|pg_group|pg_auth_members|pg_database|pg_tablespace|pg_settings|current_setting|enabled_roles|applicable_roles)\b/i;

/** The error conditions a guard may swallow: the object being there already. */
export const GUARD_CONDITIONS = new Set([
  'duplicate_object',
  'duplicate_table',
  'duplicate_column',
  'duplicate_schema',
  'duplicate_function',
  'unique_violation',
]);

/**
 * The plain statements of a guarded DO block, each at the block's place (none
 * when the guard fires: an object it makes exists already); undefined when it
 * is not such a block. A block may hold several `IF [NOT] EXISTS (...) THEN
 * ... END IF;` parts and plain statements in a row (Supabase's auth
 * migrations): each guarded part is left out when what it does is done
 * already (the column it renames to, adds or drops is there or gone).
 */
export function guardedStatements(
  ctx: DdlContext,
  body: string,
  block: SourceStatement,
): SourceStatement[] | undefined {
  const guarded = guardedParts(body, ctx.readsMissingObjectHandlers === true);
  if (guarded === undefined) return undefined;
  const out: SourceStatement[] = [];
  for (const part of guarded.parts) {
    const statements = parsedStatements(part.text, block);
    if (statements === undefined || statements.some((s) => readsVariable(s, guarded.declared)))
      return undefined;
    // Handlers that tolerate a failure: read as the statements only where they cannot fail here. One that
    // fails for sure, with an error a handler catches (dropping a key a foreign key depends on: 2BP01),
    // makes the block do nothing, as it did when the migration ran: it is left out.
    if (guarded.tolerant) {
      const outcomes = statements.map((statement, i) =>
        outcomeHere(
          ctx,
          statement.node,
          statements.slice(0, i).map((s) => s.node),
        ),
      );
      if (outcomes.some((o) => o.startsWith('fails ') && catches(guarded.caught, o.slice('fails '.length))))
        return [];
      if (outcomes.some((o) => o !== 'succeeds')) return undefined;
    }
    // A guarded part (or a whole block whose handler swallows "exists already") does nothing when done already.
    if (part.guarded && statements.some((statement) => doneAlready(ctx, statement.node))) continue;
    out.push(...statements);
  }
  // Data statements only (a backfill): not this kind of block.
  if (out.length > 0 && out.every((s) => DATA_KINDS.test(Object.keys(s.node)[0] ?? ''))) return undefined;
  return out;
}

/** Whether a DDL statement of the block names one of its declared variables (its text then differs at run time). */
export function readsVariable(statement: SourceStatement, declared: readonly string[]): boolean {
  if (declared.length === 0 || DATA_KINDS.test(Object.keys(statement.node)[0] ?? '')) return false;
  const words = new Set(
    stripStrings(statement.text)
      .toLowerCase()
      .match(/[a-z_][a-z0-9_$]*/g) ?? [],
  );
  return declared.some((name) => words.has(name));
}

/**
 * A block's DDL statements at the block's place; undefined when one is not DDL
 * (`drops`: DROP statements count as DDL, as a branching block's are read).
 */
export function parsedStatements(
  inner: string,
  block: SourceStatement,
  drops = false,
): SourceStatement[] | undefined {
  if (inner.trim() === '') return [];
  let stmts: { stmt?: Node; stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = (parseSync(inner) as { stmts?: typeof stmts }).stmts ?? [];
  } catch {
    return undefined;
  }
  const bytes = Buffer.from(inner, 'utf8');
  const out: SourceStatement[] = [];
  for (const raw of stmts) {
    const node = raw.stmt;
    const kind = Object.keys(node ?? {})[0] ?? '';
    // Roles and tablespaces belong to the cluster: the target may have them already, so their guard stays.
    if (node === undefined || CLUSTER_KINDS.test(kind)) return undefined;
    if (!DDL_KINDS.test(kind) && !DATA_KINDS.test(kind) && !(drops && kind === 'DropStmt')) return undefined;
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? bytes.length : start + raw.stmt_len;
    out.push({
      node,
      text: bytes.subarray(start, end).toString('utf8').trim(),
      location: block.location,
      at: () => block.location,
    });
  }
  return out;
}

interface GuardedPart {
  readonly text: string;
  /** Left out when done already: inside `IF [NOT] EXISTS`, or the whole body under an "exists already" handler. */
  readonly guarded: boolean;
}

/**
 * `[DECLARE <variables>] BEGIN <parts> [EXCEPTION WHEN <dup> THEN null;] END`,
 * each part plain SQL or `IF [NOT] EXISTS (...) THEN <sql> END IF;`; undefined
 * for any other body. `declared`: the variables' names, lower case.
 */
function guardedParts(
  body: string,
  missingObjects = false,
): { parts: GuardedPart[]; tolerant: boolean; caught: string[]; declared: string[] } | undefined {
  const clean = withoutLineComments(body);
  const blanked = stripStrings(clean);
  const block = /^\s*(?:DECLARE\b([\s\S]*?))?\bBEGIN\b([\s\S]*)\bEND\s*;?\s*$/di.exec(blanked);
  const [declStart, declEnd] = block?.indices?.[1] ?? [0, 0];
  const [bodyStart, bodyEnd] = block?.indices?.[2] ?? [0, 0];
  if (!block) return undefined;
  const declared = declaredNames(blanked.slice(declStart, declEnd));
  if (declared === undefined) return undefined;
  let text = clean.slice(bodyStart, bodyEnd);
  // `BEGIN BEGIN <guarded>; EXCEPTION WHEN duplicate_object THEN null; END; END;` (Kestra): the inner block is the body.
  if (declared.length === 0 && /^\s*BEGIN\b/i.test(text) && /\bEND\s*;\s*$/i.test(text)) {
    const inner = guardedParts(text, missingObjects);
    if (inner !== undefined) return inner;
  }
  const handlers = exceptionHandlers(text, missingObjects);
  if (handlers === undefined) return undefined;
  const guardHandler = handlers?.guards === true;
  if (handlers !== null) text = text.slice(0, handlers.at);
  // A trigger's `EXECUTE FUNCTION f()` is its DDL, not PL/pgSQL's EXECUTE (read so from generator version 30).
  const blankedText = stripStrings(text);
  const code = missingObjects
    ? blankedText.replace(/\bEXECUTE\s+(?:PROCEDURE|FUNCTION)\b/gi, '')
    : blankedText;
  if (/\b(EXCEPTION|DECLARE|RAISE|EXECUTE|PERFORM|LOOP|RETURN|ELSE|ELSIF)\b/i.test(code)) return undefined;
  const parts: GuardedPart[] = [];
  let plain = '';
  // `IF [NOT] EXISTS (...)`, or the same as a scalar subquery: `IF (SELECT NOT EXISTS (...)) THEN` (pgmq).
  const guard = /\bIF\s+(\(\s*SELECT\s+)?(NOT\s+)?EXISTS\s*\(/gi;
  const stripped = stripStrings(text);
  let at = 0;
  for (;;) {
    guard.lastIndex = at;
    const found = guard.exec(stripped);
    // A guard starts a statement: at the start, or after a `;`.
    if (!found || !/(^|;)\s*$/.test(stripped.slice(0, found.index))) break;
    plain += text.slice(at, found.index);
    const close = matchingParen(text, found.index + found[0].length - 1);
    if (close < 0) return undefined;
    // A condition on the server the output loads into (a role there: `IF EXISTS (SELECT 1 FROM pg_roles WHERE
    // rolname = 'readonly') THEN GRANT ... TO readonly`, OpenDota), not on what the DDL made: decided at load time.
    if (CLUSTER_CATALOGS.test(stripped.slice(found.index, close))) return undefined;
    const after =
      close + 1 + (found[1] === undefined ? 0 : (/^\s*\)/.exec(text.slice(close + 1))?.[0].length ?? -1));
    if (after <= close) return undefined;
    const rest = /^\s*THEN\b([\s\S]*?)\bEND\s+IF\s*;/i.exec(text.slice(after));
    if (!rest) return undefined;
    parts.push({ text: rest[1] ?? '', guarded: true });
    at = after + rest[0].length;
  }
  plain += text.slice(at);
  if (/\bIF\b/i.test(stripStrings(plain).replace(/\bIF\s+(NOT\s+)?EXISTS\b/gi, ''))) return undefined;
  if (plain.trim() !== '') parts.push({ text: plain, guarded: guardHandler || parts.length === 0 });
  if (!parts.some((p) => p.text.trim() !== '')) return undefined;
  return { parts, tolerant: handlers !== null && !handlers.guards, caught: handlers?.caught ?? [], declared };
}

/** The names a DECLARE section declares (`name [CONSTANT] type [:= value];` each), lower case; undefined for other shapes. */
function declaredNames(section: string): string[] | undefined {
  const names: string[] = [];
  for (const decl of section.split(';')) {
    if (decl.trim() === '') continue;
    const m = /^\s*([a-z_][a-z0-9_$]*)\s+(?!ALIAS\b|CURSOR\b)/i.exec(decl);
    if (!m) return undefined;
    names.push((m[1] ?? '').toLowerCase());
  }
  return names;
}

/**
 * The block's `EXCEPTION WHEN … THEN …;` handlers: null when there are none;
 * undefined when one does more than nothing or a notice. `guards`: every
 * condition is an "exists already" one and every action `null` (the block is
 * left out when done already); else the handlers only tolerate a failure
 * (Supabase's `WHEN SQLSTATE '2BP01' THEN RAISE NOTICE '...'`). `missingObjects`: a handler may also swallow
 * a missing object (`undefined_column`, `undefined_table`) with no action at all (Kong: `WHEN UNDEFINED_COLUMN
 * OR UNDEFINED_TABLE THEN -- accept existing state`), read as one that tolerates a failure.
 */
function exceptionHandlers(
  text: string,
  missingObjects = false,
): { at: number; guards: boolean; caught: string[] } | null | undefined {
  const found = /\bEXCEPTION\b/i.exec(stripStrings(text));
  if (!found) return null;
  const rest = text.slice(found.index + found[0].length);
  const one =
    /\s*WHEN\s+([\s\S]+?)\s+THEN\s+(null|RAISE\s+(?:NOTICE|WARNING)\s+'(?:[^']|'')*'(?:\s*,[^;]*)?)\s*;/iy;
  let guards = true;
  let at = 0;
  let count = 0;
  const caught: string[] = [];
  for (;;) {
    one.lastIndex = at;
    const m = one.exec(rest) ?? (missingObjects ? missingObjectHandler(rest, at) : null);
    if (!m) break;
    count++;
    const conditions = (m[1] ?? '').toLowerCase().split(/\s+or\s+/);
    caught.push(...conditions.map((c) => c.trim().replace(/^sqlstate\s+'(\w+)'$/, '$1')));
    if (!conditions.every((c) => GUARD_CONDITIONS.has(c.trim())) || !/^null$/i.test(m[2] ?? ''))
      guards = false;
    at = m.index + m[0].length;
  }
  if (count === 0 || rest.slice(at).trim() !== '') return undefined;
  return { at: found.index, guards, caught };
}

/** A handler with no action (`WHEN undefined_column OR undefined_table THEN` then END or the next WHEN) at `at`. */
function missingObjectHandler(rest: string, at: number): RegExpExecArray | null {
  const empty =
    /\s*WHEN\s+((?:undefined_column|undefined_table|undefined_object)(?:\s+or\s+(?:undefined_column|undefined_table|undefined_object))*)\s+THEN(?=\s*(?:WHEN\b|$))/iy;
  empty.lastIndex = at;
  const m = empty.exec(rest);
  if (m !== null) m[2] = 'null';
  return m;
}

/** The text with its `--` comments blanked (outside strings and quoted names). */
function withoutLineComments(text: string): string {
  const stripped = stripStrings(text);
  let out = '';
  let from = 0;
  for (const m of stripped.matchAll(/--[^\n]*/g)) {
    out += text.slice(from, m.index) + ' '.repeat(m[0].length);
    from = (m.index ?? 0) + m[0].length;
  }
  return out + text.slice(from);
}

/** The text with its string literals and quoted names blanked (same length), to look for keywords outside them. */
function stripStrings(text: string): string {
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, (m) => `'${' '.repeat(m.length - 2)}'`);
}

/** The index of the parenthesis closing the one at `open`, or -1. */
function matchingParen(text: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Whether what a guarded statement does is done already in the DDL read so far (so the guard fires). */
export function doneAlready(ctx: DdlContext, node: Node): boolean {
  const b = ctx.builder;
  if ('AlterEnumStmt' in node) {
    // ADD VALUE of a label the enum has (duplicate_object).
    const e = node.AlterEnumStmt;
    const type = b.types.get(nameKey(ctx.typeName(e.typeName)));
    return e.oldVal === undefined && type?.kind === 'enum' && type.values.includes(e.newVal ?? '');
  }
  if ('CreateSchemaStmt' in node) return b.namespaces.includes(node.CreateSchemaStmt.schemaname ?? '');
  if ('CreateExtensionStmt' in node)
    return b.extensions.some((e) => e.name === node.CreateExtensionStmt.extname);
  if ('CreateEnumStmt' in node) return b.types.has(nameKey(ctx.typeName(node.CreateEnumStmt.typeName)));
  if ('CreateDomainStmt' in node) return b.types.has(nameKey(ctx.typeName(node.CreateDomainStmt.domainname)));
  if ('CompositeTypeStmt' in node) {
    const rv = node.CompositeTypeStmt.typevar;
    return rv !== undefined && b.types.has(nameKey(ctx.resolveRelation(rv)));
  }
  if ('CreateStmt' in node) {
    const rv = node.CreateStmt.relation;
    return rv !== undefined && b.tables.has(nameKey(ctx.resolveRelation(rv)));
  }
  if ('IndexStmt' in node) {
    const name = node.IndexStmt.idxname;
    const rv = node.IndexStmt.relation;
    return (
      name !== undefined && rv !== undefined && b.indexes.has(nameKey({ ...ctx.resolveRelation(rv), name }))
    );
  }
  if ('AlterTableStmt' in node) {
    const rv = node.AlterTableStmt.relation;
    const table = rv === undefined ? undefined : b.tables.get(nameKey(ctx.resolveRelation(rv)));
    if (table === undefined) return false;
    const hasConstraint = (name: string | undefined) =>
      name !== undefined && constraintNames(table).includes(name);
    const hasColumn = (name: string | undefined) => table.columns.some((col) => col.name === name);
    return (node.AlterTableStmt.cmds ?? []).some((c) => {
      const cmd = 'AlterTableCmd' in c ? c.AlterTableCmd : undefined;
      const def = cmd?.def;
      if (cmd?.subtype === 'AT_AddColumn' && def !== undefined && 'ColumnDef' in def)
        return hasColumn(def.ColumnDef.colname);
      // A DROP (not IF EXISTS) of what is gone already: the guard (`IF EXISTS (... column ...)`) fires.
      if (cmd?.subtype === 'AT_DropColumn') return cmd.missing_ok !== true && !hasColumn(cmd.name);
      if (cmd?.subtype === 'AT_DropConstraint') return cmd.missing_ok !== true && !hasConstraint(cmd.name);
      if (cmd?.subtype !== 'AT_AddConstraint' || def === undefined || !('Constraint' in def)) return false;
      // An unnamed ADD PRIMARY KEY under `IF NOT EXISTS (... constraint_type = 'PRIMARY KEY')`: a table has one key.
      if (def.Constraint.contype === 'CONSTR_PRIMARY' && table.primaryKey !== null) return true;
      return hasConstraint(def.Constraint.conname);
    });
  }
  if ('RenameStmt' in node) {
    // RENAME COLUMN a TO b where b is there already (`IF NOT EXISTS (... column_name = 'b') THEN`).
    const r = node.RenameStmt;
    const table =
      r.relation === undefined ? undefined : b.tables.get(nameKey(ctx.resolveRelation(r.relation)));
    if (table === undefined) return false;
    if (r.renameType === 'OBJECT_COLUMN') return table.columns.some((col) => col.name === r.newname);
    if (r.renameType === 'OBJECT_TABCONSTRAINT')
      return r.newname !== undefined && constraintNames(table).includes(r.newname);
  }
  return false;
}

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
 * left out. Anything else in the block (DECLARE, RAISE, EXECUTE, other
 * handlers) keeps it opaque.
 */
import { type Node, parseSync } from 'libpg-query';
import { nameKey } from '../../schema/names.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

/** Node kinds a guarded block may hold: DDL that creates or changes a schema object. */
const DDL_KINDS =
  /^(Create\w*Stmt|Alter\w*Stmt|IndexStmt|DefineStmt|CompositeTypeStmt|CommentStmt|GrantStmt|ViewStmt|RuleStmt)$/;

/** The error conditions a guard may swallow: the object being there already. */
const GUARD_CONDITIONS = new Set([
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
 * is not such a block.
 */
export function guardedStatements(
  ctx: DdlContext,
  body: string,
  block: SourceStatement,
): SourceStatement[] | undefined {
  const inner = guardedText(body);
  if (inner === undefined || inner.trim() === '') return undefined;
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
    if (node === undefined || !DDL_KINDS.test(Object.keys(node)[0] ?? '')) return undefined;
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? bytes.length : start + raw.stmt_len;
    out.push({
      node,
      text: bytes.subarray(start, end).toString('utf8').trim(),
      location: block.location,
      at: () => block.location,
    });
  }
  if (out.length === 0) return undefined;
  return out.some((statement) => madeAlready(ctx, statement.node)) ? [] : out;
}

/** `BEGIN <sql> [EXCEPTION WHEN <dup> THEN null;] END`, with `<sql>` maybe inside `IF NOT EXISTS (...) THEN ... END IF;`. */
function guardedText(body: string): string | undefined {
  const block = /^\s*BEGIN\b([\s\S]*)\bEND\s*;?\s*$/i.exec(body);
  if (!block) return undefined;
  let text = block[1] ?? '';
  const handler = /\bEXCEPTION\s+WHEN\s+([\w\s]+?)\s+THEN\s+null\s*;\s*$/i.exec(text);
  if (handler) {
    const conditions = (handler[1] ?? '').toLowerCase().split(/\s+or\s+/);
    if (!conditions.every((c) => GUARD_CONDITIONS.has(c.trim()))) return undefined;
    text = text.slice(0, handler.index);
  }
  if (/\b(EXCEPTION|DECLARE|RAISE|EXECUTE|PERFORM|LOOP|RETURN)\b/i.test(stripStrings(text))) return undefined;
  const unless = /^\s*IF\s+NOT\s+EXISTS\s*\(/i.exec(text);
  if (unless) {
    const close = matchingParen(text, unless[0].length - 1);
    if (close < 0) return undefined;
    const rest = /^\s*THEN\b([\s\S]*)\bEND\s+IF\s*;\s*$/i.exec(text.slice(close + 1));
    if (!rest) return undefined;
    text = rest[1] ?? '';
  }
  return /\bIF\b/i.test(stripStrings(text)) && !/\bIF\s+(NOT\s+)?EXISTS\b/i.test(stripStrings(text))
    ? undefined
    : text;
}

/** The text with its string literals and quoted names emptied, to look for keywords outside them. */
function stripStrings(text: string): string {
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"/g, "''");
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

/** Whether the object a guarded statement makes exists already in the DDL read so far (so the guard fires). */
function madeAlready(ctx: DdlContext, node: Node): boolean {
  const b = ctx.builder;
  if ('CreateSchemaStmt' in node) return b.namespaces.includes(node.CreateSchemaStmt.schemaname ?? '');
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
    return (node.AlterTableStmt.cmds ?? []).some((c) => {
      const cmd = 'AlterTableCmd' in c ? c.AlterTableCmd : undefined;
      const def = cmd?.def;
      if (cmd?.subtype === 'AT_AddColumn' && def !== undefined && 'ColumnDef' in def)
        return table.columns.some((col) => col.name === def.ColumnDef.colname);
      if (cmd?.subtype !== 'AT_AddConstraint' || def === undefined || !('Constraint' in def)) return false;
      const name = def.Constraint.conname;
      return (
        name !== undefined &&
        [table.primaryKey, ...table.uniques, ...table.foreignKeys, ...table.checks, ...table.exclusions].some(
          (k) => k !== null && k.name === name,
        )
      );
    });
  }
  return false;
}

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
 * On the fresh database the output is for, the guard never fires: the block is
 * its statements. They are read (and written) as if written plainly, so the
 * type is known and the foreign key goes after the keys, as pg_dump would
 * write the database those migrations made. Anything else in the block
 * (DECLARE, RAISE, EXECUTE, other handlers) keeps it opaque.
 */
import { type Node, parseSync } from 'libpg-query';
import type { SourceStatement } from './ddl-context.js';

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

/** The plain statements of a guarded DO block, each at the block's place; undefined when it is not one. */
export function guardedStatements(body: string, block: SourceStatement): SourceStatement[] | undefined {
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
  return out.length > 0 ? out : undefined;
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

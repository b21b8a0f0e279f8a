/**
 * `SET LOCAL name = value` lasts until its transaction ends: the input's
 * `BEGIN ... COMMIT` (or, outside one, the migration file a tool runs as one
 * transaction). The input's transactions are left out of the output, where a
 * `SET LOCAL` would do nothing in psql's script (outside a transaction: a
 * warning) and last the whole load under `-d` (one transaction). It is written
 * as a session `SET` at its place, and where its transaction ends the
 * session's value is set again (the session `SET` of that name written
 * before, or `RESET name`; the search path the model had): the statements
 * between run with it in every output, and those after without it, as they
 * ran in the input. The model's search path follows too.
 */
import type { TransactionStmt, VariableSetStmt } from 'libpg-query';
import { quoteIdent } from '../../schema/quote.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { searchPathOfSet } from './search-path.js';

export interface LocalSettings {
  /** The session SET last written per setting name (its text). */
  readonly session: Map<string, string>;
  /** Per setting set LOCAL in the open transaction: the statement that sets the session's value again. */
  readonly restore: Map<string, string>;
  /** The model's search path before the transaction's first `SET LOCAL search_path`. */
  pathBefore: string[] | null;
  /** The last statement read: where a file's end (a migration's transaction) restores the settings. */
  last: SourceStatement | null;
}

export function createLocalSettings(): LocalSettings {
  return { session: new Map(), restore: new Map(), pathBefore: null, last: null };
}

/** A session `SET name ...` (not LOCAL): the value a later `SET LOCAL` of the name returns to. */
export function noteSessionSetting(ctx: DdlContext, node: VariableSetStmt, text: string): void {
  const name = node.name ?? '';
  if (node.is_local !== true && name !== '') ctx.localSettings.session.set(name, text);
}

/** `SET LOCAL ...`: written as a session `SET`, its transaction's end noted. */
export function setLocal(ctx: DdlContext, stmt: SourceStatement, node: VariableSetStmt): void {
  const name = node.name ?? '';
  const local = ctx.localSettings;
  if (name === 'search_path') local.pathBefore ??= [...ctx.searchPath];
  else if (!local.restore.has(name)) local.restore.set(name, local.session.get(name) ?? `RESET ${name}`);
  const path = searchPathOfSet(node);
  if (path !== undefined) ctx.searchPath = path;
  const text = stmt.text.replace(/^(\s*SET\s+)LOCAL\s+/i, '$1');
  addAsWritten(ctx, { ...stmt, text }, { desc: 'SET', namespace: null, tag: name });
}

/** COMMIT / ROLLBACK (END, ABORT): where the input's transaction ends. */
export function endsTransaction(node: TransactionStmt): boolean {
  return [
    'TRANS_STMT_COMMIT',
    'TRANS_STMT_ROLLBACK',
    'TRANS_STMT_COMMIT_PREPARED',
    'TRANS_STMT_PREPARE',
  ].includes(node.kind ?? '');
}

/**
 * The transaction ends (at `stmt`), or the file (a migration file runs as one transaction: its tool's, or the
 * implicit one of a multi-statement query): each setting set LOCAL in it gets the session's value again.
 */
export function endLocalSettings(ctx: DdlContext, at?: SourceStatement): void {
  const local = ctx.localSettings;
  const stmt = at ?? local.last;
  if (stmt === null) return;
  const restores = [...local.restore.entries()];
  if (local.pathBefore !== null) {
    ctx.searchPath = local.pathBefore;
    const path = local.pathBefore.map((s) => (s === '$user' ? '"$user"' : quoteIdent(s))).join(', ');
    restores.push(['search_path', `SET search_path = ${path === '' ? "''" : path}`]);
  }
  local.restore.clear();
  local.pathBefore = null;
  for (const [name, text] of restores)
    addAsWritten(ctx, { ...stmt, text }, { desc: 'SET', namespace: null, tag: name });
}

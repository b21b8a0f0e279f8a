/**
 * pg_restore sends an entry's SQL in one query string: two statements there
 * run as one implicit transaction, where a procedure's or DO block's COMMIT
 * fails ("invalid transaction termination"). midPoint's
 * `CALL apply_change(65, ...)` runs a procedure that COMMITs: under the
 * `set_config('search_path', ...)` prefix (statement-entries.ts) its
 * archive stopped there, where psql, running the two apart, loaded it. Such
 * an entry takes its one-schema path as its namespace instead, which
 * pg_restore sets with a statement of its own.
 */
import type { DdlStatement } from '../schema/model.js';
import type { EntryDraft } from './entry-index.js';

const ENDS_TRANSACTION = /\b(commit|rollback)\s*(and\s+(no\s+)?chain\s*)?;/i;
const CALLED = /^\s*call\s+((?:"(?:[^"]|"")+"|[\w$]+)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[\w$]+))?)\s*\(/i;

const bare = (name: string): string =>
  name.startsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name.toLowerCase();

/** Whether `s` is a DO block, or a CALL of a procedure made earlier, whose code ends the transaction it runs in. */
export function endsTransaction(s: DdlStatement, earlier: readonly EntryDraft[]): boolean {
  if (s.desc === 'DO') return ENDS_TRANSACTION.test(s.sql);
  if (s.desc !== 'CALL') return false;
  const called = CALLED.exec(s.sql)?.[1];
  if (called === undefined) return false;
  const name = bare(called.split(/\s*\.\s*/).at(-1) ?? '');
  return earlier.some(
    (e) => e.desc === 'PROCEDURE' && e.tag.startsWith(`${name}(`) && ENDS_TRANSACTION.test(e.defn ?? ''),
  );
}

/** The one schema of a statement's path, which pg_restore can set for it as its namespace; else null. */
export function pathSchema(s: DdlStatement): string | null {
  const path = s.searchPath.filter((p) => p !== '' && p !== '$user');
  return path.length === 1 && path[0] !== undefined ? path[0] : null;
}

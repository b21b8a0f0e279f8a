/**
 * A function the DDL makes in pg_temp lives in the session that made it:
 * `pg_restore -j` makes it in the leader's session and runs a later entry
 * that calls it in a worker's, where it is not ('schema "pg_temp" does not
 * exist': Bareos' `create or replace function pg_temp.exec(...)` and the
 * SELECT that calls it to ALTER FUNCTION ... PARALLEL SAFE). An entry that
 * calls one makes it again first, in its own session.
 */
import type { DdlStatement } from '../schema/model.js';
import type { EntryDraft } from './entry-index.js';

/** The pg_temp functions `s` calls, as definitions to run before it (CREATE OR REPLACE: a session may have them). */
export function tempFunctionsFor(s: DdlStatement, earlier: readonly EntryDraft[]): string {
  if (!/\bpg_temp\s*\./i.test(s.sql)) return '';
  return earlier
    .filter((e) => e.desc === 'FUNCTION' && e.namespace === 'pg_temp')
    .filter((e) => {
      const name = e.tag.slice(0, e.tag.indexOf('('));
      return new RegExp(`\\bpg_temp\\s*\\.\\s*"?${name.replace(/[^\w$]/g, '\\$&')}"?\\s*\\(`, 'i').test(
        s.sql,
      );
    })
    .map(
      (e) => `${(e.defn ?? '').replace(/\bcreate\s+function\b/i, 'CREATE OR REPLACE FUNCTION').trimEnd()}\n`,
    )
    .join('');
}

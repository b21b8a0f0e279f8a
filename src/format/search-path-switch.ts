/**
 * The search_path a statement was read under, set again where a script or a
 * loading session runs it out of its place. Post-data statements (indexes,
 * triggers, policies) run after the data, when the session's path is the
 * one the last pre-data SET left (`RESET search_path` at the end of a file):
 * a policy written under `SET search_path = app` whose USING reads an
 * unqualified table failed there. The archive prefixes every entry
 * (archive/statement-entries.ts); a script sets the path only where it
 * changes.
 */
import type { DdlStatement } from '../schema/model.js';
import { quoteIdent, quoteLiteral } from '../schema/quote.js';

/** The path as set_config takes it, `''` for pg_dump's empty path. */
function pathValue(path: readonly string[]): string {
  return path
    .filter((p) => p !== '')
    .map((p) => (p === '$user' ? '"$user"' : quoteIdent(p)))
    .join(', ');
}

/** Paths that resolve alike in a new database (`"$user", public` and `public`). */
function pathKey(path: readonly string[]): string {
  return pathValue(path.filter((p) => p !== '$user'));
}

export interface SearchPathSwitch {
  /** The session now has the path this statement sets (a SET search_path run as written). */
  ran(s: DdlStatement): void;
  /** The `set_config` to run before `s` (empty when the session's path is already its path). */
  before(s: DdlStatement): string;
}

/** `known`: the session's path is the default one at the start (a script); else the first statement sets it. */
export function searchPathSwitch(known: boolean): SearchPathSwitch {
  let current: string | undefined = known ? 'public' : undefined;
  return {
    ran(s) {
      if (s.desc === 'SET' && s.tag === 'search_path') current = pathKey(s.searchPath);
      // `CREATE SCHEMA AUTHORIZATION CURRENT_USER` (midPoint) makes the schema "$user" names: the default path
      // no longer resolves as public, where datagen read unqualified names, so the next statement sets it.
      else if (s.desc === 'SCHEMA' && s.tag === '') current = undefined;
    },
    before(s) {
      const key = pathKey(s.searchPath);
      if (key === current) return '';
      current = key;
      return `SELECT pg_catalog.set_config('search_path', ${quoteLiteral(pathValue(s.searchPath))}, false);\n`;
    },
  };
}

/**
 * A `SET ROLE` / `RESET ROLE` of the input: it lasts for the pre-data, after
 * which a script and a direct load `RESET ROLE`, so the rows and the keys,
 * indexes and foreign keys are made as the loading user, as pg_restore makes
 * them (an archive has no SET). pgstac ends its DDL under `SET ROLE
 * pgstac_ingest`, which may COPY rows but not add a key to a table
 * pgstac_admin owns ('must be owner of table migrations').
 */
export function isRoleSetting(s: DdlStatement): boolean {
  return s.desc === 'SET' && s.tag === 'role';
}

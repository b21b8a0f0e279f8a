/**
 * psql includes (`\i`, `\ir`) as the DDL reader follows them. The file an
 * include names is read by the caller's `readInclude` (which may refuse it:
 * too large, a device, binary: told at the include line). At an include line
 * the included file's `\set` lines (and its own includes') are applied to
 * the variables, so the rest of the including file sees them as psql would;
 * what an include leaves the variables is kept, by its paths, the includes
 * open and the variables before it, so a chain of N files each including the
 * next is scanned N times, not N²/2 (40 files of 1 MB took 52 s). What the
 * files and their includes add up to is bounded (ParseDdlOptions'
 * `includeBudget`, MAX_DDL_TOTAL_BYTES), each include counted as it is read.
 */
import { includePaths, type MetaCommandLog } from './psql-meta.js';
import { substituteVariables } from './psql-variables.js';

/** Reads a file a psql `\i` / `\ir` names: its text, undefined when it does not exist; throws why it is refused. */
export type ReadInclude = (path: string) => string | undefined;

/** The first of `paths` that `readInclude` reads, or why it refused one (`problem`); undefined when none exists. */
export function readIncluded(
  paths: readonly string[],
  readInclude: ReadInclude | undefined,
  budget: { left: number; readonly limit: number },
):
  | { readonly path: string; readonly text: string }
  | { readonly path: string; readonly problem: string }
  | undefined {
  for (const path of paths) {
    let text: string | undefined;
    try {
      text = readInclude?.(path);
    } catch (error) {
      return { path, problem: (error as Error).message };
    }
    if (text === undefined) continue;
    // One big file included over and over (or a long chain of them) is refused, not parsed for hours.
    budget.left -= text.length;
    if (budget.left < 0)
      return {
        path,
        problem: `the DDL files and what they include add up to more than the ${budget.limit.toLocaleString('en-US')} characters datagen reads in one run (a file counts each time it is included); include each file once, or give the schema alone (pg_dump --schema-only)`,
      };
    return { path, text };
  }
  return undefined;
}

/**
 * At an include line of `file`: the included file's `\set`/`\unset` lines (and its own includes') applied
 * to `meta.variables`. The file is read again for its statements later.
 */
export function followIncludedVariables(
  file: string,
  meta: MetaCommandLog,
  readInclude: ReadInclude | undefined,
  including: readonly string[],
): (metaLine: string) => void {
  return (metaLine) => {
    const m = /^\s*\\(\S+)\s*(.*)$/.exec(metaLine);
    const paths = m ? includePaths(m[1] as string, (m[2] ?? '').trim(), file) : undefined;
    if (paths === undefined) return;
    const open = paths.filter((path) => !including.includes(path));
    const variables = meta.variables;
    const key = JSON.stringify([open, including, [...variables]]);
    const known = meta.includedVariables.get(key);
    if (known !== undefined) {
      variables.clear();
      for (const [name, value] of known) variables.set(name, value);
      return;
    }
    const found = readIncluded(open, readInclude, meta.includeBudget);
    if (found !== undefined && 'text' in found)
      substituteVariables(
        found.text,
        variables,
        followIncludedVariables(found.path, meta, readInclude, [...including, found.path]),
      );
    meta.includedVariables.set(key, [...variables]);
  };
}

/**
 * `regexp_replace(source, pattern, replacement [, flags])` as PostgreSQL
 * computes it: the POSIX pattern read as patterns.ts reads the `~`
 * operator's, the first match replaced (every one with flag `g`; `i`
 * ignores case), `\1`-`\9` in the replacement the groups, `\&` the whole
 * match, `\\` a backslash and every other character itself (`$` included).
 * Other flags and PostgreSQL 16's start/N arguments are not read.
 */
import { NotEvaluableError } from './evaluation.js';
import { posixToRegex } from './patterns.js';
import { regexOf } from './sql-operators.js';
import { type SqlValue, toText } from './sql-value.js';

/** The replacement of one match: PostgreSQL's escapes, not JavaScript's `$` ones. */
function replacer(replacement: string): (match: string, groups: readonly (string | undefined)[]) => string {
  return (match, groups) =>
    replacement.replace(/\\([1-9&\\])|\\/g, (written, what: string | undefined) => {
      if (what === undefined) return written;
      if (what === '&') return match;
      if (what === '\\') return '\\';
      return groups[Number(what) - 1] ?? '';
    });
}

export function regexpReplace(args: readonly SqlValue[]): SqlValue {
  if (args.length < 3 || args.length > 4)
    throw new NotEvaluableError(`regexp_replace() with ${args.length} arguments`);
  if (args.some((v) => v === null)) return null;
  const [source, pattern, replacement, flagText] = args.map((v) => toText(v as SqlValue) as string);
  if (typeof args[3] === 'number' || typeof args[3] === 'bigint')
    throw new NotEvaluableError('regexp_replace() with a start position');
  const flags = flagText ?? '';
  if (!/^[gi]*$/.test(flags)) throw new NotEvaluableError(`regexp_replace() flags '${flags}'`);
  const re = regexOf(posixToRegex(pattern as string), `s${flags}`);
  if (!re) throw new NotEvaluableError(`pattern ${pattern}`);
  const replace = replacer(replacement as string);
  return (source as string).replace(re, (match: string, ...rest: unknown[]) => {
    const groups = rest.slice(0, -2) as (string | undefined)[];
    return replace(match, typeof rest.at(-1) === 'object' ? groups.slice(0, -1) : groups);
  });
}

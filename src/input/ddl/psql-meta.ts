/**
 * psql meta-commands in a DDL file: `\i` / `\ir` includes are read in their
 * place; `\set` variables are substituted (psql-variables.ts); the rest only
 * steer the psql session and are dropped, with one
 * warning per kind for those that could matter (`\connect`, unknown ones).
 */
import { dirname, isAbsolute, join } from 'node:path';
import { formatLocation, type Warning } from '../../errors.js';
import type { MetaCommand } from './source-text.js';

/** Session-only commands: nothing in the schema depends on them. */
const SESSION_ONLY = new Set([
  'restrict',
  'unrestrict',
  'set',
  'unset',
  'echo',
  'qecho',
  'warn',
  'encoding',
  'timing',
  'pset',
  'a',
  't',
  'x',
  'q',
  'o',
  'out',
  'conninfo',
  'setenv',
]);

const INCLUDES = new Set(['i', 'include', 'ir', 'include_relative']);

export interface IncludeRequest {
  /** The path psql would open: `\ir` relative to the including file, `\i` as written. */
  readonly paths: readonly string[];
  readonly meta: MetaCommand;
}

/** Collects meta-commands over a run; one warning per kind at the end. */
export interface MetaCommandLog {
  /** The files to try, in order, if `meta` is an include; otherwise null (after noting it). */
  take(meta: MetaCommand): IncludeRequest | null;
  warnings(): Warning[];
  /** psql variables set so far (`\set`), read by the files' text in order (see psql-variables.ts). */
  readonly variables: Map<string, string>;
  /** What an include left the variables, by the files it would open, the includes open and the variables before it (include-files.ts). */
  readonly includedVariables: Map<string, readonly (readonly [string, string])[]>;
  /** The characters includes may still add in this reading, of `limit` for the files and their includes (include-files.ts). */
  readonly includeBudget: { left: number; readonly limit: number };
}

/** A psql argument: unquoted, or in single quotes. */
function argumentPath(argument: string): string {
  const quoted = /^'((?:[^']|'')*)'/.exec(argument);
  if (quoted !== null) return (quoted[1] ?? '').replaceAll("''", "'");
  return argument.split(/\s+/)[0] ?? '';
}

/**
 * The files an include meta-command (`i`, `include`, `ir`, `include_relative`)
 * in `file` would open, in the order to try them; undefined for another command.
 */
export function includePaths(command: string, argument: string, file: string): string[] | undefined {
  if (!INCLUDES.has(command)) return undefined;
  const path = argumentPath(argument);
  const relative = join(dirname(file), path);
  if (isAbsolute(path)) return [path];
  // psql reads `\i` from its working directory; a schema file is usually run from its own.
  // The same file both ways (a schema run from its own directory): one path, not "cannot read a.sql or a.sql".
  if (command.startsWith('ir') || command === 'include_relative' || relative === join(path))
    return [relative];
  return [path, relative];
}

/** The log of one reading of `sources` (their text counted in `includeBudget`), `variables` set (`--set`). */
export function createMetaCommandLog(
  includeBudget: number,
  sources: readonly { readonly text: string }[],
  variables: Readonly<Record<string, string>> = {},
): MetaCommandLog {
  const given = sources.reduce((n, source) => n + source.text.length, 0);
  const seen = new Map<string, { first: MetaCommand; count: number }>();
  return {
    variables: new Map(Object.entries(variables)),
    includedVariables: new Map(),
    includeBudget: { left: includeBudget - given, limit: includeBudget },
    take(meta) {
      if (INCLUDES.has(meta.command))
        return { paths: includePaths(meta.command, meta.argument, meta.location.file) ?? [], meta };
      if (SESSION_ONLY.has(meta.command)) return null;
      const kind = meta.command === 'c' ? 'connect' : meta.command;
      const entry = seen.get(kind);
      if (entry === undefined) seen.set(kind, { first: meta, count: 1 });
      else entry.count++;
      return null;
    },
    warnings() {
      return [...seen].map(([kind, { first, count }]) => {
        const times = count === 1 ? '' : ` (${count} times, first here)`;
        const message =
          kind === 'connect'
            ? `psql \\connect at ${formatLocation(first.location)}${times}: datagen puts every object in the one database its output is loaded into; the database switch was dropped`
            : kind === 'gexec'
              ? `psql \\gexec at ${formatLocation(first.location)}${times} runs, in psql, each value the query before it selects as a statement; datagen cannot know them, so what they would make or change is not in the output (the query runs as a plain SELECT, or is left out, told apart). Write the statements it selects as plain DDL to have them made and filled`
              : `psql meta-command \\${kind} at ${formatLocation(first.location)}${times} is not SQL and was dropped`;
        return { code: 'PSQL_META_COMMAND', message, where: formatLocation(first.location) };
      });
    },
  };
}

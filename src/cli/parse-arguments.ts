/**
 * The command line, read with Node's util.parseArgs but checked here, so
 * every mistake gets one line that says what is wrong and how to fix it:
 * `unknown option --row; did you mean --rows?`, `--rows needs a value`,
 * `--quiet takes no value`. A value that starts with a dash (`--rows -5`) is
 * taken as the value, and the option's own check says what is wrong with it.
 * An option that takes one value given two (`-f a.sql ... -f b.sql`) is
 * refused naming both, as `--rows` given twice is: neither is dropped unseen.
 */
import { parseArgs } from 'node:util';
import { DatagenError, ErrorCodes } from '../errors.js';
import { editDistance } from '../plan/row-counts.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
}

export type ParsedValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** A usage mistake: exit status 2, with a pointer to --help. */
export function usageError(message: string, help = 'datagen generate --help'): DatagenError {
  return new DatagenError(ErrorCodes.BAD_OPTION, `${message}\nRun \`${help}\` for the options.`, {});
}

/** The option nearest to a misspelt one, when it is near enough to be a likely typo. */
export function nearestOption(written: string, names: readonly string[]): string | null {
  const bare = written.replace(/^-+/, '').split('=')[0] ?? '';
  let best: { name: string; distance: number } | null = null;
  for (const name of names) {
    const distance = editDistance(bare.toLowerCase(), name);
    if (best === null || distance < best.distance) best = { name, distance };
  }
  if (best === null || best.distance > Math.max(2, Math.floor(bare.length / 3))) return null;
  return best.name;
}

function optionLabel(name: string, spec: OptionSpec): string {
  return spec.short === undefined ? `--${name}` : `-${spec.short}/--${name}`;
}

/**
 * Parse `argv` against `options`. Throws a usage error (exit 2) for an
 * unknown option, a missing value, or a value given to a flag. Positional
 * arguments (DDL files) are collected into `files` when given, else refused.
 */
export function parseArguments(
  argv: readonly string[],
  options: Record<string, OptionSpec>,
  files?: string[],
): ParsedValues {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const names = Object.keys(options);
  const shorts = new Set(
    Object.values(options).flatMap((o) => (o.short === undefined ? [] : [`-${o.short}`])),
  );
  /** Each single-valued option's first value, as written: a second, other value is refused, not the later kept. */
  const given = new Map<string, { shown: string; value: string }>();
  for (const token of tokens) {
    if (token.kind === 'positional') {
      // DDL files are arguments, as pg_restore takes its archive.
      if (files !== undefined) {
        files.push(token.value);
        continue;
      }
      throw usageError(`unexpected argument "${token.value}"`);
    }
    if (token.kind === 'option-terminator')
      throw usageError('unexpected "--": datagen takes no arguments after it');
    const spec = options[token.name];
    if (spec === undefined) {
      const suggestion = nearestOption(token.rawName, names);
      throw usageError(
        `unknown option ${token.rawName}${suggestion === null ? '' : `; did you mean --${suggestion}?`}`,
      );
    }
    const label = optionLabel(token.name, spec);
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw usageError(`${label} takes no value (got "${token.value}")`);
      continue;
    }
    if (token.value === undefined) throw usageError(`${label} needs a value`);
    // `--schema --rows 5`: the value was forgotten, and the next option taken as it.
    const value = token.value;
    const isOption = shorts.has(value) || (value.startsWith('--') && names.includes(value.slice(2)));
    if (!token.inlineValue && isOption) throw usageError(`${label} needs a value (got the option ${value})`);
    // `-f "$OUT"` with OUT unset: a path, not the empty name the file system refuses (ENOENT, or a directory).
    if (spec.type === 'string' && token.name === 'file' && value === '')
      throw usageError(`${label} needs a path (or - for stdout), got an empty string`);
    const before = given.get(token.name);
    if (spec.multiple !== true && before !== undefined && before.value !== value)
      throw usageError(`${before.shown} and ${token.rawName} ${value} both set ${label}: give it once`);
    given.set(token.name, { shown: `${token.rawName} ${value}`, value });
  }
  return values;
}

/**
 * Version 9: yes/no columns by meaning, and two of them that say the same
 * thing agree. A boolean named as a flag (`active`, `is_deleted`,
 * `activebool`) is set in the share its word tells, as version 3's integer
 * flags are (version 8: half the rows whatever the name); and in one row,
 * a flag whose word means what an earlier flag's does (pagila's `active
 * integer` after `activebool boolean`, `enabled` after `is_active`) takes its
 * value, one whose word means the opposite (`disabled`, `inactive`) the
 * other value. Version 8 drew each alone (`activebool` false, `active` 1).
 */
import { nameTokens } from './column-names.js';
import { flagOrAttemptsFromName } from './flag-values.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

/** Words around a flag's word that say nothing of its meaning (`is_active`, `activebool`, `active_flag`). */
const OPENERS = new Set('is has have can was were'.split(' '));
const SUFFIXES = ['bool', 'boolean', 'flag', 'flg', 'yn', 'ind'];

/** Words of one meaning, the first the group's name; and each group's opposite words. */
const SAME: readonly (readonly string[])[] = [
  ['active', 'enabled', 'activated'],
  ['deleted', 'removed', 'trashed'],
  ['verified', 'confirmed'],
  ['visible', 'shown'],
  ['blocked', 'banned'],
];
const OPPOSITE: Readonly<Record<string, readonly string[]>> = {
  active: ['inactive', 'disabled', 'deactivated'],
  visible: ['hidden'],
};

/**
 * A flag's words without an opener or a type suffix: `activebool` → active,
 * `is_active` → active, `active_flag` → active; the name's words else.
 */
export function flagStem(tokens: readonly string[]): readonly string[] {
  let t = tokens.length > 1 && OPENERS.has(tokens[0] ?? '') ? tokens.slice(1) : [...tokens];
  const last = t[t.length - 1] ?? '';
  if (t.length > 1 && SUFFIXES.includes(last)) t = t.slice(0, -1);
  else {
    const suffix = SUFFIXES.find((s) => last.length > s.length + 2 && last.endsWith(s));
    if (suffix !== undefined) t = [...t.slice(0, -1), last.slice(0, -suffix.length)];
  }
  return t;
}

/** Version 9: a boolean's flag meaning (`activebool`, `is_deleted`, `sticky`), as integers have theirs. */
export function isBooleanFlagName(tokens: readonly string[]): boolean {
  return flagOrAttemptsFromName(flagStem(tokens)) === 'flag' || flagOrAttemptsFromName(tokens) === 'flag';
}

/** A flag's meaning: its group's name and whether it says the opposite, or null (a flag of no group). */
function meaningOf(tokens: readonly string[]): { readonly group: string; readonly negated: boolean } | null {
  const stem = flagStem(tokens);
  if (stem.length !== 1) return null;
  const word = stem[0] as string;
  for (const words of SAME) {
    const group = words[0] as string;
    if (words.includes(word)) return { group, negated: false };
    if (OPPOSITE[group]?.includes(word)) return { group, negated: true };
  }
  return null;
}

const YES = new Set(['1', 't', 'true']);
const NO = new Set(['0', 'f', 'false']);

/**
 * `usual`, or where an earlier flag of the row means the same (or the
 * opposite), its value (or the other one); `usual`'s where that one is NULL.
 */
export function withSameFlag(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const own = meaningOf(build.tokens);
  if (own === null) return usual;
  const earlier = sameFlagOf(
    build.table.columns,
    build.column.name,
    (name) => build.ctx.siblingKind(name) === 'flag',
  );
  if (earlier === null) return usual;
  const negated = own.negated !== (meaningOf(nameTokens(earlier))?.negated === true);
  const read = siblingReader(build.ctx, earlier);
  const bool = build.base.name === 'bool';
  const yes = bool ? 't' : '1';
  const no = bool ? 'f' : '0';
  return {
    escapeFree: true,
    random(rand, row) {
      const text = read(row);
      if (typeof text !== 'string' || !(YES.has(text) || NO.has(text))) return usual.random(rand, row);
      const set = YES.has(text);
      return set !== negated ? yes : no;
    },
  };
}

/** The earlier flag of the row a flag agrees with (`withSameFlag`), or null: for `datagen plan`. */
export function sameFlagOf(
  columns: readonly { readonly name: string; readonly generated?: unknown }[],
  column: string,
  isFlag: (name: string) => boolean,
): string | null {
  const own = meaningOf(nameTokens(column));
  if (own === null) return null;
  const index = columns.findIndex((c) => c.name === column);
  const earlier = columns
    .slice(0, index)
    .find((c) => !c.generated && isFlag(c.name) && meaningOf(nameTokens(c.name))?.group === own.group);
  return earlier?.name ?? null;
}

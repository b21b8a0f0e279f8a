/**
 * Version 18: a row's person is one person. faker lists first names and name
 * prefixes by sex (`Mrs.`/`Mr.`, es `Sra.`/`Sr.`, fr `Mme`/`M`, de
 * `Frau`/`Herr`); a prefix (`title_of_courtesy`, `salutation`) and a gender
 * column (`gender`, `sex`: `female`/`male`, `F`/`M`) read the row's first
 * name and agree with it (a name of either sex, or none, leaves them as they
 * were drawn; a generic prefix such as `Dr.` stays in a tenth of rows).
 * Version 17 drew each alone: `Ms.` Lemuel, `Mr.` Marlene.
 */
import { EN } from '../locale-definitions.js';
import type { RowRandom } from '../random.js';
import type { LocaleDictionary } from './locale-dictionary.js';
import { allStrings, at } from './locale-patterns.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';

type Sex = 'female' | 'male';

/** A locale's first names and prefixes by sex. */
export interface NameSexes {
  readonly female: ReadonlySet<string>;
  readonly male: ReadonlySet<string>;
  readonly prefixes: {
    readonly female: readonly string[];
    readonly male: readonly string[];
    readonly generic: readonly string[];
  };
}

/** First names and prefixes by sex from a locale's faker definitions (empty where it lists none). */
export function nameSexesOf(defs: unknown): NameSexes {
  const names = (sex: string) => new Set(allStrings(at(defs, 'person', 'first_name', sex)));
  const prefixes = (sex: string) => allStrings(at(defs, 'person', 'prefix', sex));
  const female = names('female');
  const male = names('male');
  // A name listed under both sexes tells neither.
  for (const name of female)
    if (male.has(name)) {
      female.delete(name);
      male.delete(name);
    }
  return {
    female,
    male,
    prefixes: { female: prefixes('female'), male: prefixes('male'), generic: prefixes('generic') },
  };
}

let enSexes: NameSexes | null = null;

/** The run's locale's names by sex (en's built once on first use). */
function sexesOf(locale: LocaleDictionary | null): NameSexes | undefined {
  if (locale !== null) return locale.nameSexes;
  enSexes ??= nameSexesOf(EN);
  return enSexes;
}

/** The sex a first name tells, or null (unknown, either, or NULL). */
function sexOf(sexes: NameSexes, name: string | null | undefined): Sex | null {
  if (typeof name !== 'string') return null;
  return sexes.female.has(name) ? 'female' : sexes.male.has(name) ? 'male' : null;
}

/** Words of a gender column for each sex, by the form the usual draw took. */
const GENDER_WORDS: readonly (readonly [string, string])[] = [
  ['female', 'male'],
  ['Female', 'Male'],
  ['FEMALE', 'MALE'],
  ['F', 'M'],
  ['f', 'm'],
  ['woman', 'man'],
  ['W', 'M'],
];

/** Whether a label column holds a person's gender (`gender`, `sex`, `customer_gender`). */
export function isGenderName(tokens: readonly string[]): boolean {
  const last = tokens[tokens.length - 1] ?? '';
  return last === 'gender' || last === 'sex';
}

/** Version 18: a prefix or gender column agreeing with the row's first name (see above); `usual` otherwise. */
export function withNameSex(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  const prefix = kind === 'name_prefix';
  if (!prefix && !(kind === 'label' && isGenderName(build.tokens))) return usual;
  return prefix ? withPrefixSex(build, usual) : withFirstNameSex(build, usual);
}

/** A prefix agreeing with the row's first name's sex. */
function withPrefixSex(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const sexes = sexesOf(build.locale);
  const first = siblingOfKind(build, 'first_name');
  if (sexes === undefined || first === null || sexes.female.size === 0 || sexes.male.size === 0) return usual;
  const read = siblingReader(build.ctx, first);
  const fits = (list: readonly string[]) => list.filter((p) => p.length <= build.maxLength);
  const lists = { female: fits(sexes.prefixes.female), male: fits(sexes.prefixes.male) };
  const generic = fits(sexes.prefixes.generic);
  if (lists.female.length === 0 || lists.male.length === 0) return usual;
  return {
    ...(usual.escapeFree === true ? { escapeFree: true } : {}),
    random(rand: RowRandom, row: number) {
      const sex = sexOf(sexes, read(row));
      if (sex === null) return usual.random(rand, row);
      if (generic.length > 0 && rand.chance(0.1)) return generic[rand.below(generic.length)] as string;
      const list = lists[sex];
      return list[rand.below(list.length)] as string;
    },
  };
}

/** A gender column's word agreeing with the row's first name's sex (its pair's other word where they differ). */
export function withFirstNameSex(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const sexes = sexesOf(build.locale);
  const first = siblingOfKind(build, 'first_name');
  if (sexes === undefined || first === null || sexes.female.size === 0 || sexes.male.size === 0) return usual;
  const read = siblingReader(build.ctx, first);
  const words = build.version >= 19 ? [...GENDER_WORDS, ...LOCALE_GENDER_WORDS] : GENDER_WORDS;
  return {
    ...(usual.escapeFree === true ? { escapeFree: true } : {}),
    random(rand: RowRandom, row: number) {
      const drawn = usual.random(rand, row);
      const sex = sexOf(sexes, read(row));
      if (sex === null) return drawn;
      const pair = words.find(([f, m]) => drawn === f || drawn === m);
      return pair === undefined ? drawn : sex === 'female' ? pair[0] : pair[1];
    },
  };
}

/** Version 19: the locales' words of a gender column (status-vocabularies.ts `LOCALE_GENDERS`). */
const LOCALE_GENDER_WORDS: readonly (readonly [string, string])[] = [
  ['weiblich', 'männlich'],
  ['femenino', 'masculino'],
  ['féminin', 'masculin'],
  ['feminino', 'masculino'],
  ['女性', '男性'],
];

/**
 * Version 18: a gender column whose values a CHECK lists or an enum names
 * (`CHECK (gender IN ('M', 'F'))`, `sex sex_t`), agreeing with the row's
 * first name where the other word of its pair is listed too; null where the
 * column is no gender or the row has no first name.
 */
export function withListedSex(
  build: SemanticBuild,
  allowed: readonly string[],
  usual: (rand: RowRandom, row: number) => string | null,
): ((rand: RowRandom, row: number) => string | null) | null {
  if (!isGenderName(build.tokens)) return null;
  const listed = new Set(allowed);
  const pairs = GENDER_WORDS.filter(([f, m]) => listed.has(f) && listed.has(m));
  const sexes = sexesOf(build.locale);
  const first = siblingOfKind(build, 'first_name');
  if (pairs.length === 0 || sexes === undefined || first === null) return null;
  const read = siblingReader(build.ctx, first);
  return (rand, row) => {
    const drawn = usual(rand, row);
    const sex = drawn === null ? null : sexOf(sexes, read(row));
    if (sex === null) return drawn;
    const pair = pairs.find(([f, m]) => drawn === f || drawn === m);
    return pair === undefined ? drawn : sex === 'female' ? pair[0] : pair[1];
  };
}

/**
 * People: names, usernames and job titles. Full names and usernames read the
 * row's name columns when the table has them (names themselves read nothing,
 * so there is no cycle); emails are email-values.ts, phone numbers
 * phone-values.ts.
 */

import { type ByteOut, PAD2 } from '../../checks/digits.js';
import { lazyTable } from '../lazy-table.js';
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import {
  FIRST_NAMES,
  JOB_AREAS,
  JOB_DESCRIPTORS,
  JOB_TYPES,
  LAST_NAMES,
  NAME_PREFIXES,
} from './locale-data.js';
import {
  encodeList,
  longestOf,
  pickerOf,
  putEntry,
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import { asciiSlug, cut, hasSlug } from './text-fit.js';

const firstNameSlugs = lazyTable((): readonly string[] => FIRST_NAMES.map(asciiSlug).filter((s) => s !== ''));
const lastNameSlugs = lazyTable((): readonly string[] => LAST_NAMES.map(asciiSlug).filter((s) => s !== ''));

export const createFirstNameGenerator = pickerOf(FIRST_NAMES);

export const createLastNameGenerator = pickerOf(LAST_NAMES);

export const createNamePrefixGenerator = pickerOf(NAME_PREFIXES);

/** `First Last`, from the row's first/last name columns when the table has them. */
export function createFullNameGenerator(build: SemanticBuild): SemanticGenerator {
  const firstColumn = siblingOfKind(build, 'first_name');
  const lastColumn = siblingOfKind(build, 'last_name');
  const { ctx, maxLength } = build;
  const readFirst = firstColumn === null ? null : siblingReader(ctx, firstColumn);
  const readLast = lastColumn === null ? null : siblingReader(ctx, lastColumn);
  return {
    // The row's names are read as written (another column's text): no promise about them.
    random(rand, row) {
      const first = readFirst === null ? null : readFirst(row);
      const last = readLast === null ? null : readLast(row);
      const f = typeof first === 'string' && first !== '' ? first : rand.pick(FIRST_NAMES);
      const l = typeof last === 'string' && last !== '' ? last : rand.pick(LAST_NAMES);
      return cut(`${f} ${l}`, maxLength);
    },
  };
}

/** Caches the slug of recently read sibling names: the same few thousand names recur. */
function createSlugCache(): (text: string) => string {
  let cache = new Map<string, string>();
  return (text) => {
    let slug = cache.get(text);
    if (slug === undefined) {
      slug = asciiSlug(text);
      if (cache.size >= 8192) cache = new Map();
      cache.set(text, slug);
    }
    return slug;
  };
}

/**
 * The row's person as two slugs (`ana`, `silva`): from first/last name
 * columns, else split from a full name column, else picked at random. With
 * `raw`, a name read from a column is given as read (`José`; `asciiSlug`
 * makes it `jose`): the byte path writes its slug without making it; the
 * draws are the same.
 */
export function createNameSlugs(
  build: SemanticBuild,
  raw = false,
): (rand: RowRandom, row: number, out: string[]) => void {
  const firstColumn = siblingOfKind(build, 'first_name');
  const lastColumn = siblingOfKind(build, 'last_name');
  const fullColumn = firstColumn === null && lastColumn === null ? siblingOfKind(build, 'full_name') : null;
  const { ctx } = build;
  const readFull = fullColumn === null ? null : siblingReader(ctx, fullColumn);
  const readFirst = firstColumn === null ? null : siblingReader(ctx, firstColumn);
  const readLast = lastColumn === null ? null : siblingReader(ctx, lastColumn);
  const slug = raw ? (text: string) => (hasSlug(text) ? text : '') : createSlugCache();
  const firstSlugs = build.locale?.firstSlugs ?? firstNameSlugs();
  const lastSlugs = build.locale?.lastSlugs ?? lastNameSlugs();
  const familyFirst = build.locale?.familyNameFirst === true;
  return (rand, row, out) => {
    let first = '';
    let last = '';
    if (readFull !== null) {
      const full = readFull(row);
      if (typeof full === 'string') {
        const space = full.indexOf(' ');
        first = slug(space < 0 ? full : full.slice(0, space));
        last = space < 0 ? '' : slug(full.slice(full.lastIndexOf(' ') + 1));
        if (familyFirst) [first, last] = [last, first];
      }
    } else {
      const f = readFirst === null ? null : readFirst(row);
      const l = readLast === null ? null : readLast(row);
      if (typeof f === 'string') first = slug(f);
      if (typeof l === 'string') last = slug(l);
    }
    out[0] = first === '' ? rand.pick(firstSlugs) : first;
    out[1] = last === '' ? rand.pick(lastSlugs) : last;
  };
}

/** `ana.silva`, `asilva87`…, from the row's names when the table has them. */
export function createUsernameGenerator(build: SemanticBuild): SemanticGenerator {
  const names = createNameSlugs(build);
  const { maxLength } = build;
  const parts: string[] = ['', ''];
  return {
    escapeFree: true,
    random(rand, row) {
      names(rand, row, parts);
      const first = parts[0] as string;
      const last = parts[1] as string;
      const shape = rand.below(6);
      const name =
        shape === 0
          ? `${first}.${last}`
          : shape === 1
            ? `${first}_${last}`
            : shape === 2
              ? `${first[0]}${last}${PAD2[rand.below(100)]}`
              : shape === 3
                ? `${first}${PAD2[rand.below(100)]}`
                : shape === 4
                  ? first + last
                  : `${first}.${last}${rand.below(10)}`;
      return cut(name, maxLength);
    },
  };
}

const JOBS_ESCAPE_FREE =
  escapeFreeTexts(JOB_DESCRIPTORS) && escapeFreeTexts(JOB_AREAS) && escapeFreeTexts(JOB_TYPES);
/** The longest full job title's length. */
const LONGEST_JOB = longestOf(JOB_DESCRIPTORS) + longestOf(JOB_AREAS) + longestOf(JOB_TYPES) + 2;

/** The job title words as bytes, for the byte writer (used only where JOBS_ESCAPE_FREE). */
const JOB_BYTES = {
  descriptors: encodeList(JOB_DESCRIPTORS),
  areas: encodeList(JOB_AREAS),
  types: encodeList(JOB_TYPES),
};

/** `Senior Solutions Supervisor`, shortened to fit the column. */
export function createJobTitleGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  // Where no full title can pass the limit, the same draws written as bytes (no string built).
  const neverCut = JOBS_ESCAPE_FREE && LONGEST_JOB <= maxLength;
  return {
    escapeFree: JOBS_ESCAPE_FREE,
    ...(neverCut
      ? {
          write(rand: RowRandom, _row: number, out: ByteOut) {
            out.ensure(LONGEST_JOB);
            const buf = out.buf;
            let p = putEntry(buf, out.pos, JOB_BYTES.descriptors, rand.below(JOB_DESCRIPTORS.length));
            buf[p++] = 32;
            p = putEntry(buf, p, JOB_BYTES.areas, rand.below(JOB_AREAS.length));
            buf[p++] = 32;
            out.pos = putEntry(buf, p, JOB_BYTES.types, rand.below(JOB_TYPES.length));
          },
        }
      : {}),
    random(rand) {
      const descriptor = rand.pick(JOB_DESCRIPTORS);
      const area = rand.pick(JOB_AREAS);
      const type = rand.pick(JOB_TYPES);
      const full = `${descriptor} ${area} ${type}`;
      if (full.length <= maxLength) return full;
      const short = `${area} ${type}`;
      return short.length <= maxLength ? short : cut(type, maxLength);
    },
  };
}

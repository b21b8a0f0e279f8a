/**
 * People: names, email addresses, usernames, phone numbers, job titles.
 * Email, username and full name read the row's name columns when the table
 * has them (names themselves read nothing, so there is no cycle).
 */

import { type ByteOut, PAD2, writeAsciiText } from '../../checks/digits.js';
import type { RowRandom } from '../random.js';
import { hashString } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import {
  AREA_CODES,
  EXAMPLE_DOMAINS,
  EXCHANGE_CODES,
  FIRST_NAMES,
  JOB_AREAS,
  JOB_DESCRIPTORS,
  JOB_TYPES,
  LAST_NAMES,
  NAME_PREFIXES,
} from './locale-data.js';
import {
  longestOf,
  pickerOf,
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
  writeWords,
} from './semantic-generator.js';
import { asciiSlug, cut, putSlug, slugLength } from './text-fit.js';

const FIRST_SLUGS: readonly string[] = FIRST_NAMES.map(asciiSlug).filter((s) => s !== '');
const LAST_SLUGS: readonly string[] = LAST_NAMES.map(asciiSlug).filter((s) => s !== '');
const SHORTEST_DOMAIN: string = EXAMPLE_DOMAINS.reduce((a, b) => (b.length < a.length ? b : a));
/**
 * Emails and usernames are made of slugs (`asciiSlug`: a-z, 0-9), digits,
 * `.`, `_`, `@`, base-36 codes and these domains: escape-free when the
 * domains are (they are checked, not assumed).
 */
export const EMAILS_ESCAPE_FREE: boolean = escapeFreeTexts(EXAMPLE_DOMAINS);

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
function createNameSlugs(
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
  const slug = raw ? (text: string) => (slugLength(text) === 0 ? '' : text) : createSlugCache();
  const firstSlugs = build.locale?.firstSlugs ?? FIRST_SLUGS;
  const lastSlugs = build.locale?.lastSlugs ?? LAST_SLUGS;
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

/**
 * A local part's shape, drawn as people choose them: `ana.silva`,
 * `anasilva`, `ana_silva`, `asilva`, `ana.silva42`, `a.silva` (the shape in
 * the low 4 bits, the two digits of `ana.silva42` above them).
 */
function drawLocalShape(rand: RowRandom): number {
  const shape = rand.below(10);
  return shape === 8 ? 8 | (rand.below(100) << 4) : shape;
}

/** The local part of a drawn shape, as text. */
function localText(shape: number, first: string, last: string): string {
  const s = shape & 15;
  if (s < 4) return `${first}.${last}`;
  if (s < 6) return first + last;
  if (s === 6) return `${first}_${last}`;
  if (s === 7) return first[0] + last;
  if (s === 8) return `${first}.${last}${PAD2[shape >> 4]}`;
  return `${first[0]}.${last}`;
}

/** `localText(shape, first, last).length` for slugs of these lengths, without making it. */
function localLength(shape: number, first: number, last: number): number {
  const s = shape & 15;
  if (s < 4 || s === 6) return first + 1 + last;
  if (s < 6) return first + last;
  if (s === 7) return 1 + last;
  if (s === 8) return first + 3 + last;
  return 2 + last;
}

const DOT = 46;
const AT = 64;
const UNDERSCORE = 95;

/** ASCII `text` into `buf` at `p` (room made by the caller); returns the position after it. */
function putAscii(buf: Uint8Array, p: number, text: string): number {
  for (let i = 0; i < text.length; i++) buf[p++] = text.charCodeAt(i);
  return p;
}

/**
 * `localText(shape, asciiSlug(first), asciiSlug(last))`'s bytes into `buf`
 * at `p` (room made by the caller); returns the position after it.
 */
function putLocal(buf: Uint8Array, p: number, shape: number, first: string, last: string): number {
  const s = shape & 15;
  if (s === 7 || s === 9) {
    p = putSlug(buf, p, first, 1);
    if (s === 9) buf[p++] = DOT;
    return putSlug(buf, p, last);
  }
  p = putSlug(buf, p, first);
  if (s < 4 || s === 8) buf[p++] = DOT;
  else if (s === 6) buf[p++] = UNDERSCORE;
  p = putSlug(buf, p, last);
  if (s === 8) {
    const digits = shape >> 4;
    buf[p++] = 48 + ((digits / 10) | 0);
    buf[p++] = 48 + (digits % 10);
  }
  return p;
}

interface EmailParts {
  first: string;
  last: string;
  /** The local part's shape (`drawLocalShape`). */
  shape: number;
  domain: string;
}

/** The row's email parts (`raw`: names as `createNameSlugs` gives them raw), drawn in one fixed order: name slugs, a local part's shape, a domain (one reused object). */
function createEmailParts(build: SemanticBuild, raw = false): (rand: RowRandom, row: number) => EmailParts {
  const names = createNameSlugs(build, raw);
  const slugs: string[] = ['', ''];
  const out: EmailParts = { first: '', last: '', shape: 0, domain: '' };
  return (rand, row) => {
    names(rand, row, slugs);
    out.first = slugs[0] as string;
    out.last = slugs[1] as string;
    out.shape = drawLocalShape(rand);
    out.domain = rand.pick(EXAMPLE_DOMAINS);
    return out;
  };
}

/** Raw parts (`createEmailParts(build, true)`) with their names made slugs: what the text path draws. */
function slugged(parts: EmailParts): EmailParts {
  return { ...parts, first: asciiSlug(parts.first), last: asciiSlug(parts.last) };
}

/** `ana.silva@example.net`, from the row's names when the table has them. */
export function createEmailGenerator(build: SemanticBuild): SemanticGenerator {
  const emailParts = createEmailParts(build);
  const rawParts = createEmailParts(build, true);
  const { maxLength } = build;
  const text = ({ first, last, shape, domain }: EmailParts): string => {
    const email = `${localText(shape, first, last)}@${domain}`;
    if (email.length <= maxLength) return email;
    // Too long for the column: the shortest domain, then an initial and as much of the last name as fits.
    const room = maxLength - 1 - SHORTEST_DOMAIN.length;
    if (room >= 2) return `${cut(first[0] + last, room)}@${SHORTEST_DOMAIN}`;
    return cut(first[0] + last, maxLength);
  };
  return {
    escapeFree: EMAILS_ESCAPE_FREE,
    random: (rand, row) => text(emailParts(rand, row)),
    ...(EMAILS_ESCAPE_FREE
      ? {
          write(rand: RowRandom, row: number, out: ByteOut) {
            const parts = rawParts(rand, row);
            const { first, last, shape, domain } = parts;
            const length = localLength(shape, slugLength(first), slugLength(last)) + 1 + domain.length;
            if (length > maxLength) {
              writeAsciiText(out, text(slugged(parts)));
              return;
            }
            out.ensure(length);
            const p = putLocal(out.buf, out.pos, shape, first, last);
            out.buf[p] = AT;
            out.pos = putAscii(out.buf, p + 1, domain);
          },
        }
      : {}),
  };
}

/** Base-36 digits in a unique email's code: 36^6, about 2.2 billion rows. */
const CODE_DIGITS = 6;
export const UNIQUE_EMAIL_SPACE = 36 ** CODE_DIGITS;
/** Room a unique email needs at the least: `a.b.` + code + `@` + a domain. */
export const UNIQUE_EMAIL_MIN_LENGTH = 4 + CODE_DIGITS + 1 + 11;
/** `k.toString(36)`'s digits as bytes. */
const BASE36 = Uint8Array.from('0123456789abcdefghijklmnopqrstuvwxyz', (c) => c.charCodeAt(0));

/**
 * Unique emails from the row's names: `ana.silva.k3x9z2@example.net`. The
 * code before `@` is a fixed-width base-36 form of k (no dots), and it is the
 * text between the last `.` and the `@`, so distinct k give distinct emails
 * whatever the names are; names are cut, never the code, to fit the column.
 * `write` puts the same bytes in the COPY writer's buffer without making the
 * text (where the names fit).
 */
export function createUniqueEmailGenerator(build: SemanticBuild): {
  value(k: number, rand: RowRandom, row: number): string;
  write?(k: number, rand: RowRandom, row: number, out: ByteOut): void;
} {
  const emailParts = createEmailParts(build);
  const rawParts = createEmailParts(build, true);
  const { maxLength } = build;
  const text = (k: number, { first, last, shape, domain }: EmailParts): string => {
    const local = localText(shape, first, last);
    const code = k.toString(36).padStart(CODE_DIGITS, '0');
    const room = maxLength - code.length - domain.length - 2;
    return `${room >= local.length ? local : cut(local, Math.max(room, 1))}.${code}@${domain}`;
  };
  const value = (k: number, rand: RowRandom, row: number): string => text(k, emailParts(rand, row));
  if (!EMAILS_ESCAPE_FREE) return { value };
  return {
    value,
    write(k, rand, row, out) {
      const parts = rawParts(rand, row);
      const { first, last, shape, domain } = parts;
      const local = localLength(shape, slugLength(first), slugLength(last));
      if (local > maxLength - CODE_DIGITS - domain.length - 2 || k >= UNIQUE_EMAIL_SPACE) {
        writeAsciiText(out, text(k, slugged(parts)));
        return;
      }
      out.ensure(local + CODE_DIGITS + 2 + domain.length);
      const buf = out.buf;
      let p = putLocal(buf, out.pos, shape, first, last);
      buf[p] = DOT;
      p += CODE_DIGITS;
      for (let i = 0, x = k; i < CODE_DIGITS; i++, x = Math.floor(x / 36))
        buf[p - i] = BASE36[x % 36] as number;
      buf[p + 1] = AT;
      out.pos = putAscii(buf, p + 2, domain);
    },
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

type PhoneFormat = (area: string, exchange: string, line: string) => string;

/** North American formats, longest first. */
const PHONE_FORMATS: readonly { readonly length: number; readonly format: PhoneFormat }[] = [
  { length: 15, format: (a, e, l) => `+1 ${a}-${e}-${l}` },
  { length: 14, format: (a, e, l) => `(${a}) ${e}-${l}` },
  { length: 12, format: (a, e, l) => `${a}-${e}-${l}` },
  { length: 12, format: (a, e, l) => `${a}.${e}.${l}` },
  { length: 10, format: (a, e, l) => a + e + l },
];

/** The format a column writes its phone numbers in (one per column, as real data has), or null if none fits. */
export function phoneFormatFor(maxLength: number, choice: number): PhoneFormat | null {
  const fit = PHONE_FORMATS.filter((f) => f.length <= maxLength);
  return fit.length === 0 ? null : (fit[choice % fit.length] as { format: PhoneFormat }).format;
}

/** `(212) 555-0199`: a real area and exchange code, in the column's one format. */
export function createPhoneGenerator(build: SemanticBuild): SemanticGenerator {
  const format = phoneFormatFor(build.maxLength, hashString(`${build.table.name}.${build.column.name}`));
  const { maxLength } = build;
  return {
    // Digits and the formats' `+() -.`.
    escapeFree: escapeFreeTexts(AREA_CODES) && escapeFreeTexts(EXCHANGE_CODES),
    random(rand) {
      const line = PAD4[rand.below(10000)] as string;
      if (format === null) return cut(rand.pick(AREA_CODES) + rand.pick(EXCHANGE_CODES) + line, maxLength);
      return format(rand.pick(AREA_CODES), rand.pick(EXCHANGE_CODES), line);
    },
  };
}

const JOBS_ESCAPE_FREE =
  escapeFreeTexts(JOB_DESCRIPTORS) && escapeFreeTexts(JOB_AREAS) && escapeFreeTexts(JOB_TYPES);
/** The longest full job title's length. */
const LONGEST_JOB = longestOf(JOB_DESCRIPTORS) + longestOf(JOB_AREAS) + longestOf(JOB_TYPES) + 2;
/** `0000` … `9999`. */
const PAD4: readonly string[] = Array.from({ length: 10000 }, (_, i) => String(i).padStart(4, '0'));

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
            const descriptor = rand.pick(JOB_DESCRIPTORS);
            const area = rand.pick(JOB_AREAS);
            writeWords(out, descriptor, area, rand.pick(JOB_TYPES));
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

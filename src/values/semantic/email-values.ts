/**
 * Email addresses: `ana.silva@example.net` from the row's names (read from
 * its name columns when the table has them, see person-values.ts'
 * createNameSlugs), and unique ones with a base-36 code before the `@`.
 */

import { type ByteOut, PAD2, writeAsciiText } from '../../checks/digits.js';
import { mix32, type RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { EXAMPLE_DOMAINS } from './locale-data.js';
import { createNameSlugs } from './person-values.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { asciiSlug, cut, putSlug } from './text-fit.js';

const SHORTEST_DOMAIN: string = EXAMPLE_DOMAINS.reduce((a, b) => (b.length < a.length ? b : a));
/**
 * Emails and usernames are made of slugs (`asciiSlug`: a-z, 0-9), digits,
 * `.`, `_`, `@`, base-36 codes and these domains: escape-free when the
 * domains are (they are checked, not assumed).
 */
export const EMAILS_ESCAPE_FREE: boolean = escapeFreeTexts(EXAMPLE_DOMAINS);

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

/**
 * Room for `putLocal`'s bytes of any shape from these names (a slug has at
 * most two bytes a character; a separator and two digits): what it writes
 * is measured after, so the names are read once. Names reach the writers
 * with a slug of at least one byte (`createNameSlugs`), so that measure is
 * `localText`'s length.
 */
function localRoom(first: string, last: string): number {
  return 2 * (first.length + last.length) + 3;
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
            // The local part written where it may go, then measured (no scan of the names for their length).
            out.ensure(localRoom(first, last) + 1 + domain.length);
            const p = putLocal(out.buf, out.pos, shape, first, last);
            if (p - out.pos + 1 + domain.length > maxLength) {
              writeAsciiText(out, text(slugged(parts)));
              return;
            }
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
/**
 * Version 25: a keyed bijection of the codes [0, 36^6) cheaper than a permutation's Feistel network (4
 * rounds a pass): one murmur3 finalizer (`mix32`, a bijection of 32-bit words) of the code XOR a key per
 * pass, walked until it falls below 36^6 (0.51 of 2^32: about 2 passes). Every digit of the code varies
 * however the key's spread k are laid out (evenly spaced k share their low digits).
 */
export function createCodeScramble(key: number): (k: number) => number {
  return (k) => {
    let x = k;
    do x = mix32(x ^ key);
    while (x >= UNIQUE_EMAIL_SPACE);
    return x;
  };
}
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
      // The local part written where it may go, then measured (no scan of the names for their length).
      out.ensure(localRoom(first, last) + CODE_DIGITS + 2 + domain.length);
      const buf = out.buf;
      let p = putLocal(buf, out.pos, shape, first, last);
      if (p - out.pos > maxLength - CODE_DIGITS - domain.length - 2 || k >= UNIQUE_EMAIL_SPACE) {
        writeAsciiText(out, text(k, slugged(parts)));
        return;
      }
      buf[p] = DOT;
      p += CODE_DIGITS;
      // k < 36^6 < 2^32 here: its digits by 32-bit unsigned division (exact; no float division and floor).
      for (let i = 0, x = k >>> 0; i < CODE_DIGITS; i++) {
        const q = (x / 36) >>> 0;
        buf[p - i] = BASE36[x - q * 36] as number;
        x = q;
      }
      buf[p + 1] = AT;
      out.pos = putAscii(buf, p + 2, domain);
    },
  };
}

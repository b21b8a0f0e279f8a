/**
 * Unique places and addresses by construction (see
 * create-semantic-unique-generator.ts): postal codes, IPv4 addresses, URLs,
 * street lines and secondary lines; and distinct moments in a window.
 */
import { formatDate, formatTimestamp, SECONDS_PER_DAY } from '../../checks/calendar.js';
import { padDigits } from '../../checks/digits.js';
import type { TypeRef } from '../../schema/model.js';
import { encodeWord, MAX_ENCODED_WORD_LENGTH } from '../types/words.js';
import { SECONDARY_UNITS, STREET_NAMES } from './locale-data.js';
import { codes, createDigits, distinct, MIN_NAMES, type SemanticUniqueGenerator } from './unique-digits.js';

/** ZIP (`02134`) or ZIP+4 (`02134-0042`) when the column fits ten characters. */
export function postalUnique(max: number): SemanticUniqueGenerator | null {
  if (max < 5) return null;
  if (max < 10) {
    const zip = createDigits([100000]);
    const d: number[] = [0];
    return {
      space: zip.space,
      value(k) {
        zip.split(k, d);
        return padDigits(d[0]!, 5);
      },
    };
  }
  const digits = createDigits([100000, 10000]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${padDigits(d[0]!, 5)}-${padDigits(d[1]!, 4)}`;
    },
  };
}

/** IPv4 addresses with a first octet 1..223 and a last one 1..254, as hosts have. */
export function ipUnique(max: number): SemanticUniqueGenerator | null {
  if (max < 15) return null;
  const digits = createDigits([223, 256, 256, 254]);
  const d: number[] = [0, 0, 0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${1 + d[0]!}.${d[1]}.${d[2]}.${1 + d[3]!}`;
    },
  };
}

/** `https://example.com/abbas-12`. */
export function urlUnique(max: number): SemanticUniqueGenerator | null {
  const prefix = 'https://example.com/';
  if (!Number.isFinite(max) || max >= prefix.length + MAX_ENCODED_WORD_LENGTH) {
    return { space: Number.POSITIVE_INFINITY, value: (k) => prefix + encodeWord(k) };
  }
  return codes(prefix, '', max);
}

/** `4821 Maple Avenue`: a house number, a space, then a street name from the list. */
export function streetUnique(max: number): SemanticUniqueGenerator | null {
  const streets = distinct(STREET_NAMES, max - 6);
  if (streets.length < MIN_NAMES) return null;
  const digits = createDigits([99999, streets.length]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${1 + d[0]!} ${streets[d[1]!]}`;
    },
  };
}

/** `Apt. 512`, `Suite 40`. */
export function secondaryUnique(max: number): SemanticUniqueGenerator | null {
  const units = distinct(SECONDARY_UNITS, max - 6);
  if (units.length === 0) return null;
  const digits = createDigits([units.length, 99999]);
  const d: number[] = [0, 0];
  return {
    space: digits.space,
    value(k) {
      digits.split(k, d);
      return `${units[d[0]!]} ${1 + d[1]!}`;
    },
  };
}

/** Distinct moments (seconds) or days, spread over a window by the digit hash. */
export function timesUnique(base: TypeRef, firstDay: number, lastDay: number): SemanticUniqueGenerator {
  const d: number[] = [0];
  if (base.name === 'date') {
    const days = createDigits([lastDay - firstDay]);
    return {
      space: days.space,
      value(k) {
        days.split(k, d);
        return formatDate(firstDay + d[0]!);
      },
    };
  }
  const start = firstDay * SECONDS_PER_DAY;
  const seconds = createDigits([(lastDay - firstDay) * SECONDS_PER_DAY]);
  const zone = base.name === 'timestamptz' ? '+00' : '';
  return {
    space: seconds.space,
    value(k) {
      seconds.split(k, d);
      return formatTimestamp(start + d[0]!) + zone;
    },
  };
}

/**
 * faker's lorem words that no other en dictionary holds (`victoria` and
 * `arbor` are city words too, `video` an English noun): a value holding one
 * of these was made of lorem.
 */
import { EN } from '../../src/values/locale-definitions.js';

function wordsOf(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    for (const w of value.toLowerCase().split(/[^a-z]+/)) if (w !== '') into.add(w);
  } else if (Array.isArray(value)) {
    for (const v of value) wordsOf(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) wordsOf(v, into);
  }
}

/** Lorem words that are English words too, which no other en dictionary of faker happens to hold. */
const ENGLISH_TOO: ReadonlySet<string> = new Set(['error']);

function latinOnly(): ReadonlySet<string> {
  const other = new Set<string>();
  for (const [key, value] of Object.entries(EN)) if (key !== 'lorem') wordsOf(value, other);
  const lorem = new Set<string>();
  wordsOf(EN.lorem, lorem);
  // Three letters are as often a code's letters (`PEL-00412`) as a lorem word; `error` is English as much as
  // Latin (Quartz's trigger state `ERROR`, generator version 14).
  return new Set([...lorem].filter((w) => !other.has(w) && w.length > 3 && !ENGLISH_TOO.has(w)));
}

/** The lorem-only words. */
export const LATIN_ONLY: ReadonlySet<string> = latinOnly();

/** The lorem-only words of a text, in order. */
export function latinWordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => LATIN_ONLY.has(w));
}

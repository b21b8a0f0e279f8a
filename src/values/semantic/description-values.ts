/**
 * Descriptions: one to three English sentences from word-list shapes
 * (faker's adjectives, nouns, verbs and adverbs), written as text or straight
 * into the COPY chunk, ending at a word boundary within the column's limit.
 */
import type { ByteOut } from '../../checks/digits.js';
import { lazyTable } from '../lazy-table.js';
import type { RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { ADJECTIVES, ADVERBS, NOUNS, VERBS } from './locale-data.js';
import {
  type EncodedList,
  encodeList,
  putEntry,
  type SemanticBuild,
  type SemanticGenerator,
} from './semantic-generator.js';
import { cut, cutAtWord } from './text-fit.js';

/** Sentence shapes over English words: {a} adjective, {n} noun, {v} verb, {d} adverb. */
const SENTENCES: readonly string[] = [
  'The {a} {n} will {v} the {n}.',
  'A {a} {n} for every {n}.',
  'Our {n} can {v} {d}.',
  'This {n} is {a} and {a}.',
  'Each {n} helps you {v} the {a} {n}.',
  'We {d} {v} the {n} before the {n}.',
  'A {n} with a {a} {n} and a {a} {n}.',
  'The {n} should {v} {d}, not the {n}.',
];

/** A word list with its article's end in front: `n apple`, ` river` (after a literal `a`/`A`). */
function articled(list: readonly string[]): readonly string[] {
  return list.map((w) => (/^[aeiou]/.test(w) ? `n ${w}` : ` ${w}`));
}

const WORD_SLOTS: Readonly<Record<string, readonly string[]>> = {
  a: ADJECTIVES,
  v: VERBS,
  d: ADVERBS,
  n: NOUNS,
};
/** The sentence shapes split into parts and encoded, built on first use (lazy-table.ts). */
interface SentenceTables {
  readonly parts: readonly (readonly (string | readonly string[])[])[];
  /** Every literal and word of the sentence shapes is printable ASCII without a backslash. */
  readonly escapeFree: boolean;
  /** The parts encoded once (they are escape-free), for the byte writer: see `encodeSentences`. */
  readonly bytes: { readonly list: EncodedList; readonly shapes: readonly Int32Array[] };
  /** The most characters one sentence can have (its literals and each slot's longest word). */
  readonly longest: number;
}

/**
 * Each sentence shape as literal text and word slots (`{n}` noun, `{a}`
 * adjective, `{v}` verb, `{d}` adverb), split once. A slot after the word
 * `a` picks from its list with the article's end in front (`a` + `n apple`),
 * so "an" before a vowel costs nothing per sentence (no word is `a` itself).
 */
function sentenceParts(
  articledSlots: Readonly<Record<string, readonly string[]>>,
): readonly (readonly (string | readonly string[])[])[] {
  return SENTENCES.map((shape) => {
    const parts: (string | readonly string[])[] = [];
    for (const part of shape.split(/(\{[navd]\})/)) {
      if (part === '') continue;
      const slot = /^\{([navd])\}$/.exec(part)?.[1];
      if (slot === undefined) {
        parts.push(part);
        continue;
      }
      const before = parts[parts.length - 1];
      if (typeof before === 'string' && /(^|[^A-Za-z])[Aa] $/.test(before)) {
        parts[parts.length - 1] = before.slice(0, -1);
        parts.push(articledSlots[slot] as readonly string[]);
      } else parts.push(WORD_SLOTS[slot] as readonly string[]);
    }
    return parts;
  });
}

/**
 * The parts encoded once, for the byte writer: the word lists' entries and
 * every literal in one list, and each shape as pairs (first entry, entries
 * to pick from; 0 for a literal: no draw).
 */
function encodeSentences(
  articledSlots: Readonly<Record<string, readonly string[]>>,
  sentenceShapes: readonly (readonly (string | readonly string[])[])[],
  escapeFree: boolean,
): SentenceTables['bytes'] {
  const entries: string[] = [];
  const firstEntry = new Map<readonly string[], number>();
  for (const list of [...Object.values(WORD_SLOTS), ...Object.values(articledSlots)]) {
    firstEntry.set(list, entries.length);
    entries.push(...list);
  }
  const shapes = sentenceShapes.map((parts) =>
    Int32Array.from(
      parts.flatMap((part) => {
        if (typeof part !== 'string') return [firstEntry.get(part) as number, part.length];
        entries.push(part);
        return [entries.length - 1, 0];
      }),
    ),
  );
  return { list: encodeList(escapeFree ? entries : []), shapes };
}

const sentenceTables = lazyTable((): SentenceTables => {
  const articledSlots = {
    a: articled(ADJECTIVES),
    v: articled(VERBS),
    d: articled(ADVERBS),
    n: articled(NOUNS),
  };
  const parts = sentenceParts(articledSlots);
  const escapeFree = parts.every((shape) =>
    shape.every((part) => (typeof part === 'string' ? escapeFreeTexts([part]) : escapeFreeTexts(part))),
  );
  const longest = Math.max(
    ...parts.map((shape) =>
      shape.reduce(
        (sum, part) =>
          sum + (typeof part === 'string' ? part.length : Math.max(...part.map((w) => w.length))),
        0,
      ),
    ),
  );
  return { parts, escapeFree, bytes: encodeSentences(articledSlots, parts, escapeFree), longest };
});

function sentence(rand: RowRandom, sentenceShapes: SentenceTables['parts']): string {
  const parts = rand.pick(sentenceShapes);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string | readonly string[];
    out += typeof part === 'string' ? part : part[rand.below(part.length)];
  }
  return out;
}

/**
 * `sentence(rand)`'s bytes (the same draws) written into `buf` at `p`, which
 * has room for the longest sentence's bytes; returns the position after them.
 */
function writeSentence(
  rand: RowRandom,
  encoded: SentenceTables['bytes'],
  buf: Uint8Array,
  p: number,
): number {
  const ops = encoded.shapes[rand.below(encoded.shapes.length)] as Int32Array;
  const list = encoded.list;
  for (let i = 0; i < ops.length; i += 2) {
    const words = ops[i + 1] as number;
    p = putEntry(buf, p, list, words === 0 ? (ops[i] as number) : (ops[i] as number) + rand.below(words));
  }
  return p;
}

/**
 * `cut(text, max).length` for ASCII `text` longer than `max` held in
 * `buf` from `start`: its first `max` bytes, less the blanks they end in.
 */
function cutLength(buf: Uint8Array, start: number, max: number): number {
  let end = max;
  while (end > 0 && buf[start + end - 1] === 32) end--;
  return end === 0 ? max : end;
}

/** `cutAtWord(text, max).length` for ASCII `text` longer than `max` held in `buf` from `start`. */
function cutAtWordLength(buf: Uint8Array, start: number, max: number): number {
  if (buf[start + max] === 32) return cutLength(buf, start, max);
  let end = max;
  while (end >= 0 && buf[start + end] !== 32) end--;
  return end >= max / 2 ? end : cutLength(buf, start, max);
}

/** One to three sentences of English words (faker's word lists), ending at a word boundary within the limit. */
export function createDescriptionGenerator(build: SemanticBuild): SemanticGenerator {
  const { maxLength } = build;
  const long = build.tokens.includes('body') || build.tokens.includes('content');
  const maxSentences = long ? 6 : 3;
  const shorten = build.version >= 3 ? cutAtWord : cut;
  const shortenedLength = build.version >= 3 ? cutAtWordLength : cutLength;
  const { parts, escapeFree, bytes, longest } = sentenceTables();
  return {
    escapeFree,
    // The bytes `random` makes, written as drawn (the same draws), with no string built: a sentence
    // past the limit is taken back (the first one shortened as `random` does).
    ...(escapeFree
      ? {
          write(rand: RowRandom, _row: number, out: ByteOut) {
            const sentences = 1 + rand.below(maxSentences);
            out.ensure(sentences * (longest + 1));
            const buf = out.buf;
            const start = out.pos;
            let p = writeSentence(rand, bytes, buf, start);
            if (p - start > maxLength) {
              out.pos = start + shortenedLength(buf, start, maxLength);
              return;
            }
            for (let s = 1; s < sentences; s++) {
              const before = p;
              buf[p++] = 32;
              p = writeSentence(rand, bytes, buf, p);
              if (p - start > maxLength) {
                p = before;
                break;
              }
            }
            out.pos = p;
          },
        }
      : {}),
    random(rand) {
      const sentences = 1 + rand.below(maxSentences);
      let out = '';
      for (let s = 0; s < sentences; s++) {
        const next = out === '' ? sentence(rand, parts) : `${out} ${sentence(rand, parts)}`;
        if (next.length > maxLength) {
          if (out === '') out = shorten(next, maxLength);
          break;
        }
        out = next;
      }
      return out;
    },
  };
}

/**
 * Descriptions: one to three English sentences from word-list shapes
 * (faker's adjectives, nouns, verbs and adverbs), written as text or straight
 * into the COPY chunk, ending at a word boundary within the column's limit.
 */
import type { ByteOut } from '../../checks/digits.js';
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
const ARTICLED_SLOTS: Readonly<Record<string, readonly string[]>> = {
  a: articled(ADJECTIVES),
  v: articled(VERBS),
  d: articled(ADVERBS),
  n: articled(NOUNS),
};

/**
 * Each sentence shape as literal text and word slots (`{n}` noun, `{a}`
 * adjective, `{v}` verb, `{d}` adverb), split once. A slot after the word
 * `a` picks from its list with the article's end in front (`a` + `n apple`),
 * so "an" before a vowel costs nothing per sentence (no word is `a` itself).
 */
const SENTENCE_PARTS: readonly (readonly (string | readonly string[])[])[] = SENTENCES.map((shape) => {
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
      parts.push(ARTICLED_SLOTS[slot] as readonly string[]);
    } else parts.push(WORD_SLOTS[slot] as readonly string[]);
  }
  return parts;
});

/** Every literal and word of the sentence shapes is printable ASCII without a backslash. */
const SENTENCES_ESCAPE_FREE: boolean = SENTENCE_PARTS.every((parts) =>
  parts.every((part) => (typeof part === 'string' ? escapeFreeTexts([part]) : escapeFreeTexts(part))),
);

function sentence(rand: RowRandom): string {
  const parts = rand.pick(SENTENCE_PARTS);
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string | readonly string[];
    out += typeof part === 'string' ? part : part[rand.below(part.length)];
  }
  return out;
}

/**
 * SENTENCE_PARTS encoded once (they are escape-free), for the byte writer:
 * the word lists' entries and every literal in one list, and each shape as
 * pairs (first entry, entries to pick from; 0 for a literal: no draw).
 */
const SENTENCE_BYTES: { readonly list: EncodedList; readonly shapes: readonly Int32Array[] } = (() => {
  const entries: string[] = [];
  const firstEntry = new Map<readonly string[], number>();
  for (const list of [...Object.values(WORD_SLOTS), ...Object.values(ARTICLED_SLOTS)]) {
    firstEntry.set(list, entries.length);
    entries.push(...list);
  }
  const shapes = SENTENCE_PARTS.map((parts) =>
    Int32Array.from(
      parts.flatMap((part) => {
        if (typeof part !== 'string') return [firstEntry.get(part) as number, part.length];
        entries.push(part);
        return [entries.length - 1, 0];
      }),
    ),
  );
  return { list: encodeList(SENTENCES_ESCAPE_FREE ? entries : []), shapes };
})();

/** The most characters one sentence can have (its literals and each slot's longest word). */
const LONGEST_SENTENCE: number = Math.max(
  ...SENTENCE_PARTS.map((parts) =>
    parts.reduce(
      (sum, part) => sum + (typeof part === 'string' ? part.length : Math.max(...part.map((w) => w.length))),
      0,
    ),
  ),
);

/**
 * `sentence(rand)`'s bytes (the same draws) written into `buf` at `p`, which
 * has room for LONGEST_SENTENCE bytes; returns the position after them.
 */
function writeSentence(rand: RowRandom, buf: Uint8Array, p: number): number {
  const ops = SENTENCE_BYTES.shapes[rand.below(SENTENCE_BYTES.shapes.length)] as Int32Array;
  const list = SENTENCE_BYTES.list;
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
  return {
    escapeFree: SENTENCES_ESCAPE_FREE,
    // The bytes `random` makes, written as drawn (the same draws), with no string built: a sentence
    // past the limit is taken back (the first one shortened as `random` does).
    ...(SENTENCES_ESCAPE_FREE
      ? {
          write(rand: RowRandom, _row: number, out: ByteOut) {
            const sentences = 1 + rand.below(maxSentences);
            out.ensure(sentences * (LONGEST_SENTENCE + 1));
            const buf = out.buf;
            const start = out.pos;
            let p = writeSentence(rand, buf, start);
            if (p - start > maxLength) {
              out.pos = start + shortenedLength(buf, start, maxLength);
              return;
            }
            for (let s = 1; s < sentences; s++) {
              const before = p;
              buf[p++] = 32;
              p = writeSentence(rand, buf, p);
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
        const next = out === '' ? sentence(rand) : `${out} ${sentence(rand)}`;
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

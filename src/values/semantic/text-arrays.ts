/**
 * Arrays of text (generator version 3; version 2 wrote lorem sentences):
 * `tags text[]`, `roles varchar(20)[]`, `aliases text[]` hold 0 to 5
 * distinct values of their element's meaning, read from the column's name
 * in the singular (`emails` → email, `urls` → url); a name with no other
 * meaning takes single words of a per-column vocabulary, as tags repeat.
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { quoteArrayElement } from '../types/array.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { createSemanticGenerator } from './create-semantic-generator.js';
import { detectSemantic } from './detect-semantic.js';
import { createBuild, type RowContext } from './semantic-generator.js';
import { type SemanticKind, typeFamilyOf } from './semantic-kind.js';
import { isTagColumn } from './tag-words.js';
import { labelVocabulary } from './text-values.js';

/** The most elements a text array gets. */
const MAX_ELEMENTS = 5;
/** Kinds whose elements are words of the column's vocabulary. */
const WORD_KINDS: ReadonlySet<SemanticKind> = new Set(['phrase', 'label', 'category']);

/** `categories` → category, `aliases` → alias, `tags` → tag, `status` stays. */
function singular(name: string): string {
  if (/ies$/i.test(name)) return `${name.slice(0, -3)}y`;
  if (/(ses|xes|ches|shes)$/i.test(name)) return name.slice(0, -2);
  if (/[^su]s$/i.test(name)) return name.slice(0, -1);
  return name;
}

/**
 * The element meaning of a one-dimensional array of a text type (version
 * 3), or null (version 2, other arrays): the singular name's meaning first.
 */
export function textArrayKind(
  table: Table,
  column: Column,
  base: TypeRef,
  version: number,
): SemanticKind | null {
  if (version < 3 || base.arrayDims !== 1 || typeFamilyOf(base.name) !== 'text') return null;
  const element: TypeRef = { ...base, arrayDims: 0 };
  const one = singular(column.name);
  const named =
    one === column.name ? null : detectSemantic(table, { ...column, name: one }, element, version);
  return named ?? detectSemantic(table, column, element, version);
}

/**
 * 0 to 5 distinct elements (fewer where the vocabulary is smaller): a
 * vocabulary's words from a start and a stride (distinct by construction),
 * other meanings drawn until distinct, a few tries each.
 */
export function createTextArrayGenerator(
  kind: SemanticKind,
  table: Table,
  column: Column,
  base: TypeRef,
  ctx: RowContext,
): { readonly random: (rand: RowRandom, row: number) => string; readonly escapeFree: boolean } {
  const element: TypeRef = { ...base, arrayDims: 0 };
  const build = createBuild(table, column, element, ctx);
  // Version 17: tags are the table's subject's tag words, popular ones most often (tag-words.ts), drawn below.
  const tags = build.version >= 17 && isTagColumn(table, column);
  if (WORD_KINDS.has(kind) && !tags) {
    const words = labelVocabulary(build).map((w) => quoteArrayElement(w));
    const n = words.length;
    return {
      escapeFree: escapeFreeTexts(words),
      random(rand) {
        const count = Math.min(n, rand.below(MAX_ELEMENTS + 1));
        if (count === 0) return '{}';
        const start = rand.below(n);
        // A stride coprime to n (n <= 12: 1, 5, 7 or 11 are, for every n but multiples of them).
        let stride = 1 + rand.below(n);
        while (gcd(stride, n) !== 1) stride--;
        let out = `{${words[start]}`;
        for (let i = 1; i < count; i++) out += `,${words[(start + i * stride) % n]}`;
        return `${out}}`;
      },
    };
  }
  const semantic = createSemanticGenerator(kind, table, column, element, ctx);
  return {
    escapeFree: false,
    random(rand, row) {
      const count = rand.below(MAX_ELEMENTS + 1);
      const seen: string[] = [];
      for (let tries = 0; seen.length < count && tries < count * 4; tries++) {
        const value = semantic.random(rand, row);
        if (value !== null && !seen.includes(value)) seen.push(value);
      }
      return `{${seen.map((v) => quoteArrayElement(v)).join(',')}}`;
    },
  };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

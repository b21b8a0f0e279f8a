/**
 * The types whose values are made of words (text, json, xml, text search,
 * hstore, ltree, jsonpath) over a given word list: `TypeContext.words`
 * (generator version 3: readable words instead of lorem).
 */
import { createJsonSupport, createXmlSupport } from './document.js';
import { createHstoreSupport, createLtreeSupport } from './extension.js';
import type { TypeSupport } from './generator.js';
import { createJsonpathSupport } from './jsonpath.js';
import { createCitextSupport, createTextSupport } from './text.js';
import { createTextSearchSupports } from './text-search.js';

/**
 * The types whose values are made of words, over other words than lorem
 * (`TypeContext.words`, generator version 3), built once per word list.
 */
const WORD_SUPPORTS = new WeakMap<readonly string[], Readonly<Record<string, TypeSupport>>>();

export function wordSupports(words: readonly string[]): Readonly<Record<string, TypeSupport>> {
  let supports = WORD_SUPPORTS.get(words);
  if (!supports) {
    const text = createTextSupport(words);
    const json = createJsonSupport(words);
    const search = createTextSearchSupports(words);
    supports = {
      text,
      varchar: text,
      bpchar: text,
      name: text,
      refcursor: text,
      citext: createCitextSupport(text),
      json,
      jsonb: json,
      xml: createXmlSupport(words),
      tsvector: search.tsvector,
      tsquery: search.tsquery,
      jsonpath: createJsonpathSupport(words),
      hstore: createHstoreSupport(words),
      ltree: createLtreeSupport(words),
    };
    WORD_SUPPORTS.set(words, supports);
  }
  return supports;
}

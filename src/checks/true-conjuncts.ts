/**
 * Version 31: a CHECK's `(A AND B) IS TRUE` read as its conjuncts `A IS TRUE`
 * and `B IS TRUE` (IS TRUE of an AND is true only when each part is), so
 * each is compiled or evaluated alone, and an equation among them computed
 * (Webstudio's `AssetFileMetadata`: `(jsonb_typeof(document) = 'object' AND
 * document ->> '_id' = "assetId" AND ...) IS TRUE`, whose table stayed
 * empty). Before, the test was one opaque conjunct.
 */
import { conjuncts } from './compile-formula.js';
import { child } from './expression-nodes.js';

export const IS_TRUE_SPLIT_FROM = 31;

/** `x IS TRUE`'s x, else undefined. */
export function isTrueArg(ast: unknown): unknown {
  const test = child(ast, 'BooleanTest');
  return test?.booltesttype === 'IS_TRUE' ? test.arg : undefined;
}

const isTrue = (arg: unknown) => ({ BooleanTest: { arg, booltesttype: 'IS_TRUE' } });

/** The CHECK's top-level conjuncts; from version 31 an AND under IS TRUE split too (see the file's comment). */
export function checkConjuncts(ast: unknown, generatorVersion: number | undefined): unknown[] {
  const parts = conjuncts(ast);
  if ((generatorVersion ?? 0) < IS_TRUE_SPLIT_FROM) return parts;
  return parts.flatMap((part) => {
    const arg = isTrueArg(part);
    if (arg === undefined) return [part];
    const inner = checkConjuncts(arg, generatorVersion);
    return inner.length === 1 ? [part] : inner.map((p) => (isTrueArg(p) === undefined ? isTrue(p) : p));
  });
}

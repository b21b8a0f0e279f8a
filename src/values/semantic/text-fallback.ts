/**
 * The meaning of a text column whose name tells none of the realistic kinds
 * (generator version 2): a hash or token, a code, a label-like column
 * (`kind`, `status`, or a short type), a category, else readable words.
 */
import type { TypeRef } from '../../schema/model.js';
import type { SemanticKind } from './semantic-kind.js';
import { textMaxLength } from './text-fit.js';

const TOKEN_WORDS = new Set(
  'id uuid guid hash token checksum digest signature secret salt nonce fingerprint'.split(' '),
);
const CODE_WORDS = new Set('code sku ref reference number num no barcode serial'.split(' '));
const LABEL_WORDS = new Set(
  (
    'kind type category status label tag tags group level base source mode tier grade rank stage ' +
    'severity role priority class state region district flag variant segment channel platform format ' +
    'visibility gender sex unit size verified confirmed enabled active visible'
  ).split(' '),
);
const CATEGORY_WORDS = new Set('category genre department'.split(' '));
/** A varchar(n) or char(n) this short holds labels, not sentences. */
const SHORT_TEXT = 16;

/** The kind of a text column with no other meaning, from its name's words and its type's length. */
export function textFallbackKind(tokens: readonly string[], base: TypeRef): SemanticKind {
  const last = tokens[tokens.length - 1] ?? '';
  if (CATEGORY_WORDS.has(last)) return 'category';
  if (TOKEN_WORDS.has(last)) return 'token';
  if (CODE_WORDS.has(last)) return 'code';
  if (LABEL_WORDS.has(last) || textMaxLength(base) <= SHORT_TEXT) return 'label';
  return 'phrase';
}

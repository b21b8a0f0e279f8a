/**
 * Types made by common extensions, which DDL uses without defining them.
 */

/** Extension types that DDL commonly uses unqualified, by extension. */
export const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  citext: 'citext',
  hstore: 'hstore',
  ltree: 'ltree',
  lquery: 'ltree',
  ltxtquery: 'ltree',
  cube: 'cube',
  earth: 'earthdistance',
  isbn: 'isn',
  isbn13: 'isn',
  ean13: 'isn',
  issn: 'isn',
  issn13: 'isn',
  ismn: 'isn',
  upc: 'isn',
  seg: 'seg',
  geometry: 'postgis',
  geography: 'postgis',
  vector: 'vector',
  halfvec: 'vector',
  sparsevec: 'vector',
};

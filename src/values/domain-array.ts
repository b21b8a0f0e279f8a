/**
 * Arrays of a domain (`code[]` over `CREATE DOMAIN code AS text CHECK (VALUE
 * ~ '^[A-Z]{3}$')`): PostgreSQL checks the domain's CHECKs on every element,
 * so elements are made to those CHECKs as a column of the domain would be.
 * Arrays contained in a constant list (`tags <@ ARRAY['a', 'b']`): elements
 * picked from the list.
 */
import { generatorHints, needsCheckGenerator } from '../checks/check-hints.js';
import { domainElementChecks, type TypeLookup } from '../checks/type-resolution.js';
import type { TypeRef } from '../schema/model.js';
import { createCheckGenerator } from './check-generator.js';
import { createArrayGenerator, quoteArrayElement } from './types/array.js';
import { createValueGenerator, type ValueGenerator } from './types/index.js';

/** A generator of `base` (an array over a domain) whose elements meet the domain's CHECKs; null for other types. */
export function domainArrayGenerator(
  where: string,
  base: TypeRef,
  lookup: TypeLookup,
): ValueGenerator | null {
  if (base.arrayDims === 0 || lookup.resolveType(base.schema, base.name)?.kind !== 'domain') return null;
  const element = domainElementChecks(base, lookup);
  const hints = element.hints;
  const plain = createValueGenerator(element.base, lookup, generatorHints(hints));
  const checked = needsCheckGenerator(hints, element.base)
    ? createCheckGenerator(
        `${where} (elements, domain ${element.domains.join(' → ')})`,
        element.base,
        hints,
        lookup,
        plain,
      )
    : null;
  const inner: ValueGenerator = checked
    ? { random: (rand) => checked.random(rand) ?? plain.random(rand) }
    : plain;
  return createArrayGenerator(inner, base.arrayDims, ',');
}

/**
 * A 1-D array whose elements are among `values` (`x <@ ARRAY['a', 'b']`):
 * 0..5 elements (within the CHECKs' cardinality bounds) picked from the list;
 * `{}` when the list is empty. Null for a multi-dimensional array.
 */
export function listedElementsGenerator(
  base: TypeRef,
  values: readonly string[],
  cardinality: { readonly min?: number; readonly max?: number },
): ValueGenerator | null {
  if (base.arrayDims !== 1) return null;
  const min = Math.max(0, cardinality.min ?? 0);
  const max = values.length === 0 ? 0 : Math.max(min, Math.min(cardinality.max ?? 5, min + 5));
  const quoted = values.map((v) => quoteArrayElement(v));
  return {
    random(rand) {
      const n = min + rand.below(max - min + 1);
      if (quoted.length === 0) return '{}';
      const items: string[] = [];
      for (let i = 0; i < n; i++) items.push(quoted[rand.below(quoted.length)] ?? '');
      return `{${items.join(',')}}`;
    },
  };
}

/**
 * Arrays of a domain (`code[]` over `CREATE DOMAIN code AS text CHECK (VALUE
 * ~ '^[A-Z]{3}$')`): PostgreSQL checks the domain's CHECKs on every element,
 * so elements are made to those CHECKs as a column of the domain would be.
 */
import { generatorHints, needsCheckGenerator } from '../checks/check-hints.js';
import { domainElementChecks, type TypeLookup } from '../checks/type-resolution.js';
import type { TypeRef } from '../schema/model.js';
import { createCheckGenerator } from './check-generator.js';
import { createArrayGenerator } from './types/array.js';
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

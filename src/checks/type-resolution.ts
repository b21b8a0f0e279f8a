/**
 * Follows domains down to their base type, gathering what each level adds
 * (NOT NULL, CHECKs), so a column over `year` (a domain over integer with a
 * CHECK) is planned as a bounded integer.
 */

import type { CheckConstraint, Schema, TypeDefinition, TypeRef } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { effectiveGeneratorVersion } from '../version.js';
import type { ColumnHints } from './check-hints.js';
import { compileChecks, defaultReferenceTime, nowReadings } from './compile-checks.js';
import type { FormulaOptions } from './compile-formula.js';

export interface TypeLookup {
  resolveType(schema: string, name: string): TypeDefinition | undefined;
  /** The run's generator version, which domain CHECKs inside other types are compiled under (domainCheckOptions). */
  readonly generatorVersion?: number;
}

/**
 * The options a domain's CHECKs are compiled with where no table plans them (an array's elements, a composite's
 * fields): from generator version 19 on the run's version, so they are read as a column's CHECKs are (version
 * 18's patterns over lower/upper/btrim: `lower(VALUE) ~ '^[a-z]+$'`); before, undefined (read as before 18).
 */
export function domainCheckOptions(lookup: {
  readonly generatorVersion?: number;
}): FormulaOptions | undefined {
  const version = lookup.generatorVersion;
  if (version === undefined || version < 19) return undefined;
  return { ...nowReadings(defaultReferenceTime()), generatorVersion: version };
}

/** `generatorVersion`: the run's (see domainCheckOptions); unset where no CHECK is compiled to make values. */
export function createTypeLookup(schema: Schema, generatorVersion?: number): TypeLookup {
  const byName = new Map(schema.types.map((t) => [nameKey(t), ofVersion(t, generatorVersion)]));
  // A multirange is generated from its range's definition (the generators know it by either name).
  for (const t of schema.types) {
    if (t.kind === 'range' && t.multirange && !byName.has(nameKey(t.multirange)))
      byName.set(nameKey(t.multirange), t);
  }
  // Every table is also a composite type of its columns (`home addr` where addr is a table).
  for (const t of schema.tables) {
    const key = nameKey(t);
    if (byName.has(key)) continue;
    const attributes = t.columns.map((c) => ({ name: c.name, type: c.type }));
    byName.set(key, { kind: 'composite', schema: t.schema, name: t.name, attributes });
  }
  const resolveType = (s: string, name: string) => byName.get(nameKey({ schema: s, name }));
  return generatorVersion === undefined ? { resolveType } : { resolveType, generatorVersion };
}

/**
 * A domain as a generator version reads it: before 23, its CHECKs' calls of an overloaded one-expression
 * function unread (`CheckConstraint.before23`: input/ddl/inline-checks.ts resolves them by VALUE's type).
 */
function ofVersion(t: Schema['types'][number], version: number | undefined): Schema['types'][number] {
  if (
    t.kind !== 'domain' ||
    effectiveGeneratorVersion(version) >= 23 ||
    !t.checks.some((c) => c.before23 !== undefined)
  )
    return t;
  return { ...t, checks: t.checks.map((c) => (c.before23 === undefined ? c : { ...c, expr: c.before23 })) };
}

export interface ResolvedType {
  /** The first non-domain type (arrays keep the column's dimensions). */
  readonly base: TypeRef;
  readonly notNull: boolean;
  /** CHECKs of every domain level, each over `VALUE`. */
  readonly checks: readonly CheckConstraint[];
  readonly domains: readonly string[];
}

export function resolveDomains(type: TypeRef, lookup: TypeLookup): ResolvedType {
  let current = type;
  let notNull = false;
  const checks: CheckConstraint[] = [];
  const domains: string[] = [];
  for (let depth = 0; depth < 32; depth++) {
    const def = lookup.resolveType(current.schema, current.name);
    if (def?.kind !== 'domain' || current.arrayDims > 0) break;
    domains.push(`${def.schema}.${def.name}`);
    notNull ||= def.notNull;
    checks.push(...def.checks);
    current = { ...def.baseType, arrayDims: def.baseType.arrayDims + current.arrayDims };
  }
  return { base: current, notNull, checks, domains };
}

/**
 * The element type of an array over a domain, with the domain's CHECKs
 * compiled to element hints (elements are never NULL, so `VALUE IS NULL OR
 * …` is its other branch); `unsupported` lists CHECKs that are not.
 */
export function domainElementChecks(
  type: TypeRef,
  lookup: TypeLookup,
): ResolvedType & { readonly hints: ColumnHints; readonly unsupported: readonly string[] } {
  const element = resolveDomains({ ...type, arrayDims: 0 }, lookup);
  const compiled = compileChecks(
    element.checks.map((c) => c.expr),
    domainCheckOptions(lookup),
    new Set(['value']),
  );
  return { ...element, hints: compiled.hints.get('value') ?? {}, unsupported: compiled.unsupported };
}

/**
 * The first CHECK of a domain inside a composite type's fields (at any depth,
 * through arrays) that the value generators cannot make values to (they make
 * fields only to bounds, value lists and patterns), or undefined.
 */
export function unsupportedFieldCheck(
  type: TypeRef,
  lookup: TypeLookup,
  depth = 0,
): { readonly domains: readonly string[]; readonly text: string } | undefined {
  if (depth > 8) return undefined;
  const base = resolveDomains({ ...type, arrayDims: 0 }, lookup).base;
  const def = lookup.resolveType(base.schema, base.name);
  if (def?.kind !== 'composite') return undefined;
  for (const attribute of def.attributes) {
    const field = domainElementChecks(attribute.type, lookup);
    const text = field.unsupported[0];
    if (text !== undefined) return { domains: field.domains, text };
    const deeper = unsupportedFieldCheck(field.base, lookup, depth + 1);
    if (deeper) return deeper;
  }
  return undefined;
}

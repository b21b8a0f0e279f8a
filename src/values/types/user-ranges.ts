/**
 * Range and multirange types the schema defines (CREATE TYPE ... AS RANGE):
 * values over their subtype followed through its domains, whose CHECKs bound
 * the range's bounds; and the range a multirange name belongs to.
 */
import { generatorHints } from '../../checks/check-hints.js';
import { compileChecks } from '../../checks/compile-checks.js';
import type { RangeType, TypeRef } from '../../schema/model.js';
import { rangeNamesForMultirange } from '../../schema/names.js';
import { intersectHints } from './domain-hints.js';
import { type GeneratorHints, type TypeContext, type TypeSupport, unknownTypeError } from './generator.js';
import { arrayRangeSubtype, createRangeSupport, rangeSubtype } from './range.js';
import { boundedRangeSubtype } from './range-bounds.js';

/** The hints a range over a domain makes its bounds to (others, `VALUE <> 0`, patterns, leave it without values). */
const RANGE_BOUND_HINTS: ReadonlySet<string> = new Set([
  'min',
  'max',
  'minExclusive',
  'maxExclusive',
  'notNull',
]);

export interface UserRangeDeps {
  readonly resolveType: TypeContext['resolveType'];
  /** The type under PostgreSQL's own name (`integer` → int4). */
  normalise(type: TypeRef): TypeRef;
  /** A built-in type datagen makes itself (not a domain of that name). */
  isBuiltin(type: TypeRef): boolean;
  /** How deep a chain of domains may go. */
  readonly maxDepth: number;
  /** Whether a range over an integer array gets values (generator version 24). */
  readonly arrayBounds: boolean;
}

export interface UserRanges {
  /** Values of a user range (`multi`: of its multirange); UNKNOWN_TYPE when its subtype or CHECKs leave no bounds. */
  rangeSupport(def: RangeType, type: TypeRef, multi: boolean): TypeSupport;
  /** The user range whose multirange `type` is (PostgreSQL's default name, or `multirange_type_name`). */
  multirangeOf(type: TypeRef): RangeType | undefined;
}

export function createUserRanges(deps: UserRangeDeps): UserRanges {
  /** A range's subtype with its domains followed: the base type, every level's bounds, a CHECK not read as bounds. */
  const subtypeDomains = (subtype: TypeRef, type: TypeRef) => {
    let base = deps.normalise(subtype);
    let hints: GeneratorHints = {};
    let unreadable: string | undefined;
    for (let depth = 0; depth <= deps.maxDepth; depth++) {
      const def = deps.isBuiltin(base) ? undefined : deps.resolveType(base.schema, base.name);
      if (def?.kind !== 'domain') break;
      const compiled = compileChecks(def.checks.map((c) => c.expr));
      unreadable ??= compiled.unsupported[0];
      const own = compiled.hints.get('value');
      const other = own && Object.keys(own).find((k) => !RANGE_BOUND_HINTS.has(k));
      if (other !== undefined) unreadable ??= def.checks.map((c) => c.expr.text).join(' AND ');
      hints = intersectHints(type, hints, own ? generatorHints(own) : undefined);
      base = deps.normalise(def.baseType);
    }
    return { base, hints, unreadable };
  };

  const rangeSupport = (def: RangeType, type: TypeRef, multi: boolean): TypeSupport => {
    const { base, hints, unreadable } = subtypeDomains(def.subtype, type);
    const shown = `${def.subtype.name}${def.subtype.arrayDims > 0 ? '[]' : ''}`;
    if (
      base.arrayDims === 1 &&
      deps.arrayBounds &&
      unreadable === undefined &&
      Object.keys(hints).length === 0
    ) {
      const versions = arrayRangeSubtype(base.name);
      if (versions) return createRangeSupport(versions, multi);
    }
    const plain = base.arrayDims === 0 ? rangeSubtype(base.name) : undefined;
    if (!plain) throw unknownTypeError(type, `range over ${shown} is not supported`);
    if (unreadable !== undefined)
      throw unknownTypeError(
        type,
        `range over ${def.subtype.name}: its bounds are not made to meet its CHECK ${unreadable}`,
      );
    const sub = boundedRangeSubtype(base.name, plain, hints);
    if (!sub)
      throw unknownTypeError(
        type,
        `range over ${def.subtype.name}: its CHECKs leave no room for a lower and a greater upper bound, or are not bounds datagen makes`,
      );
    return createRangeSupport(sub, multi);
  };

  const multirangeOf = (type: TypeRef): RangeType | undefined => {
    for (const name of rangeNamesForMultirange(type.name)) {
      const def = deps.resolveType(type.schema, name);
      if (def?.kind !== 'range') continue;
      const explicit = def.multirange;
      if (!explicit || (explicit.schema === type.schema && explicit.name === type.name)) return def;
    }
    return undefined;
  };

  return { rangeSupport, multirangeOf };
}

/**
 * The contracts between type generators and the engine that calls them once
 * per value. A generator is built once per column (all parsing of typmods and
 * hints happens then) and its `random`/`value` do only arithmetic and string
 * building, reusing the caller's `RowRandom`.
 */

import type { GeneratorHints } from '../../checks/check-hints.js';
import type { ByteOut } from '../../checks/digits.js';
import { DatagenError, ErrorCodes } from '../../errors.js';
import type { DomainType, TypeDefinition, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';

/** How generators look up user types (enums, domains, composites, ranges). */
export interface TypeContext {
  resolveType(schema: string, name: string): TypeDefinition | undefined;
  /**
   * Optional hook: the bounds one domain's OWN CHECK constraints imply (not
   * its base domain's: the generator walks the chain and intersects every
   * level with the caller's hints). Without it each level's CHECKs are
   * compiled by the planner's CHECK compiler (`compileChecks`, key `value`).
   * Either way the hook covers domains the caller did not resolve itself:
   * array elements (`d[]`), composite attributes and ranges of domains.
   *
   * `resolveType` may answer a multirange's name with its range's definition
   * (a `RangeType` whose name differs from the one asked for); multiranges
   * with PostgreSQL's default name are also found without that.
   */
  domainHints?(domain: DomainType): GeneratorHints | undefined;
  /**
   * Optional hook: one domain's values made to its own CHECKs where bounds
   * cannot carry them (a pattern `VALUE ~* '^…@…$'`, excluded values), for a
   * domain reached inside another type (a composite's field, an array of
   * composites): `plain` makes `base` values within the domain's bounds.
   * Undefined when bounds are all its CHECKs ask.
   */
  checkedDomain?(domain: DomainType, base: TypeRef, plain: ValueGenerator): ValueGenerator | undefined;
  /**
   * The plain ASCII lower-case words text, json, xml, text-search, hstore,
   * ltree and jsonpath values are made of (generator version 3: readable
   * words); lorem's without.
   */
  readonly words?: readonly string[];
  /** The run's generator version, which domain CHECKs are compiled under (checks/type-resolution.ts domainCheckOptions). */
  readonly generatorVersion?: number;
}

export interface ValueGenerator {
  /** A random valid value as PostgreSQL's text input form (what COPY text expects, before COPY escaping). */
  random(rand: RowRandom): string;
  /**
   * `random(rand)`'s bytes written at `out.pos` (the same draws), without
   * making the string: given only by escape-free types (ASCII, nothing COPY
   * text escapes), for the COPY writer's hot path.
   */
  write?(rand: RowRandom, out: ByteOut): void;
}

export interface UniqueValueGenerator {
  /** How many distinct values exist (Infinity if effectively unbounded; a number <= 2^52 otherwise). */
  readonly space: number;
  /**
   * The values to use first for this many rows: the first `spaceFor(rows)` of the space (at least `rows` of
   * them where the space has room), which a key is spread over instead of the whole space (an array column's
   * short arrays). Absent: the whole space.
   */
  spaceFor?(rows: number): number;
  /** An injective map of k in [0, space) to a value's text form; k → value is "natural" (k=0 → smallest). */
  value(k: number): string;
  /** `value(k)`'s bytes written at `out.pos` (escape-free types only, as `ValueGenerator.write`). */
  write?(k: number, out: ByteOut): void;
}

/** Restrictions on generated values (compiled from CHECKs by the planner, which owns the type). */
export type { GeneratorHints } from '../../checks/check-hints.js';

/** Internal: the pair of factories one built-in type family provides. */
export interface TypeSupport {
  random(type: TypeRef, hints: GeneratorHints): ValueGenerator;
  unique(type: TypeRef, hints: GeneratorHints): UniqueValueGenerator;
}

/** `schema.name` plus typmods and `[]`s, as a user would write it in messages. */
export function describeType(type: TypeRef): string {
  const list = type.typmodNames ?? type.typmods;
  const mods = list.length > 0 ? `(${list.join(',')})` : '';
  const schema = type.schema === '' || type.schema === 'pg_catalog' ? '' : `${type.schema}.`;
  return `${schema}${type.name}${mods}${'[]'.repeat(type.arrayDims)}`;
}

export function unknownTypeError(type: TypeRef, reason?: string): DatagenError {
  const name = describeType(type);
  return new DatagenError(
    ErrorCodes.UNKNOWN_TYPE,
    `No value generator for type ${name}${reason ? ` (${reason})` : ''}. ` +
      'datagen cannot generate this type yet: generate from a copy of the DDL where the column has a supported ' +
      'type (text, a numeric type, …) or is left out, and tell the datagen maintainers which type you need.',
    { type: name, ...(reason ? { reason } : {}) },
  );
}

/** What `emptyEnumError`'s data names as its reason. */
export const EMPTY_ENUM = 'the enum has no labels';

/**
 * An enum without labels (`CREATE TYPE mood AS ENUM ()`): no value is of its type, whatever datagen does; the
 * schema is what to change. `data` carries the clauses a column's warning says (column-fallbacks.ts).
 */
export function emptyEnumError(type: TypeRef): DatagenError {
  const name = describeType(type);
  const reason = `its type ${name} is an enum with no labels, so no value is of that type`;
  const fix = `give ${name} its labels (ALTER TYPE ${name} ADD VALUE 'label') in a copy of the DDL you generate from`;
  return new DatagenError(
    ErrorCodes.UNKNOWN_TYPE,
    `The enum ${name} has no labels: no value is of its type.`,
    {
      type: name,
      reason: EMPTY_ENUM,
      noValue: reason,
      fix,
    },
  );
}

export function uniqueUnsupportedError(type: TypeRef, reason: string): DatagenError {
  const name = describeType(type);
  return new DatagenError(
    ErrorCodes.UNIQUE_SPACE_TOO_SMALL,
    `Unique values of type ${name} cannot be generated: ${reason}. Generate from a copy of the DDL where the key has a column of another type.`,
    { type: name },
  );
}

export function unsatisfiableError(type: TypeRef, detail: string): DatagenError {
  const name = describeType(type);
  return new DatagenError(ErrorCodes.UNSATISFIABLE, `No value of type ${name} satisfies ${detail}.`, {
    type: name,
  });
}

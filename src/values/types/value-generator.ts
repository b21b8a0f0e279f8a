/**
 * Type → generator resolution: built-in types by their pg_catalog name, user
 * types (enum, domain, composite, range) through the TypeContext, common
 * extension types by name, arrays of any of those. Everything is resolved
 * once per column; the returned generators only compute.
 */

import { generatorHints } from '../../checks/check-hints.js';
import { compileChecks } from '../../checks/compile-checks.js';
import { domainCheckOptions } from '../../checks/type-resolution.js';
import { DatagenError } from '../../errors.js';
import type { CompositeType, DomainType, TypeRef } from '../../schema/model.js';
import { aclItemSupport } from './acl-item.js';
import { createArrayGenerator, createArrayUnique } from './array.js';
import { bitSupport, varbitSupport } from './bit-string.js';
import { boolSupport } from './boolean.js';
import { byteaSupport } from './bytea.js';
import { CATALOG_REFERENCE_TYPES, catalogReferenceSupport } from './catalog-reference.js';
import { createCompositeGenerator, createCompositeUnique } from './composite.js';
import {
  dateSupport,
  timestampTypeSupport,
  timestamptzTypeSupport,
  timeTypeSupport,
  timetzTypeSupport,
} from './datetime.js';
import { jsonSupport, xmlSupport } from './document.js';
import { intersectHints } from './domain-hints.js';
import { cubeSupport, hstoreSupport, ltreeSupport } from './extension.js';
import {
  EMPTY_ENUM,
  emptyEnumError,
  type GeneratorHints,
  type TypeContext,
  type TypeSupport,
  type UniqueValueGenerator,
  uniqueUnsupportedError,
  unknownTypeError,
  type ValueGenerator,
} from './generator.js';
import { geometrySupport } from './geometry.js';
import { integerSupport } from './integer.js';
import { intervalSupport } from './interval.js';
import { ISN_SUPPORTS } from './isn.js';
import { jsonpathSupport } from './jsonpath.js';
import { cidrSupport, inetSupport, macaddr8Support, macaddrSupport } from './network.js';
import { floatSupport, moneySupport, numericSupport } from './numeric.js';
import { pgLsnSupport } from './pg-lsn.js';
import { halfvecSupport, sparsevecSupport, vectorSupport } from './pgvector.js';
import { createPostgisSupport, postgisSupport } from './postgis.js';
import { builtinRangeSubtype, createRangeSupport, rangeSubtype } from './range.js';
import { snapshotSupport } from './snapshot.js';
import { numberVectorSupport, tidSupport, xid8Support, xid32Support } from './system-ids.js';
import { charSupport, citextSupport, textSupport } from './text.js';
import { tsquerySupport, tsvectorSupport } from './text-search.js';
import { createUserRanges } from './user-ranges.js';
import { uuidSupport } from './uuid.js';
import { wordSupports } from './word-supports.js';

const BUILTIN: Readonly<Record<string, TypeSupport>> = {
  int2: integerSupport,
  int4: integerSupport,
  int8: integerSupport,
  oid: integerSupport,
  numeric: numericSupport,
  money: moneySupport,
  float4: floatSupport,
  float8: floatSupport,
  text: textSupport,
  varchar: textSupport,
  bpchar: textSupport,
  name: textSupport,
  char: charSupport,
  bytea: byteaSupport,
  bool: boolSupport,
  date: dateSupport,
  time: timeTypeSupport,
  timetz: timetzTypeSupport,
  timestamp: timestampTypeSupport,
  timestamptz: timestamptzTypeSupport,
  interval: intervalSupport,
  uuid: uuidSupport,
  json: jsonSupport,
  jsonb: jsonSupport,
  xml: xmlSupport,
  inet: inetSupport,
  cidr: cidrSupport,
  macaddr: macaddrSupport,
  macaddr8: macaddr8Support,
  bit: bitSupport,
  varbit: varbitSupport,
  tsvector: tsvectorSupport,
  tsquery: tsquerySupport,
  point: geometrySupport,
  line: geometrySupport,
  lseg: geometrySupport,
  box: geometrySupport,
  path: geometrySupport,
  polygon: geometrySupport,
  circle: geometrySupport,
  pg_lsn: pgLsnSupport,
  jsonpath: jsonpathSupport,
  pg_snapshot: snapshotSupport,
  txid_snapshot: snapshotSupport,
  tid: tidSupport,
  xid: xid32Support,
  cid: xid32Support,
  xid8: xid8Support,
  oidvector: numberVectorSupport('oid'),
  int2vector: numberVectorSupport('int2'),
  aclitem: aclItemSupport,
  refcursor: textSupport,
  ...Object.fromEntries(CATALOG_REFERENCE_TYPES.map((name) => [name, catalogReferenceSupport(name)])),
};

/** Extension types matched by name whatever their schema. */
/** Version 20: a geometry's curved subtypes too (postgis-curves.ts). */
const curvedPostgis = createPostgisSupport(true);

const EXTENSION: Readonly<Record<string, TypeSupport>> = {
  citext: citextSupport,
  hstore: hstoreSupport,
  ltree: ltreeSupport,
  cube: cubeSupport,
  geometry: postgisSupport,
  geography: postgisSupport,
  vector: vectorSupport,
  halfvec: halfvecSupport,
  sparsevec: sparsevecSupport,
  ...ISN_SUPPORTS,
};

/**
 * Built-in types whose input function rejects every value (PostgreSQL writes
 * them itself, e.g. pg_statistic_ext_data's columns): only NULL can be loaded.
 */
const NO_INPUT = new Set([
  'pg_node_tree',
  'pg_ndistinct',
  'pg_dependencies',
  'pg_mcv_list',
  'pg_brin_bloom_summary',
  'pg_brin_minmax_multi_summary',
  'gtsvector',
]);

/** SQL spellings an input might leave unnormalised. */
const ALIASES: Readonly<Record<string, string>> = {
  smallint: 'int2',
  integer: 'int4',
  int: 'int4',
  bigint: 'int8',
  smallserial: 'int2',
  serial: 'int4',
  bigserial: 'int8',
  serial2: 'int2',
  serial4: 'int4',
  serial8: 'int8',
  boolean: 'bool',
  real: 'float4',
  'double precision': 'float8',
  decimal: 'numeric',
  'character varying': 'varchar',
  character: 'bpchar',
  'bit varying': 'varbit',
  'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time',
  'time with time zone': 'timetz',
};

const MAX_DEPTH = 16;

/** Element delimiter in array text form: `;` for box (its typdelim), `,` for everything else. */
function arrayDelimiter(type: TypeRef): string {
  return type.name === 'box' && (type.schema === 'pg_catalog' || type.schema === '') ? ';' : ',';
}

function isBuiltinSchema(schema: string): boolean {
  return schema === 'pg_catalog' || schema === '';
}

function normalise(type: TypeRef): TypeRef {
  if (!isBuiltinSchema(type.schema)) return type;
  const alias = ALIASES[type.name.toLowerCase()];
  return alias === undefined ? type : { ...type, name: alias };
}

/** A domain's own CHECKs compiled to hints: the default when the caller supplies no `domainHints`. */
function compiledDomainHints(domain: DomainType, ctx: TypeContext): GeneratorHints | undefined {
  if (domain.checks.length === 0) return undefined;
  const own = compileChecks(
    domain.checks.map((c) => c.expr),
    domainCheckOptions(ctx),
  ).hints.get('value');
  return own ? generatorHints(own) : undefined;
}

interface Resolver {
  random(type: TypeRef, hints: GeneratorHints, depth: number): ValueGenerator;
  unique(type: TypeRef, hints: GeneratorHints, depth: number): UniqueValueGenerator;
}

/** An enum's labels: drawn at random, or each once in order. */
function enumSupport(labels: readonly string[], type: TypeRef): TypeSupport {
  if (labels.length === 0) throw emptyEnumError(type);
  return {
    random: () => ({ random: (rand) => labels[rand.below(labels.length)]! }),
    unique: () => ({ space: labels.length, value: (k) => labels[k]! }),
  };
}

/** A domain: its base type's support, with each level's own bounds added as the chain is walked. */
function domainSupport(domain: DomainType, depth: number, ctx: TypeContext, resolver: Resolver): TypeSupport {
  const own = ctx.domainHints ? ctx.domainHints(domain) : compiledDomainHints(domain, ctx);
  const base = { ...normalise(domain.baseType) };
  return {
    random: (type, hints) => {
      const plain = resolver.random(base, intersectHints(type, hints, own), depth + 1);
      return ctx.checkedDomain?.(domain, base, plain) ?? plain;
    },
    unique: (type, hints) => resolver.unique(base, intersectHints(type, hints, own), depth + 1),
  };
}

/** A composite: one generator per attribute. A domain over it may bound its fields (`(VALUE).hours >= 0`). */
function compositeSupport(def: CompositeType, depth: number, resolver: Resolver): TypeSupport {
  return {
    random: (_type, hints) =>
      createCompositeGenerator(
        def.attributes.map((a) =>
          resolver.random(normalise(a.type), hints.fields?.[a.name] ?? {}, depth + 1),
        ),
      ),
    unique: (type, hints) => {
      if (def.attributes.length === 0)
        throw uniqueUnsupportedError(type, 'the composite type has no attributes');
      return createCompositeUnique(
        def.attributes.map((a) =>
          resolver.unique(normalise(a.type), hints.fields?.[a.name] ?? {}, depth + 1),
        ),
      );
    },
  };
}

function createResolver(ctx: TypeContext): Resolver {
  const worded = ctx.words === undefined ? null : wordSupports(ctx.words);
  const { rangeSupport, multirangeOf } = createUserRanges({
    resolveType: (schema, name) => ctx.resolveType(schema, name),
    normalise,
    isBuiltin: (type) => isBuiltinSchema(type.schema) && BUILTIN[type.name] !== undefined,
    maxDepth: MAX_DEPTH,
    arrayBounds: (ctx.generatorVersion ?? 0) >= 24,
  });
  const scalarSupport = (type: TypeRef, depth: number): TypeSupport => {
    if (depth > MAX_DEPTH) throw unknownTypeError(type, 'type definitions nest too deeply (a cycle?)');
    if (isBuiltinSchema(type.schema)) {
      const builtin = worded?.[type.name] ?? BUILTIN[type.name];
      if (builtin) return builtin;
      if (NO_INPUT.has(type.name))
        throw unknownTypeError(type, 'PostgreSQL accepts no input for this type, only NULL');
      const sub = builtinRangeSubtype(type.name);
      if (sub !== undefined)
        return createRangeSupport(rangeSubtype(sub)!, type.name.includes('multirange'), sub);
    }
    const def = ctx.resolveType(type.schema, type.name);
    if (def) {
      switch (def.kind) {
        case 'enum':
          return enumSupport(def.values, type);
        case 'domain':
          return domainSupport(def, depth, ctx, resolver);
        case 'composite':
          return compositeSupport(def, depth, resolver);
        case 'range':
          // A lookup may answer a multirange's name with its range's definition.
          return rangeSupport(def, type, def.name !== type.name);
      }
    }
    const range = multirangeOf(type);
    if (range) return rangeSupport(range, type, true);
    const extension =
      (type.name === 'citext' || type.name === 'hstore' || type.name === 'ltree'
        ? worded?.[type.name]
        : undefined) ??
      (type.name === 'geometry' && (ctx.generatorVersion ?? 0) >= 20 ? curvedPostgis : EXTENSION[type.name]);
    if (extension) return extension;
    throw unknownTypeError(type);
  };

  // An array of an enum with no labels (a domain over one too) holds no element: '{}' is its one value.
  const elementSupport = (element: TypeRef, depth: number): TypeSupport | null => {
    try {
      return scalarSupport(element, depth);
    } catch (error) {
      if (error instanceof DatagenError && error.data.reason === EMPTY_ENUM) return null;
      throw error;
    }
  };

  const resolver: Resolver = {
    random(type, hints, depth) {
      if (hints.values && hints.values.length > 0) {
        const values = hints.values;
        return { random: (rand) => values[rand.below(values.length)]! };
      }
      if (type.arrayDims > 0) {
        const element = { ...type, arrayDims: 0 };
        const support = elementSupport(element, depth);
        if (support === null) return { random: () => '{}' };
        const elements = support.random(element, hints.elements ?? {});
        return createArrayGenerator(elements, type.arrayDims, arrayDelimiter(type));
      }
      return scalarSupport(type, depth).random(type, hints);
    },
    unique(type, hints, depth) {
      if (hints.values && hints.values.length > 0) {
        const values = [...new Set(hints.values)];
        return { space: values.length, value: (k) => values[k]! };
      }
      if (type.arrayDims > 0) {
        const element = { ...type, arrayDims: 0 };
        const support = elementSupport(element, depth);
        if (support === null) return { space: 1, value: () => '{}' };
        const elements = support.unique(element, hints.elements ?? {});
        return createArrayUnique(elements, type.arrayDims, arrayDelimiter(type));
      }
      return scalarSupport(type, depth).unique(type, hints);
    },
  };
  return resolver;
}

/**
 * A generator of random values of `type` (typmods honoured), each as
 * PostgreSQL's text input form. Throws `UNKNOWN_TYPE` for types it cannot
 * generate, naming the type.
 *
 * @example
 * const g = createValueGenerator({ kind: 'type-ref', schema: 'pg_catalog', name: 'numeric',
 *   typmods: [6, 2], arrayDims: 0 }, ctx);
 * g.random(rand.at(key, 0)); // '417.09'
 */
export function createValueGenerator(
  type: TypeRef,
  ctx: TypeContext,
  hints?: GeneratorHints,
): ValueGenerator {
  return createResolver(ctx).random(normalise(type), hints ?? {}, 0);
}

/**
 * An injective numbering of `type`'s values (k → text), for unique columns.
 *
 * @example
 * const g = createUniqueValueGenerator(int4, ctx); // g.space === 2 ** 32
 * g.value(0); // '1'
 */
export function createUniqueValueGenerator(
  type: TypeRef,
  ctx: TypeContext,
  hints?: GeneratorHints,
): UniqueValueGenerator {
  return createResolver(ctx).unique(normalise(type), hints ?? {}, 0);
}

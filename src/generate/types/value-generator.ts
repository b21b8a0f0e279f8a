/**
 * Type → generator resolution: built-in types by their pg_catalog name, user
 * types (enum, domain, composite, range) through the TypeContext, common
 * extension types by name, arrays of any of those. Everything is resolved
 * once per column; the returned generators only compute.
 */
import type { CompositeType, DomainType, TypeRef } from '../../schema/model.js';
import { createArrayGenerator, createArrayUnique } from './array.js';
import { bitSupport, varbitSupport } from './bit-string.js';
import { boolSupport } from './boolean.js';
import { byteaSupport } from './bytea.js';
import { createCompositeGenerator, createCompositeUnique } from './composite.js';
import {
  dateSupport,
  timestampTypeSupport,
  timestamptzTypeSupport,
  timeTypeSupport,
  timetzTypeSupport,
} from './datetime.js';
import { jsonSupport, xmlSupport } from './document.js';
import { cubeSupport, hstoreSupport, ltreeSupport } from './extension.js';
import {
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
import { cidrSupport, inetSupport, macaddr8Support, macaddrSupport } from './network.js';
import { floatSupport, moneySupport, numericSupport } from './numeric.js';
import { pgLsnSupport } from './pg-lsn.js';
import { builtinRangeSubtype, createRangeSupport, rangeSubtype } from './range.js';
import { charSupport, citextSupport, textSupport } from './text.js';
import { tsquerySupport, tsvectorSupport } from './text-search.js';
import { uuidSupport } from './uuid.js';

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
};

/** Extension types matched by name whatever their schema. */
const EXTENSION: Readonly<Record<string, TypeSupport>> = {
  citext: citextSupport,
  hstore: hstoreSupport,
  ltree: ltreeSupport,
  cube: cubeSupport,
};

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

const NOT_SUPPORTED: Readonly<Record<string, string>> = {
  txid_snapshot: 'snapshots describe live transactions',
  pg_snapshot: 'snapshots describe live transactions',
  regclass: 'its values name catalog objects of the target database',
  regtype: 'its values name catalog objects of the target database',
  regproc: 'its values name catalog objects of the target database',
  regprocedure: 'its values name catalog objects of the target database',
  regoper: 'its values name catalog objects of the target database',
  regnamespace: 'its values name catalog objects of the target database',
  regrole: 'its values name catalog objects of the target database',
  regconfig: 'its values name catalog objects of the target database',
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

function intersectHints(
  outer: GeneratorHints | undefined,
  inner: GeneratorHints | undefined,
): GeneratorHints {
  if (!outer) return inner ?? {};
  if (!inner) return outer;
  // The outer (column) hints were compiled with the domain's own in mind or are narrower; prefer them per field.
  return { ...inner, ...outer };
}

interface Resolver {
  random(type: TypeRef, hints: GeneratorHints, depth: number): ValueGenerator;
  unique(type: TypeRef, hints: GeneratorHints, depth: number): UniqueValueGenerator;
}

function createResolver(ctx: TypeContext): Resolver {
  const scalarSupport = (type: TypeRef, depth: number): TypeSupport => {
    if (depth > MAX_DEPTH) throw unknownTypeError(type, 'type definitions nest too deeply (a cycle?)');
    if (isBuiltinSchema(type.schema)) {
      const builtin = BUILTIN[type.name];
      if (builtin) return builtin;
      const sub = builtinRangeSubtype(type.name);
      if (sub !== undefined) return createRangeSupport(rangeSubtype(sub)!, type.name.includes('multirange'));
      const reason = NOT_SUPPORTED[type.name];
      if (reason !== undefined) throw unknownTypeError(type, `unsupported: ${reason}`);
    }
    const def = ctx.resolveType(type.schema, type.name);
    if (def) {
      switch (def.kind) {
        case 'enum':
          return enumSupport(def.values, type);
        case 'domain':
          return domainSupport(def, depth);
        case 'composite':
          return compositeSupport(def, depth);
        case 'range': {
          const sub = rangeSubtype(normalise(def.subtype).name);
          if (!sub) throw unknownTypeError(type, `range over ${def.subtype.name} is not supported`);
          return createRangeSupport(sub, false);
        }
      }
    }
    const extension = EXTENSION[type.name];
    if (extension) return extension;
    throw unknownTypeError(type);
  };

  const enumSupport = (labels: readonly string[], type: TypeRef): TypeSupport => {
    if (labels.length === 0) throw unknownTypeError(type, 'the enum has no labels');
    return {
      random: () => ({ random: (rand) => labels[rand.below(labels.length)]! }),
      unique: () => ({ space: labels.length, value: (k) => labels[k]! }),
    };
  };

  const domainSupport = (domain: DomainType, depth: number): TypeSupport => {
    const own = ctx.domainHints?.(domain);
    return {
      random: (_type, hints) =>
        resolver.random(normalise(domain.baseType), intersectHints(hints, own), depth + 1),
      unique: (_type, hints) =>
        resolver.unique(normalise(domain.baseType), intersectHints(hints, own), depth + 1),
    };
  };

  const compositeSupport = (def: CompositeType, depth: number): TypeSupport => ({
    random: () =>
      createCompositeGenerator(def.attributes.map((a) => resolver.random(normalise(a.type), {}, depth + 1))),
    unique: (type) => {
      const [first, ...rest] = def.attributes;
      if (!first) throw uniqueUnsupportedError(type, 'the composite type has no attributes');
      return createCompositeUnique(
        resolver.unique(normalise(first.type), {}, depth + 1),
        rest.map((a) => resolver.unique(normalise(a.type), {}, depth + 1)),
      );
    },
  });

  const resolver: Resolver = {
    random(type, hints, depth) {
      if (hints.values && hints.values.length > 0) {
        const values = hints.values;
        return { random: (rand) => values[rand.below(values.length)]! };
      }
      if (type.arrayDims > 0) {
        const element = { ...type, arrayDims: 0 };
        const inner = scalarSupport(element, depth).random(element, {});
        return createArrayGenerator(inner, type.arrayDims, arrayDelimiter(type));
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
        const inner = scalarSupport(element, depth).unique(element, {});
        return createArrayUnique(inner, type.arrayDims, arrayDelimiter(type));
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

/**
 * PostgreSQL column types → Parquet schema elements, and each value's text
 * form → the value the Parquet writer (hyparquet-writer) takes for it:
 *
 * | PostgreSQL | Parquet |
 * |---|---|
 * | smallint, integer | INT32 (INT_16 / INT_32) |
 * | bigint | INT64 |
 * | numeric(p,s), p <= 38, s >= 0 | DECIMAL(p,s): INT32 (p <= 9), INT64 (p <= 18), else FIXED_LEN_BYTE_ARRAY |
 * | real, double precision | FLOAT, DOUBLE |
 * | boolean | BOOLEAN |
 * | date | INT32 DATE (days since 1970-01-01) |
 * | timestamptz / timestamp | INT64 TIMESTAMP(MICROS), adjusted to UTC / not |
 * | uuid | FIXED_LEN_BYTE_ARRAY(16) UUID |
 * | json, jsonb | BYTE_ARRAY JSON |
 * | bytea | BYTE_ARRAY |
 * | arrays | 3-level LIST of the element (nested for more dimensions) |
 * | anything else (text, varchar, enums, numeric without typmod, time, …) | BYTE_ARRAY UTF8 (the text form) |
 *
 * Domains are followed to their base type.
 */
import type { ParquetWriter } from 'hyparquet-writer';
import { daysFromCivil } from '../checks/calendar.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { TypeRef } from '../schema/model.js';
import type { TypeContext } from '../values/types/generator.js';
import { parseArrayText } from './json-line.js';
import type { DirectEncoding } from './parquet-direct.js';
import {
  dateOfBytes,
  decimalOfBytes,
  integerOfBytes,
  numberOfText,
  timestampOfBytes,
} from './parquet-number-bytes.js';

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/** A value as the Parquet writer takes it (a JS array for a LIST). */
export type ParquetValue = string | number | bigint | boolean | Uint8Array | object | null;

/** Text form → Parquet value; throws a plain Error for text it cannot read (the caller names the column). */
export type ParquetConverter = (text: string) => ParquetValue;

export interface ParquetColumn {
  /** The column's schema elements, depth first (one for a scalar, more for a LIST). */
  readonly elements: readonly SchemaElement[];
  readonly convert: ParquetConverter;
  /** How a flat column of this type is written without hyparquet-writer's per-value objects (parquet-direct.ts). */
  readonly direct?: DirectEncoding;
}

const MICROS_PER_DAY = 86_400_000_000n;

/** Whole days since 1970-01-01 of `YYYY-MM-DD` (proleptic Gregorian, as PostgreSQL counts; no Date per value). */
const epochDays = daysFromCivil;

const DATE_TEXT = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/;

function dateDays(text: string): number {
  const m = DATE_TEXT.exec(text);
  if (!m) throw new Error(`not a date: ${text}`);
  const year = m[4] === undefined ? Number(m[1]) : 1 - Number(m[1]);
  return epochDays(year, Number(m[2]), Number(m[3]));
}

/** PostgreSQL's output form, and the input forms a configuration's values are written in (`2021-01-01`, `T`, `Z`, no seconds). */
const TIMESTAMP_TEXT =
  /^(\d{4,})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?)?(?:Z|([+-])(\d\d)(?::?(\d\d))?(?::?(\d\d))?)?( BC)?$/i;

/** Microseconds of the common timestamp forms (parquet-number-bytes.ts), undefined for others. */
function commonTimestampMicros(text: string): number | undefined {
  return numberOfText(timestampOfBytes, text);
}

/** Microseconds since 1970-01-01 00:00 UTC of a timestamp's text form (its offset applied, if any). */
export function timestampMicros(text: string): bigint {
  const common = commonTimestampMicros(text);
  if (common !== undefined) return BigInt(common);
  const m = TIMESTAMP_TEXT.exec(text);
  if (!m) throw new Error(`not a timestamp: ${text}`);
  const year = m[12] === undefined ? Number(m[1]) : 1 - Number(m[1]);
  const days = BigInt(epochDays(year, Number(m[2]), Number(m[3])));
  const seconds = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  const fraction = BigInt((m[7] ?? '').padEnd(6, '0'));
  let micros = days * MICROS_PER_DAY + BigInt(seconds) * 1_000_000n + fraction;
  if (m[8] !== undefined) {
    const offset = Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0);
    micros -= BigInt(m[8] === '-' ? -offset : offset) * 1_000_000n;
  }
  return micros;
}

const DECIMAL_TEXT = /^(-?)(\d*)(?:\.(\d*))?$/;

/** The unscaled value of a decimal's text of at most 15 digits (parquet-number-bytes.ts), else undefined. */
function shortUnscaledDecimal(text: string, scale: number): number | undefined {
  return numberOfText(decimalOfBytes(scale), text);
}

/** `-12.5` at scale 2 → -1250n (the unscaled integer Parquet's DECIMAL stores). */
export function unscaledDecimal(text: string, scale: number): bigint {
  const short = shortUnscaledDecimal(text, scale);
  if (short !== undefined) return BigInt(short);
  const m = DECIMAL_TEXT.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new Error(`not a decimal number: ${text}`);
  const fraction = m[3] ?? '';
  if (fraction.length > scale && /[1-9]/.test(fraction.slice(scale)))
    throw new Error(`${text} has more than ${scale} decimal places`);
  const digits = `${m[2]}${fraction.slice(0, scale).padEnd(scale, '0')}`;
  const value = BigInt(digits === '' ? '0' : digits);
  return m[1] === '-' ? -value : value;
}

/** A bigint as a double when it is one exactly, else NaN (the direct writer then leaves the column to hyparquet-writer). */
function exactNumber(value: bigint): number {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : Number.NaN;
}

/** PostgreSQL's spellings of a float's infinities and NaN (`inf`, `+Infinity`, `-inf`, `nan`, any case). */
const FLOAT_SPECIAL = /^\s*([+-]?)(inf|infinity|nan)\s*$/i;

/** A float's text as PostgreSQL reads it (`'-inf'` is -Infinity: JavaScript's Number reads only `-Infinity`). */
function floatNumber(text: string): number {
  const special = FLOAT_SPECIAL.exec(text);
  if (special === null) return Number(text);
  if ((special[2] as string).toLowerCase() === 'nan') return Number.NaN;
  return special[1] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
}

/** The integer of an integer's text, NaN for anything else (a fraction, beyond 2^53). */
function integerNumber(text: string): number {
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : Number.NaN;
}

/** Microseconds of a timestamp's text as a double, NaN beyond 2^53. */
function timestampNumber(text: string): number {
  return commonTimestampMicros(text) ?? exactNumber(timestampMicros(text));
}

/** Bytes of a two's-complement integer holding `precision` decimal digits (Parquet's FIXED_LEN_BYTE_ARRAY DECIMAL). */
function decimalBytes(precision: number): number {
  return Math.ceil((precision * Math.log2(10) + 1) / 8);
}

function byteaValue(text: string): Uint8Array {
  if (!text.startsWith('\\x')) throw new Error('bytea not in hex form');
  return Buffer.from(text.slice(2), 'hex');
}

const identity: ParquetConverter = (text) => text;

type Scalar = {
  readonly element: Omit<SchemaElement, 'name' | 'repetition_type'>;
  readonly convert: ParquetConverter;
  readonly direct?: DirectEncoding;
};

const UTF8: Scalar = {
  element: { type: 'BYTE_ARRAY', converted_type: 'UTF8' },
  convert: identity,
  direct: { physical: 'BYTE_ARRAY' },
};
const INT32_DIRECT: DirectEncoding = { physical: 'INT32', number: integerNumber, bytes: integerOfBytes };
const TIMESTAMP_DIRECT: DirectEncoding = {
  physical: 'INT64',
  number: timestampNumber,
  bytes: timestampOfBytes,
};

function decimalScalar(type: TypeRef): Scalar {
  const [precision, scale = 0] = type.typmods;
  if (precision === undefined || precision > 38 || scale < 0 || scale > precision) return UTF8;
  const physical =
    precision <= 9
      ? ({ type: 'INT32' } as const)
      : precision <= 18
        ? ({ type: 'INT64' } as const)
        : ({ type: 'FIXED_LEN_BYTE_ARRAY', type_length: decimalBytes(precision) } as const);
  return {
    element: {
      ...physical,
      converted_type: 'DECIMAL',
      precision,
      scale,
      logical_type: { type: 'DECIMAL', precision, scale },
    },
    convert: (text) => unscaledDecimal(text, scale),
    ...(precision <= 18
      ? {
          direct: {
            physical: precision <= 9 ? 'INT32' : 'INT64',
            number: (text: string) =>
              shortUnscaledDecimal(text, scale) ?? exactNumber(unscaledDecimal(text, scale)),
            bytes: decimalOfBytes(scale),
            decimal: true,
          },
        }
      : {}),
  };
}

const BUILTIN: Readonly<Record<string, Scalar>> = {
  int2: { element: { type: 'INT32', converted_type: 'INT_16' }, convert: Number, direct: INT32_DIRECT },
  int4: { element: { type: 'INT32' }, convert: Number, direct: INT32_DIRECT },
  int8: {
    element: { type: 'INT64' },
    convert: BigInt,
    direct: { physical: 'INT64', number: integerNumber, bytes: integerOfBytes },
  },
  float4: { element: { type: 'FLOAT' }, convert: floatNumber },
  float8: { element: { type: 'DOUBLE' }, convert: floatNumber },
  bool: { element: { type: 'BOOLEAN' }, convert: (text) => text === 't' || text === 'true' },
  date: {
    element: { type: 'INT32', converted_type: 'DATE' },
    convert: dateDays,
    direct: { physical: 'INT32', number: dateDays, bytes: dateOfBytes },
  },
  timestamptz: {
    element: {
      type: 'INT64',
      converted_type: 'TIMESTAMP_MICROS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
    },
    convert: timestampMicros,
    direct: TIMESTAMP_DIRECT,
  },
  timestamp: {
    element: { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } },
    convert: timestampMicros,
    direct: TIMESTAMP_DIRECT,
  },
  uuid: {
    element: { type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'UUID' } },
    convert: identity,
  },
  json: { element: { type: 'BYTE_ARRAY', converted_type: 'JSON' }, convert: (text) => JSON.parse(text) },
  jsonb: { element: { type: 'BYTE_ARRAY', converted_type: 'JSON' }, convert: (text) => JSON.parse(text) },
  bytea: { element: { type: 'BYTE_ARRAY' }, convert: byteaValue },
};

/** The scalar mapping of a non-array type (domains followed through `ctx`). */
function scalarOf(type: TypeRef, ctx: TypeContext | undefined, depth: number): Scalar {
  if (type.schema === 'pg_catalog' || type.schema === '') {
    if (type.name === 'numeric') return decimalScalar(type);
    return BUILTIN[type.name] ?? UTF8;
  }
  const def = depth < 16 ? ctx?.resolveType(type.schema, type.name) : undefined;
  if (def?.kind === 'domain' && def.baseType.arrayDims === 0) return scalarOf(def.baseType, ctx, depth + 1);
  return UTF8;
}

type Nested = string | null | Nested[];

function convertNested(items: readonly Nested[], convert: ParquetConverter): ParquetValue[] {
  return items.map((item) =>
    item === null ? null : Array.isArray(item) ? convertNested(item, convert) : convert(item),
  );
}

/**
 * The Parquet column for a PostgreSQL column of `type`.
 *
 * @example
 * parquetColumn('total', numeric(10, 2), false).elements
 * // [{ name: 'total', type: 'INT64', converted_type: 'DECIMAL', precision: 10, scale: 2, repetition_type: 'OPTIONAL', … }]
 */
export function parquetColumn(
  name: string,
  type: TypeRef,
  notNull: boolean,
  ctx?: TypeContext,
): ParquetColumn {
  const repetition = notNull ? 'REQUIRED' : 'OPTIONAL';
  let base = type;
  for (let depth = 0; depth < 16 && base.arrayDims === 0; depth++) {
    const def = ctx?.resolveType(base.schema, base.name);
    if (def?.kind !== 'domain' || def.baseType.arrayDims === 0) break;
    base = def.baseType; // a domain over an array type
  }
  const scalar = scalarOf({ ...base, arrayDims: 0 }, ctx, 0);
  if (base.arrayDims === 0) {
    return {
      elements: [{ ...scalar.element, name, repetition_type: repetition }],
      convert: scalar.convert,
      ...(scalar.direct === undefined ? {} : { direct: scalar.direct }),
    };
  }
  const elements: SchemaElement[] = [];
  for (let level = 0; level < base.arrayDims; level++) {
    elements.push(
      {
        name: level === 0 ? name : 'element',
        repetition_type: level === 0 ? repetition : 'OPTIONAL',
        converted_type: 'LIST',
        logical_type: { type: 'LIST' },
        num_children: 1,
      },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    );
  }
  elements.push({ ...scalar.element, name: 'element', repetition_type: 'OPTIONAL' });
  const delimiter = base.name === 'box' ? ';' : ',';
  return {
    elements,
    convert: (text) => {
      const items = parseArrayText(text, delimiter);
      if (items === undefined) throw new Error(`array text not read: ${text.slice(0, 40)}`);
      return convertNested(items, scalar.convert);
    },
  };
}

/** PostgreSQL's infinite dates, timestamps and numerics and numeric's NaN: Parquet's DATE, TIMESTAMP and DECIMAL have none. */
const NOT_FINITE = /^(?:[-+]?infinity|nan)$/i;

/**
 * A value that cannot be written as its Parquet type, named `table.column`: a value Parquet's type cannot hold
 * (`infinity` as a DATE) is a limit of the format, refused as the user's to change (exit 2); anything else is ours.
 */
export function parquetValueError(where: string, text: string, cause: unknown): DatagenError {
  if (NOT_FINITE.test(text.trim()))
    return new DatagenError(
      ErrorCodes.BAD_OPTION,
      `${where}: the value "${text}" has no Parquet form (Parquet's DATE, TIMESTAMP and DECIMAL hold finite values only); write this table with -F csv or -F jsonl (-T ${where.slice(0, where.lastIndexOf('.'))} leaves it out of this run), or give the column finite values`,
      { where, value: text },
      { cause, exitCode: 2 },
    );
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new DatagenError(
    ErrorCodes.UNKNOWN_TYPE,
    `${where}: the value ${JSON.stringify(text.slice(0, 60))} cannot be written as its Parquet type (${reason}); use -F csv or -F jsonl for this table, or report it`,
    { where },
    { cause, exitCode: 1 },
  );
}

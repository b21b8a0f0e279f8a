/**
 * Every built-in type (and the common extension types): random values,
 * random 1-D arrays of them and unique values are loaded into a real
 * PostgreSQL through the COPY text encoder, which must accept every one;
 * typmods, shapes and uniqueness are then checked by SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TypeRef } from '../../src/schema/model.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import {
  createUniqueValueGenerator,
  createValueGenerator,
  type TypeContext,
} from '../../src/values/types/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { builtin, copyRows, probeKeys } from './load-values.js';

const ctx: TypeContext = { resolveType: () => undefined };

interface Case {
  /** Column type as SQL. */
  readonly sql: string;
  readonly type: TypeRef;
  /** SQL conditions on column `v` every row must satisfy. */
  readonly checks?: readonly string[];
  /** SQL conditions on random values only (the default plausible window). */
  readonly plausible?: readonly string[];
  /** Every generated text must match. */
  readonly pattern?: RegExp;
  /** PostgreSQL prints the value back exactly as generated. */
  readonly roundTrip?: boolean;
  /** The type has a btree opclass, so a UNIQUE constraint can hold it (otherwise distinctness is checked on text). */
  readonly btree?: boolean;
}

const t = builtin;
const CASES: readonly Case[] = [
  { sql: 'int2', type: t('int2'), roundTrip: true },
  { sql: 'int4', type: t('int4'), roundTrip: true },
  { sql: 'int8', type: t('int8'), roundTrip: true },
  { sql: 'oid', type: t('oid'), roundTrip: true },
  {
    sql: 'numeric(6,2)',
    type: t('numeric', [6, 2]),
    roundTrip: true,
    checks: ['scale(v) = 2', 'abs(v) < 10000'],
  },
  { sql: 'numeric(3,5)', type: t('numeric', [3, 5]), roundTrip: true, checks: ['abs(v) < 0.01'] },
  { sql: 'numeric(2,-3)', type: t('numeric', [2, -3]), roundTrip: true, checks: ['mod(v, 1000) = 0'] },
  { sql: 'numeric(20,0)', type: t('numeric', [20, 0]), roundTrip: true },
  { sql: 'numeric', type: t('numeric'), roundTrip: true },
  { sql: 'float4', type: t('float4'), roundTrip: true },
  { sql: 'float8', type: t('float8'), roundTrip: true },
  {
    sql: 'money',
    type: t('money'),
    roundTrip: true,
    checks: ['v >= 0::money'],
    pattern: /^\$\d{1,3}(,\d{3})*\.\d\d$/,
  },
  { sql: 'text', type: t('text'), roundTrip: true },
  { sql: 'varchar(5)', type: t('varchar', [5]), roundTrip: true, checks: ['char_length(v) <= 5'] },
  { sql: 'varchar(1)', type: t('varchar', [1]), roundTrip: true, checks: ['char_length(v) <= 1'] },
  { sql: 'varchar', type: t('varchar'), roundTrip: true },
  { sql: 'bpchar(3)', type: t('bpchar', [3]), checks: ['octet_length(v::text) <= 3'] },
  { sql: 'bpchar', type: t('bpchar') },
  { sql: '"char"', type: t('char'), roundTrip: true },
  { sql: 'name', type: t('name'), roundTrip: true, checks: ['octet_length(v::text) <= 63'] },
  { sql: 'citext', type: { ...t('citext'), schema: 'public' }, roundTrip: true },
  { sql: 'bytea', type: t('bytea'), roundTrip: true },
  { sql: 'bool', type: t('bool'), roundTrip: true },
  { sql: 'date', type: t('date'), roundTrip: true, plausible: ["v BETWEEN '2000-01-01' AND '2030-12-31'"] },
  { sql: 'time', type: t('time'), roundTrip: true, pattern: /^\d\d:\d\d:\d\d$/ },
  { sql: 'time(3)', type: t('time', [3]), pattern: /^\d\d:\d\d:\d\d\.\d{3}$/ },
  { sql: 'timetz(0)', type: t('timetz', [0]), pattern: /^\d\d:\d\d:\d\d[+-]\d\d(:\d\d)?$/ },
  { sql: 'timestamp', type: t('timestamp'), roundTrip: true },
  { sql: 'timestamp(2)', type: t('timestamp', [2]), pattern: /\d\d:\d\d:\d\d\.\d\d$/ },
  {
    sql: 'timestamptz',
    type: t('timestamptz'),
    pattern: /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00$/,
    plausible: ["v >= '2000-01-01 00:00:00+00' AND v < '2031-01-01 00:00:00+00'"],
  },
  { sql: 'timestamptz(6)', type: t('timestamptz', [6]), pattern: /\.\d{6}\+00$/ },
  { sql: 'interval', type: t('interval'), checks: ["v > interval '0'"] },
  {
    sql: 'interval year to month',
    type: t('interval', [], 0, 'YEAR TO MONTH'),
    checks: ["v > interval '0'", "date_trunc('month', v) = v"],
  },
  {
    sql: 'interval day to second',
    type: t('interval', [], 0, 'DAY TO SECOND'),
    checks: ['extract(month from v) = 0', 'extract(year from v) = 0'],
  },
  {
    sql: 'interval hour to minute',
    type: t('interval', [], 0, 'HOUR TO MINUTE'),
    checks: ["date_trunc('minute', v) = v", 'extract(day from v) = 0'],
  },
  { sql: 'interval minute', type: t('interval', [], 0, 'MINUTE'), checks: ["date_trunc('minute', v) = v"] },
  {
    sql: 'uuid',
    type: t('uuid'),
    roundTrip: true,
    pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  },
  { sql: 'json', type: t('json'), btree: false, checks: ["json_typeof(v) = 'object'"] },
  { sql: 'jsonb', type: t('jsonb'), checks: ["jsonb_typeof(v) = 'object'"] },
  { sql: 'inet', type: t('inet'), roundTrip: true },
  { sql: 'cidr', type: t('cidr'), roundTrip: true, checks: ['v = network(v)'] },
  { sql: 'macaddr', type: t('macaddr'), roundTrip: true },
  { sql: 'macaddr8', type: t('macaddr8'), roundTrip: true },
  { sql: 'bit', type: t('bit', [1]), roundTrip: true, checks: ['length(v) = 1'] },
  { sql: 'bit(5)', type: t('bit', [5]), roundTrip: true, checks: ['length(v) = 5'] },
  { sql: 'bit(40)', type: t('bit', [40]), roundTrip: true, checks: ['length(v) = 40'] },
  { sql: 'varbit(7)', type: t('varbit', [7]), roundTrip: true, checks: ['length(v) <= 7'] },
  { sql: 'varbit', type: t('varbit'), roundTrip: true },
  { sql: 'tsvector', type: t('tsvector'), checks: ['length(v) >= 1'] },
  { sql: 'tsquery', type: t('tsquery') },
  { sql: 'xml', type: t('xml'), btree: false, checks: ['xml_is_well_formed_document(v::text)'] },
  { sql: 'point', type: t('point'), btree: false },
  { sql: 'line', type: t('line'), btree: false },
  { sql: 'lseg', type: t('lseg'), btree: false },
  { sql: 'box', type: t('box'), btree: false },
  { sql: 'path', type: t('path'), btree: false },
  { sql: 'polygon', type: t('polygon'), btree: false },
  { sql: 'circle', type: t('circle'), btree: false, checks: ['radius(v) >= 0'] },
  { sql: 'int4range', type: t('int4range'), roundTrip: true },
  { sql: 'int8range', type: t('int8range'), roundTrip: true },
  { sql: 'numrange', type: t('numrange'), roundTrip: true },
  { sql: 'daterange', type: t('daterange'), roundTrip: true },
  { sql: 'tsrange', type: t('tsrange'), roundTrip: true },
  { sql: 'tstzrange', type: t('tstzrange') },
  { sql: 'int4multirange', type: t('int4multirange'), roundTrip: true },
  { sql: 'int8multirange', type: t('int8multirange'), roundTrip: true },
  { sql: 'nummultirange', type: t('nummultirange'), roundTrip: true },
  { sql: 'datemultirange', type: t('datemultirange'), roundTrip: true },
  { sql: 'tsmultirange', type: t('tsmultirange'), roundTrip: true },
  { sql: 'tstzmultirange', type: t('tstzmultirange') },
  { sql: 'pg_lsn', type: t('pg_lsn'), roundTrip: true },
  { sql: 'jsonpath', type: t('jsonpath'), btree: false },
  {
    sql: 'pg_snapshot',
    type: t('pg_snapshot'),
    roundTrip: true,
    btree: false,
    checks: ['pg_snapshot_xmin(v)::text::bigint <= pg_snapshot_xmax(v)::text::bigint'],
  },
  { sql: 'txid_snapshot', type: t('txid_snapshot'), roundTrip: true, btree: false },
  { sql: 'tid', type: t('tid'), roundTrip: true, pattern: /^\(\d+,\d+\)$/ },
  { sql: 'xid', type: t('xid'), roundTrip: true, btree: false },
  { sql: 'cid', type: t('cid'), roundTrip: true, btree: false },
  { sql: 'xid8', type: t('xid8'), roundTrip: true },
  { sql: 'oidvector', type: t('oidvector'), roundTrip: true },
  { sql: 'int2vector', type: t('int2vector'), roundTrip: true, btree: false },
  { sql: 'aclitem', type: t('aclitem'), roundTrip: true, btree: false },
  { sql: 'refcursor', type: t('refcursor'), roundTrip: true, btree: false },
  ...[
    'regclass',
    'regtype',
    'regproc',
    'regprocedure',
    'regoper',
    'regoperator',
    'regnamespace',
    'regrole',
    'regconfig',
    'regdictionary',
    'regcollation',
  ].map((name) => ({ sql: name, type: t(name), roundTrip: true })),
  { sql: 'hstore', type: { ...t('hstore'), schema: 'public' } },
  { sql: 'ltree', type: { ...t('ltree'), schema: 'public' }, roundTrip: true },
  { sql: 'cube', type: { ...t('cube'), schema: 'public' }, btree: true },
];

const RANDOM_ROWS = 2000;
const ARRAY_ROWS = 300;
const UNIQUE_ROWS = 5000;

describe('built-in type generators against PostgreSQL', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query(
      'CREATE EXTENSION citext; CREATE EXTENSION hstore; CREATE EXTENSION ltree; CREATE EXTENSION cube',
    );
  });
  afterAll(async () => db.close());

  let tableNo = 0;
  const table = () => `t${++tableNo}`;

  it.each(CASES)('$sql: random values are accepted, within typmod', async (c) => {
    const gen = createValueGenerator(c.type, ctx);
    const rand = new RowRandom();
    const key = streamKey(42, c.sql);
    const values = Array.from({ length: RANDOM_ROWS }, (_, i) => gen.random(rand.at(key, i)));
    if (c.pattern) for (const v of values) expect(v).toMatch(c.pattern);
    const name = table();
    await db.query(`CREATE TABLE ${name} (i int, v ${c.sql})`);
    expect(
      await copyRows(
        db,
        name,
        values.map((v, i) => [String(i), v]),
      ),
    ).toBe(RANDOM_ROWS);
    for (const check of [...(c.checks ?? []), ...(c.plausible ?? [])]) {
      const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${name} WHERE NOT (${check})`);
      expect(row?.n, check).toBe('0');
    }
    if (c.roundTrip) {
      // format('%s') uses the type's output function (v::text differs for inet and bool).
      const rows = await db.query<{ v: string }>(`SELECT format('%s', v) AS v FROM ${name} ORDER BY i`);
      expect(rows.map((r) => r.v)).toEqual(values);
    }
    // Random is random: not one value repeated over and over.
    expect(new Set(values).size).toBeGreaterThan(1);
  });

  it.each(CASES)('$sql[]: random 1-D arrays are accepted', async (c) => {
    const type = { ...c.type, arrayDims: 1 };
    const gen = createValueGenerator(type, ctx);
    const rand = new RowRandom();
    const key = streamKey(43, c.sql);
    const values = Array.from({ length: ARRAY_ROWS }, (_, i) => gen.random(rand.at(key, i)));
    const name = table();
    await db.query(`CREATE TABLE ${name} (v ${c.sql}[])`);
    expect(
      await copyRows(
        db,
        name,
        values.map((v) => [v]),
      ),
    ).toBe(ARRAY_ROWS);
    const [row] = await db.query<{ n: string; max: number }>(
      `SELECT count(*) FILTER (WHERE array_ndims(v) > 1) AS n, max(cardinality(v)) AS max FROM ${name}`,
    );
    expect(row?.n).toBe('0');
    expect(row?.max).toBe(5);
  });

  it.each(CASES)('$sql: unique values are distinct and accepted', async (c) => {
    const gen = createUniqueValueGenerator(c.type, ctx);
    const keys = probeKeys(gen.space, UNIQUE_ROWS);
    const values = keys.map((k) => gen.value(k));
    const name = table();
    const btree = c.btree ?? true;
    await db.query(`CREATE TABLE ${name} (v ${c.sql} ${btree ? 'UNIQUE' : ''})`);
    expect(
      await copyRows(
        db,
        name,
        values.map((v) => [v]),
      ),
    ).toBe(keys.length);
    const [row] = await db.query<{ n: string; d: string }>(
      `SELECT count(*) AS n, count(DISTINCT v::text) AS d FROM ${name}`,
    );
    expect(row?.d).toBe(row?.n);
    for (const check of (c.checks ?? []).filter((x) => !x.includes("> interval '0'"))) {
      const [bad] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${name} WHERE NOT (${check})`);
      expect(bad?.n, check).toBe('0');
    }
  });

  it('int4[][]: random 2-D arrays are rectangular and accepted', async () => {
    const gen = createValueGenerator(t('int4', [], 2), ctx);
    const rand = new RowRandom();
    const values = Array.from({ length: 500 }, (_, i) => gen.random(rand.at(7, i)));
    await db.query('CREATE TABLE grid (v int4[][])');
    expect(
      await copyRows(
        db,
        'grid',
        values.map((v) => [v]),
      ),
    ).toBe(500);
    const [row] = await db.query<{ bad: string; two: string }>(
      `SELECT count(*) FILTER (WHERE cardinality(v) > 0 AND array_ndims(v) <> 2) AS bad,
              count(*) FILTER (WHERE array_ndims(v) = 2) AS two FROM grid`,
    );
    expect(row?.bad).toBe('0');
    expect(Number(row?.two)).toBeGreaterThan(400);
    const unique = createUniqueValueGenerator(t('int4', [], 2), ctx);
    expect(unique.value(0)).toBe('{{1}}');
  });

  it('varchar(3)[][] and box[] quote and delimit elements as array_in expects', async () => {
    for (const [sql, type] of [
      ['varchar(3)[][]', t('varchar', [3], 2)],
      ['box[]', t('box', [], 1)],
      ['text[]', t('text', [], 1)],
    ] as const) {
      const gen = createValueGenerator(type, ctx);
      const rand = new RowRandom();
      const values = Array.from({ length: 300 }, (_, i) => gen.random(rand.at(9, i)));
      const name = table();
      await db.query(`CREATE TABLE ${name} (i int, v ${sql})`);
      await copyRows(
        db,
        name,
        values.map((v, i) => [String(i), v]),
      );
      if (sql !== 'box[]') {
        const rows = await db.query<{ v: string }>(`SELECT v::text AS v FROM ${name} ORDER BY i`);
        expect(rows.map((r) => r.v)).toEqual(values);
      }
    }
  });
});

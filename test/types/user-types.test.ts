/**
 * User types through the TypeContext (enum, domain with hints from the CHECK
 * hook, composite, range over float8), hints on built-in types, exact unique
 * spaces for small types, errors, and determinism with inline snapshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import type { TypeDefinition, TypeRef } from '../../src/schema/model.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import { hintsCheck, withinHints } from '../../src/values/types/domain-hints.js';
import {
  createUniqueValueGenerator,
  createValueGenerator,
  type GeneratorHints,
  type TypeContext,
} from '../../src/values/types/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { builtin, copyRows } from './load-values.js';

const user = (name: string, arrayDims = 0): TypeRef => ({
  kind: 'type-ref',
  schema: 'app',
  name,
  typmods: [],
  arrayDims,
});

const DEFINITIONS: readonly TypeDefinition[] = [
  { kind: 'enum', schema: 'app', name: 'mood', values: ['sad', 'ok', 'happy face'] },
  {
    kind: 'domain',
    schema: 'app',
    name: 'positive_int',
    baseType: builtin('int4'),
    notNull: false,
    default: null,
    checks: [
      {
        kind: 'check',
        name: 'positive_int_check',
        expr: { kind: 'expr', ast: null, text: 'VALUE > 0 AND VALUE <= 50' },
        noInherit: false,
        notValid: false,
      },
    ],
  },
  {
    kind: 'domain',
    schema: 'app',
    name: 'short_code',
    baseType: builtin('varchar', [4]),
    notNull: false,
    default: null,
    checks: [],
  },
  {
    kind: 'composite',
    schema: 'app',
    name: 'address',
    attributes: [
      { name: 'street', type: builtin('text') },
      { name: 'number', type: builtin('int4') },
      { name: 'tags', type: builtin('text', [], 1) },
      { name: 'mood', type: user('mood') },
      { name: 'at', type: builtin('timestamptz') },
    ],
  },
  { kind: 'range', schema: 'app', name: 'floatrange', subtype: builtin('float8') },
  { kind: 'range', schema: 'app', name: 'uuidrange', subtype: builtin('uuid') },
];

/** What the planner's CHECK compiler would hand over for positive_int. */
const ctx: TypeContext = {
  resolveType: (schema, name) => DEFINITIONS.find((d) => d.schema === schema && d.name === name),
  domainHints: (domain) =>
    domain.name === 'positive_int' ? { min: 0, minExclusive: true, max: 50 } : undefined,
};

const DDL = `
  CREATE SCHEMA app;
  CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy face');
  CREATE DOMAIN app.positive_int AS int4 CHECK (VALUE > 0 AND VALUE <= 50);
  CREATE DOMAIN app.short_code AS varchar(4);
  CREATE TYPE app.address AS (street text, number int4, tags text[], mood app.mood, at timestamptz);
  CREATE TYPE app.floatrange AS RANGE (subtype = float8);
  CREATE TYPE app.uuidrange AS RANGE (subtype = uuid);
`;

function randomValues(type: TypeRef, count: number, hints?: GeneratorHints, seed = 1): string[] {
  const gen = createValueGenerator(type, ctx, hints);
  const rand = new RowRandom();
  const key = streamKey(seed, JSON.stringify(type));
  return Array.from({ length: count }, (_, i) => gen.random(rand.at(key, i)));
}

describe('user types, hints and exact spaces', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query(DDL);
  });
  afterAll(async () => db.close());

  let tableNo = 0;

  async function load(sql: string, values: readonly string[], constraint = ''): Promise<string> {
    const name = `u${++tableNo}`;
    await db.query(`CREATE TABLE ${name} (v ${sql} ${constraint})`);
    expect(
      await copyRows(
        db,
        name,
        values.map((v) => [v]),
      ),
    ).toBe(values.length);
    return name;
  }

  it.each([
    ['app.mood', user('mood')],
    ['app.mood[]', user('mood', 1)],
    ['app.positive_int', user('positive_int')],
    ['app.positive_int[]', user('positive_int', 1)],
    ['app.short_code', user('short_code')],
    ['app.address', user('address')],
    ['app.address[]', user('address', 1)],
    ['app.floatrange', user('floatrange')],
    ['app.uuidrange', user('uuidrange')],
  ] as const)('%s: random values are accepted (domain CHECKs included)', async (sql, type) => {
    const values = randomValues(type, 2000);
    const name = await load(sql, values);
    const [row] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${name}`);
    expect(row?.n).toBe('2000');
  });

  it.each([
    ['app.mood', user('mood'), 3],
    ['app.positive_int', user('positive_int'), 50],
    ['bool', builtin('bool'), 2],
    ['varchar(1)', builtin('varchar', [1]), 36],
    ['bpchar(2)', builtin('bpchar', [2]), 36 + 36 * 36],
    ['"char"', builtin('char'), 94],
    ['bit(3)', builtin('bit', [3]), 8],
    ['varbit(3)', builtin('varbit', [3]), 15],
    ['int2', builtin('int2'), 65536],
  ] as const)('%s: the unique space is exact and every value in it is distinct', async (sql, type, space) => {
    const gen = createUniqueValueGenerator(type, ctx);
    expect(gen.space).toBe(space);
    const values = Array.from({ length: space }, (_, k) => gen.value(k));
    const name = await load(sql, values, 'UNIQUE');
    const [row] = await db.query<{ n: string }>(`SELECT count(DISTINCT v) AS n FROM ${name}`);
    expect(Number(row?.n)).toBe(space);
  });

  it('composite and range unique values are distinct under a UNIQUE constraint', async () => {
    for (const [sql, type] of [
      ['app.address', user('address')],
      ['app.floatrange', user('floatrange')],
      ['app.uuidrange', user('uuidrange')],
      ['app.mood[]', user('mood', 1)],
    ] as const) {
      const gen = createUniqueValueGenerator(type, ctx);
      const n = Math.min(gen.space, 3000);
      await load(
        sql,
        Array.from({ length: n }, (_, k) => gen.value(k)),
        'UNIQUE',
      );
    }
  });

  it('citext unique values stay distinct case-insensitively', async () => {
    await db.query('CREATE EXTENSION IF NOT EXISTS citext');
    const gen = createUniqueValueGenerator({ ...builtin('citext'), schema: 'public' }, ctx);
    const values = Array.from({ length: 5000 }, (_, k) => gen.value(k * 7919));
    await load('citext', values, 'UNIQUE');
  });

  it('hints bound random and unique values, checked by real CHECK constraints', async () => {
    const cases: readonly (readonly [string, TypeRef, GeneratorHints, string])[] = [
      ['int4', builtin('int4'), { min: 10, max: 20 }, 'v BETWEEN 10 AND 20'],
      ['int8', builtin('int8'), { min: -5, max: -1 }, 'v BETWEEN -5 AND -1'],
      [
        'numeric(5,2)',
        builtin('numeric', [5, 2]),
        { min: '0.1', minExclusive: true, max: 3 },
        'v > 0.1 AND v <= 3',
      ],
      ['numeric', builtin('numeric'), { min: 1000 }, 'v >= 1000'],
      ['float8', builtin('float8'), { min: 0, max: 1, maxExclusive: true }, 'v >= 0 AND v < 1'],
      ['float4', builtin('float4'), { min: -1.5, max: 1.5 }, 'v >= -1.5 AND v <= 1.5'],
      ['money', builtin('money'), { min: '$1.00', max: '$5.00' }, "v BETWEEN '1'::money AND '5'::money"],
      ['date', builtin('date'), { min: '2025-06-01' }, "v >= '2025-06-01'"],
      ['date', builtin('date'), { max: '1999-12-31', maxExclusive: true }, "v < '1999-12-31'"],
      [
        'timestamptz(3)',
        builtin('timestamptz', [3]),
        { min: '2024-01-01', max: '2024-01-03' },
        "v >= '2024-01-01' AND v <= '2024-01-03'",
      ],
      [
        'timestamp',
        builtin('timestamp'),
        { min: '2020-01-01 10:00:00', minExclusive: true },
        "v > '2020-01-01 10:00:00'",
      ],
      ['time(2)', builtin('time', [2]), { min: '09:00', max: '17:00' }, "v BETWEEN '09:00' AND '17:00'"],
      [
        'varchar(40)',
        builtin('varchar', [40]),
        { minLength: 12, maxLength: 20 },
        'char_length(v) BETWEEN 12 AND 20',
      ],
      ['text', builtin('text'), { values: ['a', 'b c'] }, "v IN ('a', 'b c')"],
    ];
    for (const [sql, type, hints, check] of cases) {
      const values = randomValues(type, 1000, hints);
      await load(sql, values, `CHECK (${check})`);
      const unique = createUniqueValueGenerator(type, ctx, hints);
      const n = Math.min(unique.space, 1000);
      await load(
        sql,
        Array.from({ length: n }, (_, k) => unique.value(k)),
        `UNIQUE CHECK (${check})`,
      );
    }
  });
});

describe('user types: errors, compiled hints checks and determinism (no database)', () => {
  it('reports unknown, unsupported and unsatisfiable types with a code and the type name', () => {
    const expectError = (fn: () => unknown, code: string, text: string) => {
      try {
        fn();
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DatagenError);
        expect((error as DatagenError).code).toBe(code);
        expect((error as DatagenError).message).toContain(text);
      }
    };
    expectError(() => createValueGenerator(user('nope'), ctx), ErrorCodes.UNKNOWN_TYPE, 'app.nope');
    expectError(
      () => createValueGenerator(builtin('pg_node_tree'), ctx),
      ErrorCodes.UNKNOWN_TYPE,
      'pg_node_tree (PostgreSQL accepts no input for this type, only NULL)',
    );
    expectError(
      () => createValueGenerator(builtin('pg_ndistinct', [], 1), ctx),
      ErrorCodes.UNKNOWN_TYPE,
      'pg_ndistinct',
    );
    expectError(
      () => createValueGenerator(builtin('int2'), ctx, { min: 10, max: 5 }),
      ErrorCodes.UNSATISFIABLE,
      'int2',
    );
  });

  it('a compiled hints check (numeric bounds read once) answers as withinHints for every value and bound', () => {
    const values = [
      '1',
      '50',
      '50.00',
      '0',
      '-0',
      '0.10',
      '0.1000001',
      ' 3',
      '',
      'abc',
      '2024-01-01',
      '1e3',
      'NaN',
    ];
    const hintsList: GeneratorHints[] = [
      { min: 1, max: 50 },
      { min: '0', max: '0.10' },
      { min: 0, minExclusive: true },
      { max: '0.08', maxExclusive: true },
      { min: '2020-01-01' },
      { values: ['1', '2'] },
      { min: 'abc' },
      { min: Number.POSITIVE_INFINITY },
      {},
    ];
    for (const hints of hintsList) {
      const check = hintsCheck(hints);
      expect(values.map(check), JSON.stringify(hints)).toEqual(values.map((v) => withinHints(v, hints)));
    }
  });

  it('is deterministic: the same seed gives the same values', () => {
    const snapshot = (type: TypeRef) => randomValues(type, 3, undefined, 2024);
    expect(snapshot(builtin('int4'))).toEqual(snapshot(builtin('int4')));
    expect(snapshot(builtin('int4'))).toMatchInlineSnapshot(`
      [
        "762",
        "426",
        "15148",
      ]
    `);
    expect(snapshot(builtin('varchar', [20]))).toMatchInlineSnapshot(`
      [
        "Adipiscor vivo",
        "Cibo aestas tabernus",
        "Absens adficio",
      ]
    `);
    expect(snapshot(builtin('uuid'))).toMatchInlineSnapshot(`
      [
        "8445ee34-55ee-418f-a067-c08c00e6a435",
        "b8e0fae6-7bc3-4c2b-b3f5-24fd2ae6fed5",
        "d6701370-54c2-4bdc-a02a-f5c583da47dd",
      ]
    `);
    expect(snapshot(builtin('timestamptz', [3]))).toMatchInlineSnapshot(`
      [
        "2018-05-28 00:12:41.527+00",
        "2019-03-31 23:13:10.053+00",
        "2011-05-17 02:57:52.498+00",
      ]
    `);
    expect(snapshot(builtin('numeric', [8, 2]))).toMatchInlineSnapshot(`
      [
        "33183.72",
        "6771.75",
        "789.22",
      ]
    `);
    expect(snapshot(user('address'))).toMatchInlineSnapshot(`
      [
        "("Voluptatem amiculum unus verbera tamquam",20420,{},"happy face","2020-08-02 13:05:35+00")",
        "("Beatae utrimque suppellex odio caelum",5550,{},sad,"2018-12-10 05:19:18+00")",
        "("Cui defluo acquiro acer natus corpus unus depromo baiulus calcar",429,"{\\"Antepono benevolentia coepi calamitas volaticus mollitia cerno combibo ciminatio\\",\\"Abscido via dolor ait iure cervus cuius admoveo adversus stella ex beneficium\\"}",sad,"2015-07-08 09:01:25+00")",
      ]
    `);
    const unique = createUniqueValueGenerator(builtin('uuid'), ctx);
    expect([0, 1, 2].map((k) => unique.value(k))).toMatchInlineSnapshot(`
      [
        "09f45f69-1fa7-4f6a-bc2c-0e8fb6f8a5bd",
        "461c483f-dca4-4f74-a05a-435e4a24d219",
        "f10b4824-38a7-45dc-a814-e259b6ced01c",
      ]
    `);
    const code = createUniqueValueGenerator(builtin('varchar', [8]), ctx);
    expect([0, 1, 35, 36, 37].map((k) => code.value(k))).toMatchInlineSnapshot(`
      [
        "a",
        "b",
        "9",
        "aa",
        "ab",
      ]
    `);
  });
});

/**
 * The harder corners of type coverage against the real server: int8 over
 * its whole range, float bounds beyond exact decimal units, user
 * multiranges, composite uniques that vary every attribute, and domains over
 * domains (as array elements and composite attributes) whose CHECKs at every
 * level hold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTypeLookup } from '../../src/checks/type-resolution.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import type { TypeDefinition, TypeRef } from '../../src/schema/model.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import {
  createUniqueValueGenerator,
  createValueGenerator,
  type GeneratorHints,
  type TypeContext,
} from '../../src/values/types/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { builtin, copyRows } from './load-values.js';

const DDL = `
  CREATE SCHEMA lab;
  CREATE DOMAIN lab.pct AS numeric(5,2) CHECK (VALUE >= 0 AND VALUE <= 100);
  CREATE DOMAIN lab.small_pct AS lab.pct CHECK (VALUE <= 10);
  CREATE DOMAIN lab.pos_small AS lab.small_pct CHECK (VALUE > 1);
  CREATE DOMAIN lab.code AS varchar(10) CHECK (char_length(VALUE) >= 3);
  CREATE DOMAIN lab.short_code AS lab.code CHECK (char_length(VALUE) <= 5);
  CREATE DOMAIN lab.year AS int4 CHECK (VALUE BETWEEN 1900 AND 2100);
  CREATE DOMAIN lab.recent_year AS lab.year CHECK (VALUE >= 2000);
  CREATE TYPE lab.reading AS (label lab.short_code, level lab.pos_small, at lab.recent_year);
  CREATE TYPE lab.mood AS ENUM ('sad', 'ok', 'happy');
  CREATE TYPE lab.pair AS (flag bool, mood lab.mood, n int4, name text, day date);
  CREATE TYPE lab.floatrange AS RANGE (subtype = float8);
  CREATE TYPE lab.r AS RANGE (subtype = int4);
  CREATE TYPE lab.dr AS RANGE (subtype = date, multirange_type_name = lab.date_spans);
`;

const lab = (name: string, arrayDims = 0): TypeRef => ({
  kind: 'type-ref',
  schema: 'lab',
  name,
  typmods: [],
  arrayDims,
});

function values(gen: { random(rand: RowRandom): string }, count: number, seed = 3): string[] {
  const rand = new RowRandom();
  const key = streamKey(seed, 'coverage');
  return Array.from({ length: count }, (_, i) => gen.random(rand.at(key, i)));
}

describe('type coverage corners against PostgreSQL', () => {
  let db: TestDatabase;
  let ctx: TypeContext;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.query(DDL);
    const { schema } = await parseDdl([{ file: 'lab.sql', text: DDL }]);
    const lookup = createTypeLookup(schema);
    // What a lookup that knows `multirange_type_name` answers: the range's definition under its multirange's name.
    const dr = schema.types.find((t) => t.name === 'dr');
    const explicit: TypeDefinition | undefined =
      dr?.kind === 'range' ? { ...dr, multirange: { schema: 'lab', name: 'date_spans' } } : undefined;
    ctx = {
      resolveType: (s, n) =>
        s === 'lab' && (n === 'date_spans' || n === 'dr') ? explicit : lookup.resolveType(s, n),
    };
  });
  afterAll(async () => db.close());

  let tableNo = 0;
  async function load(sql: string, rows: readonly string[], constraint = ''): Promise<string> {
    const name = `c${++tableNo}`;
    await db.query(`CREATE TABLE ${name} (i int, v ${sql} ${constraint})`);
    expect(
      await copyRows(
        db,
        name,
        rows.map((v, i) => [String(i), v]),
      ),
    ).toBe(rows.length);
    return name;
  }

  it('int8 reaches its whole range when bounds ask for it, and round-trips exactly', async () => {
    const whole = { min: '-9223372036854775808', max: '9223372036854775807' };
    const random = values(createValueGenerator(builtin('int8'), ctx, whole), 3000);
    expect(random.some((v) => BigInt(v) > 2n ** 53n)).toBe(true);
    expect(random.some((v) => BigInt(v) < -(2n ** 53n))).toBe(true);
    const name = await load('int8', random);
    const back = await db.query<{ v: string }>(`SELECT v::text AS v FROM ${name} ORDER BY i`);
    expect(back.map((r) => r.v)).toEqual(random);

    const cases: readonly [GeneratorHints, string][] = [
      [{ min: '9223372036854775000' }, "v >= '9223372036854775000'"],
      [{ max: '-9223372036854775800', maxExclusive: true }, "v < '-9223372036854775800'"],
      [{ min: -5, max: 5 }, 'v BETWEEN -5 AND 5'],
      [{ min: '-9223372036854775808', max: '9223372036854775807' }, 'true'],
    ];
    for (const [hints, check] of cases) {
      await load('int8', values(createValueGenerator(builtin('int8'), ctx, hints), 1000), `CHECK (${check})`);
      const unique = createUniqueValueGenerator(builtin('int8'), ctx, hints);
      const n = Math.min(unique.space, 1000);
      await load(
        'int8',
        Array.from({ length: n }, (_, k) => unique.value(k)),
        `UNIQUE CHECK (${check})`,
      );
    }
    expect(createUniqueValueGenerator(builtin('int8'), ctx, { min: '9223372036854775000' }).space).toBe(808);
    expect(createUniqueValueGenerator(builtin('int8'), ctx).value(41)).toBe('42');
  });

  it('float4/float8 bounds beyond exact decimals hold after the server rounds', async () => {
    const cases: readonly [string, GeneratorHints, string][] = [
      ['float4', { min: 16777217, max: 30000001, maxExclusive: true }, 'v >= 16777217 AND v < 30000001'],
      ['float4', { min: '1e20', max: '1e21' }, "v >= '1e20'::float8 AND v <= '1e21'::float8"],
      ['float4', { min: -40000001, max: -20000000 }, 'v >= -40000001 AND v <= -20000000'],
      ['float8', { min: 1e15, max: 2e15, minExclusive: true }, 'v > 1e15 AND v <= 2e15'],
      ['float8', { max: '1e300' }, "v <= '1e300'::float8"],
    ];
    for (const [sql, hints, check] of cases) {
      const type = builtin(sql);
      const random = values(createValueGenerator(type, ctx, hints), 1000);
      expect(new Set(random).size).toBeGreaterThan(100);
      await load(sql, random, `CHECK (${check})`);
      const unique = createUniqueValueGenerator(type, ctx, hints);
      await load(
        sql,
        Array.from({ length: 1000 }, (_, k) => unique.value(k)),
        `UNIQUE CHECK (${check})`,
      );
    }
  });

  it('user multiranges: default names and multirange_type_name', async () => {
    for (const [sql, type] of [
      ['lab.floatmultirange', lab('floatmultirange')],
      ['lab.r_multirange', lab('r_multirange')],
      ['lab.date_spans', lab('date_spans')],
      ['lab.r_multirange[]', lab('r_multirange', 1)],
    ] as const) {
      const random = values(createValueGenerator(type, ctx), 1000);
      expect(random.some((v) => v.includes('],[') || v.includes('),['))).toBe(true);
      await load(sql, random);
      const unique = createUniqueValueGenerator(type, ctx);
      const name = await load(
        sql,
        Array.from({ length: 1000 }, (_, k) => unique.value(k)),
      );
      const [row] = await db.query<{ d: string }>(`SELECT count(DISTINCT v::text) AS d FROM ${name}`);
      expect(row?.d).toBe('1000');
    }
  });

  it('composite unique values vary every attribute and stay distinct', async () => {
    const unique = createUniqueValueGenerator(lab('pair'), ctx);
    const rows = Array.from({ length: 5000 }, (_, k) => unique.value(k));
    const name = await load('lab.pair', rows, 'UNIQUE');
    const [row] = await db.query<Record<string, string>>(
      `SELECT count(DISTINCT (v).flag) AS flag, count(DISTINCT (v).mood) AS mood, count(DISTINCT (v).n) AS n,
              count(DISTINCT (v).name) AS name, count(DISTINCT (v).day) AS day FROM ${name}`,
    );
    expect(row).toMatchObject({ flag: '2', mood: '3' });
    for (const key of ['n', 'name', 'day']) expect(Number(row?.[key]), key).toBeGreaterThan(10);
    // Consecutive rows differ in every attribute.
    const [changes] = await db.query<{ same: string }>(
      `SELECT count(*) AS same FROM ${name} a JOIN ${name} b ON b.i = a.i + 1
       WHERE (a.v).flag = (b.v).flag OR (a.v).mood = (b.v).mood OR (a.v).n = (b.v).n`,
    );
    expect(changes?.same).toBe('0');
    expect(unique.space).toBe(Number.POSITIVE_INFINITY);
  });

  it('domains over domains hold every level, as scalars, array elements and composite attributes', async () => {
    for (const sql of [
      'lab.pos_small',
      'lab.pos_small[]',
      'lab.short_code[]',
      'lab.recent_year[][]',
      'lab.reading',
      'lab.reading[]',
    ]) {
      const [name, dims] = [sql.replace(/^lab\.|\[\]/g, ''), (sql.match(/\[\]/g) ?? []).length];
      const type = lab(name, dims);
      const random = values(createValueGenerator(type, ctx), 1500);
      await load(sql, random);
      const unique = createUniqueValueGenerator(type, ctx);
      const n = Math.min(unique.space, 800);
      await load(
        sql,
        Array.from({ length: n }, (_, k) => unique.value(k)),
        dims === 0 ? 'UNIQUE' : '',
      );
    }
    // Caller hints looser than a level are narrowed, not trusted: min -50 still yields values > 1.
    const loose = values(createValueGenerator(lab('pos_small'), ctx, { min: -50, max: 500 }), 500);
    await load('lab.pos_small', loose);
    // A hook replaces the compiler per level; the levels are still intersected.
    const hooked: TypeContext = {
      ...ctx,
      domainHints: (d) =>
        d.name === 'pct'
          ? { min: 0, max: 100 }
          : d.name === 'small_pct'
            ? { max: 10 }
            : { min: 1, minExclusive: true },
    };
    const unique = createUniqueValueGenerator(lab('pos_small'), hooked);
    expect(unique.space).toBe(900);
    expect(unique.value(0)).toBe('1.01');
    await load(
      'lab.pos_small',
      Array.from({ length: 900 }, (_, k) => unique.value(k)),
      'UNIQUE',
    );
  });
});

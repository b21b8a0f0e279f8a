/**
 * PostGIS geometry/geography values, checked offline (the test server has no
 * PostGIS): every value is parsed by a strict EWKT reader written here, then
 * its SRID, subtype, dimensions, coordinate ranges, ring closure and polygon
 * simplicity are checked.
 */
import { describe, expect, it } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import type { TypeRef } from '../../src/schema/model.js';
import { RowRandom, streamKey } from '../../src/values/random.js';
import {
  createUniqueValueGenerator,
  createValueGenerator,
  type TypeContext,
} from '../../src/values/types/index.js';
import { allCoords, checkRing, checkShape, type Geometry, readEwkt } from '../helpers/ewkt.js';

const ctx: TypeContext = { resolveType: () => undefined };

function postgis(name: 'geometry' | 'geography', ...mods: string[]): TypeRef {
  return {
    kind: 'type-ref',
    schema: 'public',
    name,
    typmods: mods.filter((m) => /^\d+$/.test(m)).map(Number),
    arrayDims: 0,
    ...(mods.length > 0 ? { typmodNames: mods } : {}),
  };
}

interface Case {
  readonly sql: string;
  readonly type: TypeRef;
  readonly srid: number;
  /** Allowed top-level WKT types. */
  readonly shapes: readonly string[];
  readonly dims: Geometry['dims'];
  readonly range: readonly [number, number, number, number];
}

const DEGREES = [-180, -90, 180, 90] as const;
const MERCATOR = [-20037508.34, -20037508.34, 20037508.34, 20037508.34] as const;
const CASES: readonly Case[] = [
  {
    sql: 'geometry(Point,4326)',
    type: postgis('geometry', 'point', '4326'),
    srid: 4326,
    shapes: ['POINT'],
    dims: '',
    range: DEGREES,
  },
  {
    sql: 'geometry(MultiPolygon,3857)',
    type: postgis('geometry', 'multipolygon', '3857'),
    srid: 3857,
    shapes: ['MULTIPOLYGON'],
    dims: '',
    range: MERCATOR,
  },
  {
    sql: 'geography(LineString)',
    type: postgis('geography', 'linestring'),
    srid: 4326,
    shapes: ['LINESTRING'],
    dims: '',
    range: DEGREES,
  },
  {
    sql: 'geography',
    type: postgis('geography'),
    srid: 4326,
    shapes: ['POINT', 'LINESTRING', 'POLYGON'],
    dims: '',
    range: DEGREES,
  },
  {
    sql: 'geometry',
    type: postgis('geometry'),
    srid: 0,
    shapes: ['POINT', 'LINESTRING', 'POLYGON'],
    dims: '',
    range: DEGREES,
  },
  {
    sql: 'geometry(PointZ,4326)',
    type: postgis('geometry', 'pointz', '4326'),
    srid: 4326,
    shapes: ['POINT'],
    dims: 'Z',
    range: DEGREES,
  },
  {
    sql: 'geometry(PointM,4326)',
    type: postgis('geometry', 'pointm', '4326'),
    srid: 4326,
    shapes: ['POINT'],
    dims: 'M',
    range: DEGREES,
  },
  {
    sql: 'geometry(PolygonZM,4269)',
    type: postgis('geometry', 'polygonzm', '4269'),
    srid: 4269,
    shapes: ['POLYGON'],
    dims: 'ZM',
    range: DEGREES,
  },
  {
    sql: 'geometry(Polygon,4326)',
    type: postgis('geometry', 'polygon', '4326'),
    srid: 4326,
    shapes: ['POLYGON'],
    dims: '',
    range: DEGREES,
  },
  {
    sql: 'geometry(LineStringM,32633)',
    type: postgis('geometry', 'linestringm', '32633'),
    srid: 32633,
    shapes: ['LINESTRING'],
    dims: 'M',
    range: [166000, 0, 834000, 9300000],
  },
  {
    sql: 'geography(MultiPoint)',
    type: postgis('geography', 'multipoint'),
    srid: 4326,
    shapes: ['MULTIPOINT'],
    dims: '',
    range: DEGREES,
  },
  {
    sql: 'geometry(MultiLineStringZ,3857)',
    type: postgis('geometry', 'multilinestringz', '3857'),
    srid: 3857,
    shapes: ['MULTILINESTRING'],
    dims: 'Z',
    range: MERCATOR,
  },
  {
    sql: 'geometry(GeometryCollection,4326)',
    type: postgis('geometry', 'geometrycollection', '4326'),
    srid: 4326,
    shapes: ['GEOMETRYCOLLECTION'],
    dims: '',
    range: DEGREES,
  },
  {
    sql: 'geometry(Polygon,27700)',
    type: postgis('geometry', 'polygon', '27700'),
    srid: 27700,
    shapes: ['POLYGON'],
    dims: '',
    range: [0, 0, 1000000, 1000000],
  },
];

function check(c: Case, text: string): Geometry {
  const { srid, geometry } = readEwkt(text);
  expect(srid, text).toBe(c.srid);
  expect(c.shapes, text).toContain(geometry.type);
  expect(geometry.dims, text).toBe(c.dims);
  // Plain checks per coordinate, failing with the value: an expect() each took most of the file's time.
  for (const coord of allCoords(geometry)) {
    if (coord.length !== 2 + c.dims.length)
      expect.fail(`${text}: ${coord.join(' ')} has ${coord.length} ordinates`);
    const [x, y] = coord as [number, number];
    if (!(x >= c.range[0] && x <= c.range[2] && y >= c.range[1] && y <= c.range[3]))
      expect.fail(`${text}: ${x} ${y} out of range`);
  }
  checkShape(geometry);
  return geometry;
}

describe('PostGIS geometry and geography (offline EWKT checks)', () => {
  it('the reader itself rejects broken WKT', () => {
    expect(() => readEwkt('SRID=4326;POINT(1)')).toThrow(/bad WKT at 17 \(space between ordinates\)/);
    expect(() => readEwkt('POLYGON((0 0,1 0,1 1,0 0)')).toThrow(/bad WKT at 25 \(expected \)\)/);
    expect(() => readEwkt('POINT Z (1 2)')).toThrow(/bad WKT at \d+ \(space between ordinates\)/);
    expect(readEwkt('SRID=3857;POINTM(1 2 3)').geometry.dims).toBe('M');
    expect(() =>
      checkRing([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    ).toThrow(/ring without area/); // a bow tie's two lobes cancel
    expect(() =>
      checkRing([
        [0, 0],
        [4, 0],
        [0, 3],
        [5, 4],
        [0, 0],
      ]),
    ).toThrow(/edges 1 and 3 cross/);
    expect(() =>
      checkRing([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    ).toThrow(/ring not closed/);
  });

  it.each(CASES)('$sql: random values are valid EWKT of the subtype, in range', (c) => {
    const gen = createValueGenerator(c.type, ctx);
    const rand = new RowRandom();
    const key = streamKey(5, c.sql);
    const values = Array.from({ length: 1500 }, (_, i) => gen.random(rand.at(key, i)));
    const seen = new Set<string>();
    for (const v of values) {
      const g = check(c, v);
      seen.add(g.type);
    }
    expect(new Set(values).size).toBeGreaterThan(1000);
    // A generic column gets a mix of shapes.
    expect(seen.size).toBe(c.shapes.length);
  });

  it.each(CASES)('$sql: unique values are valid and distinct points on a grid', (c) => {
    const gen = createUniqueValueGenerator(c.type, ctx);
    expect(gen.space).toBeGreaterThan(1_000_000);
    const keys = [...Array.from({ length: 3000 }, (_, k) => k), gen.space - 1, Math.floor(gen.space / 2)];
    const values = keys.map((k) => gen.value(k));
    expect(new Set(values).size).toBe(values.length);
    const firsts = new Set<string>();
    for (const v of values) firsts.add(allCoords(check(c, v))[0]!.slice(0, 2).join(' '));
    expect(firsts.size).toBe(values.length);
  });

  it('prints the forms PostGIS documents', () => {
    const first = (type: TypeRef) => createUniqueValueGenerator(type, ctx).value(0);
    expect(first(postgis('geometry', 'point', '4326'))).toBe('SRID=4326;POINT(-73.98 40.75)');
    expect(first(postgis('geometry', 'pointzm', '4326'))).toBe('SRID=4326;POINT ZM (-73.98 40.75 0 0)');
    expect(first(postgis('geometry', 'polygon', '4326'))).toBe(
      'SRID=4326;POLYGON((-73.98 40.75,-73.979975 40.75,-73.979975 40.750025,-73.98 40.750025,-73.98 40.75))',
    );
  });

  it('rejects curve and surface subtypes with UNKNOWN_TYPE naming the type', () => {
    try {
      createValueGenerator(postgis('geometry', 'circularstring', '4326'), ctx);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DatagenError);
      expect((error as DatagenError).code).toBe(ErrorCodes.UNKNOWN_TYPE);
      expect((error as DatagenError).message).toContain('geometry(circularstring,4326)');
    }
  });
});

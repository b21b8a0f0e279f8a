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

// ---- a strict EWKT reader -------------------------------------------------

type Coord = readonly number[];
interface Geometry {
  readonly type: string;
  readonly dims: '' | 'Z' | 'M' | 'ZM';
  /** point: [[c]]; linestring / multipoint: [coords]; polygon: rings; multi*: members; collection: members. */
  readonly coords?: Coord[];
  readonly rings?: Coord[][];
  readonly members?: Geometry[];
}

const TYPES = [
  'GEOMETRYCOLLECTION',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'MULTIPOINT',
  'LINESTRING',
  'POLYGON',
  'POINT',
];

function createReader(text: string) {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`bad WKT at ${at} (${what}): ${text}`);
  };
  const skip = () => {
    while (text[at] === ' ') at++;
  };
  const expectChar = (c: string) => {
    skip();
    if (text[at] !== c) fail(`expected ${c}`);
    at++;
  };
  const peek = () => {
    skip();
    return text[at];
  };
  const number = (): number => {
    skip();
    const m = /^-?\d+(\.\d+)?/.exec(text.slice(at));
    if (!m) return fail('number');
    at += m[0].length;
    return Number(m[0]);
  };
  const coord = (n: number): Coord => {
    const out = [number()];
    for (let i = 1; i < n; i++) {
      if (text[at] !== ' ') fail('space between ordinates');
      out.push(number());
    }
    return out;
  };
  const list = <T>(item: () => T): T[] => {
    expectChar('(');
    const out = [item()];
    while (peek() === ',') {
      at++;
      out.push(item());
    }
    expectChar(')');
    return out;
  };
  const geometry = (parentDims?: Geometry['dims']): Geometry => {
    skip();
    const type = TYPES.find((t) => text.startsWith(t, at)) ?? fail('type keyword');
    at += type.length;
    let dims: Geometry['dims'] = '';
    if (text[at] === 'M' && text[at + 1] === '(') {
      dims = 'M';
      at++;
    } else {
      const m = /^ (ZM|Z|M) /.exec(text.slice(at));
      if (m) {
        dims = m[1] as Geometry['dims'];
        at += m[0].length;
      }
    }
    if (parentDims !== undefined && dims !== parentDims) fail('member dimensions differ from the collection');
    const n = 2 + dims.length;
    const line = () => list(() => coord(n));
    switch (type) {
      case 'POINT':
        return { type, dims, coords: list(() => coord(n)) };
      case 'LINESTRING':
        return { type, dims, coords: line() };
      case 'POLYGON':
        return { type, dims, rings: list(line) };
      case 'MULTIPOINT':
        return {
          type,
          dims,
          coords: list(() => {
            if (peek() !== '(') return coord(n);
            at++;
            const c = coord(n);
            expectChar(')');
            return c;
          }),
        };
      case 'MULTILINESTRING':
        return { type, dims, members: list(() => ({ type: 'LINESTRING', dims, coords: line() })) };
      case 'MULTIPOLYGON':
        return { type, dims, members: list(() => ({ type: 'POLYGON', dims, rings: list(line) })) };
      default:
        return { type, dims, members: list(() => geometry(dims)) };
    }
  };
  return {
    read(): { srid: number; geometry: Geometry } {
      let srid = 0;
      const m = /^SRID=(\d+);/.exec(text);
      if (m) {
        srid = Number(m[1]);
        at = m[0].length;
      }
      const g = geometry();
      if (at !== text.length) fail('trailing text');
      return { srid, geometry: g };
    },
  };
}

function readEwkt(text: string): { srid: number; geometry: Geometry } {
  return createReader(text).read();
}

// ---- shape checks ----------------------------------------------------------

function cross(o: Coord, a: Coord, b: Coord): number {
  return (a[0]! - o[0]!) * (b[1]! - o[1]!) - (a[1]! - o[1]!) * (b[0]! - o[0]!);
}

/** Segments p1p2 and q1q2 share a point (collinear overlaps included). */
function segmentsMeet(p1: Coord, p2: Coord, q1: Coord, q2: Coord): boolean {
  const d1 = cross(q1, q2, p1);
  const d2 = cross(q1, q2, p2);
  const d3 = cross(p1, p2, q1);
  const d4 = cross(p1, p2, q2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  const on = (a: Coord, b: Coord, c: Coord) =>
    cross(a, b, c) === 0 &&
    Math.min(a[0]!, b[0]!) <= c[0]! &&
    c[0]! <= Math.max(a[0]!, b[0]!) &&
    Math.min(a[1]!, b[1]!) <= c[1]! &&
    c[1]! <= Math.max(a[1]!, b[1]!);
  return on(q1, q2, p1) || on(q1, q2, p2) || on(p1, p2, q1) || on(p1, p2, q2);
}

function checkRing(ring: Coord[]): void {
  expect(ring.length).toBeGreaterThanOrEqual(4);
  expect(ring[ring.length - 1]).toEqual(ring[0]);
  const n = ring.length - 1;
  let area = 0;
  for (let i = 0; i < n; i++) area += cross([0, 0], ring[i]!, ring[i + 1]!);
  expect(Math.abs(area)).toBeGreaterThan(0);
  // Simple: no two non-adjacent edges meet.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) continue;
      expect(segmentsMeet(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!), `edges ${i} and ${j} cross`).toBe(
        false,
      );
    }
  }
}

function bbox(g: Geometry): [number, number, number, number] {
  const all = [...(g.coords ?? []), ...(g.rings ?? []).flat()];
  const xs = all.map((c) => c[0]!);
  const ys = all.map((c) => c[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function allCoords(g: Geometry): Coord[] {
  return [...(g.coords ?? []), ...(g.rings ?? []).flat(), ...(g.members ?? []).flatMap(allCoords)];
}

function checkShape(g: Geometry): void {
  switch (g.type) {
    case 'POINT':
      expect(g.coords).toHaveLength(1);
      break;
    case 'LINESTRING':
      expect(g.coords!.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < g.coords!.length; i++) expect(g.coords![i]).not.toEqual(g.coords![i - 1]);
      break;
    case 'POLYGON':
      for (const ring of g.rings!) checkRing(ring);
      break;
    case 'MULTIPOINT':
      expect(g.coords!.length).toBeGreaterThanOrEqual(1);
      break;
    case 'MULTIPOLYGON': {
      for (const m of g.members!) checkShape(m);
      const boxes = g.members!.map(bbox);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!, boxes[j]!];
          const apart = a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1];
          expect(apart, 'multipolygon members overlap').toBe(true);
        }
      }
      break;
    }
    default:
      for (const m of g.members!) checkShape(m);
  }
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
  for (const coord of allCoords(geometry)) {
    expect(coord, text).toHaveLength(2 + c.dims.length);
    const [x, y] = coord as [number, number];
    expect(
      x >= c.range[0] && x <= c.range[2] && y >= c.range[1] && y <= c.range[3],
      `${text}: ${x} ${y}`,
    ).toBe(true);
  }
  checkShape(geometry);
  return geometry;
}

describe('PostGIS geometry and geography (offline EWKT checks)', () => {
  it('the reader itself rejects broken WKT', () => {
    expect(() => readEwkt('SRID=4326;POINT(1)')).toThrow();
    expect(() => readEwkt('POLYGON((0 0,1 0,1 1,0 0)')).toThrow();
    expect(() => readEwkt('POINT Z (1 2)')).toThrow();
    expect(readEwkt('SRID=3857;POINTM(1 2 3)').geometry.dims).toBe('M');
    expect(() =>
      checkRing([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
        [0, 0],
      ]),
    ).toThrow();
    expect(() =>
      checkRing([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    ).toThrow();
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

/**
 * A strict EWKT reader and the shape checks PostGIS makes of a valid geometry
 * (closed rings of four or more points, no self-crossing, holes inside their
 * shell), for the offline PostGIS value tests (test/types/postgis.test.ts).
 */
import { expect } from 'vitest';

// ---- a strict EWKT reader -------------------------------------------------

export type Coord = readonly number[];
export interface Geometry {
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

/** The tokens of one WKT text, read from a cursor that moves past what is read. */
function createScanner(text: string) {
  const s = {
    text,
    at: 0,
    fail: (what: string): never => {
      throw new Error(`bad WKT at ${s.at} (${what}): ${text}`);
    },
    skip: () => {
      while (text[s.at] === ' ') s.at++;
    },
    expectChar: (c: string) => {
      s.skip();
      if (text[s.at] !== c) s.fail(`expected ${c}`);
      s.at++;
    },
    peek: () => {
      s.skip();
      return text[s.at];
    },
    number: (): number => {
      s.skip();
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(s.at));
      if (!m) return s.fail('number');
      s.at += m[0].length;
      return Number(m[0]);
    },
    coord: (n: number): Coord => {
      const out = [s.number()];
      for (let i = 1; i < n; i++) {
        if (text[s.at] !== ' ') s.fail('space between ordinates');
        out.push(s.number());
      }
      return out;
    },
    list: <T>(item: () => T): T[] => {
      s.expectChar('(');
      const out = [item()];
      while (s.peek() === ',') {
        s.at++;
        out.push(item());
      }
      s.expectChar(')');
      return out;
    },
  };
  return s;
}

type Scanner = ReturnType<typeof createScanner>;

/** A geometry's dimensions after its type keyword (`POINTM(`, ` Z `, ` ZM `, ` M `). */
function readDims(s: Scanner): Geometry['dims'] {
  if (s.text[s.at] === 'M' && s.text[s.at + 1] === '(') {
    s.at++;
    return 'M';
  }
  const m = /^ (ZM|Z|M) /.exec(s.text.slice(s.at));
  if (!m) return '';
  s.at += m[0].length;
  return m[1] as Geometry['dims'];
}

function readGeometry(s: Scanner, parentDims?: Geometry['dims']): Geometry {
  s.skip();
  const type = TYPES.find((t) => s.text.startsWith(t, s.at)) ?? s.fail('type keyword');
  s.at += type.length;
  const dims = readDims(s);
  if (parentDims !== undefined && dims !== parentDims) s.fail('member dimensions differ from the collection');
  const n = 2 + dims.length;
  const line = () => s.list(() => s.coord(n));
  switch (type) {
    case 'POINT':
      return { type, dims, coords: s.list(() => s.coord(n)) };
    case 'LINESTRING':
      return { type, dims, coords: line() };
    case 'POLYGON':
      return { type, dims, rings: s.list(line) };
    case 'MULTIPOINT':
      return {
        type,
        dims,
        coords: s.list(() => {
          if (s.peek() !== '(') return s.coord(n);
          s.at++;
          const c = s.coord(n);
          s.expectChar(')');
          return c;
        }),
      };
    case 'MULTILINESTRING':
      return { type, dims, members: s.list(() => ({ type: 'LINESTRING', dims, coords: line() })) };
    case 'MULTIPOLYGON':
      return { type, dims, members: s.list(() => ({ type: 'POLYGON', dims, rings: s.list(line) })) };
    default:
      return { type, dims, members: s.list(() => readGeometry(s, dims)) };
  }
}

/** An EWKT text read strictly: its SRID (0 when none) and geometry; a malformed text throws. */
export function readEwkt(text: string): { srid: number; geometry: Geometry } {
  const s = createScanner(text);
  let srid = 0;
  const m = /^SRID=(\d+);/.exec(text);
  if (m) {
    srid = Number(m[1]);
    s.at = m[0].length;
  }
  const geometry = readGeometry(s);
  if (s.at !== text.length) s.fail('trailing text');
  return { srid, geometry };
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

/**
 * Fails the test with `message` unless `holds`: the checks run per coordinate and per pair of edges (tens
 * of thousands for a file), where an expect() each took most of postgis.test.ts' time.
 */
function assertHolds(holds: boolean, message: string): void {
  if (!holds) expect.fail(message);
}

export function checkRing(ring: Coord[]): void {
  assertHolds(ring.length >= 4, `ring of fewer than 4 points: ${ring.length}`);
  const [first, last] = [ring[0]!, ring[ring.length - 1]!];
  assertHolds(first.length === last.length && first.every((x, i) => x === last[i]), 'ring not closed');
  const n = ring.length - 1;
  let area = 0;
  for (let i = 0; i < n; i++) area += cross([0, 0], ring[i]!, ring[i + 1]!);
  assertHolds(Math.abs(area) > 0, 'ring without area');
  // Simple: no two non-adjacent edges meet.
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) continue;
      assertHolds(!segmentsMeet(ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!), `edges ${i} and ${j} cross`);
    }
  }
}

export function bbox(g: Geometry): [number, number, number, number] {
  const all = [...(g.coords ?? []), ...(g.rings ?? []).flat()];
  const xs = all.map((c) => c[0]!);
  const ys = all.map((c) => c[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function allCoords(g: Geometry): Coord[] {
  return [...(g.coords ?? []), ...(g.rings ?? []).flat(), ...(g.members ?? []).flatMap(allCoords)];
}

/** The checks PostGIS makes of a valid geometry (its rings, its members): fails the test where one does not hold. */
export function checkShape(g: Geometry): void {
  switch (g.type) {
    case 'POINT':
      expect(g.coords).toHaveLength(1);
      break;
    case 'LINESTRING':
      expect(g.coords!.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < g.coords!.length; i++) {
        const [a, b] = [g.coords![i - 1]!, g.coords![i]!];
        assertHolds(a.length !== b.length || a.some((x, k) => x !== b[k]), `repeated point ${b.join(' ')}`);
      }
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
          assertHolds(apart, 'multipolygon members overlap');
        }
      }
      break;
    }
    default:
      for (const m of g.members!) checkShape(m);
  }
}

/**
 * PostGIS geometry and geography as EWKT text (`SRID=4326;POINT(-73.98 40.75)`),
 * valid for the column's declared subtype, dimensions and SRID: polygons are
 * star-shaped around their centre (vertices in angle order, so never
 * self-intersecting) with closed rings, multipolygon members are placed apart
 * so they never overlap, and coordinates stay inside the SRID's range
 * (degrees for geographic SRIDs, metres for Web Mercator and UTM).
 *
 * All coordinates are integer counts of 10^-scale units printed by integer
 * arithmetic, so the text is exact and deterministic.
 */
import type { TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import {
  type TypeSupport,
  type UniqueValueGenerator,
  unknownTypeError,
  type ValueGenerator,
} from './generator.js';

export type PostgisShape =
  | 'point'
  | 'linestring'
  | 'polygon'
  | 'multipoint'
  | 'multilinestring'
  | 'multipolygon'
  | 'geometrycollection'
  | 'geometry';

const SHAPES: ReadonlySet<string> = new Set<PostgisShape>([
  'point',
  'linestring',
  'polygon',
  'multipoint',
  'multilinestring',
  'multipolygon',
  'geometrycollection',
  'geometry',
]);

/** What a `geometry(...)`/`geography(...)` typmod declares. */
export interface PostgisTypmod {
  readonly shape: PostgisShape;
  readonly z: boolean;
  readonly m: boolean;
  /** 0 when none (geometry only; geography defaults to 4326). */
  readonly srid: number;
}

/** Reads `(Point, 4326)`, `(LineStringZ)`, `(POINTZM, 3857)` or nothing; throws for curve and surface types. */
export function postgisTypmod(type: TypeRef): PostgisTypmod {
  const mods = type.typmodNames ?? type.typmods.map(String);
  const geography = type.name === 'geography';
  let shape: PostgisShape = 'geometry';
  let z = false;
  let m = false;
  let srid = 0;
  for (const raw of mods) {
    const text = raw.toLowerCase();
    if (/^-?\d+$/.test(text)) {
      srid = Number(text);
      continue;
    }
    const parsed = shapeOf(text);
    if (!parsed) throw unknownTypeError(type, `PostGIS subtype ${raw} is not supported`);
    ({ shape, z, m } = parsed);
  }
  if (geography && srid <= 0) srid = 4326;
  return { shape, z, m, srid: Math.max(srid, 0) };
}

function shapeOf(text: string): { shape: PostgisShape; z: boolean; m: boolean } | undefined {
  for (const [suffix, z, m] of [
    ['', false, false],
    ['zm', true, true],
    ['z', true, false],
    ['m', false, true],
  ] as const) {
    if (!text.endsWith(suffix)) continue;
    const base = text.slice(0, text.length - suffix.length);
    if (SHAPES.has(base)) return { shape: base as PostgisShape, z, m };
  }
  return undefined;
}

/** A coordinate frame: the units, the valid box, where shapes sit and how big they are. */
interface Frame {
  /** Decimals of one unit: 6 for degrees (micro-degrees), 2 for metres (centimetres). */
  readonly scale: number;
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
  /** A plausible centre for a random shape. */
  centre(rand: RowRandom): readonly [number, number];
  /** Largest shape radius in units. */
  readonly radius: number;
  /** Unique grid: first point and spacing in units. */
  readonly origin: readonly [number, number];
  readonly step: number;
}

/** [longitude, latitude] of places people store data about. */
const CITIES: readonly (readonly [number, number])[] = [
  [-73.98, 40.75],
  [-0.13, 51.51],
  [2.35, 48.86],
  [13.4, 52.52],
  [139.69, 35.69],
  [-122.42, 37.77],
  [-118.24, 34.05],
  [-87.63, 41.88],
  [-46.63, -23.55],
  [-58.38, -34.6],
  [151.21, -33.87],
  [144.96, -37.81],
  [77.21, 28.61],
  [72.88, 19.08],
  [116.41, 39.9],
  [121.47, 31.23],
  [103.82, 1.35],
  [28.98, 41.01],
  [37.62, 55.76],
  [31.24, 30.04],
  [3.38, 6.52],
  [18.42, -33.92],
  [-99.13, 19.43],
  [-79.38, 43.65],
  [174.76, -36.85],
  [-3.7, 40.42],
  [12.5, 41.9],
  [18.07, 59.33],
];

const GEOGRAPHIC_SRIDS: ReadonlySet<number> = new Set([
  4326, 4269, 4258, 4283, 4617, 4674, 4019, 4167, 4612, 4148, 4030, 4047, 4322, 4979,
]);
const MERCATOR_SRIDS: ReadonlySet<number> = new Set([3857, 900913, 3785, 3395, 102100, 102113]);
const MERCATOR_HALF = 20037508.34;

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, hi));
}

/** Centres jittered around cities 3 times in 4, anywhere in the box otherwise; clamped so shapes fit. */
function cityFrame(
  scale: number,
  box: readonly [number, number, number, number],
  project: (lon: number, lat: number) => readonly [number, number],
  jitter: number,
  radius: number,
  step: number,
): Frame {
  const unit = 10 ** scale;
  const [minX, minY, maxX, maxY] = box.map((v) => Math.round(v * unit)) as [number, number, number, number];
  const centres = CITIES.map(([lon, lat]) => project(lon, lat).map((v) => Math.round(v * unit)));
  const margin = radius * 12;
  const j = Math.round(jitter * unit);
  const [ox, oy] = centres[0]!;
  return {
    scale,
    minX,
    maxX,
    minY,
    maxY,
    radius,
    step,
    origin: [ox!, oy!],
    centre(rand) {
      let x: number;
      let y: number;
      if (rand.below(4) === 0) {
        x = minX + rand.below(maxX - minX + 1);
        y = minY + rand.below(maxY - minY + 1);
      } else {
        const [cx, cy] = centres[rand.below(centres.length)]!;
        x = cx! + rand.below(2 * j + 1) - j;
        y = cy! + rand.below(2 * j + 1) - j;
      }
      return [clamp(x, minX + margin, maxX - margin), clamp(y, minY + margin, maxY - margin)];
    },
  };
}

function boxFrame(
  scale: number,
  box: readonly [number, number, number, number],
  radius: number,
  step: number,
): Frame {
  const unit = 10 ** scale;
  const [minX, minY, maxX, maxY] = box.map((v) => Math.round(v * unit)) as [number, number, number, number];
  const margin = radius * 12;
  return {
    scale,
    minX,
    maxX,
    minY,
    maxY,
    radius,
    step,
    origin: [minX + margin, minY + margin],
    centre: (rand) => [
      minX + margin + rand.below(maxX - minX - 2 * margin + 1),
      minY + margin + rand.below(maxY - minY - 2 * margin + 1),
    ],
  };
}

const toMercator = (lon: number, lat: number): readonly [number, number] => [
  (lon * MERCATOR_HALF) / 180,
  ((Math.log(Math.tan(((90 + lat) * Math.PI) / 360)) / (Math.PI / 180)) * MERCATOR_HALF) / 180,
];

/** The frame for an SRID: degrees, Web Mercator metres, UTM metres, or a generic projected plane. */
function frameFor(srid: number, geography: boolean): Frame {
  if (geography || srid === 0 || GEOGRAPHIC_SRIDS.has(srid)) {
    // Micro-degrees; shapes up to ~1 km across; unique points 0.0001° (~11 m) apart.
    return cityFrame(6, [-180, -90, 180, 90], (lon, lat) => [lon, lat], 0.2, 5000, 100);
  }
  if (MERCATOR_SRIDS.has(srid)) {
    // Latitude ±85.06° is the square's edge.
    return cityFrame(
      2,
      [-MERCATOR_HALF, -MERCATOR_HALF, MERCATOR_HALF, MERCATOR_HALF],
      toMercator,
      20000,
      50000,
      1000,
    );
  }
  if (
    (srid >= 32601 && srid <= 32660) ||
    (srid >= 25828 && srid <= 25838) ||
    (srid >= 26901 && srid <= 26923)
  ) {
    return boxFrame(2, [166000, 0, 834000, 9300000], 50000, 1000);
  }
  if (srid >= 32701 && srid <= 32760) return boxFrame(2, [166000, 1100000, 834000, 10000000], 50000, 1000);
  // Any other projected system: a local grid of metres with positive coordinates.
  return boxFrame(2, [0, 0, 1000000, 1000000], 50000, 1000);
}

// Unit circle at 1/4096 turns, scaled to integers once so shapes only do integer arithmetic.
const TURN = 4096;
const COS = Array.from({ length: TURN }, (_, i) => Math.cos((2 * Math.PI * i) / TURN));
const SIN = Array.from({ length: TURN }, (_, i) => Math.sin((2 * Math.PI * i) / TURN));

interface Writer {
  /** ` Z `, ` M `, ` ZM ` between a keyword and its coordinates (ISO WKT, which PostGIS reads), or '' for 2-D. */
  readonly tag: string;
  /** One position `x y [z] [m]`. */
  pos(x: number, y: number, rand: RowRandom | null): string;
}

function createWriter(frame: Frame, z: boolean, m: boolean): Writer {
  const { scale } = frame;
  return {
    tag: z && m ? ' ZM ' : z ? ' Z ' : m ? ' M ' : '',
    pos(x, y, rand) {
      let out = `${formatScaled(x, scale, true)} ${formatScaled(y, scale, true)}`;
      // Z: an elevation in decimetres up to 500 m; M: a measure up to 1000.00.
      if (z) out += ` ${rand ? formatScaled(rand.below(5001), 1, true) : '0'}`;
      if (m) out += ` ${rand ? formatScaled(rand.below(100001), 2, true) : '0'}`;
      return out;
    },
  };
}

/** A closed star-shaped ring around (cx, cy): 4..8 vertices in angle order (counter-clockwise), or a rectangle. */
function ring(w: Writer, rand: RowRandom, cx: number, cy: number, radius: number): string {
  const half = Math.max(radius >> 1, 1);
  if (rand.below(3) === 0) {
    const dx = half + rand.below(radius - half + 1);
    const dy = half + rand.below(radius - half + 1);
    const first = w.pos(cx - dx, cy - dy, rand);
    return `(${first},${w.pos(cx + dx, cy - dy, rand)},${w.pos(cx + dx, cy + dy, rand)},${w.pos(cx - dx, cy + dy, rand)},${first})`;
  }
  const n = 4 + rand.below(5);
  const sector = TURN / n;
  let first = '';
  let out = '(';
  for (let i = 0; i < n; i++) {
    const angle = Math.floor(i * sector + sector * 0.1 + rand.below(Math.floor(sector * 0.8)));
    const r = half + rand.below(radius - half + 1);
    const p = w.pos(cx + Math.round(COS[angle]! * r), cy + Math.round(SIN[angle]! * r), rand);
    if (i === 0) first = p;
    out += `${p},`;
  }
  return `${out}${first})`;
}

function line(w: Writer, rand: RowRandom, cx: number, cy: number, radius: number): string {
  const n = 2 + rand.below(5);
  const step = Math.max(radius >> 1, 1);
  let x = cx;
  let y = cy;
  let out = `(${w.pos(x, y, rand)}`;
  for (let i = 1; i < n; i++) {
    // Never the same point twice in a row: x always moves.
    x += (1 + rand.below(step)) * (rand.below(2) === 0 ? -1 : 1);
    y += rand.below(2 * step + 1) - step;
    out += `,${w.pos(x, y, rand)}`;
  }
  return `${out})`;
}

type Build = (w: Writer, rand: RowRandom, cx: number, cy: number, r: number) => string;

const BUILD: Readonly<Record<Exclude<PostgisShape, 'geometry'>, Build>> = {
  point: (w, rand, x, y) => `(${w.pos(x, y, rand)})`,
  linestring: line,
  polygon: (w, rand, x, y, r) => `(${ring(w, rand, x, y, r)})`,
  multipoint(w, rand, x, y, r) {
    const n = 2 + rand.below(4);
    let out = '(';
    for (let i = 0; i < n; i++) {
      out += `${i === 0 ? '' : ','}(${w.pos(x + rand.below(2 * r + 1) - r, y + rand.below(2 * r + 1) - r, rand)})`;
    }
    return `${out})`;
  },
  multilinestring(w, rand, x, y, r) {
    const n = 1 + rand.below(3);
    let out = '(';
    for (let i = 0; i < n; i++) out += (i === 0 ? '' : ',') + line(w, rand, x, y + i * r, r);
    return `${out})`;
  },
  multipolygon(w, rand, x, y, r) {
    // Members 3r apart along x never touch: each lies within r of its centre.
    const n = 1 + rand.below(3);
    let out = '(';
    for (let i = 0; i < n; i++) out += `${i === 0 ? '' : ','}(${ring(w, rand, x + i * 3 * r, y, r)})`;
    return `${out})`;
  },
  geometrycollection: (w, rand, x, y, r) =>
    `(POINT${w.tag}(${w.pos(x, y, rand)}),LINESTRING${w.tag}${line(w, rand, x, y, r)})`,
};

function keyword(shape: Exclude<PostgisShape, 'geometry'>): string {
  return shape.toUpperCase();
}

const GENERIC: readonly Exclude<PostgisShape, 'geometry'>[] = ['point', 'point', 'linestring', 'polygon'];

/** Random and unique values for PostGIS `geometry` and `geography` columns. */
export const postgisSupport: TypeSupport = {
  random(type): ValueGenerator {
    const mod = postgisTypmod(type);
    const frame = frameFor(mod.srid, type.name === 'geography');
    const w = createWriter(frame, mod.z, mod.m);
    const { tag } = w;
    const prefix = mod.srid > 0 ? `SRID=${mod.srid};` : '';
    const fixed = mod.shape === 'geometry' ? null : mod.shape;
    return {
      random(rand) {
        const shape = fixed ?? GENERIC[rand.below(GENERIC.length)]!;
        const [x, y] = frame.centre(rand);
        const r = (frame.radius >> 2) + rand.below(frame.radius - (frame.radius >> 2) + 1);
        return `${prefix}${keyword(shape)}${tag}${BUILD[shape](w, rand, x, y, r)}`;
      },
    };
  },
  unique(type): UniqueValueGenerator {
    const mod = postgisTypmod(type);
    const frame = frameFor(mod.srid, type.name === 'geography');
    const w = createWriter(frame, mod.z, mod.m);
    const { tag } = w;
    const prefix = mod.srid > 0 ? `SRID=${mod.srid};` : '';
    const shape = mod.shape === 'geometry' ? 'point' : mod.shape;
    const { step } = frame;
    const [ox, oy] = frame.origin;
    // A grid of points `step` apart, 1000 to a row, rows northwards until the frame's edge.
    const width = Math.min(1000, Math.floor((frame.maxX - ox) / step));
    const rows = Math.floor((frame.maxY - oy) / step) - 1;
    const d = step >> 2;
    const at = (x: number, y: number) => w.pos(x, y, null);
    const square = (x: number, y: number) =>
      `(${at(x, y)},${at(x + d, y)},${at(x + d, y + d)},${at(x, y + d)},${at(x, y)})`;
    const body: Readonly<Record<Exclude<PostgisShape, 'geometry'>, (x: number, y: number) => string>> = {
      point: (x, y) => `(${at(x, y)})`,
      linestring: (x, y) => `(${at(x, y)},${at(x + d, y + d)})`,
      polygon: (x, y) => `(${square(x, y)})`,
      multipoint: (x, y) => `((${at(x, y)}))`,
      multilinestring: (x, y) => `((${at(x, y)},${at(x + d, y + d)}))`,
      multipolygon: (x, y) => `((${square(x, y)}))`,
      geometrycollection: (x, y) => `(POINT${tag}(${at(x, y)}))`,
    };
    const build = body[shape];
    const head = `${prefix}${keyword(shape)}${tag}`;
    return {
      space: width * rows,
      value: (k) => head + build(ox + (k % width) * step, oy + Math.floor(k / width) * step),
    };
  },
};

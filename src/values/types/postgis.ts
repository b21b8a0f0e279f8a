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
import { lazyTable } from '../lazy-table.js';
import type { RowRandom } from '../random.js';
import { formatScaled } from './format.js';
import {
  type TypeSupport,
  type UniqueValueGenerator,
  unknownTypeError,
  type ValueGenerator,
} from './generator.js';
import { CURVED_BUILD, CURVED_SHAPES, type CurvedShape, curvedUnique } from './postgis-curves.js';
import { type Frame, frameFor } from './postgis-frames.js';

export type PostgisShape =
  | CurvedShape
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

/**
 * Reads `(Point, 4326)`, `(LineStringZ)`, `(POINTZM, 3857)` or nothing; throws for curve and surface types
 * (version 20, `curved`: a geometry's CIRCULARSTRING, COMPOUNDCURVE, CURVEPOLYGON, MULTICURVE, MULTISURFACE
 * are read, postgis-curves.ts).
 */
export function postgisTypmod(type: TypeRef, curved = false): PostgisTypmod {
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
    const parsed = shapeOf(text, curved && !geography);
    if (!parsed && geography && shapeOf(text, true))
      throw unknownTypeError(
        type,
        `PostGIS' geography holds no curved geometry: the server refuses every ${raw.toUpperCase()} value (lwgeom_set_geodetic: unsupported geom type), so only NULL loads`,
      );
    if (!parsed) throw unknownTypeError(type, `PostGIS subtype ${raw} is not supported`);
    ({ shape, z, m } = parsed);
  }
  if (geography && srid <= 0) srid = 4326;
  return { shape, z, m, srid: Math.max(srid, 0) };
}

function shapeOf(text: string, curved: boolean): { shape: PostgisShape; z: boolean; m: boolean } | undefined {
  for (const [suffix, z, m] of [
    ['', false, false],
    ['zm', true, true],
    ['z', true, false],
    ['m', false, true],
  ] as const) {
    if (!text.endsWith(suffix)) continue;
    const base = text.slice(0, text.length - suffix.length);
    if (SHAPES.has(base) || (curved && CURVED_SHAPES.has(base))) return { shape: base as PostgisShape, z, m };
  }
  return undefined;
}

// Unit circle at 1/4096 turns, scaled to integers once so shapes only do integer arithmetic.
const TURN = 4096;
const unitCircle = lazyTable(() => ({
  cos: Array.from({ length: TURN }, (_, i) => Math.cos((2 * Math.PI * i) / TURN)),
  sin: Array.from({ length: TURN }, (_, i) => Math.sin((2 * Math.PI * i) / TURN)),
}));

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
  const { cos, sin } = unitCircle();
  const n = 4 + rand.below(5);
  const sector = TURN / n;
  let first = '';
  let out = '(';
  for (let i = 0; i < n; i++) {
    const angle = Math.floor(i * sector + sector * 0.1 + rand.below(Math.floor(sector * 0.8)));
    const r = half + rand.below(radius - half + 1);
    const p = w.pos(cx + Math.round(cos[angle]! * r), cy + Math.round(sin[angle]! * r), rand);
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
  ...CURVED_BUILD,
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

/** Random and unique values for PostGIS `geometry` and `geography` columns (`curved`: version 20's curves too). */
export function createPostgisSupport(curved: boolean): TypeSupport {
  return {
    random: (type) => randomPostgis(postgisTypmod(type, curved), type),
    unique: (type) => uniquePostgis(postgisTypmod(type, curved), type),
  };
}

export const postgisSupport: TypeSupport = createPostgisSupport(false);

function randomPostgis(mod: PostgisTypmod, type: TypeRef): ValueGenerator {
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
}

type StraightShape = Exclude<PostgisShape, 'geometry' | CurvedShape>;

function uniquePostgis(mod: PostgisTypmod, type: TypeRef): UniqueValueGenerator {
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
  const body: Readonly<Record<StraightShape, (x: number, y: number) => string>> = {
    point: (x, y) => `(${at(x, y)})`,
    linestring: (x, y) => `(${at(x, y)},${at(x + d, y + d)})`,
    polygon: (x, y) => `(${square(x, y)})`,
    multipoint: (x, y) => `((${at(x, y)}))`,
    multilinestring: (x, y) => `((${at(x, y)},${at(x + d, y + d)}))`,
    multipolygon: (x, y) => `((${square(x, y)}))`,
    geometrycollection: (x, y) => `(POINT${tag}(${at(x, y)}))`,
  };
  const build = CURVED_SHAPES.has(shape)
    ? curvedUnique(w, shape as CurvedShape, d)
    : body[shape as StraightShape];
  const head = `${prefix}${keyword(shape)}${tag}`;
  return {
    space: width * rows,
    value: (k) => head + build(ox + (k % width) * step, oy + Math.floor(k / width) * step),
  };
}

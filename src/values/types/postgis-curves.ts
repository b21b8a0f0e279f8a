/**
 * Version 20: PostGIS curved geometries (values/types/postgis.ts makes the
 * others), valid and inside the SRID's frame like them: a CIRCULARSTRING is
 * one arc of three points on a circle around the centre, a COMPOUNDCURVE that
 * arc and a straight segment on from its end, a CURVEPOLYGON a whole circle
 * (two arcs, closed), MULTICURVE and MULTISURFACE one or two such members
 * placed apart. Geography takes no curve (PostGIS refuses it), so only a
 * `geometry` column's typmod names them.
 */
import { lazyTable } from '../lazy-table.js';
import type { RowRandom } from '../random.js';

export type CurvedShape = 'circularstring' | 'compoundcurve' | 'curvepolygon' | 'multicurve' | 'multisurface';

export const CURVED_SHAPES: ReadonlySet<string> = new Set<CurvedShape>([
  'circularstring',
  'compoundcurve',
  'curvepolygon',
  'multicurve',
  'multisurface',
]);

/** A position's text (`x y [z] [m]`) and the dimension tag nested keywords take (postgis.ts createWriter). */
export interface CurveWriter {
  readonly tag: string;
  pos(x: number, y: number, rand: RowRandom | null): string;
}

const TURN = 4096;
const unitCircle = lazyTable(() => ({
  cos: Array.from({ length: TURN }, (_, i) => Math.cos((2 * Math.PI * i) / TURN)),
  sin: Array.from({ length: TURN }, (_, i) => Math.sin((2 * Math.PI * i) / TURN)),
}));

/** The point at `angle` (in 1/4096 turns) on the circle of radius r around (cx, cy). */
function onCircle(cx: number, cy: number, r: number, angle: number): [number, number] {
  const { cos, sin } = unitCircle();
  const a = ((angle % TURN) + TURN) % TURN;
  return [cx + Math.round((cos[a] as number) * r), cy + Math.round((sin[a] as number) * r)];
}

/** An arc's three points: a start, a middle a quarter to a third of a turn on, an end as far again. */
function arc(rand: RowRandom, cx: number, cy: number, r: number): [number, number][] {
  const start = rand.below(TURN);
  const sweep = TURN / 4 + rand.below(TURN / 12);
  return [0, 1, 2].map((i) => onCircle(cx, cy, r, start + i * sweep));
}

function text(w: CurveWriter, rand: RowRandom | null, points: readonly [number, number][]): string {
  return `(${points.map(([x, y]) => w.pos(x, y, rand)).join(',')})`;
}

/**
 * A whole circle as a closed circular string: four points a quarter turn apart, the first again, its
 * position text repeated (Z and M included: PostGIS refuses a ring whose last Z differs from its first).
 */
function circle(
  w: CurveWriter,
  rand: RowRandom | null,
  cx: number,
  cy: number,
  r: number,
  at: number,
): string {
  const points = [0, 1, 2, 3].map((i) => onCircle(cx, cy, r, at + (i * TURN) / 4));
  const texts = points.map(([x, y]) => w.pos(x, y, rand));
  return `CIRCULARSTRING${w.tag}(${[...texts, texts[0]].join(',')})`;
}

type CurveBuild = (w: CurveWriter, rand: RowRandom, cx: number, cy: number, r: number) => string;

/** Each curved shape's body (after its keyword and tag) around (cx, cy), within r of it (members within 4r). */
export const CURVED_BUILD: Readonly<Record<CurvedShape, CurveBuild>> = {
  circularstring: (w, rand, x, y, r) => text(w, rand, arc(rand, x, y, r)),
  compoundcurve(w, rand, x, y, r) {
    // An arc, then a straight segment from its end (the same position text, Z and M included).
    const points = arc(rand, x, y, r >> 1);
    const texts = points.map(([px, py]) => w.pos(px, py, rand));
    const [ex, ey] = points[2] as [number, number];
    const next = w.pos(ex + (r >> 1), ey + (r >> 2), rand);
    return `(CIRCULARSTRING${w.tag}(${texts.join(',')}),(${texts[2]},${next}))`;
  },
  curvepolygon: (w, rand, x, y, r) => `(${circle(w, rand, x, y, r, rand.below(TURN))})`,
  multicurve(w, rand, x, y, r) {
    const second =
      rand.below(2) === 0 ? '' : `,CIRCULARSTRING${w.tag}${text(w, rand, arc(rand, x + 3 * r, y, r))}`;
    return `(CIRCULARSTRING${w.tag}${text(w, rand, arc(rand, x, y, r))}${second})`;
  },
  multisurface(w, rand, x, y, r) {
    const second = rand.below(2) === 0 ? '' : `,CURVEPOLYGON${w.tag}(${circle(w, rand, x + 3 * r, y, r, 0)})`;
    return `(CURVEPOLYGON${w.tag}(${circle(w, rand, x, y, r, rand.below(TURN))})${second})`;
  },
};

/** Each curved shape's unique body at grid point (x, y), within d (a quarter of the grid's step) of it. */
export function curvedUnique(
  w: CurveWriter,
  shape: CurvedShape,
  d: number,
): (x: number, y: number) => string {
  const at = (x: number, y: number) => w.pos(x, y, null);
  const arcAt = (x: number, y: number) => `(${at(x, y)},${at(x + d, y + d)},${at(x + 2 * d, y)})`;
  const h = Math.max(d >> 1, 1);
  const circleAt = (x: number, y: number) =>
    `CIRCULARSTRING${w.tag}(${at(x, y)},${at(x + h, y + h)},${at(x + 2 * h, y)},${at(x + h, y - h)},${at(x, y)})`;
  switch (shape) {
    case 'circularstring':
      return arcAt;
    case 'compoundcurve':
      return (x, y) => `(CIRCULARSTRING${w.tag}${arcAt(x, y)},(${at(x + 2 * d, y)},${at(x + 2 * d, y + d)}))`;
    case 'curvepolygon':
      return (x, y) => `(${circleAt(x, y)})`;
    case 'multicurve':
      return (x, y) => `(CIRCULARSTRING${w.tag}${arcAt(x, y)})`;
    case 'multisurface':
      return (x, y) => `(CURVEPOLYGON${w.tag}(${circleAt(x, y)}))`;
  }
}

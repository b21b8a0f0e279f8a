/**
 * PostGIS coordinate frames: per SRID the units (micro-degrees, centimetres),
 * the valid box, where random shapes sit (around cities for geographic and
 * Web Mercator SRIDs, anywhere in a UTM zone or a local grid otherwise), how
 * big they are, and the grid unique points are spaced on.
 */
import { MERCATOR_HALF, sridBox } from '../../schema/postgis-boxes.js';
import type { RowRandom } from '../random.js';

/** A coordinate frame: the units, the valid box, where shapes sit and how big they are. */
export interface Frame {
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

/** [longitude, latitude] of places people store data about (version 27: a PostGIS place's, geo-places27.ts). */
export const CITIES: readonly (readonly [number, number])[] = [
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
export function frameFor(srid: number, geography: boolean): Frame {
  const { kind, box } = sridBox(srid, geography);
  switch (kind) {
    case 'degrees':
      // Micro-degrees; shapes up to ~1 km across; unique points 0.0001° (~11 m) apart.
      return cityFrame(6, box, (lon, lat) => [lon, lat], 0.2, 5000, 100);
    case 'mercator':
      // Latitude ±85.06° is the square's edge.
      return cityFrame(2, box, toMercator, 20000, 50000, 1000);
    default:
      // A UTM zone's half, or any other projected system: a local grid of metres with positive coordinates.
      return boxFrame(2, box, 50000, 1000);
  }
}

/**
 * Version 27: a PostGIS point in degrees (`geometry(Point, 4326)`,
 * `geography(Point)`) is a place, as version 26's `point` is
 * (geo-points26.ts): the row's own longitude and latitude where it has
 * them, else inside its place's box, else within about 5 km of a city
 * people store data about (postgis-frames.ts' CITIES), written
 * `SRID=4326;POINT(x y)`. Was a quarter of them anywhere on the globe (in
 * the sea, on Antarctica's ice) and none by the row's place. A `point`
 * with no place in its row sits by such a city too (was anywhere in a
 * country's box), and so do a row's `latitude` and `longitude` (were
 * anywhere on the globe): both of one city, a pair of a prefix
 * (`pickup_lat`, `dropoff_lat`) its own spot in the row's city.
 */
import type { TypeRef } from '../../schema/model.js';
import { hashString, RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { postgisTypmod } from '../types/postgis.js';
import { CITIES } from '../types/postgis-frames.js';
import { decimalShape } from './number-values.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';

/** Degrees a place strays from its city's centre, each way (about 5 km). */
const STRAY = 0.05;

/** Whether a column of type `base` is a PostGIS place: a plain point in longitude and latitude (version 27). */
export function isPostgisPlace(base: TypeRef, version: number): boolean {
  if (version < 27 || base.arrayDims > 0 || (base.name !== 'geometry' && base.name !== 'geography'))
    return false;
  try {
    const mod = postgisTypmod(base);
    return mod.shape === 'point' && !mod.z && !mod.m && mod.srid === 4326;
  } catch {
    return false;
  }
}

/** `[longitude, latitude]` within STRAY of one of the cities. */
export function nearCity(rand: RowRandom): readonly [number, number] {
  const [x, y] = CITIES[rand.below(CITIES.length)] as readonly [number, number];
  return [x + (2 * rand.float() - 1) * STRAY, y + (2 * rand.float() - 1) * STRAY];
}

/** The plan's words for a `point` place (version 27). */
export const GEO_POINT_TEXT_27 =
  "a place as (longitude,latitude): the row's own longitude and latitude where it has them, else inside its place's box, else within about 5 km of a large city";
/** The plan's words for a PostGIS place. */
export const GEO_PLACE_TEXT =
  "a place as SRID=4326;POINT(longitude latitude): the row's own longitude and latitude where it has them, else inside its place's box, else within about 5 km of a large city";

/** The words of a coordinate's name before its axis (`pickup` of `pickup_lat`): a pair's own spot. */
export const pairOf = (tokens: readonly string[]) => tokens.slice(0, -1).join('_');

/**
 * `axis` of a spot within `stray` degrees of `centre` (longitude, latitude), both offsets drawn from `spot` (so a
 * pair's latitude and longitude are one spot), written at the column's numeric scale within its bound.
 */
export function coordinateNear(
  centre: readonly [number, number],
  spot: { float(): number },
  stray: number,
  axis: 'lat' | 'lng',
  { scale, maxUnits }: { scale: number; maxUnits: number },
): string {
  const dx = (2 * spot.float() - 1) * stray;
  const dy = (2 * spot.float() - 1) * stray;
  const value = axis === 'lat' ? centre[1] + dy : centre[0] + dx;
  const units = Math.round(value * (POW10[scale] as number));
  return formatScaled(Math.max(-maxUnits, Math.min(maxUnits, units)), scale);
}

/**
 * A latitude or longitude (`axis`) within STRAY of a city: the row's city drawn by the table (so the row's
 * latitude and longitude are one city's), its stray by the pair.
 */
export function cityCoordinate(build: SemanticBuild, axis: 'lat' | 'lng'): SemanticGenerator {
  const seed = build.ctx.seed ?? 0;
  const table = (hashString(`city:${build.table.schema}.${build.table.name}`) ^ seed) >>> 0;
  const pair = (hashString(`spot:${build.table.name}.${pairOf(build.tokens)}`) ^ seed) >>> 0;
  const cityRand = new RowRandom();
  const spotRand = new RowRandom();
  const shape = decimalShape(build.base, 6);
  return {
    escapeFree: true,
    random(_rand, row) {
      const city = CITIES[cityRand.at(table, row).below(CITIES.length)] as readonly [number, number];
      return coordinateNear(city, spotRand.at(pair, row), STRAY, axis, shape);
    },
  };
}

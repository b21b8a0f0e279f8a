/**
 * Version 26: a `point` column that holds a place (`location`, `coords`,
 * `pickup_location`, or any point beside latitude and longitude columns) as
 * `(longitude,latitude)`: the row's own longitude and latitude where it has
 * them, else inside its place's box (region-coordinates.ts), else inside a
 * country's box; was `(477.36,-278.17)`, off the globe.
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { type Centre, CITY_STRAY, centreReader } from './city-coordinates28.js';
import { nameTokens } from './column-names.js';
import { isPostgisPlace, nearCity } from './geo-places27.js';
import { type Box, boxReader, COUNTRY_BOX_LIST } from './region-coordinates.js';
import { type SemanticBuild, type SemanticGenerator, siblingReader } from './semantic-generator.js';

const PLACE_NAMES = new Set(
  'location coords coordinates coord geo geopoint geolocation geoposition latlng lnglat latlon lonlat gps gpslocation'.split(
    ' ',
  ),
);
/** Names of a point that is a place only beside latitude and longitude columns. */
const BESIDE_NAMES = new Set('point position pos center centre'.split(' '));
const LATITUDE = new Set(['lat', 'latitude']);
const LONGITUDE = new Set(['lng', 'lon', 'long', 'longitude']);

/** The table's latitude and longitude columns (by name, the same prefix first), or null. */
function coordinateColumns(table: Table): { readonly lat: string; readonly lng: string } | null {
  const named = (words: ReadonlySet<string>) =>
    table.columns.find((c) => !c.generated && words.has(nameTokens(c.name).at(-1) ?? ''))?.name;
  const lat = named(LATITUDE);
  const lng = named(LONGITUDE);
  return lat === undefined || lng === undefined ? null : { lat, lng };
}

/** Whether a column is a place kept as a `point` (version 26). */
export function isGeoPoint(table: Table, column: Column, base: TypeRef, version: number): boolean {
  // Version 27: a PostGIS point in degrees, whatever its name (geo-places27.ts).
  if (isPostgisPlace(base, version)) return true;
  if (version < 26 || base.name !== 'point' || base.arrayDims > 0) return false;
  const t = nameTokens(column.name);
  const compact = t.join('');
  if (PLACE_NAMES.has(compact) || t.at(-1) === 'location' || t.at(-1) === 'coords') return true;
  return BESIDE_NAMES.has(compact) && coordinateColumns(table) !== null;
}

const inBox = (rand: RowRandom, box: Box): readonly [number, number] => [
  box[2] + rand.float() * (box[3] - box[2]),
  box[0] + rand.float() * (box[1] - box[0]),
];
const nearCentre = (rand: RowRandom, [x, y]: Centre): readonly [number, number] => [
  x + (2 * rand.float() - 1) * CITY_STRAY,
  y + (2 * rand.float() - 1) * CITY_STRAY,
];
const rounded = (x: number) => Math.round(x * 1e6) / 1e6;

/** A place's point: `(longitude,latitude)`, the row's own where it has them. */
export function createGeoPointGenerator(build: SemanticBuild): SemanticGenerator {
  const columns = coordinateColumns(build.table);
  const lat = columns === null ? null : siblingReader(build.ctx, columns.lat);
  const lng = columns === null ? null : siblingReader(build.ctx, columns.lng);
  // Version 28: by the row's city, state or country, the locale's country (was its place's box).
  const centre = build.version >= 28 ? centreReader(build) : null;
  const box = build.locale === null && build.version < 28 ? boxReader(build) : null;
  const postgis = isPostgisPlace(build.base, build.version);
  // Version 27: by a city where the row has no place (was anywhere in a country's box).
  const cities = build.version >= 27;
  return {
    escapeFree: true,
    random(rand, row) {
      const near = centre?.(row);
      const own = box?.(row);
      const place =
        own ??
        (cities ? undefined : (COUNTRY_BOX_LIST[rand.below(COUNTRY_BOX_LIST.length)] as Box | undefined));
      const [px, py] =
        near !== undefined
          ? nearCentre(rand, near)
          : place !== undefined
            ? inBox(rand, place)
            : cities
              ? nearCity(rand)
              : [0, 0];
      // The row's own where it has one (the other drawn in its place's box where NULL).
      const y = Number(lat?.(row) ?? Number.NaN);
      const x = Number(lng?.(row) ?? Number.NaN);
      const ownY = Number.isFinite(y) && Math.abs(y) <= 90;
      const ownX = Number.isFinite(x) && Math.abs(x) <= 180;
      const [pointX, pointY] = [ownX ? x : rounded(px), ownY ? y : rounded(py)];
      return postgis ? `SRID=4326;POINT(${pointX} ${pointY})` : `(${pointX},${pointY})`;
    },
  };
}

/** The plan's words for such a column. */
export const GEO_POINT_TEXT =
  "a place as (longitude,latitude): the row's own longitude and latitude where it has them, else inside its place's or a country's box";

/**
 * Version 28: a row's place as a point by its city. Where the row has a city
 * (a column of the city kind), its latitude and longitude (or its `point`,
 * its PostGIS point) are within about 4 km of that city's centre
 * (city-centres28.ts; were anywhere in its US state's or country's box, and
 * Chile's and Indonesia's boxes are mostly sea); with no city or one not
 * listed, near a city of its US state (home-places.ts' records), else of its
 * country (any country listed, not only those with a box); with no place
 * column, a locale's run near a city of the locale's country (was anywhere
 * on the globe). A row naming a country not known here keeps version 27's
 * large city.
 */
import { lazyTable } from '../lazy-table.js';
import { hashString, RowRandom } from '../random.js';
import { CITY_CENTRES } from './city-centres28.js';
import { cityInState } from './city-states29.js';
import { codesOfCountry } from './country-cities.js';
import { countryReader } from './country-places.js';
import { cityCoordinate, coordinateNear, pairOf } from './geo-places27.js';
import { homeRecordsOf } from './home-places.js';
import { STATES } from './locale-data.js';
import { decimalShape } from './number-values.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';

/** `[longitude, latitude]` in degrees. */
export type Centre = readonly [number, number];

/** A country's cities: by name, and all of them (its big cities, for a row with no city of its own). */
interface CountryCentres {
  readonly byName: ReadonlyMap<string, Centre>;
  readonly all: readonly Centre[];
}

/** Degrees a place strays from its city's centre, each way (about 4 km). */
export const CITY_STRAY = 0.035;

const countries = lazyTable(() => {
  const map = new Map<string, CountryCentres>();
  for (const line of CITY_CENTRES.split('\n')) {
    const [alpha2 = '', list = ''] = line.split('|');
    const byName = new Map<string, Centre>();
    for (const entry of list.split(';')) {
      const [name = '', at = ''] = entry.split('=');
      const [lat = 0, lng = 0] = at.split(',').map(Number);
      byName.set(name, [lng, lat]);
    }
    map.set(alpha2, { byName, all: [...byName.values()] });
  }
  return map;
});

/** The US states' cities (home-places.ts' records), by the state's name and its abbreviation, lower-case. */
const stateCities = lazyTable(() => {
  const us = countries().get('US');
  const byState = new Map<string, Centre[]>();
  for (const record of homeRecordsOf('US') ?? []) {
    const centre = us?.byName.get(record.city);
    if (centre === undefined) continue;
    const key = record.region.toLowerCase();
    byState.set(key, [...(byState.get(key) ?? []), centre]);
  }
  for (const s of STATES) {
    const cities = byState.get(s.name.toLowerCase());
    if (cities !== undefined) byState.set(s.abbr.toLowerCase(), cities);
  }
  return byState;
});

/** Reads a row's city centre (undefined: no place known); null where the table has no place and the run no locale. */
export function centreReader(build: SemanticBuild): ((row: number) => Centre | undefined) | null {
  const cityColumn = siblingOfKind(build, 'city');
  const stateColumn = siblingOfKind(build, 'state');
  const readCity = cityColumn === null ? null : siblingReader(build.ctx, cityColumn);
  const readState = stateColumn === null ? null : siblingReader(build.ctx, stateColumn);
  const readCountry = countryReader(build);
  const home = build.locale?.home;
  if (readCity === null && readState === null && readCountry === undefined && home === undefined) return null;
  const all = countries();
  const states = stateCities();
  const pick = new RowRandom();
  const byState = build.version >= 29;
  // The row's city drawn by the table, so every place column of the row is by the same one.
  const key = (hashString(`centre:${build.table.schema}.${build.table.name}`) ^ (build.ctx.seed ?? 0)) >>> 0;
  const among = (list: readonly Centre[] | undefined, row: number) =>
    list === undefined || list.length === 0 ? undefined : list[pick.at(key, row).below(list.length)];
  return (row) => {
    const country = readCountry?.(row);
    const named = typeof country === 'string';
    const alpha2 = !named
      ? (home?.alpha2 ?? 'US')
      : country === home?.name
        ? home.alpha2
        : codesOfCountry(country)?.alpha2;
    if (alpha2 === undefined) return undefined;
    const centres = all.get(alpha2);
    const city = readCity?.(row);
    const state = alpha2 === 'US' ? readState?.(row) : undefined;
    // Version 29: a name several US states share by the row's state (city-states29.ts).
    const shared = byState && typeof city === 'string' ? cityInState(city, state) : null;
    if (shared !== null) return shared ?? among(states.get(String(state).toLowerCase()), row);
    const own = typeof city === 'string' ? centres?.byName.get(city) : undefined;
    if (own !== undefined) return own;
    const inState = typeof state === 'string' ? among(states.get(state.toLowerCase()), row) : undefined;
    return inState ?? among(centres?.all, row);
  };
}

/**
 * Version 28: a latitude or longitude (`axis`) by the row's city (see above), its stray by the pair (a row's
 * `pickup_lat` and `pickup_lng` one spot); a row with no place known version 27's large city.
 */
export function withCityCoordinates(build: SemanticBuild, axis: 'lat' | 'lng'): SemanticGenerator {
  const elsewhere = cityCoordinate(build, axis);
  const read = centreReader(build);
  if (read === null) return elsewhere;
  const pair =
    (hashString(`spot28:${build.table.name}.${pairOf(build.tokens)}`) ^ (build.ctx.seed ?? 0)) >>> 0;
  const spotRand = new RowRandom();
  const shape = decimalShape(build.base, 6);
  return {
    escapeFree: true,
    random(rand, row) {
      const centre = read(row);
      if (centre === undefined) return elsewhere.random(rand, row);
      return coordinateNear(centre, spotRand.at(pair, row), CITY_STRAY, axis, shape);
    },
  };
}

/** Version 28's words for a latitude or longitude. */
export const CITY_COORDINATES_TEXT =
  ", within about 4 km of the row's city's centre (else of a city of its US state or country, of the locale's country in a locale's run), else of a large city; the row's latitude and longitude of one city";

/** Version 28's words for a place kept as a point (PostGIS's `SRID=4326;POINT(x y)` or a `point`). */
export function cityPlaceText(postgis: boolean): string {
  const shape = postgis ? 'SRID=4326;POINT(longitude latitude)' : '(longitude,latitude)';
  return `a place as ${shape}: the row's own longitude and latitude where it has them, else within about 4 km of the row's city's centre (else of a city of its US state or country, of the locale's country in a locale's run), else of a large city`;
}

/**
 * Version 25: a row's latitude and longitude inside the place its row names
 * (were anywhere on the globe: a store in Plano, Texas at 12.6, 101.6): the
 * bounding box of its US state (a `state` column, by name or abbreviation),
 * else of its country (a country column of its own or its parent place's,
 * for the countries listed here), else of the contiguous United States where
 * the row has a city and no country (en's cities are American). A country
 * not listed here keeps the globe. Boxes written for this project from
 * common knowledge, rounded; a box is its land's extent, not its shape.
 */

import { formatScaled, POW10 } from '../types/format.js';
import { withCityCoordinates } from './city-coordinates28.js';
import { codesOfCountry } from './country-cities.js';
import { countryReader } from './country-places.js';
import { cityCoordinate } from './geo-places27.js';
import { STATES } from './locale-data.js';
import { decimalShape } from './number-values.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';

/** `code south north west east`, one box a line. */
const BOXES = `AL 30.2 35 -88.5 -84.9
AK 55 71 -165 -131
AZ 31.3 37 -114.8 -109
AR 33 36.5 -94.6 -89.6
CA 32.5 42 -124.4 -114.1
CO 37 41 -109.1 -102
CT 41 42.1 -73.7 -71.8
DE 38.5 39.8 -75.8 -75.1
DC 38.8 39 -77.1 -76.9
FL 24.6 31 -87.6 -80
GA 30.4 35 -85.6 -80.8
HI 18.9 22.2 -160.2 -154.8
ID 42 49 -117.2 -111
IL 37 42.5 -91.5 -87.5
IN 37.8 41.8 -88.1 -84.8
IA 40.4 43.5 -96.6 -90.1
KS 37 40 -102 -94.6
KY 36.5 39.1 -89.6 -82
LA 29 33 -94 -89
ME 43.1 47.5 -71.1 -66.9
MD 37.9 39.7 -79.5 -75.1
MA 41.2 42.9 -73.5 -69.9
MI 41.7 48.3 -90.4 -82.4
MN 43.5 49.4 -97.2 -89.5
MS 30.2 35 -91.6 -88.1
MO 36 40.6 -95.8 -89.1
MT 44.4 49 -116 -104
NE 40 43 -104 -95.3
NV 35 42 -120 -114
NH 42.7 45.3 -72.6 -70.6
NJ 38.9 41.4 -75.6 -73.9
NM 31.3 37 -109 -103
NY 40.5 45 -79.8 -71.9
NC 33.8 36.6 -84.3 -75.5
ND 45.9 49 -104 -96.6
OH 38.4 42 -84.8 -80.5
OK 33.6 37 -103 -94.4
OR 42 46.3 -124.6 -116.5
PA 39.7 42.3 -80.5 -74.7
RI 41.1 42 -71.9 -71.1
SC 32 35.2 -83.4 -78.5
SD 42.5 45.9 -104 -96.4
TN 35 36.7 -90.3 -81.6
TX 25.8 36.5 -106.6 -93.5
UT 37 42 -114 -109
VT 42.7 45 -73.4 -71.5
VA 36.5 39.5 -83.7 -75.2
WA 45.5 49 -124.8 -116.9
WV 37.2 40.6 -82.6 -77.7
WI 42.5 47.1 -92.9 -86.8
WY 41 45 -111 -104`;

/** Countries by alpha-2 (the United States: its contiguous states). */
const COUNTRY_BOXES = `US 25 49 -124.7 -67
CA 42 60 -135 -55
MX 15 32 -117 -87
BR -33 5 -73 -35
AR -55 -22 -73 -54
CL -55 -18 -75 -67
CO -4 12 -79 -67
PE -18 0 -81 -69
VE 1 12 -73 -60
GB 50 58.6 -7.5 1.7
IE 51.4 55.4 -10.5 -6
FR 42.3 51.1 -4.8 8.2
DE 47.3 55 5.9 15
ES 36 43.8 -9.3 3.3
PT 37 42.1 -9.5 -6.2
IT 37 47 6.6 18.5
NL 50.8 53.5 3.4 7.2
BE 49.5 51.5 2.5 6.4
CH 45.8 47.8 6 10.5
AT 46.4 49 9.5 17.1
PL 49 54.8 14.1 24.1
CZ 48.6 51 12.1 18.9
SE 55.3 69 11 24
NO 58 71 4.6 31
DK 54.6 57.7 8.1 12.6
FI 59.8 70 20.6 31.5
GR 35 41.7 19.4 28.2
TR 36 42 26 44.8
RU 50 60 30 60
UA 44.4 52.3 22.1 40.2
RO 43.6 48.2 20.3 29.7
HU 45.7 48.6 16.1 22.9
IN 8 32 68 89
CN 22 45 98 123
JP 31 44 130 145
KR 34.4 38.6 126 129.5
AU -38 -12 114 153
NZ -46.6 -34.4 166.4 178.5
ZA -34.8 -22.1 16.5 32.9
NG 4.3 13.9 2.7 14.6
EG 22 31.6 25 35
KE -4.7 4.6 33.9 41.9
MA 27.7 35.9 -13.2 -1
SA 16.4 32.1 34.6 55.6
AE 22.6 26.1 51.6 56.4
IL 29.5 33.3 34.3 35.9
PK 24 37 61 77
BD 20.7 26.6 88 92.7
ID -8.8 5.9 95 141
PH 5 19 117 126.6
VN 8.6 23.4 102.1 109.5
TH 5.6 20.5 97.3 105.6
SG 1.24 1.47 103.6 104
MT 35.8 36.08 14.18 14.58
PW 7 8.2 134.1 134.7
TN 30.2 37.5 7.5 11.6`;

/** `[south, north, west, east]` in degrees. */
export type Box = readonly [number, number, number, number];

function readBoxes(text: string): ReadonlyMap<string, Box> {
  const boxes = new Map<string, Box>();
  for (const line of text.split('\n')) {
    const [code, ...n] = line.split(' ');
    boxes.set(code as string, n.map(Number) as unknown as Box);
  }
  return boxes;
}
const STATE_BOXES = readBoxes(BOXES);
const COUNTRIES = readBoxes(COUNTRY_BOXES);
const STATE_ABBR = new Map(
  STATES.flatMap((s) => [[s.name.toLowerCase(), s.abbr] as const, [s.abbr.toLowerCase(), s.abbr] as const]),
);

/** Version 26: the countries' boxes, for a point with no place in its row (geo-points26.ts). */
export const COUNTRY_BOX_LIST: readonly Box[] = [...COUNTRIES.values()];

/** The box of a row's place: its state's, its country's, the United States' where it has only a city; undefined: anywhere. */
export function boxReader(build: SemanticBuild): ((row: number) => Box | undefined) | null {
  const stateColumn = siblingOfKind(build, 'state');
  const readState = stateColumn === null ? null : siblingReader(build.ctx, stateColumn);
  const readCountry = countryReader(build);
  const hasCity = siblingOfKind(build, 'city') !== null;
  if (readState === null && readCountry === undefined && !hasCity) return null;
  const us = COUNTRIES.get('US');
  return (row) => {
    const country = readCountry?.(row);
    const alpha2 = typeof country === 'string' ? codesOfCountry(country)?.alpha2 : undefined;
    if (alpha2 === undefined || alpha2 === 'US') {
      const state = readState?.(row);
      const abbr = typeof state === 'string' ? STATE_ABBR.get(state.toLowerCase()) : undefined;
      const box = abbr === undefined ? undefined : STATE_BOXES.get(abbr);
      if (box !== undefined) return box;
    }
    if (alpha2 !== undefined) return COUNTRIES.get(alpha2);
    return country === undefined || country === null ? us : undefined;
  };
}

/** Version 25: a latitude or longitude inside the row's place's box (the US only in en), `usual` elsewhere. */
export function withRegionCoordinates(
  build: SemanticBuild,
  usual: SemanticGenerator,
  axis: 'lat' | 'lng',
): SemanticGenerator {
  // Version 28: by the row's city, state or country, the locale's country (city-coordinates28.ts).
  if (build.version >= 28) return withCityCoordinates(build, axis);
  if (build.locale !== null) return usual;
  const read = boxReader(build);
  // Version 27: a row with no place's box by a large city (geo-places27.ts; was anywhere on the globe).
  const elsewhere = build.version >= 27 ? cityCoordinate(build, axis) : usual;
  if (read === null) return elsewhere;
  const { scale, maxUnits } = decimalShape(build.base, 6);
  const unit = POW10[scale] as number;
  const [low, high] = axis === 'lat' ? [0, 1] : [2, 3];
  return {
    random(rand, row) {
      const box = read(row);
      if (box === undefined) return elsewhere.random(rand, row);
      const value = (box[low] as number) + rand.float() * ((box[high] as number) - (box[low] as number));
      return formatScaled(Math.max(-maxUnits, Math.min(maxUnits, Math.round(value * unit))), scale);
    },
  };
}

/** Version 27's words: by a large city where the row has no place's box (geo-places27.ts). */
export const REGION_COORDINATES_TEXT_27 =
  ", inside the row's US state's or country's box (its own or its parent place's; the United States where a city has no country), else within about 5 km of a large city, the row's latitude and longitude of one city";
export const REGION_COORDINATES_TEXT =
  ", inside the row's US state's or country's box (its own or its parent place's; the United States where a city has no country), else anywhere";

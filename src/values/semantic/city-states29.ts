/**
 * Version 29: US city names several states share, placed by the row's state (city-centres28.ts keeps one
 * centre a name, the most populous: a row's `Springfield, Oregon` was by Springfield, Missouri). Centres
 * in degrees to two decimals, written for this project from common knowledge (each city's downtown).
 */
import { STATES } from './locale-data.js';

/** `City|ST=latitude,longitude;…`, one name a line. */
const SHARED = `Springfield|IL=39.80,-89.64;MO=37.21,-93.29;MA=42.10,-72.59;OR=44.05,-123.02;OH=39.92,-83.81
Portland|OR=45.52,-122.68;ME=43.66,-70.26
San Jose|CA=37.34,-121.89
Columbus|OH=39.96,-83.00;GA=32.46,-84.99;IN=39.20,-85.92;MS=33.50,-88.43
Kansas City|MO=39.10,-94.58;KS=39.11,-94.63
Aurora|CO=39.73,-104.83;IL=41.76,-88.32
Arlington|TX=32.74,-97.11;VA=38.88,-77.10
Glendale|CA=34.14,-118.25;AZ=33.54,-112.19
Peoria|IL=40.69,-89.59;AZ=33.58,-112.24
Rochester|NY=43.16,-77.61;MN=44.02,-92.47
Lakewood|CO=39.70,-105.08;NJ=40.10,-74.22;CA=33.85,-118.13
Pasadena|CA=34.15,-118.14;TX=29.69,-95.21
Richmond|VA=37.54,-77.43;CA=37.94,-122.35
Charleston|SC=32.78,-79.93;WV=38.35,-81.63
Wilmington|DE=39.75,-75.55;NC=34.23,-77.94
Salem|OR=44.94,-123.04;MA=42.52,-70.90
Albany|NY=42.65,-73.76;GA=31.58,-84.16;OR=44.64,-123.11
Lafayette|LA=30.22,-92.02;IN=40.42,-86.88
Fayetteville|NC=35.05,-78.88;AR=36.06,-94.16
Greenville|SC=34.85,-82.40;NC=35.61,-77.37
Bloomington|IL=40.48,-88.99;IN=39.17,-86.53;MN=44.84,-93.30
Lancaster|PA=40.04,-76.31;CA=34.70,-118.14
Jackson|MS=32.30,-90.18;TN=35.61,-88.81;MI=42.25,-84.40
Columbia|SC=34.00,-81.03;MO=38.95,-92.33;MD=39.20,-76.86
Concord|CA=37.98,-122.03;NH=43.21,-71.54;NC=35.41,-80.58
Manchester|NH=42.99,-71.46;CT=41.78,-72.52
Vancouver|WA=45.64,-122.66
Athens|GA=33.96,-83.38;OH=39.33,-82.10
Cambridge|MA=42.37,-71.11
Independence|MO=39.09,-94.42
Birmingham|AL=33.52,-86.80;MI=42.55,-83.21
Auburn|AL=32.61,-85.48;ME=44.10,-70.23;WA=47.31,-122.23
Huntington|WV=38.42,-82.45;NY=40.87,-73.43
Frederick|MD=39.41,-77.41
Dayton|OH=39.76,-84.19
Madison|WI=43.07,-89.40;AL=34.70,-86.75
Burlington|VT=44.48,-73.21;NC=36.10,-79.44
Anderson|IN=40.11,-85.68;SC=34.50,-82.65
Franklin|TN=35.93,-86.87
Newark|NJ=40.74,-74.17;DE=39.68,-75.75;CA=37.53,-122.04;OH=40.06,-82.40
Troy|MI=42.61,-83.15;NY=42.73,-73.69
Warren|MI=42.49,-83.03;OH=41.24,-80.82`;

/** `[longitude, latitude]` by a city's name, then its state's abbreviation. */
let shared: Map<string, Map<string, readonly [number, number]>> | undefined;

function sharedNames(): Map<string, Map<string, readonly [number, number]>> {
  if (shared !== undefined) return shared;
  shared = new Map();
  for (const line of SHARED.split('\n')) {
    const [city = '', list = ''] = line.split('|');
    const byState = new Map<string, readonly [number, number]>();
    for (const entry of list.split(';')) {
      const [abbr = '', at = ''] = entry.split('=');
      const [lat = 0, lng = 0] = at.split(',').map(Number);
      byState.set(abbr, [lng, lat]);
    }
    shared.set(city, byState);
  }
  return shared;
}

const ABBREVIATIONS = new Map(
  STATES.flatMap((s) => [
    [s.name.toLowerCase(), s.abbr],
    [s.abbr.toLowerCase(), s.abbr],
  ]),
);

/**
 * A shared US city name's centre in the row's state (by name or abbreviation); null where the name is
 * not one several states share or the state is unknown, undefined where the name is shared but not
 * in this state (the row's state then places it).
 */
export function cityInState(city: string, state: unknown): readonly [number, number] | null | undefined {
  const byState = sharedNames().get(city);
  if (byState === undefined || typeof state !== 'string') return null;
  const abbr = ABBREVIATIONS.get(state.trim().toLowerCase());
  return abbr === undefined ? null : byState.get(abbr);
}

/**
 * Version 23: the names of things a SaaS, a hotel or a plant gives its own
 * rows, by the table they name: a plan (`Pro Annual`), a team (`Payments
 * EMEA`), a project (`Billing Migration`), a hotel (`Harbor View Inn`), a
 * room type (`Deluxe King`), a site (`Riverside Plant`). A unique one takes
 * them in a hashed order and numbers them only past the vocabulary
 * (`Pro Annual 2`); were word pairs (`slight-rawhide`).
 */
import { numberedDictionary } from './text-unique.js';

const words = (text: string): string[] => text.split(',').map((w) => w.trim());
const crossed = (a: readonly string[], b: readonly string[], join = ' '): string[] =>
  a.flatMap((x) => b.map((y) => `${x}${join}${y}`));

const TIERS = words(
  'Free, Starter, Basic, Standard, Plus, Pro, Professional, Team, Business, Premium, Growth, Scale, Enterprise, Ultimate, Essentials, Advanced, Lite, Startup, Agency, Unlimited',
);
const AREAS = words(
  'Platform, Payments, Growth, Mobile, Web, Infrastructure, Data, Security, Design, Support, Sales, Marketing, Billing, Search, Identity, Onboarding, Analytics, Core, API, Frontend, Backend, QA, DevOps, Reliability, Finance, Legal, People, Partnerships, Customer Success, Integrations, Checkout, Notifications, Reporting, Compliance, Localization, Machine Learning, Developer Tools, Content, Operations, Logistics',
);
const REGIONS = words('EMEA, APAC, Americas, North America, Europe, LATAM');
const PROJECT_WORDS = words(
  'Redesign, Migration, Revamp, Dashboard, Integration, Rollout, Pilot, Audit, Upgrade, Automation, Portal, Launch, Refresh, Overhaul, Cleanup, App, Initiative, Roadmap, Prototype, Modernization',
);
const HOTEL_FIRST = words(
  'Grand, Royal, Park, Harbor View, Riverside, Garden, Central, Plaza, Lakeside, Seaside, Mountain View, City Center, Palace, Sunset, Golden Sands, Ocean Breeze, Regency, Heritage, Imperial, Crown, Old Town, Bayview, Meadow, Alpine',
);
const HOTEL_LAST = words('Hotel, Inn, Suites, Resort, Lodge, Hotel & Spa, Boutique Hotel, Guesthouse');
const ROOM_GRADES = words(
  'Standard, Superior, Deluxe, Executive, Premium, Classic, Junior, Family, Economy, Luxury',
);
const ROOM_BEDS = words('Single, Double, Twin, Queen, King, Suite, Apartment, Triple, Room, Loft');
const SITE_FIRST = words(
  'North, South, East, West, Central, Riverside, Harbor, Airport, Downtown, Hillside, Lakeside, Valley, Bay, Ridge, Park',
);
const SITE_LAST = words(
  'Plant, Warehouse, Campus, Depot, Facility, Office, Yard, Station, Farm, Lab, Substation, Mill',
);

/** Each vocabulary with the tables whose names it gives. */
const VOCABULARIES: readonly { readonly table: RegExp; readonly names: readonly string[] }[] = [
  {
    table: /^(subscription_|pricing_|billing_|price_)?(plans?|tiers?)$/,
    names: [...TIERS, ...crossed(TIERS, ['Monthly', 'Annual'])],
  },
  { table: /^(teams?|squads?)$/, names: [...AREAS, ...crossed(AREAS, REGIONS)] },
  { table: /^projects?$/, names: crossed(AREAS, PROJECT_WORDS) },
  { table: /^(hotels?|properties|property|resorts?|inns?)$/, names: crossed(HOTEL_FIRST, HOTEL_LAST) },
  { table: /^(room_?types?|room_?categories|room_?category)$/, names: crossed(ROOM_GRADES, ROOM_BEDS) },
  {
    table: /^(sites?|plants?|facilities|facility|locations?|warehouses?)$/,
    names: crossed(SITE_FIRST, SITE_LAST),
  },
];

/**
 * The names a table's `name` (or `title`, `<table>_name`) column takes, or
 * undefined where no vocabulary fits its table.
 */
function namedThingsOf(tableName: string, t: readonly string[]): readonly string[] | undefined {
  const name = tableName.toLowerCase();
  const first = t[0] ?? '';
  const own =
    t.length === 1
      ? first === 'name' || first === 'title'
      : t.length === 2 && t[1] === 'name' && (first === 'display' || name.startsWith(first));
  if (!own) return undefined;
  return VOCABULARIES.find((v) => v.table.test(name))?.names;
}

/**
 * The names a column of `maxLength` characters takes, as its generator
 * takes them: a plain column those that fit (at least two), a unique one
 * (12 characters or more) its numbered dictionary's; else undefined.
 */
export function fittingNamedThings(
  tableName: string,
  tokens: readonly string[],
  maxLength: number,
  unique: boolean,
): readonly string[] | undefined {
  const things = namedThingsOf(tableName, tokens);
  if (things === undefined) return undefined;
  if (unique) return maxLength >= 12 && numberedDictionary(things, maxLength) !== null ? things : undefined;
  const fit = things.filter((w) => w.length <= maxLength);
  return fit.length >= 2 ? fit : undefined;
}

/** The plan's words for a text column of such names (`datagen plan`), or null where its generator takes none. */
export function namedThingsText(
  tableName: string,
  tokens: readonly string[],
  maxLength: number,
  unique: boolean,
): string | null {
  const things = fittingNamedThings(tableName, tokens, maxLength, unique);
  return things === undefined
    ? null
    : `a name of its kind (${things.slice(0, 3).join(', ')}, …: ${things.length} names), numbered past them where unique`;
}

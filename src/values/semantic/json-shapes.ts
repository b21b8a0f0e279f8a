/**
 * Version 19: a json or jsonb column named for what it holds gets a
 * document of that shape (were objects of random words and numbers:
 * `{"score": 356.85}` in an `address`):
 * - an address (`address`, `shipping_address`, `location`): street, city,
 *   state, postal code and country of the home country's records;
 *   `addresses`: a list of one or two;
 * - countries (`countries`, `country_codes`): a list of one to four ISO codes;
 * - settings (`settings`, `preferences`, `config`, `options`): a theme, a
 *   language, a time zone, whether to notify;
 * - metadata (`metadata`, `meta`, `properties`, `attributes`, `extra`,
 *   `details`): keys of what the table holds (a file's width, height and
 *   format; a person's sign-up source and referrer; an order's channel and
 *   client; else a source and a version);
 * - tags (`tags`, `labels`, `keywords`): a list of one to four words.
 */
import type { Column, Table, TypeRef } from '../../schema/model.js';
import type { RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { homeRecordsOf } from './home-places.js';
import { ADJECTIVES, COUNTRY_ALPHA2, NOUNS, TIME_ZONES } from './locale-data.js';
import { LOCALE_FACTORIES } from './locale-values.js';
import { createStreetAddressGenerator } from './place-values.js';
import { createBuild, type RowContext, type SemanticGenerator } from './semantic-generator.js';

export type JsonShape = 'address' | 'addresses' | 'countries' | 'settings' | 'metadata' | 'tags';

const SHAPE_WORDS: Readonly<Record<string, JsonShape>> = {
  address: 'address',
  location: 'address',
  addresses: 'addresses',
  countries: 'countries',
  settings: 'settings',
  preferences: 'settings',
  prefs: 'settings',
  config: 'settings',
  configuration: 'settings',
  options: 'settings',
  metadata: 'metadata',
  meta: 'metadata',
  properties: 'metadata',
  props: 'metadata',
  attributes: 'metadata',
  extra: 'metadata',
  extras: 'metadata',
  details: 'metadata',
  tags: 'tags',
  labels: 'tags',
  keywords: 'tags',
};

/** The shape of a json or jsonb column by its name's last word (`country_codes` too), or null. */
export function jsonShapeOf(column: Column, base: TypeRef): JsonShape | null {
  if ((base.name !== 'json' && base.name !== 'jsonb') || base.arrayDims > 0) return null;
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  if (last === 'codes' && t[t.length - 2] === 'country') return 'countries';
  return SHAPE_WORDS[last] ?? null;
}

/** `datagen plan`'s words for a shape. */
export function jsonShapeText(shape: JsonShape): string {
  const what: Record<JsonShape, string> = {
    address: 'an address object (street, city, state, postal_code, country)',
    addresses: 'a list of one or two address objects',
    countries: 'a list of one to four ISO country codes',
    settings: 'a settings object (theme, language, timezone, notifications)',
    metadata: 'a metadata object with keys of what the table holds',
    tags: 'a list of one to four words',
  };
  return `${what[shape]} (from its name)`;
}

/** A JSON value's text as jsonb prints it (`{"a": 1, "b": [2, 3]}`). */
function jsonText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonText).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}: ${jsonText(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

type Draw = (rand: RowRandom, row: number) => unknown;

/** The generator of a shape's documents for the column (see above). */
export function createJsonShapeGenerator(
  shape: JsonShape,
  table: Table,
  column: Column,
  ctx: RowContext,
): SemanticGenerator {
  const draw = shapeDraw(shape, table, column, ctx);
  return { random: (rand, row) => jsonText(draw(rand, row)) };
}

function shapeDraw(shape: JsonShape, table: Table, column: Column, ctx: RowContext): Draw {
  switch (shape) {
    case 'address':
      return addressDraw(table, column, ctx);
    case 'addresses': {
      const one = addressDraw(table, column, ctx);
      return (rand, row) => (rand.chance(0.7) ? [one(rand, row)] : [one(rand, row), one(rand, row)]);
    }
    case 'countries':
      return (rand) => {
        const n = 1 + Math.floor(4 * rand.float() ** 2);
        const codes = new Set<string>();
        for (let i = 0; i < n; i++) codes.add(COUNTRY_ALPHA2[rand.below(COUNTRY_ALPHA2.length)] as string);
        return [...codes];
      };
    case 'settings':
      return settingsDraw(ctx);
    case 'metadata':
      return metadataDraw(table);
    case 'tags':
      return (rand) => {
        const n = 1 + rand.below(4);
        const words = new Set<string>();
        for (let i = 0; i < n; i++) words.add(NOUNS[rand.below(NOUNS.length)] as string);
        return [...words];
      };
  }
}

/** Street, city, state and postal code of one home record, and the home country's code. */
function addressDraw(table: Table, column: Column, ctx: RowContext): Draw {
  const text: TypeRef = { ...column.type, name: 'text', schema: 'pg_catalog', typmods: [], arrayDims: 0 };
  const build = createBuild(table, { ...column, name: `${column.name}_street` }, text, ctx);
  const locale = build.locale;
  const street =
    locale === null
      ? createStreetAddressGenerator(build)
      : (LOCALE_FACTORIES.street_address?.(build, locale) ?? createStreetAddressGenerator(build));
  const country = locale?.home.alpha2 ?? 'US';
  const records = homeRecordsOf(country) ?? homeRecordsOf('US') ?? [];
  return (rand, row) => {
    const record = records[rand.below(records.length)];
    const prefix = record?.postalPrefix ?? '';
    let postal = prefix;
    while (postal.length < 5) postal += String(rand.below(10));
    return {
      street: street.random(rand, row),
      city: record?.city ?? '',
      state: record?.region ?? '',
      postal_code: postal,
      country,
    };
  };
}

const THEMES = ['light', 'dark', 'system'];
const LANGUAGES = ['en', 'en', 'en', 'es', 'de', 'fr', 'pt', 'ja'];

/** A user's settings: each key in most rows. */
function settingsDraw(ctx: RowContext): Draw {
  const language = ctx.locale?.code.slice(0, 2);
  return (rand) => {
    const out: Record<string, unknown> = {};
    if (rand.chance(0.9)) out.theme = THEMES[rand.below(THEMES.length)];
    if (rand.chance(0.8))
      out.language =
        language !== undefined && rand.chance(0.8) ? language : LANGUAGES[rand.below(LANGUAGES.length)];
    if (rand.chance(0.6)) out.timezone = TIME_ZONES[rand.below(TIME_ZONES.length)];
    out.notifications = rand.chance(0.7);
    return out;
  };
}

const FILE_WORDS = new Set([
  'upload',
  'file',
  'media',
  'asset',
  'image',
  'photo',
  'attachment',
  'document',
  'video',
]);
const PERSON_WORDS = new Set([
  'user',
  'account',
  'customer',
  'member',
  'profile',
  'person',
  'client',
  'subscriber',
]);
const ORDER_WORDS = new Set([
  'order',
  'payment',
  'transaction',
  'invoice',
  'purchase',
  'checkout',
  'cart',
  'charge',
]);
const FORMATS = ['jpeg', 'png', 'webp', 'gif', 'pdf'];
const SIGNUP_SOURCES = ['organic', 'google', 'referral', 'newsletter', 'facebook', 'partner'];
const CHANNELS = ['web', 'web', 'ios', 'android', 'api', 'pos'];
const SOURCES = ['web', 'api', 'import', 'mobile', 'admin'];

/** The table's words in singular (`media_assets` → media, asset). */
function tableWords(table: Table): readonly string[] {
  return nameTokens(table.name).map((w) => (w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/** Metadata whose keys tell what the table holds. */
function metadataDraw(table: Table): Draw {
  const words = tableWords(table);
  const pick = (rand: RowRandom, list: readonly string[]) => list[rand.below(list.length)] as string;
  if (words.some((w) => FILE_WORDS.has(w)))
    return (rand) => ({
      width: 320 + 16 * rand.below(220),
      height: 240 + 16 * rand.below(160),
      format: pick(rand, FORMATS),
      size_bytes: 20000 + rand.below(4000000),
    });
  if (words.some((w) => PERSON_WORDS.has(w)))
    return (rand) => ({
      signup_source: pick(rand, SIGNUP_SOURCES),
      ...(rand.chance(0.4) ? { referrer: `${pick(rand, NOUNS)}.com` } : {}),
      newsletter: rand.chance(0.45),
    });
  if (words.some((w) => ORDER_WORDS.has(w)))
    return (rand) => ({
      channel: pick(rand, CHANNELS),
      ...(rand.chance(0.3)
        ? { coupon: `${pick(rand, ADJECTIVES).toUpperCase()}${5 * (1 + rand.below(6))}` }
        : {}),
      gift: rand.chance(0.08),
    });
  return (rand) => ({
    source: pick(rand, SOURCES),
    version: 1 + rand.below(4),
    ...(rand.chance(0.5) ? { tags: [pick(rand, NOUNS), pick(rand, NOUNS)] } : {}),
  });
}

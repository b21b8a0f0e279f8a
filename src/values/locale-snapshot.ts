/**
 * The part of faker's en and en_US definitions datagen reads, as plain data:
 * the build writes it next to locale-definitions.js (`en-definitions.json`,
 * scripts/bundle.mjs), and a run parses that (~2 ms, ~190 KB) instead of
 * compiling and running faker's en and base modules and making a Faker
 * instance (25-40 ms of CPU in every thread, each generation worker too).
 * Run from the TypeScript source (tests), or when the file is missing or
 * made from another faker version, the same paths are picked from faker
 * itself: both ways give the same values.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The paths of en's definitions read (locale-data.ts, words.ts): a path read must be listed here. */
export const EN_PATHS: readonly (readonly string[])[] = [
  ['book', 'genre'],
  ['book', 'title'],
  ['color', 'human'],
  ['commerce', 'department'],
  ['commerce', 'product_name', 'adjective'],
  ['commerce', 'product_name', 'material'],
  ['commerce', 'product_name', 'product'],
  ['company', 'legal_entity_type'],
  ['finance', 'currency'],
  ['internet', 'domain_suffix'],
  ['internet', 'example_email'],
  ['location', 'city_name'],
  ['location', 'country'],
  ['location', 'country_code'],
  ['location', 'county'],
  ['location', 'language'],
  ['location', 'secondary_address'],
  ['location', 'state'],
  ['location', 'state_abbr'],
  ['location', 'street_name'],
  ['location', 'street_suffix'],
  ['location', 'time_zone'],
  ['lorem', 'word'],
  ['music', 'album'],
  ['music', 'genre'],
  ['music', 'song_name'],
  ['person', 'first_name'],
  ['person', 'job_area'],
  ['person', 'job_descriptor'],
  ['person', 'job_type'],
  ['person', 'last_name'],
  ['person', 'prefix'],
  ['word', 'adjective'],
  ['word', 'adverb'],
  ['word', 'noun'],
  ['word', 'verb'],
];

/** The paths of en_US's definitions read (locale-data.ts). */
export const EN_US_PATHS: readonly (readonly string[])[] = [
  ['location', 'postcode_by_state'],
  ['phone_number', 'area_code'],
  ['phone_number', 'exchange_code'],
];

type Definitions = Readonly<Record<string, unknown>>;

export interface LocaleSnapshot {
  /** The faker version it was taken from. */
  readonly faker: string;
  /** The paths it holds (`PATHS_KEY`): a snapshot of other paths is not used. */
  readonly paths: string;
  readonly en: Definitions;
  readonly en_US: Definitions;
}

/** The paths listed, as a snapshot records them. */
const PATHS_KEY = JSON.stringify([EN_PATHS, EN_US_PATHS]);

/** The file the build writes beside the built locale-definitions.js. */
export const SNAPSHOT_FILE = 'en-definitions.json';

/** Only `paths` of `raw`, nested as in `raw` (a path `raw` lacks is left out). */
export function pickPaths(raw: unknown, paths: readonly (readonly string[])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    const value = path.reduce<unknown>(
      (node, key) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined,
      raw,
    );
    if (value === undefined) continue;
    let into = out;
    for (const key of path.slice(0, -1)) {
      into[key] ??= {};
      into = into[key] as Record<string, unknown>;
    }
    into[path[path.length - 1] as string] = value;
  }
  return out;
}

const require = createRequire(import.meta.url);

/** The installed faker's version. */
export function fakerVersion(): string {
  return (require('@faker-js/faker/package.json') as { version: string }).version;
}

/** The snapshot taken from faker itself (its en and en_US entries, loaded now). */
export function takeSnapshot(): LocaleSnapshot {
  const en = require('@faker-js/faker/locale/en') as { faker: { rawDefinitions: unknown } };
  const enUs = require('@faker-js/faker/locale/en_US') as { faker: { rawDefinitions: unknown } };
  return {
    faker: fakerVersion(),
    paths: PATHS_KEY,
    en: pickPaths(en.faker.rawDefinitions, EN_PATHS),
    en_US: pickPaths(enUs.faker.rawDefinitions, EN_US_PATHS),
  };
}

/** The snapshot in `file` when it is one of this faker version and these paths, else null (none there, or not JSON). */
export function readSnapshot(file: URL | string): LocaleSnapshot | null {
  let snapshot: LocaleSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(file, 'utf8')) as LocaleSnapshot;
  } catch {
    return null;
  }
  return snapshot.faker === fakerVersion() && snapshot.paths === PATHS_KEY ? snapshot : null;
}

/** The snapshot beside the built module (`SNAPSHOT_FILE`), else one taken from faker now. */
export function localeSnapshot(): LocaleSnapshot {
  return readSnapshot(new URL(`./${SNAPSHOT_FILE}`, import.meta.url)) ?? takeSnapshot();
}

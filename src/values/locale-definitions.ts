/**
 * faker's locale definitions this project reads, and only those: the part
 * of en and en_US its dictionaries use (locale-snapshot.ts: a JSON file the
 * build writes, else picked from faker's per-locale entries), not faker's
 * modules: the package root loads all ~70 locales (a third of a second and
 * ~30 MiB per thread), a per-locale entry its locale's modules and a Faker.
 *
 * A locale entry's `rawDefinitions` is the locale merged over its fallbacks
 * (en_US over en over base, key by key), so `EN` reads as en where en defines
 * a key and as base elsewhere, and `EN_US` as en_US where en_US defines one.
 * Only the paths `EN_PATHS` and `EN_US_PATHS` list are there.
 */
import { localeSnapshot } from './locale-snapshot.js';

const snapshot = localeSnapshot();

/** en's definitions, base's where en has none. */
export const EN: Readonly<Record<string, unknown>> = snapshot.en;
/** en_US's definitions, en's and then base's where en_US has none. */
export const EN_US: Readonly<Record<string, unknown>> = snapshot.en_US;

/**
 * faker's locale definitions this project reads, and only those: the package
 * root loads all ~70 locales (a third of a second and ~30 MiB per thread, in
 * every generation worker too), the per-locale entries one each.
 *
 * A locale entry's `rawDefinitions` is the locale merged over its fallbacks
 * (en_US over en over base, key by key), so `EN` reads as en where en defines
 * a key and as base elsewhere, and `EN_US` as en_US where en_US defines one.
 */
import { faker as fakerEn } from '@faker-js/faker/locale/en';
import { faker as fakerEnUs } from '@faker-js/faker/locale/en_US';

/** en's definitions, base's where en has none. */
export const EN: Readonly<Record<string, unknown>> = fakerEn.rawDefinitions;
/** en_US's definitions, en's and then base's where en_US has none. */
export const EN_US: Readonly<Record<string, unknown>> = fakerEnUs.rawDefinitions;

/**
 * Locales other than en, loaded only by a run that asks for one: faker's
 * per-locale entry imported on demand (so `datagen --version` and English
 * runs never read it), turned into datagen's dictionaries once per process.
 * The value functions are built synchronously, so a run loads its locale
 * first (`loadLocale`) and the generators then read it (`loadedLocale`).
 */
import { DatagenError, ErrorCodes } from '../../errors.js';
import { checkLocale, DEFAULT_LOCALE, type Locale } from '../../input/spec/locales.js';
import { createLocaleDictionary, type LocaleDictionary } from './locale-dictionary.js';

const loaded = new Map<string, LocaleDictionary>();

function importLocale(locale: Exclude<Locale, 'en'>): Promise<{ faker: { rawDefinitions: unknown } }> {
  switch (locale) {
    case 'de':
      return import('@faker-js/faker/locale/de');
    case 'fr':
      return import('@faker-js/faker/locale/fr');
    case 'es':
      return import('@faker-js/faker/locale/es');
    case 'ja':
      return import('@faker-js/faker/locale/ja');
    case 'pt_BR':
      return import('@faker-js/faker/locale/pt_BR');
  }
}

/**
 * Loads a locale's dictionaries (once per process); null for en, whose
 * dictionaries are built in. An unknown name is a BAD_OPTION error listing
 * the known ones.
 *
 * @example (await loadLocale('de'))?.cities[0] // 'Aachen'
 */
export async function loadLocale(
  name: string | undefined,
  where = 'locale',
): Promise<LocaleDictionary | null> {
  if (name === undefined || name === DEFAULT_LOCALE) return null;
  const locale = checkLocale(name, where);
  if (locale === 'en') return null;
  const known = loaded.get(locale);
  if (known) return known;
  // en's nodes tell which of the locale's are its own (the merge holds en's where it has none).
  const [{ faker }, en] = await Promise.all([importLocale(locale), import('@faker-js/faker/locale/en')]);
  const dictionary = createLocaleDictionary(locale, faker.rawDefinitions, en.faker.rawDefinitions);
  loaded.set(locale, dictionary);
  return dictionary;
}

/** A locale loaded before, else null (en, or a plan made without loading it: en's dictionaries then). */
export function loadedLocaleIfAny(name: string | undefined): LocaleDictionary | null {
  return name === undefined ? null : (loaded.get(name) ?? null);
}

/** A locale loaded before (see `loadLocale`); null for en. */
export function loadedLocale(name: string | undefined): LocaleDictionary | null {
  if (name === undefined || name === DEFAULT_LOCALE) return null;
  const dictionary = loaded.get(name);
  if (dictionary) return dictionary;
  throw new DatagenError(
    ErrorCodes.BAD_OPTION,
    `locale ${JSON.stringify(name)} is not loaded: await loadLocale(${JSON.stringify(name)}) before building its value functions`,
    { locale: name },
  );
}

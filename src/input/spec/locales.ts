/**
 * The locales datagen has dictionaries for (names, addresses, phone formats
 * and words from faker's locale definitions, see values/semantic/load-locale.ts).
 * `en` is the default and is built in; the others are loaded only by a run
 * that asks for them.
 */
import { DatagenError, ErrorCodes } from '../../errors.js';

export const LOCALES = ['en', 'de', 'fr', 'es', 'ja', 'pt_BR'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(name: unknown): name is Locale {
  return typeof name === 'string' && (LOCALES as readonly string[]).includes(name);
}

/**
 * `name` as a known locale, else a BAD_OPTION error naming where it came from
 * and the locales there are.
 *
 * @example checkLocale('de', '--locale') // 'de'
 */
export function checkLocale(name: string, where: string): Locale {
  if (isLocale(name)) return name;
  const near = LOCALES.find((l) => l.toLowerCase() === name.toLowerCase().replace('-', '_'));
  throw new DatagenError(
    ErrorCodes.BAD_OPTION,
    `unknown locale "${name}" (${where}); datagen has: ${LOCALES.join(', ')}${near ? ` (did you mean ${near}?)` : ''}`,
    { locale: name },
  );
}

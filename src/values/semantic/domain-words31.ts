/**
 * Version 31 (issue 11, session 38): the words of columns whose name tells a small domain of their own, each
 * with its share of rows, in the locales where people write them differently: a person's marital status
 * (was an employee's status, `active`, `terminated`), a blood type, a car's fuel and transmission, a
 * product's material, a subscription's billing interval, a film's rating (MPAA), a bug tracker's labels
 * an events venue's name (were readable words of the locale: `astonishing` fuel, `Punctual dusk settle`
 * material).
 */
import type { StatusVocabulary } from './status-vocabularies.js';

/** A domain's words by locale (`en` always; another locale where it has its own words, else none). */
type LocaleWords = Readonly<Record<string, StatusVocabulary>>;

const MARITAL: LocaleWords = {
  en: [
    ['married', 48],
    ['single', 34],
    ['divorced', 11],
    ['widowed', 4],
    ['separated', 3],
  ],
  de: [
    ['verheiratet', 48],
    ['ledig', 34],
    ['geschieden', 11],
    ['verwitwet', 4],
    ['getrennt lebend', 3],
  ],
  fr: [
    ['marié', 48],
    ['célibataire', 34],
    ['divorcé', 11],
    ['veuf', 4],
    ['séparé', 3],
  ],
  es: [
    ['casado', 48],
    ['soltero', 34],
    ['divorciado', 11],
    ['viudo', 4],
    ['separado', 3],
  ],
};

/** ABO and Rh as they are written in every locale, in about their shares of a European or American population. */
const BLOOD: LocaleWords = {
  en: [
    ['O+', 37],
    ['A+', 33],
    ['B+', 9],
    ['O-', 7],
    ['A-', 6],
    ['AB+', 4],
    ['B-', 2],
    ['AB-', 2],
  ],
};

const FUEL: LocaleWords = {
  en: [
    ['petrol', 52],
    ['diesel', 24],
    ['hybrid', 12],
    ['electric', 9],
    ['lpg', 3],
  ],
  de: [
    ['Benzin', 52],
    ['Diesel', 24],
    ['Hybrid', 12],
    ['Elektro', 9],
    ['Autogas', 3],
  ],
  fr: [
    ['essence', 52],
    ['diesel', 24],
    ['hybride', 12],
    ['électrique', 9],
    ['GPL', 3],
  ],
  es: [
    ['gasolina', 52],
    ['diésel', 24],
    ['híbrido', 12],
    ['eléctrico', 9],
    ['GLP', 3],
  ],
};

const TRANSMISSION: LocaleWords = {
  en: [
    ['automatic', 62],
    ['manual', 33],
    ['CVT', 5],
  ],
  de: [
    ['Automatik', 55],
    ['Schaltgetriebe', 40],
    ['CVT', 5],
  ],
  fr: [
    ['automatique', 50],
    ['manuelle', 45],
    ['CVT', 5],
  ],
  es: [
    ['automática', 45],
    ['manual', 50],
    ['CVT', 5],
  ],
};

const MATERIAL: LocaleWords = {
  en: [
    ['cotton', 20],
    ['polyester', 14],
    ['wood', 10],
    ['stainless steel', 9],
    ['leather', 8],
    ['plastic', 8],
    ['wool', 6],
    ['glass', 5],
    ['aluminium', 5],
    ['linen', 4],
    ['ceramic', 4],
    ['silk', 3],
    ['bamboo', 2],
    ['rubber', 2],
  ],
  de: [
    ['Baumwolle', 20],
    ['Polyester', 14],
    ['Holz', 10],
    ['Edelstahl', 9],
    ['Leder', 8],
    ['Kunststoff', 8],
    ['Wolle', 6],
    ['Glas', 5],
    ['Aluminium', 5],
    ['Leinen', 4],
    ['Keramik', 4],
    ['Seide', 3],
    ['Bambus', 2],
    ['Gummi', 2],
  ],
  fr: [
    ['coton', 20],
    ['polyester', 14],
    ['bois', 10],
    ['acier inoxydable', 9],
    ['cuir', 8],
    ['plastique', 8],
    ['laine', 6],
    ['verre', 5],
    ['aluminium', 5],
    ['lin', 4],
    ['céramique', 4],
    ['soie', 3],
    ['bambou', 2],
    ['caoutchouc', 2],
  ],
  es: [
    ['algodón', 20],
    ['poliéster', 14],
    ['madera', 10],
    ['acero inoxidable', 9],
    ['cuero', 8],
    ['plástico', 8],
    ['lana', 6],
    ['vidrio', 5],
    ['aluminio', 5],
    ['lino', 4],
    ['cerámica', 4],
    ['seda', 3],
    ['bambú', 2],
    ['goma', 2],
  ],
};

const BILLING: LocaleWords = {
  en: [
    ['monthly', 68],
    ['yearly', 27],
    ['quarterly', 4],
    ['weekly', 1],
  ],
  de: [
    ['monatlich', 68],
    ['jährlich', 27],
    ['vierteljährlich', 4],
    ['wöchentlich', 1],
  ],
  fr: [
    ['mensuel', 68],
    ['annuel', 27],
    ['trimestriel', 4],
    ['hebdomadaire', 1],
  ],
  es: [
    ['mensual', 68],
    ['anual', 27],
    ['trimestral', 4],
    ['semanal', 1],
  ],
};

/** The Motion Picture Association's ratings, as a catalogue of films holds them. */
const FILM_RATING: LocaleWords = {
  en: [
    ['R', 32],
    ['PG-13', 30],
    ['PG', 18],
    ['G', 8],
    ['NC-17', 5],
    ['NR', 7],
  ],
};

/** A bug tracker's labels, as GitHub's and GitLab's projects name them. */
const TRACKER_LABEL: LocaleWords = {
  en: [
    ['bug', 22],
    ['enhancement', 14],
    ['documentation', 7],
    ['question', 6],
    ['good first issue', 5],
    ['help wanted', 5],
    ['duplicate', 4],
    ['wontfix', 3],
    ['performance', 5],
    ['security', 4],
    ['regression', 4],
    ['ui', 5],
    ['backend', 5],
    ['frontend', 5],
    ['needs triage', 4],
    ['blocked', 2],
  ],
};

const VENUE_PLACES =
  'Grand Riverside Central Harbor Lakeside Union Liberty Metro Park Royal Summit Civic'.split(' ');
const VENUE_KINDS = ['Arena', 'Hall', 'Theater', 'Convention Center', 'Stadium', 'Ballroom', 'Pavilion'];
/** An events venue's name (`Riverside Arena`), en's: another locale keeps its words. */
const VENUE: LocaleWords = {
  en: VENUE_PLACES.flatMap((place) => VENUE_KINDS.map((kind) => [`${place} ${kind}`, 1] as const)),
};

/** The domains version 31 knows, by the column name's words joined with `_` (or its last word). */
const BY_NAME: Readonly<Record<string, LocaleWords>> = {
  marital_status: MARITAL,
  civil_status: MARITAL,
  relationship_status: MARITAL,
  blood_type: BLOOD,
  blood_group: BLOOD,
  fuel_type: FUEL,
  fuel: FUEL,
  transmission: TRANSMISSION,
  transmission_type: TRANSMISSION,
  gearbox: TRANSMISSION,
  material: MATERIAL,
  venue: VENUE,
  venue_name: VENUE,
  billing_interval: BILLING,
  billing_period: BILLING,
  billing_cycle: BILLING,
  billing_frequency: BILLING,
};

/** Tables of films; a text `rating` there holds the film's certificate (`PG-13`), not stars. */
const FILM_TABLES = new Set(['film', 'movie', 'movies', 'films']);
/** Tables of a tracker's labels (`labels`, `issue_labels`' parent), their `name` a label's. */
const LABEL_TABLES = new Set(['label', 'labels']);
/** A column that makes a labels table a tracker's: its project's or repository's key, or GitHub's label colour. */
const TRACKER_COLUMN = /(^|_)(project|repo|repository|board)_id$|^colou?r$/;

/** What a table-and-column reads as, by names alone. */
export interface DomainNames31 {
  readonly tableName: string;
  /** The table's column names, lower-case. */
  readonly columnNames: readonly string[];
  readonly tokens: readonly string[];
}

/**
 * The words of a text column of a known domain under `localeCode`, those that fit `maxLength`; undefined
 * where the name tells no domain, or the locale has no words of its own for one (the column then keeps
 * what version 30 gave), or fewer than two fit.
 */
export function domainWords31(
  names: DomainNames31,
  localeCode: string,
  maxLength: number,
): StatusVocabulary | undefined {
  const found = domainOf(names);
  const words = found?.[localeCode] ?? (localeCode === 'en' || found === BLOOD ? found?.en : undefined);
  const fits = words?.filter(([word]) => word.length <= maxLength) ?? [];
  return fits.length < 2 ? undefined : fits;
}

function domainOf({ tableName, columnNames, tokens }: DomainNames31): LocaleWords | undefined {
  const joined = tokens.join('_');
  const table =
    tableName
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(Boolean)
      .at(-1) ?? '';
  if (joined === 'rating' && FILM_TABLES.has(table)) return FILM_RATING;
  if (joined === 'name' && LABEL_TABLES.has(table) && columnNames.some((c) => TRACKER_COLUMN.test(c)))
    return TRACKER_LABEL;
  return BY_NAME[joined];
}

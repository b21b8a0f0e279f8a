/**
 * Version 28's values (issue 11, session 35), seen on a clinic's schema: a
 * doctor's `specialty` a medical specialty (was readable words: `Vivid
 * reporter`), a patient's `insurance` an insurer's name (was `Ruddy warming
 * orchestrate`). English words, so en's runs only.
 */
import type { Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { INSURERS_29, SPECIALTIES_29 } from './medical-words29.js';
import { createPicker, type SemanticBuild, type SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';

/** What a version 28 column is. */
type Named28 = 'specialty' | 'insurer';

const SPECIALTIES = [
  'Family Medicine',
  'Internal Medicine',
  'Pediatrics',
  'Cardiology',
  'Dermatology',
  'Obstetrics and Gynecology',
  'Orthopedic Surgery',
  'Neurology',
  'Psychiatry',
  'Ophthalmology',
  'Gastroenterology',
  'Endocrinology',
  'Oncology',
  'Radiology',
  'Anesthesiology',
  'Emergency Medicine',
  'Urology',
  'Otolaryngology',
  'Pulmonology',
  'Nephrology',
  'Rheumatology',
  'General Surgery',
  'Allergy and Immunology',
  'Physical Medicine and Rehabilitation',
];
const INSURERS = [
  'UnitedHealthcare',
  'Blue Cross Blue Shield',
  'Aetna',
  'Cigna',
  'Humana',
  'Kaiser Permanente',
  'Anthem',
  'Medicare',
  'Medicaid',
  'Centene',
  'Molina Healthcare',
  'Oscar Health',
  'Highmark',
  'Tricare',
  'Self-pay',
];

/** Tables of people who practise medicine: their specialty is a medical one. */
const MEDICAL = new Set(
  'doctor physician provider clinician practitioner surgeon dentist specialist consultant medic vet veterinarian'.split(
    ' ',
  ),
);
const SPECIALTY = new Set(['specialty', 'speciality', 'specialization', 'specialisation']);
const INSURER = new Set(
  'insurance insurer insurancename insuranceprovider insurancecompany insurancecarrier insurerName healthinsurance'
    .toLowerCase()
    .split(' '),
);
const TEXT_KINDS = new Set<SemanticKind>(['phrase', 'label', 'category', 'title', 'company', 'description']);

const singular = (w: string) => w.replace(/s$/, '');

/** What a column is by version 28's reading, or null. */
function named28Of(table: Table, column: string, kind: SemanticKind | null): Named28 | null {
  if (kind === null || !TEXT_KINDS.has(kind)) return null;
  const tokens = nameTokens(column);
  if (INSURER.has(tokens.join(''))) return 'insurer';
  if (!SPECIALTY.has(tokens.at(-1) ?? '')) return null;
  const medical = tokens.includes('medical') || nameTokens(table.name).some((w) => MEDICAL.has(singular(w)));
  return medical ? 'specialty' : null;
}

const LISTS: Readonly<Record<Named28, readonly string[]>> = { specialty: SPECIALTIES, insurer: INSURERS };

/** Version 28's generator for a column it names, else `usual`. */
export function withVersionTwentyEight(
  build: SemanticBuild,
  kind: SemanticKind,
  usual: SemanticGenerator,
): SemanticGenerator {
  // Version 29: in the run's locale (medical-words29.ts); version 28 in en only.
  const list = build.locale === null ? LISTS : build.version >= 29 ? localeLists(build.locale.code) : null;
  if (build.version < 28 || list === null) return usual;
  const named = named28Of(build.table, build.column.name, kind);
  if (named === null) return usual;
  const fits = list[named].filter((w) => w.length <= build.maxLength);
  return fits.length < 2 ? usual : createPicker(fits);
}

/** Version 29: a locale's lists, en's where the locale has none. */
function localeLists(code: string): Readonly<Record<Named28, readonly string[]>> {
  return { specialty: SPECIALTIES_29[code] ?? SPECIALTIES, insurer: INSURERS_29[code] ?? INSURERS };
}

const TEXT: Readonly<Record<Named28, string>> = {
  specialty: ', a medical specialty (Cardiology, Pediatrics, …)',
  insurer: ', a health insurer (Aetna, Medicare, …)',
};

/** The plan's words for a version 28 column (en), or null. */
export function versionTwentyEightText(
  table: Table,
  column: string,
  kind: SemanticKind | null,
  en: boolean,
): string | null {
  const named = en ? named28Of(table, column, kind) : null;
  return named === null ? null : TEXT[named];
}

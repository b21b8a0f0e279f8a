/**
 * Version 10: the words of a clinic's records. A drug's name is a generic
 * drug's (`atorvastatin`, were words as "Huge Submitter Provision"), its
 * dose one of that drug's usual strengths in the column's unit (`dose_mg`
 * 20, were 261,142.00), an ICD-10 code a real one (`E11.9`) and the
 * description beside it that code's title.
 */
import type { Table } from '../../schema/model.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { decimalShape } from './number-values.js';
import {
  createPicker,
  type SemanticBuild,
  type SemanticGenerator,
  siblingReader,
} from './semantic-generator.js';

/** Generic drugs and their usual strengths in mg. */
const DRUGS: readonly (readonly [string, readonly number[]])[] = [
  ['atorvastatin', [10, 20, 40, 80]],
  ['lisinopril', [2.5, 5, 10, 20, 40]],
  ['metformin', [500, 850, 1000]],
  ['amlodipine', [2.5, 5, 10]],
  ['metoprolol', [25, 50, 100]],
  ['omeprazole', [10, 20, 40]],
  ['simvastatin', [10, 20, 40]],
  ['losartan', [25, 50, 100]],
  ['gabapentin', [100, 300, 400, 600]],
  ['hydrochlorothiazide', [12.5, 25, 50]],
  ['sertraline', [25, 50, 100]],
  ['furosemide', [20, 40, 80]],
  ['acetaminophen', [325, 500, 650]],
  ['ibuprofen', [200, 400, 600, 800]],
  ['amoxicillin', [250, 500, 875]],
  ['prednisone', [5, 10, 20, 40]],
  ['escitalopram', [5, 10, 20]],
  ['rosuvastatin', [5, 10, 20, 40]],
  ['bupropion', [75, 150, 300]],
  ['pantoprazole', [20, 40]],
  ['montelukast', [4, 5, 10]],
  ['trazodone', [50, 100, 150]],
  ['tamsulosin', [0.4]],
  ['meloxicam', [7.5, 15]],
  ['clopidogrel', [75]],
  ['citalopram', [10, 20, 40]],
  ['carvedilol', [3.125, 6.25, 12.5, 25]],
  ['warfarin', [1, 2, 2.5, 5, 7.5]],
  ['apixaban', [2.5, 5]],
  ['azithromycin', [250, 500]],
  ['cephalexin', [250, 500]],
  ['ciprofloxacin', [250, 500, 750]],
  ['doxycycline', [50, 100]],
  ['fluoxetine', [10, 20, 40]],
  ['duloxetine', [20, 30, 60]],
  ['venlafaxine', [37.5, 75, 150]],
  ['cyclobenzaprine', [5, 10]],
  ['tramadol', [50, 100]],
  ['propranolol', [10, 20, 40, 80]],
  ['spironolactone', [25, 50, 100]],
  ['valsartan', [40, 80, 160, 320]],
  ['glipizide', [5, 10]],
  ['pravastatin', [10, 20, 40, 80]],
  ['allopurinol', [100, 300]],
  ['famotidine', [20, 40]],
  ['loratadine', [10]],
  ['cetirizine', [5, 10]],
  ['ondansetron', [4, 8]],
  ['sumatriptan', [25, 50, 100]],
  ['topiramate', [25, 50, 100, 200]],
  ['lamotrigine', [25, 100, 200]],
  ['quetiapine', [25, 50, 100, 200, 300]],
  ['zolpidem', [5, 10]],
  ['lorazepam', [0.5, 1, 2]],
  ['clonazepam', [0.5, 1, 2]],
];
const DRUG_INDEX = new Map(DRUGS.map(([name], i) => [name, i]));
const ALL_STRENGTHS: readonly number[] = [...new Set(DRUGS.flatMap(([, s]) => s))].sort((a, b) => a - b);

/** ICD-10-CM codes seen most in primary care, with their titles. */
const ICD10: readonly (readonly [string, string])[] = [
  ['I10', 'Essential (primary) hypertension'],
  ['E11.9', 'Type 2 diabetes mellitus without complications'],
  ['E78.5', 'Hyperlipidemia, unspecified'],
  ['J06.9', 'Acute upper respiratory infection, unspecified'],
  ['M54.50', 'Low back pain, unspecified'],
  ['Z00.00', 'Encounter for general adult medical examination without abnormal findings'],
  ['F41.1', 'Generalized anxiety disorder'],
  ['F32.9', 'Major depressive disorder, single episode, unspecified'],
  ['K21.9', 'Gastro-esophageal reflux disease without esophagitis'],
  ['E66.9', 'Obesity, unspecified'],
  ['J45.909', 'Unspecified asthma, uncomplicated'],
  ['N39.0', 'Urinary tract infection, site not specified'],
  ['J02.9', 'Acute pharyngitis, unspecified'],
  ['R51.9', 'Headache, unspecified'],
  ['I25.10', 'Atherosclerotic heart disease of native coronary artery without angina pectoris'],
  ['J44.9', 'Chronic obstructive pulmonary disease, unspecified'],
  ['E03.9', 'Hypothyroidism, unspecified'],
  ['M17.11', 'Unilateral primary osteoarthritis, right knee'],
  ['G43.909', 'Migraine, unspecified, not intractable, without status migrainosus'],
  ['R10.9', 'Unspecified abdominal pain'],
  ['I48.91', 'Unspecified atrial fibrillation'],
  ['L30.9', 'Dermatitis, unspecified'],
  ['J20.9', 'Acute bronchitis, unspecified'],
  ['R05.9', 'Cough, unspecified'],
  ['K59.00', 'Constipation, unspecified'],
  ['M25.561', 'Pain in right knee'],
  ['S93.401A', 'Sprain of unspecified ligament of right ankle, initial encounter'],
  ['E55.9', 'Vitamin D deficiency, unspecified'],
  ['D64.9', 'Anemia, unspecified'],
  ['N18.30', 'Chronic kidney disease, stage 3 unspecified'],
  ['I50.9', 'Heart failure, unspecified'],
  ['G47.00', 'Insomnia, unspecified'],
  ['F90.0', 'Attention-deficit hyperactivity disorder, predominantly inattentive type'],
  ['B34.9', 'Viral infection, unspecified'],
  ['R53.83', 'Other fatigue'],
  ['Z23', 'Encounter for immunization'],
  ['J30.9', 'Allergic rhinitis, unspecified'],
  ['M81.0', 'Age-related osteoporosis without current pathological fracture'],
  ['R07.9', 'Chest pain, unspecified'],
  ['K52.9', 'Noninfective gastroenteritis and colitis, unspecified'],
  ['H66.90', 'Otitis media, unspecified, unspecified ear'],
  ['E87.6', 'Hypokalemia'],
  ['H10.9', 'Unspecified conjunctivitis'],
  ['R73.03', 'Prediabetes'],
];
const ICD_TITLES = new Map(ICD10);

export type MedicalTerm = 'drug' | 'dose' | 'icd_code' | 'icd_title';

/** A clinic's term by a column's words (`drug_name`, `dose_mg`, `icd_code`; a description beside an ICD code). */
export function medicalTermOf(table: Table, name: string): MedicalTerm | null {
  const t = nameTokens(name);
  const last = t[t.length - 1] ?? '';
  if (t.some((w) => w === 'icd' || w === 'icd10')) return 'icd_code';
  if (['drug', 'medication', 'medicine'].includes(t[0] ?? '') && (t.length === 1 || last === 'name'))
    return 'drug';
  if (
    (t.includes('dose') || t.includes('dosage') || t.includes('strength')) &&
    ['mg', 'dose', 'dosage', 'strength'].includes(last)
  )
    return 'dose';
  if ((last === 'description' || last === 'title') && icdColumnOf(table) !== null) return 'icd_title';
  return null;
}

function icdColumnOf(table: Table): string | null {
  return (
    table.columns.find((c) => nameTokens(c.name).some((w) => w === 'icd' || w === 'icd10'))?.name ?? null
  );
}

function drugColumnOf(table: Table): string | null {
  return table.columns.find((c) => medicalTermOf(table, c.name) === 'drug')?.name ?? null;
}

/** Version 10's generator of a clinic's term, or null where `build`'s column is none. */
export function createMedicalGenerator(build: SemanticBuild): SemanticGenerator | null {
  const term = medicalTermOf(build.table, build.column.name);
  switch (term) {
    case 'drug':
      return createPicker(DRUGS.map(([name]) => name).filter((n) => n.length <= build.maxLength));
    case 'icd_code':
      return createPicker(ICD10.map(([code]) => code).filter((c) => c.length <= build.maxLength));
    case 'icd_title': {
      const code = siblingReader(build.ctx, icdColumnOf(build.table) as string);
      const titles = ICD10.map(([, title]) => title).filter((t) => t.length <= build.maxLength);
      if (titles.length === 0) return null;
      return {
        random(rand, row) {
          const title = ICD_TITLES.get(code(row) ?? '');
          return title !== undefined && title.length <= build.maxLength
            ? title
            : (rand.pick(titles) as string);
        },
      };
    }
    case 'dose':
      return createDoseGenerator(build);
    default:
      return null;
  }
}

/** A dose among the row's drug's strengths (any drug's where the row names none), in the type's units. */
function createDoseGenerator(build: SemanticBuild): SemanticGenerator | null {
  const { scale, maxUnits } = decimalShape(build.base, 3);
  const unit = POW10[scale] as number;
  const drugColumn = drugColumnOf(build.table);
  const drug = drugColumn === null ? null : siblingReader(build.ctx, drugColumn);
  const fits = (s: number) => Math.round(s * unit) >= 1 && Math.round(s * unit) <= maxUnits;
  const any = ALL_STRENGTHS.filter(fits);
  if (any.length === 0) return null;
  return {
    escapeFree: true,
    random(rand, row) {
      const index = drug === null ? undefined : DRUG_INDEX.get(drug(row) ?? '');
      const own = index === undefined ? any : (DRUGS[index]?.[1] ?? any).filter(fits);
      const strength = rand.pick(own.length > 0 ? own : any) as number;
      return formatScaled(Math.round(strength * unit), scale);
    },
  };
}

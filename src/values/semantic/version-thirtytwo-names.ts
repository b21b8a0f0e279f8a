/**
 * Version 32's names of numbers (version-thirtytwo-values.ts draws them): a share who recommend, a rating
 * out of ten, a net promoter answer. Kept apart from the values so detect-semantic.ts reads them alone.
 */
import type { Column, TypeRef } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { typeFamilyOf } from './semantic-kind.js';

export type Number32 = 'recommended' | 'out_of_ten' | 'nps';

const RECOMMENDED = new Set([
  'percent_recommended',
  'pct_recommended',
  'recommended_pct',
  'recommended_percent',
  'recommend_pct',
  'recommend_percent',
  'percent_recommend',
]);
const OUT_OF_TEN = new Set([
  'rating_10',
  'rating10',
  'out_of_ten',
  'out_of_10',
  'rating_out_of_10',
  'rating_out_of_ten',
  'score_out_of_10',
  'score_out_of_ten',
  'score_10',
  'ten_point_rating',
]);
const NPS = new Set(['nps', 'nps_score', 'net_promoter_score', 'likelihood_to_recommend', 'nps_rating']);

/** Version 32's number of a column by its name and base type (integer or numeric), or null. */
export function named32(column: Column, base: TypeRef): Number32 | null {
  const family = typeFamilyOf(base.name);
  if (family !== 'integer' && family !== 'decimal') return null;
  const joined = nameTokens(column.name).join('_');
  if (RECOMMENDED.has(joined)) return 'recommended';
  if (OUT_OF_TEN.has(joined)) return 'out_of_ten';
  return NPS.has(joined) ? 'nps' : null;
}

/** Whether a column is one of version 32's numbers (detect-semantic.ts gives it a score's kind). */
export function isNumber32(column: Column, base: TypeRef): boolean {
  return named32(column, base) !== null;
}

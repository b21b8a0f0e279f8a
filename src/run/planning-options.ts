/**
 * The planning part of a run's options: what decides the plan (row counts,
 * settings, seed, locale, generator version, NULL rate, reference time),
 * taken from the command line's options the same way for `datagen generate`
 * (passed to generate()) and `datagen plan` (planned with directly).
 */
import type { PlanOptions } from '../plan/create-plan.js';

export type PlanningOptions = Pick<
  PlanOptions,
  | 'defaultRows'
  | 'tables'
  | 'computedTables'
  | 'settings'
  | 'seed'
  | 'locale'
  | 'generatorVersion'
  | 'nullRate'
  | 'referenceTime'
>;

/** The same fields, each possibly given as undefined (as parsed options hold them). */
export type GivenPlanningOptions = { readonly [K in keyof PlanningOptions]?: PlanningOptions[K] | undefined };

/** The planning options given, without the ones left undefined. */
export function planningOptions(given: GivenPlanningOptions): PlanningOptions {
  return {
    ...(given.defaultRows === undefined ? {} : { defaultRows: given.defaultRows }),
    ...(given.tables === undefined ? {} : { tables: given.tables }),
    ...(given.computedTables === undefined ? {} : { computedTables: given.computedTables }),
    ...(given.settings === undefined ? {} : { settings: given.settings }),
    ...(given.seed === undefined ? {} : { seed: given.seed }),
    ...(given.locale === undefined ? {} : { locale: given.locale }),
    ...(given.generatorVersion === undefined ? {} : { generatorVersion: given.generatorVersion }),
    ...(given.nullRate === undefined ? {} : { nullRate: given.nullRate }),
    ...(given.referenceTime === undefined ? {} : { referenceTime: given.referenceTime }),
  };
}

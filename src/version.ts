import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** datagen's version, from package.json. */
export const VERSION: string = (require('../package.json') as { version: string }).version;

/**
 * The version of the value generators: the same schema, seed and options
 * give the same bytes within one generator version. A change that alters the
 * values of an existing run raises it (and keeps the older behaviour for
 * configurations that pin `generator_version`); a configuration pinned to a
 * newer version than this is refused rather than silently producing other data.
 * A constraint fix (output that failed to load, or a table cut to fewer rows)
 * may change the values of the schemas it concerns within a version.
 */
export const GENERATOR_VERSION = 32;

/** What each generator version changed: docs/generator-versions.md (keep it with every raise). */
/** The version a run uses: the one pinned (`generator_version`), else this datagen's. */
export function effectiveGeneratorVersion(pinned: number | undefined): number {
  return pinned ?? GENERATOR_VERSION;
}

/** The largest seed: values are hashed from a 32-bit seed. */
export const MAX_SEED = 0xffffffff;

/** A seed datagen takes: a whole number from 0 to MAX_SEED. */
export function isSeed(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_SEED;
}

/** The one wording of a seed refused, wherever it was given (`--seed`, `seed:` in a YAML file, the library's `seed`). */
export function seedMessage(where: string, written: unknown): string {
  return `${where} expects a whole number from 0 to ${MAX_SEED}, got "${String(written)}"`;
}

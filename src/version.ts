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
 */
export const GENERATOR_VERSION = 1;

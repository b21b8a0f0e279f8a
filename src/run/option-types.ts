/**
 * The library's options checked for their types before a run reads them: a
 * JavaScript caller (no compiler to tell it) who passes `schema: 'a.sql'`,
 * `output: {file}` or `referenceTime: 'now'` is told which option expects
 * what, as a BAD_OPTION error, not a TypeError from deep inside the run
 * (`files.map is not a function`). Values of the right type are judged
 * where they are used, as before (seed, workers, size, format, row counts).
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import { nearestName } from '../schema/names.js';
import { GENERATOR_VERSION } from '../version.js';
import type { GenerateOptions } from './generate-options.js';

/** What an option of the wrong type expects, or null when `value` is of its type. */
type Expectation = (value: unknown) => string | null;

const isDate = (value: unknown): boolean => value instanceof Date && !Number.isNaN(value.getTime());

const EXPECTED: Readonly<Record<string, Expectation>> = {
  schema: (v) =>
    (Array.isArray(v) && v.every((f) => typeof f === 'string')) ||
    (typeof v === 'object' && v !== null && Array.isArray((v as { tables?: unknown }).tables))
      ? null
      : "a list of DDL file paths (['schema.sql']) or a schema parseDdl made",
  output: (v) =>
    (typeof v === 'string' && v !== '') ||
    (typeof v === 'object' && v !== null && typeof (v as { write?: unknown }).write === 'function')
      ? null
      : "a file path ('out.dump') or a writable stream (process.stdout)",
  connection: (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? null
      : "an object ({ dbname: 'postgresql://user@host/db' } or { host, port, dbname, username })",
  locale: (v) => (typeof v === 'string' ? null : "a locale name ('de')"),
  referenceTime: (v) => (isDate(v) ? null : "a valid Date (new Date('2024-01-01T00:00:00Z'))"),
  createdAt: (v) => (isDate(v) ? null : "a valid Date (new Date('2024-01-01T00:00:00Z'))"),
  nullRate: (v) =>
    typeof v === 'number' && v >= 0 && v <= 1
      ? null
      : 'a probability from 0 to 1 (0.1: one value in ten NULL)',
  chunkSize: (v) =>
    typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? null : 'a whole number of bytes, 1 or more',
  generatorVersion: (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= GENERATOR_VERSION
      ? null
      : `a version of this datagen's generators, 1 to ${GENERATOR_VERSION}`,
  tables: (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? null
      : "an object of row counts by table ({ 'public.users': 500 })",
  compression: (v) =>
    typeof v === 'object' && v !== null && typeof (v as { method?: unknown }).method === 'string'
      ? null
      : "an object ({ method: 'gzip', level: 6 } or { method: 'none', level: 0 })",
};

/**
 * Every option generate() reads: a key outside it (`rows` for `defaultRows`, `outptu`) would be ignored
 * silently and the run made with the default, so it is refused. `satisfies` keeps the list whole: a new
 * option of GenerateOptions fails to compile until it is named here.
 */
const OPTION_NAMES = Object.keys({
  schema: true,
  variables: true,
  format: true,
  encoding: true,
  output: true,
  connection: true,
  truncate: true,
  append: true,
  unloggedDuringLoad: true,
  size: true,
  fixedTables: true,
  shard: true,
  sizingSlice: true,
  chunkSize: true,
  resume: true,
  loadState: true,
  strict: true,
  inserts: true,
  rowsPerInsert: true,
  noOwner: true,
  dataOnly: true,
  schemaOnly: true,
  noPrivileges: true,
  noComments: true,
  noPublications: true,
  noSubscriptions: true,
  noSecurityLabels: true,
  clean: true,
  ifExists: true,
  create: true,
  disableTriggers: true,
  selection: true,
  compression: true,
  fileCompression: true,
  workers: true,
  blockRows: true,
  createdAt: true,
  dbname: true,
  onPlan: true,
  onEstimate: true,
  onRows: true,
  onLoadWay: true,
  seed: true,
  nullRate: true,
  referenceTime: true,
  selectedTables: true,
  trialCuts: true,
  settings: true,
  locale: true,
  generatorVersion: true,
  existingParents: true,
  heldValues: true,
  defaultRows: true,
  tables: true,
  computedTables: true,
} satisfies Record<keyof GenerateOptions, true>);

/** The command line's words for options the library names otherwise. */
const CLI_WORDS: Readonly<Record<string, string>> = {
  rows: 'defaultRows',
  file: 'output',
  jobs: 'workers',
  j: 'workers',
  r: 'defaultRows',
  template: 'schema',
};

/** Throws BAD_OPTION naming the first option of the wrong type (and what it expects); `given` itself must be an object. */
export function checkOptionTypes(given: unknown): void {
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `the options must be an object ({ schema: ['schema.sql'], output: 'out.dump' }), got ${shown(given)}`,
      {},
    );
  for (const name of Object.keys(given)) {
    if (OPTION_NAMES.includes(name) || (given as Record<string, unknown>)[name] === undefined) continue;
    const near = CLI_WORDS[name] ?? nearestName(name, OPTION_NAMES);
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `unknown option ${name}${near === undefined ? '' : `: did you mean ${near}?`} (generate() reads ${OPTION_NAMES.length} options, listed in GenerateOptions; a key it does not know would be ignored)`,
      { option: name },
    );
  }
  for (const [name, expect] of Object.entries(EXPECTED)) {
    const value = (given as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const expected = expect(value);
    if (expected !== null)
      throw new DatagenError(
        ErrorCodes.BAD_OPTION,
        `option ${name} expects ${expected}, got ${shown(value)}`,
        { option: name },
      );
  }
}

/** A value as a message shows it: strings quoted, objects by their JSON (cut short), the rest as String() has it. */
function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return 'an invalid Date';
  if (typeof value === 'object' && value !== null) {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      text = undefined;
    }
    return text === undefined ? 'an object' : text.length > 60 ? `${text.slice(0, 57)}...` : text;
  }
  return String(value);
}

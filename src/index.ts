/**
 * datagen's public API. The CLI (src/cli) is a thin shell over these.
 */

// Evaluated first: the calling thread's young generation held from the library's first line (the modules
// evaluated before it grew the new space 16 -> 32 MiB at times, before the hold began).
import './archive/young-generation.js';

// pg_dump archives (custom, directory and tar formats), for callers with their own TOC.
export {
  type ArchiveCompression,
  type ArchiveEntry,
  type ArchiveHeader,
  type ArchiveSummary,
  buildArchiveEntries,
  formatArchiveListing,
  writeCustomArchive,
  writeDirectoryArchive,
  writeTarArchive,
} from './archive/index.js';
// A Writable given as `output` may hand a chunk it is done with (written out or copied) back for reuse.
export { releaseChunk } from './encode/chunk-release.js';
// Errors.
export {
  DatagenError,
  type ErrorCode,
  ErrorCodes,
  formatLocation,
  isDatagenError,
  type SourceLocation,
  type Warning,
} from './errors.js';
export {
  type TableFile,
  type TableFileCompression,
  type TableFileFormat,
  tableFileName,
} from './format/table-files.js';
// Engine.
export { createValueSource, type ValueFn, type ValueSource } from './generate/value-source.js';
export {
  type ConnectionOptions,
  parseConninfo,
  type ResolvedConnection,
  resolveConnection,
} from './input/connection.js';
// Input.
export { parseDdl } from './input/ddl/index.js';
export { readLiveSchema } from './input/live-schema.js';
export { LOCALES, type Locale } from './input/spec/locales.js';
// Planning.
export { createPlan, DEFAULT_SEED, type PlanOptions } from './plan/create-plan.js';
export type * from './plan/plan-model.js';
export { selectTables, type TableSelectionPatterns } from './plan/table-selection.js';
export { describePlan, type PlanDescription } from './run/describe-plan.js';
export type { RunEstimate } from './run/estimate.js';
// Run: schema in, data out.
export {
  type GenerateOptions,
  type GenerateResult,
  generate,
  OUTPUT_FORMATS,
  type OutputFormat,
  planGeneration,
} from './run/generate.js';
export { type LoadedSchema, loadSchemaFiles } from './run/load-schema.js';
export { planWithRowTrial, TRIAL_ROWS } from './run/row-trial.js';
// The schema model.
export type * from './schema/model.js';
export { quoteIdent, quoteLiteral, quoteQualified } from './schema/quote.js';
export { createPermutation, type Permutation } from './values/permutation.js';
export { hashRow, mix32, RowRandom, streamKey } from './values/random.js';
export { loadLocale } from './values/semantic/load-locale.js';
export type { LocaleDictionary } from './values/semantic/locale-dictionary.js';

/**
 * datagen's public API. The CLI (src/cli) is a thin shell over these.
 */

// Run: schema in, data out.
export { type GenerateOptions, type GenerateResult, generate, OUTPUT_FORMATS, type OutputFormat } from './run/generate.js';
export { type LoadedSchema, loadSchemaFiles } from './run/load-schema.js';

// Input.
export { parseDdl } from './input/ddl/index.js';

// The schema model.
export type * from './schema/model.js';
export { quoteIdent, quoteLiteral, quoteQualified } from './schema/quote.js';

// Planning.
export { createPlan, DEFAULT_SEED, type PlanOptions } from './plan/create-plan.js';
export { describePlan, type PlanDescription } from './plan/describe-plan.js';
export type * from './plan/plan-model.js';

// Engine.
export { createValueSource, type ValueFn, type ValueSource } from './generate/value-source.js';
export { createPermutation, type Permutation } from './generate/permutation.js';
export { hashRow, mix32, RowRandom, streamKey } from './generate/random.js';

// Errors.
export {
  DatagenError,
  ErrorCodes,
  type ErrorCode,
  formatLocation,
  isDatagenError,
  type SourceLocation,
  type Warning,
} from './errors.js';

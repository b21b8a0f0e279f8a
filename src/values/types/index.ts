/** Value generators for every PostgreSQL built-in type, user types and common extension types. */
export { quoteArrayElement } from './array.js';
export { quoteRecordField } from './composite.js';
export {
  describeType,
  type GeneratorHints,
  type TypeContext,
  type UniqueValueGenerator,
  type ValueGenerator,
} from './generator.js';
export { createUniqueValueGenerator, createValueGenerator } from './value-generator.js';

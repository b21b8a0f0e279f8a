/**
 * Realistic values by column meaning (design.md, principle 6): detect what a
 * column holds from its name and type, then generate values from faker's
 * locale dictionaries with our own hash-indexed picking, with values in a
 * row agreeing (email from names, updated_at after created_at, ZIP in state).
 */
export { createSemanticGenerator } from './create-semantic-generator.js';
export { createSemanticUniqueGenerator } from './create-semantic-unique-generator.js';
export { detectSemantic } from './detect-semantic.js';
export {
  createCodeScramble,
  createUniqueEmailGenerator,
  EMAILS_ESCAPE_FREE,
  UNIQUE_EMAIL_MIN_LENGTH,
  UNIQUE_EMAIL_SPACE,
} from './email-values.js';
export type {
  AncestorColumn,
  AncestorTest,
  ChildRows,
  OwnerPeriod,
  PeriodChain,
  RowContext,
  SemanticGenerator,
  SiblingPlace,
  SiblingRows,
} from './semantic-generator.js';
export { createBuild } from './semantic-generator.js';
export type { SemanticKind } from './semantic-kind.js';
export { KIND_FAMILIES } from './semantic-kind.js';
export type { SemanticUniqueGenerator } from './unique-digits.js';

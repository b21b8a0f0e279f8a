/**
 * Mistakes in the DDL made from a YAML schema spec, told at the spec's
 * places: parser errors, warnings, and what PostgreSQL would refuse that the
 * DDL front end lets pass.
 */
import { DatagenError, ErrorCodes, type SourceLocation, type Warning } from '../../errors.js';
import { expressionColumns } from '../../schema/expression-columns.js';
import type { Schema } from '../../schema/model.js';
import type { SpecDdl } from './schema-spec.js';

/** The line of a `file:line:column` place in the generated text, when it is one. */
function lineOf(spec: SpecDdl, where: string): number | undefined {
  const prefix = `${spec.file}:`;
  if (!where.startsWith(prefix)) return undefined;
  const line = Number.parseInt(where.slice(prefix.length), 10);
  return Number.isSafeInteger(line) ? line : undefined;
}

/** Places in the generated DDL (`file:line:column`) in a message, told as the spec's places. */
function placedInSpec(spec: SpecDdl, message: string): string {
  const escaped = spec.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return message
    .replace(new RegExp(`${escaped}:(\\d+):\\d+`, 'g'), (place, line: string) => {
      const origin = spec.origin(Number(line));
      return origin === undefined ? place : `${origin.where}: ${origin.what}`;
    })
    .replace(/^The DDL is not/, 'The schema spec is not');
}

/** An error about the generated DDL, told at the spec's place. */
export function specError(spec: SpecDdl, error: DatagenError): DatagenError {
  // The parser's syntax errors carry { location }: their caret is under generated text, so show that text.
  const location = (error.data as { location?: SourceLocation }).location;
  const origin = location === undefined ? undefined : spec.origin(location.line);
  if (location === undefined || origin === undefined) {
    return new DatagenError(
      error.code,
      placedInSpec(spec, error.message),
      { ...error.data },
      { cause: error },
    );
  }
  const reason = (error.message.split('\n')[0] ?? '').replace(/^[^:]+:\d+:\d+: /, '');
  const sql = (spec.text.split('\n')[location.line - 1] ?? '').trim();
  return new DatagenError(
    error.code,
    `${origin.where}: ${origin.what}: ${reason}\n  in the SQL made from it: ${sql}`,
    { ...spec.location(location.line) },
    { cause: error },
  );
}

/**
 * Warnings about the generated DDL placed in the spec; a type the spec
 * names that PostgreSQL does not have and the spec does not declare is an
 * error there (a script may rely on types made elsewhere; a spec cannot).
 */
export function specWarnings(spec: SpecDdl, warnings: readonly Warning[]): Warning[] {
  return warnings.map((warning) => {
    const line = lineOf(spec, warning.where);
    const origin = line === undefined ? undefined : spec.origin(line);
    if (origin === undefined || line === undefined) return warning;
    if (warning.code === 'UNKNOWN_TYPE') {
      const type = warning.data?.type ?? '';
      const column = spec.typeOrigins.get(type.toLowerCase());
      throw new DatagenError(
        ErrorCodes.UNKNOWN_TYPE,
        `${column?.where ?? origin.where}: ${column?.what ?? origin.what}: type ${type} is neither a PostgreSQL type nor one of the spec's enums; use a built-in type (text, integer, numeric(10,2), timestamptz, …), declare it under enums:, or create it in ddl:`,
        { ...(column?.location ?? spec.location(line)) },
      );
    }
    return { ...warning, where: origin.where };
  });
}

/**
 * What PostgreSQL would refuse in a spec's tables and the DDL front end lets
 * pass (a script's DDL is PostgreSQL's to check; a spec's is datagen's): a
 * CHECK or generated column that reads a column its table does not have.
 */
export function checkSpecSchema(spec: SpecDdl, schema: Schema): void {
  for (const table of schema.tables) {
    const origin = spec.tableOrigins.get(`${table.schema}.${table.name}`);
    if (origin === undefined) continue;
    const columns = new Set(table.columns.map((c) => c.name));
    const reads = [
      ...table.checks.map((check) => ({
        what: `CHECK ${check.name} (${check.expr.text})`,
        ast: check.expr.ast,
      })),
      ...table.columns.flatMap((c) =>
        c.generated
          ? [{ what: `the generated column ${c.name} (${c.generated.text})`, ast: c.generated.ast }]
          : [],
      ),
    ];
    for (const read of reads) {
      const missing = expressionColumns(read.ast).find((name) => !columns.has(name));
      if (missing === undefined) continue;
      throw new DatagenError(
        ErrorCodes.SCHEMA_INVALID,
        `${origin.where}: ${origin.what}: ${read.what} reads column ${missing}, which ${table.name} does not have (its columns: ${[...columns].join(', ')})`,
        { where: origin.where },
      );
    }
  }
}

/**
 * Statements handed on without the parser, and the one the parser cannot
 * read. A plain INSERT (plain-inserts.ts) is recognised by a scanner; so is
 * an INSERT of over a mebibyte into a named table, whatever its values are
 * (`'x'::jsonb`, `now()`, a seed file's one-statement 200,000 tuples): it is
 * left out as every INSERT is, and libpg-query would spend seconds and
 * gigabytes on its tree (a 35 MB one ran its WebAssembly build out of
 * memory: "Program terminated with exit(1)", told at the file's first line).
 * Any other statement of that size is parsed; one the parser runs out of
 * memory on is a located error saying so.
 */
import type { Node, RangeVar } from 'libpg-query';
import { DatagenError, ErrorCodes, formatLocation, type SourceLocation } from '../../errors.js';
import type { SourceStatement } from './ddl-context.js';
import { insertTargetAt, type PlainInsert } from './plain-inserts.js';
import type { SourceText } from './source-text.js';
import { SqlLexer } from './sql-lexer.js';
import { withoutTrailingComments } from './statement-end.js';
import { statementStart } from './statement-pieces.js';

/** A statement longer than this (characters) is looked at alone: an INSERT of it is not parsed. */
export const LARGE_STATEMENT_CHARS = 1 << 20;

/**
 * A plain INSERT (plain-inserts.ts) as the statement the parser would give
 * for handling: its relation is all that is read of it; its text (up to its
 * `;`, as the parser's statement length gives it) only if asked for. A class,
 * not an object of closures: a million of them leave only young garbage.
 */
export class PlainInsertStatement implements SourceStatement {
  readonly node: Node;
  readonly location: SourceLocation;

  constructor(
    private readonly source: SourceText,
    insert: PlainInsert,
    private readonly byteStart: number,
  ) {
    this.location = source.locationAtByte(byteStart);
    this.textBytes = insert.bytes - 1;
    const relation: RangeVar = { relname: insert.name, inh: true, relpersistence: 'p' };
    if (insert.schema !== null) relation.schemaname = insert.schema;
    this.node = { InsertStmt: { relation } };
  }

  private readonly textBytes: number;

  get text(): string {
    return withoutTrailingComments(this.source.slice(this.byteStart, this.byteStart + this.textBytes));
  }

  at(): SourceLocation {
    return this.location;
  }
}

/** The string index just after the first top-level `;` in text[start, end), or `end`. */
export function firstStatementEnd(text: string, start: number, end: number): number {
  const lexer = new SqlLexer(text);
  for (let i = start; i < end; i++) {
    if (lexer.state === 'code' && text.charCodeAt(i) === 59) return i + 1;
    i = lexer.step(i);
  }
  return end;
}

/** The statement text[start, end) (ended by its `;`) as an INSERT into a named table, or null when it is not one. */
export function largeInsertAt(text: string, start: number, end: number): PlainInsert | null {
  if (text.charCodeAt(end - 1) !== 59) return null;
  const at = statementStart(text, start);
  const target = (text.charCodeAt(at) | 32) === 105 ? insertTargetAt(text, at) : null;
  if (target === null) return null;
  const statement = text.slice(at, end);
  return {
    start: at,
    end,
    ...target,
    bytes: Buffer.byteLength(statement, 'utf8'),
    codePoints: statement.length - (statement.match(/[\ud800-\udbff]/g)?.length ?? 0),
  };
}

/** The parser's WebAssembly build stopped (its memory, or PostgreSQL's 1 GB allocation limit, ran out). */
export function parserExhausted(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ExitStatus';
}

/** The statement at `location`, of `chars` characters, is more than the parser can read. */
export function tooLargeToParse(location: SourceLocation, chars: number, cause: unknown): DatagenError {
  const size = `${(chars / (1 << 20)).toFixed(1)} MiB`;
  return new DatagenError(
    ErrorCodes.SCHEMA_INVALID,
    `${formatLocation(location)}: this statement (${size}) is too large for PostgreSQL's parser as datagen runs it (it ran out of memory); shorten it in a copy of the DDL you generate from (a CHECK's long IN list as a lookup table with a foreign key, a huge INSERT left out: datagen writes its own rows)`,
    { location, chars },
    { cause, exitCode: 2 },
  );
}

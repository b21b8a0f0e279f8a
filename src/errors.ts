/**
 * One error base for everything datagen reports to a user. Callers branch on
 * `code`, never on message text. The CLI prints a `DatagenError` without a
 * stack trace (it is a user mistake or an environment problem, explained in
 * the message); anything else is a bug and is printed with its stack.
 */

/** Where a problem is: a place in a DDL file, or a schema-qualified object. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, counted in characters (code points), as editors do. */
  readonly column: number;
}

export const ErrorCodes = {
  SQL_SYNTAX: 'SQL_SYNTAX',
  SCHEMA_INVALID: 'SCHEMA_INVALID',
  UNKNOWN_TABLE: 'UNKNOWN_TABLE',
  UNKNOWN_TYPE: 'UNKNOWN_TYPE',
  UNIQUE_SPACE_TOO_SMALL: 'UNIQUE_SPACE_TOO_SMALL',
  UNSATISFIABLE: 'UNSATISFIABLE',
  BAD_OPTION: 'BAD_OPTION',
  IO: 'IO',
  POSTGRES_MISSING: 'POSTGRES_MISSING',
  DATABASE: 'DATABASE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export class DatagenError<Data extends object = Record<string, unknown>> extends Error {
  override readonly name = 'DatagenError';
  readonly code: ErrorCode;
  readonly data: Data;
  /** Exit status the CLI uses: 2 for bad input, 1 otherwise. */
  readonly exitCode: number;

  constructor(
    code: ErrorCode,
    message: string,
    data: Data,
    options?: { cause?: unknown; exitCode?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.data = data;
    this.exitCode = options?.exitCode ?? 2;
  }
}

export function isDatagenError(error: unknown): error is DatagenError {
  return error instanceof DatagenError;
}

/**
 * System error codes that are the machine refusing or failing a file the user named rightly (permission, a full,
 * read-only or failing disk, too many open files): an environment failure, exit 1, on every command, reading or
 * writing. Any other code of a file read (missing, a directory, too long a name, a link loop) is what the user
 * named: a usage mistake, exit 2 (a written file's codes: sink/system-error.ts' writeErrorExitCode).
 */
const ENVIRONMENT_CODES: ReadonlySet<string> = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EFBIG',
  'EIO',
  'EMFILE',
  'ENFILE',
  'ENOMEM',
  'EBUSY',
  'ETXTBSY',
  'EAGAIN',
]);

/** Whether a system error code (`EACCES`) is the environment's failure, not the user's mistake. */
export function isEnvironmentCode(code: string | null | undefined): boolean {
  return code !== null && code !== undefined && ENVIRONMENT_CODES.has(code);
}

/** The exit status of a file that could not be read: 1 for the environment's failure, 2 for what the user named. */
export function readErrorExitCode(code: string | null | undefined): 1 | 2 {
  return isEnvironmentCode(code) ? 1 : 2;
}

const BREAKS: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `text` on one line: its line breaks and tabs written `\n`, `\r`, `\t` (a name of the schema holding one,
 * `CREATE TABLE "a<LF>b"`, shown `"a\nb"`), so a warning or one problem of a list is one line.
 */
export function oneLineText(text: string): string {
  return text.replace(/[\n\r\t]/g, (c) => BREAKS[c] as string);
}

/** `file:line:column`, the form editors and compilers use. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Several problems found together (a schema is checked whole, then reported once). */
export class DatagenAggregateError extends DatagenError<{ errors: readonly DatagenError[] }> {
  constructor(errors: readonly DatagenError[]) {
    super(
      errors[0]?.code ?? ErrorCodes.SCHEMA_INVALID,
      errors.map((e) => e.message).join('\n'),
      { errors },
      { exitCode: 2 },
    );
  }
}

/** Plan-time warnings: collected, never thrown. */
export interface Warning {
  readonly code: string;
  readonly message: string;
  /** `schema.table.column` or `file:line:column`. */
  readonly where: string;
  /** What the warning is about, for callers that act on it (`UNKNOWN_TYPE`: `{ type }`, the name as written). */
  readonly data?: Readonly<Record<string, string>>;
}

/** `1 row`, `2 rows`: a count and its noun in agreement, for messages (`counted(n, 'distinct value')`). */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/**
 * PostgreSQL's parser (libpg-query's WebAssembly build), instantiated here
 * rather than through libpg-query's entry module, so that a run can let it
 * go. The entry instantiates the module when it is imported and keeps it for
 * the life of the process: its compiled code (~9 MiB) and its linear memory,
 * which grows to the largest parse and never shrinks, stayed in every run's
 * peak RSS while rows were generated. Here the instance lives while someone
 * holds it: `generate()` holds it while the schema is read and planned (the
 * configuration's `sql:` settings are parsed by the planner) and lets it go
 * before the rows, and V8 then frees its memory. Anything that loads it
 * outside a run (`parseDdl` from the library, `datagen plan`) keeps it, as
 * before.
 *
 * `parseSync` and `parsePlPgSQLSync` read the parser's results as
 * libpg-query's own functions do (its C API: `PgQueryParseResult` and
 * `PgQueryError` structs of 32-bit fields); an error is a `ParserError`
 * with the cursor as a 0-based code point offset, as libpg-query's
 * `SqlError` carries it. Its module is imported on the first load too: a run
 * that parses no SQL (a YAML spec, a live database's catalog) never compiles
 * it.
 */
import type { Node, ParseResult, SelectStmt } from 'libpg-query';

/** What this file uses of the Emscripten module (the exports of libpg-query's wasm build). */
export interface PgQueryModule {
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, pointer: number, bytes: number): void;
  UTF8ToString(pointer: number): string;
  getValue(pointer: number, type: 'i32'): number;
  _wasm_parse_query_raw(query: number): number;
  _wasm_free_parse_result(result: number): void;
  _wasm_parse_plpgsql(query: number): number;
  _wasm_free_string(result: number): void;
}

/** A syntax error, as libpg-query's `SqlError`: the message and where (`cursorPosition`, 0-based). */
export class ParserError extends Error {
  override readonly name = 'ParserError';
  constructor(
    message: string,
    readonly sqlDetails?: { readonly cursorPosition: number },
  ) {
    super(message);
  }
}

let instance: PgQueryModule | null = null;
let loading: Promise<void> | null = null;
/** Runs holding the parser (holdParser); it is let go when the last one does, unless pinned. */
let holds = 0;
/** Loaded outside any run (loadParser): kept for the process's life. */
let pinned = false;

function instantiate(): Promise<void> {
  if (loading === null) {
    const started: Promise<void> = import('libpg-query/wasm/libpg-query.js')
      // Its own output is PostgreSQL's memory report when it runs out (parse-statements.ts tells that in a line).
      .then(({ default: createPgQueryModule }) =>
        createPgQueryModule({ print: () => undefined, printErr: () => undefined }),
      )
      .then((module) => {
        // Let go while it was being made: the next holder makes another.
        if (loading === started) instance = module;
      });
    loading = started;
  }
  return loading;
}

/** Loads the parser; outside a run that holds it, it is kept for the process's life (the library's `parseDdl`). */
export async function loadParser(): Promise<void> {
  if (holds === 0) pinned = true;
  await instantiate();
  // A run that held it let it go meanwhile (holds back to 0): make it again.
  if (instance === null) await instantiate();
}

/**
 * Loads the parser and holds it until the returned function is called;
 * when no other run holds it and nothing loaded it outside a run, it is then
 * dropped (its WebAssembly memory freed by V8's next collection).
 */
export async function holdParser(): Promise<() => void> {
  holds++;
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    holds--;
    if (holds === 0 && !pinned) {
      instance = null;
      loading = null;
    }
  };
  try {
    await instantiate();
  } catch (error) {
    release();
    throw error;
  }
  return release;
}

function loaded(): PgQueryModule {
  if (instance === null) throw new Error('the SQL parser is not loaded (await loadParser() first)');
  return instance;
}

/** `text` as a NUL-terminated UTF-8 string in the module's memory (the caller frees it). */
function textPointer(module: PgQueryModule, text: string): number {
  const bytes = module.lengthBytesUTF8(text) + 1;
  const pointer = module._malloc(bytes);
  module.stringToUTF8(text, pointer, bytes);
  return pointer;
}

/** The `PgQueryError` struct at `error`: message, funcname, filename, lineno, cursorpos (1-based; 0: none). */
function parserError(module: PgQueryModule, error: number): ParserError {
  const message = module.getValue(error, 'i32');
  const cursor = module.getValue(error + 16, 'i32');
  return new ParserError(message === 0 ? 'Unknown error' : module.UTF8ToString(message), {
    cursorPosition: cursor > 0 ? cursor - 1 : 0,
  });
}

/**
 * The raw parse tree of SQL text (one or more statements), as libpg-query's `parseSync`.
 *
 * @example parseSync('SELECT 1').stmts?.length // 1
 */
export function parseSync(sql: string): ParseResult {
  if (sql === '') throw new Error('Query cannot be empty');
  const module = loaded();
  const query = textPointer(module, sql);
  let result = 0;
  try {
    result = module._wasm_parse_query_raw(query);
    if (result === 0) throw new Error('Failed to parse query: memory allocation failed');
    // PgQueryParseResult: parse_tree, stderr_buffer, error.
    const tree = module.getValue(result, 'i32');
    const error = module.getValue(result + 8, 'i32');
    if (error !== 0) throw parserError(module, error);
    if (tree === 0) throw new Error('No parse tree generated');
    return JSON.parse(module.UTF8ToString(tree)) as ParseResult;
  } catch (error) {
    // The module stopped (exit(1): out of memory): the next holder makes another.
    if ((error as { name?: unknown } | null)?.name === 'ExitStatus' && instance === module) {
      instance = null;
      loading = null;
    }
    throw error;
  } finally {
    module._free(query);
    if (result !== 0) module._wasm_free_parse_result(result);
  }
}

/**
 * A PL/pgSQL function body's tree (a `CREATE FUNCTION` statement's text), as libpg-query's `parsePlPgSQLSync`.
 * Its errors are the parser's message alone.
 */
export function parsePlPgSQLSync(sql: string): ParseResult {
  const module = loaded();
  const query = textPointer(module, sql);
  let result = 0;
  try {
    result = module._wasm_parse_plpgsql(query);
    const text = module.UTF8ToString(result);
    // Success is always a JSON object; anything else is an error message.
    if (!text.startsWith('{')) throw new Error(text);
    return JSON.parse(text) as ParseResult;
  } finally {
    module._free(query);
    if (result !== 0) module._wasm_free_string(result);
  }
}

/**
 * A DO block's body as PostgreSQL's PL/pgSQL parser reads it (wrapped in a
 * function, as the server runs it): its `PLpgSQL_function` node, or null when
 * it does not parse (or holds the wrapper's own quote).
 */
export function doBlockFunction(body: string): Record<string, unknown> | null {
  if (body.includes('$datagen_do$')) return null;
  let parsed: Record<string, unknown>;
  try {
    parsed = parsePlPgSQLSync(
      `CREATE FUNCTION pg_temp.datagen_do() RETURNS void LANGUAGE plpgsql AS $datagen_do$${body}$datagen_do$`,
    ) as Record<string, unknown>;
  } catch {
    return null;
  }
  const funcs = parsed.plpgsql_funcs as Record<string, unknown>[] | undefined;
  return (funcs?.[0]?.PLpgSQL_function ?? {}) as Record<string, unknown>;
}

/** The expression of `SELECT expr` (no FROM, WHERE, GROUP BY or set operation); undefined for any other statement. */
export function selectedTarget(statement: unknown): Node | undefined {
  const select = (statement as { SelectStmt?: SelectStmt } | undefined)?.SelectStmt;
  if (!select || select.fromClause || select.whereClause || select.groupClause || select.op !== 'SETOP_NONE')
    return undefined;
  const only = select.targetList?.length === 1 ? select.targetList[0] : undefined;
  return only !== undefined && 'ResTarget' in only ? only.ResTarget.val : undefined;
}

/**
 * The one expression of `SELECT <text>` (a PL/pgSQL expression's text, read the
 * way PL/pgSQL reads it, or a constant expression datagen builds); undefined
 * when the text does not parse or is not one plain expression (selectedTarget).
 */
export function selectedExpression(text: string): Node | undefined {
  try {
    const stmts = (parseSync(`SELECT ${text}`) as { stmts?: { stmt?: Node }[] }).stmts;
    return stmts?.length === 1 ? selectedTarget(stmts[0]?.stmt) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `query`'s SelectStmt, as the parser's JSON, when the text is one SELECT (a loop's `FOR r IN <query>`, read by
 * do-loops.ts and catalog-loops.ts); undefined when it does not parse or is something else.
 */
export function singleSelect(query: string): Record<string, unknown> | undefined {
  try {
    const stmts = (parseSync(query) as { stmts?: { stmt?: Record<string, unknown> }[] }).stmts ?? [];
    return stmts.length === 1
      ? (stmts[0]?.stmt?.SelectStmt as Record<string, unknown> | undefined)
      : undefined;
  } catch {
    return undefined;
  }
}

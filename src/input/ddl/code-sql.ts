/**
 * The SQL a body of code runs, read with PostgreSQL's PL/pgSQL parser: what the readings of kept code
 * (`do-blocks.ts`, `routines.ts`, `function-calls.ts`) look for names in. Comments and the messages of
 * RAISE are not code; a string constant in a statement is a value, not a name (`INSERT INTO log VALUES
 * ('DROP TABLE users')`); an EXECUTE of text the code builds from constants (`format('ALTER TABLE %I ...',
 * 't')`, `'ALTER TABLE ' || 't' || ...`) runs that text. An EXECUTE of text not known stays as written (its
 * strings are what a name it builds may be made of). Where the body does not parse as PL/pgSQL (a SQL
 * function's statements), its text without comments.
 */
import { effectiveGeneratorVersion } from '../../version.js';
import { walkAst } from './ast.js';
import { codeValue, UNKNOWN } from './code-values.js';
import type { DdlContext } from './ddl-context.js';
import { doBlockFunction, parseSync, selectedExpression } from './pg-parser.js';
import { SqlLexer } from './sql-lexer.js';

type Json = Record<string, unknown>;

/** What code runs: its statements' text, `;`-separated, and whether any of them is DDL the parser reads. */
export interface CodeSql {
  readonly text: string;
  /** A statement that neither reads nor writes rows nor sets the session (`CREATE ROLE`, `GRANT`, an ALTER). */
  readonly ddl: boolean;
}

/** Statement kinds that make or change nothing: queries, row writes, session settings, transaction control. */
const NOT_DDL =
  /^(SelectStmt|InsertStmt|UpdateStmt|DeleteStmt|MergeStmt|CopyStmt|VariableSetStmt|VariableShowStmt|TransactionStmt|CallStmt|NotifyStmt|ListenStmt|UnlistenStmt|LockStmt|ExplainStmt|DeclareCursorStmt|FetchStmt|ClosePortalStmt)$/;

/** Whether a run of this generator version reads code so (before, its text as written: comments and strings too). */
export function readsCodeSql(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= 25;
}

/** A DO block's body as the run reads it: its SQL from version 25, before its text as written. */
export function doBlockCode(ctx: DdlContext, body: string): CodeSql {
  return ctx.readsCodeSql === true ? doBlockSql(body) : { text: body, ddl: false };
}

/** The SQL of a DO block's body (see the file's comment). */
export function doBlockSql(body: string): CodeSql {
  const fn = doBlockFunction(body);
  return fn === null ? { text: withoutComments(body), ddl: false } : functionSql(fn);
}

/** The SQL of a parsed PL/pgSQL function (`PLpgSQL_function`): every expression and statement it holds. */
export function functionSql(fn: Json): CodeSql {
  const parts: string[] = [];
  const executed = new Set<unknown>();
  let ddl = false;
  walkAst(fn.action, (key, node) => {
    if (key === 'PLpgSQL_stmt_dynexecute') {
      const query = node.query as { PLpgSQL_expr?: { query?: string } } | undefined;
      const text = query?.PLpgSQL_expr?.query ?? '';
      const value = node.params === undefined ? codeValue(selectedExpression(text), () => UNKNOWN) : UNKNOWN;
      executed.add(query?.PLpgSQL_expr);
      if (typeof value === 'string') {
        parts.push(valuesBlanked(value));
        if (runsDdl(value)) ddl = true;
      } else parts.push(`EXECUTE ${withoutComments(text)}`);
    } else if (key === 'PLpgSQL_expr' && !executed.has(node)) {
      const text = String(node.query ?? '');
      parts.push(valuesBlanked(text), ...triggerFunctionsBuilt(text));
      if (node.parseMode === 0 && runsDdl(text)) ddl = true;
    }
  });
  return { text: parts.join(';\n'), ddl };
}

/** Whether SQL text (code's, or text it builds) holds a CREATE [OR REPLACE] [CONSTRAINT] TRIGGER. */
export function makesTrigger(sql: string): boolean {
  return /\bcreate\s+(?:or\s+replace\s+)?(?:constraint\s+)?trigger\b/i.test(sql);
}

/** `CREATE TRIGGER ... EXECUTE FUNCTION|PROCEDURE f(` in a string constant: the trigger function named. */
const TRIGGER_FUNCTION_TEXT =
  /\bexecute\s+(?:procedure|function)\s+((?:"[^"]+"|[a-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|[a-z_][\w$]*))?)\s*\(/gi;

/**
 * The trigger functions text the code builds attaches (QWAT's audit_table(): `_q_txt = 'CREATE TRIGGER
 * audit_trigger_row AFTER INSERT ... ON ' || target_table || ' FOR EACH ROW EXECUTE PROCEDURE
 * qwat_sys.if_modified_func(' || ...; EXECUTE _q_txt`), each as a call (`qwat_sys.if_modified_func()`): the
 * code runs them, through the triggers it makes, as the data loads; the rows they write are the code's.
 */
function triggerFunctionsBuilt(sql: string): string[] {
  if (!makesTrigger(sql)) return [];
  return [...withoutComments(sql).matchAll(TRIGGER_FUNCTION_TEXT)].map((m) => `${m[1]}()`);
}

/** Whether SQL text holds a statement that makes or changes objects (false where it does not parse). */
function runsDdl(sql: string): boolean {
  try {
    const stmts = (parseSync(sql) as { stmts?: { stmt?: Json }[] }).stmts ?? [];
    return stmts.some((s) => !NOT_DDL.test(Object.keys(s.stmt ?? {})[0] ?? ''));
  } catch {
    return false;
  }
}

/** SQL text without its comments (each a space), strings and quoted names kept. */
export function withoutComments(sql: string): string {
  return rewritten(sql, false);
}

/** SQL text without comments and with its string constants emptied (`'DROP TABLE u'` is `''`). */
function valuesBlanked(sql: string): string {
  return rewritten(sql, true);
}

function rewritten(sql: string, blankStrings: boolean): string {
  const lexer = new SqlLexer(sql);
  let out = '';
  for (let i = 0; i < sql.length; i++) {
    const before = lexer.state;
    const last = lexer.step(i);
    const after = lexer.state;
    const piece = sql.slice(i, last + 1);
    if (before === 'block' || before === 'line' || after === 'block' || after === 'line')
      out += piece.includes('\n') ? '\n' : ' ';
    else if (!blankStrings || before === 'code' || before === 'ident' || after === 'code') out += piece;
    i = last;
  }
  return out;
}

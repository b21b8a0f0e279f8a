/**
 * DO blocks whose DDL is constant: plain statements and EXECUTEs of text built from constants only
 * (`EXECUTE 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp"'`, `EXECUTE format('ALTER TABLE %I ...', 't')`),
 * with notices beside them and handlers that only raise an error again (claircore's, which asks the user
 * to load the extension):
 *
 *   DO $$ DECLARE code text; BEGIN
 *     EXECUTE 'CREATE EXTENSION IF NOT EXISTS "uuid-ossp"';
 *   EXCEPTION WHEN OTHERS THEN
 *     GET STACKED DIAGNOSTICS code = RETURNED_SQLSTATE;
 *     RAISE EXCEPTION USING MESSAGE = 'Please load the "uuid-ossp" extension.', ERRCODE = code;
 *   END $$;
 *
 * Such a block either runs its DDL or stops the load with an error: it is that DDL, read (and written) as if
 * written plainly, from generator version 25 (code-sql.ts `readsCodeSql`). Anything else keeps it opaque.
 */
import { codeValue, UNKNOWN } from './code-values.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { parsedStatements, readsVariable } from './guarded-do.js';
import { doBlockFunction, selectedExpression } from './pg-parser.js';

type Json = Record<string, unknown>;

/** PL/pgSQL's ERROR elevel: a RAISE at it (or above) stops the block, below it only says something. */
const ERROR_LEVEL = 21;

const queryOf = (expr: unknown) =>
  String(((expr as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? '');

/** The block's DDL statements at its place; undefined when it is not such a block. */
export function constantDoStatements(
  ctx: DdlContext,
  body: string,
  block: SourceStatement,
): SourceStatement[] | undefined {
  if (ctx.readsCodeSql !== true) return undefined;
  const fn = doBlockFunction(body);
  const action = (fn?.action as Json | undefined)?.PLpgSQL_stmt_block as Json | undefined;
  if (fn === null || action === undefined) return undefined;
  const declared = ((fn.datums as Json[] | undefined) ?? []).flatMap((d) => {
    const v = (d.PLpgSQL_var ?? d.PLpgSQL_rec ?? d.PLpgSQL_row) as { refname?: string } | undefined;
    return v?.refname === undefined || v.refname === 'found' ? [] : [v.refname.toLowerCase()];
  });
  const steps = (action.body as Json[] | undefined) ?? [];
  // The parser ends the function's own block with an implicit RETURN (no line number).
  const last = steps.at(-1)?.PLpgSQL_stmt_return as Json | undefined;
  const own = last !== undefined && last.lineno === undefined ? steps.slice(0, -1) : steps;
  const texts = blockTexts({ ...action, body: own });
  if (texts === undefined || texts.length === 0) return undefined;
  const out: SourceStatement[] = [];
  for (const text of texts) {
    const statements = parsedStatements(text, block, true);
    if (statements === undefined || statements.some((s) => readsVariable(s, declared))) return undefined;
    if (statements.some((s) => /^(UpdateStmt|InsertStmt|DeleteStmt)$/.test(Object.keys(s.node)[0] ?? '')))
      return undefined;
    out.push(...statements);
  }
  return out;
}

/** The SQL texts a `BEGIN … [EXCEPTION …] END` block runs, in order; undefined when it holds anything else. */
function blockTexts(b: Json): string[] | undefined {
  if (b.exceptions !== undefined && !onlyRaisesAgain(b.exceptions)) return undefined;
  const texts: string[] = [];
  for (const s of (b.body as Json[] | undefined) ?? []) {
    const raise = s.PLpgSQL_stmt_raise as Json | undefined;
    if (raise !== undefined && typeof raise.elog_level === 'number' && raise.elog_level < ERROR_LEVEL)
      continue;
    const exec = s.PLpgSQL_stmt_execsql as Json | undefined;
    const dyn = s.PLpgSQL_stmt_dynexecute as Json | undefined;
    const nested = s.PLpgSQL_stmt_block as Json | undefined;
    if (exec !== undefined && exec.into !== true) texts.push(queryOf(exec.sqlstmt));
    else if (dyn !== undefined && dyn.into === undefined && dyn.params === undefined) {
      const value = codeValue(selectedExpression(queryOf(dyn.query)), () => UNKNOWN);
      if (typeof value !== 'string') return undefined;
      texts.push(value);
    } else if (nested !== undefined) {
      const inner = blockTexts(nested);
      if (inner === undefined) return undefined;
      texts.push(...inner);
    } else return undefined;
  }
  return texts;
}

/** Whether every handler only reads the error (GET STACKED DIAGNOSTICS) and raises one: the block then fails as its DDL would. */
function onlyRaisesAgain(exceptions: unknown): boolean {
  const list = (((exceptions as Json).PLpgSQL_exception_block as Json | undefined)?.exc_list ?? []) as Json[];
  return (
    list.length > 0 &&
    list.every((e) => {
      const action = (((e.PLpgSQL_exception ?? {}) as Json).action as Json[] | undefined) ?? [];
      const raise = action.at(-1)?.PLpgSQL_stmt_raise as Json | undefined;
      return (
        raise !== undefined &&
        (typeof raise.elog_level !== 'number' || raise.elog_level >= ERROR_LEVEL) &&
        action.slice(0, -1).every((s) => s.PLpgSQL_stmt_getdiag !== undefined)
      );
    })
  );
}

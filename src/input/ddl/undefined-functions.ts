/**
 * Calls of functions nothing defines, in a column's DEFAULT, a CHECK, a
 * generated column or an index (`DEFAULT nosuch_fn()`): PostgreSQL refuses the CREATE
 * TABLE (`function nosuch_fn() does not exist`), and datagen, which writes
 * the statement back, would write output that stops loading there. Noted as
 * statements are read, judged once all are read (a function the DDL defines
 * anywhere counts): refused where sure, a name neither PostgreSQL 12-18
 * (builtin-functions.ts), an extension datagen knows, nor the DDL defines;
 * only warned when something the DDL runs may make it unseen (an extension
 * other than plpgsql, created or only used, a DO block or routine that runs
 * DDL), as the server may accept the schema then.
 */
import type { Node } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringsOf, walkAst } from './ast.js';
import { BUILTIN_FUNCTIONS } from './builtin-functions.js';
import type { DdlContext } from './ddl-context.js';
import { EXTENSION_FUNCTIONS } from './extension-types.js';
import type { SchemaBuilder } from './schema-builder.js';
import { objectKey, type StatementList } from './statement-list.js';

/** One call noted: the function's bare name, the expression it is in (`DEFAULT of column public.t.c`), where. */
interface NotedCall {
  readonly name: string;
  readonly what: string;
  readonly location: SourceLocation;
  /** Whether the DDL defined a function of the name before the call. */
  readonly definedBefore: boolean;
}

/** The calls noted so far, and whether code the DDL runs may create functions unseen. */
export interface CalledFunctions {
  readonly calls: NotedCall[];
  /** Set where a DO block or a routine that runs DDL is kept as written. */
  codeMayCreate: boolean;
}

export function createCalledFunctions(): CalledFunctions {
  return { calls: [], codeMayCreate: false };
}

/** Note the calls `expr` makes of unqualified (or public / pg_catalog) functions that are not built in. */
export function noteFunctionCalls(
  { calledFunctions: called, builder, out }: Pick<DdlContext, 'calledFunctions' | 'builder' | 'out'>,
  expr: unknown,
  what: string,
  location: SourceLocation,
): void {
  walkAst(expr, (key, n) => {
    if (key !== 'FuncCall') return;
    const names = stringsOf(n.funcname as Node[] | undefined);
    const name = names.at(-1) ?? '';
    const schema = names.length === 2 ? names[0] : names.length === 1 ? 'public' : undefined;
    if (schema !== 'public' && schema !== 'pg_catalog') return;
    if (BUILTIN_FUNCTIONS.has(name) || EXTENSION_FUNCTIONS[name] !== undefined) return;
    if (called.calls.some((c) => c.name === name)) return;
    called.calls.push({ name, what, location, definedBefore: definedIn(builder, out, name) });
  });
}

/** Whether the statements so far define a function of this name in a schema of the DDL (or public). */
function definedIn(builder: SchemaBuilder, out: StatementList, name: string): boolean {
  const schemas = new Set([...builder.namespaces, 'public', 'pg_catalog']);
  return [...schemas].some((s) => out.has(objectKey('function', s, name)));
}

/**
 * The calls of functions nothing the DDL read defines: located problems when sure, else one warning (null
 * when there is none).
 */
export function judgeFunctionCalls(
  called: CalledFunctions,
  builder: SchemaBuilder,
  out: StatementList,
  usesExtensions: boolean,
): Warning | null {
  for (const c of called.calls)
    if (!c.definedBefore && definedIn(builder, out, c.name))
      builder.problems.push({
        location: c.location,
        message: `${c.what}: it calls ${quoteIdent(c.name)}(), which the DDL defines only after it, so PostgreSQL refuses the statement (function does not exist); move the function's definition before it`,
      });
  const missing = called.calls.filter((c) => !definedIn(builder, out, c.name));
  const [first] = missing;
  if (first === undefined) return null;
  const extensions = builder.extensions.filter((e) => e.name !== 'plpgsql').map((e) => e.name);
  if (extensions.length === 0 && !called.codeMayCreate && !usesExtensions) {
    for (const c of missing)
      builder.problems.push({
        location: c.location,
        message: `${c.what}: it calls ${quoteIdent(c.name)}(), which neither PostgreSQL nor the DDL defines, so PostgreSQL refuses the statement (function does not exist); define the function before it (or give the file that does as an earlier argument), or fix the name`,
      });
    return null;
  }
  const unseen =
    extensions.length === 0
      ? called.codeMayCreate
        ? 'code the DDL runs makes'
        : 'the extensions the DDL uses make'
      : `extension${extensions.length === 1 ? '' : 's'} ${extensions.join(', ')} make${extensions.length === 1 ? 's' : ''}`;
  return {
    code: 'EXTERNAL_OBJECTS',
    message: `the DDL calls functions that neither PostgreSQL nor the DDL defines (first in ${first.what} at ${formatLocation(first.location)}): ${missing.map((c) => `${quoteIdent(c.name)}()`).join(', ')}. Unless ${unseen} them, PostgreSQL refuses the statements that call them and the load stops there; define them in the DDL, or fix the names`,
    where: formatLocation(first.location),
  };
}

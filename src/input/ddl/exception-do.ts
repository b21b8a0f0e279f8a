/**
 * DO blocks whose plain DDL sits in nested `BEGIN … EXCEPTION WHEN <exists already> THEN … END` blocks, or
 * beside row migrations (SORMAS' reruns of its updates):
 *
 *   DO $$ BEGIN
 *     BEGIN
 *       ALTER TABLE immunization ADD COLUMN numberofdoses_details varchar(255);
 *     EXCEPTION WHEN duplicate_column THEN RAISE NOTICE 'column exists already';
 *     END;
 *     DECLARE r RECORD; BEGIN FOR r IN SELECT ... LOOP INSERT INTO ... END LOOP; END;
 *   END $$;
 *
 * Read with PostgreSQL's PL/pgSQL parser (from generator version 24): the block is its DDL, each part under
 * a handler that only swallows "exists already" (`duplicate_column`, `duplicate_table`, ...; its action
 * nothing or a notice) left out as a whole where one of its statements surely fails with an error the handler
 * catches on the schema read so far (the object is there: the part was run before), as the server rolls the
 * part back; statements and loops that only read or write rows are left out, as datagen writes its own rows.
 * Anything else (EXECUTE of text not constant, a PERFORM of code that makes objects, another handler, a
 * variable in the DDL) keeps the block as written and opaque (do-blocks.ts).
 */
import { effectiveGeneratorVersion } from '../../version.js';
import { stringsOf, walkAst } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { constantExecute } from './dynamic-ddl.js';
import { doneAlready, GUARD_CONDITIONS, parsedStatements, readsVariable } from './guarded-do.js';
import { doBlockFunction, parseSync } from './pg-parser.js';
import { catches, outcomeHere } from './tolerated-outcome.js';

type Json = Record<string, unknown>;

/** Whether a run of this generator version reads such blocks (before, they stayed opaque: their tables got no rows). */
export function readsExceptionBlocks(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= 24;
}

/**
 * Whether a run of this generator version reads a nested block whose handler makes the same objects another way
 * (`BEGIN CREATE INDEX i ... USING hash ...; EXCEPTION WHEN others THEN CREATE INDEX i ... USING btree ...; END`,
 * Supabase Auth's one_time_tokens) as its own statements (before, the DO block stayed opaque).
 */
export function readsFallbackHandlers(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= 25;
}

/**
 * Whether a run of this generator version reads a handler that only re-raises what it caught (`WHEN OTHERS THEN
 * RAISE;`, AppFlowy's migrations beside `WHEN duplicate_object THEN NULL`) as no handler, as the server runs it
 * (before, it kept the DO block opaque).
 */
export function readsReRaiseHandlers(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= 27;
}

/**
 * Whether a run of this generator version reads a block whose handler swallows a missing object (`EXCEPTION WHEN
 * undefined_column OR undefined_table THEN` and nothing, or a comment: Kong's migrations around CREATE TRIGGER and
 * CREATE INDEX) as its DDL where that DDL surely succeeds on the schema read so far (before, the block stayed
 * opaque and before the data: its triggers fired as the data loaded, writing tables the archive's empty
 * search_path hid from their code).
 */
export function readsMissingObjectHandlers(generatorVersion: number | undefined): boolean {
  return effectiveGeneratorVersion(generatorVersion) >= 30;
}

/** A part of the block: statements, or a nested block under a handler that swallows "exists already". */
type Part =
  | { readonly kind: 'statements'; readonly statements: readonly SourceStatement[] }
  | { readonly kind: 'guarded'; readonly caught: readonly string[]; readonly parts: readonly Part[] };

/** PL/pgSQL's ERROR elevel: a RAISE below it only says something. */
const ERROR_LEVEL = 21;

/** Statements that read or write rows. */
const ROW_KINDS = /^(SelectStmt|InsertStmt|UpdateStmt|DeleteStmt|MergeStmt)$/;

/** What a reading of one block holds. */
interface Reading {
  readonly ctx: DdlContext;
  readonly block: SourceStatement;
  /** The block's variables (lower case): DDL naming one differs at run time. */
  readonly declared: readonly string[];
  /** Whether row reads or writes were left out (a loop, a SELECT ... INTO). */
  rowsLeftOut: boolean;
  /** Whether a nested block was read as its own statements, its handler making the same objects another way (or only re-raising). */
  fallbackPassed: boolean;
}

/**
 * Reads such a block and hands its DDL to `handle`, in order; false (nothing handled) when the block is not
 * one. `rowsLeftOut` is called when row statements of the block were passed over.
 */
export function readExceptionBlock(
  ctx: DdlContext,
  body: string,
  block: SourceStatement,
  handle: (statement: SourceStatement) => void,
): { readonly rowsLeftOut: boolean } | undefined {
  const fn = doBlockFunction(body);
  if (fn === null) return undefined;
  const declared = ((fn.datums as Json[] | undefined) ?? []).flatMap((d) => {
    const v = (d.PLpgSQL_var ?? d.PLpgSQL_rec ?? d.PLpgSQL_row) as { refname?: string } | undefined;
    return v?.refname === undefined || v.refname === 'found' ? [] : [v.refname.toLowerCase()];
  });
  const reading: Reading = { ctx, block, declared, rowsLeftOut: false, fallbackPassed: false };
  const action = (fn.action as Json | undefined)?.PLpgSQL_stmt_block as Json | undefined;
  if (action === undefined) return undefined;
  const body0 = (action.body as Json[] | undefined) ?? [];
  // The parser ends the function's own block with an implicit RETURN (no line number).
  const last = body0.at(-1)?.PLpgSQL_stmt_return as Json | undefined;
  const own = last !== undefined && last.lineno === undefined ? body0.slice(0, -1) : body0;
  const parts = blockParts(reading, { ...action, body: own });
  if (
    parts === undefined ||
    !parts.some((p) => p.kind === 'guarded' || reading.rowsLeftOut || reading.fallbackPassed)
  )
    return undefined;
  run(ctx, parts, handle);
  return { rowsLeftOut: reading.rowsLeftOut };
}

function run(ctx: DdlContext, parts: readonly Part[], handle: (statement: SourceStatement) => void): void {
  for (const part of parts) {
    if (part.kind === 'statements') for (const s of part.statements) handle(s);
    else if (!handlerFires(ctx, part)) run(ctx, part.parts, handle);
  }
}

/**
 * Whether a guarded part surely fails, with an error its handler catches, where it stands: a statement whose
 * object is there already, or whose outcome on the schema so far is such a failure (checked in order, each
 * against the statements before it in the part; nested guarded parts catch their own).
 */
function handlerFires(ctx: DdlContext, part: Extract<Part, { kind: 'guarded' }>): boolean {
  const own = part.parts.flatMap((p) => (p.kind === 'statements' ? p.statements : []));
  const earlier: SourceStatement['node'][] = [];
  for (const s of own) {
    if (doneAlready(ctx, s.node)) return true;
    const outcome = outcomeHere(ctx, s.node, earlier);
    if (outcome.startsWith('fails ') && catches(part.caught, outcome.slice('fails '.length))) return true;
    earlier.push(s.node);
  }
  return false;
}

/** A `BEGIN … [EXCEPTION …] END` block's parts; undefined when it holds anything this does not read. */
function blockParts(reading: Reading, b: Json): Part[] | undefined {
  const parts = partsOf(reading, (b.body as Json[] | undefined) ?? []);
  if (parts === undefined || b.exceptions === undefined) return parts;
  const handlers = handlersOf(b.exceptions);
  const raised = reading.ctx.readsReRaiseHandlers === true ? handlers.filter((e) => !reRaises(e)) : handlers;
  if (raised.length < handlers.length) reading.fallbackPassed = true;
  if (raised.length === 0) return parts;
  const exceptions = { PLpgSQL_exception_block: { exc_list: raised } };
  const caught = swallowedConditions(exceptions);
  if (caught !== undefined) return [{ kind: 'guarded', caught, parts }];
  if (reading.ctx.readsFallbackHandlers !== true || !fallbackHandlers(reading, exceptions, parts))
    return undefined;
  reading.fallbackPassed = true;
  return parts;
}

function handlersOf(exceptions: unknown): Json[] {
  return (((exceptions as Json).PLpgSQL_exception_block as Json | undefined)?.exc_list ?? []) as Json[];
}

/** A handler whose only action is a bare `RAISE;`: the error goes on as if no handler caught it. */
function reRaises(handler: Json): boolean {
  const action = (((handler.PLpgSQL_exception ?? {}) as Json).action as Json[] | undefined) ?? [];
  const [only] = action;
  const raise = only?.PLpgSQL_stmt_raise as Json | undefined;
  return (
    action.length === 1 &&
    raise !== undefined &&
    Object.keys(raise).every((key) => key === 'lineno' || key === 'elog_level') &&
    raise.elog_level === ERROR_LEVEL
  );
}

/**
 * Whether every handler of a block only makes, another way, objects its statements make (an index of the same
 * name with btree where hash failed): whichever runs, the schema has the same objects, so the block reads as its
 * own statements, as pg_dump would write the database where they succeeded. A handler that makes anything else,
 * or does anything but DDL, keeps the block opaque.
 */
function fallbackHandlers(reading: Reading, exceptions: unknown, parts: readonly Part[]): boolean {
  const made = new Set(
    parts.flatMap((p) => (p.kind === 'statements' ? p.statements.map((s) => madeObject(s.node)) : [])),
  );
  made.delete(undefined);
  const list = (((exceptions as Json).PLpgSQL_exception_block as Json | undefined)?.exc_list ?? []) as Json[];
  return (
    made.size > 0 &&
    list.length > 0 &&
    list.every((e) => {
      const action = (((e.PLpgSQL_exception ?? {}) as Json).action as Json[] | undefined) ?? [];
      const alternative = partsOf(
        { ...reading, rowsLeftOut: false },
        action.filter((s) => !notice(s)),
      );
      if (alternative === undefined || alternative.length === 0) return false;
      return alternative.every(
        (p) => p.kind === 'statements' && p.statements.every((s) => made.has(madeObject(s.node))),
      );
    })
  );
}

/** `index:schema.name` (or `table:`) of an index or table a statement makes; undefined for any other statement. */
function madeObject(node: SourceStatement['node']): string | undefined {
  const n = node as Json;
  const index = n.IndexStmt as Json | undefined;
  const table = n.CreateStmt as Json | undefined;
  const relation = ((index ?? table)?.relation ?? {}) as Json;
  const schema = String(relation.schemaname ?? '');
  if (index !== undefined && typeof index.idxname === 'string') return `index:${schema}.${index.idxname}`;
  if (table !== undefined) return `table:${schema}.${String(relation.relname ?? '')}`;
  return undefined;
}

/** The conditions of handlers that only swallow "exists already" (doing nothing or raising a notice); else undefined. */
function swallowedConditions(exceptions: unknown): string[] | undefined {
  const list = (((exceptions as Json).PLpgSQL_exception_block as Json | undefined)?.exc_list ?? []) as Json[];
  const caught: string[] = [];
  for (const e of list) {
    const x = (e.PLpgSQL_exception ?? {}) as Json;
    const conditions = ((x.conditions as Json[] | undefined) ?? []).map((c) =>
      String((c.PLpgSQL_condition as Json | undefined)?.condname ?? ''),
    );
    const action = (x.action as Json[] | undefined) ?? [];
    if (conditions.length === 0 || !conditions.every((c) => GUARD_CONDITIONS.has(c))) return undefined;
    if (!action.every(notice)) return undefined;
    caught.push(...conditions);
  }
  return caught.length > 0 ? caught : undefined;
}

/** `RAISE NOTICE …` (or a lower level): says something, does nothing. */
function notice(s: Json): boolean {
  const raise = s.PLpgSQL_stmt_raise as Json | undefined;
  return raise !== undefined && typeof raise.elog_level === 'number' && raise.elog_level < ERROR_LEVEL;
}

const queryOf = (expr: unknown) =>
  String(((expr as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? '');

function partsOf(reading: Reading, statements: readonly Json[]): Part[] | undefined {
  const parts: Part[] = [];
  for (const s of statements) {
    if (notice(s)) continue;
    const exec = s.PLpgSQL_stmt_execsql as Json | undefined;
    const executed = constantExecute(s);
    if ((exec !== undefined && exec.into !== true) || executed !== undefined) {
      const parsed = parsedStatements(executed ?? queryOf(exec?.sqlstmt), reading.block, true);
      if (parsed === undefined || parsed.some((p) => readsVariable(p, reading.declared))) return undefined;
      parts.push({ kind: 'statements', statements: parsed });
      continue;
    }
    if (rowsOnly(reading, s)) {
      reading.rowsLeftOut = true;
      continue;
    }
    const nested = s.PLpgSQL_stmt_block as Json | undefined;
    const inner = nested === undefined ? undefined : blockParts(reading, nested);
    if (inner === undefined) return undefined;
    parts.push(...inner);
  }
  return parts;
}

/** Whether a statement only reads or writes rows (loops, IFs and blocks of such, SELECT ... INTO). */
function rowsOnly(reading: Reading, s: Json): boolean {
  const [kind, value] = Object.entries(s)[0] ?? [];
  const v = (value ?? {}) as Json;
  const all = (list: unknown) => ((list as Json[] | undefined) ?? []).every((x) => rowsOnly(reading, x));
  if (kind === undefined) return false;
  if (notice(s) || kind === 'PLpgSQL_stmt_exit') return true;
  if (kind === 'PLpgSQL_stmt_execsql') return rowQuery(reading, queryOf(v.sqlstmt));
  if (kind === 'PLpgSQL_stmt_assign' || kind === 'PLpgSQL_stmt_perform')
    return rowQuery(reading, `SELECT ${queryOf(v.expr).replace(/^\s*select\b/i, '')}`);
  if (kind === 'PLpgSQL_stmt_block') return v.exceptions === undefined && all(v.body);
  if (kind === 'PLpgSQL_stmt_fors') return rowQuery(reading, queryOf(v.query)) && all(v.body);
  if (/^PLpgSQL_stmt_(fori|loop|while|foreach_a)$/.test(kind)) return all(v.body);
  if (kind === 'PLpgSQL_stmt_if')
    return (
      all(v.then_body) &&
      all(v.else_body) &&
      ((v.elsif_list as Json[] | undefined) ?? []).every((e) =>
        all(((e.PLpgSQL_if_elsif ?? {}) as Json).stmts),
      )
    );
  return false;
}

/** Whether SQL text is only queries and row writes that run no routine of the DDL that makes objects. */
function rowQuery(reading: Reading, sql: string): boolean {
  let stmts: { stmt?: Json }[];
  try {
    stmts = (parseSync(sql) as { stmts?: typeof stmts }).stmts ?? [];
  } catch {
    return false;
  }
  return (
    stmts.length > 0 &&
    stmts.every((raw) => ROW_KINDS.test(Object.keys(raw.stmt ?? {})[0] ?? '')) &&
    !runsCodeThatMakes(reading.ctx, stmts)
  );
}

/** Whether parsed SQL calls a routine of the DDL whose code makes or changes objects. */
function runsCodeThatMakes(ctx: DdlContext, tree: unknown): boolean {
  let makes = false;
  walkAst(tree, (key, n) => {
    if (key !== 'FuncCall') return;
    const name = stringsOf(n.funcname as never).at(-1) ?? '';
    for (const [routine, effects] of ctx.routineEffects)
      if (routine.endsWith(`\u0000${name}`) && effects.creates) makes = true;
  });
  return makes;
}

/** Statement kinds a block that only makes plpgsql may hold beside its CREATE EXTENSION. */
const CHECKING_KINDS = new Set([
  'PLpgSQL_stmt_block',
  'PLpgSQL_stmt_if',
  'PLpgSQL_stmt_raise',
  'PLpgSQL_stmt_return',
]);

/**
 * The warning for a block kept as written whose only DDL is `CREATE EXTENSION [IF NOT EXISTS] plpgsql`
 * (Procrastinate's, under a handler that checks pg_extension): every database has plpgsql, so it makes
 * nothing and no table's rows depend on it; undefined for any other block.
 */
export function plpgsqlOnlyWarning(where: string, body: string): string | undefined {
  const fn = doBlockFunction(body);
  if (fn === null) return undefined;
  let makes = false;
  let other = false;
  walkAst(fn.action, (key, n) => {
    if (!key.startsWith('PLpgSQL_stmt_') || CHECKING_KINDS.has(key)) return;
    const stmts = key === 'PLpgSQL_stmt_execsql' ? parsedKinds(queryOf(n.sqlstmt)) : undefined;
    if (stmts?.length === 1 && stmts[0] === 'plpgsql') makes = true;
    else if (stmts === undefined || !stmts.every((k) => k === 'SelectStmt')) other = true;
  });
  if (!makes || other) return undefined;
  return `DO block at ${where} only makes the extension plpgsql, which every database has: it makes no table and changes none, so every table keeps its rows; it is kept as written`;
}

/** The kinds of SQL text's statements (`plpgsql` for CREATE EXTENSION plpgsql); undefined when it does not parse. */
function parsedKinds(sql: string): string[] | undefined {
  try {
    const stmts = (parseSync(sql) as { stmts?: { stmt?: Json }[] }).stmts ?? [];
    return stmts.map((raw) => {
      const ext = raw.stmt?.CreateExtensionStmt as { extname?: string } | undefined;
      return ext?.extname === 'plpgsql' ? 'plpgsql' : (Object.keys(raw.stmt ?? {})[0] ?? '');
    });
  } catch {
    return undefined;
  }
}

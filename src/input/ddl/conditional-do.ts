/**
 * DO blocks that branch on what the database holds, as idempotent
 * migrations write them (Supabase storage):
 *
 *   DO $$ BEGIN
 *     IF EXISTS (SELECT 1 FROM information_schema.columns
 *                WHERE table_name = 'buckets' AND column_name = 'max_file_size_kb') THEN
 *       IF NOT EXISTS (... column_name = 'file_size_limit') THEN
 *         ALTER TABLE storage.buckets RENAME COLUMN max_file_size_kb TO file_size_limit;
 *       ELSE
 *         ALTER TABLE storage.buckets DROP COLUMN max_file_size_kb;
 *       END IF;
 *     END IF;
 *   END $$;
 *
 * The block is read with PostgreSQL's PL/pgSQL parser. Where every
 * condition asks whether a column, table, constraint or type exists
 * (information_schema.columns, .tables, .table_constraints, pg_type) and
 * every other statement is plain DDL, the conditions are evaluated on the
 * schema read so far, in order (a statement of the block counts for the
 * conditions after it), and the block is the statements of the branches
 * taken, read as if written plainly. Anything else (DECLARE, EXECUTE, RAISE,
 * loops, handlers, another condition) keeps the block opaque.
 */

import type { Node } from 'libpg-query';
import { formatLocation } from '../../errors.js';
import { stringsOf } from './ast.js';
import { walkAst } from './ast-walk.js';
import { type CatalogQuery, catalogQuery, catalogRows } from './catalog-loops.js';
import { codeValue, UNKNOWN } from './code-values.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { type Condition, conditionOf, holds } from './do-conditions.js';
import { constantLoop } from './do-loops.js';
import {
  declaredVariables,
  type Environment,
  type FormatExecute,
  formatExecute,
  formatText,
  intoTarget,
  type Variables,
  viewDefinitionQuery,
} from './do-variables.js';
import { constantExecute } from './dynamic-ddl.js';
import { doneAlready, GUARD_CONDITIONS, parsedStatements } from './guarded-do.js';
import { doBlockFunction, parseSync, selectedExpression } from './pg-parser.js';

type Json = Record<string, unknown>;

/** A step of the block: a statement, or a branch on a condition. */
type Step =
  | { readonly kind: 'statements'; readonly statements: SourceStatement[] }
  /** A nested `BEGIN … EXCEPTION WHEN duplicate_object THEN null; END`: each statement left out when done already. */
  | { readonly kind: 'guarded'; readonly statements: SourceStatement[] }
  /** `SELECT <condition> INTO v`, `SELECT view_definition FROM information_schema.views … INTO v` (do-variables.ts). */
  | { readonly kind: 'assign'; readonly name: string; readonly test: Condition }
  | { readonly kind: 'assign-view'; readonly name: string; readonly view: { schema?: string; name: string } }
  | { readonly kind: 'execute'; readonly format: FormatExecute }
  /** `EXECUTE <text built from constants and loop variables>` (`'CREATE TABLE z' || i || ' (...)'`). */
  | { readonly kind: 'expression'; readonly query: string }
  /** A loop over constants (do-loops.ts): its steps once per value of its variable. */
  | {
      readonly kind: 'loop';
      readonly variable: string;
      readonly values: readonly string[];
      readonly steps: Step[];
    }
  /** A loop over a catalog query's rows (catalog-loops.ts): its steps once per row, its record's fields set. */
  | { readonly kind: 'rows'; readonly record: string; readonly query: CatalogQuery; readonly steps: Step[] }
  | { readonly kind: 'if'; readonly branches: readonly { test: Condition | null; steps: Step[] }[] };

/** PL/pgSQL's ERROR elevel: a RAISE below it only says something. */
const ERROR_LEVEL = 21;

/**
 * Reads a branching block and hands the statements of the branches taken to
 * `handle`, in order; false (nothing handled) when the block is not one.
 */
export function readConditionalBlock(
  ctx: DdlContext,
  body: string,
  block: SourceStatement,
  handle: (statement: SourceStatement) => void,
): boolean {
  const loops = ctx.readsConstantLoops === true;
  if (!(loops ? /\b(?:IF|LOOP)\b/i : /\bIF\b/i).test(body)) return false;
  const fn = doBlockFunction(body);
  if (fn === null) return false;
  // Declared booleans and texts only (and loop counters), set and read as do-variables.ts reads them.
  const datums = (fn.datums as Json[] | undefined) ?? [];
  const declared = declaredVariables(datums, loops);
  if (declared === undefined) return false;
  // FOUND, as a PERFORM of a catalog query sets it (MapRoulette), where no SELECT ... INTO sets it too; read with
  // the AddGeometryColumn calls it guards (from version 22, or where the DDL is refused without: postgis-columns.ts).
  const geometryCalls = ctx.readsGeometryCalls === true;
  const found = geometryCalls && /\bPERFORM\b/i.test(body) && !/\bINTO\b/i.test(body);
  const vars: Variables = found ? new Map([...declared, ['found', 'boolean']]) : declared;
  const steps = blockSteps(fn.action, { block, vars, geometryCalls, loops, datums }, true);
  if (steps === undefined || !steps.some((s) => s.kind === 'if' || s.kind === 'loop' || s.kind === 'rows'))
    return false;
  run(ctx, steps, handle, { block, env: new Map() });
  return true;
}

/** What the steps of one block are read with: the block, and its variables. */
interface Reading {
  readonly block: SourceStatement;
  readonly vars: Variables;
  /** `PERFORM AddGeometryColumn(...)` read as the column it adds (postgis-columns.ts). */
  readonly geometryCalls: boolean;
  /** Loops over constants, EXECUTEs of text built from them and server-version tests read (from version 28). */
  readonly loops: boolean;
  readonly datums: readonly Json[];
}

function run(
  ctx: DdlContext,
  steps: readonly Step[],
  handle: (statement: SourceStatement) => void,
  state: { block: SourceStatement; env: Environment },
): void {
  for (const step of steps) {
    if (step.kind === 'statements') for (const s of step.statements) handle(s);
    else if (step.kind === 'guarded') {
      for (const s of step.statements) if (!doneAlready(ctx, s.node)) handle(s);
    } else if (step.kind === 'assign') state.env.set(step.name, holds(ctx, step.test, state.env));
    else if (step.kind === 'assign-view') state.env.set(step.name, viewDefinition(ctx, step.view));
    else if (step.kind === 'execute') runFormat(ctx, step.format, handle, state);
    else if (step.kind === 'expression') runExpression(ctx, step.query, handle, state);
    else if (step.kind === 'loop')
      for (const value of step.values) {
        state.env.set(step.variable, value);
        run(ctx, step.steps, handle, state);
      }
    else if (step.kind === 'rows')
      for (const row of catalogRows(ctx, step.query)) {
        for (const [field, value] of row) state.env.set(`${step.record}.${field}`, value);
        run(ctx, step.steps, handle, state);
      }
    else {
      const taken = step.branches.find((b) => b.test === null || holds(ctx, b.test, state.env));
      if (taken) run(ctx, taken.steps, handle, state);
    }
  }
}

/** `EXECUTE format(...)`: the statement it makes, read as written plainly; one it cannot make is told. */
function runFormat(
  ctx: DdlContext,
  format: FormatExecute,
  handle: (statement: SourceStatement) => void,
  state: { block: SourceStatement; env: Environment },
): void {
  const text = formatText(format, state.env);
  const statements = text === undefined ? undefined : parsedStatements(text, state.block, true);
  if (statements !== undefined) {
    for (const s of statements) handle(s);
    return;
  }
  ctx.warn(
    'DO_BLOCK',
    `DO block at ${formatLocation(state.block.location)}: its EXECUTE format('${format.template}', …) could not be read (an argument datagen does not know), so what it makes is not in the output; write it as plain DDL`,
    state.block.location,
  );
}

/** `EXECUTE <expression>`: the text it builds from constants and the loop's variables, read as written plainly. */
function runExpression(
  ctx: DdlContext,
  query: string,
  handle: (statement: SourceStatement) => void,
  state: { block: SourceStatement; env: Environment },
): void {
  const value = codeValue(selectedExpression(query), (name) => state.env.get(name.toLowerCase()) ?? UNKNOWN);
  const statements = typeof value === 'string' ? parsedStatements(value, state.block, true) : undefined;
  if (statements !== undefined) {
    for (const s of statements) handle(s);
    return;
  }
  ctx.warn(
    'DO_BLOCK',
    `DO block at ${formatLocation(state.block.location)}: its EXECUTE ${query.trim().slice(0, 60)} could not be read (a value datagen does not know), so what it makes is not in the output; write it as plain DDL`,
    state.block.location,
  );
}

/** A loop over constants, or an EXECUTE of text built from the block's variables: its step (null: neither). */
function loopStep(s: Json, reading: Reading): Step | null | undefined {
  const dyn = s.PLpgSQL_stmt_dynexecute as Json | undefined;
  if (dyn !== undefined) {
    if (dyn.into !== undefined || dyn.params !== undefined) return undefined;
    const query = String(((dyn.query as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? '');
    return readsOnly(selectedExpression(query), reading.vars) ? { kind: 'expression', query } : undefined;
  }
  if (!/^PLpgSQL_stmt_(?:foreach_a|fors|fori)$/.test(Object.keys(s)[0] ?? '')) return null;
  const rows = catalogLoop(s, reading);
  if (rows !== null) return rows;
  const loop = constantLoop(s, reading.datums);
  if (loop === undefined) return undefined;
  const vars = new Map([...reading.vars, [loop.variable, 'text' as const]]);
  const steps = stepsOf(loop.body, { ...reading, vars });
  return steps === undefined
    ? undefined
    : { kind: 'loop', variable: loop.variable, values: loop.values, steps };
}

/** `FOR r IN <catalog query> LOOP`: its step (undefined: a query not read; null: no loop over a record). */
function catalogLoop(s: Json, reading: Reading): Step | null | undefined {
  const fors = s.PLpgSQL_stmt_fors as Json | undefined;
  const record = ((fors?.var as Json | undefined)?.PLpgSQL_rec as Json | undefined)?.refname;
  if (fors === undefined || typeof record !== 'string') return null;
  const query = catalogQuery(
    String(((fors.query as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? ''),
  );
  if (query === undefined) return undefined;
  const name = record.toLowerCase();
  const fields = [...query.fields.keys()].map((f) => [`${name}.${f}`, 'text' as const] as const);
  const steps = stepsOf((fors.body as Json[] | undefined) ?? [], {
    ...reading,
    vars: new Map([...reading.vars, ...fields]),
  });
  return steps === undefined ? undefined : { kind: 'rows', record: name, query, steps };
}

/** Whether an expression names only the block's text variables (no column, no query). */
function readsOnly(node: Node | undefined, vars: Variables): boolean {
  if (node === undefined) return false;
  let only = true;
  walkAst(node, (key, n) => {
    if (key === 'SubLink') only = false;
    if (key === 'ColumnRef') {
      const fields = stringsOf((n.fields ?? []) as never[]);
      if (fields.length !== 1 || vars.get(fields[0]?.toLowerCase() ?? '') !== 'text') only = false;
    }
  });
  return only;
}

/** A view's SELECT as the DDL defined it (information_schema.views.view_definition). */
function viewDefinition(ctx: DdlContext, view: { schema?: string; name: string }): string | undefined {
  for (const [key, q] of ctx.builder.views) {
    if (q.name === view.name && (view.schema === undefined || q.schema === view.schema))
      return ctx.builder.viewQueries.get(key);
  }
  return undefined;
}

/** A `BEGIN ... END` block's steps; undefined when it holds anything else. */
function blockSteps(node: unknown, reading: Reading, outer: boolean): Step[] | undefined {
  const b = (node as Json | undefined)?.PLpgSQL_stmt_block as Json | undefined;
  if (!b) return undefined;
  const body = (b.body as Json[] | undefined) ?? [];
  // The parser ends the function's own block with an implicit RETURN (no line number).
  const last = body.at(-1)?.PLpgSQL_stmt_return as Json | undefined;
  const statements = outer && last !== undefined && last.lineno === undefined ? body.slice(0, -1) : body;
  const steps = stepsOf(statements, reading);
  if (b.exceptions === undefined || steps === undefined) return steps;
  // A nested block whose handlers only swallow "exists already" (Supabase's ADD VALUE): its plain statements.
  if (outer || !swallowsExisting(b.exceptions) || !steps.every((s) => s.kind === 'statements'))
    return undefined;
  return [
    { kind: 'guarded', statements: steps.flatMap((s) => (s.kind === 'statements' ? s.statements : [])) },
  ];
}

/** `EXCEPTION WHEN duplicate_object [OR …] THEN NULL;` only. */
function swallowsExisting(exceptions: unknown): boolean {
  const list = (((exceptions as Json).PLpgSQL_exception_block as Json | undefined)?.exc_list ?? []) as Json[];
  return (
    list.length > 0 &&
    list.every((e) => {
      const x = (e.PLpgSQL_exception ?? {}) as Json;
      const conditions = (x.conditions as Json[] | undefined) ?? [];
      const action = (x.action as unknown[] | undefined) ?? [];
      return (
        action.length === 0 &&
        conditions.length > 0 &&
        conditions.every((c) =>
          GUARD_CONDITIONS.has(String((c.PLpgSQL_condition as Json | undefined)?.condname ?? '')),
        )
      );
    })
  );
}

/** A statement that sets a variable (`SELECT … INTO v`), or undefined. */
function assignment(s: Json, query: string, reading: Reading): Step | undefined {
  const name = intoTarget(s, reading.vars);
  if (name === undefined) return undefined;
  if (reading.vars.get(name) === 'text') {
    const view = viewDefinitionQuery(query);
    return view === undefined ? undefined : { kind: 'assign-view', name, view };
  }
  const test = conditionOf(query.replace(/^\s*SELECT\b/i, ''), reading.vars);
  return test === undefined ? undefined : { kind: 'assign', name, test };
}

function stepsOf(statements: readonly Json[], reading: Reading): Step[] | undefined {
  const { block } = reading;
  const steps: Step[] = [];
  for (const s of statements) {
    const exec = s.PLpgSQL_stmt_execsql as Json | undefined;
    const sql = (exec?.sqlstmt as Json | undefined)?.PLpgSQL_expr as Json | undefined;
    if (exec?.into === true) {
      const step = assignment(exec, String(sql?.query ?? ''), reading);
      if (step === undefined) return undefined;
      steps.push(step);
      continue;
    }
    // EXECUTE of one string constant: that statement, as if written plainly.
    const executed = constantExecute(s);
    if (sql !== undefined || executed !== undefined) {
      const parsed = parsedStatements(executed ?? String(sql?.query ?? ''), block, true);
      if (parsed === undefined) return undefined;
      steps.push({ kind: 'statements', statements: parsed });
      continue;
    }
    const format = formatExecute(s, reading.vars);
    if (format !== undefined) {
      steps.push({ kind: 'execute', format });
      continue;
    }
    const loop = reading.loops ? loopStep(s, reading) : null;
    if (loop === undefined) return undefined;
    if (loop !== null) {
      steps.push(loop);
      continue;
    }
    if ('PLpgSQL_stmt_block' in s) {
      const inner = blockSteps(s, reading, false);
      if (inner === undefined) return undefined;
      steps.push(...inner);
      continue;
    }
    const perform = s.PLpgSQL_stmt_perform as Json | undefined;
    if (perform !== undefined) {
      const step = performStep(perform, reading);
      if (step === undefined) return undefined;
      steps.push(step);
      continue;
    }
    // RAISE NOTICE (or a lower level): says something, does nothing.
    const raise = s.PLpgSQL_stmt_raise as Json | undefined;
    if (raise !== undefined && typeof raise.elog_level === 'number' && raise.elog_level < ERROR_LEVEL)
      continue;
    const branch = s.PLpgSQL_stmt_if as Json | undefined;
    if (branch === undefined) return undefined;
    const branches: { test: Condition | null; steps: Step[] }[] = [];
    const arms: { cond: unknown; body: unknown }[] = [
      { cond: branch.cond, body: branch.then_body },
      ...((branch.elsif_list as Json[] | undefined) ?? []).map((e) => {
        const elsif = (e.PLpgSQL_if_elsif ?? {}) as Json;
        return { cond: elsif.cond, body: elsif.stmts };
      }),
    ];
    for (const arm of arms) {
      const query = ((arm.cond as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query;
      const test = typeof query === 'string' ? conditionOf(query, reading.vars, reading.loops) : undefined;
      const inner = stepsOf((arm.body as Json[] | undefined) ?? [], reading);
      if (test === undefined || inner === undefined) return undefined;
      branches.push({ test, steps: inner });
    }
    const otherwise = stepsOf((branch.else_body as Json[] | undefined) ?? [], reading);
    if (otherwise === undefined) return undefined;
    branches.push({ test: null, steps: otherwise });
    steps.push({ kind: 'if', branches });
  }
  return steps;
}

/**
 * `PERFORM <catalog query>`: FOUND set to whether it returns a row; `PERFORM AddGeometryColumn(...)`: that call,
 * read as the column it adds (where the run reads the calls). Undefined for any other PERFORM.
 */
function performStep(perform: Json, reading: Reading): Step | undefined {
  const query = String(((perform.expr as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query ?? '');
  if (reading.geometryCalls && /^\s*SELECT\s+(\w+\.)?addgeometrycolumn\s*\(/i.test(query)) {
    const call = parsedCall(query, reading.block);
    return call === undefined ? undefined : { kind: 'statements', statements: [call] };
  }
  if (reading.vars.get('found') !== 'boolean') return undefined;
  const test = conditionOf(`EXISTS (${query})`, reading.vars);
  return test === undefined ? undefined : { kind: 'assign', name: 'found', test };
}

/** One `SELECT f(...)` statement, at the block's place. */
function parsedCall(query: string, block: SourceStatement): SourceStatement | undefined {
  try {
    const stmts = (parseSync(query) as { stmts?: { stmt?: Node }[] }).stmts ?? [];
    const node = stmts.length === 1 ? stmts[0]?.stmt : undefined;
    return node === undefined
      ? undefined
      : { node, text: query.trim(), location: block.location, at: () => block.location };
  } catch {
    return undefined;
  }
}

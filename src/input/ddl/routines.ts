/**
 * Functions, procedures, aggregates and operators: the TOC tag pg_dump gives
 * them (`name(argument types)`, types as `format_type` prints them) and the
 * objects their definitions name.
 */

import type { CreateFunctionStmt, DefineStmt, Node, ObjectWithArgs, TypeName } from 'libpg-query';
import { formatTypeName } from '../../schema/format-type.js';
import type { ObjectRef, QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { stringsOf, walkAst } from './ast.js';
import { BUILTIN_FUNCTIONS } from './builtin-functions.js';
import { routineCode } from './call-ddl.js';
import { routineMadeRelations } from './code-made-relations.js';
import { type CodeSql, functionSql, withoutComments } from './code-sql.js';
import { addAsWritten, type DdlContext, type RoutineEffects, type SourceStatement } from './ddl-context.js';
import { madeRelations, madeSchemas } from './do-blocks.js';
import { dynamicDdlOf } from './dynamic-ddl.js';
import { functionBodyText, recordInlineBody } from './inline-functions.js';
import { noteDeclaredTypes } from './plpgsql-declared-types.js';
import { referencesIn } from './references.js';
import { reportRoutineDefinedTwice } from './routine-identities.js';
import { runTimeTableSchemas, stringConstantWords } from './run-time-relations.js';
import { objectKey } from './statement-list.js';
import { noteRoutineReturnType } from './trigger-definitions.js';
import { noteDefinedArity } from './undefined-functions.js';

/** Modes that make an argument part of the signature (OUT and TABLE columns are results). */
const INPUT_MODES = new Set([
  'FUNC_PARAM_IN',
  'FUNC_PARAM_INOUT',
  'FUNC_PARAM_VARIADIC',
  'FUNC_PARAM_DEFAULT',
]);

/** A type's name as format_type prints it (NONE when absent), as pg_dump's signatures and tags write it. */
export function typeText(ctx: DdlContext, type: TypeName | undefined): string {
  return type === undefined ? 'NONE' : formatTypeName(ctx.quietTypeRef(type).type);
}

/** `(integer, text)` from a parameter list (FunctionParameter nodes). */
export function signatureOf(ctx: DdlContext, parameters: readonly Node[] | undefined): string {
  const types = (parameters ?? []).flatMap((p) =>
    'FunctionParameter' in p && INPUT_MODES.has(p.FunctionParameter.mode ?? 'FUNC_PARAM_IN')
      ? [typeText(ctx, p.FunctionParameter.argType)]
      : [],
  );
  return `(${types.join(', ')})`;
}

/** The tag of the routine an `ObjectWithArgs` names (`f(integer)`), or its bare name when no arguments are given. */
export function routineTag(ctx: DdlContext, object: ObjectWithArgs, aggregate: boolean): ObjectRef {
  const names = stringsOf(object.objname);
  const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
  const name = names.at(-1) ?? '';
  if (object.args_unspecified === true) return { family: 'function', schema, name };
  const args = object.objargs ?? [];
  const types = args.flatMap((a) => ('TypeName' in a ? [typeText(ctx, a.TypeName)] : []));
  const list = aggregate && types.length === 0 ? '*' : types.join(', ');
  return { family: 'function', schema, name: `${name}(${list})` };
}

/** The operator an `ObjectWithArgs` names, and its signature `~<<(text, text)` (what COMMENT tags show). */
export function operatorTag(ctx: DdlContext, object: ObjectWithArgs): { ref: ObjectRef; signature: string } {
  const names = stringsOf(object.objname);
  const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
  const name = names.at(-1) ?? '';
  const args = (object.objargs ?? []).map((a) => ('TypeName' in a ? typeText(ctx, a.TypeName) : 'NONE'));
  return { ref: { family: 'operator', schema, name }, signature: `${name}(${args.join(', ')})` };
}

/**
 * `amount integer, factor numeric`: a routine's arguments as
 * pg_get_function_identity_arguments shows them, which pg_dump puts in the
 * tags of its COMMENT and ACL entries.
 */
function identityArguments(ctx: DdlContext, parameters: readonly Node[] | undefined): string {
  return (parameters ?? [])
    .flatMap((p) => {
      if (!('FunctionParameter' in p)) return [];
      const { mode = 'FUNC_PARAM_IN', name, argType } = p.FunctionParameter;
      if (!INPUT_MODES.has(mode)) return [];
      const prefix =
        mode === 'FUNC_PARAM_INOUT' ? 'INOUT ' : mode === 'FUNC_PARAM_VARIADIC' ? 'VARIADIC ' : '';
      return [`${prefix}${name === undefined ? '' : `${quoteIdent(name)} `}${typeText(ctx, argType)}`];
    })
    .join(', ');
}

/** `scaled(amount integer, factor numeric)` for a routine's tag `scaled(integer, numeric)`, once defined. */
export function routineDisplay(ctx: DdlContext, ref: ObjectRef): string {
  const paren = ref.name.indexOf('(');
  if (paren < 0) return quoteIdent(ref.name);
  const identity = ctx.routineIdentities.get(`${ref.schema}\u0000${ref.name}`);
  return `${quoteIdent(ref.name.slice(0, paren))}${identity === undefined ? ref.name.slice(paren) : `(${identity})`}`;
}

function add(ctx: DdlContext, stmt: SourceStatement, desc: string, ref: ObjectRef, bareName: string): void {
  addAsWritten(ctx, stmt, {
    desc,
    namespace: ref.schema,
    tag: ref.name,
    creates: objectKey('function', ref.schema ?? '', bareName),
    references: referencesIn(ctx, stmt.node),
  });
}

const WRITES =
  /\b(insert\s+into|update\s+[\w."]+\s+(as\s+)?[\w"]*\s*set|delete\s+from|merge\s+into|copy\s+[\w."]+\s+from)\b/i;
const CREATES =
  /\b(create|alter|drop)\s+(or\s+replace\s+)?(unique\s+)?(table|index|view|materialized|schema|type|domain|sequence|extension|function|procedure|trigger|policy|rule)\b|\bexecute\b/i;

/** A function call in code's text (`PERFORM auditor.create_auditor_seq(sch, tbl)`): the function's bare name. */
const CALLED = /(?:^|[^\w$."])(?:(?:"[^"]+"|[a-z_][\w$]*)\s*\.\s*)?("[^"]+"|[a-z_][\w$]*)\s*\(/gi;

/** A relation named after FROM or JOIN in code's text (`FROM db_version`, `join public."T" t`). */
const READ = /\b(?:from|join)\s+((?:"[^"]+"|[a-z_][\w$]*)(?:\s*\.\s*(?:"[^"]+"|[a-z_][\w$]*))?)/gi;

/**
 * What a body of procedural code (a DO block, a function's AS text) does: writes rows, or creates/changes objects;
 * read from the SQL it runs (code-sql.ts), or from its text as written before generator version 25.
 */
export function bodyEffects(code: CodeSql): RoutineEffects {
  const body = code.text;
  const creates = CREATES.test(body) || code.ddl;
  const runTimeSchemas = creates ? runTimeTableSchemas(body) : [];
  const calls = [...body.matchAll(CALLED)].map((m) => {
    const name = m[1] ?? '';
    return name.startsWith('"') ? name.slice(1, -1) : name.toLowerCase();
  });
  return {
    writes: WRITES.test(body),
    creates,
    made: creates ? madeRelations(body) : [],
    runTimeSchemas,
    runTimeWords: runTimeSchemas.length > 0 ? stringConstantWords(body) : [],
    calls: [...new Set(calls)],
    schemas: creates ? madeSchemas(body) : [],
    reads: [...new Set([...body.matchAll(READ)].map((m) => m[1] ?? ''))],
    bodies: [body],
  };
}

/** Words code writes before a parenthesis that are no function (`IF (`, `EXISTS (`, `WHERE (`). */
const NOT_CALLS = new Set(
  'if elsif when then else case and or not in exists any all some where on from select return raise array row values coalesce nullif greatest least cast'.split(
    ' ',
  ),
);

/**
 * Whether code only reads and reports (`IF NOT EXISTS (SELECT ... current_setting('tmp.srid')) THEN RAISE
 * EXCEPTION`, 3DCityDB's SRID check): it makes, changes and writes nothing and calls only built-in functions.
 */
export function onlyChecks(effects: RoutineEffects): boolean {
  return (
    !effects.creates &&
    !effects.writes &&
    effects.calls.every((name) => NOT_CALLS.has(name) || BUILTIN_FUNCTIONS.has(name))
  );
}

/**
 * The first table of the DDL that checking code reads (`SELECT db_version INTO STRICT version FROM db_version`,
 * graph-node's check_db_version()): where the output runs the code, before the data, it holds none of the rows
 * the check expects (the DDL's INSERTs are left out).
 */
export function tableChecked(ctx: DdlContext, effects: RoutineEffects): QualifiedName | undefined {
  if (!onlyChecks(effects)) return undefined;
  for (const written of effects.reads) {
    const parts = [...written.matchAll(/"((?:[^"]|"")*)"|([^\s."]+)/g)].map((m) =>
      m[1] !== undefined ? m[1].replaceAll('""', '"') : (m[2] ?? '').toLowerCase(),
    );
    const relname = parts.at(-1) ?? '';
    const q = ctx.resolveRelation(
      parts.length > 1 ? { schemaname: parts.at(-2) ?? '', relname } : { relname },
    );
    if (ctx.builder.tables.has(nameKey(q))) return q;
  }
  return undefined;
}

/** Two routines' (or overloads') effects together. */
function mergeEffects(a: RoutineEffects, b: RoutineEffects): RoutineEffects {
  return {
    writes: a.writes || b.writes,
    creates: a.creates || b.creates,
    made: [...a.made, ...b.made],
    runTimeSchemas: [...a.runTimeSchemas, ...b.runTimeSchemas],
    runTimeWords: [...a.runTimeWords, ...b.runTimeWords],
    calls: [...new Set([...a.calls, ...b.calls])],
    schemas: [...a.schemas, ...b.schemas],
    reads: [...new Set([...a.reads, ...b.reads])],
    bodies: [...new Set([...a.bodies, ...b.bodies])],
  };
}

/**
 * What code does with the routines it calls that the DDL defines, and those they call (Evergreen's
 * create_auditor() only PERFORMs create_auditor_history(), whose EXECUTE creates the table).
 */
export function withCalledRoutines(ctx: DdlContext, effects: RoutineEffects): RoutineEffects {
  let all = effects;
  const seen = new Set<string>();
  const queue = [...effects.calls];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    for (const [key, called] of ctx.routineEffects) {
      if (!key.endsWith(`\u0000${name}`)) continue;
      all = mergeEffects(all, called);
      queue.push(...called.calls);
    }
  }
  return all;
}

/** Statement kinds in a SQL-standard body that write rows (a data-modifying WITH included). */
const WRITE_STATEMENTS = new Set(['InsertStmt', 'UpdateStmt', 'DeleteStmt', 'MergeStmt', 'CopyStmt']);

/** What a `BEGIN ATOMIC` body does, read from its parsed statements (a string constant holding 'insert into' is not a write). */
function atomicEffects(body: unknown): RoutineEffects {
  let writes = false;
  let creates = false;
  walkAst(body, (key) => {
    if (WRITE_STATEMENTS.has(key)) writes = true;
    else if (/^(Create|Alter|Drop|Define|Index|View|Rule)\w*Stmt$/.test(key)) creates = true;
  });
  return { ...NO_EFFECTS, writes, creates };
}

/** A routine that does nothing datagen reads: no writes, nothing made, called or read. */
export const NO_EFFECTS: RoutineEffects = {
  writes: false,
  creates: false,
  made: [],
  runTimeSchemas: [],
  runTimeWords: [],
  calls: [],
  schemas: [],
  reads: [],
  bodies: [],
};

/**
 * What a routine's body does: an `AS $$ ... $$` text read for statements, a `BEGIN ATOMIC` body by its statement
 * kinds; the relations it makes read from its statements with the parser where it can (code-made-relations.ts).
 */
function routineBodyEffects(
  ctx: DdlContext,
  node: CreateFunctionStmt,
  statementText: string,
): RoutineEffects {
  const text = functionBodyText(node) ?? '';
  const read = bodyEffects(
    ctx.readsCodeSql === true ? routineSql(node, statementText, text) : { text, ddl: false },
  );
  const made =
    read.creates || node.sql_body !== undefined ? routineMadeRelations(node, statementText) : undefined;
  const written = made === undefined ? read : { ...read, made };
  return node.sql_body === undefined ? written : mergeEffects(atomicEffects(node.sql_body), written);
}

/** The SQL a routine's body runs: a plpgsql body's statements (code-sql.ts), another's text without comments. */
function routineSql(node: CreateFunctionStmt, statementText: string, body: string): CodeSql {
  const code = routineCode(node, statementText);
  return code === undefined ? { text: withoutComments(body), ddl: false } : functionSql(code.fn);
}

/** CREATE FUNCTION / PROCEDURE. */
export function createFunction(ctx: DdlContext, stmt: SourceStatement, node: CreateFunctionStmt): void {
  const names = stringsOf(node.funcname);
  const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
  const name = names.at(-1) ?? '';
  const desc = node.is_procedure === true ? 'PROCEDURE' : 'FUNCTION';
  const tag = name + signatureOf(ctx, node.parameters);
  ctx.routineIdentities.set(`${schema}\u0000${tag}`, identityArguments(ctx, node.parameters));
  reportRoutineDefinedTwice(ctx, stmt, `${schema}\u0000${tag}`, node);
  noteRoutineReturnType(ctx, `${schema}\u0000${tag}`, node);
  if (node.is_procedure !== true) noteDefinedArity(ctx.calledFunctions, name, node.parameters ?? []);
  recordInlineBody(ctx.inlineBodies, name, node, schema, signatureOf(ctx, node.parameters));
  noteDeclaredTypes(ctx, node, name);
  const body = routineBodyEffects(ctx, node, stmt.text);
  const dynamic = dynamicDdlOf(node, stmt.text, body.creates);
  if (dynamic === undefined) ctx.dynamicDdl.delete(`${schema}\u0000${name}`);
  else ctx.dynamicDdl.set(`${schema}\u0000${name}`, dynamic);
  const seen = ctx.routineEffects.get(`${schema}\u0000${name}`);
  ctx.routineEffects.set(`${schema}\u0000${name}`, seen === undefined ? body : mergeEffects(seen, body));
  add(ctx, stmt, desc, { family: 'function', schema, name: tag }, name);
}

/** CREATE AGGREGATE, new style `name(types)` or old style `(BASETYPE = type)`; `name(*)` for no arguments. */
export function createAggregate(ctx: DdlContext, stmt: SourceStatement, node: DefineStmt): void {
  const names = stringsOf(node.defnames);
  const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
  const name = names.at(-1) ?? '';
  noteDefinedArity(ctx.calledFunctions, name, undefined);
  let types: string[] = [];
  const list = node.args?.[0];
  if (list !== undefined && 'List' in list) {
    types = (list.List.items ?? []).flatMap((p) =>
      'FunctionParameter' in p ? [typeText(ctx, p.FunctionParameter.argType)] : [],
    );
  } else if (node.oldstyle === true) {
    const base = definitionType(node, 'basetype');
    if (base !== undefined && stringsOf(base.names).at(-1) !== 'any') types = [typeText(ctx, base)];
  }
  const tag = `${name}(${types.length === 0 ? '*' : types.join(', ')})`;
  add(ctx, stmt, 'AGGREGATE', { family: 'function', schema, name: tag }, name);
}

/** CREATE OPERATOR: an OPERATOR entry tagged `name(left type, right type)` (NONE for a prefix operator). */
export function createOperator(ctx: DdlContext, stmt: SourceStatement, node: DefineStmt): void {
  const names = stringsOf(node.defnames);
  const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
  const name = names.at(-1) ?? '';
  ctx.userOperators.add(name);
  const left = typeText(ctx, definitionType(node, 'leftarg'));
  const right = typeText(ctx, definitionType(node, 'rightarg'));
  addAsWritten(ctx, stmt, {
    desc: 'OPERATOR',
    namespace: schema,
    tag: name,
    arguments: `(${left}, ${right})`,
    references: referencesIn(ctx, stmt.node),
    creates: operatorKey(schema, name, left, right),
  });
}

/** The statement-list key of operator `name(left, right)` (an `ALTER OPERATOR ... OWNER TO` folds its owner into it). */
export function operatorKey(schema: string, name: string, left: string, right: string): string {
  return objectKey('other', schema, `OPERATOR ${name}(${left}, ${right})`);
}

function definitionType(node: DefineStmt, option: string): TypeName | undefined {
  for (const d of node.definition ?? []) {
    if (
      'DefElem' in d &&
      d.DefElem.defname === option &&
      d.DefElem.arg !== undefined &&
      'TypeName' in d.DefElem.arg
    )
      return d.DefElem.arg.TypeName;
  }
  return undefined;
}

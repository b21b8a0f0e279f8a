/**
 * The set of routine identities (`schema NUL name(argument types)`, ctx.liveRoutines) kept right
 * through the DDL: a CREATE FUNCTION or PROCEDURE without OR REPLACE of one defined already, or an
 * `ALTER FUNCTION ... RENAME TO` onto one, is a located problem, as PostgreSQL refuses it (`function "f"
 * already exists with same argument types`); a DROP takes identities out, a RENAME or SET SCHEMA moves
 * them. Not judged once code the DDL runs as it loads (a kept DO block, a kept call of a routine that runs
 * DDL) may make or drop routines unseen; a routine that could, never called, does not count.
 */
import type { CreateFunctionStmt, Node, ObjectWithArgs } from 'libpg-query';
import { quoteIdent } from '../../schema/quote.js';
import { BUILTIN_FUNCTIONS } from './builtin-functions.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { extensionOrCodeMayMake } from './drop-existence.js';
import { routineTag } from './routines.js';

/** The identity keys an `ObjectWithArgs` names (every overload when its arguments are not given). */
function namedKeys(ctx: DdlContext, object: ObjectWithArgs): string[] {
  const ref = routineTag(ctx, object, false);
  const qualified = (object.objname ?? []).length >= 2;
  const schemas = qualified ? [ref.schema ?? ''] : [...new Set([...ctx.searchPath, ctx.creationSchema()])];
  const keys = [...ctx.liveRoutines.keys()];
  for (const schema of schemas) {
    const found = keys.filter((k) =>
      object.args_unspecified === true
        ? k.startsWith(`${schema}\u0000${ref.name}(`)
        : k === `${schema}\u0000${ref.name}`,
    );
    if (found.length > 0) return found;
  }
  return [];
}

/** Whether a routine is surely refused in an index or generated column: not IMMUTABLE, and not SQL (inlined). */
function mutable(node: CreateFunctionStmt): boolean {
  const option = (name: string) =>
    (node.options ?? []).flatMap((o) =>
      'DefElem' in o && o.DefElem.defname === name && o.DefElem.arg !== undefined && 'String' in o.DefElem.arg
        ? [o.DefElem.arg.String.sval ?? '']
        : [],
    )[0];
  const language = option('language')?.toLowerCase() ?? 'sql';
  return (
    node.is_procedure !== true && language !== 'sql' && (option('volatility') ?? 'volatile') !== 'immutable'
  );
}

/**
 * Whether every routine of bare name `name` defined so far is refused in an index or generated column (none
 * IMMUTABLE or SQL), and there is one.
 */
export function surelyMutable(ctx: Pick<DdlContext, 'liveRoutines'>, name: string): boolean {
  let found = false;
  for (const [key, refused] of ctx.liveRoutines) {
    const tag = key.slice(key.indexOf('\u0000') + 1);
    if (!tag.startsWith(`${name}(`)) continue;
    if (!refused) return false;
    found = true;
  }
  return found;
}

/** `schema NUL name(types)` as `schema.name(types)` for messages. */
function shown(key: string): string {
  const [schema = '', tag = ''] = key.split('\u0000');
  const paren = tag.indexOf('(');
  return `${quoteIdent(schema)}.${quoteIdent(tag.slice(0, paren))}${tag.slice(paren)}`;
}

/** A CREATE FUNCTION / PROCEDURE of `key`, noted; without OR REPLACE, of one defined already: a located problem. */
export function reportRoutineDefinedTwice(
  ctx: DdlContext,
  stmt: SourceStatement,
  key: string,
  node: CreateFunctionStmt,
): void {
  const defined = ctx.liveRoutines.has(key);
  ctx.liveRoutines.set(key, mutable(node));
  const replace = node.replace === true;
  if (replace || ctx.calledFunctions.codeMayCreate || !defined) return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `CREATE FUNCTION ${shown(key)}: a routine of that name and argument types is defined earlier in the DDL, so PostgreSQL refuses this one ("already exists with same argument types"); write CREATE OR REPLACE FUNCTION, or drop the first`,
  });
}

/** A DROP FUNCTION / PROCEDURE / ROUTINE of `object`: its identities are free again. */
export function forgetRoutineIdentities(ctx: DdlContext, object: ObjectWithArgs): void {
  for (const key of namedKeys(ctx, object)) ctx.liveRoutines.delete(key);
}

/** Move the identities `object` names to `schema` and `name` (RENAME TO, SET SCHEMA); refused onto a defined one. */
export function moveRoutineIdentities(
  ctx: DdlContext,
  stmt: SourceStatement,
  object: Node,
  to: { readonly schema?: string; readonly name?: string },
): void {
  if (!('ObjectWithArgs' in object)) return;
  for (const key of namedKeys(ctx, object.ObjectWithArgs)) {
    const [schema = '', tag = ''] = key.split('\u0000');
    const paren = tag.indexOf('(');
    const moved = `${to.schema ?? schema}\u0000${to.name ?? tag.slice(0, paren)}${tag.slice(paren)}`;
    const refused = ctx.liveRoutines.get(key) ?? false;
    ctx.liveRoutines.delete(key);
    if (ctx.liveRoutines.has(moved) && !ctx.calledFunctions.codeMayCreate) {
      ctx.builder.problems.push({
        location: stmt.location,
        message: `ALTER FUNCTION ${shown(key)}: ${shown(moved)} is defined earlier in the DDL, so PostgreSQL refuses to make this one it ("function ... already exists in schema"); drop that one first, or choose another name`,
      });
    }
    ctx.liveRoutines.set(moved, refused);
  }
}

/** DROP SCHEMA ... CASCADE: the routines in it go. */
export function forgetSchemaRoutines(ctx: DdlContext, schema: string): void {
  for (const key of [...ctx.liveRoutines.keys()])
    if (key.startsWith(`${schema}\u0000`)) ctx.liveRoutines.delete(key);
}

/**
 * `ALTER FUNCTION f(types) OWNER TO ...` naming argument types no routine f the DDL defines takes (pg_dump's
 * line after a function whose signature was edited): a located problem, as PostgreSQL refuses it (`function
 * f(integer) does not exist`). Only where the DDL defines f in that schema and nothing else may make routines.
 */
export function reportRoutineNotDefined(
  ctx: DdlContext,
  stmt: SourceStatement,
  objectType: string,
  object: Node | undefined,
): void {
  if (objectType !== 'OBJECT_FUNCTION' && objectType !== 'OBJECT_PROCEDURE') return;
  if (
    object === undefined ||
    !('ObjectWithArgs' in object) ||
    object.ObjectWithArgs.args_unspecified === true
  )
    return;
  if (extensionOrCodeMayMake(ctx) || namedKeys(ctx, object.ObjectWithArgs).length > 0) return;
  const ref = routineTag(ctx, object.ObjectWithArgs, false);
  const bare = ref.name.slice(0, ref.name.indexOf('('));
  const schema = ref.schema ?? '';
  const defined = [...ctx.liveRoutines.keys()].filter((k) => k.startsWith(`${schema}\u0000${bare}(`));
  // Never made: only where nothing but the DDL makes routines there (not a built-in one).
  const own = schema === 'public' || ctx.builder.namespaces.includes(schema);
  if (defined.length === 0 && (!own || BUILTIN_FUNCTIONS.has(bare))) return;
  const why =
    defined.length === 0
      ? 'no routine of that name is created earlier in the DDL'
      : `no routine of that name takes these argument types (the DDL defines ${defined.map(shown).join(', ')})`;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `ALTER ${objectType === 'OBJECT_PROCEDURE' ? 'PROCEDURE' : 'FUNCTION'} ${shown(`${schema}\u0000${ref.name}`)}: ${why}, so PostgreSQL refuses it ("does not exist"); write the argument types of its CREATE, or remove the statement`,
  });
}

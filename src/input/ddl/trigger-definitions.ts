/**
 * Triggers PostgreSQL refuses to create: one whose function (one the DDL
 * defines, without arguments) does not return `trigger`, an event trigger's
 * not returning `event_trigger`; INSTEAD OF on a table, or not FOR EACH ROW,
 * or with a column list; a row-level BEFORE or AFTER trigger, or a TRUNCATE
 * one, on a view; any trigger on a materialized view. The server refuses the
 * statement; datagen wrote it back and the output stopped loading there.
 * Not judged once code the DDL runs may make or replace routines unseen.
 */
import type { CreateFunctionStmt, CreateTrigStmt } from 'libpg-query';
import { formatTypeName } from '../../schema/format-type.js';
import { displayName, nameKey } from '../../schema/names.js';
import { stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

/** The return type's name of each routine identity the DDL defines, by liveRoutines map. */
const returnTypes = new WeakMap<object, Map<string, string>>();

/** A CREATE FUNCTION of identity `key`: its return type noted (the last one wins, as OR REPLACE does). */
export function noteRoutineReturnType(
  ctx: Pick<DdlContext, 'liveRoutines'>,
  key: string,
  node: CreateFunctionStmt,
): void {
  const types = returnTypes.get(ctx.liveRoutines) ?? new Map<string, string>();
  returnTypes.set(ctx.liveRoutines, types);
  const returned = stringsOf(node.returnType?.names).at(-1);
  if (
    returned === undefined ||
    node.returnType?.setof === true ||
    (node.returnType?.arrayBounds ?? []).length > 0
  )
    types.delete(key);
  else types.set(key, returned);
}

/** The return type of the argument-less routine `funcname` names, when the DDL defines it and nothing may change it. */
function returnTypeOf(ctx: DdlContext, funcname: CreateTrigStmt['funcname']): string | undefined {
  if (ctx.calledFunctions.codeMayCreate) return undefined;
  const names = stringsOf(funcname);
  const name = names.at(-1) ?? '';
  const schemas = names.length >= 2 ? [names.at(-2) ?? ''] : [...ctx.searchPath, ctx.creationSchema()];
  for (const schema of schemas) {
    const key = `${schema}\u0000${name}()`;
    if (!ctx.liveRoutines.has(key)) continue;
    return returnTypes.get(ctx.liveRoutines)?.get(key);
  }
  return undefined;
}

const ROW_TIMING = { BEFORE: 2, INSTEAD: 64, TRUNCATE: 32 } as const;

/** Why the server refuses trigger `t` on its relation, or undefined. */
function refusal(ctx: DdlContext, t: CreateTrigStmt): string | undefined {
  const q = ctx.resolveRelation(t.relation ?? {});
  const key = nameKey(q);
  const instead = ((t.timing ?? 0) & ROW_TIMING.INSTEAD) !== 0;
  const onTable = ctx.builder.tables.has(key);
  const matview = ctx.out.some(
    (s) => s.desc === 'MATERIALIZED VIEW' && nameKey({ schema: s.namespace ?? '', name: s.tag }) === key,
  );
  if (matview) return `relation "${q.name}" cannot have triggers`;
  if (instead && onTable)
    return `"${q.name}" is a table (tables cannot have INSTEAD OF triggers); make it BEFORE or AFTER`;
  const onView = !onTable && ctx.builder.views.has(key) && !ctx.builder.tablesAs.has(key);
  if (onView && !instead && (t.row === true || ((t.events ?? 0) & ROW_TIMING.TRUNCATE) !== 0))
    return `"${q.name}" is a view (views cannot have row-level BEFORE or AFTER triggers, nor TRUNCATE triggers); make it INSTEAD OF ... FOR EACH ROW`;
  if (instead && t.row !== true) return 'INSTEAD OF triggers must be FOR EACH ROW';
  if (instead && (t.columns ?? []).length > 0) return 'INSTEAD OF triggers cannot have column lists';
  const returned = returnTypeOf(ctx, t.funcname);
  if (returned !== undefined && returned !== 'trigger')
    return `function ${stringsOf(t.funcname).join('.')} must return type trigger (it returns ${formatTypeName({ schema: 'pg_catalog', name: returned, arrayDims: 0 })}); declare it RETURNS trigger`;
  return undefined;
}

/** A CREATE TRIGGER the server refuses: a located problem. */
export function reportRefusedTrigger(ctx: DdlContext, stmt: SourceStatement, t: CreateTrigStmt): void {
  const why = refusal(ctx, t);
  if (why === undefined) return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `trigger ${t.trigname ?? ''} on ${displayName(ctx.resolveRelation(t.relation ?? {}))}: PostgreSQL refuses it (${why})`,
  });
}

/** A CREATE EVENT TRIGGER whose function does not return event_trigger: a located problem. */
export function reportRefusedEventTrigger(
  ctx: DdlContext,
  stmt: SourceStatement,
  trigname: string,
  funcname: CreateTrigStmt['funcname'],
): void {
  const returned = returnTypeOf(ctx, funcname);
  if (returned === undefined || returned === 'event_trigger') return;
  ctx.builder.problems.push({
    location: stmt.location,
    message: `event trigger ${trigname}: PostgreSQL refuses it (function ${stringsOf(funcname).join('.')} must return type event_trigger; it returns ${formatTypeName({ schema: 'pg_catalog', name: returned, arrayDims: 0 })}); declare it RETURNS event_trigger`,
  });
}

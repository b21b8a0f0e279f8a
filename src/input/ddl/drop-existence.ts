/**
 * Whether the object a DROP names exists in the DDL read so far: made by an
 * earlier statement (`exists`), surely not (`absent`: a `DROP ... IF EXISTS`
 * of it is a no-op on the empty target), or not for the model to say
 * (`unknown`: an extension's or a kept DO block's objects). dropped-objects.ts
 * decides from it whether a DROP is written.
 */
import type { Node } from 'libpg-query';
import type { QualifiedName } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { listItems, stringOf, stringsOf } from './ast.js';
import { BUILTIN_FUNCTIONS } from './builtin-functions.js';
import type { DdlContext } from './ddl-context.js';
import { objectKey } from './statement-list.js';

/** The relation a DROP names, as a RangeVar's parts. */
export function relationName(object: Node): { schemaname?: string; relname: string } {
  const parts = stringsOf(listItems(object));
  return {
    relname: parts.at(-1) ?? '',
    ...(parts.length >= 2 ? { schemaname: parts.at(-2) ?? '' } : {}),
  };
}

/** Kinds whose every object the model sees (an extension can make types and functions). */
const SURELY_KNOWN = new Set([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_SEQUENCE',
  'OBJECT_INDEX',
  'OBJECT_SCHEMA',
]);

export type Existence = 'exists' | 'absent' | 'unknown';

/** An index, sequence or view the DDL does not make itself but a kept DO block may (by name in its text). */
export function madeByDo(ctx: DdlContext, removeType: string, object: Node): boolean {
  if (!['OBJECT_INDEX', 'OBJECT_SEQUENCE', 'OBJECT_VIEW', 'OBJECT_MATVIEW'].includes(removeType))
    return false;
  const name = relationName(object).relname;
  return name !== '' && ctx.madeByDo.has(name) && existence(ctx, removeType, object) === 'absent';
}

/** Statements' desc of the objects made on a table (post-data), by DROP's object type. */
export const POST_DATA_ON_TABLE: Readonly<Record<string, string>> = {
  OBJECT_TRIGGER: 'TRIGGER',
  OBJECT_POLICY: 'POLICY',
  OBJECT_RULE: 'RULE',
};

/**
 * A trigger, policy or rule on a table the DDL makes: made by an earlier CREATE (its post-data statement, tagged
 * `table name`), else absent, unless code the DDL runs (a kept DO block, a routine that creates) may make it.
 */
function onRelation(ctx: DdlContext, removeType: string, schema: string, tag: string): Existence {
  const desc = POST_DATA_ON_TABLE[removeType];
  if (ctx.out.some((s) => s.desc === desc && s.namespace === schema && s.tag === tag)) return 'exists';
  return codeMayMake(ctx) ? 'unknown' : 'absent';
}

/** Whether code the DDL runs (a kept DO block, a routine that creates) may make objects the model does not see. */
function codeMayMake(ctx: DdlContext): boolean {
  return ctx.calledFunctions.codeMayCreate || [...ctx.routineEffects.values()].some((e) => e.creates);
}

/** As codeMayMake, or an extension created so far (other than plpgsql) may have made it (a function, a type). */
export function extensionOrCodeMayMake(ctx: DdlContext): boolean {
  return codeMayMake(ctx) || ctx.builder.extensions.some((e) => e.name !== 'plpgsql');
}

/** The table a DROP TRIGGER, POLICY or RULE names; null for other DROPs. */
export function onTable(ctx: DdlContext, removeType: string, object: Node): QualifiedName | null {
  if (POST_DATA_ON_TABLE[removeType] === undefined) return null;
  const parts = stringsOf(listItems(object));
  return ctx.resolveRelation({
    relname: parts.at(-2) ?? '',
    ...(parts.length >= 3 ? { schemaname: parts.at(-3) ?? '' } : {}),
  });
}

/**
 * A routine, type or domain in public or a schema the DDL makes, not built in: where no extension and no code
 * the DDL runs may make one, the DDL shows them all.
 */
function madeOnlyByDdl(ctx: DdlContext, removeType: string, object: Node): boolean {
  if (extensionOrCodeMayMake(ctx)) return false;
  const inOwnSchema = (schema: string) => schema === 'public' || ctx.builder.namespaces.includes(schema);
  if (ROUTINE_KINDS.has(removeType) && 'ObjectWithArgs' in object) {
    const names = stringsOf(object.ObjectWithArgs.objname);
    const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
    return inOwnSchema(schema) && !BUILTIN_FUNCTIONS.has(names.at(-1) ?? '');
  }
  if (removeType !== 'OBJECT_TYPE' && removeType !== 'OBJECT_DOMAIN') return false;
  const q = ctx.typeName('TypeName' in object ? object.TypeName.names : listItems(object));
  return q.schema !== 'pg_catalog' && inOwnSchema(q.schema);
}

const ROUTINE_KINDS = new Set(['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_ROUTINE']);

/** Whether the DDL shows every object of the kind a DROP names (an absent one: PostgreSQL refuses the DROP). */
export function surelyKnown(ctx: DdlContext, removeType: string, object: Node): boolean {
  if (SURELY_KNOWN.has(removeType) || madeOnlyByDdl(ctx, removeType, object)) return true;
  // On a table the DDL makes (one it does not make is judged where the statement names it).
  const q = onTable(ctx, removeType, object);
  return q !== null && (ctx.builder.tables.has(nameKey(q)) || ctx.builder.views.has(nameKey(q)));
}

/** Whether the object a DROP names was made earlier in the DDL. */
export function existence(ctx: DdlContext, removeType: string, object: Node): Existence {
  const b = ctx.builder;
  switch (removeType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_FOREIGN_TABLE': {
      const q = ctx.resolveRelation(relationName(object));
      return b.tables.has(nameKey(q)) || ctx.out.has(objectKey('relation', q.schema, q.name))
        ? 'exists'
        : 'absent';
    }
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_SEQUENCE':
    case 'OBJECT_INDEX': {
      const q = ctx.resolveRelation(relationName(object));
      // A serial column added by ALTER TABLE makes its sequence with no statement of its own.
      return ctx.out.has(objectKey('relation', q.schema, q.name)) ||
        b.indexes.has(nameKey(q)) ||
        (removeType === 'OBJECT_SEQUENCE' && b.sequences.has(nameKey(q)))
        ? 'exists'
        : 'absent';
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const q = ctx.typeName('TypeName' in object ? object.TypeName.names : listItems(object));
      return b.types.has(nameKey(q)) || ctx.out.has(objectKey('type', q.schema, q.name))
        ? 'exists'
        : 'absent';
    }
    case 'OBJECT_SCHEMA':
      return b.namespaces.includes(stringOf(object) ?? '') ? 'exists' : 'absent';
    case 'OBJECT_EXTENSION':
      return b.extensions.some((e) => e.name === stringOf(object)) ? 'exists' : 'absent';
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_AGGREGATE':
    case 'OBJECT_ROUTINE': {
      const names = 'ObjectWithArgs' in object ? stringsOf(object.ObjectWithArgs.objname) : [];
      const schemas = names.length >= 2 ? [names.at(-2) ?? ''] : [ctx.creationSchema(), ...ctx.searchPath];
      return schemas.some((s) => ctx.out.has(objectKey('function', s, names.at(-1) ?? '')))
        ? 'exists'
        : 'absent';
    }
    case 'OBJECT_TRIGGER':
    case 'OBJECT_POLICY':
    case 'OBJECT_RULE': {
      // [schema?, table, name]: absent when its table is.
      const q = onTable(ctx, removeType, object) ?? { schema: '', name: '' };
      if (!b.tables.has(nameKey(q)) && !b.views.has(nameKey(q))) return 'absent';
      return onRelation(ctx, removeType, q.schema, `${q.name} ${stringsOf(listItems(object)).at(-1) ?? ''}`);
    }
    default:
      return 'unknown';
  }
}

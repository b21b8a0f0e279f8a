/**
 * The objects a statement names, read from its parse tree: relations
 * (RangeVar), user types (TypeName), functions (calls, trigger functions,
 * the support functions of operators and aggregates) and the sequences of
 * `nextval` defaults. An archive makes the statement's entry depend on those
 * of them it holds, as pg_dump's dependencies (from pg_depend) do.
 */
import type { Node } from 'libpg-query';
import type { ObjectRef } from '../../schema/model.js';
import { stringsOf } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { EXTENSION_TYPES } from './extension-types.js';

/** DefElem options whose value names a function (CREATE OPERATOR / AGGREGATE write them as TypeName). */
const FUNCTION_OPTIONS = new Set([
  'function',
  'procedure',
  'sfunc',
  'finalfunc',
  'combinefunc',
  'serialfunc',
  'deserialfunc',
  'msfunc',
  'minvfunc',
  'mfinalfunc',
  'restrict',
  'join',
]);

/** Fields that hold a bare TypeName (not wrapped in `{ TypeName: … }`). */
const TYPE_FIELDS = new Set(['typeName', 'argType', 'returnType', 'ofTypename']);

type Tree = Record<string, unknown>;

function functionRefs(ctx: DdlContext, names: readonly string[]): ObjectRef[] {
  const name = names.at(-1) ?? '';
  if (names.length >= 2) return [{ family: 'function', schema: names.at(-2) ?? '', name }];
  return ctx.searchPath
    .filter((s) => s !== 'pg_catalog' && s !== '$user')
    .map((schema) => ({ family: 'function', schema, name }));
}

/**
 * Every object the subtree names, deduplicated, in the order first met.
 *
 * @example
 * referencesIn(ctx, parse('CREATE VIEW v AS SELECT f(x) FROM shop.t').node)
 * // [{ family: 'relation', schema: 'public', name: 'v' }, { family: 'function', schema: 'public', name: 'f' },
 * //  { family: 'relation', schema: 'shop', name: 't' }]
 */
export function referencesIn(ctx: DdlContext, root: Node | undefined): ObjectRef[] {
  const out = new Map<string, ObjectRef>();
  const add = (ref: ObjectRef) => out.set(`${ref.family}\u0000${ref.schema}\u0000${ref.name}`, ref);
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Tree;
    if ('RangeVar' in node) {
      const q = ctx.resolveRelation(node.RangeVar as { schemaname?: string; relname?: string });
      add({ family: 'relation', schema: q.schema, name: q.name });
    } else if ('TypeName' in node) {
      addType(node.TypeName);
    } else if ('FuncCall' in node) {
      const call = node.FuncCall as { funcname?: Node[] };
      const sequence = ctx.nextvalSequence(node as Node);
      if (sequence !== null) add({ family: 'relation', schema: sequence.schema, name: sequence.name });
      else for (const ref of functionRefs(ctx, stringsOf(call.funcname))) add(ref);
    } else if ('CreateTrigStmt' in node) {
      const trig = node.CreateTrigStmt as { funcname?: Node[] };
      for (const ref of functionRefs(ctx, stringsOf(trig.funcname))) add(ref);
    } else if ('DefElem' in node) {
      const def = node.DefElem as { defname?: string; arg?: Node };
      if (FUNCTION_OPTIONS.has(def.defname ?? '') && def.arg !== undefined && 'TypeName' in def.arg) {
        for (const ref of functionRefs(ctx, stringsOf(def.arg.TypeName.names))) add(ref);
        return;
      }
    }
    for (const [key, v] of Object.entries(node)) {
      if (TYPE_FIELDS.has(key) && typeof v === 'object' && v !== null && 'names' in v) addType(v);
      visit(v);
    }
  };
  const addType = (typeName: unknown): void => {
    const type = ctx.quietTypeRef(typeName as Parameters<DdlContext['quietTypeRef']>[0]).type;
    if (type.schema === 'pg_catalog') return;
    add({ family: 'type', schema: type.schema, name: type.name });
    // A type an extension made: the entry is the extension's.
    const extension = EXTENSION_TYPES[type.name];
    if (extension !== undefined && ctx.builder.extensions.some((e) => e.name === extension))
      add({ family: 'extension', schema: null, name: extension });
  };
  visit(root);
  return [...out.values()];
}

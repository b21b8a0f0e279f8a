/**
 * Types nothing defines, anywhere a statement the output keeps names one: a
 * column, a routine's arguments and result (`RETURNS SETOF nosuch`), a
 * cast, a domain's base, a composite's attribute, an aggregate's state, an
 * operator's arguments, a range's subtype, a sequence's `AS`, a `::` cast
 * in an expression, `ALTER FUNCTION f(nosuch)`. PostgreSQL refuses the
 * statement (`type "nosuch" does not exist`), so datagen, which writes it
 * back, would write output that stops loading there. Noted as statements are
 * read, judged once all are read (a type the DDL defines anywhere counts),
 * with undefined-functions.ts' rule: refused where sure; where an extension
 * other than plpgsql (created or only used) or code the DDL runs may make
 * it, warned (UNKNOWN_TYPE, what the target database must provide). A type in
 * a schema the DDL never creates is external-references.ts' to list.
 */
import type { Node } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import { nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { nodeTag, stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { EXTENSION_TYPES, undeclaredTypeMessage } from './extension-types.js';
import type { SchemaBuilder } from './schema-builder.js';
import { objectKey, type StatementList } from './statement-list.js';

/**
 * pg_catalog's types in PostgreSQL 12-18 (not relations' row types: any
 * `pg_` name is taken as one of those); `type-ref.ts` resolves the ones a
 * column can be of, this list the ones a routine may also name.
 */
const CATALOG_TYPES = new Set(
  (
    'aclitem any anyarray anycompatible anycompatiblearray anycompatiblemultirange anycompatiblenonarray ' +
    'anycompatiblerange anyelement anyenum anymultirange anynonarray anyrange bit bool box bpchar bytea char ' +
    'cid cidr circle cstring date datemultirange daterange event_trigger fdw_handler float4 float8 gtsvector ' +
    'index_am_handler inet int2 int2vector int4 int4multirange int4range int8 int8multirange int8range internal ' +
    'interval json jsonb jsonpath language_handler line lseg macaddr macaddr8 money name numeric nummultirange ' +
    'numrange oid oidvector path point polygon record refcursor regclass regcollation regconfig regdictionary ' +
    'regnamespace regoper regoperator regproc regprocedure regrole regtype table_am_handler text tid time ' +
    'timestamp timestamptz timetz trigger tsm_handler tsmultirange tsquery tsrange tstzmultirange tstzrange ' +
    'tsvector txid_snapshot unknown uuid varbit varchar void xid xid8 xml ' +
    // Spellings the grammar leaves as written (type-ref.ts' aliases and serials).
    'int integer smallint bigint real float boolean decimal serial serial4 bigserial serial8 smallserial serial2'
  ).split(' '),
);

/** A DefineStmt's or CREATE RANGE's options whose value is a type (the others name functions or operators, which the grammar also reads as type names). */
const TYPE_OPTIONS = new Set([
  'stype',
  'mstype',
  'basetype',
  'leftarg',
  'rightarg',
  'element',
  'subtype',
  'like',
  'as',
]);

/** Statements the output leaves out or that tolerate a missing type (DROP ... IF EXISTS). */
const NOT_WRITTEN = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'CopyStmt',
  'MergeStmt',
  'TransactionStmt',
  'SelectStmt',
  'DropStmt',
  'DoStmt',
  'VariableSetStmt',
  'ExplainStmt',
]);

/** One use of a type nothing had defined when it was read. */
interface NotedType {
  /** As written (`nosuch`, `app.money2`, `_nosuch`). */
  readonly written: string;
  readonly name: string;
  /** The schemas it may be in: its own, else the search path where it was used. */
  readonly schemas: readonly string[];
  readonly location: SourceLocation;
}

/** The uses noted so far, and the base and shell types (`CREATE TYPE t;`, `CREATE TYPE t (INPUT = …)`) the DDL makes. */
export interface UsedTypes {
  readonly uses: NotedType[];
  readonly made: Set<string>;
}

export function createUsedTypes(): UsedTypes {
  return { uses: [], made: new Set() };
}

/** Note the types a statement the output keeps uses that are not defined yet (and the base types it makes). */
export function noteTypeUses(ctx: DdlContext, stmt: SourceStatement): void {
  const node = stmt.node;
  if (NOT_WRITTEN.has(nodeTag(node))) return;
  if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_TYPE') {
    const names = stringsOf(node.DefineStmt.defnames);
    const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
    ctx.usedTypes.made.add(nameKey({ schema, name: names.at(-1) ?? '' }));
  }
  const visit = (typeName: Record<string, unknown>, location: number | undefined): void => {
    const names = stringsOf(typeName.names as Node[]);
    const name = names.at(-1);
    if (name === undefined || typeName.pct_type === true || names.length > 2) return;
    if (EXTENSION_TYPES[name] !== undefined) return;
    if (names.length === 2) {
      const schema = names[0] ?? '';
      if (
        schema === 'pg_catalog'
          ? catalogType(name)
          : schema !== 'public' && !ctx.builder.namespaces.includes(schema)
      )
        return;
      noteUse(ctx, { written: names.join('.'), name, schemas: [schema], location: stmt.at(location) });
      return;
    }
    if (catalogType(name)) return;
    if (ctx.quietTypeRef(typeName as Parameters<DdlContext['quietTypeRef']>[0]).resolved) return;
    const schemas = ctx.searchPath.filter((s) => s !== '$user' && s !== 'pg_temp');
    noteUse(ctx, {
      written: name,
      name,
      schemas: schemas.length > 0 ? schemas : ['public'],
      location: stmt.at(location),
    });
  };
  typeNamesIn(node, visit);
  const named = namedTypeObject(node);
  if (named !== undefined) visit({ names: named, typemod: -1 }, undefined);
}

/**
 * The type or domain a statement acts on by name, not as a TypeName: `ALTER TYPE|DOMAIN t OWNER TO`,
 * `COMMENT ON TYPE|DOMAIN t` (PostgreSQL refuses each when t does not exist; `ALTER DOMAIN d ADD ...` is
 * alterDomain's to refuse).
 */
function namedTypeObject(node: Node): Node[] | undefined {
  const onType = (kind: string | undefined) => kind === 'OBJECT_TYPE' || kind === 'OBJECT_DOMAIN';
  const listOf = (object: Node | undefined) =>
    object !== undefined && 'List' in object ? (object.List.items ?? []) : undefined;
  if ('AlterOwnerStmt' in node && onType(node.AlterOwnerStmt.objectType))
    return listOf(node.AlterOwnerStmt.object);
  if ('CommentStmt' in node && onType(node.CommentStmt.objtype)) return listOf(node.CommentStmt.object);
  return undefined;
}

export function catalogType(name: string): boolean {
  const element = name.startsWith('_') ? name.slice(1) : name;
  return CATALOG_TYPES.has(element) || element.startsWith('pg_');
}

function noteUse(ctx: DdlContext, use: NotedType): void {
  if (ctx.usedTypes.uses.some((u) => u.written === use.written)) return;
  // A view's or a base type's (what quietTypeRef does not resolve) made before.
  if (!definedAnywhere(ctx.builder, ctx.out, ctx.usedTypes.made, use)) ctx.usedTypes.uses.push(use);
}

/** Every TypeName in a statement, with its parser location (options naming functions left out). */
function typeNamesIn(
  value: unknown,
  visit: (typeName: Record<string, unknown>, location: number | undefined) => void,
): void {
  if (Array.isArray(value)) {
    for (const v of value) typeNamesIn(v, visit);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record.names) && 'typemod' in record) {
    visit(record, typeof record.location === 'number' ? record.location : undefined);
    // Its typmods and array bounds hold no types.
    return;
  }
  if (typeof record.defname === 'string' && 'arg' in record && !TYPE_OPTIONS.has(record.defname)) return;
  for (const k in record) {
    const v = record[k];
    if (v !== null && typeof v === 'object') typeNamesIn(v, visit);
  }
}

/** Whether the DDL defines the type anywhere (a type, domain, enum, range or its multirange, base or shell type, or a relation's row type). */
export function definedAnywhere(
  builder: SchemaBuilder,
  out: StatementList,
  made: ReadonlySet<string>,
  use: Pick<NotedType, 'name' | 'schemas'>,
): boolean {
  const names = use.name.startsWith('_') ? [use.name, use.name.slice(1)] : [use.name];
  return use.schemas.some((schema) =>
    names.some((name) => {
      const key = nameKey({ schema, name });
      if (builder.types.has(key) || made.has(key) || builder.tables.has(key) || builder.views.has(key))
        return true;
      if (builder.sequences.has(key)) return true;
      if (out.has(objectKey('type', schema, name)) || out.has(objectKey('relation', schema, name)))
        return true;
      return [...builder.types.values()].some(
        (t) => t.kind === 'range' && t.multirange?.schema === schema && t.multirange.name === name,
      );
    }),
  );
}

/**
 * The types used that nothing defines: located problems where nothing else may make them (`sure`), else
 * UNKNOWN_TYPE warnings as column types get them (one a type, taking out none already given).
 */
export function judgeTypeUses(
  used: UsedTypes,
  builder: SchemaBuilder,
  out: StatementList,
  warnings: Warning[],
  sure: boolean,
): void {
  const later = used.uses.filter((u) => definedAnywhere(builder, out, used.made, u));
  for (const u of later) {
    builder.problems.push({
      location: u.location,
      message: `type ${quoteIdent(u.name)}${u.written.includes('.') ? ` (as ${u.written})` : ''} is defined only after its use here, so PostgreSQL refuses the statement (type "${u.name}" does not exist); move the type's definition before it`,
    });
    dropWarnings(warnings, u);
  }
  // A type named in the schema an extension is installed in may be the extension's (external-references.ts' rule).
  const extensionSchemas = new Set(builder.extensions.map((e) => e.schema));
  const missing = used.uses.filter(
    (u) => !later.includes(u) && !(u.written.includes('.') && extensionSchemas.has(u.schemas[0] ?? '')),
  );
  const warned = (u: NotedType) =>
    warnings.some((w) => w.code === 'UNKNOWN_TYPE' && w.data?.type === u.written);
  if (!sure) {
    for (const u of missing)
      if (!warned(u))
        warnings.push({
          code: 'UNKNOWN_TYPE',
          message: undeclaredTypeMessage(u.written, u.location, u.schemas[0] ?? 'public', u.name),
          where: formatLocation(u.location),
          data: { type: u.written },
        });
    return;
  }
  for (const u of missing) {
    builder.problems.push({
      location: u.location,
      message: `type ${quoteIdent(u.name)}${u.written.includes('.') ? ` (as ${u.written})` : ''} is neither a PostgreSQL type nor one the DDL creates, so PostgreSQL refuses the statement (type "${u.name}" does not exist); create it before its first use (CREATE TYPE or CREATE DOMAIN, or CREATE EXTENSION for an extension's type), or fix the name`,
    });
    dropWarnings(warnings, u);
  }
}

/** Its UNKNOWN_TYPE warning says the load may stop: the error says it does. */
function dropWarnings(warnings: Warning[], u: NotedType): void {
  for (let i = warnings.length - 1; i >= 0; i--)
    if (warnings[i]?.code === 'UNKNOWN_TYPE' && warnings[i]?.data?.type === u.written) warnings.splice(i, 1);
}

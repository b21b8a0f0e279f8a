/**
 * Keys of a json/jsonb column that a generated column or an index reads (Kestra's `namespace varchar(150) NOT NULL GENERATED ALWAYS AS
 * (value ->> 'namespace')`, `CAST(value ->> 'deleted' AS bool)`,
 * `state_fromtext(value #>> '{state, current}')` with the function inlined):
 * the documents hold each such path with a value of the kind it is read as
 * (text within the length the generated column allows, a boolean, a number,
 * a timestamp, an interval, a uuid, an enum's label, a built-in role for
 * regrole), so the generated
 * column is set and its cast succeeds. A text column read through a cast to
 * json (`(doc::json -> 'footer_offsets' ->> 'end')::bigint`, Quickwit) holds
 * such documents as its text. The row engine still evaluates the
 * CHECKs over the generation expressions.
 */
import type { ColumnHints, JsonPathDemand, JsonPathKind } from '../checks/check-hints.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Schema, Table, TypeRef } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { catalogNames } from '../values/types/catalog-reference.js';
import { JSON_CAST_PATTERN } from './cast-demands.js';

type Node = Record<string, unknown>;

const obj = (node: unknown, tag: string): Node | undefined =>
  typeof node === 'object' && node !== null ? ((node as Node)[tag] as Node | undefined) : undefined;

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.map((n) => (obj(n, 'String')?.sval as string) ?? '') : [];
}

/** A constant key or index (`'namespace'`, `0`), or a `#>` path literal's elements. */
function constantSteps(node: unknown, path: boolean): string[] | undefined {
  const cast = obj(node, 'TypeCast');
  const c = obj(cast ? cast.arg : node, 'A_Const');
  if (!c) return undefined;
  const s = obj(c, 'sval')?.sval;
  const i = obj(c, 'ival');
  if (!path) return typeof s === 'string' ? [s] : i !== undefined ? [String(i.ival ?? 0)] : undefined;
  if (typeof s !== 'string') return undefined;
  const inner = s.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  if (inner === '' || /["\\]/.test(inner)) return undefined;
  return inner.split(',').map((p) => p.trim());
}

/** `col -> 'a' ->> 'b'`, `col #>> '{a,b}'`: the json column and the path, or undefined. */
function extraction(node: unknown): { column: string; path: string[] } | undefined {
  const e = obj(node, 'A_Expr');
  if (e?.kind !== 'AEXPR_OP') return undefined;
  const op = names(e.name).join('.');
  if (op !== '->' && op !== '->>' && op !== '#>' && op !== '#>>') return undefined;
  const steps = constantSteps(e.rexpr, op.startsWith('#'));
  if (!steps) return undefined;
  // A text column read as json (Quickwit's `(split_metadata_json::json -> 'footer_offsets' ->> 'end')::bigint`).
  const lcast = obj(e.lexpr, 'TypeCast');
  const target = lcast ? names((lcast.typeName as { names?: unknown }).names).at(-1) : undefined;
  const ref = obj(lcast && (target === 'json' || target === 'jsonb') ? lcast.arg : e.lexpr, 'ColumnRef');
  if (ref) {
    const column = names(ref.fields).at(-1);
    return column ? { column, path: steps } : undefined;
  }
  const inner = extraction(e.lexpr);
  if (!inner || names(obj(e.lexpr, 'A_Expr')?.name).join('.').endsWith('>>')) return undefined;
  return { column: inner.column, path: [...inner.path, ...steps] };
}

const KINDS: Readonly<Record<string, JsonPathKind>> = {
  bool: 'boolean',
  boolean: 'boolean',
  int2: 'integer',
  int4: 'integer',
  int8: 'integer',
  int: 'integer',
  integer: 'integer',
  smallint: 'integer',
  bigint: 'integer',
  numeric: 'number',
  decimal: 'number',
  float4: 'number',
  float8: 'number',
  real: 'number',
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
  date: 'date',
  interval: 'interval',
  uuid: 'uuid',
};

const TEXTS = new Set(['text', 'varchar', 'bpchar', 'name', 'citext', 'json', 'jsonb']);

/** Columns whose documents can hold the paths read: json, and text of no length limit read through `::json`. */
export const JSON_TEXT_TYPES = new Set(['json', 'jsonb', 'text', 'varchar']);

/** What a value read as `type` must be; undefined for a type datagen cannot make its literals of. */
function demandOf(type: TypeRef, lookup: TypeLookup): Omit<JsonPathDemand, 'path'> | undefined {
  const base = resolveDomains(type, lookup).base;
  if (base.arrayDims > 0) return undefined;
  const def = lookup.resolveType(base.schema, base.name) ?? lookup.resolveType('public', base.name);
  if (def?.kind === 'enum') return { kind: 'enum', values: def.values };
  if (def !== undefined) return undefined;
  const kind = KINDS[base.name];
  if (kind) return { kind };
  // A reg* type (`(claims ->> 'role')::regrole`, Supabase realtime): names of objects every database has.
  const names = catalogNames(base.name);
  if (names) return { kind: 'enum', values: names };
  if (!TEXTS.has(base.name)) return undefined;
  const length = base.name === 'varchar' || base.name === 'bpchar' ? base.typmods[0] : undefined;
  return { kind: 'text', ...(length === undefined ? {} : { maxLength: length }) };
}

/** A TypeCast's target as a TypeRef (last name, numeric modifiers). */
function castType(cast: Node): TypeRef {
  const typeName = cast.typeName as { names?: unknown; typmods?: unknown[]; arrayBounds?: unknown[] };
  const n = names(typeName.names);
  const typmods = (typeName.typmods ?? []).flatMap((m) => {
    const v = obj(obj(m, 'A_Const'), 'ival')?.ival;
    return typeof v === 'number' ? [v] : [];
  });
  const name = n.at(-1) ?? '';
  const alias: Record<string, string> = { varchar: 'varchar', integer: 'int4', int: 'int4', bigint: 'int8' };
  return {
    kind: 'type-ref',
    schema: n.length > 1 ? (n[0] as string) : 'pg_catalog',
    name: alias[name] ?? name,
    typmods,
    arrayDims: typeName.arrayBounds?.length ?? 0,
  };
}

/** Every extraction in an AST with the kind it is read as (`context`: what the node it sits in casts it to). */
function collect(
  ast: unknown,
  context: Omit<JsonPathDemand, 'path'> | null | undefined,
  lookup: TypeLookup,
  found: (column: string, demand: JsonPathDemand) => void,
): void {
  if (Array.isArray(ast)) {
    for (const item of ast) collect(item, undefined, lookup, found);
    return;
  }
  if (typeof ast !== 'object' || ast === null) return;
  const got = extraction(ast);
  if (got) {
    // Read as a type datagen cannot make (null): no demand, the row engine judges the rows.
    if (context !== null) found(got.column, { path: got.path, ...(context ?? { kind: 'text' }) });
    return;
  }
  const cast = obj(ast, 'TypeCast');
  if (cast) {
    collect(cast.arg, demandOf(castType(cast), lookup) ?? null, lookup, found);
    return;
  }
  for (const value of Object.values(ast)) collect(value, undefined, lookup, found);
}

/**
 * Per table (by nameKey), per json column: the paths its generated columns and
 * indexes read. Not CHECKs': one may ask a key to be absent in some rows
 * (`NOT (matcher ? 'PackageGlob')` in one OR branch), which the row engine
 * meets per row.
 */
export function jsonPathDemands(
  schema: Schema,
  lookup: TypeLookup,
): Map<string, Map<string, JsonPathDemand[]>> {
  const byTable = new Map<string, Map<string, JsonPathDemand[]>>();
  const adder = (key: string) => (column: string, d: JsonPathDemand) => {
    const table = byTable.get(key) ?? new Map<string, JsonPathDemand[]>();
    byTable.set(key, table);
    table.set(column, [...(table.get(column) ?? []), d]);
  };
  for (const s of schema.statements) {
    const index = obj(s.ast, 'IndexStmt');
    const relation = obj(index, 'relation')?.relname;
    if (index && typeof relation === 'string' && s.namespace !== null)
      collect(index.indexParams, undefined, lookup, adder(nameKey({ schema: s.namespace, name: relation })));
  }
  for (const table of schema.tables) {
    const add = adder(nameKey(table));
    // A generated column under a foreign key (Neosync's job_hooks.connection_id, `(config->'sql'->>'connectionId')::uuid`)
    // must hold a parent's key or NULL: a made path would hold any uuid, so its paths are left absent (NULL).
    const referencing = new Set(table.foreignKeys.flatMap((f) => f.columns));
    for (const column of table.columns)
      if (column.generated && !referencing.has(column.name))
        collect(column.generated.ast, demandOf(column.type, lookup) ?? null, lookup, add);
    for (const key of table.uniques)
      for (const e of key.expressions ?? []) if (e) collect(e.ast, undefined, lookup, add);
  }
  return byTable;
}

/** One demand per path: a typed reading over plain text, the shortest length; paths under another's value dropped. */
function merged(demands: readonly JsonPathDemand[]): JsonPathDemand[] {
  const byPath = new Map<string, JsonPathDemand>();
  for (const d of demands) {
    const key = JSON.stringify(d.path);
    const before = byPath.get(key);
    if (!before || (before.kind === 'text' && d.kind !== 'text')) {
      byPath.set(key, d);
    } else if (before.kind === 'text' && d.kind === 'text' && d.maxLength !== undefined) {
      byPath.set(key, { ...before, maxLength: Math.min(before.maxLength ?? d.maxLength, d.maxLength) });
    }
  }
  const all = [...byPath.values()];
  // A path that is a prefix of another holds an object: its own reading is then the object's text.
  return all.filter(
    (d) =>
      !all.some((o) => o !== d && o.path.length > d.path.length && d.path.every((s, i) => o.path[i] === s)),
  );
}

/** The json/jsonb columns of a table given the paths read from them (not when their CHECKs shape them otherwise). */
export function withJsonPaths(
  table: Table,
  hints: Map<string, ColumnHints>,
  demands: ReadonlyMap<string, readonly JsonPathDemand[]> | undefined,
  lookup: TypeLookup,
): void {
  if (!demands) return;
  for (const [name, list] of demands) {
    const column = table.columns.find((c) => c.name === name);
    if (!column || column.generated) continue;
    const base = resolveDomains(column.type, lookup).base;
    if (!JSON_TEXT_TYPES.has(base.name) || base.typmods.length > 0 || base.arrayDims > 0) continue;
    // A column a CHECK reads is made to that CHECK (its branches may ask keys to be absent).
    if (table.checks.some((c) => expressionColumns(c.expr.ast).includes(name))) continue;
    if (resolveDomains(column.type, lookup).checks.length > 0) continue;
    const hinted = hints.get(name) ?? {};
    // A text column read through ::json: documents with the paths instead of the cast's plain numbers.
    const { patterns, ...unpatterned } = hinted;
    const current: ColumnHints =
      base.name.startsWith('json') || !patterns?.every((p) => p.source === JSON_CAST_PATTERN)
        ? hinted
        : unpatterned;
    if (current.jsonTypes && !current.jsonTypes.includes('object')) continue;
    if (current.oneOf || current.patterns || current.nullOnly) continue;
    const paths = merged(list).filter((d) => !current.jsonKeys?.absent.includes(d.path[0] as string));
    if (paths.length > 0) hints.set(name, { ...current, jsonPaths: paths });
  }
}

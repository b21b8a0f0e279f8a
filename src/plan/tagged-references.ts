/**
 * A text column that names a row of one of several tables as `tag/id` (OpenSlides'
 * `content_object_id varchar(100)`, `'motion/7'`): a CHECK lists the tags
 * (`split_part(c, '/', 1) IN ('motion', 'topic')`), and generated columns take the id of
 * their tag's rows (`CASE WHEN split_part(c, '/', 1) = 'motion' THEN cast(split_part(c, '/', 2)
 * AS integer) ELSE NULL END`), under a foreign key to that tag's table. Random text meets
 * neither the CHECK nor the cast, and the foreign keys on generated columns are met only by
 * building the text: each row takes one tag and a distinct row of the tag's table (its key),
 * so the column is unique over the table and every generated column holds a parent's key,
 * distinct among the rows that set it (UNIQUE keys over them, or over the column, hold).
 */

import { conjuncts } from '../checks/compile-formula.js';
import { columnNameWith, funcCall, lastName, type Node, unwrap } from '../checks/expression-nodes.js';
import { counted } from '../errors.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Column, Table, UniqueKey } from '../schema/model.js';
import { displayColumn, displayName } from '../schema/names.js';
import { field, intConst, stringConst } from './key-expressions.js';
import type { ColumnSource, PlannedTaggedArm, TablePlan } from './plan-model.js';
import type { PlanContext, TableWork } from './table-work.js';

/** The generator version from which tagged columns are built (`tag/id`). */
export const TAGGED_FROM = 24;

const TEXT_TYPES = new Set(['text', 'varchar', 'citext']);
const INTEGER_TYPES = new Set(['int2', 'int4', 'int8']);
const CAST_INTEGERS = new Set(['int2', 'int4', 'int8', 'integer', 'int', 'smallint', 'bigint']);
/** The longest text of an int8 key. */
const KEY_DIGITS = 20;

/** One tag of a tagged column: the generated column reading its id, and the FK on that column. */
export interface TaggedArm {
  readonly tag: string;
  readonly generated?: string;
  /** Index of the single-column FK on `generated` among the table's FKs. */
  readonly fk?: number;
}

/** A tagged column found in a table's DDL (before its parents' rows are known). */
export interface TaggedColumn {
  readonly column: string;
  readonly delimiter: string;
  readonly arms: readonly TaggedArm[];
}

/** `split_part(c, 'd', n)` over a text column: its column, delimiter and field, or undefined. */
function splitPart(node: unknown): { column: string; delimiter: string; field: number } | undefined {
  const call = funcCall(node);
  if (call?.name !== 'split_part' || call.args.length !== 3) return undefined;
  const column = columnNameWith(call.args[0]);
  const delimiter = stringConst(unwrap(call.args[1]));
  const n = intConst(unwrap(call.args[2]));
  if (column === undefined || delimiter === undefined || n === undefined) return undefined;
  return { column, delimiter, field: n };
}

/** A constant list's texts (`IN ('a', 'b')`, `= ANY (ARRAY['a', 'b'])`, `= 'a'`), or undefined. */
function listed(expr: Node): string[] | undefined {
  const kind = expr.kind;
  if (lastName(expr.name) !== '=') return undefined;
  const items =
    kind === 'AEXPR_IN'
      ? field(expr.rexpr, 'List')?.items
      : kind === 'AEXPR_OP_ANY'
        ? field(unwrap(expr.rexpr), 'A_ArrayExpr')?.elements
        : kind === 'AEXPR_OP'
          ? [expr.rexpr]
          : undefined;
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const texts = items.map((i) => stringConst(unwrap(i)));
  return texts.every((t) => t !== undefined) ? (texts as string[]) : undefined;
}

/** `split_part(c, 'd', 1) <IN|=|= ANY> (tags)`: the column, delimiter and tags, or undefined. */
function tagTest(node: unknown): { column: string; delimiter: string; tags: string[] } | undefined {
  const expr = field(node, 'A_Expr');
  const part = expr ? splitPart(expr.lexpr) : undefined;
  const tags = expr && part?.field === 1 ? listed(expr) : undefined;
  return part && tags ? { column: part.column, delimiter: part.delimiter, tags } : undefined;
}

/** `CASE WHEN <tag test of one tag> THEN cast(split_part(c, 'd', 2) AS integer) [ELSE NULL] END`. */
function generatedArm(column: Column): { column: string; delimiter: string; tag: string } | undefined {
  const kase = field(column.generated?.ast, 'CaseExpr');
  const whens = kase?.args;
  if (!kase || !Array.isArray(whens) || whens.length !== 1) return undefined;
  const defresult = kase.defresult === undefined ? undefined : field(kase.defresult, 'A_Const');
  if (kase.defresult !== undefined && defresult?.isnull !== true) return undefined;
  const when = field(whens[0], 'CaseWhen');
  const test = tagTest(when?.expr);
  const cast = field(when?.result, 'TypeCast');
  const target = lastName(field(cast, 'typeName')?.names);
  const id = cast ? splitPart(cast.arg) : undefined;
  if (test?.tags.length !== 1 || !target || !CAST_INTEGERS.has(target) || id?.field !== 2) return undefined;
  if (id.column !== test.column || id.delimiter !== test.delimiter) return undefined;
  return { column: test.column, delimiter: test.delimiter, tag: test.tags[0] as string };
}

/**
 * The table's tagged columns: a text column whose every CHECK conjunct that reads it is a tag test of
 * field 1, and whose every generated reader is one tag's id under an integer type (at most one single-column
 * FK on it). Its tags are the CHECK's (all of its tests agree), else its generated columns'.
 */
export function taggedColumns(table: Table): TaggedColumn[] {
  const found: TaggedColumn[] = [];
  for (const c of table.columns) {
    if (c.generated || c.type.arrayDims > 0 || !TEXT_TYPES.has(c.type.name)) continue;
    const tagged = taggedColumn(table, c);
    if (tagged) found.push(tagged);
  }
  return found;
}

function taggedColumn(table: Table, c: Column): TaggedColumn | undefined {
  let delimiter: string | undefined;
  let tags: string[] | undefined;
  const agree = (d: string): boolean => {
    delimiter ??= d;
    return delimiter === d && d !== '';
  };
  for (const check of table.checks)
    for (const part of conjuncts(check.expr.ast)) {
      if (!expressionColumns(part).includes(c.name)) continue;
      const test = tagTest(part);
      if (!test || test.column !== c.name || !agree(test.delimiter)) return undefined;
      tags = tags === undefined ? test.tags : tags.filter((t) => test.tags.includes(t));
    }
  const readers = table.columns.filter(
    (g) => g.generated && expressionColumns(g.generated.ast).includes(c.name),
  );
  const generated = new Map<string, string>();
  for (const g of readers) {
    const arm = generatedArm(g);
    if (!arm || arm.column !== c.name || !agree(arm.delimiter) || !INTEGER_TYPES.has(g.type.name))
      return undefined;
    if (generated.has(arm.tag)) return undefined;
    generated.set(arm.tag, g.name);
  }
  if (delimiter === undefined || (tags === undefined && generated.size === 0)) return undefined;
  const d = delimiter;
  const arms: TaggedArm[] = [];
  for (const tag of new Set(tags ?? generated.keys())) {
    if (tag.includes(d) || tag === '') continue;
    const g = generated.get(tag);
    const fks =
      g === undefined ? [] : table.foreignKeys.flatMap((f, i) => (f.columns.includes(g) ? [i] : []));
    if (fks.length > 1 || fks.some((i) => table.foreignKeys[i]?.columns.length !== 1)) return undefined;
    arms.push({
      tag,
      ...(g === undefined ? {} : { generated: g }),
      ...(fks[0] === undefined ? {} : { fk: fks[0] }),
    });
  }
  const width = c.type.typmods[0];
  const fits = arms.filter(
    (a) => width === undefined || [...a.tag].length + [...d].length + KEY_DIGITS <= width,
  );
  return fits.length === 0 ? undefined : { column: c.name, delimiter: d, arms: fits };
}

/** The table's unique keys to plan: not those its rows are kept outside of (partial-keys.ts), nor those tagged columns hold. */
export function keysToPlan(
  keys: readonly UniqueKey[],
  outside: ReadonlySet<UniqueKey>,
  sources: ReadonlyMap<string, ColumnSource>,
): UniqueKey[] {
  return keys.filter((k) => !outside.has(k) && !heldByTagged(k, sources));
}

/**
 * A unique key the tagged columns hold: one over a tagged column (its text is distinct in every row), or,
 * unless NULLs are not distinct, over one of its generated columns (a parent's distinct key where set).
 */
function heldByTagged(key: UniqueKey, sources: ReadonlyMap<string, ColumnSource>): boolean {
  const columns = key.columns.filter((c): c is string => c !== null);
  return [...sources].some(
    ([column, s]) =>
      s.kind === 'tagged' &&
      (columns.includes(column) ||
        (!key.nullsNotDistinct &&
          s.arms.some((a) => a.generated !== undefined && columns.includes(a.generated)))),
  );
}

/** Generated columns (PostgreSQL computes them), then the tagged columns they may read. */
export function planGeneratedColumns(
  ctx: PlanContext,
  work: TableWork,
  previous: readonly TablePlan[] | null,
): void {
  for (const c of work.table.columns)
    if (c.generated) work.set(c.name, { kind: 'generated' }, 'generated column');
  planTaggedColumns(ctx, work, previous);
}

/**
 * Version 24: the table's tagged columns take tagged values (`ColumnSource` 'tagged'): the arms whose tables
 * get rows, each with room for as many rows as its table has (unbounded without an FK); the table keeps no
 * more rows than its arms have room for. Not under --append (the rows held may have taken the values).
 */
function planTaggedColumns(ctx: PlanContext, work: TableWork, previous: readonly TablePlan[] | null): void {
  if (ctx.generatorVersion < TAGGED_FROM || ctx.append === true) return;
  const { table } = work;
  const fks = ctx.family.foreignKeysOf(table);
  for (const tagged of taggedColumns(table)) {
    if (work.sources.has(tagged.column)) continue;
    const arms: PlannedTaggedArm[] = [];
    for (const arm of tagged.arms) {
      const fk = arm.fk === undefined ? undefined : fks[arm.fk];
      if (arm.fk === undefined || fk === undefined) {
        arms.push({ tag: arm.tag, ...(arm.generated === undefined ? {} : { generated: arm.generated }) });
        continue;
      }
      const parent = ctx.family.parentIndex(table, arm.fk);
      const room = previous?.[parent]?.rows ?? ctx.drafts[parent]?.requested ?? 0;
      const parentColumn = fk.referencedColumns[0] as string;
      if (room > 0)
        arms.push({ tag: arm.tag, generated: arm.generated as string, parent, parentColumn, room });
    }
    const where = displayColumn(table, tagged.column);
    const tags = tagged.arms.map((a) => `'${a.tag}'`).join(', ');
    if (arms.length === 0) {
      work.empty(`${where} names a row of a table by its tag (${tags}), and none of those tables gets rows`);
      return;
    }
    const room = arms.reduce((n, a) => n + (a.room ?? Number.POSITIVE_INFINITY), 0);
    if (room < work.rows) {
      const name = displayName(table);
      work.warnings.push({
        code: 'ROWS_REDUCED',
        where: name,
        message: `${name} gets ${counted(room, 'row')} instead of ${work.rows}: ${where} names a distinct row of the tables its tags (${tags}) stand for in every row, and they have ${counted(room, 'row')}. Ask for more rows of them to change it.`,
      });
      work.rows = room;
    }
    work.set(
      tagged.column,
      { kind: 'tagged', delimiter: tagged.delimiter, arms },
      `tag/id of a row of the tables its tags name (${tags})`,
    );
  }
}

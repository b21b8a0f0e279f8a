/**
 * An FK column narrower than the parent column it references. PostgreSQL
 * accepts `pid smallint REFERENCES p (id)` over an integer id, `code
 * varchar(3) REFERENCES p (code)` over text and `n numeric(4,1) REFERENCES p
 * (n)` over numeric; a parent value that does not fit the child's type fails
 * the load ("value too long", "out of range", "numeric field overflow"), and
 * one the child's scale rounds no longer matches its parent. Each such column
 * gets a CHECK saying what its type holds, so the FK's parent windows and the
 * row evaluator hold it to the parents that fit (the CHECK is planned, never
 * written).
 */

import { INTEGER_LIMITS } from '../checks/bounded-integer.js';
import { callNode, columnNode, decimalNode, integerNode, operatorNode } from '../checks/expression-nodes.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import type { CheckConstraint, Column, ForeignKey, Table, TypeRef } from '../schema/model.js';
import { displayColumn } from '../schema/names.js';
import { describeType } from '../values/types/generator.js';
import type { TableFamily } from './table-family.js';

const INTEGER_WIDTH: Readonly<Record<string, number>> = { int2: 2, int4: 4, int8: 8 };
const LENGTH_TYPES = new Set(['varchar', 'bpchar']);
const TEXT_PARENTS = new Set(['text', 'varchar', 'bpchar', 'citext', 'name']);

const call = callNode;
const decimal = decimalNode;
const and = (...args: unknown[]) => ({ BoolExpr: { boolop: 'AND_EXPR', args } });

const NARROWER = ", narrower than its parent column's";
/** The name's end for an integer FK column over a parent whose values print with a fraction: no value fits. */
const UNREADABLE_PARENT = ", which cannot read its parent column's values";

/** Whether a planned CHECK is this file's for an FK column no parent value fits (`datagen plan` says so, not its AST). */
export function isUnreadableParentFit(check: string): boolean {
  return check.includes(UNREADABLE_PARENT);
}

/** What to do about a CHECK of this file that a row still fails (it is not in the DDL), or undefined for a DDL CHECK. */
export function narrowerForeignKeyRemedy(failure: string): string | undefined {
  return failure.includes(NARROWER) || failure.includes(UNREADABLE_PARENT)
    ? "give the foreign key column its parent column's type in a copy of the DDL you generate from, so that every parent value fits it."
    : undefined;
}

/** A parent column whose values are written with a fractional part: numeric but numeric(p) / numeric(p,0), floats. */
function fractionalParent(parent: TypeRef): boolean {
  if (parent.name === 'float4' || parent.name === 'float8') return true;
  return parent.name === 'numeric' && (parent.typmods.length === 0 || (parent.typmods[1] ?? 0) !== 0);
}

/** The CHECK (text and AST over `name`) that the child type's values meet, when the parent's type holds more. */
function narrowing(name: string, child: TypeRef, parent: TypeRef): { text: string; ast: unknown } | null {
  if (child.arrayDims > 0 || parent.arrayDims > 0) return null;
  // An integer child of a parent whose values print with a fraction (numeric(3,1)'s 5.0, a float's 2.5):
  // the parent's text is no integer's input (the load failed: invalid input syntax for type bigint: "5.0"),
  // so the child takes none of its values (NULL, or fewer rows).
  if (INTEGER_WIDTH[child.name] !== undefined && fractionalParent(parent))
    return {
      // Never true of a value, and evaluated per row: the fallbacks (NULL, fewer rows) are warned with the remedy.
      text: `abs(${name}) < 0`,
      ast: operatorNode('<', call('abs', columnNode(name)), integerNode(0)),
    };
  // int2 and int4 children: an int8 child holds every integer parent value.
  const range = child.name === 'int8' ? undefined : INTEGER_LIMITS[child.name];
  const parentWidth = INTEGER_WIDTH[parent.name] ?? (parent.name === 'numeric' ? 16 : 0);
  if (range && parentWidth > (INTEGER_WIDTH[child.name] ?? 8)) {
    const [lo, hi] = range;
    return {
      text: `${name} BETWEEN ${lo} AND ${hi}`,
      ast: and(
        operatorNode('>=', columnNode(name), decimal(String(lo))),
        operatorNode('<=', columnNode(name), decimal(String(hi))),
      ),
    };
  }
  const [length] = child.typmods;
  if (LENGTH_TYPES.has(child.name) && length !== undefined && TEXT_PARENTS.has(parent.name)) {
    const parentLength = LENGTH_TYPES.has(parent.name) ? parent.typmods[0] : undefined;
    if (parentLength !== undefined && parentLength <= length) return null;
    return {
      text: `length(${name}) <= ${length}`,
      ast: operatorNode('<=', call('length', columnNode(name)), integerNode(length)),
    };
  }
  const [precision, scale = 0] = child.typmods;
  if (child.name === 'numeric' && precision !== undefined && precision >= scale && scale >= 0) {
    if (parent.name === 'numeric' && parent.typmods[0] === precision && (parent.typmods[1] ?? 0) === scale)
      return null;
    if (INTEGER_WIDTH[parent.name] !== undefined && scale === 0 && precision >= 19) return null;
    const limit = `1${'0'.repeat(precision - scale)}`;
    return {
      text: `abs(${name}) < ${limit} AND ${name} = round(${name}, ${scale})`,
      ast: and(
        operatorNode('<', call('abs', columnNode(name)), decimal(limit)),
        operatorNode('=', columnNode(name), call('round', columnNode(name), integerNode(scale))),
      ),
    };
  }
  return null;
}

interface NarrowedColumn {
  readonly column: Column;
  readonly child: TypeRef;
  readonly parent: TypeRef;
  readonly parentTable: Table;
  readonly parentColumn: Column;
  readonly fk: ForeignKey;
  readonly fit: { readonly text: string; readonly ast: unknown };
}

/** The table's FK columns narrower than their parents' columns, each once, with the CHECK its type means. */
function narrowedColumns(table: Table, family: TableFamily, lookup: TypeLookup): NarrowedColumn[] {
  const out: NarrowedColumn[] = [];
  const seen = new Set<string>();
  family.foreignKeysOf(table).forEach((fk, i) => {
    const parentTable = family.tables[family.parentIndex(table, i)];
    fk.columns.forEach((name, k) => {
      const column: Column | undefined = table.columns.find((c) => c.name === name);
      const parentColumn = parentTable?.columns.find((c) => c.name === fk.referencedColumns[k]);
      if (column === undefined || parentColumn === undefined || parentTable === undefined || seen.has(name))
        return;
      const child = resolveDomains(column.type, lookup).base;
      const parent = resolveDomains(parentColumn.type, lookup).base;
      const fit = narrowing(name, child, parent);
      if (fit === null) return;
      seen.add(name);
      out.push({ column, child, parent, parentTable, parentColumn, fk, fit });
    });
  });
  return out;
}

/** The CHECKs the table's FK columns narrower than their parents' columns are planned with. */
export function foreignKeyTypeFits(table: Table, family: TableFamily, lookup: TypeLookup): CheckConstraint[] {
  return narrowedColumns(table, family, lookup).map(
    ({ column, child, parent, parentTable, parentColumn, fit }) => {
      const typmods = child.typmods.length > 0 ? `(${child.typmods.join(',')})` : '';
      // The integer child of a fractional parent: its CHECK never holds; named and told as what it is.
      const unreadable = INTEGER_WIDTH[child.name] !== undefined && fractionalParent(parent);
      const from = `${displayColumn(parentTable, parentColumn.name)}`;
      return {
        kind: 'check',
        name: `type ${child.name}${typmods} of ${column.name}${unreadable ? UNREADABLE_PARENT : NARROWER}`,
        expr: {
          kind: 'expr',
          ...fit,
          ...(unreadable
            ? { text: `${from} is ${describeType(parent)}, written with a fractional part` }
            : {}),
        },
        noInherit: false,
        notValid: false,
      };
    },
  );
}

/**
 * A nullable integer FK column whose parent column's values print with a fraction: NULL in every row (its
 * CHECK above never holds, and a row's attempts draw NULL for it without a fallback to count), so it is
 * told here, naming the column, its parent's and the remedy.
 */
export function fractionalParentWarnings(table: Table, family: TableFamily, lookup: TypeLookup): Warning[] {
  return narrowedColumns(table, family, lookup)
    .filter(
      ({ column, child, parent }) =>
        !column.notNull && INTEGER_WIDTH[child.name] !== undefined && fractionalParent(parent),
    )
    .map(({ column, child, parent, parentTable, parentColumn, fk }) => {
      const where = `${displayColumn(table, column.name)}`;
      const from = `${displayColumn(parentTable, parentColumn.name)}`;
      return {
        code: 'FOREIGN_KEY_LEFT_NULL',
        where,
        message:
          `${where} is written NULL in every row: its type ${describeType(child)} cannot read the values of the ` +
          `column ${from} it references through ${fk.name} (${describeType(parent)}, written with a fractional ` +
          `part), so it points at no row. Give ${where} the type of ${from} in a copy of the DDL you ` +
          'generate from to fill it.',
      };
    });
}

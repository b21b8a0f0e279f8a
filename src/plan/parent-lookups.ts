/**
 * CHECKs that look a row up in the parent a foreign key points to, through a
 * function the DDL defines (Logto's `CHECK (check_role_type(role_id,
 * 'User'))`, whose body `(SELECT type FROM roles WHERE id = role_id) =
 * target_type` the DDL reader inlines): the child's FK row must hold one of
 * the listed values in a column of the parent. The parent's column then
 * takes each demanded value in a block of its first rows (`rowBlocks`, the
 * rows after them stay free), and the child's FK picks only within the block
 * of its values: every row meets the CHECK by construction, so the CHECK is
 * neither compiled nor evaluated. A CHECK whose parent column something else
 * decides (a key, an FK, a CHECK of the parent's, a domain) is left as it
 * was: unread, its table gets no rows.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { type IntegerType, inIntegerRange, integerTypeNamed } from '../checks/integer-types.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { Warning } from '../errors.js';
import { expressionColumns } from '../schema/expression-columns.js';
import { tableKeys } from '../schema/key-columns.js';
import type { ForeignKey, Table, UniqueKey } from '../schema/model.js';
import { displayName } from '../schema/names.js';
import type { RowWindow } from './plan-model.js';
import type { TableFamily } from './table-family.js';

/** A CHECK met by picking parent rows whose column holds one of `values`. */
export interface ParentLookup {
  /** The CHECK's name. */
  readonly check: string;
  /** The child's single-column FK through which the CHECK looks the parent row up. */
  readonly fk: ForeignKey;
  readonly parent: number;
  readonly parentColumn: string;
  readonly values: readonly string[];
  /** Version 17: a composite FK's column that is not an enum's, looked up where its children's lists differ. */
  readonly listed?: true;
}

type Node = Record<string, unknown>;

const obj = (node: unknown, tag: string): Node | undefined =>
  typeof node === 'object' && node !== null ? ((node as Node)[tag] as Node | undefined) : undefined;

function names(list: unknown): string[] {
  return Array.isArray(list) ? list.map((n) => obj(n, 'String')?.sval as string) : [];
}

/** A constant's text (`'User'`, `'User'::role_type`, `3`), or undefined. */
function constantText(node: unknown): string | undefined {
  const cast = obj(node, 'TypeCast');
  const c = obj(cast ? cast.arg : node, 'A_Const');
  if (!c || c.isnull === true) return undefined;
  const s = obj(c, 'sval')?.sval;
  if (typeof s === 'string') return s;
  const i = obj(c, 'ival');
  if (i !== undefined) return String(i.ival ?? 0);
  return undefined;
}

/** The constants of `ARRAY[...]` or an IN list, or undefined when one is not a constant. */
function constantList(node: unknown): string[] | undefined {
  const items = Array.isArray(node)
    ? node
    : ((obj(node, 'A_ArrayExpr')?.elements as unknown[] | undefined) ??
      (obj(node, 'List')?.items as unknown[] | undefined));
  if (!items || items.length === 0) return undefined;
  const values = items.map(constantText);
  return values.every((v): v is string => v !== undefined) ? [...new Set(values)] : undefined;
}

/** `(SELECT column FROM relation WHERE a = b)`: its parts, or undefined. */
function scalarLookup(
  node: unknown,
): { schema?: string; relation: string; column: string; sides: [string[], string[]] } | undefined {
  const link = obj(node, 'SubLink');
  if (link?.subLinkType !== 'EXPR_SUBLINK') return undefined;
  const select = obj(link.subselect, 'SelectStmt');
  if (select?.op !== 'SETOP_NONE' || select.groupClause || select.limitCount || select.withClause)
    return undefined;
  const targets = select.targetList as unknown[] | undefined;
  const from = select.fromClause as unknown[] | undefined;
  if (targets?.length !== 1 || from?.length !== 1) return undefined;
  const target = obj(obj(targets[0], 'ResTarget')?.val, 'ColumnRef');
  const range = obj(from[0], 'RangeVar');
  const where = obj(select.whereClause, 'A_Expr');
  if (!target || !range || range.alias || !where || where.kind !== 'AEXPR_OP') return undefined;
  if (names(where.name).join('.') !== '=') return undefined;
  const left = obj(where.lexpr, 'ColumnRef');
  const right = obj(where.rexpr, 'ColumnRef');
  const column = names(target.fields);
  if (!left || !right || column.length !== 1) return undefined;
  return {
    ...(typeof range.schemaname === 'string' ? { schema: range.schemaname } : {}),
    relation: range.relname as string,
    column: column[0] as string,
    sides: [names(left.fields), names(right.fields)],
  };
}

/** A CHECK read as `(SELECT c FROM p WHERE k = col) = v` (or `= ANY (ARRAY[...])`, `IN (...)`), or undefined. */
export function readLookupCheck(
  ast: unknown,
): { lookup: NonNullable<ReturnType<typeof scalarLookup>>; values: string[] } | undefined {
  const e = obj(ast, 'A_Expr');
  if (!e || names(e.name).join('.') !== '=') return undefined;
  for (const [sub, other] of [
    [e.lexpr, e.rexpr],
    [e.rexpr, e.lexpr],
  ] as const) {
    const lookup = scalarLookup(sub);
    if (!lookup) continue;
    if (e.kind === 'AEXPR_OP') {
      const v = constantText(other);
      return v === undefined ? undefined : { lookup, values: [v] };
    }
    if ((e.kind === 'AEXPR_OP_ANY' || e.kind === 'AEXPR_IN') && sub === e.lexpr) {
      const values = constantList(other);
      return values ? { lookup, values } : undefined;
    }
  }
  return undefined;
}

/** Whether nothing but the demanded values decides the parent's column (see the module comment). */
function freeParentColumn(
  parent: Table,
  column: string,
  values: readonly string[],
  lookup: TypeLookup,
  widerKeysFree = false,
  steerable = false,
): boolean {
  const col = parent.columns.find((c) => c.name === column);
  if (!col || col.generated || col.sequence || col.identity) return false;
  if (parent.partitionBy || parent.partitionOf || parent.changedUnseenBy !== undefined) return false;
  const keys = tableKeys(parent);
  const plain = (k: UniqueKey) => k.where === null && k.expressions.every((x) => x === null);
  // `UNIQUE (code, type)` beside `PRIMARY KEY (code)`: unique whatever `type` holds (version 16).
  const wider = (k: UniqueKey) =>
    widerKeysFree &&
    plain(k) &&
    keys.some(
      (o) =>
        o !== k && plain(o) && !o.columns.includes(column) && o.columns.every((c) => k.columns.includes(c)),
    );
  // Version 17: a key of several plain columns (a supertype's `PRIMARY KEY (id, type)`), its other columns
  // making the rows distinct (key-components.ts leaves a column in blocks out of the key's components).
  const shared = (k: UniqueKey) => steerable && plain(k) && k.columns.length > 1;
  const inKey = keys.some(
    (k) =>
      (k.columns.includes(column) && !wider(k) && !shared(k)) ||
      k.expressions.some((x) => x !== null && expressionColumns(x.ast).includes(column)) ||
      (k.where !== null && expressionColumns(k.where.ast).includes(column)),
  );
  if (inKey || parent.exclusions.length > 0) return false;
  if (parent.foreignKeys.some((fk) => fk.columns.includes(column))) return false;
  // Version 17: the parent's own list of the column (`CHECK (type IN ('customer', 'supplier'))`) holding the values.
  const ownList = (c: Table['checks'][number]) =>
    steerable && readListedColumn(c.expr.ast)?.column === column
      ? values.every((v) => readListedColumn(c.expr.ast)?.values.includes(v))
      : false;
  if (parent.checks.some((c) => expressionColumns(c.expr.ast).includes(column) && !ownList(c))) return false;
  const resolved = resolveDomains(col.type, lookup);
  if (resolved.domains.length > 0 || resolved.base.arrayDims > 0) return false;
  const base = resolved.base;
  const def = lookup.resolveType(base.schema, base.name);
  if (def?.kind === 'enum') return values.every((v) => def.values.includes(v));
  const integer = steerable ? integerTypeNamed(base.name) : undefined;
  if (integer !== undefined) return values.every((v) => fitsInteger(v, integer));
  if (base.name !== 'text' && base.name !== 'varchar') return false;
  const length = base.name === 'varchar' ? base.typmods[0] : undefined;
  return length === undefined || values.every((v) => [...v].length <= length);
}

/** Whether a listed value is an integer the column's type holds. */
function fitsInteger(value: string, type: IntegerType): boolean {
  if (!/^-?[0-9]+$/.test(value)) return false;
  try {
    inIntegerRange(BigInt(value), type);
    return true;
  } catch {
    return false;
  }
}

/** Per child table index, its CHECKs met through parent lookups. */
export function findParentLookups(
  family: TableFamily,
  lookup: TypeLookup,
  configured: (table: number, column: string) => boolean,
  version: number,
): Map<number, ParentLookup[]> {
  const found = new Map<number, ParentLookup[]>();
  family.tables.forEach((table, index) => {
    if (table.partitionOf) return;
    const fks = family.foreignKeysOf(table);
    for (const check of table.checks) {
      const read = readLookupCheck(check.expr.ast);
      if (!read) {
        const own =
          version >= 16
            ? compositeFkLookup(family, table, index, check, lookup, configured, version)
            : undefined;
        if (own !== undefined) found.set(index, [...(found.get(index) ?? []), own]);
        continue;
      }
      const { lookup: l, values } = read;
      const fkIndex = fks.findIndex((fk) => {
        if (fk.columns.length !== 1 || fk.references.name !== l.relation) return false;
        if (l.schema !== undefined && fk.references.schema !== l.schema) return false;
        const key = fk.referencedColumns[0] as string;
        const [a, b] = l.sides;
        const child = fk.columns[0] as string;
        const isKey = (s: string[]) => s.at(-1) === key && (s.length === 1 || s.at(-2) === l.relation);
        const isChild = (s: string[]) => s.length === 1 && s[0] === child && child !== key;
        return (isKey(a) && isChild(b)) || (isKey(b) && isChild(a));
      });
      const fk = fks[fkIndex];
      const parent = fkIndex < 0 ? -1 : family.parentIndex(table, fkIndex);
      const parentTable = family.tables[parent];
      if (!fk || !parentTable || parent === index) continue;
      if (!freeParentColumn(parentTable, l.column, values, lookup) || configured(parent, l.column)) continue;
      const list = found.get(index) ?? [];
      list.push({ check: check.name, fk, parent, parentColumn: l.column, values });
      found.set(index, list);
    }
  });
  return version >= 17 ? withoutCommonLists(found) : found;
}

/**
 * Version 17: lookups of a parent's column that is not an enum's only where its children ask for different
 * values (a supertype's `customer` and `supplier` subtypes). Where every child lists the same values, the
 * parent's column takes them in every row (listed-fk-values.ts), so a child whose key picks its parent row
 * finds every row holding them (Logto's one `Grant` list keeps all its rows, not a block's).
 */
function withoutCommonLists(found: Map<number, ParentLookup[]>): Map<number, ParentLookup[]> {
  const lists = new Map<string, Set<string>>();
  const at = (l: ParentLookup) => `${l.parent}\u0000${l.parentColumn}`;
  for (const l of [...found.values()].flat().filter((l) => l.listed)) {
    const seen = lists.get(at(l)) ?? new Set<string>();
    seen.add([...l.values].sort().join('\u0000'));
    lists.set(at(l), seen);
  }
  const out = new Map<number, ParentLookup[]>();
  for (const [child, list] of found) {
    const kept = list.filter((l) => !l.listed || (lists.get(at(l))?.size ?? 0) > 1);
    if (kept.length > 0) out.set(child, kept);
  }
  return out;
}

/** `col = 'v'`, `col IN ('v', 'w')`, `col = ANY (ARRAY[...])` of a plain column: its name and values, or undefined. */
function readListedColumn(ast: unknown): { column: string; values: string[] } | undefined {
  const e = obj(ast, 'A_Expr');
  if (!e || names(e.name).join('.') !== '=') return undefined;
  const column = (n: unknown) => {
    const f = names(obj(n, 'ColumnRef')?.fields);
    return f.length === 1 ? f[0] : undefined;
  };
  if (e.kind === 'AEXPR_OP') {
    const [c, v] = column(e.lexpr) !== undefined ? [column(e.lexpr), e.rexpr] : [column(e.rexpr), e.lexpr];
    const value = constantText(v);
    return c === undefined || value === undefined ? undefined : { column: c, values: [value] };
  }
  const c = column(e.lexpr);
  const values = e.kind === 'AEXPR_OP_ANY' || e.kind === 'AEXPR_IN' ? constantList(e.rexpr) : undefined;
  return c === undefined || values === undefined ? undefined : { column: c, values };
}

/**
 * Version 16: a CHECK listing the values of one column of a composite foreign key (lil-erp's
 * `FOREIGN KEY (payable_code, payable_type) REFERENCES accounts (code, type)` with
 * `CHECK (payable_type = 'accounts_payable')`) is met as a lookup: the child picks only parent rows
 * whose referenced column holds them, so several children asking for different values each find theirs
 * (they drew parent rows at random and failed once every attempt missed, cutting the table there).
 */
function compositeFkLookup(
  family: TableFamily,
  table: Table,
  index: number,
  check: Table['checks'][number],
  lookup: TypeLookup,
  configured: (table: number, column: string) => boolean,
  version: number,
): ParentLookup | undefined {
  const read = readListedColumn(check.expr.ast);
  if (!read) return undefined;
  const fks = family.foreignKeysOf(table);
  const holding = fks.filter((fk) => fk.columns.includes(read.column));
  const fk = holding[0];
  if (holding.length !== 1 || !fk || fk.columns.length < 2) return undefined;
  const fkIndex = fks.indexOf(fk);
  const parent = family.parentIndex(table, fkIndex);
  const parentTable = family.tables[parent];
  const parentColumn = fk.referencedColumns[fk.columns.indexOf(read.column)];
  if (!parentTable || parent === index || parentColumn === undefined || configured(parent, parentColumn))
    return undefined;
  const steerable = version >= 17;
  if (!freeParentColumn(parentTable, parentColumn, read.values, lookup, true, steerable)) return undefined;
  // A text column takes the children's listed values in every row (listed-fk-values.ts), which random
  // picks meet: blocks (and their free tail of other words) are for an enum's column, whose other labels
  // the parent's rows keep drawing (Logto's `model_name` text: listed; lil-erp's account_type: blocks).
  // Version 17: any steerable column where the children's lists differ (withoutCommonLists).
  const col = parentTable.columns.find((c) => c.name === parentColumn);
  const base = col === undefined ? undefined : resolveDomains(col.type, lookup).base;
  const isEnum = base !== undefined && lookup.resolveType(base.schema, base.name)?.kind === 'enum';
  if (!isEnum && !steerable) return undefined;
  return {
    check: check.name,
    fk,
    parent,
    parentColumn,
    values: read.values,
    ...(isEnum ? {} : { listed: true }),
  };
}

/** Whether a parent column's hints leave it to the blocks (nothing but NOT NULL, or a list holding the values). */
export function blocksFit(hints: ColumnHints | undefined, values: readonly string[]): boolean {
  if (!hints) return true;
  const { notNull: _n, oneOf, rowBlocks: _b, ...rest } = hints;
  if (Object.keys(rest).length > 0) return false;
  return oneOf === undefined || values.every((v) => oneOf.includes(v));
}

/** Rows per demanded value's block: the blocks and a free tail share the rows evenly, one row each at least. */
export function blockSize(rows: number, blocks: number): number {
  if (blocks === 0 || rows === 0) return 0;
  return Math.max(1, Math.floor(rows / (blocks + 1)));
}

/** The value a parent row takes from its column's blocks, or undefined past them. */
export function rowBlockValue(rows: number, blocks: readonly string[]): (row: number) => string | undefined {
  const size = blockSize(rows, blocks.length);
  return (row) => (size === 0 ? undefined : blocks[Math.floor(row / size)]);
}

/** The parent rows holding a value of `values`: the longest run of adjacent blocks of them. */
export function lookupWindow(rows: number, blocks: readonly string[], values: readonly string[]): RowWindow {
  const size = blockSize(rows, blocks.length);
  let best = { from: 0, to: 0 };
  let start = -1;
  blocks.forEach((v, i) => {
    const inRows = (i + 1) * size <= rows;
    if (values.includes(v) && inRows) {
      if (start < 0) start = i;
      if ((i + 1 - start) * size > best.to - best.from) best = { from: start * size, to: (i + 1) * size };
    } else start = -1;
  });
  return best;
}

/**
 * The parents' looked-up columns take the demanded values in blocks (their
 * union, first asked first); a column whose hints decide it otherwise takes
 * none, and the children that look it up get no parent row (warned).
 */
export function holdLookedUpValues(
  lookups: ReadonlyMap<number, readonly ParentLookup[]>,
  tables: readonly Table[],
  hintsOf: (table: number) => Map<string, ColumnHints>,
  warnings: Warning[],
): void {
  for (const [child, list] of lookups) {
    for (const l of list) {
      const hints = hintsOf(l.parent);
      const h = hints.get(l.parentColumn);
      const parent = displayName(tables[l.parent] as Table);
      if (!blocksFit(h, l.values)) {
        warnings.push({
          code: 'CHECK_NOT_COMPILED',
          where: displayName(tables[child] as Table),
          message: `CHECK ${l.check} on ${displayName(tables[child] as Table)} asks for parent rows of ${parent} whose ${l.parentColumn} is ${l.values.join(' or ')}, but ${parent}.${l.parentColumn} is decided by its own constraints or settings, so no parent row is picked for it (a NOT NULL foreign key leaves the table empty).`,
        });
        continue;
      }
      const blocks = [...(h?.rowBlocks ?? [])];
      for (const v of l.values) if (!blocks.includes(v)) blocks.push(v);
      hints.set(l.parentColumn, { ...(h ?? {}), rowBlocks: blocks });
    }
  }
  // Version 17: a free column not an enum's keeps to what its children ask for past the blocks too (Logto's
  // `model_name` text: Grant, Session, Interaction only); a list of its own it keeps.
  for (const l of [...lookups.values()].flat()) {
    const h = hintsOf(l.parent).get(l.parentColumn);
    if (l.listed && h?.rowBlocks && h.oneOf === undefined)
      hintsOf(l.parent).set(l.parentColumn, { ...h, oneOf: h.rowBlocks });
  }
}

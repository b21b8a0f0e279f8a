/**
 * Version 27: a one-column unique key on a text column a CHECK computes from
 * a unique integer column (`code text UNIQUE CHECK (code = 'INV-' ||
 * to_char(id, 'FM00000'))`, checks/key-text.ts) is unique as that column is:
 * the key is not driven, the column left to the row engine's equation, which
 * fails a row whose text would not read the key back.
 */
import { conjuncts } from '../checks/compile-formula.js';
import { integerTypeNamed } from '../checks/integer-types.js';
import { type KeyText, keyTextOf } from '../checks/key-text.js';
import type { Table } from '../schema/model.js';
import type { KeyPlanContext } from './key-capacity.js';
import type { ColumnSource } from './plan-model.js';

/** The generator version from which a text computed from a unique integer key is unique by it. */
export const KEY_TEXT_FROM = 27;

const TEXTS = new Set(['text', 'varchar']);

/**
 * The key text a CHECK of the table computes `columns`' one column by, from a column `isUnique` says is
 * unique alone over the rows; undefined for any other key, and before version 27.
 */
export function keyTextKey(
  table: Table,
  columns: readonly string[],
  isUnique: (column: string) => boolean,
  generatorVersion: number,
): KeyText | undefined {
  if (generatorVersion < KEY_TEXT_FROM || columns.length !== 1) return undefined;
  const typeOf = (c: string) => table.columns.find((col) => col.name === c)?.type;
  const column = typeOf(columns[0] as string);
  if (column === undefined || column.arrayDims > 0 || !TEXTS.has(column.name)) return undefined;
  for (const check of table.checks) {
    for (const part of conjuncts(check.expr.ast)) {
      const found = keyTextOf(part);
      const key = found === undefined ? undefined : typeOf(found.key);
      if (found === undefined || found.column !== columns[0] || key === undefined || key.arrayDims > 0)
        continue;
      if (integerTypeNamed(key.name) !== undefined && isUnique(found.key)) return found;
    }
  }
  return undefined;
}

/**
 * A key on a text column computed from a column already unique alone (`uniqueSets`): its column's source
 * set (the engine computes it) and the key unique over the rows; false for any other key.
 */
export function computedFromKey(
  ctx: KeyPlanContext,
  name: string,
  columns: readonly string[],
  uniqueSets: (readonly string[])[],
  sources: Map<string, ColumnSource>,
): boolean {
  const alone = (c: string) => uniqueSets.some((s) => s.length === 1 && s[0] === c);
  const byKey = keyTextKey(ctx.table, columns, alone, ctx.generatorVersion);
  if (byKey === undefined || sources.has(byKey.column)) return false;
  const source: ColumnSource = { kind: 'random', byKey: byKey.key };
  sources.set(byKey.column, source);
  ctx.set(byKey.column, source, `${name}: unique as ${byKey.key} is, computed from it by its CHECK`);
  uniqueSets.push(columns);
  return true;
}

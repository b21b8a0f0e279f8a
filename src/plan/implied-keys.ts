/**
 * Version 4: implied references. An integer `X_id` (or `Xid`, `XId`) column
 * with no declared FK whose name names a table of the schema (`user_id` →
 * users, `category_id` → categories, `reply_to_user_id` → users) with a
 * one-column integer primary key holds that table's keys: the column's
 * random source is marked with the parent (`implied`) and the row
 * engine draws a parent row (skewed, as a free FK) and writes its key
 * (generate/random-column.ts). Only columns nothing else constrains: no
 * CHECK reads it, no unique key, EXCLUDE or FK holds it, no configured values.
 * Version 11: a name of a row of its own table (`parent_id`, a post's
 * `accepted_answer_id`) where no table is named holds its own table's keys.
 */
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { Column, Table } from '../schema/model.js';
import { nameTokens } from '../values/semantic/column-names.js';
import type { ColumnPlan, TablePlan } from './plan-model.js';

const INTEGER_RANK: Readonly<Record<string, number>> = { int2: 1, int4: 2, int8: 3 };

/** The table plans with every implied reference's random source marked with its parent (version 4). */
export function markImpliedKeys(
  plans: readonly TablePlan[],
  lookup: TypeLookup,
  version: number,
): readonly TablePlan[] {
  if (version < 4) return plans;
  const byName = tablesByWord(plans);
  return plans.map((t) => {
    if (t.rows === 0) return t;
    let changed = false;
    const readByChecks = checkedColumns(t.table);
    const columns = t.columns.map((c): ColumnPlan => {
      const parent = impliedParentOf(plans, byName, t, c, lookup, readByChecks, version);
      if (parent === null) return c;
      changed = true;
      const p = plans[parent] as TablePlan;
      const key = `${p.table.schema}.${p.table.name}.${p.table.primaryKey?.columns[0] ?? ''}`;
      return { ...c, source: { kind: 'random', implied: { parent, key } } };
    });
    return changed ? { ...t, columns } : t;
  });
}

/** Tables by the lowercase words of their name, singular and plural (`users`, `user`), this schema first. */
function tablesByWord(plans: readonly TablePlan[]): Map<string, number[]> {
  const byName = new Map<string, number[]>();
  plans.forEach((t, i) => {
    const word = nameTokens(t.table.name).join('_');
    for (const form of new Set([word, singularOf(word)])) {
      const list = byName.get(form) ?? [];
      list.push(i);
      byName.set(form, list);
    }
  });
  return byName;
}

function singularOf(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 2) return word.slice(0, -1);
  return word;
}

/** Columns any CHECK of the table reads (a CHECK's values are not the engine's to break). */
function checkedColumns(table: Table): Set<string> {
  const read = new Set<string>();
  for (const check of table.checks) for (const name of expressionColumns(check.expr.ast)) read.add(name);
  return read;
}

/** The words before `id` in a name (`reply_to_user_id` → reply, to, user; `userid` → user), or null. */
function referenceWords(column: Column): string[] | null {
  const t = nameTokens(column.name);
  if (t.length >= 2 && t[t.length - 1] === 'id') return t.slice(0, -1);
  const only = t[0] ?? '';
  if (t.length === 1 && only.length > 4 && only.endsWith('id')) return [only.slice(0, -2)];
  return null;
}

function impliedParentOf(
  plans: readonly TablePlan[],
  byName: ReadonlyMap<string, number[]>,
  t: TablePlan,
  c: ColumnPlan,
  lookup: TypeLookup,
  readByChecks: ReadonlySet<string>,
  version: number,
): number | null {
  if (c.source.kind !== 'random' || c.steer !== undefined || !c.written) return null;
  const name = c.column.name;
  if (readByChecks.has(name) || Object.keys(c.hints).some((k) => k !== 'notNull')) return null;
  const table = t.table;
  const keyed =
    [table.primaryKey, ...table.uniques].some(
      (k) =>
        k?.columns.includes(name) === true ||
        k?.expressions.some((e) => e !== null && expressionColumns(e.ast).includes(name)) === true,
    ) || table.exclusions.some((x) => x.elements.some((e) => e.column === name));
  if (keyed || table.foreignKeys.some((fk) => fk.columns.includes(name))) return null;
  const base = resolveDomains(c.column.type, lookup).base;
  const rank = INTEGER_RANK[base.name];
  if (rank === undefined || base.arrayDims > 0) return null;
  const words = referenceWords(c.column);
  if (words === null) return null;
  // The longest tail of the words that names a table: `post_action_type_id` → post_action_types before types.
  for (let from = 0; from < words.length; from++) {
    const candidates = byName.get(words.slice(from).join('_')) ?? [];
    const sameSchema = candidates.filter((i) => plans[i]?.table.schema === table.schema);
    const pool = sameSchema.length > 0 ? sameSchema : candidates;
    if (pool.length !== 1) continue;
    const parent = pool[0] as number;
    return holdsKeysOf(plans[parent] as TablePlan, rank, lookup) ? parent : null;
  }
  // Version 11: a row's own table by a name that says so (`parent_id`, a post's `accepted_answer_id`).
  if (version >= 11 && SELF_REFERENCES.has(words.join('_'))) {
    const own = plans.indexOf(t);
    return own >= 0 && holdsKeysOf(t, rank, lookup) ? own : null;
  }
  return null;
}

/** Version 11: names of a reference to a row of the same table where no table is named (StackOverflow's posts). */
const SELF_REFERENCES = new Set([
  'parent',
  'accepted_answer',
  'acceptedanswer',
  'duplicate_of',
  'parent_post',
]);

/** Whether a column of integer rank `rank` holds every key of the parent: a one-column integer primary key. */
function holdsKeysOf(parent: TablePlan, rank: number, lookup: TypeLookup): boolean {
  const key = parent.table.primaryKey;
  if (parent.rows === 0 || parent.excluded || key === null || key.columns.length !== 1) return false;
  const keyPlan = parent.columns.find((c) => c.column.name === key.columns[0]);
  if (keyPlan === undefined) return false;
  const keyRank = INTEGER_RANK[resolveDomains(keyPlan.column.type, lookup).base.name];
  if (keyRank === undefined) return false;
  // A wider key without bounds counts up from 1: it fits while the rows do.
  const unbounded = keyPlan.hints.min === undefined && keyPlan.hints.max === undefined;
  return keyRank <= rank || (unbounded && rank >= 2 && parent.rows < 2 ** 31 - 1);
}

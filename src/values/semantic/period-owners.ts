/**
 * Version 15: which parent owns the periods of a table keyed by two parents
 * (`dept_emp (emp_no, dept_no, from_date, to_date)`: the employee's
 * departments; in a table of heads, `dept_manager`, the department's
 * managers). Read by the planner (plan/key-components.ts: the owner drives
 * the key, or both do) and the row engine (generate/owner-periods.ts).
 */
import type { Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { isPeriodStart } from './period-chain-end.js';

const PEOPLE = new Set([
  'employee',
  'employees',
  'emp',
  'emps',
  'staff',
  'person',
  'people',
  'worker',
  'workers',
  'member',
  'members',
]);
/** A table of heads (`dept_manager`): the periods are the other parent's (a department's managers). */
const HEADS = new Set(['manager', 'managers', 'head', 'heads', 'chair', 'chairs', 'leader', 'leaders']);

/**
 * The index (0 or 1) of the parent whose rows' periods the table holds, given the two key FKs' parent
 * table names: the person, or in a table of heads the other parent; undefined where the table has no
 * date-typed period start or not exactly one parent is a person.
 */
export function periodOwnerOf(table: Table, parents: readonly [string, string]): 0 | 1 | undefined {
  if (!table.columns.some((c) => c.type.name === 'date' && isPeriodStart(table, c.name))) return undefined;
  const people = parents.map((name) => {
    const words = nameTokens(name);
    return PEOPLE.has(words[words.length - 1] ?? '');
  });
  if (people[0] === people[1]) return undefined;
  const person = people[0] ? 0 : 1;
  return nameTokens(table.name).some((w) => HEADS.has(w)) ? ((1 - person) as 0 | 1) : person;
}

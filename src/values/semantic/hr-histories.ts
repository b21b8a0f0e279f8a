/**
 * Version 14: an employee's history reads as one career. A salary in a
 * history of periods beside its employee (`salaries (emp_no, salary,
 * from_date, to_date)`, a series by its start: generate/series-offsets.ts)
 * rises by 2 to 6% a period from the employee's first salary (drawn once per
 * employee as version 13 drew every row's), instead of being drawn alone in
 * each row (version 13: 113 of 240 steps rose, 16 by at most 10%).
 * A department's name in a departments table (`departments.dept_name`,
 * `hr_departments.department_name`) is a company's department (Sales,
 * Engineering, Finance, Human Resources), not a shop's (`Garden`, `Beauty`),
 * numbered past the list where unique (`Sales 2`).
 */

import type { Column, Table } from '../../schema/model.js';
import { mix32, RowRandom, streamKey } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { PERIOD_START_WORDS } from './number-time-names.js';
import { decimalShape } from './number-values.js';
import { createPicker, type SemanticBuild, type SemanticGenerator } from './semantic-generator.js';
import { numberedDictionary } from './text-unique.js';
import type { SemanticUniqueGenerator } from './unique-digits.js';

/** A period's raise: 2 to 6%. */
const RAISE_LOW = 0.02;
const RAISE_SPAN = 0.04;

/**
 * A salary beside a history's start: the employee's first salary (`made`'s
 * draw for the employee) raised 2-6% a period, in whole units where the type
 * holds the last one; `made` elsewhere (no such start, a type too small).
 */
export function withSalaryRaises(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator {
  const start = build.table.columns.find((c) => nameTokens(c.name).some((w) => PERIOD_START_WORDS.has(w)));
  const chain = start === undefined ? undefined : build.ctx.periodChain?.(start.name);
  if (chain === undefined) return made;
  const { scale, maxUnits } = decimalShape(build.base, 2);
  const unit = POW10[scale] as number;
  const key = streamKey(
    build.ctx.seed ?? 0,
    build.table.schema,
    build.table.name,
    build.column.name,
    'raise',
  );
  const first = new RowRandom();
  return {
    random(rand, row) {
      const { parent, k, slots } = chain.place(row);
      const drawn = Number(made.random(first.at(key, parent), row));
      if (!Number.isFinite(drawn)) return made.random(rand, row);
      let salary = drawn;
      // From the first period (k = slots - 1) up to this one: a raise a period.
      for (let j = slots - 2; j >= k; j--)
        salary *=
          1 +
          RAISE_LOW +
          ((mix32(Math.imul(parent, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b) ^ key) % 1000) / 1000) *
            RAISE_SPAN;
      // Whole units, as the employees sample's salaries (an hourly wage under 1,000 keeps its cents).
      const units = drawn >= 1000 ? Math.round(salary) * unit : Math.round(salary * unit);
      return units > maxUnits ? made.random(rand, row) : formatScaled(units, scale);
    },
  };
}

/** A company's departments (the employees sample's nine and Oracle HR's among them). */
export const HR_DEPARTMENTS: readonly string[] = [
  'Sales',
  'Engineering',
  'Finance',
  'Human Resources',
  'Marketing',
  'Research',
  'Development',
  'Production',
  'Quality Management',
  'Customer Service',
  'Administration',
  'Accounting',
  'Purchasing',
  'Shipping',
  'IT',
  'Legal',
  'Public Relations',
  'Operations',
  'Procurement',
  'Facilities',
  'Payroll',
  'Training',
  'Recruiting',
  'Support',
  'Product Management',
  'Business Development',
  'Security',
  'Logistics',
  'Corporate Tax',
  'Treasury',
];
const DEPARTMENT_TABLES = new Set(['department', 'departments', 'dept', 'depts']);

/** A departments table (`departments`, `hr_departments`, `dept`). */
function isDepartmentTable(table: Table): boolean {
  const words = nameTokens(table.name);
  return DEPARTMENT_TABLES.has(words[words.length - 1] ?? '');
}

/** Version 14: a department's name (`dept_name`, `department_name`, a bare `name`) in a departments table. */
export function isHrDepartmentName(table: Table, column: Column): boolean {
  const words = nameTokens(column.name);
  if (!isDepartmentTable(table) || words[words.length - 1] !== 'name') return false;
  return words.length === 1 || (words.length === 2 && DEPARTMENT_TABLES.has(words[0] ?? ''));
}

/** A company's departments that fit the column, or null where fewer than two do (or the column is no such name). */
function hrDepartments(table: Table, column: Column, maxLength: number): readonly string[] | null {
  if (!isHrDepartmentName(table, column)) return null;
  const fitting = HR_DEPARTMENTS.filter((d) => d.length <= maxLength);
  return fitting.length < 2 ? null : fitting;
}

/** Version 14: a department's name in a departments table; null elsewhere. */
export function hrDepartmentGenerator(build: SemanticBuild): SemanticGenerator | null {
  const list = hrDepartments(build.table, build.column, build.maxLength);
  return list === null ? null : createPicker(list);
}

/** Version 14: a unique department name of a departments table (numbered past the list), else null. */
export function hrDepartmentUnique(
  table: Table,
  column: Column,
  maxLength: number,
): SemanticUniqueGenerator | null {
  const list = hrDepartments(table, column, maxLength);
  return list === null ? null : numberedDictionary(list, maxLength);
}

const DEPARTMENT_CODE_NAMES = new Set([
  'dept_no',
  'dept_code',
  'dept_id',
  'department_no',
  'department_code',
  'department_id',
  'no',
  'code',
]);

/**
 * Version 16: a departments table's unique text code (`dept_no char(4)`) as the employees sample writes it:
 * `d001`, `d002`, … (more digits where the column has room past 999); null elsewhere or under 4 characters.
 */
export function hrDepartmentCodeUnique(
  table: Table,
  column: Column,
  maxLength: number,
): SemanticUniqueGenerator | null {
  if (!isDepartmentTable(table) || !DEPARTMENT_CODE_NAMES.has(nameTokens(column.name).join('_'))) return null;
  if (maxLength < 4) return null;
  const space = 10 ** Math.min(9, maxLength - 1) - 1;
  return { space, dense: true, inRowOrder: true, value: (k) => `d${String(k + 1).padStart(3, '0')}` };
}

/**
 * Version 15: a jobs table's codes and titles as Oracle's HR sample writes
 * them (`jobs (job_id varchar(10), job_title varchar(35), …)`): a code of a
 * department's abbreviation and a role (`AD_PRES`, `IT_PROG`, `SA_REP`),
 * the sample's nineteen and other departments' roles (`LG_ANLST`),
 * and a title that agrees with the row's code (`Programmer` for `IT_PROG`,
 * `Legal Analyst` for `LG_ANLST`). Version 14 drew codes and titles apart.
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import {
  createPicker,
  type SemanticBuild,
  type SemanticGenerator,
  siblingReader,
} from './semantic-generator.js';
import type { SemanticUniqueGenerator } from './unique-digits.js';

/** Oracle HR's jobs. */
const SAMPLE_JOBS: readonly (readonly [string, string])[] = [
  ['AD_PRES', 'President'],
  ['AD_VP', 'Administration Vice President'],
  ['AD_ASST', 'Administration Assistant'],
  ['FI_MGR', 'Finance Manager'],
  ['FI_ACCOUNT', 'Accountant'],
  ['AC_MGR', 'Accounting Manager'],
  ['AC_ACCOUNT', 'Public Accountant'],
  ['SA_MAN', 'Sales Manager'],
  ['SA_REP', 'Sales Representative'],
  ['PU_MAN', 'Purchasing Manager'],
  ['PU_CLERK', 'Purchasing Clerk'],
  ['ST_MAN', 'Stock Manager'],
  ['ST_CLERK', 'Stock Clerk'],
  ['SH_CLERK', 'Shipping Clerk'],
  ['IT_PROG', 'Programmer'],
  ['MK_MAN', 'Marketing Manager'],
  ['MK_REP', 'Marketing Representative'],
  ['HR_REP', 'Human Resources Representative'],
  ['PR_REP', 'Public Relations Representative'],
];
/** Departments by their abbreviation, the sample's first. */
const DEPARTMENTS: readonly (readonly [string, string])[] = [
  ['AD', 'Administration'],
  ['FI', 'Finance'],
  ['AC', 'Accounting'],
  ['SA', 'Sales'],
  ['PU', 'Purchasing'],
  ['ST', 'Stock'],
  ['SH', 'Shipping'],
  ['IT', 'IT'],
  ['MK', 'Marketing'],
  ['HR', 'Human Resources'],
  ['PR', 'Public Relations'],
  ['LG', 'Legal'],
  ['OP', 'Operations'],
  ['RD', 'Research'],
  ['CS', 'Customer Service'],
  ['QA', 'Quality'],
  ['PY', 'Payroll'],
  ['TR', 'Training'],
  ['SC', 'Security'],
  ['LO', 'Logistics'],
];
const ROLES: readonly (readonly [string, string])[] = [
  ['MGR', 'Manager'],
  ['REP', 'Representative'],
  ['CLERK', 'Clerk'],
  ['ASST', 'Assistant'],
  ['ANLST', 'Analyst'],
  ['SPEC', 'Specialist'],
  ['COORD', 'Coordinator'],
  ['DIR', 'Director'],
  ['LEAD', 'Lead'],
  ['ENG', 'Engineer'],
];

/** Every job: the sample's, then each department's roles (codes the sample has left out). */
const JOBS: readonly (readonly [string, string])[] = (() => {
  const jobs = [...SAMPLE_JOBS];
  const taken = new Set(jobs.map(([code]) => code));
  for (const [role, roleName] of ROLES)
    for (const [dept, deptName] of DEPARTMENTS) {
      const code = `${dept}_${role}`;
      if (!taken.has(code)) jobs.push([code, `${deptName} ${roleName}`]);
    }
  return jobs;
})();
const TITLE_OF = new Map(JOBS);
const JOB_TABLES = new Set(['job', 'jobs']);

/** A jobs table (`jobs`, `hr_jobs`). */
function isJobsTable(table: Table): boolean {
  const words = nameTokens(table.name);
  return JOB_TABLES.has(words[words.length - 1] ?? '');
}

/** Version 15: a jobs table's code (`job_id`, `job_code`, a bare `code`) of a text type. */
export function isJobCode(table: Table, column: Column): boolean {
  const words = nameTokens(column.name).join('_');
  return isJobsTable(table) && (words === 'job_id' || words === 'job_code' || words === 'code');
}

/** The jobs whose code and title both fit (`titleMax`: the title column's room, Infinity when unknown). */
function fittingJobs(codeMax: number, titleMax = Number.POSITIVE_INFINITY) {
  return JOBS.filter(([code, title]) => code.length <= codeMax && title.length <= titleMax);
}

/** Version 15: a jobs table's unique codes, the sample's first; null where fewer than two fit. */
export function hrJobCodeUnique(
  table: Table,
  column: Column,
  maxLength: number,
): SemanticUniqueGenerator | null {
  if (!isJobCode(table, column)) return null;
  const codes = fittingJobs(maxLength).map(([code]) => code);
  return codes.length < 2 ? null : { space: codes.length, dense: true, value: (k) => codes[k] as string };
}

/**
 * Version 15: a jobs table's code drawn (not unique), or its title as the row's code says (a code of no
 * job: `made`); null where the column is neither.
 */
export function hrJobGenerator(build: SemanticBuild, made: SemanticGenerator): SemanticGenerator | null {
  const { table, column } = build;
  if (!isJobsTable(table)) return null;
  if (isJobCode(table, column)) {
    const codes = fittingJobs(build.maxLength).map(([code]) => code);
    return codes.length < 2 ? null : createPicker(codes);
  }
  const code = table.columns.find((c) => c !== column && isJobCode(table, c));
  if (code === undefined) return null;
  const read = siblingReader(build.ctx, code.name);
  return {
    random(rand, row) {
      const title = TITLE_OF.get(read(row) ?? '');
      return title !== undefined && title.length <= build.maxLength ? title : made.random(rand, row);
    },
  };
}

/**
 * A table's CHECKs (its own, its partitions', its columns' domains') → what
 * the planner and the row engine need: single-column hints, comparisons
 * between columns, per-row choices among OR branches, "exactly one of"
 * groups, and the conjuncts to evaluate per row. A CHECK no part of which
 * can be compiled or evaluated comes back as a problem to warn about.
 */

import { applyAtom } from '../checks/apply-atom.js';
import { type Atom, atomColumns, type Formula } from '../checks/check-atoms.js';
import { type ColumnHints, hintsIn } from '../checks/check-hints.js';
import { compileFormula, type FormulaOptions } from '../checks/compile-formula.js';
import { fieldBounds, foldFieldHints } from '../checks/composite-field-hints.js';
import { compileExpression } from '../checks/evaluate-expr.js';
import { NotEvaluableError, SqlRuntimeError, type TypeReadings } from '../checks/evaluation.js';
import { nullOrBounds, withoutNullBranches } from '../checks/formula-null-branches.js';
import { toDatePattern } from '../checks/to-date.js';
import { checkConjuncts } from '../checks/true-conjuncts.js';
import { readsUserTypes } from '../checks/typed-casts.js';
import { expressionColumns } from '../schema/expression-columns.js';
import type { CheckConstraint } from '../schema/model.js';
import { multirangeHints } from './multirange-hints.js';
import type { CheckPart, TableCheckPlan } from './plan-model.js';
import { rangeBoundHints } from './range-bound-hints.js';
import { unreachedCalls } from './strict-calls.js';

/** Every column the table's row-engine CHECKs read (the engine decides them; see generate/row-checks.ts). */
export function columnsReadByRowChecks(checks: TableCheckPlan): Set<string> {
  const columns = new Set<string>();
  for (const part of [...checks.verify, ...checks.relations, ...checks.counts, ...checks.choices]) {
    for (const c of expressionColumns(part.ast)) columns.add(c);
  }
  return columns;
}

export interface CheckProblem {
  readonly check: string;
  readonly text: string;
  /** `strict-call`: the CHECK calls a STRICT function datagen cannot read; it holds with these columns NULL. */
  readonly kind: 'not-evaluable' | 'unsatisfiable' | 'future' | 'strict-call';
  readonly reason: string;
  readonly columns?: readonly string[];
}

export interface PlannedChecks {
  readonly hints: Map<string, ColumnHints>;
  /** The conjuncts compiled into one column's hints, by column (evaluated per row where hints cannot be applied, e.g. FK columns). */
  readonly columnParts: ReadonlyMap<string, readonly CheckPart[]>;
  readonly plan: TableCheckPlan;
  readonly problems: readonly CheckProblem[];
}

/** A domain's CHECK rewritten over a column: `VALUE` becomes the column. */
export function domainCheckOnColumn(check: CheckConstraint, column: string): CheckConstraint {
  const rename = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rename);
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { ColumnRef?: { fields?: unknown[] } }).ColumnRef;
    if (ref && Array.isArray(ref.fields) && ref.fields.length === 1) {
      const s = (ref.fields[0] as { String?: { sval?: string } }).String;
      if (s?.sval === 'value') return { ColumnRef: { ...ref, fields: [{ String: { sval: column } }] } };
    }
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rename(v)]));
  };
  return { ...check, expr: { ...check.expr, ast: rename(check.expr.ast) } };
}

/**
 * A conjunct that reads no column (`1 = 0`, `now() < '2000-01-01'`) has one
 * value for every row: why it never holds (false, or an error), '' when it
 * always does (true or NULL), undefined when it reads columns or cannot be
 * evaluated.
 */
function constantlyFalse(ast: unknown, now: number): string | undefined {
  if (expressionColumns(ast).length > 0) return undefined;
  try {
    return compileExpression(ast, { now })(() => null) === false ? 'always false' : '';
  } catch (error) {
    if (error instanceof NotEvaluableError) return undefined;
    if (error instanceof SqlRuntimeError) return `it fails: ${error.message}`;
    throw error;
  }
}

/** Plan every CHECK of a table. `now` is the reference time (seconds) the evaluator reads now() as. */
export function planTableChecks(
  checks: readonly CheckConstraint[],
  readings: FormulaOptions,
  now: number,
  notNull: ReadonlySet<string> = new Set(),
  keyed: ReadonlySet<string> = new Set(),
  types: TypeReadings = {},
): PlannedChecks {
  // readings.columnFamily (when set) keeps value-changing casts out of the compiled shapes.
  const table: TableReadings = { readings, now, notNull, keyed, types };
  const hints = new Map<string, ColumnHints>();
  const draft: ChecksDraft = {
    hints,
    hintsOf: hintsIn(hints),
    relations: [],
    counts: [],
    multiples: [],
    choices: [],
    verify: [],
    compiled: [],
    problems: [],
    columnParts: new Map(),
    usesNow: false,
  };
  for (const check of checks) {
    for (const ast of checkConjuncts(check.expr.ast, readings.generatorVersion)) {
      planConjunct(draft, table, { check: check.name, text: check.expr.text, ast });
    }
  }
  foldFieldHints(hints);
  const { relations, counts, choices, verify, compiled, usesNow, multiples } = draft;
  verifyRelatedBounds(relations, choices, draft.columnParts, verify, (part) => {
    try {
      compileExpression(part.ast, { now, ...types });
      return true;
    } catch (error) {
      if (error instanceof NotEvaluableError) return false;
      throw error;
    }
  });
  return {
    hints,
    columnParts: draft.columnParts,
    plan: {
      relations,
      counts,
      choices,
      verify,
      compiled,
      usesNow,
      ...(multiples.length > 0 ? { multiples } : {}),
    },
    problems: draft.problems,
  };
}

/** What a table's CHECKs are planned under: the formula readings, now(), NOT NULL and key columns, user types. */
interface TableReadings {
  readonly readings: FormulaOptions;
  readonly now: number;
  readonly notNull: ReadonlySet<string>;
  readonly keyed: ReadonlySet<string>;
  readonly types: TypeReadings;
}

/** What planning a table's CHECKs gathers, conjunct by conjunct. */
interface ChecksDraft {
  readonly hints: Map<string, ColumnHints>;
  readonly hintsOf: (column: string) => ColumnHints;
  readonly relations: TableCheckPlan['relations'][number][];
  readonly counts: TableCheckPlan['counts'][number][];
  readonly multiples: NonNullable<TableCheckPlan['multiples']>[number][];
  readonly choices: TableCheckPlan['choices'][number][];
  readonly verify: CheckPart[];
  readonly compiled: TableCheckPlan['compiled'][number][];
  readonly problems: CheckProblem[];
  readonly columnParts: Map<string, CheckPart[]>;
  usesNow: boolean;
}

function addProblem(draft: ChecksDraft, part: CheckPart, kind: CheckProblem['kind'], reason: string): void {
  draft.problems.push({ check: part.check, text: part.text, kind, reason });
}

/**
 * One conjunct of a CHECK: a constant one told when it never holds; else its
 * formula (none when it reads user types: evaluated per row), whose OR
 * branches become a per-row choice and whose one branch's atoms become hints
 * or row-level parts.
 */
function planConjunct(draft: ChecksDraft, table: TableReadings, part: CheckPart): void {
  const { ast } = part;
  const never = constantlyFalse(ast, table.now);
  if (never !== undefined) {
    if (never) addProblem(draft, part, 'unsatisfiable', never);
    return;
  }
  const unread = unreachedCalls(ast, { now: table.now, ...table.types });
  if (unread.length > 0) {
    const columns = expressionColumns(ast);
    if (!columns.some((c) => table.notNull.has(c)))
      draft.problems.push({ ...part, kind: 'strict-call', reason: unread.join(', '), columns });
  }
  const dateText = toDatePattern(ast);
  if (
    (dateText !== undefined && applyAtom(draft.hintsOf, dateText)) ||
    rangeBoundHints(draft.hintsOf, table.types, ast) ||
    multirangeHints(draft.hintsOf, table.types, ast, {
      now: table.now,
      version: table.readings.generatorVersion ?? 0,
    })
  ) {
    draft.verify.push(part);
    return;
  }
  // `(column).field` bounds for a composite's generator; the CHECK itself is evaluated per row below.
  fieldBounds(ast, table.readings, table.notNull, draft.hintsOf);
  let formula: Formula | undefined;
  try {
    // Enum labels in order (`p <= q` over an enum: not text order), a domain cast: evaluated per row.
    formula = readsUserTypes(ast, table.types)
      ? undefined
      : nullOrBounds(withoutNullBranches(compileFormula(ast, table.readings), table.notNull), table.keyed);
  } catch (error) {
    // A constant datagen reads differently from PostgreSQL: the CHECK is not planned, with a warning.
    if (!(error instanceof SqlRuntimeError)) throw error;
    addProblem(draft, part, 'not-evaluable', error.message);
    return;
  }
  const atoms = formula?.flat() ?? [];
  if (atoms.some((a) => a.kind === 'compare' && a.now)) {
    draft.usesNow = true;
    if (atoms.some((a) => a.kind === 'compare' && a.now && (a.op === '>' || a.op === '>=')))
      addProblem(draft, part, 'future', 'lower bound from now()');
  }
  if (!formula) {
    try {
      compileExpression(ast, { now: table.now, ...table.types });
      draft.verify.push(part);
    } catch (error) {
      if (!(error instanceof NotEvaluableError)) throw error;
      addProblem(draft, part, 'not-evaluable', error.message);
    }
    return;
  }
  if (formula.length === 0) {
    addProblem(draft, part, 'unsatisfiable', 'always false');
    return;
  }
  if (formula.length > 1) {
    // A unique key's column fixes its value by the key, so no per-row choice can change it: its first
    // branch that hints can meet alone is its hints (Sourcegraph's package_repo_filters.matcher).
    if (!keyedBranchHints(formula, table.keyed, draft.hints, draft.hintsOf))
      draft.choices.push({ ...part, branches: formula });
    draft.verify.push(part);
    return;
  }
  if (placeAtoms(draft, part, formula[0] as readonly Atom[])) draft.verify.push(part);
}

/**
 * The atoms of a one-branch conjunct: relations, counts and multiples to the
 * row engine, the rest applied to their column's hints. True when the
 * conjunct is also evaluated per row.
 */
function placeAtoms(draft: ChecksDraft, part: CheckPart, branch: readonly Atom[]): boolean {
  let rowLevel = false;
  for (const atom of branch) {
    if (atom.kind === 'relation') {
      draft.relations.push({ ...part, atom });
      rowLevel = true;
    } else if (atom.kind === 'count') {
      draft.counts.push({ ...part, atom });
      rowLevel = true;
    } else if (atom.kind === 'multiple') {
      draft.multiples.push({ ...part, atom });
      rowLevel = true;
    } else if (!applyAtom(draft.hintsOf, atom)) {
      addProblem(draft, part, 'unsatisfiable', 'always false');
    } else {
      draft.compiled.push({ check: part.check, atom });
      // A residue (values/integer-progression.ts) and a network (values/types/network.ts) are made by
      // construction and still evaluated per row.
      // So is a byte length (octet_length(): a multibyte value can be longer in bytes than in characters).
      // And an overlap made from its values (two overlaps intersect them).
      if (
        atom.kind === 'residue' ||
        atom.kind === 'network' ||
        (atom.kind === 'length' && atom.bytes) ||
        (atom.kind === 'elements' && atom.overlap)
      )
        rowLevel = true;
      if ('column' in atom && typeof atom.column === 'string') {
        const parts = draft.columnParts.get(atom.column) ?? [];
        if (!parts.includes(part)) parts.push(part);
        draft.columnParts.set(atom.column, parts);
      }
    }
  }
  return rowLevel;
}

/**
 * A column a relation between columns decides (`completed_count = total_count`
 * in one branch of an OR) can take a value outside its own bounds
 * (`total_count > 0` while completed_count is 0): the CHECKs compiled into
 * the hints of every column a relation reads are evaluated per row as well,
 * so such a row is made again (Boundary's kms_data_key_version_destruction_job_run).
 */
function verifyRelatedBounds(
  relations: TableCheckPlan['relations'],
  choices: TableCheckPlan['choices'],
  columnParts: ReadonlyMap<string, readonly CheckPart[]>,
  verify: CheckPart[],
  evaluable: (part: CheckPart) => boolean,
): void {
  const related = new Set<string>();
  for (const r of relations) for (const c of atomColumns(r.atom)) related.add(c);
  for (const choice of choices)
    for (const atom of choice.branches.flat())
      if (atom.kind === 'relation') for (const c of atomColumns(atom)) related.add(c);
  for (const column of related)
    for (const part of columnParts.get(column) ?? [])
      if (!verify.includes(part) && evaluable(part)) verify.push(part);
}

/**
 * An OR over one column of a unique key whose branches are single-column
 * shapes (`(m ? 'a' AND NOT m ? 'b') OR (m ? 'b' AND NOT m ? 'a')`): the
 * first branch applied to the column's hints, when every atom of it applies.
 */
function keyedBranchHints(
  formula: Formula,
  keyed: ReadonlySet<string>,
  hints: Map<string, ColumnHints>,
  hintsOf: (column: string) => ColumnHints,
): boolean {
  const columns = new Set(formula.flat().flatMap(atomColumns));
  const column = [...columns][0];
  if (columns.size !== 1 || column === undefined || !keyed.has(column)) return false;
  const single = (a: Atom) => a.kind !== 'relation' && a.kind !== 'count' && a.kind !== 'multiple';
  for (const branch of formula) {
    if (!branch.every(single)) continue;
    const trial: ColumnHints = { ...hintsOf(column) };
    if (branch.every((a) => applyAtom(() => trial, a))) {
      hints.set(column, trial);
      return true;
    }
  }
  return false;
}

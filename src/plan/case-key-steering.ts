/**
 * A unique key over a CASE whose results are plain columns, with no tag to keep the branches apart
 * (`CASE WHEN a IS NULL THEN b ELSE a END`, `CASE WHEN kind = 'x' THEN ref1 ELSE ref2 END`): results of
 * different branches may meet (one row's b, another's a), so no per-branch key holds it
 * (case-key-branches.ts needs each branch tagged). Instead every row is steered into one branch whose
 * result is injective in one column C: C is the key's column (unique, never NULL), each earlier WHEN is
 * made false (`C IS NULL`; `k = 'x'`, `k IN (...)` by leaving those values out of k, a NULL k is false too)
 * and the branch's own WHEN true (`C IS NOT NULL`; `k = 'x'` by holding k to 'x', never NULL), or it is
 * the ELSE. A WHEN testing another column O for NULL (`CASE WHEN deleted_at IS NULL THEN email ELSE id::text
 * END`) is made true or false by holding O NULL or set in every row. The branch that asks least of the other
 * columns is taken: nothing asked, then values left out, then a column held NULL (a soft delete's live rows),
 * then one held set, then a column held to a WHEN's values.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import {
  columnRef,
  field,
  injectiveColumn,
  intConst,
  type KeyExpression,
  lastName,
  stringConst,
} from './key-expressions.js';

/** The column a branch's result is, and the values each other column must not take for the rows to reach it. */
export interface SteeredCase {
  readonly column: string;
  readonly exclude: ReadonlyMap<string, readonly string[]>;
  /** A WHEN `k = 'x'` made true: k takes only these values, never NULL. */
  readonly only?: { readonly column: string; readonly values: readonly string[] };
  /** Other columns a WHEN tests for NULL, held NULL (true) or set (false) in every row. */
  readonly nulls: ReadonlyMap<string, boolean>;
}

/** A constant's text (`'x'`, `'x'::text`, `3`), or undefined. */
function constantText(node: unknown): string | undefined {
  const inner = field(node, 'TypeCast')?.arg ?? node;
  const text = stringConst(inner);
  if (text !== undefined) return text;
  const int = intConst(inner);
  return int === undefined ? undefined : String(int);
}

/** `k = c`, `k IN (c, …)`, `k = ANY (ARRAY[c, …])`: the column and its constants, or undefined. */
function equality(node: unknown): { column: string; values: string[] } | undefined {
  const expr = field(node, 'A_Expr');
  if (!expr || lastName(expr.name) !== '=') return undefined;
  const column = columnRef(expr.lexpr);
  if (column === undefined) return undefined;
  const list =
    expr.kind === 'AEXPR_OP'
      ? [expr.rexpr]
      : expr.kind === 'AEXPR_IN'
        ? field(expr.rexpr, 'List')?.items
        : expr.kind === 'AEXPR_OP_ANY'
          ? field(field(expr.rexpr, 'TypeCast')?.arg ?? expr.rexpr, 'A_ArrayExpr')?.elements
          : undefined;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const values = list.map(constantText);
  return values.every((v) => v !== undefined) ? { column, values: values as string[] } : undefined;
}

/** `C IS NULL` / `C IS NOT NULL` on the result's column C: whether it is true when C is set; else undefined. */
function nullTestOn(node: unknown, column: string): boolean | undefined {
  const test = field(node, 'NullTest');
  if (!test || columnRef(test.arg) !== column) return undefined;
  return test.nulltesttype === 'IS_NOT_NULL';
}

/** `O IS NULL` / `O IS NOT NULL` on a column: the column and whether the test is `IS NULL`; else undefined. */
function nullTest(node: unknown): { column: string; isNull: boolean } | undefined {
  const test = field(node, 'NullTest');
  const column = test ? columnRef(test.arg) : undefined;
  return column === undefined ? undefined : { column, isNull: test?.nulltesttype === 'IS_NULL' };
}

/** What reaching a branch asks: the values left out of other columns, the one column held to values, the columns held NULL or set. */
interface Reach {
  readonly exclude: Map<string, string[]>;
  readonly only?: { readonly column: string; readonly values: readonly string[] };
  readonly nulls: Map<string, boolean>;
}

/** Hold `test`'s column so the test is `truth` (NULL for a true IS NULL); false where an earlier WHEN holds it otherwise. */
function holdNull(
  nulls: Map<string, boolean>,
  test: { column: string; isNull: boolean },
  truth: boolean,
): boolean {
  const held = test.isNull === truth;
  if (nulls.get(test.column) === !held) return false;
  nulls.set(test.column, held);
  return true;
}

/** What the rows must meet to reach branch `k` with result column C, or undefined. */
function reach(
  conditions: readonly unknown[],
  k: number,
  column: string,
  subject: string | undefined,
): Reach | undefined {
  const exclude = new Map<string, string[]>();
  const nulls = new Map<string, boolean>();
  for (let j = 0; j <= k && j < conditions.length; j++) {
    const condition = conditions[j];
    const setTest = subject === undefined ? nullTestOn(condition, column) : undefined;
    const other = subject === undefined && setTest === undefined ? nullTest(condition) : undefined;
    if (other !== undefined) {
      // Another column's NULL test: held so, true for branch k, false before it.
      if (!holdNull(nulls, other, j === k)) return undefined;
      if (j === k) return { exclude, nulls };
      continue;
    }
    const value = subject === undefined ? undefined : constantText(condition);
    const eq =
      setTest !== undefined
        ? undefined
        : subject === undefined
          ? equality(condition)
          : value === undefined
            ? undefined
            : { column: subject, values: [value] };
    if (j === k) {
      if (setTest === true) return { exclude, nulls };
      // `k = 'x'` made true: k only 'x' (never NULL), unless an earlier WHEN left 'x' out or held k NULL.
      if (eq === undefined || eq.column === column || nulls.get(eq.column) === true) return undefined;
      const left = eq.values.filter((v) => !exclude.get(eq.column)?.includes(v));
      return left.length === 0 ? undefined : { exclude, nulls, only: { column: eq.column, values: left } };
    }
    if (setTest === false) continue;
    if (eq === undefined || eq.column === column) return undefined;
    exclude.set(eq.column, [...(exclude.get(eq.column) ?? []), ...eq.values]);
  }
  return { exclude, nulls };
}

/** A CASE's WHEN conditions, its results (the ELSE last) and its subject column (`CASE k WHEN …`), or undefined. */
function caseParts(
  ast: unknown,
): { conditions: unknown[]; results: unknown[]; subject: string | undefined } | undefined {
  const kase = field(ast, 'CaseExpr');
  if (!kase || !Array.isArray(kase.args)) return undefined;
  const whens = (kase.args as unknown[]).map((w) => field(w, 'CaseWhen'));
  const subject = kase.arg === undefined ? undefined : columnRef(kase.arg);
  if (kase.arg !== undefined && subject === undefined) return undefined;
  return {
    conditions: whens.map((w) => w?.expr),
    results: [...whens.map((w) => w?.result), kase.defresult],
    subject,
  };
}

/** The branches every row could be steered into (see the top of this file), those asking least first. */
export function steeredCases(ast: unknown): SteeredCase[] {
  const parts = caseParts(ast);
  if (parts === undefined) return concatenatedCases(ast);
  const { conditions, results, subject } = parts;
  const found = results.flatMap((result, k) => {
    const column = result === undefined ? undefined : injectiveColumn(result);
    const reached = column === undefined ? undefined : reach(conditions, k, column, subject);
    return column === undefined || reached === undefined ? [] : [{ column, ...reached }];
  });
  return leastAskingFirst(found);
}

/**
 * Branches asking least first: values left out keep the rest; a column held NULL (a soft delete's live rows),
 * then one held set, keep its other values out; a column held to a WHEN's values keeps only those, dearer.
 */
function leastAskingFirst(found: SteeredCase[]): SteeredCase[] {
  const held = (s: SteeredCase) =>
    [...s.nulls.values()].reduce((sum, isNull) => sum + (isNull ? 1.1 : 1.3), 0);
  const cost = (s: SteeredCase) => s.exclude.size + held(s) + (s.only ? 1.5 : 0);
  return found.sort((a, b) => cost(a) - cost(b));
}

/**
 * `C || CASE … END` (or the CASE first) with a branch whose result is a constant (goatcounter's generated
 * `country || CASE region WHEN '' THEN '' ELSE '-' || region END`): rows steered into such a branch give
 * C with a constant after (or before) it, injective in C. Those branches, asking least first.
 */
function concatenatedCases(ast: unknown): SteeredCase[] {
  const expr = field(ast, 'A_Expr');
  if (expr?.kind !== 'AEXPR_OP' || lastName(expr.name) !== '||') return [];
  const found: SteeredCase[] = [];
  for (const [plain, other] of [
    [expr.lexpr, expr.rexpr],
    [expr.rexpr, expr.lexpr],
  ]) {
    const column = injectiveColumn(plain);
    const parts = caseParts(other);
    if (column === undefined || parts === undefined) continue;
    parts.results.forEach((result, k) => {
      if (result === undefined || constantText(result) === undefined) return;
      const reached = reach(parts.conditions, k, column, parts.subject);
      if (reached !== undefined) found.push({ column, ...reached });
    });
  }
  return leastAskingFirst(found);
}

/** Whether the column's hints can take what the branch asks of it (a value left, not decided elsewhere; NULL where nullable). */
function reachable(
  steered: SteeredCase,
  decided: (column: string) => boolean,
  hintsOf: (column: string) => ColumnHints,
  nullable: (column: string) => boolean,
) {
  for (const [column, values] of steered.exclude) {
    const listed = hintsOf(column).oneOf;
    if (decided(column) || listed?.every((v) => values.includes(v))) return false;
  }
  for (const [column, isNull] of steered.nulls) {
    const h = hintsOf(column);
    if (decided(column) || (isNull ? !nullable(column) || h.notNull : h.nullOnly)) return false;
  }
  const only = steered.only;
  if (only === undefined) return true;
  const h = hintsOf(only.column);
  const excluded = h.exclude ?? [];
  const left = only.values.filter(
    (v) => !excluded.includes(v) && (h.oneOf === undefined || h.oneOf.includes(v)),
  );
  return !decided(only.column) && !h.nullOnly && left.length > 0;
}

/** What steering reads of the table: columns decided elsewhere, their hints, which may be NULL. */
export interface CaseSteering {
  readonly decided: (column: string) => boolean;
  readonly hintsOf: (column: string) => ColumnHints;
  readonly nullable: (column: string) => boolean;
  /** Whether a branch may hold a column NULL or set in every row (false: another column of the key is free to vary). */
  readonly holdNulls: boolean;
}

/**
 * The key element as the steered branch's column, the other columns' hints made to reach it (values left
 * out, or one column held to the WHEN's values and never NULL); the element as it was where no branch can
 * be reached so (a column decided elsewhere, or no value left).
 */
export function steerCaseElement(
  element: KeyExpression,
  ast: unknown,
  { decided, hintsOf, nullable, holdNulls }: CaseSteering,
): KeyExpression {
  if (element.kind !== 'opaque') return element;
  const steered = steeredCases(ast).find(
    (s) => (holdNulls || s.nulls.size === 0) && reachable(s, decided, hintsOf, nullable),
  );
  if (steered === undefined) return element;
  for (const [column, isNull] of steered.nulls) {
    const h = hintsOf(column);
    if (isNull) h.nullOnly = true;
    else h.notNull = true;
  }
  for (const [column, values] of steered.exclude) {
    const h = hintsOf(column);
    h.exclude = [...(h.exclude ?? []), ...values];
  }
  if (steered.only) {
    const h = hintsOf(steered.only.column);
    const values = steered.only.values;
    h.oneOf = h.oneOf === undefined ? [...values] : h.oneOf.filter((v) => values.includes(v));
    h.notNull = true;
  }
  return { kind: 'columns', columns: [steered.column] };
}

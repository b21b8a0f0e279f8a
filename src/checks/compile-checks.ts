/**
 * A list of CHECK expressions (ANDed) compiled into single-column hints
 * (check-hints.ts); what it cannot compile is returned as SQL text so the
 * planner can name it. The reference for now() and its two readings live
 * here too.
 */
import type { Expr } from '../schema/model.js';
import { applyAtom } from './apply-atom.js';
import { type ColumnHints, hintsIn } from './check-hints.js';
import { compileFormula, type FormulaOptions } from './compile-formula.js';
import { foldFieldHints, withFieldColumns } from './composite-field-hints.js';
import { withoutNullBranches } from './formula-null-branches.js';
import { checkConjuncts } from './true-conjuncts.js';

export interface CompiledChecks {
  /** Hints by column name (for a domain: under the name `value`). */
  readonly hints: ReadonlyMap<string, ColumnHints>;
  /** The parts of the expression that were not understood (as SQL text). */
  readonly unsupported: readonly string[];
}

/** The default reference for now(): today, 00:00 UTC. */
export function defaultReferenceTime(): Date {
  const now = Date.now();
  return new Date(now - (now % 86_400_000));
}

/** The two readings of now() bounds use (see `FormulaOptions`), from the reference time. */
export function nowReadings(reference: Date): FormulaOptions {
  const seconds = Math.floor(reference.getTime() / 1000);
  // Upper bounds (`<= now()`) are read a day early so every session time zone's current_date passes;
  // lower bounds (`> now()`) 30 days late so the rows stay valid for a month after the reference time.
  return { nowEarly: seconds - 86_400, nowLate: seconds + 30 * 86_400 };
}

/** Compile a list of CHECK expressions (all must hold: they are ANDed) into single-column hints. */
export function compileChecks(
  exprs: readonly Expr[],
  options?: FormulaOptions,
  notNull: ReadonlySet<string> = new Set(),
): CompiledChecks {
  const readings = options ?? nowReadings(defaultReferenceTime());
  const hints = new Map<string, ColumnHints>();
  const unsupported: string[] = [];
  const hintsOf = hintsIn(hints);
  for (const e of exprs) {
    // A CHECK on composite fields gives the fields bounds and is still evaluated per row.
    const fields = { any: false };
    const ast = withFieldColumns(e.ast, fields);
    let all = !fields.any;
    for (const part of checkConjuncts(ast, readings.generatorVersion)) {
      const formula = withoutNullBranches(compileFormula(part, readings), notNull);
      const branch = formula?.length === 1 ? formula[0] : undefined;
      const single = branch?.every(
        (a) =>
          a.kind !== 'relation' &&
          a.kind !== 'count' &&
          a.kind !== 'residue' &&
          a.kind !== 'multiple' &&
          !(a.kind === 'constant' && !a.value),
      );
      if (!branch || !single) {
        all = false;
        continue;
      }
      for (const atom of branch) applyAtom(hintsOf, atom);
    }
    if (!all) unsupported.push(e.text);
  }
  foldFieldHints(hints);
  return { hints, unsupported };
}

/**
 * The row engine's choices for one attempt at a row (generate/row-checks.ts):
 * one branch of each OR CHECK, and for each `num_nonnulls(...)`-like count
 * which of its columns are set. Both are hashes of (seed, table, check,
 * attempt, row). The result: per-column hints (NOT NULL, NULL only, bounds
 * from the chosen branch) and the relations the chosen branches add.
 */

import { applyAtom } from '../checks/apply-atom.js';
import type { Atom } from '../checks/check-atoms.js';
import type { ColumnHints } from '../checks/check-hints.js';
import type { ColumnPlan, TablePlan } from '../plan/plan-model.js';
import type { RowRandom } from '../values/random.js';
import type { RelationAtom } from './relation-values.js';

export interface RowChoicesContext {
  readonly plan: TablePlan['checks'];
  nullable(column: string): boolean;
  readonly columnPlans: ReadonlyMap<string, ColumnPlan>;
  readonly random: RowRandom;
  /** The table's stream key for these parts. */
  key(...parts: (string | number)[]): number;
  /**
   * Version 19: columns NULL from a row on (a nullable FK past its key's room, plan/key-room.ts): from
   * there they are never among a count's set columns, and a branch wanting them set is not taken.
   */
  readonly nullFrom?: ReadonlyMap<string, number>;
  /** Version 20: columns NULL at a row by its tuple (one of two FKs sharing a key component), as `nullFrom`'s. */
  nulledAt?(row: number): readonly string[];
}

export interface RowChoices {
  /** Hints of the columns a choice touched (the plan's hints, changed). */
  readonly hints: Map<string, ColumnHints>;
  /** The table's static relations and those of the chosen branches. */
  readonly activeRelations: RelationAtom[];
}

/** Paths of earlier choices whose open branches are kept (more: worked out per row). */
const MAX_PATHS = 4096;

/** Whether `x` set columns meet a count atom's comparison. */
function countMeets(atom: Extract<Atom, { kind: 'count' }>, x: number): boolean {
  switch (atom.op) {
    case '=':
      return x === atom.value;
    case '<>':
      return x !== atom.value;
    case '<':
      return x < atom.value;
    case '<=':
      return x <= atom.value;
    case '>':
      return x > atom.value;
    default:
      return x >= atom.value;
  }
}

/**
 * Whether a branch, applied over the hints chosen so far (else the
 * columns' own), leaves every column it touches some value: not all its
 * listed values excluded, not NULL-only where it must not be NULL.
 */
function leavesValues(
  branch: readonly Atom[],
  chosen: ReadonlyMap<string, ColumnHints>,
  { columnPlans, nullable }: Pick<RowChoicesContext, 'columnPlans' | 'nullable'>,
): boolean {
  const trial = new Map<string, ColumnHints>();
  const trialOf = (c: string): ColumnHints => {
    let h = trial.get(c);
    if (!h) {
      h = { ...(chosen.get(c) ?? columnPlans.get(c)?.hints ?? {}) };
      trial.set(c, h);
    }
    return h;
  };
  for (const atom of branch) if (atom.kind !== 'relation' && atom.kind !== 'count') applyAtom(trialOf, atom);
  return [...trial].every(
    ([c, h]) =>
      h.oneOf?.every((v) => h.exclude?.includes(v)) !== true &&
      !(h.nullOnly === true && (h.notNull === true || !nullable(c))),
  );
}

export function createRowChoices(ctx: RowChoicesContext): (row: number, t: number) => RowChoices {
  const { plan, nullable, columnPlans, random, key } = ctx;
  const viableBranches = plan.choices.map((choice) =>
    choice.branches.filter((branch) =>
      branch.every(
        (a) =>
          !(a.kind === 'null' && a.isNull && !nullable(a.column)) && !(a.kind === 'constant' && !a.value),
      ),
    ),
  );
  // The branches open after the same earlier choices are the same for every row: worked out once (a big
  // schema's trial makes thousands of rows of tables with several OR CHECKs).
  const optionsByPath = new Map<string, readonly (readonly Atom[])[]>();
  const choiceKeys = new Map<string, number>();
  const choiceKey = (i: number, check: string, t: number): number => {
    const k = `${i}:${t}`;
    let v = choiceKeys.get(k);
    if (v === undefined) {
      v = key('check', check, i, 'attempt', t);
      choiceKeys.set(k, v);
    }
    return v;
  };
  const nullFrom = [...(ctx.nullFrom ?? [])];
  return (row, t) => {
    const hints = new Map<string, ColumnHints>();
    const hintsOf = (c: string): ColumnHints => {
      let h = hints.get(c);
      if (!h) {
        h = { ...(columnPlans.get(c)?.hints ?? {}) };
        hints.set(c, h);
      }
      return h;
    };
    const nulled = nullFrom.filter(([, from]) => row >= from).map(([c]) => c);
    if (ctx.nulledAt !== undefined) nulled.push(...ctx.nulledAt(row));
    for (const c of nulled) hintsOf(c).nullOnly = true;
    const applyCount = (atom: Extract<Atom, { kind: 'count' }>, salt: number): void => {
      // Columns that cannot be NULL are always among the set ones; columns left NULL (no value fits) never.
      const fixed = atom.columns.filter((c) => !nullable(c));
      const rest = atom.columns.filter(
        (c) => nullable(c) && columnPlans.get(c)?.hints.nullOnly !== true && !nulled.includes(c),
      );
      const counts: number[] = [];
      for (let x = 0; x <= atom.columns.length; x++) {
        if (countMeets(atom, x) && x >= fixed.length && x <= fixed.length + rest.length) counts.push(x);
      }
      if (counts.length === 0) return;
      const r = random.at(key('count', salt, 'attempt', t), row);
      const count = r.pick(counts);
      for (let x = rest.length - 1; x > 0; x--) {
        const j = r.below(x + 1);
        [rest[x], rest[j]] = [rest[j] as string, rest[x] as string];
      }
      const set = new Set([...fixed, ...rest.slice(0, count - fixed.length)]);
      for (const c of atom.columns) {
        const h = hintsOf(c);
        if (set.has(c)) {
          h.notNull = true;
          delete h.nullOnly;
        } else h.nullOnly = true;
      }
    };
    const activeRelations: RelationAtom[] = plan.relations.map((r) => r.atom);
    // OR: one branch per row, among those that do not force NULL into a NOT NULL column.
    // `path`: the branches chosen so far, while they alone decide the hints (no count chosen by hash yet).
    let path: string | undefined = nulled.length > 0 ? `${nulled.join('\u0000')}:` : '';
    plan.choices.forEach((choice, i) => {
      const viable = viableBranches[i] as readonly (readonly Atom[])[];
      // Among those, the branches that leave every column they touch some value, given the branches chosen
      // so far (`provider_type != 'oidc'` after another CHECK's `provider_type != 'oauth2'` leaves none).
      let options = path === undefined ? undefined : optionsByPath.get(`${i}:${path}`);
      if (!options) {
        const open = viable.filter((branch) => leavesValues(branch, hints, ctx));
        options = open.length > 0 ? open : viable.length > 0 ? viable : choice.branches;
        if (path !== undefined && optionsByPath.size < MAX_PATHS) optionsByPath.set(`${i}:${path}`, options);
      }
      const picked = random.at(choiceKey(i, choice.check, t), row).below(options.length);
      const branch = options[picked];
      if (path !== undefined)
        path = branch?.some((a) => a.kind === 'count') ? undefined : `${path}${picked},`;
      for (const atom of branch ?? []) {
        if (atom.kind === 'relation') activeRelations.push(atom);
        else if (atom.kind === 'count') applyCount(atom, i + 1000);
        else applyAtom(hintsOf, atom);
      }
    });
    plan.counts.forEach((c, i) => {
      applyCount(c.atom, i);
    });
    return { hints, activeRelations };
  };
}

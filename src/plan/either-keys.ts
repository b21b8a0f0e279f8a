/**
 * Version 20: two UNIQUE keys that differ only in one nullable foreign key each, `UNIQUE (user_id, tag)`
 * and `UNIQUE (group_id, tag)`, under an exactly-one CHECK between the two (`num_nonnulls(user_id,
 * group_id) = 1`, `(user_id IS NULL) <> (group_id IS NULL)`). A row sets one of the two: rows with user_id
 * set never collide under the group's key (its NULL is distinct) and the reverse, so the two arms' rooms
 * add up. The first key is driven with one component for both FKs (the users' rows, then the groups'):
 * each FK takes its span of the component's values and is NULL outside it (`FkPick.span`), and the row
 * engine sets the one the tuple gives (generate/row-checks.ts). The second key is unique through it.
 */
import type { Atom, Branch } from '../checks/check-atoms.js';
import type { KeyPlanContext, PlannedKey } from './key-capacity.js';
import type { ColumnSource, FkPick, KeyComponent } from './plan-model.js';

/** The version from which an arm may be a composite FK whose other columns are the key's NOT NULL ones. */
export const COMPOSITE_ARMS_FROM = 24;

/** Two columns an exactly-one CHECK ties (each row sets one of them, never both, never neither). */
export type ExactlyOne = readonly [string, string];

/** The column pairs a table's CHECKs make exactly one of: a count `= 1` over two, or an OR of the two ways. */
export function exactlyOnePairs(
  counts: readonly { readonly atom: Extract<Atom, { kind: 'count' }> }[],
  choices: readonly { readonly branches: readonly Branch[] }[],
): ExactlyOne[] {
  const pairs: ExactlyOne[] = [];
  for (const { atom } of counts)
    if (atom.op === '=' && atom.value === 1 && atom.columns.length === 2)
      pairs.push([atom.columns[0] as string, atom.columns[1] as string]);
  for (const { branches } of choices) {
    const [one, other] = branches.map(nullWays);
    if (branches.length !== 2 || one === undefined || other === undefined) continue;
    const [a, b] = [...one.keys()] as [string, string];
    // One branch sets a and leaves b NULL, the other the reverse.
    if (one.get(a) === one.get(b) || other.get(a) !== !one.get(a) || other.get(b) !== !one.get(b)) continue;
    pairs.push([a, b]);
  }
  return pairs;
}

/** A branch of two NULL tests on two columns: each column's `IS NULL`, or undefined. */
function nullWays(branch: Branch): Map<string, boolean> | undefined {
  if (branch.length !== 2 || !branch.every((a) => a.kind === 'null')) return undefined;
  const ways = new Map(branch.flatMap((a) => (a.kind === 'null' ? [[a.column, a.isNull] as const] : [])));
  return ways.size === 2 ? ways : undefined;
}

/** A key's arms: its FK (`fk`, the component's first span) and the other key's (`other`, the second span). */
export interface EitherArms {
  readonly fk: number;
  readonly other: number;
  /** The other key: unique through this one's driver, not planned itself. */
  readonly otherKey: PlannedKey;
  /** Parent rows each FK may point to: the shared component's spans. */
  readonly spaces: readonly [number, number];
}

/** The arms of `at` and a twin key, when the two are such a pair (see the file's comment). */
export function eitherArms(
  ctx: KeyPlanContext,
  at: PlannedKey,
  planned: readonly PlannedKey[],
  sources: ReadonlyMap<string, ColumnSource>,
  fkPicks: ReadonlyMap<number, FkPick>,
): EitherArms | undefined {
  if (ctx.generatorVersion < 20 || ctx.wholeKeys === true || (ctx.exactlyOne ?? []).length === 0)
    return undefined;
  const plain = (k: PlannedKey) =>
    k.branch !== true && k.key.kind !== 'primary-key' && !k.key.nullsNotDistinct;
  if (!plain(at) || at.key.where !== null) return undefined;
  const own = armOf(ctx, at, sources, fkPicks);
  if (own === undefined) return undefined;
  const rest = at.columns.filter((c) => c !== own.column);
  for (const twin of planned) {
    if (twin === at || !plain(twin) || twin.key.where !== null || twin.columns.length !== at.columns.length)
      continue;
    const arm = armOf(ctx, twin, sources, fkPicks);
    if (arm === undefined || arm.fk === own.fk) continue;
    if (!rest.every((c) => twin.columns.includes(c) && c !== arm.column)) continue;
    const tied = (ctx.exactlyOne ?? []).some(
      ([a, b]) => (a === own.column && b === arm.column) || (a === arm.column && b === own.column),
    );
    // Each arm's column in these two keys alone (another key over it would see it NULL in the other arm's rows).
    const elsewhere = planned.some(
      (k) => k !== at && k !== twin && (k.columns.includes(own.column) || k.columns.includes(arm.column)),
    );
    if (!tied || elsewhere) continue;
    return { fk: own.fk, other: arm.fk, otherKey: twin, spaces: [ctx.fkSpace(own.fk), ctx.fkSpace(arm.fk)] };
  }
  return undefined;
}

/**
 * Version 24: a composite FK's other columns are NOT NULL columns of the key (`(tenant_id, user_id)`): the
 * tenant follows the row's arm, taking the other FK's value where this one is NULL (compile-column.ts).
 */
function sharedRest(ctx: KeyPlanContext, k: PlannedKey, columns: readonly string[], arm: string): boolean {
  if (ctx.generatorVersion < COMPOSITE_ARMS_FROM) return false;
  return columns.every(
    (c) =>
      c === arm || (k.columns.includes(c) && ctx.table.columns.some((col) => col.name === c && col.notNull)),
  );
}

/** The key's one column that is a whole one-column FK (version 24: or a composite one, see sharedRest) no key drives yet, nullable, or undefined. */
function armOf(
  ctx: KeyPlanContext,
  k: PlannedKey,
  sources: ReadonlyMap<string, ColumnSource>,
  fkPicks: ReadonlyMap<number, FkPick>,
): { column: string; fk: number } | undefined {
  const arms = k.columns.flatMap((c) => {
    const source = sources.get(c);
    if (source?.kind !== 'foreign-key' || fkPicks.has(source.fk)) return [];
    const fk = ctx.fks[source.fk];
    const column = ctx.table.columns.find((col) => col.name === c);
    if (fk === undefined || column === undefined || column.notNull) return [];
    if (fk.columns.length !== 1 && !sharedRest(ctx, k, fk.columns, c)) return [];
    if (ctx.hints.get(c)?.notNull === true || ctx.hints.get(c)?.nullOnly === true) return [];
    if ((ctx.table.primaryKey?.columns ?? []).includes(c)) return [];
    return [{ column: c, fk: source.fk }];
  });
  return arms.length === 1 ? arms[0] : undefined;
}

/** The key's components with its arm's FK spanning both arms' parent rows. */
export function spanBothArms(components: readonly KeyComponent[], arms: EitherArms): KeyComponent[] {
  return components.map((c) =>
    c.kind === 'foreign-key' && c.fk === arms.fk ? { ...c, space: arms.spaces[0] + arms.spaces[1] } : c,
  );
}

/** Both FKs' picks: the first arm's span of the shared component, then the second's. */
export function pickBothArms(fkPicks: Map<number, FkPick>, arms: EitherArms): void {
  const pick = fkPicks.get(arms.fk);
  if (pick?.kind !== 'driver') return;
  const [first, second] = arms.spaces;
  fkPicks.set(arms.fk, { ...pick, span: { from: 0, to: first } });
  fkPicks.set(arms.other, {
    kind: 'driver',
    driver: pick.driver,
    component: pick.component,
    span: { from: first, to: first + second },
  });
}

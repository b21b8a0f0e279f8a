/**
 * How `datagen plan` tells a column's realistic values: the meaning its name
 * gives (as the row engine's random-choice.ts and semantic kinds decide), and
 * how other columns shape it (fan-out, time order, a status's dates).
 */

import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import { childRowsOf, siblingParentOf, siblingPlaceOf } from '../generate/child-rows.js';
import { NO_CHILD_SHARE } from '../generate/fan-out.js';
import { startParentsOf } from '../generate/parent-time.js';
import { type RandomChoice, randomColumnChoice } from '../generate/random-choice.js';
import { createRowPicks } from '../generate/row-picks.js';
import { statusColumnFor } from '../generate/status-dates.js';
import type { ColumnPlan, GenerationPlan, TablePlan } from '../plan/plan-model.js';
import { displayColumn, displayName } from '../schema/names.js';
import { semanticKindOf } from '../values/column-kind.js';
import { appVocabularyText } from '../values/semantic/app-vocabularies.js';
import { lowerBoundColumn } from '../values/semantic/bound-pairs.js';
import {
  isChildTotalName,
  isLinesByName,
  isLineTable,
  isOneOfFlag,
} from '../values/semantic/child-totals.js';
import { cityPlaceText } from '../values/semantic/city-coordinates28.js';
import { nameTokens } from '../values/semantic/column-names.js';
import { sameFlagOf } from '../values/semantic/flag-agreement.js';
import { GEO_PLACE_TEXT, GEO_POINT_TEXT_27 } from '../values/semantic/geo-places27.js';
import { GEO_POINT_TEXT } from '../values/semantic/geo-points26.js';
import type { SemanticKind } from '../values/semantic/index.js';
import { jsonShapeText } from '../values/semantic/json-shapes.js';
import { ledgerColumns } from '../values/semantic/ledger-balances.js';
import { lifecycleFollows } from '../values/semantic/lifecycle-order.js';
import { isLoanPeriodName } from '../values/semantic/loan-returns.js';
import { namedThingsText } from '../values/semantic/named-things.js';
import { typeFamilyOf } from '../values/semantic/semantic-kind.js';
import { specVocabularyText } from '../values/semantic/spec-vocabularies.js';
import { knownVocabulary } from '../values/semantic/status-vocabularies.js';
import { textMaxLength } from '../values/semantic/text-fit.js';
import { isLineCount } from '../values/semantic/version-ten-names.js';
import { followsParentClosely } from '../values/semantic/version-twentythree-names.js';
import { expectedStartsOf } from '../values/semantic/version-twentytwo-values.js';
import { countedChildrenText } from './describe-counts.js';
import { historyText } from './describe-histories.js';
import { moneyText } from './describe-money.js';
import {
  listedSpecText,
  namedEighteenText,
  namedNineteenText,
  namedSeventeenText,
  uniqueTwentyFiveText,
} from './describe-named.js';
import { rangeText } from './describe-ranges.js';
import { epochOrderText, startsAfterParents, timeText } from './describe-times.js';
import { tpchDateText } from './describe-tpch.js';

/** What `generate` fills a column with when it is realistic: "realistic email (from its name)", or null. */
export function realistic(
  t: TablePlan,
  c: TablePlan['columns'][number],
  lookup: TypeLookup | undefined,
  version: number,
  localeCode = 'en',
): string | null {
  // The configuration's generator, values or template decide instead of the name.
  if (!lookup || c.steer) return null;
  const base = resolveDomains(c.column.type, lookup).base;
  // Version 23: a plan's, a team's, a hotel's names of their kind (named-things.ts), in en.
  const named =
    version >= 23 && localeCode === 'en' && typeFamilyOf(base.name) === 'text'
      ? namedThingsText(
          t.table.name,
          nameTokens(c.column.name),
          textMaxLength(base),
          c.source.kind === 'unique',
        )
      : null;
  if (named !== null && c.source.kind === 'unique' && c.source.semantic) return named;
  if (c.source.kind === 'random') {
    const choice = randomColumnChoice(t.table, c, base, c.hints, version);
    const text = choiceText(choice);
    // The names of its kind replace what a meaning's generator draws (version-twentythree-values.ts).
    return named !== null && choice.kind === 'semantic' && text !== null ? `${named}, made by ${text}` : text;
  }
  if (c.source.kind !== 'unique' || !c.source.semantic) return null;
  const kind = semanticKindOf(t.table, c.column, base, c.hints, version);
  if (kind === null) return null;
  // Version 3: a unique column under patterns takes readable forms they accept (pattern-words.ts).
  if (version >= 3 && kind !== 'email' && (c.hints.patterns ?? []).some((p) => !p.negated))
    return 'readable unique values its patterns accept (word-word, word-word-N or a code)';
  return meaningText(kind) + epochOrderText(t, c, kind, base, lookup, version);
}

function meaningText(kind: SemanticKind): string {
  return TEXT_KINDS[kind] ?? `realistic ${kind.replace(/_/g, ' ')} (from its name)`;
}

/** The generator the row engine builds for a random column (random-choice.ts), in words; null for the type's own. */
export function choiceText(choice: RandomChoice): string | null {
  switch (choice.kind) {
    case 'semantic':
      // Version 3: a length minimum keeps the meaning (fitted-text.ts' createLengthFittedGenerator).
      return choice.lengthFitted
        ? `${meaningText(choice.meaning)} where they meet its length CHECK, else readable words sized to it`
        : meaningText(choice.meaning);
    case 'checks':
      // CHECK shapes the meaning is not made for take the CHECK generator, except where its values
      // are fitted and checked one by one (version 2, fitted-text.ts).
      return choice.meaning === null
        ? null
        : `${meaningText(choice.meaning)} where they meet its CHECKs, else values made to them`;
    case 'implied-key':
      return `keys of ${choice.key}, the table its name names (its own for a parent or an accepted answer), picked as a free FK's (no FK declared)`;
    case 'text-array':
      return `arrays of 0 to 5 distinct ${arrayElements(choice.meaning)} (from its name)`;
    case 'json-shape':
      return jsonShapeText(choice.shape);
    case 'geo-point':
      if (choice.byCity === true) return cityPlaceText(choice.postgis);
      return choice.postgis ? GEO_PLACE_TEXT : choice.nearCities ? GEO_POINT_TEXT_27 : GEO_POINT_TEXT;
    case 'clock-time':
      return `a time of business hours in whole quarter hours (from its name)${choice.after === null ? '' : `, after the row's ${choice.after}`}`;
    case 'period':
      if (choice.length !== undefined)
        return `${choice.length === 'booking' ? 'a booking of an hour to two weeks' : 'a validity of a month to three years'} ${choice.future ? 'within a year either side of the reference date' : 'in the five years before the reference date'} (from its name), one in twenty open above`;
      return choice.future
        ? 'a period within a year either side of the reference date (from its name), one in twenty open above'
        : 'a period of the five years before the reference date, never past it, one in twenty open above';
    case 'type':
      return choice.bounded === null
        ? null
        : `realistic ${choice.bounded.replace(/_/g, ' ')} (from its name) where it meets the CHECK bounds, else values inside them`;
    default:
      return null;
  }
}

/** An array's elements in words: a vocabulary's words, or values of a meaning. */
function arrayElements(kind: SemanticKind): string {
  return kind === 'phrase' || kind === 'label' || kind === 'category'
    ? 'words of a per-column vocabulary'
    : `realistic ${kind.replace(/_/g, ' ')} values`;
}

/** Version 13: a status's or a named enumeration's words with their shares (status-vocabularies.ts), or ''. */
function vocabularyOf(
  t: TablePlan,
  c: TablePlan['columns'][number],
  lookup: TypeLookup,
  version: number,
  localeCode: string,
): string {
  const base = resolveDomains(c.column.type, lookup).base;
  const tokens = nameTokens(c.column.name);
  const words = knownVocabulary(tokens, t.table.name, textMaxLength(base), version, localeCode);
  if (words === undefined) return '';
  const total = words.reduce((sum, [, weight]) => sum + weight, 0);
  return `, its words by what the row is: ${words.map(([w, n]) => `${w} ${Math.round((n / total) * 100)}%`).join(', ')}`;
}

/** Text kinds a column gets when its name tells no other meaning (generator version 2). */
const TEXT_KINDS: Partial<Record<SemanticKind, string>> = {
  phrase: 'readable words of the locale (generator phrase: its name tells no other meaning)',
  past_time: 'a past moment (generator past_time: its name tells no creation, change or deadline)',
  label:
    'a small vocabulary of words, repeating like categories (generator label: a label-like name or a short type)',
};

/** How other columns shape a column: skewed fan-out of a free FK, a start after the parent rows' starts, a date the status decides. */
export function shapedByOthers(
  plan: GenerationPlan,
  tableIndex: number,
  c: TablePlan['columns'][number],
  kindOf: (tableIndex: number, column: string) => ReturnType<typeof semanticKindOf>,
  resolvedName: (c: TablePlan['columns'][number]) => string,
  lookup: TypeLookup,
  version: number,
): string {
  // Versions 13-15: a history's periods, a salary's raises, a title's ladder (describe-histories.ts).
  const history = historyText(plan, tableIndex, c, kindOf, lookup, version);
  if (history !== null) return history;
  const alone = shapedAlone(plan, tableIndex, c, kindOf, resolvedName, lookup, version);
  if (version < 11 || c.source.kind !== 'random' || c.steer) return alone;
  // Version 11: moved after the row's earlier lifecycle times (values/semantic/lifecycle-order.ts).
  const t = plan.tables[tableIndex] as TablePlan;
  const base = resolveDomains(c.column.type, lookup).base.name;
  const kind = kindOf(tableIndex, c.column.name);
  const earlier = lifecycleFollows(
    t.table,
    c.column.name,
    base,
    kind,
    (name) => kindOf(tableIndex, name),
    version,
  );
  if (earlier.length === 0) return alone;
  return `${alone}, never before ${earlier.map((e) => e.name).join(', ')} in the row (soon after where it came before)`;
}

function shapedAlone(
  plan: GenerationPlan,
  tableIndex: number,
  c: TablePlan['columns'][number],
  kindOf: (tableIndex: number, column: string) => ReturnType<typeof semanticKindOf>,
  resolvedName: (c: TablePlan['columns'][number]) => string,
  lookup: TypeLookup,
  version: number,
): string {
  const t = plan.tables[tableIndex] as TablePlan;
  const fkPlan = c.source.kind === 'foreign-key' ? t.foreignKeys[c.source.fk] : undefined;
  if (fkPlan?.pick.kind === 'hash' && fkPlan.nullRate === 1) {
    const empty = fkPlan.window !== undefined && fkPlan.window.to <= fkPlan.window.from;
    return empty ? ', NULL in every row (its CHECKs leave no parent row to point to)' : ', NULL in every row';
  }
  if (fkPlan?.pick.kind === 'hash') {
    const per = fkPlan.fanOut?.perParent;
    // A configured per_parent leaves every parent children unless a share is set (free-pick.ts); the default skew 20%.
    const share = Math.round((fkPlan.fanOut?.shareWithoutChildren ?? (per ? 0 : NO_CHILD_SHARE)) * 100);
    if (per?.kind === 'range')
      return `, config: ${per.min}..${per.max} rows per parent row (${share}% get none)`;
    if (per?.kind === 'zipf') return `, config: zipf s=${per.s} over parent rows (${share}% get none)`;
    return `, skewed (a few parent rows get many rows, ${share}% get none)${fkPlan.fanOut ? ' (config)' : ''}`;
  }
  if (c.source.kind === 'one-of' && !c.steer) return listedSpecText(t, c, lookup, version);
  // Version 25: a unique identifier's check digits, a unique person's or vocabulary's words (describe-named.ts).
  if (version >= 25 && c.source.kind === 'unique' && c.source.semantic)
    return uniqueTwentyFiveText(t, c, kindOf(tableIndex, c.column.name), lookup, plan.locale ?? 'en');
  if (c.source.kind !== 'random') return '';
  const status = statusColumnFor(t, c.column.name, resolvedName(c), version);
  if (status !== undefined)
    return version >= 22
      ? `, set exactly when ${status} has reached its step (NULL where the row ended another way)`
      : `, set or NULL as ${status} says (a cancelled row has none)`;
  const ledger =
    version >= 20 ? ledgerText(plan, tableIndex, c, (name) => kindOf(tableIndex, name), version) : '';
  if (ledger !== '') return ledger;
  const family =
    version >= 12 ? familyText(plan, tableIndex, c, kindOf(tableIndex, c.column.name), version) : '';
  if (family !== '') return family;
  const lineDate = tpchDateText(plan, tableIndex, c, kindOf, version);
  if (lineDate !== '') return lineDate;
  const app =
    version >= 16 && kindOf(tableIndex, c.column.name) !== null ? appVocabularyText(t.table, c.column) : null;
  if (app !== null) return app;
  const locale = plan.locale ?? 'en';
  const nineteenth = namedNineteenText(t, c, kindOf(tableIndex, c.column.name), lookup, version, locale);
  if (nineteenth !== null) return nineteenth + expectedAfterParents(plan, tableIndex, c, kindOf, version);
  const eighteenth = namedEighteenText(t, c, (name) => kindOf(tableIndex, name), lookup, version);
  if (eighteenth !== null) return eighteenth;
  const seventeenth = namedSeventeenText(t, c, kindOf(tableIndex, c.column.name) !== null, lookup, version);
  if (seventeenth !== null) return seventeenth;
  // Version 14: TPC-H's and Quartz's columns in their own words (spec-vocabularies.ts).
  const spec =
    version >= 14
      ? specVocabularyText(
          t.table,
          c.column,
          textMaxLength(resolveDomains(c.column.type, lookup).base),
          version,
        )
      : null;
  if (spec !== null) return spec;
  const words =
    version >= 13 && kindOf(tableIndex, c.column.name) === 'label'
      ? vocabularyOf(t, c, lookup, version, locale)
      : '';
  if (words !== '') return words;
  const same =
    version >= 9 && kindOf(tableIndex, c.column.name) === 'flag'
      ? sameFlagOf(t.table.columns, c.column.name, (name) => kindOf(tableIndex, name) === 'flag')
      : null;
  if (same !== null) return `, agreeing with ${same} in the row (the opposite where its word says so)`;
  const ranged = rangeText(plan, tableIndex, c, kindOf, version);
  if (ranged !== '') return ranged;
  // Version 13: an upper bound at or above the row's lower one (bound-pairs.ts), money at its name's scale.
  const baseName = resolveDomains(c.column.type, lookup).base.name;
  const lower =
    version >= 13 && kindOf(tableIndex, c.column.name) !== null
      ? lowerBoundColumn(t.table, c.column.name, baseName)
      : null;
  const bound = lower === null ? '' : `, at or above ${lower} in the row`;
  if (version >= 9 && kindOf(tableIndex, c.column.name) === 'price')
    return moneyText(plan, tableIndex, c, kindOf, lookup, version) + bound;
  if (bound !== '') return bound;
  if (version >= 9 && kindOf(tableIndex, c.column.name) === 'duration' && isLoanPeriodName(c.column.name))
    return ", a loan's period in days: 3 to 7, a few 14";
  const follows = startsAfterParents(t, c.column.name, (name) => kindOf(tableIndex, name), version);
  const parents = follows ? startParentsOf(plan, kindOf, tableIndex) : [];
  // Version 11: a row's first past moment under parents with starts is its creation (time-values.ts).
  const firstMoment =
    parents.length > 0 && version >= 11 && kindOf(tableIndex, c.column.name) === 'past_time';
  const times = firstMoment ? '' : timeText(t, c, lookup, version);
  if (times !== '') return times;
  if (parents.length === 0) return '';
  const names = parents.map((p) => displayColumn((plan.tables[p.parent] as TablePlan).table, p.column));
  // Version 23: an invoice, a payment, a review days after its parent's start (time-values.ts).
  const near = version >= 23 && followsParentClosely(t.table) ? ', within days of them' : '';
  return `, after its parent rows' ${names.join(', ')}${near}`;
}

/** Version 25: an expected time of a row with no start of its own follows its parent rows' starts (version-twentytwo-values.ts), or ''. */
function expectedAfterParents(
  plan: GenerationPlan,
  tableIndex: number,
  c: TablePlan['columns'][number],
  kindOf: (tableIndex: number, column: string) => ReturnType<typeof semanticKindOf>,
  version: number,
): string {
  const t = plan.tables[tableIndex] as TablePlan;
  if (version < 25 || c.source.kind !== 'random' || kindOf(tableIndex, c.column.name) !== 'due_at') return '';
  if (expectedStartsOf(t.table, c.column.name, (name) => kindOf(tableIndex, name)).length > 0) return '';
  const parents = startParentsOf(plan, kindOf, tableIndex);
  const names = parents.map((p) => displayColumn((plan.tables[p.parent] as TablePlan).table, p.column));
  return names.length === 0 ? '' : `, days after its parent rows' ${names.join(', ')}`;
}

/** How the plan names an order's total made of its lines (version 13: never NULL, generate/compile-column.ts). */
export const SUM_OF_LINES = ", the sum of its rows' lines in ";

/** Version 12: an order's total over its lines, its line count, a parent's one default child (child-totals.ts), under an exact fan-out; version 30: a count of children. */
function familyText(
  plan: GenerationPlan,
  tableIndex: number,
  c: ColumnPlan,
  kind: SemanticKind | null,
  version: number,
): string {
  // Version 30: a parent's count of its children (describe-counts.ts).
  const children = version >= 30 && kind !== null ? countedChildrenText(plan, tableIndex, c.column) : '';
  if (children !== '') return children;
  const tokens = nameTokens(c.column.name);
  const total = kind === 'price' && isChildTotalName(tokens);
  const flag = kind === 'flag' && isOneOfFlag(tokens);
  const counted = kind === 'tally' && isLineCount(tokens);
  if (!total && !flag && !counted) return '';
  const picks = createRowPicks(plan);
  const deps = { plan, exactFanOut: picks.exactFanOut, valueOf: () => () => null };
  if (flag)
    return siblingPlaceOf(deps, tableIndex) ? ', set on the first of its parent row’s children only' : '';
  if (counted) {
    const children = childRowsOf(deps, tableIndex, isLinesByName);
    return children ? `, how many lines it has in ${displayName(children.table)}` : '';
  }
  const lines = childRowsOf(deps, tableIndex, isLineTable);
  return lines
    ? `${SUM_OF_LINES}${displayName(lines.table)} (0 where it has none; the usual value where the sum does not fit)`
    : '';
}

/** Version 20: a ledger's running balance and its amounts, under an exact fan-out (ledger-balances.ts), or ''. */
function ledgerText(
  plan: GenerationPlan,
  tableIndex: number,
  c: ColumnPlan,
  kindOf: (column: string) => SemanticKind | null,
  version: number,
): string {
  const t = plan.tables[tableIndex] as TablePlan;
  const ledger = ledgerColumns(t.table, version);
  if (ledger === null || kindOf(c.column.name) === null) return '';
  if (c.column !== ledger.balance && c.column !== ledger.amount) return '';
  const deps = { plan, exactFanOut: createRowPicks(plan).exactFanOut, valueOf: () => () => null };
  const parentIndex = siblingParentOf(deps, tableIndex);
  const parentPlan = parentIndex === undefined ? undefined : plan.tables[parentIndex];
  if (parentPlan === undefined) return '';
  const parent = displayName(parentPlan.table);
  const creation = t.table.columns.find((o) => !o.generated && kindOf(o.name) === 'created_at');
  const order = creation === undefined ? 'in row order' : `in ${creation.name} order`;
  return c.column === ledger.balance
    ? `, the running balance of its ${parent} row's rows ${order}: the previous balance plus ${ledger.amount.name} (${ledger.rule === 'positive' ? 'only growing' : 'never below zero'})`
    : `, the change from the previous balance of its ${parent} row's rows ${order} (the first row's the opening balance)`;
}

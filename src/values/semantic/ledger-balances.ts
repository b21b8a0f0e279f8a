/**
 * Version 20: a ledger's running balance. In a table of an account's
 * movements (`transactions (account_id FK, amount, balance, created_at)`)
 * whose foreign key has an exact fan-out (`per_parent: {min, max}`), an
 * account's rows are known from any one of them (generate/child-rows.ts
 * `siblingRowsOf`, nothing stored). They are ordered by the table's creation
 * time (ties, and tables without one, by row: the serial id's order), and
 * the k-th row's balance is B(account, k), a draw of its own around the
 * account's level (never below zero); its amount is B(k) - B(k - 1), the
 * first row's the opening deposit B(0). So every balance is the previous
 * balance of the same account plus the amount, exactly, computed from the
 * row alone in O(rows of the account) (an account's order is kept for its
 * other rows while a bounded cache has room; an account of more than 4,096
 * rows keeps the usual values). With no fan-out configured, the account's
 * foreign key is such an exact fan-out, skewed as the default
 * (generate/free-pick.ts `ledgerSpec`); a configured fan-out other than
 * `per_parent: {min, max}` (zipf; the default hash pick when the FK is
 * nullable: an account's earlier rows are then found only by reading the
 * whole table) leaves both columns their usual values.
 *
 * Version 21: also where the amount's CHECKs say `amount > 0` (or `>= 0`): the balance only grows, each
 * row's a deposit of the account's size above the previous one; and accounts of up to 65,536 rows.
 *
 * Only where the amount is named by no CHECK (its sign is free; version 21: or positive), both
 * columns are numbers of one scale, and a creation column, if any, is not
 * itself one of them.
 */
import type { Column, Table } from '../../schema/model.js';
import { hashRow, hashString, RowRandom } from '../random.js';
import { formatScaled, POW10 } from '../types/format.js';
import { nameTokens } from './column-names.js';
import { normal } from './money-values.js';
import { decimalShape } from './number-values.js';
import { currencyFactor, currencyOf } from './row-currency26.js';
import {
  type SemanticBuild,
  type SemanticGenerator,
  type SiblingRows,
  siblingOfKind,
  siblingReader,
} from './semantic-generator.js';
import { typeFamilyOf } from './semantic-kind.js';
import { isTimeKind } from './time-stages.js';
import { readTimestampSeconds } from './time-text.js';
import { isBalanceName, isConstrained } from './version-nineteen-names.js';

/** Median of an account's level, in whole units. */
const LEVEL_MEDIAN = 1200;
/** Spread of the accounts' levels, and of one account's balances around its level (log-normal sigmas). */
const LEVEL_SIGMA = 1.1;
const STEP_SIGMA = 0.45;

const NUMBER = new Set(['integer', 'decimal']);

function isNumberColumn(c: Column): boolean {
  return !c.generated && NUMBER.has(typeFamilyOf(c.type.name) ?? '');
}

/** A movement's amount (`amount`, `transaction_amount`, `amount_cents`). */
function isMovementAmount(c: Column): boolean {
  const t = nameTokens(c.name);
  return t.includes('amount') && t.length <= 2 && !t.some((w) => ['total', 'tax', 'fee', 'due'].includes(w));
}

/**
 * What the CHECKs let an amount be: any sign (none names it), or above zero (version 21: `amount > 0`,
 * `amount >= 0`: a balance that only grows); null where a CHECK says more (`amount <> 0` leaves the amount no
 * semantic kind, column-kind.ts, so the ledger never sees it). Version 28: `amount <> 0` is `nonzero`: any sign,
 * each balance of the parity of its place (odd first), so no amount is zero.
 */
export type AmountRule = 'free' | 'positive' | 'nonzero';

function amountRule(table: Table, amount: Column, version: number): AmountRule | null {
  if (!isConstrained(table, amount)) return 'free';
  if (version < 21 || (amount.type.schema !== 'pg_catalog' && amount.type.schema !== '')) return null;
  const name = amount.name.toLowerCase();
  const word = new RegExp(`(^|[^a-z0-9_])"?${name}"?($|[^a-z0-9_])`);
  let rule: AmountRule = 'free';
  for (const check of table.checks) {
    const text = check.expr.text.toLowerCase();
    if (!word.test(text)) continue;
    const bare = text
      .replace(/::[a-z ]+(\(\d+(,\s*\d+)?\))?/g, '')
      .replace(/["()\s]/g, '')
      .replace(/(^|[^0-9.])0\.0*($|[^0-9])/g, '$10$2');
    if ([`${name}>0`, `${name}>=0`, `0<${name}`, `0<=${name}`].includes(bare)) rule = 'positive';
    // Version 28: `amount <> 0`: balances of any sign of step, two in a row never equal (was no ledger).
    else if (version >= 28 && [`${name}<>0`, `${name}!=0`, `0<>${name}`].includes(bare) && rule === 'free')
      rule = 'nonzero';
    else return null;
  }
  return rule;
}

/** A ledger's columns: its balance and amount (numbers of plain types), or null where the table is no ledger. */
export function ledgerColumns(
  table: Table,
  version = 20,
): { readonly balance: Column; readonly amount: Column; readonly rule: AmountRule } | null {
  const balance = table.columns.find((c) => isNumberColumn(c) && isBalanceName(c));
  const amount = table.columns.find((c) => isNumberColumn(c) && isMovementAmount(c));
  if (balance === undefined || amount === undefined) return null;
  const rule = amountRule(table, amount, version);
  if (rule === null) return null;
  if (balance.type.schema !== 'pg_catalog' && balance.type.schema !== '') return null;
  if (table.foreignKeys.length === 0) return null;
  return { balance, amount, rule };
}

/** Names of a time that is no movement's (a later change, a removal). */
const NOT_WHEN = /updat|modif|delet|remov|archiv|expir|due/;

/**
 * The table's creation column, if any (`created_at`, `posted_at`: a column of the created_at kind). Version
 * 27: else its first date or timestamp column of another time kind (`occurred_on`, `value_date`), not an
 * update's or a removal's: the account's rows were in row order, not the order of their dates.
 */
function creationColumn(build: SemanticBuild): string | null {
  for (const c of build.table.columns) {
    if (c.generated || c.name === build.column.name) continue;
    if (build.ctx.siblingKind(c.name) === 'created_at') return c.name;
  }
  if (build.version < 27) return null;
  const when = build.table.columns.find(
    (c) =>
      !c.generated &&
      typeFamilyOf(c.type.name) === 'temporal' &&
      isTimeKind(build.ctx.siblingKind(c.name)) &&
      !NOT_WHEN.test(c.name.toLowerCase()),
  );
  return when?.name ?? null;
}

/** A row's place among its account's rows in time order, and the account (a parent row); null past the cap. */
type LedgerPlace = (
  row: number,
) => { readonly parent: number; readonly k: number; readonly first: number } | null;

/**
 * Most rows of one account the ledger orders (more: the account's rows keep their usual values): each order is
 * a sort of the account's rows and a read of their times, kept while the cache has room. Version 21: 65,536
 * (200,000 rows over 8 accounts, up to 30,000 rows each ordered: 1.53 -> 1.69 CPU s).
 */
const MAX_ACCOUNT_ROWS = 4096;
const MAX_ACCOUNT_ROWS_21 = 65536;
/** Most rows the accounts' orders kept at once hold (then they are all let go): 16 MB. */
const CACHED_ROWS = 1 << 21;

/** An account's order: its rows sorted by row (the first half), and each one's place k in time order (the second). */
type AccountOrder = Int32Array;

/** Row `row`'s place in `order`, or undefined. */
function placeIn(order: AccountOrder, row: number): number | undefined {
  const n = order.length >>> 1;
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = order[mid] as number;
    if (r === row) return order[n + mid];
    if (r < row) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** An account's rows ordered by time (then row); null past MAX_ACCOUNT_ROWS. */
function accountOrder(
  rows: readonly number[],
  time: ((row: number) => number) | null,
  maxRows: number,
): AccountOrder | null {
  const n = rows.length;
  if (n > maxRows) return null;
  const order = new Int32Array(2 * n);
  order.set(rows);
  const byRow = order.subarray(0, n).sort();
  if (time === null || n === 1) {
    for (let i = 0; i < n; i++) order[n + i] = i;
    return order;
  }
  const at = new Float64Array(n);
  for (let i = 0; i < n; i++) at[i] = time(byRow[i] as number);
  // Places in byRow order: ties of time keep the row's order.
  const byTime = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (at[a] as number) - (at[b] as number) || a - b,
  );
  for (let k = 0; k < n; k++) order[n + (byTime[k] as number)] = k;
  return order;
}

/**
 * Each account's rows ordered once and kept while the cache has room: an account's rows are spread over the
 * table, so a row of a popular account finds its order made by an earlier one. Up to CACHED_ROWS rows in all
 * the work is one ordering per account; past it, orders are made again after the cache is let go.
 */
function ledgerPlaces(
  siblings: SiblingRows,
  time: ((row: number) => number) | null,
  maxRows: number,
): LedgerPlace {
  const orders = new Map<number, AccountOrder | null>();
  let cached = 0;
  return (row) => {
    const parent = siblings.parentOf(row);
    let order = orders.get(parent);
    if (order === undefined) {
      const rows = siblings.rowsOf(parent);
      // An account of one row: its first place, nothing worth keeping.
      if (rows.length === 1) return rows[0] === row ? { parent, k: 0, first: row } : null;
      order = accountOrder(rows, time, maxRows);
      if (cached > CACHED_ROWS) {
        orders.clear();
        cached = 0;
      }
      orders.set(parent, order);
      cached += order === null ? 1 : order.length >>> 1;
    }
    const k = order === null ? undefined : placeIn(order, row);
    return k === undefined || order === null ? null : { parent, k, first: order[0] as number };
  };
}

/** A table's places, shared by its balance and amount (one ordering per account, not one per column). */
const sharedPlaces = new WeakMap<SiblingRows, Map<string, LedgerPlace>>();

/** `ledgerPlaces` of `siblings` by `creation`, made once for the table's columns; the last row's answer kept. */
function placesOf(
  siblings: SiblingRows,
  creation: string | null,
  time: ((row: number) => number) | null,
  maxRows: number,
): LedgerPlace {
  let byCreation = sharedPlaces.get(siblings);
  if (byCreation === undefined) {
    byCreation = new Map();
    sharedPlaces.set(siblings, byCreation);
  }
  const key = creation ?? '';
  const known = byCreation.get(key);
  if (known !== undefined) return known;
  const place = ledgerPlaces(siblings, time, maxRows);
  let lastRow = -1;
  let last: ReturnType<LedgerPlace> = null;
  const remembered: LedgerPlace = (row) => {
    if (row !== lastRow) {
      last = place(row);
      lastRow = row;
    }
    return last;
  };
  byCreation.set(key, remembered);
  return remembered;
}

/**
 * B(account, k) in units, k >= 0: a draw around the account's level, within [0, max]. Version 21, `positive`:
 * C(k + 1) plus a draw below C (C an account's deposit in units), so each is above the one before.
 */
function balanceUnits(
  key: number,
  unit: number,
  max: number,
  rule: AmountRule,
  maxRows: number,
): ((parent: number, k: number) => number) | null {
  const rand = new RowRandom();
  const level = (account: number) =>
    LEVEL_MEDIAN * Math.exp(LEVEL_SIGMA * normal(rand.at(account, 0x7fffffff)));
  if (rule === 'positive') {
    const most = Math.floor(max / (maxRows + 2));
    if (most < 2) return null;
    return (parent, k) => {
      const account = hashRow(key, parent);
      const deposit = Math.min(most, Math.max(2, Math.round((level(account) / 10) * unit)));
      return deposit * (k + 1) + Math.floor(rand.at(account, k).float() * deposit);
    };
  }
  return (parent, k) => {
    const account = hashRow(key, parent);
    const value = level(account) * Math.exp(STEP_SIGMA * normal(rand.at(account, k)));
    const b = Math.min(max, Math.max(0, Math.round(value * unit)));
    // Version 28, `nonzero`: B(k) odd at even k, even at odd k (B(0) at least 1), so B(k) - B(k - 1) is never 0.
    if (rule !== 'nonzero' || b % 2 === (k + 1) % 2) return b;
    return b > 0 ? b - 1 : b + 1;
  };
}

/**
 * Version 27: an account's balances in its currency (the one its foreign keys lead to, read at the account's
 * first row, so all its rows agree; a table with a currency column of its own keeps version 26's figures):
 * scaled by the currency's factor (row-currency26.ts), in whole units where it has no minor unit, at most
 * `max`. One map of every balance, so each amount is still the difference of two balances. Not for an
 * only-growing ledger (a rounded step could be zero).
 */
function inLedgerCurrency(
  build: SemanticBuild,
  rule: AmountRule,
  units: (parent: number, k: number) => number,
  unit: number,
  max: number,
): (parent: number, k: number, first: number) => number {
  const own = siblingOfKind(build, 'currency_code') !== null;
  const read = build.version >= 27 && rule === 'free' && !own ? currencyOf(build) : null;
  if (read === null) return units;
  return (parent, k, first) => {
    const b = units(parent, k);
    const found = currencyFactor(read(first));
    if (found === undefined) return b;
    const [factor, whole] = found;
    return Math.min(max, whole ? Math.round((b * factor) / unit) * unit : b * factor);
  };
}

/** Version 20: a ledger's balance or amount (see above); `usual` where the table or its fan-out is no ledger's. */
export function withLedger(build: SemanticBuild, usual: SemanticGenerator): SemanticGenerator {
  const ledger = ledgerColumns(build.table, build.version);
  if (ledger === null) return usual;
  const isBalance = build.column.name === ledger.balance.name;
  if (!isBalance && build.column.name !== ledger.amount.name) return usual;
  const siblings = build.ctx.siblingRows?.();
  if (siblings === undefined) return usual;
  const balanceShape = decimalShape(ledger.balance.type, 2);
  const amountShape = decimalShape(ledger.amount.type, 2);
  if (balanceShape.scale !== amountShape.scale) return usual;
  const scale = balanceShape.scale;
  const cents = (c: Column) => nameTokens(c.name).some((w) => w === 'cents' || w === 'cent');
  if (cents(ledger.balance) !== cents(ledger.amount)) return usual;
  const unit = (POW10[scale] as number) * (scale === 0 && cents(ledger.balance) ? 100 : 1);
  const max = Math.min(balanceShape.maxUnits, amountShape.maxUnits);
  const creation = creationColumn(build);
  const read = creation === null ? null : siblingReader(build.ctx, creation);
  const time =
    read === null
      ? null
      : (row: number) => {
          const text = read(row);
          return (typeof text === 'string' ? readTimestampSeconds(text) : undefined) ?? 0;
        };
  const maxRows = build.version >= 21 ? MAX_ACCOUNT_ROWS_21 : MAX_ACCOUNT_ROWS;
  const key = (hashString(`ledger:${build.table.schema}.${build.table.name}`) ^ (build.ctx.seed ?? 0)) >>> 0;
  const drawn = balanceUnits(key, unit, max, ledger.rule, maxRows);
  if (drawn === null) return usual;
  const units = inLedgerCurrency(build, ledger.rule, drawn, unit, max);
  const place = placesOf(siblings, creation, time, maxRows);
  return {
    escapeFree: true,
    random(rand, row) {
      const at = place(row);
      if (at === null) return usual.random(rand, row);
      const { parent, k, first } = at;
      const b = units(parent, k, first);
      return formatScaled(isBalance ? b : b - (k === 0 ? 0 : units(parent, k - 1, first)), scale);
    },
  };
}

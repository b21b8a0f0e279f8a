/**
 * Issue 8 (degrade, never sink), session 30: CHECK shapes that still left
 * tables empty or cut. From generator version 23 an equation may divide and
 * round (`unit_price = round(total / quantity, 2)`, `avg = total / count`,
 * `percent = round(100.0 * part / whole)`), computed as PostgreSQL computes
 * numeric division (checks/exact-division.ts). Each shape is loaded into
 * PostgreSQL with every constraint.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decimalText, parseDecimal } from '../../src/checks/exact-decimals.js';
import { numericQuotient, roundedDecimal } from '../../src/checks/exact-division.js';
import { queryNumbers, useTestDatabase } from '../helpers/database.js';
import { outputsByWorkers } from '../helpers/generate-file.js';
import { loadGenerated, useLoadedDdl } from '../helpers/load-generated.js';

const DIVISION = `CREATE TABLE line_div (id int PRIMARY KEY, quantity int NOT NULL CHECK (quantity > 0),
  total numeric(12,2) NOT NULL, unit_price numeric(12,2) NOT NULL, CHECK (unit_price = round(total / quantity, 2)));
CREATE TABLE stats (id int PRIMARY KEY, total numeric(12,2) NOT NULL, count int NOT NULL CHECK (count > 0),
  avg numeric NOT NULL, CHECK (avg = total / count));
CREATE TABLE pct (id int PRIMARY KEY, part int NOT NULL CHECK (part >= 0), whole int NOT NULL CHECK (whole > 0),
  percent numeric NOT NULL, CHECK (part <= whole), CHECK (percent = round(100.0 * part / whole)));
CREATE TABLE share (id int PRIMARY KEY, items int NOT NULL CHECK (items BETWEEN 1 AND 1000),
  boxes int NOT NULL CHECK (boxes BETWEEN 1 AND 50), per_box int NOT NULL, CHECK (per_box = items / boxes));
`;

const LATTICES = `CREATE TABLE months (id int PRIMARY KEY, d date NOT NULL CHECK (date_trunc('month', d) = d));
CREATE TABLE mondays (id int PRIMARY KEY, d date NOT NULL CHECK (extract(dow from d) = 1));
CREATE TABLE midnight (id int PRIMARY KEY, d timestamp NOT NULL CHECK (d = date_trunc('day', d)),
  later timestamp NOT NULL CHECK (date_part('minute', later) = 30 AND extract(second FROM later) = 0),
  CHECK (later > d));
CREATE TABLE hours (id int PRIMARY KEY, t time NOT NULL CHECK (extract(minute from t) = 0),
  starts date CHECK (starts >= '2021-01-10' AND date_trunc('month', starts)::date = starts));
`;

const SHAPES = `${DIVISION}${LATTICES}`;
const ROWS = 300;

describe('version 23: equations that divide and round are computed', () => {
  const { target } = useLoadedDdl('equations30', SHAPES, {
    defaultRows: ROWS,
    seed: 30,
    generatorVersion: 23,
  });

  it('every table gets its rows, the quotients varied', async () => {
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(*) FROM line_div) AS line_div, (SELECT count(*) FROM stats) AS stats,
        (SELECT count(*) FROM pct) AS pct, (SELECT count(*) FROM share) AS share,
        (SELECT count(DISTINCT unit_price) FROM line_div) AS unit_prices,
        (SELECT count(*) FROM line_div WHERE quantity > 1) AS quantities,
        (SELECT count(DISTINCT avg) FROM stats) AS avgs, (SELECT count(DISTINCT percent) FROM pct) AS percents,
        (SELECT count(DISTINCT per_box) FROM share) AS per_box`,
    );
    expect([n.line_div, n.stats, n.pct, n.share]).toEqual([ROWS, ROWS, ROWS, ROWS]);
    expect(n.unit_prices).toBeGreaterThan(ROWS / 2);
    expect(n.quantities).toBeGreaterThan(ROWS / 3);
    expect(n.avgs).toBeGreaterThan(ROWS / 2);
    expect(n.percents).toBeGreaterThan(10);
    expect(n.per_box).toBeGreaterThan(10);
  });
});

describe('version 23: a date or time a CHECK fixes to a lattice is moved onto it', () => {
  const { target } = useLoadedDdl('lattices30', LATTICES, {
    defaultRows: ROWS,
    seed: 30,
    generatorVersion: 23,
  });

  it('firsts of months, Mondays, midnights, whole hours: every row, varied', async () => {
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(*) FROM months) AS months, (SELECT count(*) FROM mondays) AS mondays,
        (SELECT count(*) FROM midnight) AS midnight, (SELECT count(*) FROM hours) AS hours,
        (SELECT count(DISTINCT d) FROM months) AS month_days, (SELECT count(DISTINCT d) FROM mondays) AS monday_days,
        (SELECT count(DISTINCT d) FROM midnight) AS midnights, (SELECT count(DISTINCT extract(hour FROM t)) FROM hours) AS hour_values,
        (SELECT count(DISTINCT starts) FROM hours) AS starts, (SELECT count(*) FROM hours WHERE starts IS NOT NULL) AS starts_set,
        (SELECT count(*) FROM mondays WHERE extract(isodow FROM d) <> 1) AS not_monday`,
    );
    expect([n.months, n.mondays, n.midnight, n.hours]).toEqual([ROWS, ROWS, ROWS, ROWS]);
    expect(n.month_days).toBeGreaterThan(50);
    expect(n.monday_days).toBeGreaterThan(ROWS / 2);
    expect(n.midnights).toBeGreaterThan(ROWS / 2);
    expect(n.hour_values).toBe(24);
    expect(n.starts).toBeGreaterThan(20);
    expect(n.starts_set).toBeGreaterThan(ROWS / 2);
    expect(n.not_monday).toBe(0);
  });
});

const OTHERS = `CREATE TABLE pay_or (id int PRIMARY KEY, a numeric(10,2) NOT NULL CHECK (a >= 0),
  b numeric(10,2) NOT NULL CHECK (b >= 0), c numeric(12,2) NOT NULL, CHECK (b = 0 OR c = a - b));
CREATE TABLE inv_or (id int PRIMARY KEY, status text NOT NULL CHECK (status IN ('open', 'paid', 'void')),
  total numeric(10,2) NOT NULL, paid_amount numeric(10,2), CHECK (status <> 'paid' OR paid_amount = total));
CREATE TABLE cast_t (id int PRIMARY KEY, x numeric(10,2) NOT NULL, y numeric(10,2) NOT NULL,
  s numeric(12,2) NOT NULL, CHECK (s::numeric(12,2) = x + y));
CREATE TABLE coal (id int PRIMARY KEY, x numeric(10,2) NOT NULL, y numeric(10,2), s numeric(12,2) NOT NULL,
  CHECK (s = x + coalesce(y, 0)));
CREATE TABLE two_eq (id int PRIMARY KEY, x numeric(10,2) NOT NULL, y numeric(10,2) NOT NULL, s numeric(12,2) NOT NULL,
  p numeric(12,2) NOT NULL, d numeric(13,2) NOT NULL, CHECK (s = x + y), CHECK (d = s - p));
CREATE TABLE gen_base (id int PRIMARY KEY, x numeric(10,2) NOT NULL, y numeric(10,2) NOT NULL, s numeric(12,2) NOT NULL,
  twice numeric(14,2) GENERATED ALWAYS AS (s * 2) STORED, CHECK (s = x + y), CHECK (twice > -3000000000));
`;

describe('version 23: equations in an OR, through a cast or COALESCE, chained, under a generated column', () => {
  const { target } = useLoadedDdl('others30', OTHERS, { defaultRows: ROWS, seed: 30, generatorVersion: 23 });

  it('every table gets its rows, the computed columns varied', async () => {
    const tables = ['pay_or', 'inv_or', 'cast_t', 'coal', 'two_eq', 'gen_base'];
    const counts = await queryNumbers(
      target,
      `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
    );
    expect(counts).toEqual(Object.fromEntries(tables.map((t) => [t, ROWS])));
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(DISTINCT c) FROM pay_or) AS or_c, (SELECT count(DISTINCT s) FROM cast_t) AS cast_s,
        (SELECT count(DISTINCT s) FROM coal) AS coal_s, (SELECT count(*) FROM coal WHERE y IS NULL) AS coal_null,
        (SELECT count(DISTINCT d) FROM two_eq) AS two_d, (SELECT count(DISTINCT twice) FROM gen_base) AS twice,
        (SELECT count(*) FROM inv_or WHERE status = 'paid' AND paid_amount IS DISTINCT FROM total) AS unpaid`,
    );
    for (const c of ['or_c', 'cast_s', 'coal_s', 'two_d', 'twice']) expect(n[c], c).toBeGreaterThan(ROWS / 2);
    // A NOT NULL computed column keeps its bases set, COALESCE's too (version 22's rule).
    expect(n.coal_null).toBe(0);
    // A paid row with a NULL paid_amount meets the CHECK (NULL), one with another amount never is written.
    const [wrong] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM inv_or WHERE status = 'paid' AND paid_amount <> total",
    );
    expect(Number(wrong?.n)).toBe(0);
  });
});

const OVERLOADS = `CREATE FUNCTION is_code(v text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v ~ '^[A-Z]{3}$' $$;
CREATE FUNCTION is_code(v integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT v BETWEEN 100 AND 999 $$;
CREATE DOMAIN code3 AS text CHECK (is_code(VALUE));
CREATE DOMAIN num3 AS integer CHECK (is_code(VALUE));
CREATE FUNCTION double_it(v integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT v * 2 $$;
CREATE FUNCTION double_it(v numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT v * 2.5 $$;
CREATE TABLE items (id int PRIMARY KEY, code code3 NOT NULL, n num3 NOT NULL,
  qty integer NOT NULL CHECK (qty BETWEEN 1 AND 10000), amount numeric(10,2) NOT NULL CHECK (amount BETWEEN 0 AND 1000),
  doubled integer GENERATED ALWAYS AS (double_it(qty)) STORED,
  doubled_amount numeric GENERATED ALWAYS AS (double_it(amount)) STORED,
  CHECK (doubled < 15000), CHECK (doubled_amount <= 2500));
`;

describe("version 23: a domain's CHECK and a generated column call an overloaded SQL function", () => {
  const { target } = useLoadedDdl('overloads30', OVERLOADS, {
    defaultRows: ROWS,
    seed: 30,
    generatorVersion: 23,
  });

  it('the overload VALUE or the column resolves is inlined: the table gets its rows, every constraint valid', async () => {
    const n = await queryNumbers(
      target,
      `SELECT count(*) AS rows, count(DISTINCT code) AS codes, count(DISTINCT n) AS numbers,
        count(DISTINCT doubled) AS doubled, count(*) FILTER (WHERE doubled_amount <> amount * 2.5) AS wrong
       FROM items`,
    );
    expect(n).toEqual({
      rows: ROWS,
      codes: expect.any(Number),
      numbers: expect.any(Number),
      doubled: expect.any(Number),
      wrong: 0,
    });
    expect(n.codes).toBeGreaterThan(ROWS / 2);
    expect(n.numbers).toBeGreaterThan(ROWS / 3);
    expect(n.doubled).toBeGreaterThan(5);
  });
});

describe('version 22 stays as it was', () => {
  const db = useTestDatabase('equations30v22');

  it('a division left its table empty, warned', async () => {
    const { counts, result } = await loadGenerated(db, DIVISION, {
      defaultRows: ROWS,
      seed: 30,
      generatorVersion: 22,
    });
    expect([counts.get('public.line_div') ?? 0, counts.get('public.stats') ?? 0]).toEqual([0, 0]);
    const empty = result.warnings.map((w) => w.message).filter((m) => /gets no rows/.test(m));
    expect(empty).toContainEqual(expect.stringMatching(/^public\.line_div gets no rows instead of 300: /));
  });

  it('a domain over an overloaded call left its table empty, warned', async () => {
    const { counts, result } = await loadGenerated(db, OVERLOADS, {
      defaultRows: ROWS,
      seed: 30,
      generatorVersion: 22,
    });
    expect(counts.get('public.items') ?? 0).toBe(0);
    const unread = result.warnings.map((w) => w.message).filter((m) => /cannot be read by datagen/.test(m));
    expect(unread).toContainEqual(expect.stringMatching(/^CHECK code3_check \(domain public\.code3\)/));
    expect(unread).toContainEqual(expect.stringMatching(/^CHECK items_doubled_check /));
  });

  it('midnights and whole hours left their tables empty or cut, warned', async () => {
    const { counts, result } = await loadGenerated(db, LATTICES, {
      defaultRows: ROWS,
      seed: 30,
      generatorVersion: 22,
    });
    expect(counts.get('public.midnight') ?? 0).toBe(0);
    expect(counts.get('public.months') ?? 0).toBeLessThan(ROWS);
    const cut = result.warnings.map((w) => w.message).filter((m) => /gets (no|\d+) rows instead/.test(m));
    expect(cut).toContainEqual(expect.stringMatching(/^public\.midnight gets no rows instead of 300: /));
  });
});

describe('numeric division as PostgreSQL rounds it', () => {
  const db = useTestDatabase('equations30div');

  it('quotients and round() agree with the server digit for digit', async () => {
    const pairs: [string, string, number][] = [];
    const operands = [
      '1',
      '2',
      '3',
      '7',
      '-7',
      '10.5',
      '0.001',
      '123456.789',
      '99999999.99',
      '0.0000070',
      '-3.10',
    ];
    for (const a of operands) for (const b of operands) pairs.push([a, b, ((a.length + b.length) % 5) - 1]);
    const rows = await db.query<{ q: string; r: string }>(
      `SELECT (a / b)::text AS q, round(a / b, s)::text AS r
       FROM unnest($1::numeric[], $2::numeric[], $3::int[]) WITH ORDINALITY AS p(a, b, s, i) ORDER BY i`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1]), pairs.map((p) => p[2])],
    );
    const mine = pairs.map(([a, b, s]) => {
      const q = numericQuotient(
        parseDecimal(a) ?? { units: 0n, scale: 0 },
        parseDecimal(b) ?? { units: 1n, scale: 0 },
      );
      const r = roundedDecimal(q, s);
      return { q: decimalText(q.units, q.scale), r: decimalText(r.units, r.scale) };
    });
    expect(mine).toEqual(rows);
  });

  it('-j 2 writes the same bytes as -j 1', async () => {
    const [two, one] = await outputsByWorkers(
      `${SHAPES}${OTHERS}${OVERLOADS}`,
      { defaultRows: 3000, blockRows: 500, seed: 30, generatorVersion: 23 },
      [2, 1],
    );
    expect(readFileSync(two ?? '', 'utf8')).toBe(readFileSync(one ?? '', 'utf8'));
  });
});

const MONEY = `CREATE TABLE inv (id serial PRIMARY KEY, subtotal numeric(10,2) NOT NULL CHECK (subtotal >= 0),
  tax numeric(10,2) NOT NULL CHECK (tax >= 0), total numeric(10,2) NOT NULL, CHECK (total = subtotal + tax));
CREATE TABLE inv_due (id serial PRIMARY KEY, subtotal numeric(10,2) NOT NULL, tax numeric(10,2) NOT NULL,
  discount numeric(10,2) NOT NULL DEFAULT 0, total numeric(10,2) NOT NULL, paid numeric(10,2) NOT NULL,
  due numeric(10,2) NOT NULL, CHECK (total = subtotal + tax - discount), CHECK (due = total - paid));
`;

const MONEY_FIGURES = `SELECT (SELECT count(*) FROM inv) AS inv, (SELECT count(*) FROM inv_due) AS inv_due,
  (SELECT count(*) FROM inv WHERE tax > 0) AS taxed, (SELECT count(DISTINCT tax) FROM inv) AS taxes,
  (SELECT count(*) FROM inv WHERE tax > subtotal * 0.25) AS over_rate,
  (SELECT count(*) FROM inv_due WHERE tax > 0) AS due_taxed, (SELECT count(*) FROM inv_due WHERE paid > 0) AS paid,
  (SELECT count(*) FROM inv_due WHERE due > 0) AS owing`;

describe("version 23: a money part an equation's table makes reads the row's parts made before it", () => {
  const v23 = useLoadedDdl('money30', MONEY, { defaultRows: ROWS, seed: 30, generatorVersion: 23 });
  const v22 = useLoadedDdl('money22', MONEY, { defaultRows: ROWS, seed: 30, generatorVersion: 22 });

  it("a tax is a usual rate of the row's subtotal, an amount paid a share of the row's total", async () => {
    const n = await queryNumbers(v23.target, MONEY_FIGURES);
    expect([n.inv, n.inv_due]).toEqual([ROWS, ROWS]);
    expect(n.taxed).toBeGreaterThan(ROWS / 2);
    expect(n.taxes).toBeGreaterThan(ROWS / 2);
    expect(n.over_rate).toBe(0);
    expect(n.due_taxed).toBeGreaterThan(ROWS / 2);
    expect(n.paid).toBeGreaterThan(ROWS / 2);
    expect(n.owing).toBeGreaterThan(0);
  });

  it('at version 22 the parts read nothing of their row inside the engine: every tax and payment 0, as before', async () => {
    const n = await queryNumbers(v22.target, MONEY_FIGURES);
    expect([n.inv, n.inv_due]).toEqual([ROWS, ROWS]);
    expect([n.taxed, n.due_taxed, n.paid]).toEqual([0, 0, 0]);
  });

  it('-j 2 writes the same bytes as -j 1', async () => {
    const [two, one] = await outputsByWorkers(
      MONEY,
      { defaultRows: 3000, blockRows: 500, seed: 30, generatorVersion: 23 },
      [2, 1],
    );
    expect(readFileSync(two ?? '', 'utf8')).toBe(readFileSync(one ?? '', 'utf8'));
  });
});

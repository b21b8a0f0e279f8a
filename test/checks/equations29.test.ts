/**
 * Issue 8 (degrade, never sink): a CHECK saying one column EQUALS an
 * expression of others (`total = subtotal + tax`, `a + b = 100`,
 * `full_name = first || ' ' || last`) left the table empty, as random values
 * never meet an equality. From generator version 22 the engine computes such
 * a column (generate/check-equations.ts), numbers exactly
 * (checks/exact-decimals.ts). Each shape is loaded into PostgreSQL with every
 * constraint.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactEquality } from '../../src/checks/exact-decimals.js';
import { loadParser, selectedExpression } from '../../src/input/ddl/pg-parser.js';
import { queryNumbers, useTestDatabase } from '../helpers/database.js';
import { outputsByWorkers } from '../helpers/generate-file.js';
import { loadGenerated, useLoadedDdl } from '../helpers/load-generated.js';

const LEAD = `CREATE TABLE inv (id serial PRIMARY KEY,
  subtotal numeric(10,2) NOT NULL CHECK (subtotal >= 0), tax numeric(10,2) NOT NULL CHECK (tax >= 0),
  total numeric(10,2) NOT NULL, CHECK (total = subtotal + tax));
CREATE TABLE span (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, CHECK (a + b = 100));
CREATE TABLE person (id int PRIMARY KEY, first text NOT NULL, last text NOT NULL,
  full_name text NOT NULL, CHECK (full_name = first || ' ' || last));
`;

const SHAPES = `${LEAD}
CREATE TABLE order_line (id int PRIMARY KEY, quantity int NOT NULL CHECK (quantity > 0),
  unit_price numeric(10,2) NOT NULL CHECK (unit_price >= 0), amount numeric(12,2) NOT NULL,
  CHECK (amount = quantity * unit_price));
CREATE TABLE payment (id int PRIMARY KEY, gross numeric(10,2) NOT NULL,
  discount numeric(10,2) NOT NULL CHECK (discount >= 0),
  net numeric(10,2) NOT NULL CHECK (net >= 0), CHECK (net = gross - discount));
CREATE TABLE fee (id int PRIMARY KEY, base numeric(10,2), surcharge numeric(10,2), charged numeric(10,2),
  CHECK (charged = base + surcharge));
CREATE TABLE tipped (id int PRIMARY KEY, price numeric(10,2) NOT NULL, tip numeric(10,2),
  paid numeric(10,2) NOT NULL, CHECK (paid = price + tip));
CREATE TABLE small (id int PRIMARY KEY, a numeric(5,2) NOT NULL CHECK (a >= 0),
  b numeric(5,2) NOT NULL CHECK (b >= 0), c numeric(5,2) NOT NULL, CHECK (c = a + b));
CREATE TABLE member (id int PRIMARY KEY, first_name varchar(12) NOT NULL, last_name varchar(12) NOT NULL,
  display_name varchar(20) NOT NULL, CHECK (display_name = first_name || ' ' || last_name));
`;

const ROWS = 300;

describe('version 22: equations are computed, the tables filled', () => {
  const { target } = useLoadedDdl('equations29', SHAPES, {
    defaultRows: ROWS,
    seed: 29,
    generatorVersion: 22,
  });

  it('every table gets its rows', async () => {
    const tables = ['inv', 'span', 'person', 'order_line', 'payment', 'fee', 'tipped', 'small', 'member'];
    const counts = await queryNumbers(
      target,
      `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t}) AS ${t}`).join(', ')}`,
    );
    expect(counts).toEqual(Object.fromEntries(tables.map((t) => [t, ROWS])));
  });

  it('the computed columns take varied values, not one value or zero', async () => {
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(DISTINCT total) FROM inv) AS total, (SELECT count(*) FROM inv WHERE total > 0) AS positive,
        (SELECT count(DISTINCT b) FROM span) AS b, (SELECT count(DISTINCT full_name) FROM person) AS full_name,
        (SELECT count(DISTINCT amount) FROM order_line) AS amount,
        (SELECT count(*) FROM order_line WHERE quantity > 1) AS quantities,
        (SELECT count(DISTINCT net) FROM payment) AS net,
        (SELECT count(DISTINCT c) FROM small) AS c, (SELECT count(DISTINCT display_name) FROM member) AS display`,
    );
    for (const [column, distinct] of Object.entries(n)) expect(distinct, column).toBeGreaterThan(ROWS / 3);
    // The values add up (the load checked the CHECKs; these read the columns as written).
    const [person] = await target.query<{ full_name: string; first: string; last: string }>(
      'SELECT full_name, first, last FROM person ORDER BY id LIMIT 1',
    );
    expect(person?.full_name).toBe(`${person?.first} ${person?.last}`);
  });

  it('a NULL base gives a NULL computed column; a NOT NULL computed column keeps its bases set', async () => {
    const n = await queryNumbers(
      target,
      `SELECT (SELECT count(*) FROM fee WHERE base IS NULL OR surcharge IS NULL) AS nulled,
        (SELECT count(*) FROM fee WHERE (base IS NULL OR surcharge IS NULL) AND charged IS NOT NULL) AS set_anyway,
        (SELECT count(*) FROM fee WHERE charged IS NOT NULL) AS charged,
        (SELECT count(*) FROM tipped WHERE tip IS NULL) AS tip_null`,
    );
    expect(n.nulled).toBeGreaterThan(0);
    expect(n.set_anyway).toBe(0);
    expect(n.charged).toBeGreaterThan(ROWS / 2);
    expect(n.tip_null).toBe(0);
  });

  it("a sum past numeric(5,2) or a name past varchar(20) is made again, the column's own CHECK held", async () => {
    const n = await queryNumbers(
      target,
      `SELECT (SELECT max(c) FROM small) AS c, (SELECT max(length(display_name)) FROM member) AS display,
        (SELECT count(*) FROM payment WHERE net < 0) AS negative, (SELECT count(*) FROM small WHERE c > 500) AS big`,
    );
    expect(n.c).toBeLessThanOrEqual(999.99);
    expect(n.big).toBeGreaterThan(0);
    expect(n.display).toBeLessThanOrEqual(20);
    expect(n.negative).toBe(0);
  });
});

describe('version 22: an equation its type rarely holds degrades', () => {
  const db = useTestDatabase('equations29tiny');

  it('a smallint product past its range is made again; a row no attempt fits ends the table there, the CHECK named', async () => {
    const ddl = `CREATE TABLE tiny (id int PRIMARY KEY, x smallint NOT NULL, y smallint NOT NULL, s smallint NOT NULL,
      CHECK (s = x * y));
      CREATE TABLE chain (id int PRIMARY KEY, qty int NOT NULL CHECK (qty BETWEEN 1 AND 20),
        price numeric(8,2) NOT NULL CHECK (price > 0), subtotal numeric(10,2) NOT NULL,
        tax numeric(8,2) NOT NULL CHECK (tax >= 0), total numeric(12,2) NOT NULL,
        CHECK (subtotal = qty * price), CHECK (total = subtotal + tax), CHECK (total >= subtotal));
      CREATE TABLE keyed (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, CHECK (id = a + b));`;
    const { counts, result } = await loadGenerated(db, ddl, {
      defaultRows: ROWS,
      seed: 29,
      generatorVersion: 22,
    });
    // Before: tiny got no rows. Its products mostly overflow smallint: rows up to the first row none fits.
    expect(counts.get('public.tiny')).toBeGreaterThan(0);
    const cut = result.warnings.map((w) => w.message).filter((m) => /gets \d+ rows instead/.test(m));
    expect(cut).toEqual([
      expect.stringMatching(
        /^public\.tiny gets \d+ rows instead of 300: row \d+ still fails CHECK tiny_check \(s = \(x \* y\)\)/,
      ),
    ]);
    // Two equations in a chain (total from subtotal from qty * price), and a key column's equation solved for b.
    expect([counts.get('public.chain'), counts.get('public.keyed')]).toEqual([ROWS, ROWS]);
  });
});

describe('version 21 stays as it was', () => {
  const db = useTestDatabase('equations29v21');

  it('the equations still leave their tables empty, warned', async () => {
    const { counts, result } = await loadGenerated(db, LEAD, {
      defaultRows: ROWS,
      seed: 29,
      generatorVersion: 21,
    });
    expect([
      counts.get('public.inv') ?? 0,
      counts.get('public.span') ?? 0,
      counts.get('public.person') ?? 0,
    ]).toEqual([0, 0, 0]);
    const empty = result.warnings.map((w) => w.message).filter((m) => /gets no rows/.test(m));
    expect(empty).toEqual([
      expect.stringMatching(/^public\.inv gets no rows instead of 300: row 0 still fails CHECK inv_check /),
      expect.stringMatching(/^public\.span gets no rows instead of 300: row 0 still fails CHECK span_check /),
      expect.stringMatching(
        /^public\.person gets no rows instead of 300: row 0 still fails CHECK person_check /,
      ),
    ]);
  });
});

describe('exact numeric judgement', () => {
  it('0.10 + 0.20 = 0.30 holds, as in PostgreSQL, and 0.31 does not', async () => {
    await loadParser();
    const judge = exactEquality(selectedExpression('c = a + b'), () => 'numeric');
    const row = (c: string) => (name: string) => ({ a: '0.10', b: '0.20', c })[name] ?? null;
    expect(judge?.(row('0.30'))).toBe(true);
    expect(judge?.(row('0.3'))).toBe(true);
    expect(judge?.(row('0.31'))).toBe(false);
    expect(0.1 + 0.2 === 0.3).toBe(false);
  });

  it('-j 2 writes the same bytes as -j 1', async () => {
    const [two, one] = await outputsByWorkers(
      SHAPES,
      { defaultRows: 3000, blockRows: 500, seed: 29, generatorVersion: 22 },
      [2, 1],
    );
    expect(readFileSync(two ?? '', 'utf8')).toBe(readFileSync(one ?? '', 'utf8'));
  });
});

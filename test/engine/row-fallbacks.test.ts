/**
 * The row engine's fallback steps on their own: the NULL step writes NULL
 * only where the failing CHECK reads a nullable group and only when every
 * CHECK then holds; the borrow step takes a trial row's free values, only
 * for rows past the trial, the same donor for the same row every time.
 */
import { describe, expect, test } from 'vitest';
import {
  createRowFallbacks,
  type FallbackContext,
  type RowValues,
  TRIAL_ROWS,
} from '../../src/generate/row-fallbacks.js';

/** A row engine stand-in: x is `row`, y is `row * 3`; CHECK (x % 5 <> 0) on x, CHECK (y IS NULL OR y < 100) on y. */
function context(overrides: Partial<FallbackContext> = {}): FallbackContext {
  const base = (row: number): RowValues =>
    new Map([
      ['x', String(row)],
      ['y', String(row * 3)],
      ['k', `key${row}`],
    ]);
  return {
    seed: 1,
    schema: 'public',
    table: 't',
    rows: TRIAL_ROWS * 2,
    nullGroups: [['y']],
    borrowable: ['x', 'y'],
    baseValues: (row) => ({ values: base(row), complete: true }),
    evaluate: (values) => {
      const x = values.get('x');
      const y = values.get('y');
      if (x !== null && x !== undefined && Number(x) % 5 === 0)
        return { failed: 'CHECK x_check', columns: new Set(['x']) };
      if (y !== null && y !== undefined && Number(y) >= 100)
        return { failed: 'CHECK y_check', columns: new Set(['y']) };
      return undefined;
    },
    rowValues: (row) => {
      const values = base(row);
      if (Number(values.get('y')) >= 100) values.set('y', null);
      return values;
    },
    ...overrides,
  };
}

describe('row fallbacks', () => {
  test('the NULL step: y NULL where CHECK y_check fails, counted; x (not nullable) never', () => {
    const fallbacks = createRowFallbacks(context());
    expect(fallbacks.values(41)?.get('y')).toBeNull();
    expect(fallbacks.values(42)?.get('y')).toBeNull();
    expect(fallbacks.counts.nulls.get('y')).toEqual({ rows: 2, check: 'CHECK y_check' });
    // Row 40 fails x_check, which NULL in y does not help: no row within the trial's rows.
    expect(fallbacks.values(40)).toBeUndefined();
  });

  test('the borrow step: a row past the trial takes a trial row\u2019s free columns, keeps its fixed ones', () => {
    const fallbacks = createRowFallbacks(context());
    const row = TRIAL_ROWS + 5;
    const values = fallbacks.values(row);
    expect(values).toBeDefined();
    const x = Number(values?.get('x'));
    expect(x).toBeLessThan(TRIAL_ROWS);
    expect(x % 5).not.toBe(0);
    expect(values?.get('k')).toBe(`key${row}`);
    expect(fallbacks.counts.borrowed).toBe(1);
    // A pure function of the row: the same donor again, another row another donor.
    expect(createRowFallbacks(context()).values(row)).toEqual(values);
    const donors = new Set(
      Array.from({ length: 20 }, (_, i) =>
        createRowFallbacks(context())
          .values(TRIAL_ROWS + 5 * i)
          ?.get('x'),
      ),
    );
    expect(donors.size).toBeGreaterThan(10);
  });

  test('the borrow step never takes a donor whose values fail too; then no row', () => {
    const fallbacks = createRowFallbacks(context({ rowValues: () => new Map([['x', '10']]) }));
    expect(fallbacks.values(TRIAL_ROWS + 5)).toBeUndefined();
  });
});

/**
 * The text → Parquet value conversions read common timestamps and short
 * decimals character by character (no regular expression, no BigInt
 * arithmetic, no Date per value) and fall back to the general reading for
 * any other shape: both must give the same values. The reference here is
 * independent: Date's proleptic Gregorian calendar and BigInt of the digits.
 */
import { describe, expect, it } from 'vitest';
import { timestampMicros, unscaledDecimal } from '../../src/encode/parquet-columns.js';

/** Microseconds of a timestamp by Date (its year set with setUTCFullYear, so years below 100 stay as given). */
function referenceMicros(
  year: number,
  month: number,
  day: number,
  seconds: number,
  fraction: string,
  offsetSeconds: number,
): bigint {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const millis = BigInt(date.getTime()) + BigInt(seconds - offsetSeconds) * 1000n;
  return millis * 1000n + BigInt(fraction.padEnd(6, '0'));
}

/** A small deterministic generator (the test's inputs are the same every run). */
function lcg(seed: number): (bound: number) => number {
  let state = seed;
  return (bound) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % bound;
  };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

describe('timestampMicros', () => {
  it('reads timestamps with and without fractions and offsets as Date does, in and beyond 2^53 microseconds', () => {
    const next = lcg(7);
    const years = [1, 99, 100, 1582, 1684, 1685, 1899, 1969, 1970, 2000, 2024, 2254, 2255, 2400, 9999];
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const year = years[next(years.length)]!;
      const [month, day, hour, minute, second] = [1 + next(12), 1 + next(28), next(24), next(60), next(60)];
      const digits = next(7);
      const fraction = digits === 0 ? '' : pad(next(10 ** digits), digits);
      const offsetKind = next(4);
      const offsetHours = next(15);
      const offsetMinutes = offsetKind === 3 ? next(60) : 0;
      const negative = next(2) === 1;
      const offsetText =
        offsetKind === 0
          ? ''
          : `${negative ? '-' : '+'}${pad(offsetHours)}${offsetKind === 3 ? `:${pad(offsetMinutes)}` : ''}`;
      const text = `${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}${fraction === '' ? '' : `.${fraction}`}${offsetText}`;
      const offset = offsetKind === 0 ? 0 : (negative ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
      const expected = referenceMicros(
        year,
        month,
        day,
        hour * 3600 + minute * 60 + second,
        fraction,
        offset,
      );
      expect(timestampMicros(text), text).toBe(expected);
      checked++;
    }
    expect(checked).toBe(20_000);
  });

  it('reads the shapes the character reading leaves to the general one: BC, offsets with seconds or without a colon', () => {
    expect(timestampMicros('0044-03-15 12:00:00 BC')).toBe(referenceMicros(-43, 3, 15, 43_200, '', 0));
    expect(timestampMicros('2024-01-01 00:00:00+05:30:15')).toBe(
      referenceMicros(2024, 1, 1, 0, '', 5 * 3600 + 30 * 60 + 15),
    );
    expect(timestampMicros('2024-01-01 00:00:00+0530')).toBe(
      referenceMicros(2024, 1, 1, 0, '', 5 * 3600 + 1800),
    );
    expect(timestampMicros('12345-06-07 08:09:10')).toBe(referenceMicros(12_345, 6, 7, 29_350, '', 0));
  });

  it("reads a configuration's values in PostgreSQL's input forms: a date alone, T, Z, no seconds (hostile29)", () => {
    expect(timestampMicros('2024-01-01')).toBe(referenceMicros(2024, 1, 1, 0, '', 0));
    expect(timestampMicros('2024-01-01T10:30Z')).toBe(referenceMicros(2024, 1, 1, 37_800, '', 0));
    expect(timestampMicros('2024-01-01T10:30:05+02')).toBe(referenceMicros(2024, 1, 1, 37_805, '', 7200));
  });

  it('refuses text that is not a timestamp', () => {
    for (const text of [
      '2024-01-01 1:00:00',
      '2024-01-01 10:00:00.',
      '2024-01-01 10:00:00.1234567',
      '2024-01-01 10:00:00+1',
      'x',
    ])
      expect(() => timestampMicros(text), text).toThrow(/not a timestamp/);
  });
});

describe('unscaledDecimal', () => {
  it('gives the unscaled integer of short and long decimals at every scale, as BigInt of the digits', () => {
    const next = lcg(11);
    const digits = (count: number) => Array.from({ length: count }, () => next(10)).join('');
    let checked = 0;
    for (let i = 0; i < 20_000; i++) {
      const scale = [0, 1, 2, 4, 9][next(5)]!;
      const whole = digits(next(22));
      const fraction = digits(next(scale + 1));
      if (whole === '' && fraction === '') continue;
      const negative = next(3) === 0;
      const text = `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`;
      const magnitude = BigInt(`${whole}${fraction.padEnd(scale, '0')}` || '0');
      expect(unscaledDecimal(text, scale), `${text} at scale ${scale}`).toBe(
        negative ? -magnitude : magnitude,
      );
      checked++;
    }
    expect(checked).toBeGreaterThan(19_000);
  });

  it('keeps the general rules: trailing zeros beyond the scale pass, other digits and non-numbers do not', () => {
    expect(unscaledDecimal('12.500', 2)).toBe(1250n);
    expect(unscaledDecimal('.5', 2)).toBe(50n);
    expect(unscaledDecimal('7.', 1)).toBe(70n);
    expect(unscaledDecimal('-0.00', 2)).toBe(0n);
    expect(() => unscaledDecimal('12.501', 2)).toThrow(/more than 2 decimal places/);
    for (const text of ['', '-', '.', '1e5', '+1', '1.2.3', 'NaN'])
      expect(() => unscaledDecimal(text, 2), text).toThrow();
  });
});

/**
 * Uniformity of counts for the statistical tests (hash quality, scrambled codes): Pearson's statistic and
 * its critical value.
 */

/** Pearson's chi-square statistic of `counts` against a uniform expectation. */
export function chiSquare(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

/** Chi-square critical value with `df` degrees of freedom at z standard deviations (Wilson–Hilferty). */
export function critical(df: number, z = 4.75): number {
  const a = 2 / (9 * df);
  return df * (1 - a + z * Math.sqrt(a)) ** 3;
}

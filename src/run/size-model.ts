/**
 * `--size`'s model of the output: bytes as a function of the scale, fitted
 * through measured runs and solved for the target (sizing.ts), and what is
 * said when no scale reaches the target.
 */
import { DatagenError, ErrorCodes } from '../errors.js';

/**
 * Bytes as a function of the scale: `fixed + s × (perScale + perDecade × log10 s)`.
 * The log term is what grows faster than the rows: keys and the foreign keys
 * that hold them get a digit more every tenfold (serial 9,999 → 10,000), and
 * compression finds more to share.
 */
export interface SizeModel {
  readonly fixed: number;
  readonly perScale: number;
  readonly perDecade: number;
}

export function modelBytes(m: SizeModel, s: number): number {
  return m.fixed + s * (m.perScale + m.perDecade * Math.log10(s));
}

/** The model through three measured points (scale, bytes), scales distinct. */
export function fitSizeModel(points: readonly (readonly [number, number])[]): SizeModel {
  const [[s1, b1], [s2, b2], [s3, b3]] = points as [[number, number], [number, number], [number, number]];
  const g = (s: number) => s * Math.log10(s);
  // (b2 - b1) = p (s2 - s1) + d (g2 - g1); (b3 - b2) = p (s3 - s2) + d (g3 - g2)
  const [a11, a12, r1] = [s2 - s1, g(s2) - g(s1), b2 - b1];
  const [a21, a22, r2] = [s3 - s2, g(s3) - g(s2), b3 - b2];
  const det = a11 * a22 - a12 * a21;
  let perScale: number;
  let perDecade: number;
  if (Math.abs(det) > 1e-12 * Math.abs(a11 * a22)) {
    perScale = (r1 * a22 - a12 * r2) / det;
    perDecade = (a11 * r2 - r1 * a21) / det;
  } else {
    perScale = (b3 - b1) / (s3 - s1);
    perDecade = 0;
  }
  return { fixed: b1 - s1 * (perScale + perDecade * Math.log10(s1)), perScale, perDecade };
}

/** Bytes per unit of scale at `s` (the model's slope there). */
export function slope(m: SizeModel, s: number): number {
  return m.perScale + m.perDecade * (Math.log10(s) + Math.LOG10E);
}

/** The scale at which the model gives `target` bytes (bracketed from `from`, the sampled scale), or NaN. */
export function solveScale(m: SizeModel, target: number, from: number): number {
  let low = from;
  let high = from;
  for (let i = 0; modelBytes(m, high) < target; i++) {
    if (i > 200 || !(slope(m, high) > 0)) return Number.NaN;
    low = high;
    high *= 2;
  }
  for (let i = 0; modelBytes(m, low) >= target; i++) {
    if (i > 60) return Number.NaN; // the fixed part alone is the target or more
    high = low;
    low /= 2;
  }
  for (let i = 0; i < 100 && high - low > high * 1e-12; i++) {
    const mid = (low + high) / 2;
    if (modelBytes(m, mid) < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

/**
 * The error for a target no scale reaches: the output does not grow (every table fixed), its fixed part is
 * the target or more, or it stops growing short of it (a key or CHECK holds a table's rows: a smallint key
 * takes 65,536; the fit's fixed part was then negative, told as "its fixed part alone is -1676308 bytes;
 * ask for a larger size").
 */
export function sizeOutOfReach(
  target: number,
  model: SizeModel,
  points: readonly (readonly [number, number])[],
): DatagenError {
  const largest = Math.max(...points.map(([, bytes]) => bytes));
  const smallest = Math.min(...points.map(([, bytes]) => bytes));
  const about = (bytes: number) => `about ${Math.round(bytes)} bytes`;
  let why: string;
  if (largest === smallest)
    why =
      largest >= target
        ? `the output is ${about(largest)} at its fewest rows; ask for a larger size or give --rows`
        : 'the output does not grow with the row counts (its tables keep theirs); give --rows';
  // Samples that grew (doubled at least) and then stopped: a cap, or a fixed part the target is below.
  else if (largest >= 2 * smallest)
    why =
      model.fixed >= target
        ? `the output does not grow with the row counts, and its fixed part alone is ${about(model.fixed)}; ask for a larger size or give --rows`
        : `the output stops growing short of it, at ${about(largest)}: a key or CHECK holds a table's rows (\`datagen plan\` with a larger --rows names it); ask for at most that size, give --rows, or widen the key`;
  else
    why = `the output is ${about(smallest)} at the fewest rows it was measured at and grows too little there to size it; ask for a larger size or give --rows`;
  return new DatagenError(ErrorCodes.BAD_OPTION, `--size ${target} bytes: ${why}`, { target });
}

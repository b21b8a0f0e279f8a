/** Fixed-width decimal pieces shared by date/time text (calendar.ts) and the value generators. */

/** `PAD2[n]` is n (0..99) as two digits. */
export const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

const ZEROS = '0'.repeat(32);

/** n >= 0 as exactly `width` digits (zero-padded; width <= 32). */
export function padDigits(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : ZEROS.slice(0, width - s.length) + s;
}

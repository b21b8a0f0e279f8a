/**
 * A row time's text read back as seconds since the epoch: what other columns
 * of the row (a later time, a life event, a child's start after its parent's)
 * read of one already written.
 */
import { daysFromCivil, parseTimestampText, SECONDS_PER_DAY } from '../../checks/calendar.js';
import { readEpochSeconds } from './epoch-times.js';

/** A digit's value at `i`, or -1. */
function digitAt(text: string, i: number): number {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * Seconds since the epoch of a date/timestamp text. The shapes this module
 * writes (`YYYY-MM-DD[ HH:MM:SS][+00]`) are read by position; anything else
 * (fractions, other offsets) goes through the general parser.
 */
export function readTimestampSeconds(text: string): number | undefined {
  const n = text.length;
  if ((n === 10 || n === 19 || n === 22) && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digitAt(text, 0) * 1000 + digitAt(text, 1) * 100 + digitAt(text, 2) * 10 + digitAt(text, 3);
    const m = digitAt(text, 5) * 10 + digitAt(text, 6);
    const d = digitAt(text, 8) * 10 + digitAt(text, 9);
    let seconds = daysFromCivil(y, m, d) * SECONDS_PER_DAY;
    let ok = y >= 0 && m >= 1 && d >= 1;
    if (n >= 19) {
      ok &&= text.charCodeAt(13) === 58 && text.charCodeAt(16) === 58;
      const hh = digitAt(text, 11) * 10 + digitAt(text, 12);
      const mm = digitAt(text, 14) * 10 + digitAt(text, 15);
      const ss = digitAt(text, 17) * 10 + digitAt(text, 18);
      ok &&= hh >= 0 && mm >= 0 && ss >= 0;
      seconds += hh * 3600 + mm * 60 + ss;
    }
    if (n === 22) ok &&= text.endsWith('+00');
    if (ok) return seconds;
  }
  return readEpochSeconds(text) ?? parseTimestampText(text)?.seconds;
}

/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since
 * 1970-01-01), H. Hinnant's civil-from-days algorithms: no Date objects, no
 * time zones, exact for every year PostgreSQL accepts in ISO form.
 */
import { type ByteOut, PAD2, padDigits, putTwoDigits, writeAsciiText } from './digits.js';

export const SECONDS_PER_DAY = 86400;

/**
 * Seconds past every zone's offset from UTC (PostgreSQL refuses offsets past ±15:59; local mean times before
 * 1900 reach 15:57 east): a local time read in an unknown session TimeZone lies this close to UTC's.
 */
export const ZONE_REACH = 16 * 3600;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The days of a month (1..12) of an astronomical year (0 is 1 BC, -1 2 BC). */
export function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

/** Day number of a civil date (month 1..12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Recently printed dates, direct-mapped by day number: a column's dates fall
 * in a window of a few thousand days, so most are printed once per thread.
 */
const DATE_SLOTS = 4096;
const slotDays = new Float64Array(DATE_SLOTS).fill(Number.NaN);
const slotText: string[] = new Array<string>(DATE_SLOTS).fill('');

/** `YYYY-MM-DD` of a day number (years 1..9999 print with 4 digits). */
export function formatDate(days: number): string {
  const slot = days & (DATE_SLOTS - 1);
  if (slotDays[slot] === days) return slotText[slot] as string;
  const text = civilText(days);
  slotDays[slot] = days;
  slotText[slot] = text;
  return text;
}

/** The civil date of a day number, packed as year * 10000 + month * 100 + day (Hinnant's civil_from_days). */
export function civilPacked(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return y * 10000 + m * 100 + d;
}

function civilText(days: number): string {
  const packed = civilPacked(days);
  const y = Math.floor(packed / 10000);
  const md = packed - y * 10000;
  return `${padDigits(y, 4)}-${PAD2[Math.floor(md / 100)]}-${PAD2[md % 100]}`;
}

/** Day numbers of 0001-01-01 and 10000-01-01: the dates printed with a 4-digit year. */
const DAY_1 = daysFromCivil(1, 1, 1);
const DAY_10000 = daysFromCivil(10000, 1, 1);
/**
 * The byte form of recently written dates, direct-mapped by day number (10
 * bytes a slot): 32,768 slots, about 90 years, so a birth date's span and a
 * recent creation's both stay (4,096 slots, `formatDate`'s, held a fifth of
 * a birth date column's days, the rest computed again). 448 KiB a thread.
 */
const BYTE_DATE_SLOTS = 32768;
/** The day each slot holds; NO_DAY (no day number of a year 1..9999) where none yet. */
const NO_DAY = -2147483648;
const byteSlotDays = new Int32Array(BYTE_DATE_SLOTS).fill(NO_DAY);
const byteSlots = new Uint8Array(BYTE_DATE_SLOTS * 10);

/** `formatDate(days)`'s bytes, written at `out.pos`. */
export function writeDate(out: ByteOut, days: number): void {
  if (days < DAY_1 || days >= DAY_10000) {
    writeAsciiText(out, formatDate(days));
    return;
  }
  const slot = days & (BYTE_DATE_SLOTS - 1);
  const from = slot * 10;
  if (byteSlotDays[slot] !== days) {
    // The digits written straight into the slot (no string: a wide range of days misses often).
    const packed = civilPacked(days);
    let y = Math.floor(packed / 10000);
    const md = packed - y * 10000;
    for (let i = 3; i >= 0; i--) {
      byteSlots[from + i] = 48 + (y % 10);
      y = Math.floor(y / 10);
    }
    const m = Math.floor(md / 100);
    const d = md - m * 100;
    byteSlots[from + 4] = 45;
    byteSlots[from + 5] = 48 + Math.floor(m / 10);
    byteSlots[from + 6] = 48 + (m % 10);
    byteSlots[from + 7] = 45;
    byteSlots[from + 8] = 48 + Math.floor(d / 10);
    byteSlots[from + 9] = 48 + (d % 10);
    byteSlotDays[slot] = days;
  }
  out.ensure(10);
  const buf = out.buf;
  const p = out.pos;
  for (let i = 0; i < 10; i++) buf[p + i] = byteSlots[from + i] as number;
  out.pos = p + 10;
}

/** `formatTimestamp(seconds)`'s bytes (whole seconds since the epoch), written at `out.pos`. */
export function writeTimestamp(out: ByteOut, seconds: number): void {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  writeDate(out, days);
  let rest = seconds - days * SECONDS_PER_DAY;
  const h = Math.floor(rest / 3600);
  rest -= h * 3600;
  const m = Math.floor(rest / 60);
  out.ensure(9);
  const buf = out.buf;
  const p = out.pos;
  buf[p] = 32;
  putTwoDigits(buf, p + 1, h);
  buf[p + 3] = 58;
  putTwoDigits(buf, p + 4, m);
  buf[p + 6] = 58;
  putTwoDigits(buf, p + 7, rest - m * 60);
  out.pos = p + 9;
}

/** `HH:MM:SS` of a second of the day (0..86399). */
export function formatTimeOfDay(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const rest = seconds - h * 3600;
  const m = Math.floor(rest / 60);
  return `${PAD2[h]}:${PAD2[m]}:${PAD2[rest - m * 60]}`;
}

/** `YYYY-MM-DD HH:MM:SS` of whole seconds since 1970-01-01 00:00:00. */
export function formatTimestamp(seconds: number): string {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  return `${formatDate(days)} ${formatTimeOfDay(seconds - days * SECONDS_PER_DAY)}`;
}

export interface ParsedTimestamp {
  /** Seconds since the epoch (fractional when the text had a fraction), at UTC when `offset` was given. */
  readonly seconds: number;
  /** True when the text carried an explicit UTC offset (or `Z`). */
  readonly hasOffset: boolean;
}

/** ISO date/timestamp text: year, month, day, then hour, minute, second (with its fraction) and offset where given. */
export const TIMESTAMP_TEXT =
  /^\s*(\d{4,})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?\s*(Z|[+-]\d{1,2}(?::?\d{2})?)?\s*$/i;

/** Reads ISO date/timestamp text (`2020-01-31`, `2020-01-31 12:00:00.5+02`); undefined otherwise. */
export function parseTimestampText(text: string): ParsedTimestamp | undefined {
  const m = TIMESTAMP_TEXT.exec(text);
  if (!m) return undefined;
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  let seconds =
    days * SECONDS_PER_DAY + Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  const zone = m[7];
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, digits.length > 2 ? digits.length - 2 : digits.length));
    const minutes = digits.length > 2 ? Number(digits.slice(-2)) : 0;
    seconds -= sign * (hours * 3600 + minutes * 60);
  }
  return { seconds, hasOffset: zone !== undefined };
}

/** Reads `HH:MM[:SS[.frac]]` to seconds of the day; undefined otherwise. */
export function parseTimeText(text: string): number | undefined {
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

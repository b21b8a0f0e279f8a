/**
 * `to_char(value, format)` as PostgreSQL's formatting.c writes it, for the
 * patterns CHECKs use: of dates and timestamps `YYYY`, `YY`, `MM`, `DD`,
 * `HH24`, `HH12`/`HH`, `MI`, `SS`, `Q`, `D`, `DDD`, `Month`/`Mon`/`Day`/`Dy`
 * (in their three cases), `AM`/`PM`; of numbers `9`, `0`, `.`, `,`, `S`;
 * each with the `FM` prefix; `"quoted"` text and other characters as
 * written. A timestamptz is written in the session's TimeZone, which the
 * output does not set: only its year, quarter and month are read, and only
 * where the zones 16 hours either side of UTC agree (as time-fields.ts reads
 * them). Any other pattern letter is not evaluable, never guessed.
 */
import { ZONE_REACH } from './calendar.js';
import { NotEvaluableError } from './evaluation.js';
import { isTime, type SqlTime, type SqlValue } from './sql-value.js';
import { formatNumber } from './to-char-number.js';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface Fields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly dow: number;
  readonly doy: number;
  readonly seconds: number;
}

type Writer = (f: Fields, fm: boolean) => string;

const pad = (n: number, width: number, fm: boolean) => (fm ? String(n) : String(n).padStart(width, '0'));
const word = (w: string, wide: number, fm: boolean) => (fm ? w : w.padEnd(wide, ' '));
/** A name in the case its pattern is written in: `Month`, `MONTH`, `month`. */
const cased = (w: string, pattern: string) =>
  pattern === pattern.toUpperCase()
    ? w.toUpperCase()
    : pattern[0] === pattern[0]?.toUpperCase()
      ? w
      : w.toLowerCase();
const hour12 = (f: Fields) => ((Math.floor(f.seconds / 3600) + 11) % 12) + 1;
const monthName = (f: Fields) => MONTHS[f.month - 1] as string;
const dayName = (f: Fields) => DAYS[f.dow] as string;

/** The patterns, each written upper and lower case (formatting.c's keyword list). */
const PATTERNS: Record<string, Writer> = {
  'Y,YYY': (f) => `${Math.floor(f.year / 1000)},${String(f.year % 1000).padStart(3, '0')}`,
  YYYY: (f, fm) => pad(f.year, 4, fm),
  YYY: (f, fm) => pad(f.year % 1000, 3, fm),
  YY: (f, fm) => pad(f.year % 100, 2, fm),
  Y: (f) => String(f.year % 10),
  MM: (f, fm) => pad(f.month, 2, fm),
  DDD: (f, fm) => pad(f.doy, 3, fm),
  DD: (f, fm) => pad(f.day, 2, fm),
  D: (f) => String(f.dow + 1),
  Q: (f) => String(Math.ceil(f.month / 3)),
  HH24: (f, fm) => pad(Math.floor(f.seconds / 3600), 2, fm),
  HH12: (f, fm) => pad(hour12(f), 2, fm),
  HH: (f, fm) => pad(hour12(f), 2, fm),
  MI: (f, fm) => pad(Math.floor(f.seconds / 60) % 60, 2, fm),
  SSSSS: (f) => String(Math.floor(f.seconds)),
  SSSS: (f) => String(Math.floor(f.seconds)),
  SS: (f, fm) => pad(Math.floor(f.seconds) % 60, 2, fm),
};
/** Names, matched in the case written: `Month` → `March    `, `MON` → `MAR`. */
const NAMES: Record<string, (f: Fields, fm: boolean, p: string) => string> = {
  MONTH: (f, fm, p) => word(cased(monthName(f), p), 9, fm),
  MON: (f, _fm, p) => cased(monthName(f).slice(0, 3), p),
  DAY: (f, fm, p) => word(cased(dayName(f), p), 9, fm),
  DY: (f, _fm, p) => cased(dayName(f).slice(0, 3), p),
  AM: (f, _fm, p) => cased(f.seconds < 12 * 3600 ? 'AM' : 'PM', p),
  PM: (f, _fm, p) => cased(f.seconds < 12 * 3600 ? 'AM' : 'PM', p),
};
/** What a timestamptz's text holds the same in every zone whose year and month agree. */
const MONTH_PATTERNS = new Set(['YYYY', 'YYY', 'YY', 'Y', 'MM', 'Q', 'MONTH', 'MON']);
const KEYS = [...Object.keys(PATTERNS), ...Object.keys(NAMES)].sort((a, b) => b.length - a.length);

interface Piece {
  readonly text?: string;
  readonly key?: string;
  readonly written?: string;
  readonly fm?: boolean;
}

/** The format's pieces: patterns (upper or lower case, names also capitalised) and literal text. */
function piecesOf(format: string): Piece[] {
  const pieces: Piece[] = [];
  let fm = false;
  for (let i = 0; i < format.length; ) {
    const rest = format.slice(i);
    if (rest.startsWith('FM') || rest.startsWith('fm')) {
      fm = true;
      i += 2;
      continue;
    }
    const key = KEYS.find((k) => matchesCase(rest.slice(0, k.length), k));
    if (key) {
      pieces.push({ key, written: rest.slice(0, key.length), fm });
      i += key.length;
    } else if (rest[0] === '"') {
      const end = format.indexOf('"', i + 1);
      if (end < 0 || format.slice(i, end).includes('\\')) throw new NotEvaluableError('to_char quoting');
      pieces.push({ text: format.slice(i + 1, end) });
      i = end + 1;
    } else if (/^[A-Za-z\\]/.test(rest)) {
      throw new NotEvaluableError(`to_char pattern ${rest}`);
    } else {
      pieces.push({ text: rest[0] as string });
      i++;
    }
    if (!key) continue;
    fm = false;
  }
  return pieces;
}

/** A pattern written all upper case, all lower case, or (names only) capitalised. */
function matchesCase(written: string, key: string): boolean {
  if (written.toUpperCase() !== key) return false;
  if (written === key || written === key.toLowerCase()) return true;
  return key in NAMES && written === key[0] + key.slice(1).toLowerCase();
}

function fieldsOf(seconds: number): Fields {
  const day = Math.floor(seconds / 86400);
  const date = new Date(day * 86400 * 1000);
  const year = date.getUTCFullYear();
  if (year < 1) throw new NotEvaluableError('to_char of a date BC');
  return {
    year,
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    dow: date.getUTCDay(),
    doy: day - Math.floor(Date.UTC(year, 0, 1) / 86400000) + 1,
    seconds: seconds - day * 86400,
  };
}

function write(pieces: readonly Piece[], f: Fields): string {
  let out = '';
  for (const p of pieces) {
    if (p.key === undefined) out += p.text ?? '';
    else if (p.key in NAMES) out += NAMES[p.key]?.(f, p.fm === true, p.written ?? p.key) ?? '';
    else out += PATTERNS[p.key]?.(f, p.fm === true) ?? '';
  }
  return out;
}

function formatTime(t: SqlTime, format: string): string {
  if (t.type === 'time' || !Number.isFinite(t.seconds)) throw new NotEvaluableError('to_char of this time');
  const pieces = piecesOf(format);
  if (t.type !== 'timestamptz') return write(pieces, fieldsOf(t.seconds));
  if (pieces.some((p) => p.key !== undefined && !MONTH_PATTERNS.has(p.key)))
    throw new NotEvaluableError(
      `to_char(timestamptz, '${format}') depends on the loading session's TimeZone`,
    );
  const west = write(pieces, fieldsOf(t.seconds - ZONE_REACH));
  if (west !== write(pieces, fieldsOf(t.seconds + ZONE_REACH)))
    throw new NotEvaluableError('to_char of this timestamptz depends on the loading session TimeZone');
  return west;
}

/** to_char(value, format): NULL for a NULL argument (it is strict). */
export function toChar([value, format]: SqlValue[]): SqlValue {
  const v = value ?? null;
  if (v === null || format === null || format === undefined) return null;
  if (typeof format !== 'string') throw new NotEvaluableError('to_char format');
  if (isTime(v)) return formatTime(v, format);
  if (typeof v === 'number' || typeof v === 'bigint') return formatNumber(v, format);
  throw new NotEvaluableError('to_char of this value');
}

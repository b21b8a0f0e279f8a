/**
 * INSERT statements of constants (pg_dump `--inserts` and `--column-inserts`
 * output, seed files) recognised without the parser: every one would be
 * parsed only to be left out (datagen writes its own rows), and a file of
 * them spent most of its reading time in libpg-query and its parse trees.
 * Only this exact shape is taken, else the statement goes to the parser as
 * any other (so its errors and what it refers to stay the parser's):
 *
 *   INSERT INTO name[.name] [(column, …)] [OVERRIDING {SYSTEM|USER} VALUE]
 *     VALUES (constant, …)[, (…)…] [ON CONFLICT DO NOTHING];
 *
 * with names bare (no keyword but an unreserved one, as pg_dump quotes them)
 * or double-quoted, and constants that are strings ('…', E'…' with plain
 * escapes), numbers, NULL, TRUE, FALSE or DEFAULT. A migration tool's
 * history table is not taken: its rows are read (recorded-migrations.ts).
 */
import { isMigrationHistoryName } from '../../schema/migration-history.js';
import { quoteIdent } from '../../schema/quote.js';

export interface PlainInsert {
  /** String index of `INSERT`. */
  readonly start: number;
  /** String index just after the statement's `;`. */
  readonly end: number;
  readonly schema: string | null;
  readonly name: string;
  /** UTF-8 bytes of [start, end). */
  readonly bytes: number;
  /** Code points of [start, end). */
  readonly codePoints: number;
}

/** PostgreSQL's NAMEDATALEN - 1: a longer name is truncated by the parser (left to it). */
const MAX_NAME_BYTES = 63;

/** A character that continues a bare word (ASCII letter, digit, `_`, `$`; anything past ASCII too). */
function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127
  );
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** A scan over `text` from one position: each step moves on past what it read, or fails (returns false). */
class Scan {
  /** UTF-8 bytes beyond one per UTF-16 code unit read so far. */
  extraBytes = 0;
  /** Surrogate pairs read so far (two code units, one code point). */
  pairs = 0;

  constructor(
    readonly text: string,
    public i: number,
  ) {}

  blank(): void {
    const text = this.text;
    let i = this.i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 9 || c === 13) i++;
      else break;
    }
    this.i = i;
  }

  /** The keyword `word` (lower case) in any case, not followed by a word character. */
  keyword(word: string): boolean {
    const text = this.text;
    const i = this.i;
    for (let k = 0; k < word.length; k++)
      if ((text.charCodeAt(i + k) | 32) !== word.charCodeAt(k)) return false;
    if (isWordChar(text.charCodeAt(i + word.length))) return false;
    this.i = i + word.length;
    return true;
  }

  char(c: number): boolean {
    if (this.text.charCodeAt(this.i) !== c) return false;
    this.i++;
    return true;
  }

  /** A non-ASCII code unit at `i` counted (its UTF-8 bytes, a pair's code point); false for a lone surrogate. */
  private wide(c: number, i: number): boolean {
    if (c < 0x800) this.extraBytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const low = this.text.charCodeAt(i + 1);
      if (!(low >= 0xdc00 && low <= 0xdfff)) return false;
      this.extraBytes += 2;
      this.pairs++;
      this.i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
    else this.extraBytes += 2;
    return true;
  }

  /** A quoted text after its opening quote up to the closing one (`qq` doubled inside), escapes when `escapes`; its UTF-8 length or -1. */
  quoted(q: number, escapes: boolean): number {
    const text = this.text;
    const from = this.i;
    const extraBefore = this.extraBytes;
    for (;;) {
      const c = text.charCodeAt(this.i);
      // A NUL ends the parser's input (an unterminated string there): its error to give.
      if (Number.isNaN(c) || c === 0) return -1;
      if (c === q) {
        if (text.charCodeAt(this.i + 1) !== q) break;
        this.i += 2;
        continue;
      }
      if (escapes && c === 92) {
        // \\, \', \n, \t…: an octal, hex or Unicode escape is left to the parser (its checks).
        const e = text.charCodeAt(this.i + 1);
        if (
          Number.isNaN(e) ||
          e === 0 ||
          (e >= 48 && e <= 55) ||
          e === 120 ||
          e === 88 ||
          e === 117 ||
          e === 85
        )
          return -1;
        if (e > 127) return -1;
        this.i += 2;
        continue;
      }
      if (c > 127 && !this.wide(c, this.i)) return -1;
      this.i++;
    }
    const length = this.i - from + this.extraBytes - extraBefore;
    this.i++;
    return length;
  }

  /** A name, bare (folded to lower case) or double-quoted; null when it is neither or is one the parser would treat otherwise. */
  name(): string | null {
    const text = this.text;
    const from = this.i;
    if (text.charCodeAt(from) === 34) {
      this.i++;
      const bytes = this.quoted(34, false);
      if (bytes <= 0 || bytes > MAX_NAME_BYTES) return null;
      return text.slice(from + 1, this.i - 1).replaceAll('""', '"');
    }
    let i = from;
    while (isWordChar(text.charCodeAt(i))) i++;
    if (i === from || i - from > MAX_NAME_BYTES || isDigit(text.charCodeAt(from))) return null;
    const name = text.slice(from, i).toLowerCase();
    // Past ASCII, `$`, or a keyword other than an unreserved one: the parser's to read.
    if (quoteIdent(name) !== name) return null;
    this.i = i;
    return name;
  }

  /** A number: [+-]digits[.digits][e[+-]digits] (or .digits…), not followed by a word character or `.`. */
  number(): boolean {
    const text = this.text;
    let i = this.i;
    let c = text.charCodeAt(i);
    if (c === 43 || c === 45) c = text.charCodeAt(++i);
    let digits = 0;
    while (isDigit(c)) {
      digits++;
      c = text.charCodeAt(++i);
    }
    if (c === 46) {
      c = text.charCodeAt(++i);
      while (isDigit(c)) {
        digits++;
        c = text.charCodeAt(++i);
      }
    }
    if (digits === 0) return false;
    if (c === 101 || c === 69) {
      c = text.charCodeAt(++i);
      if (c === 43 || c === 45) c = text.charCodeAt(++i);
      if (!isDigit(c)) return false;
      while (isDigit(c)) c = text.charCodeAt(++i);
    }
    if (isWordChar(c) || c === 46) return false;
    this.i = i;
    return true;
  }

  /** One constant of a VALUES row. */
  constant(): boolean {
    const c = this.text.charCodeAt(this.i);
    if (c === 39) {
      this.i++;
      return this.quoted(39, false) >= 0;
    }
    if ((c === 69 || c === 101) && this.text.charCodeAt(this.i + 1) === 39) {
      this.i += 2;
      return this.quoted(39, true) >= 0;
    }
    if (c === 43 || c === 45 || c === 46 || isDigit(c)) return this.number();
    return this.keyword('null') || this.keyword('true') || this.keyword('false') || this.keyword('default');
  }

  /** `(item, item, …)`, each read by `item`. */
  list(item: () => boolean): boolean {
    if (!this.char(40)) return false;
    do {
      this.blank();
      if (!item()) return false;
      this.blank();
    } while (this.char(44));
    return this.char(41);
  }
}

/** The relation after INSERT INTO and the column list, if any; null when not in the plain shape. */
function target(scan: Scan): { schema: string | null; name: string } | null {
  const first = scan.name();
  if (first === null) return null;
  let schema: string | null = null;
  let name = first;
  if (scan.char(46)) {
    const second = scan.name();
    if (second === null) return null;
    schema = first;
    name = second;
  }
  scan.blank();
  if (scan.text.charCodeAt(scan.i) === 40 && !scan.list(() => scan.name() !== null)) return null;
  return { schema, name };
}

/** The table of `INSERT INTO name [(column, …)]` at `start` (not a migration tool's history table), else null. */
export function insertTargetAt(text: string, start: number): { schema: string | null; name: string } | null {
  return insertInto(new Scan(text, start));
}

/** `INSERT INTO name [(column, …)]` read from the scan's place (not a migration tool's history table), else null. */
function insertInto(scan: Scan): { schema: string | null; name: string } | null {
  if (!scan.keyword('insert')) return null;
  scan.blank();
  if (!scan.keyword('into')) return null;
  scan.blank();
  const relation = target(scan);
  return relation === null || isMigrationHistoryName(relation.name) ? null : relation;
}

/** The plain INSERT starting at `start` (at its `I`), or null when the statement there is anything else. */
export function plainInsertAt(text: string, start: number): PlainInsert | null {
  const scan = new Scan(text, start);
  const relation = insertInto(scan);
  if (relation === null) return null;
  scan.blank();
  if (scan.keyword('overriding')) {
    scan.blank();
    if (!scan.keyword('system') && !scan.keyword('user')) return null;
    scan.blank();
    if (!scan.keyword('value')) return null;
    scan.blank();
  }
  if (!scan.keyword('values')) return null;
  do {
    scan.blank();
    if (!scan.list(() => scan.constant())) return null;
    scan.blank();
  } while (scan.char(44));
  if (scan.keyword('on')) {
    for (const word of ['conflict', 'do', 'nothing']) {
      scan.blank();
      if (!scan.keyword(word)) return null;
    }
    scan.blank();
  }
  if (!scan.char(59)) return null;
  const units = scan.i - start;
  return {
    start,
    end: scan.i,
    ...relation,
    bytes: units + scan.extraBytes,
    codePoints: units - scan.pairs,
  };
}

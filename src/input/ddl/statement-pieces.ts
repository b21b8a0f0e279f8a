/**
 * Where a DDL file is cut for the parser (parse-statements.ts), found as the
 * parse goes: after a top-level `;` (outside quotes, dollar bodies and
 * comments) about every `pieceChars` characters and before a long blank run
 * (a COPY block's rows, blanked), and at each plain INSERT (plain-inserts.ts)
 * that begins a statement (after a top-level `;` and blanks or line
 * comments), which is told without the parser. Found one at a time, so a
 * file of a million INSERTs holds none of them for long.
 */
import { type PlainInsert, plainInsertAt } from './plain-inserts.js';
import { SqlLexer } from './sql-lexer.js';

/** A run of at least this many blank characters after a `;` (a COPY block's rows, blanked) ends a piece. */
export const BLANK_RUN = 1 << 16;

/** The number of ASCII blank characters (space, tab, CR, LF) from `start`. */
export function blankRunAt(text: string, start: number): number {
  let i = start;
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 10 && ch !== 9 && ch !== 13) break;
  }
  return i - start;
}

/** The index of the first character from `i` that is not blank or in a line comment. */
export function statementStart(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) i++;
    else if (c === 45 && text.charCodeAt(i + 1) === 45) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) return text.length;
      i = eol + 1;
    } else return i;
  }
}

/** A cut: the string index just after its `;`. */
export type Boundary = number | PlainInsert;

/** The cuts and plain INSERTs of a text in order, each read when asked for. */
export class StatementBoundaries {
  private readonly lexer: SqlLexer;
  private i = 0;
  private target: number;
  /** Found and not yet given: an INSERT after the cut just given. */
  private pending: PlainInsert | null;
  private readonly none: boolean;

  constructor(
    private readonly text: string,
    private readonly pieceChars: number,
  ) {
    this.lexer = new SqlLexer(text);
    this.target = pieceChars;
    // A small file is parsed in one piece.
    this.none = text.length <= Math.min(pieceChars, BLANK_RUN);
    this.pending = this.none ? null : this.insertAt(0);
  }

  private insertAt(from: number): PlainInsert | null {
    const at = statementStart(this.text, from);
    return (this.text.charCodeAt(at) | 32) === 105 ? plainInsertAt(this.text, at) : null;
  }

  /** The next cut or plain INSERT, or null at the end of the text. */
  next(): Boundary | null {
    if (this.none) return null;
    const text = this.text;
    if (this.pending !== null) {
      const insert = this.pending;
      this.pending = null;
      // Its last character, its `;`, is read next: a cut may follow it, and another INSERT.
      this.i = insert.end - 1;
      return insert;
    }
    const lexer = this.lexer;
    for (let i = this.i; i < text.length; i++) {
      if (lexer.state === 'code' && text.charCodeAt(i) === 59) {
        this.pending = this.insertAt(i + 1);
        if ((i + 1 >= this.target || blankRunAt(text, i + 1) >= BLANK_RUN) && i + 1 < text.length) {
          this.target = i + 1 + this.pieceChars;
          this.i = i + 1;
          return i + 1;
        }
        if (this.pending !== null) return this.next();
      } else i = lexer.step(i);
    }
    this.i = text.length;
    return null;
  }
}

/** Where a boundary is: a cut's index, an INSERT's first character. */
export function boundaryAt(boundary: Boundary): number {
  return typeof boundary === 'number' ? boundary : boundary.start;
}

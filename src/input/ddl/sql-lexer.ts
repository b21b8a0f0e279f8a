/**
 * Where a character of SQL text stands: in code, or inside a quoted
 * identifier, a string, an E'' string (backslash escapes), a dollar-quoted
 * body, a (nested) block comment or a line comment. The scans that must tell
 * a top-level `;`, `\` or `:` from one inside quotes share it: statement cuts
 * (parse-statements.ts), psql meta-command lines and COPY data
 * (source-text.ts), psql variables (psql-variables.ts).
 */

export type LexState = 'code' | 'ident' | 'string' | 'estring' | 'dollar' | 'block' | 'line';

const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/;

/** A character of an identifier or keyword (a UTF-16 code unit): `E'` and `$tag$` start only after a non-word one. */
function isWord(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code > 127
  );
}

export class SqlLexer {
  state: LexState = 'code';
  private dollarTag = '';
  private depth = 0;

  constructor(private readonly text: string) {}

  /**
   * Reads the character at `i` (with what belongs to it: the `*` of `/*`, an
   * escaped character, the rest of a dollar tag) and returns the index of the
   * last character read. In code only the start of a quote or comment changes
   * the state: other characters (`;`, `:`) are the caller's to handle.
   */
  step(i: number): number {
    const text = this.text;
    const ch = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    switch (this.state) {
      case 'code':
        if (ch === 45 && next === 45) this.state = 'line';
        else if (ch === 47 && next === 42) {
          this.state = 'block';
          this.depth = 1;
          return i + 1;
        } else if (ch === 34) this.state = 'ident';
        else if (ch === 39) {
          const e = text.charCodeAt(i - 1);
          this.state = (e === 69 || e === 101) && !isWord(text.charCodeAt(i - 2)) ? 'estring' : 'string';
        } else if (ch === 36 && !isWord(text.charCodeAt(i - 1)) && text.charCodeAt(i - 1) !== 36) {
          const tag = DOLLAR_TAG.exec(text.slice(i, i + 64));
          if (tag !== null) {
            this.dollarTag = tag[0];
            this.state = 'dollar';
            return i + tag[0].length - 1;
          }
        }
        return i;
      case 'line':
        if (ch === 10) this.state = 'code';
        return i;
      case 'ident':
        if (ch === 34) this.state = 'code'; // a doubled "" re-enters at once
        return i;
      case 'string':
        if (ch === 39) this.state = 'code';
        return i;
      case 'estring':
        if (ch === 92) return i + 1;
        if (ch === 39) this.state = 'code';
        return i;
      case 'dollar':
        if (ch === 36 && text.startsWith(this.dollarTag, i)) {
          this.state = 'code';
          return i + this.dollarTag.length - 1;
        }
        return i;
      case 'block':
        if (ch === 47 && next === 42) {
          this.depth++;
          return i + 1;
        }
        if (ch === 42 && next === 47) {
          this.depth--;
          if (this.depth === 0) this.state = 'code';
          return i + 1;
        }
        return i;
    }
  }
}

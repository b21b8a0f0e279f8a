/**
 * A statement's text without the comments after its last token. The parser's
 * statement length runs to the `;`, so `... DEFAULT now() -- note` followed
 * by `;` on the next line keeps the comment, and a writer appending `;` would
 * put it inside the comment (the next statement then fails to parse).
 */

/** The text up to the end of its last token (strings, quoted names and dollar quotes read as PostgreSQL does). */
export function withoutTrailingComments(text: string): string {
  let end = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '-' && next === '-') {
      while (i < n && text[i] !== '\n') i++;
    } else if (ch === '/' && next === '*') {
      let depth = 0;
      do {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      } while (depth > 0 && i < n);
    } else if (ch === "'" || ch === '"') {
      // E'...' strings take backslash escapes; a doubled quote is one quote either way.
      const escapes = ch === "'" && /[eE]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i - 2] ?? '');
      i++;
      while (i < n) {
        if (escapes && text[i] === '\\') i += 2;
        else if (text[i] === ch && text[i + 1] === ch) i += 2;
        else if (text[i] === ch) break;
        else i++;
      }
      i++;
      end = i;
    } else if (ch === '$' && !/[\w$]/.test(text[i - 1] ?? '')) {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)?\$/.exec(text.slice(i));
      if (tag === null) {
        i++;
        end = i;
      } else {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        end = i;
      }
    } else {
      i++;
      if (!/\s/.test(ch)) end = i;
    }
  }
  return text.slice(0, Math.min(end, n));
}

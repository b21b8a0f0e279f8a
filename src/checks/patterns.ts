/**
 * PostgreSQL pattern languages as JavaScript regular expression sources:
 * LIKE, SIMILAR TO and POSIX (ARE) regexes. The evaluator matches with them
 * and the regex string generator generates from them, so both read a
 * pattern the same way.
 */

/** Regex metacharacters that must be escaped to stand for themselves. */
const META = /[\\^$.*+?()[\]{}|/]/g;

export function escapeRegex(text: string): string {
  return text.replace(META, '\\$&');
}

/**
 * A pattern written with its own ESCAPE character (`LIKE 'a!%b' ESCAPE '!'`,
 * which the parser makes `like_escape('a!%b', '!')`) in the default form,
 * backslash escaping, as PostgreSQL's like_escape does: an empty escape
 * leaves every character literal. Undefined for an escape of more than one
 * character (PostgreSQL refuses it).
 */
export function likeEscape(pattern: string, escapeChar: string): string | undefined {
  const esc = [...escapeChar];
  if (esc.length > 1) return undefined;
  const chars = [...pattern];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (esc.length === 1 && c === esc[0] && i + 1 < chars.length) out += `\\${chars[++i]}`;
    else out += c === '\\' ? '\\\\' : c;
  }
  return out;
}

/** `LIKE 'ab%_'` → `^ab[\s\S]*[\s\S]$` (backslash escapes the next character, as LIKE's default ESCAPE). */
export function likeToRegex(pattern: string): string {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[++i] as string);
    } else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else out += escapeRegex(c);
  }
  return `${out}$`;
}

/** `SIMILAR TO 'a(b|c)%'` → `^(?:a(b|c).*)$`, as PostgreSQL's similar_to_escape rewrites it. */
export function similarToRegex(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeRegex(pattern[++i] as string);
      continue;
    }
    if (inClass) {
      out += c;
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
    } else if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else if (c === '.' || c === '^' || c === '$') out += `\\${c}`;
    else out += c;
  }
  return `^(?:${out})$`;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  word: 'a-zA-Z0-9_',
  // Printable, graphic and control characters, ASCII only (Boundary's `description !~ '[^[:print:]]'`): a value
  // past ASCII is read as not printable, so a CHECK that wants it printable is met by ASCII values only.
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

/**
 * A POSIX regex of PostgreSQL as a JavaScript source: bracket classes like
 * `[[:alpha:]]` are spelled out; undefined for features JavaScript reads
 * differently (`\m`, `\M`, `\y`, `\Y`, `\A`, `\Z`, back references past 9,
 * embedded options), so callers can refuse them rather than guess.
 */
export function posixToRegex(pattern: string): string | undefined {
  if (/^\*\*\*[:=]/.test(pattern) || /\(\?[a-z]+\)/.test(pattern)) return undefined;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) return undefined;
      if ('mMyYAZ'.includes(n)) return undefined;
      out += c + n;
      i++;
      continue;
    }
    if (c === '[' && pattern[i + 1] === '[' && pattern[i + 2] === ':') {
      // [[:alpha:]] at the start of a bracket expression
      out += '[';
      continue;
    }
    if (c === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      const name = end < 0 ? undefined : pattern.slice(i + 2, end);
      const spelled = name === undefined ? undefined : POSIX_CLASSES[name];
      if (spelled === undefined) return undefined;
      out += spelled;
      i = end + 1;
      continue;
    }
    out += c;
  }
  try {
    new RegExp(out);
  } catch {
    return undefined;
  }
  return out;
}

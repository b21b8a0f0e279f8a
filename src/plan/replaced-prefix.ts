/**
 * The pattern a unique key's `replace(col, from, to)` asks the column's values never to match, so the replace
 * maps distinct values to distinct ones. Values that never hold `from` are left as they are; where the column's
 * CHECK makes every value begin with `from` (`url LIKE 'http://%'` under `replace(url, 'http://', '')`), values
 * holding it there and nowhere after are mapped to `to` and the rest, also injective: only a `from` past the
 * start is refused (before, the values the CHECK asks were refused and the table got no rows).
 */
import type { ColumnHints, PatternHint } from '../checks/check-hints.js';

/** `from` as a regular expression matching it literally. */
function literal(from: string): string {
  return from.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The literal text a regular expression's matches all begin with (`^http:\/\/.*$` → `http://`). */
function literalPrefix(source: string): string {
  if (!source.startsWith('^')) return '';
  let out = '';
  for (let i = 1; i < source.length; i++) {
    const c = source[i] as string;
    if (c === '\\' && i + 1 < source.length && /[^\w]/.test(source[i + 1] as string)) {
      out += source[++i];
      continue;
    }
    if (/[.*+?^${}()|[\]\\]/.test(c)) {
      // A quantifier after the last character makes it optional or repeated: it is no longer certain.
      return /[*+?{]/.test(c) ? out.slice(0, -1) : out;
    }
    out += c;
  }
  return out;
}

/** The negated pattern for `replace(col, from, ...)` (see the file's comment); `insensitive` under lower/upper. */
export function replacedPattern(from: string, insensitive: boolean, hints: ColumnHints): PatternHint {
  const fold = (s: string) => (insensitive ? s.toLowerCase() : s);
  const leading = (hints.patterns ?? []).some(
    (p) => !p.negated && !p.insensitive && fold(literalPrefix(p.source)).startsWith(fold(from)),
  );
  const reason = leading
    ? `a unique key's replace() of '${from}' stays unique where values hold it only at their start`
    : `a unique key's replace() of '${from}' stays unique where values never hold it`;
  return { source: leading ? `.${literal(from)}` : literal(from), insensitive, negated: true, reason };
}

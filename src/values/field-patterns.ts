/**
 * A pattern CHECK and delimited fields (checks/split-fields.ts) on one column (`code ~ '^[A-Z]+-[0-9]+$'` and
 * `split_part(code, '-', 1) IN ('A', 'B')`): one pattern of both, where the pattern is its fields joined by the
 * delimiter (`^seg1-seg2$`, no segment able to hold the delimiter, no alternative around them): each field
 * with values takes those of them its segment matches (`^(A|B)-[0-9]+$`). Drawing from one pattern and
 * keeping what meets the other found none, and a unique key refused two patterns: the table was empty.
 */
import type { FieldsHint, PatternHint } from '../checks/check-hints.js';
import { DatagenError } from '../errors.js';
import { RowRandom } from './random.js';

const escaped = (c: string): string => (/^[A-Za-z0-9]$/.test(c) ? c : `\\${c}`);

/** The body's parts between top-level delimiters (outside classes and groups), or undefined at a top-level `|`. */
function topLevelParts(body: string, delimiter: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      if (!inClass && depth === 0 && body[i + 1] === delimiter && !/[A-Za-z0-9]/.test(delimiter)) {
        parts.push(body.slice(start, i));
        start = i + 2;
      }
      i++;
    } else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return undefined;
    else if (c === delimiter && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** Whether a segment can match text holding the delimiter (`.`, a class that holds it, `\S`, `\W`, `\D`). */
function mayHold(segment: string, delimiter: string): boolean {
  if (/(^|[^\\])\./.test(segment) || /\\[SWD]/.test(segment)) return true;
  for (const m of segment.matchAll(/\[((?:\\.|[^\]\\])*)\]/g)) {
    try {
      if (new RegExp(`[${m[1]}]`).test(delimiter)) return true;
    } catch {
      return true;
    }
  }
  return false;
}

/** The pattern of both (undefined where the pattern is not its fields so, or no value of a field fits it). */
export function fieldsInPattern(source: string, fields: FieldsHint): string | undefined {
  if (!source.startsWith('^') || !source.endsWith('$') || source.endsWith('\\$')) return undefined;
  const { delimiter } = fields;
  const segments = topLevelParts(source.slice(1, -1), delimiter);
  if (segments === undefined || segments.length < fields.min || segments.length > fields.max)
    return undefined;
  if (segments.some((s) => s === '' || mayHold(s, delimiter))) return undefined;
  const out: string[] = [];
  for (const [i, segment] of segments.entries()) {
    const values = fields.values[i + 1];
    if (values === undefined) {
      out.push(segment);
      continue;
    }
    let matches: RegExp;
    try {
      matches = new RegExp(`^(?:${segment})$`);
    } catch {
      return undefined;
    }
    const kept = values.filter((v) => matches.test(v));
    if (kept.length === 0) return undefined;
    out.push(`(${kept.map((v) => [...v].map(escaped).join('')).join('|')})`);
  }
  return `^${out.join(escaped(delimiter))}$`;
}

/**
 * The column's positive patterns with a plain one and a fields one merged into one (`fieldsInPattern`), the
 * fields pattern kept out; undefined where there are not exactly those two or they do not merge.
 */
export function mergedFieldPatterns(patterns: readonly PatternHint[]): PatternHint[] | undefined {
  const positive = patterns.filter((p) => !p.negated);
  const plain = positive.filter((p) => !p.fields);
  const split = positive.filter((p) => p.fields);
  const [own, withFields] = [plain[0], split[0]];
  if (plain.length !== 1 || split.length !== 1 || own === undefined || withFields?.fields === undefined)
    return undefined;
  const source = fieldsInPattern(own.source, withFields.fields);
  if (source === undefined || own.insensitive) return undefined;
  return patterns.filter((p) => p !== withFields).map((p) => (p === own ? { ...own, source } : p));
}

/** Whether a generator makes values for a few fixed draws (not the row's): where it cannot, it throws. */
export function drawsOnProbe(random: (rand: RowRandom) => unknown): boolean {
  const probe = new RowRandom();
  try {
    for (let k = 0; k < 4; k++) random(probe.at(0x5eed, k));
    return true;
  } catch (error) {
    if (error instanceof DatagenError) return false;
    throw error;
  }
}

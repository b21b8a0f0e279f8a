/**
 * faker's locale patterns (`{{location.street}} {{location.buildingNumber}}`,
 * `(0####) #######`, `{{person.lastName}}-{{person.lastName}}`) compiled once
 * into parts a row fills with our own hashing: literal text, a pick from a
 * word list, a digit range, or a choice of nested patterns. No faker
 * function runs; a reference this compiler does not know drops its pattern.
 */
import type { RowRandom } from '../random.js';

/** One compiled piece of a pattern. */
export type PatternPart =
  | string
  | { readonly words: readonly string[] }
  | { readonly min: number; readonly max: number }
  | { readonly any: readonly Pattern[] };
export type Pattern = readonly PatternPart[];

/** faker method names used in patterns → the definition they read. */
const METHOD_PATHS: Readonly<Record<string, readonly string[]>> = {
  'person.firstName': ['person', 'first_name'],
  'person.lastName': ['person', 'last_name'],
  'person.middleName': ['person', 'middle_name'],
  'location.street': ['location', 'street_pattern'],
  'location.streetName': ['location', 'street_name'],
  'location.buildingNumber': ['location', 'building_number'],
  'location.secondaryAddress': ['location', 'secondary_address'],
  'location.cityName': ['location', 'city_name'],
  'location.city': ['location', 'city_pattern'],
  'location.state': ['location', 'state'],
  'location.zipCode': ['location', 'postcode'],
};

const NUMBER_INT = /^number\.int\((\{.*\})\)$/;
/** Characters never written into generated text (COPY, CSV and SQL quote them, but they are not data). */
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/** The value at a path in a locale definition, or undefined. */
export function at(root: unknown, ...path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Every string in a (possibly nested) array or object of strings (or
 * `{value}` entries), deduplicated. Kept as written: pattern pieces carry
 * their spaces (es `, #` after a street, pt_BR ` do Sul` after a name).
 */
export function allStrings(node: unknown): readonly string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.trim() !== '' && !UNSAFE.test(value)) out.add(value);
    } else if (Array.isArray(value)) for (const v of value) walk(v);
    else if (typeof value === 'object' && value !== null) {
      const v = (value as { value?: unknown }).value;
      if (typeof v === 'string') walk(v);
      else for (const w of Object.values(value)) walk(w);
    }
  };
  walk(node);
  return [...out];
}

function isPatternText(s: string): boolean {
  return s.includes('{{') || s.includes('#') || s.includes('!');
}

function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The definition path a `{{…}}` reference reads. */
function pathOf(ref: string): readonly string[] {
  return METHOD_PATHS[ref] ?? ref.split('.').map(camelToSnake);
}

/**
 * Compiles pattern strings against a locale's (merged) definitions; null
 * when none of them compiles.
 */
export function compilePatterns(defs: unknown, texts: readonly string[], depth = 0): Pattern[] | null {
  const out: Pattern[] = [];
  for (const text of texts) {
    const pattern = compilePattern(defs, text, depth);
    if (pattern !== null && pattern.length > 0) out.push(pattern);
  }
  return out.length > 0 ? out : null;
}

function compilePattern(defs: unknown, text: string, depth: number): Pattern | null {
  if (depth > 4 || UNSAFE.test(text)) return null;
  const parts: PatternPart[] = [];
  let literal = '';
  const flush = (): void => {
    if (literal !== '') parts.push(literal);
    literal = '';
  };
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('{{', i)) {
      const end = text.indexOf('}}', i + 2);
      if (end < 0) return null;
      const part = compileReference(defs, text.slice(i + 2, end).trim(), depth);
      if (part === null) return null;
      flush();
      parts.push(part);
      i = end + 2;
    } else if (text[i] === '#' || text[i] === '!') {
      flush();
      parts.push(text[i] === '#' ? { min: 0, max: 9 } : { min: 2, max: 9 });
      i++;
    } else {
      literal += text[i];
      i++;
    }
  }
  flush();
  return parts;
}

function compileReference(defs: unknown, ref: string, depth: number): PatternPart | null {
  const int = NUMBER_INT.exec(ref);
  if (int) {
    try {
      const { min = 0, max } = JSON.parse(int[1] as string) as { min?: number; max?: number };
      return Number.isSafeInteger(min) && Number.isSafeInteger(max) && (max as number) >= min
        ? { min, max: max as number }
        : null;
    } catch {
      return null;
    }
  }
  const list = allStrings(at(defs, ...pathOf(ref)));
  if (list.length === 0) return null;
  if (!list.some(isPatternText)) return { words: list };
  const any = compilePatterns(defs, list, depth + 1);
  return any === null ? null : { any };
}

/** A row's text from one of the patterns (picked by `rand`, then each part in order). */
export function fillPattern(rand: RowRandom, patterns: readonly Pattern[]): string {
  return fillParts(rand, patterns.length === 1 ? (patterns[0] as Pattern) : rand.pick(patterns));
}

function fillParts(rand: RowRandom, parts: Pattern): string {
  let out = '';
  for (const part of parts) {
    if (typeof part === 'string') out += part;
    else if ('words' in part) out += rand.pick(part.words);
    else if ('any' in part) out += fillPattern(rand, part.any);
    else out += part.min + rand.below(part.max - part.min + 1);
  }
  return out;
}

/** The most characters a pattern can print (Infinity when it picks from words or nested patterns). */
export function fixedLength(pattern: Pattern): number {
  let n = 0;
  for (const part of pattern) {
    if (typeof part === 'string') n += part.length;
    else if ('min' in part) n += String(part.max).length;
    else return Number.POSITIVE_INFINITY;
  }
  return n;
}

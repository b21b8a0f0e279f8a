/**
 * jsonb's operators and functions CHECKs use on a document's parts
 * (`args -> 0 ->> 'job_class'`, `data ? 'tags'`, `jsonb_array_length(x)`),
 * with jsonb's semantics: a missing member or element is NULL, `->>` gives a
 * string's text and any other value's jsonb text (keys ordered by length,
 * then bytes; `", "` and `": "` separators).
 */
import { NotEvaluableError, SqlRuntimeError } from './evaluation.js';
import type { SqlValue } from './sql-value.js';
import { isArray, toText } from './sql-value.js';

function parse(v: SqlValue): unknown {
  if (v === null) return undefined;
  try {
    return JSON.parse(toText(v) ?? '');
  } catch {
    throw new NotEvaluableError('not JSON');
  }
}

function jsonbKeyOrder(a: string, b: string): number {
  const la = Buffer.byteLength(a);
  const lb = Buffer.byteLength(b);
  if (la !== lb) return la - lb;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** A value as jsonb prints it. */
export function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).sort(jsonbKeyOrder);
    return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText(o[k])}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** `j -> key` / `j -> index`: the member or element, undefined when absent. */
function member(doc: unknown, key: SqlValue): unknown {
  if (typeof key === 'number') {
    if (!Array.isArray(doc)) return undefined;
    const i = key < 0 ? doc.length + key : key;
    return doc[i];
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const name = toText(key) ?? '';
  return Object.hasOwn(doc, name) ? (doc as Record<string, unknown>)[name] : undefined;
}

export const JSONB_OPERATORS = new Set(['->', '->>', '?', '#>', '#>>']);

/** A `#>` path: a text[] literal (`'{state, current}'`) or an array value, as its elements' texts. */
function pathOf(v: SqlValue): string[] {
  if (isArray(v))
    return v.items.map((e) => {
      if (e === null) throw new NotEvaluableError('a NULL path element');
      return toText(e) ?? '';
    });
  const text = (toText(v) ?? '').trim();
  if (!text.startsWith('{') || !text.endsWith('}'))
    throw new NotEvaluableError('a path that is not an array');
  const inner = text.slice(1, -1).trim();
  if (inner === '') return [];
  if (/["\\]/.test(inner)) throw new NotEvaluableError('a quoted path element');
  return inner.split(',').map((p) => p.trim());
}

/** `j #> path`: the value at the path (an element's index as its text), undefined when absent. */
function atPath(doc: unknown, path: readonly string[]): unknown {
  let at = doc;
  for (const step of path) {
    if (Array.isArray(at)) {
      if (!/^-?\d+$/.test(step)) return undefined;
      at = member(at, Number(step));
    } else at = member(at, step);
    if (at === undefined) return undefined;
  }
  return at;
}

export function jsonbOperator(op: string, left: SqlValue, right: SqlValue): SqlValue {
  if (left === null || right === null) return null;
  const doc = parse(left);
  switch (op) {
    case '->': {
      const v = member(doc, right);
      return v === undefined ? null : jsonbText(v);
    }
    case '->>': {
      const v = member(doc, right);
      if (v === undefined || v === null) return null;
      return typeof v === 'string' ? v : jsonbText(v);
    }
    case '#>':
    case '#>>': {
      const v = atPath(doc, pathOf(right));
      if (v === undefined || (v === null && op === '#>>')) return null;
      return op === '#>>' && typeof v === 'string' ? v : jsonbText(v);
    }
    case '?': {
      const key = toText(right) ?? '';
      if (Array.isArray(doc)) return doc.some((e) => e === key);
      if (doc !== null && typeof doc === 'object') return Object.hasOwn(doc, key);
      return doc === key;
    }
    default:
      throw new NotEvaluableError(`operator ${op}`);
  }
}

export function jsonbArrayLength(v: SqlValue): SqlValue {
  if (v === null) return null;
  const doc = parse(v);
  if (!Array.isArray(doc)) {
    throw new SqlRuntimeError(
      doc !== null && typeof doc === 'object'
        ? 'cannot get array length of a non-array'
        : 'cannot get array length of a scalar',
    );
  }
  return doc.length;
}

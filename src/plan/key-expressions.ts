/**
 * What an expression in a unique key (a unique index on `lower(email)`,
 * `(n % 1000)`, `substr(code, 1, 2)`, `(a || b)`; or a generated column in a
 * key) asks of the columns it reads, so that distinct column values give
 * distinct expression values by construction:
 *
 * - injective in one column (`col`, `col + 1`, `col * 2`, `-col`, `col::text`,
 *   `'x' || col`): the column is unique;
 * - `lower(col)` / `upper(col)`: the column is unique and generated in that case;
 * - `replace(col, 'from', 'to')` (also under lower/upper, an inlined `normalize(name)`): the column is unique
 *   and its values never hold `from`, so the replace changes nothing (or, where a CHECK makes them all begin
 *   with it, hold it only there: `replaced-prefix.ts`);
 * - `unaccent(col)`, `unaccent('unaccent', col)` (an inlined `immutable_unaccent(name)` wrapper, also under
 *   lower/upper): the column is unique and its values printable ASCII, which unaccent's rules leave as they are;
 * - from generator version 25, `trim(col)`, `btrim`/`ltrim`/`rtrim(col[, 'chars'])` (`TRIM(TRAILING '/' FROM
 *   url)`, also under lower/upper: `lower(trim(email))`; blanks and punctuation trimmed): the column is
 *   unique and its values neither begin nor end with the characters trimmed, so the trim changes nothing;
 * - `col % m`: the column is unique inside a window of m consecutive integers;
 * - `substr(col, 1, k)` / `left(col, k)`: the column is unique and at most k long;
 * - `a || b || …`: the columns together are unique, all but the last of one fixed length;
 * - `doc ->> 'k'` (`#>>` a path, under a text cast): the json column is unique, a distinct text at that path;
 * - anything else is opaque: it contributes nothing to the key's uniqueness.
 */

import type { ColumnHints } from '../checks/check-hints.js';
import type { Column, UniqueKey } from '../schema/model.js';
import { concatStops, keepStopOut } from './concat-stops.js';
import { textPath } from './json-text-path.js';
import {
  columnRef,
  field,
  injectiveColumn,
  intConst,
  isConst,
  lastName,
  stringConst,
} from './key-expression-nodes.js';
import { replacedPattern } from './replaced-prefix.js';

export type KeyExpression =
  | {
      readonly kind: 'columns';
      readonly columns: readonly string[];
      readonly fold?: 'lower' | 'upper';
      /** Substrings the column's values never hold (`replace(col, from, to)` left the identity). */
      readonly without?: readonly string[];
      /** The column's values printable ASCII (`unaccent(col)` left the identity). */
      readonly ascii?: true;
      /** Patterns the column's values never match: the ends a trim takes off (`[/]$`), left the identity. */
      readonly edges?: readonly string[];
    }
  | { readonly kind: 'modulo'; readonly column: string; readonly modulus: number }
  | { readonly kind: 'prefix'; readonly column: string; readonly length: number }
  /** `stops` (version 28): per column but the last, the character after it its values never hold (concat-stops.ts). */
  | {
      readonly kind: 'concat';
      readonly columns: readonly string[];
      readonly stops?: readonly (string | undefined)[];
    }
  /** `doc ->> 'name'`, `doc #>> '{a,b}'`: the json column unique with a distinct text at that path. */
  | {
      readonly kind: 'json-path';
      readonly column: string;
      readonly path: readonly string[];
      /** Version 29: distinct too where another key's path carries the row's distinct text. */
      readonly alsoDistinct?: boolean;
    }
  | { readonly kind: 'opaque'; readonly text: string };

export {
  columnRef,
  field,
  injectiveColumn,
  intConst,
  lastName,
  stringConst,
} from './key-expression-nodes.js';

interface FoldChain {
  readonly column: string;
  readonly fold?: 'lower' | 'upper';
  readonly without: readonly string[];
  readonly ascii?: true;
  readonly edges?: readonly string[];
}

/** How key expressions are read: `trims` from generator version 25. */
export interface KeyReading {
  readonly trims?: boolean;
  /** Version 28: `a || ' ' || b` split at the constant's first character (concat-stops.ts). */
  readonly stops?: boolean;
  /**
   * Version 29: a json path's array index (`doc -> 'customDomains' -> 0 ->> 'domain'`, Logto's) read, and a
   * second unique path of one column distinct too (`uniquePaths`).
   */
  readonly arraySteps?: boolean;
}

const TRIM_SIDES: Readonly<Record<string, 'both' | 'leading' | 'trailing'>> = {
  btrim: 'both',
  ltrim: 'leading',
  rtrim: 'trailing',
};

/** The pattern of a value a trim changes: one beginning or ending (by side) with one of `chars`. */
function trimmedEdge(side: 'both' | 'leading' | 'trailing', chars: string): string {
  const set = `[${[...chars].map((c) => (/[\\\]^-]/.test(c) ? `\\${c}` : c)).join('')}]`;
  return side === 'leading' ? `^${set}` : side === 'trailing' ? `${set}$` : `^${set}|${set}$`;
}

/** unaccent's own dictionary (the one-argument form's), by name: another may map ASCII too. */
function isUnaccentDictionary(node: unknown): boolean {
  const name = stringConst(field(node, 'TypeCast')?.arg ?? node);
  return name !== undefined && /^("?[a-z_][a-z0-9_]*"?\.)?"?unaccent"?$/.test(name);
}

/** `lower(col)`, `replace(lower(col::text), '_', '-')` and the like: the column, its case and the substrings replaced. */
function foldChain(node: unknown, reading: KeyReading): FoldChain | undefined {
  const col = injectiveColumn(node);
  if (col !== undefined) return { column: col, without: [] };
  const cast = field(node, 'TypeCast');
  if (cast) {
    const target = lastName(field(cast, 'typeName')?.names);
    return target === 'text' || target === 'varchar' ? foldChain(cast.arg, reading) : undefined;
  }
  const call = field(node, 'FuncCall');
  const fn = call ? lastName(call.funcname) : undefined;
  const args = Array.isArray(call?.args) ? (call.args as unknown[]) : [];
  if ((fn === 'lower' || fn === 'upper') && args.length === 1) {
    const inner = foldChain(args[0], reading);
    return inner && (inner.fold === undefined || inner.fold === fn) ? { ...inner, fold: fn } : undefined;
  }
  if (fn === 'replace' && args.length === 3) {
    const from = stringConst(args[1]);
    const inner = stringConst(args[2]) === undefined || !from ? undefined : foldChain(args[0], reading);
    return inner && from ? { ...inner, without: [...inner.without, from] } : undefined;
  }
  // unaccent's rules map no ASCII character: on printable ASCII values it is the identity.
  if (fn === 'unaccent' && (args.length === 1 || (args.length === 2 && isUnaccentDictionary(args[0])))) {
    const inner = foldChain(args.at(-1), reading);
    return inner ? { ...inner, ascii: true } : undefined;
  }
  // A trim (of blanks, or of the characters given) is the identity on values whose ends it would not take.
  const side = fn === undefined ? undefined : TRIM_SIDES[fn];
  const chars = args.length === 1 ? ' ' : stringConst(args[1]);
  // Blanks and punctuation only: values may begin or end with a letter, a digit, `-` or `_`.
  const edgeChars = chars !== undefined && chars !== '' && !/[\p{L}\p{N}_-]/u.test(chars);
  if (reading.trims === true && side !== undefined && (args.length === 1 || args.length === 2) && edgeChars) {
    const inner = foldChain(args[0], reading);
    return inner ? { ...inner, edges: [...(inner.edges ?? []), trimmedEdge(side, chars)] } : undefined;
  }
  return undefined;
}

/** The operands of a chain of `||`, left to right. */
export function concatOperands(node: unknown): unknown[] | undefined {
  const expr = field(node, 'A_Expr');
  if (expr?.kind !== 'AEXPR_OP' || lastName(expr.name) !== '||') return undefined;
  return [...(concatOperands(expr.lexpr) ?? [expr.lexpr]), ...(concatOperands(expr.rexpr) ?? [expr.rexpr])];
}

/**
 * The one result of a CASE whose every result is NULL or that same expression (`CASE WHEN deleted THEN NULL
 * ELSE lower(email) END`, `CASE WHEN deleted_at IS NULL THEN name END`): rows whose result is NULL never
 * meet under a unique key, so the key holds when that expression is unique over every row. Else undefined.
 */
function caseOneResult(ast: unknown): unknown {
  const kase = field(ast, 'CaseExpr');
  if (!kase || !Array.isArray(kase.args)) return undefined;
  const results = [...(kase.args as unknown[]).map((w) => field(w, 'CaseWhen')?.result), kase.defresult];
  const set = results.filter((r) => r !== undefined && field(r, 'A_Const')?.isnull !== true);
  const text = JSON.stringify(set[0]);
  return set.length > 0 && set.every((r) => JSON.stringify(r) === text) ? set[0] : undefined;
}

/** What the expression (a libpg-query AST) asks of the columns it reads. */
export function keyExpression(ast: unknown, text: string, reading: KeyReading = {}): KeyExpression {
  const only = caseOneResult(ast);
  if (only !== undefined) return keyExpression(only, text, reading);
  const single = injectiveColumn(ast);
  if (single !== undefined) return { kind: 'columns', columns: [single] };
  const call = field(ast, 'FuncCall');
  const fn = call ? lastName(call.funcname) : undefined;
  const args = Array.isArray(call?.args) ? (call.args as unknown[]) : [];
  const chain = foldChain(ast, reading);
  if (chain) {
    const { column, fold, without, ascii, edges } = chain;
    return {
      kind: 'columns',
      columns: [column],
      ...(fold ? { fold } : {}),
      ...(without.length ? { without } : {}),
      ...(ascii ? { ascii } : {}),
      ...(edges ? { edges } : {}),
    };
  }
  if ((fn === 'substr' || fn === 'substring') && args.length === 3 && intConst(args[1]) === 1) {
    const col = columnRef(args[0]);
    const length = intConst(args[2]);
    if (col !== undefined && length !== undefined && length > 0)
      return { kind: 'prefix', column: col, length };
  }
  if (fn === 'left' && args.length === 2) {
    const col = columnRef(args[0]);
    const length = intConst(args[1]);
    if (col !== undefined && length !== undefined && length > 0)
      return { kind: 'prefix', column: col, length };
  }
  const expr = field(ast, 'A_Expr');
  if (expr && expr.kind === 'AEXPR_OP' && lastName(expr.name) === '%') {
    const col = columnRef(expr.lexpr);
    const modulus = intConst(expr.rexpr);
    if (col !== undefined && modulus !== undefined && modulus !== 0) {
      return { kind: 'modulo', column: col, modulus: Math.abs(modulus) };
    }
  }
  const path = textPath(ast, reading.arraySteps);
  if (path) return { kind: 'json-path', ...path, ...(reading.arraySteps ? { alsoDistinct: true } : {}) };
  const operands = concatOperands(ast);
  if (operands) {
    const columns = operands.filter((o) => !isConst(o)).map(columnRef);
    if (columns.length > 0 && columns.every((c) => c !== undefined)) {
      return {
        kind: 'concat',
        columns: columns as string[],
        ...(reading.stops ? { stops: concatStops(operands) } : {}),
      };
    }
  }
  return { kind: 'opaque', text };
}

/** One element of a key as an expression (a plain column is injective in itself; a generated column, its expression). */
export function keyElementExpressions(
  key: UniqueKey,
  columns: readonly Column[],
  reading: KeyReading = {},
): KeyExpression[] {
  return key.columns.map((c, i) => {
    if (c !== null) {
      const generated = columns.find((col) => col.name === c)?.generated;
      if (!generated) return { kind: 'columns', columns: [c] };
      const meaning = keyExpression(generated.ast, generated.text);
      return (meaning.kind === 'columns' &&
        meaning.fold === undefined &&
        meaning.without === undefined &&
        meaning.ascii === undefined &&
        meaning.edges === undefined) ||
        meaning.kind === 'json-path'
        ? meaning
        : { kind: 'opaque', text: `${c} (generated as ${generated.text})` };
    }
    const e = key.expressions[i];
    return e ? keyExpression(e.ast, e.text, reading) : { kind: 'opaque', text: '(expression)' };
  });
}

/** The planned columns of a key: distinct values of these give distinct key values (opaque elements aside). */
export function keyColumns(elements: readonly KeyExpression[]): string[] {
  const names: string[] = [];
  const add = (c: string) => {
    if (!names.includes(c)) names.push(c);
  };
  for (const e of elements) {
    if (e.kind === 'columns' || e.kind === 'concat') e.columns.forEach(add);
    else if (e.kind === 'modulo' || e.kind === 'prefix' || e.kind === 'json-path') add(e.column);
  }
  return names;
}

/** Text lengths of fixed-length types (`char(n)`, `varchar(n)` made fixed): what `a || b` needs of a. */
function fixedLength(column: Column | undefined): number | undefined {
  const type = column?.type;
  if (!type || type.arrayDims > 0) return undefined;
  const n = type.typmods[0];
  return (type.name === 'bpchar' || type.name === 'varchar') && typeof n === 'number' ? n : undefined;
}

/**
 * A unique lower(c) / upper(c): the column's values in that case. A value
 * list from its CHECKs (`c IN ('draft', 'sent')`) is kept as written instead
 * (folding it wrote 'DRAFT' under that CHECK), one value per folded class,
 * and so is a case a CHECK asks (`c = lower(c)`).
 */
function foldHint(h: ColumnHints, fold: string): void {
  const f = (v: string) => (fold === 'lower' ? v.toLowerCase() : v.toUpperCase());
  if (h.oneOf) h.oneOf = h.oneOf.filter((v, i, all) => all.findIndex((w) => f(w) === f(v)) === i);
  // Values a CHECK keeps in the other case (`c = lower(c)` under a unique upper(c)) are distinct in this one
  // too: folding them again wrote 'ABC' that the CHECK refuses.
  else if (fold === 'lower' && h.uppercase !== true) h.lowercase = true;
  else if (fold === 'upper' && h.lowercase !== true) h.uppercase = true;
}

/**
 * Hints that make distinct column values give distinct expression values
 * (mutates `hintsOf`'s objects). Returns the elements it could not make so
 * (reported as opaque).
 */
export function applyKeyExpressionHints(
  elements: readonly KeyExpression[],
  columns: readonly Column[],
  hintsOf: (column: string) => ColumnHints,
): KeyExpression[] {
  const applyOne = (e: KeyExpression): KeyExpression => {
    switch (e.kind) {
      case 'columns':
        if (e.fold !== undefined) foldHint(hintsOf(e.columns[0] as string), e.fold);
        for (const w of e.without ?? []) {
          const h = hintsOf(e.columns[0] as string);
          h.patterns = [...(h.patterns ?? []), replacedPattern(w, e.fold !== undefined, h)];
        }
        if (e.ascii) {
          const h = hintsOf(e.columns[0] as string);
          h.patterns = [...(h.patterns ?? []), { source: '[^ -~]', insensitive: false, negated: true }];
        }
        for (const edge of e.edges ?? []) {
          const h = hintsOf(e.columns[0] as string);
          h.patterns = [...(h.patterns ?? []), { source: edge, insensitive: false, negated: true }];
        }
        return e;
      case 'modulo': {
        // A window of m consecutive integers: distinct values are distinct modulo m.
        const h = hintsOf(e.column);
        const low =
          typeof h.min === 'number' ? (h.minExclusive ? Math.floor(h.min) + 1 : Math.ceil(h.min)) : undefined;
        const upper =
          typeof h.max === 'number' ? (h.maxExclusive ? Math.ceil(h.max) - 1 : Math.floor(h.max)) : undefined;
        // Below zero (`CHECK (c < -10)`): the window ending at the bound (`%` keeps the sign, so the m values
        // are still distinct); else the window from 0 or the lower bound, cut at the upper one.
        const negative = upper !== undefined && upper < 0;
        const start = negative
          ? Math.max(low ?? Number.NEGATIVE_INFINITY, upper - e.modulus + 1)
          : Math.max(low ?? 0, 0);
        const end = negative ? upper : Math.min(start + e.modulus - 1, upper ?? Number.POSITIVE_INFINITY);
        if (h.min !== undefined && typeof h.min !== 'number')
          return { kind: 'opaque', text: `${e.column} % ${e.modulus}` };
        h.min = start;
        delete h.minExclusive;
        h.max = end;
        delete h.maxExclusive;
        return e;
      }
      case 'prefix': {
        const h = hintsOf(e.column);
        h.maxLength = Math.min(h.maxLength ?? Number.POSITIVE_INFINITY, e.length);
        return e;
      }
      case 'concat': {
        // All but the last operand of one fixed length: the concatenation splits back into the values.
        // Version 28: or followed by a constant whose first character its values never hold.
        const lengths = e.columns.slice(0, -1).map((c) => fixedLength(columns.find((col) => col.name === c)));
        if (lengths.some((n, i) => n === undefined && e.stops?.[i] === undefined))
          return { kind: 'opaque', text: e.columns.join(' || ') };
        e.columns.slice(0, -1).forEach((c, i) => {
          const h = hintsOf(c);
          const stop = e.stops?.[i];
          if (lengths[i] === undefined && stop !== undefined) {
            keepStopOut(h, stop);
            return;
          }
          h.minLength = Math.max(h.minLength ?? 0, lengths[i] as number);
          h.maxLength = Math.min(h.maxLength ?? Number.POSITIVE_INFINITY, lengths[i] as number);
        });
        return e;
      }
      case 'json-path': {
        // The first such path of a key carries the row's distinct text (one distinct element keeps the tuple distinct).
        const h = hintsOf(e.column);
        const same = (p: readonly string[]) => p.join('\u0000') === e.path.join('\u0000');
        if (h.uniquePath === undefined) h.uniquePath = e.path;
        // Version 29: another key's path of the column (Logto's host and first custom domain) distinct too.
        else if (e.alsoDistinct && !same(h.uniquePath) && !(h.uniquePaths ?? []).some(same))
          h.uniquePaths = [...(h.uniquePaths ?? []), e.path];
        return e;
      }
      case 'opaque':
        return e;
    }
  };
  return elements.map(applyOne);
}

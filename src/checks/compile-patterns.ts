/**
 * Pattern operators of a CHECK → pattern atoms: LIKE/ILIKE (and pg_dump's
 * `~~` forms), SIMILAR TO (with its escape call), POSIX regex `~ ~* !~ !~*`.
 * A pattern that is not a constant gives `undefined` (evaluated per row).
 */
import type { Formula } from './check-atoms.js';
import { funcCall, type Node } from './expression-nodes.js';
import { type Fold, foldOf } from './folded-values.js';
import type { FormulaReader } from './formula-reader.js';
import { likeEscape, likeToRegex, posixToRegex, similarToRegex } from './patterns.js';
import { splitFieldsFormula } from './split-fields.js';

/** LIKE's operator forms, as pg_dump prints `LIKE`/`ILIKE` (and NOT): insensitive, negated. */
const LIKE_OPERATORS: Readonly<Record<string, readonly [boolean, boolean]>> = {
  '~~': [false, false],
  '~~*': [true, false],
  '!~~': [false, true],
  '!~~*': [true, true],
};

/** `a ~~ 'p'` (LIKE as an operator) or `a ~ 'p'` (regex); undefined for other operators or a non-constant pattern. */
export function patternOperatorFormula(
  r: FormulaReader,
  expr: Node,
  op: string | undefined,
  negated: boolean,
): Formula | undefined {
  const like = op === undefined ? undefined : LIKE_OPERATORS[op];
  if (like) {
    const text = r.constant(expr.rexpr, 'any')?.value;
    if (typeof text !== 'string') return undefined;
    return pattern(r, expr.lexpr, likeToRegex(text), text, like[0], like[1] !== negated);
  }
  if (op === '~' || op === '~*' || op === '!~' || op === '!~*') {
    const text = r.constant(expr.rexpr, 'any')?.value;
    if (typeof text !== 'string') return undefined;
    return pattern(r, expr.lexpr, posixToRegex(text), text, op.includes('*'), op.startsWith('!') !== negated);
  }
  return undefined;
}

/** `a [NOT] LIKE | ILIKE | SIMILAR TO 'p'` (the `AEXPR_LIKE`, `AEXPR_ILIKE`, `AEXPR_SIMILAR` forms). */
export function patternMatchFormula(
  r: FormulaReader,
  expr: Node,
  kind: string,
  op: string | undefined,
  negated: boolean,
): Formula | undefined {
  let patternNode = expr.rexpr;
  let escapeText: string | undefined;
  const escapeCall = funcCall(patternNode);
  if (escapeCall?.name === 'similar_to_escape') {
    if (escapeCall.args.length === 2) {
      const given = r.constant(escapeCall.args[1], 'any')?.value;
      if (typeof given !== 'string') return undefined;
      escapeText = given;
    } else if (escapeCall.args.length !== 1) return undefined;
    patternNode = escapeCall.args[0];
  }
  const written = r.constant(patternNode, 'any')?.value;
  if (typeof written !== 'string') return undefined;
  const text = escapeText === undefined ? written : likeEscape(written, escapeText);
  if (text === undefined) return undefined;
  const source = kind === 'AEXPR_SIMILAR' ? similarToRegex(text) : likeToRegex(text);
  const isNot = op === '!~~' || op === '!~~*' || op === '!~';
  return pattern(r, expr.lexpr, source, text, kind === 'AEXPR_ILIKE', isNot !== negated);
}

function pattern(
  r: FormulaReader,
  tested: unknown,
  source: string | undefined,
  text: string,
  insensitive: boolean,
  negated: boolean,
): Formula | undefined {
  const folded = foldedColumn(r, tested);
  if (!folded || source === undefined) return undefined;
  const { column, folds } = folded;
  const test = { kind: 'pattern' as const, column, source, insensitive, negated, text };
  return [[...folds.map((fold) => ({ kind: 'fold' as const, column, fold })), test]];
}

/**
 * The column a pattern tests, and the folds it is tested under: `lower(file::text) ~ '\.(png|pdf)$'`
 * (respriter's structure.sql) tests `file` lowercased. A value that is already folded and matches meets the
 * CHECK, so the column is made folded and matching (an FK column, whose values are taken, stays evaluated
 * per row). Folds are read from generator version 18 on (before: evaluated per row, where they failed).
 */
function foldedColumn(r: FormulaReader, node: unknown): { column: string; folds: Fold[] } | undefined {
  const plain = r.columnName(node);
  if (plain) return { column: plain, folds: [] };
  if ((r.options.generatorVersion ?? 0) < 18) return undefined;
  const folds: Fold[] = [];
  let inner = node;
  for (let call = funcCall(inner); call?.args.length === 1; call = funcCall(inner)) {
    const fold = foldOf(call.name);
    if (fold === undefined) return undefined;
    folds.push(fold);
    inner = call.args[0];
  }
  const column = folds.length > 0 ? r.columnName(inner) : undefined;
  if (!column || r.options.takenColumn?.(column)) return undefined;
  return { column, folds: [...new Set(folds)] };
}

/**
 * `starts_with(x, 'ab')` and `x ^@ 'ab'` (PostgreSQL's prefix operator) as the pattern `x LIKE 'ab%'`;
 * undefined when the prefix is not a constant or the tested value not a column (evaluated per row).
 */
export function startsWithFormula(
  r: FormulaReader,
  value: unknown,
  prefix: unknown,
  negated: boolean,
): Formula | undefined {
  const text = r.constant(prefix, 'any')?.value;
  if (typeof text !== 'string') return undefined;
  const like = `${text.replace(/[\\%_]/g, '\\$&')}%`;
  return pattern(r, value, likeToRegex(like), like, false, negated);
}

/** Whether `text` is the same under trim: its first and last characters are not spaces. */
const TRIM_SAFE = /^[^\s](.*[^\s])?$/s;

/**
 * A prefix test (`left(x, 4) = 'dns:'`, `substr(x, 1, 4) = 'dns:'`, `substring(x, 1, 4)`, through `trim(x)`
 * too) as the pattern `x LIKE 'dns:%'`: the call's length must be the constant's, else undefined (evaluated
 * per row). Under trim only the positive test is read, of a prefix that starts and ends with no space: a value
 * matching it is then trimmed of trailing spaces only, which keeps the prefix. A suffix (`right`) and, from
 * version 25, a field (`split_part(x, '.', 2) <> ''`, split-fields.ts) are read here too.
 */
export function prefixFormula(
  r: FormulaReader,
  call: Node | unknown,
  constant: unknown,
  negated: boolean,
): Formula | undefined {
  const f = funcCall(call);
  if (!f) return undefined;
  if (f.name === 'right') return suffixFormula(r, f, constant, negated);
  if (f.name === 'split_part') {
    const text = r.constant(constant, 'any')?.value;
    return typeof text === 'string' ? splitFieldsFormula(r, call, [text], !negated) : undefined;
  }
  const lengthAt = f.name === 'left' ? 1 : f.name === 'substr' || f.name === 'substring' ? 2 : -1;
  if (lengthAt < 0 || f.args.length !== lengthAt + 1) return undefined;
  if (lengthAt === 2 && r.constant(f.args[1], 'any')?.value !== 1) return undefined;
  const length = r.constant(f.args[lengthAt], 'any')?.value;
  const text = r.constant(constant, 'any')?.value;
  if (typeof text !== 'string' || text.length === 0 || length !== [...text].length) return undefined;
  const inner = funcCall(f.args[0]);
  const trimmed = inner?.name === 'btrim' && inner.args.length === 1;
  if (trimmed && (negated || !TRIM_SAFE.test(text))) return undefined;
  return startsWithFormula(r, trimmed ? inner?.args[0] : f.args[0], constant, negated);
}

/** The version from which `right(x, 4) = '.pdf'` is the pattern `x LIKE '%.pdf'` (before: evaluated per row). */
export const SUFFIX_FROM = 24;

/**
 * `right(x, n) = 'sfx'` with n the constant's length, as the pattern `x LIKE '%sfx'`: values of every length
 * ending so (before version 24 the row engine found only the suffix itself, `.pdf`).
 */
function suffixFormula(
  r: FormulaReader,
  f: { name: string; args: unknown[] },
  constant: unknown,
  negated: boolean,
): Formula | undefined {
  if ((r.options.generatorVersion ?? 0) < SUFFIX_FROM || f.args.length !== 2) return undefined;
  const length = r.constant(f.args[1], 'any')?.value;
  const text = r.constant(constant, 'any')?.value;
  if (typeof text !== 'string' || text.length === 0 || length !== [...text].length) return undefined;
  const like = `%${text.replace(/[\\%_]/g, '\\$&')}`;
  return pattern(r, f.args[0], likeToRegex(like), like, false, negated);
}

/**
 * Version 24: `regexp_like(x, 'p')`, and `regexp_match(x, 'p' [, 'i'])` tested `IS NOT NULL` (`matched`
 * true) or `IS NULL`, as the pattern `x ~ 'p'` (`~*` with the flag `i`); undefined for other calls and flags.
 */
export function regexpCallFormula(
  r: FormulaReader,
  node: unknown,
  matched: boolean,
  negated: boolean,
): Formula | undefined {
  const f = funcCall(node);
  if (
    (r.options.generatorVersion ?? 0) < SUFFIX_FROM ||
    (f?.name !== 'regexp_like' && f?.name !== 'regexp_match')
  )
    return undefined;
  // regexp_like's flags are not evaluated (checks/sql-functions.ts): only its two-argument form is read.
  if (f.args.length < 2 || f.args.length > (f.name === 'regexp_like' ? 2 : 3)) return undefined;
  const text = r.constant(f.args[1], 'any')?.value;
  const flags = f.args.length === 3 ? r.constant(f.args[2], 'any')?.value : '';
  if (typeof text !== 'string' || (flags !== '' && flags !== 'i')) return undefined;
  return pattern(r, f.args[0], posixToRegex(text), text, flags === 'i', matched === negated);
}

/**
 * Generator version 3: a unique text column under a pattern CHECK (a slug
 * `^[a-z0-9-]+$`, a handle, a username `^[a-z][a-z0-9_]{2,29}$`, a code
 * `^[A-Z]{3}-[0-9]{4}$`) takes readable unique values the pattern accepts,
 * `quiet-harbor`, `quiet_harbor_412`, `KXQ-0482`, instead of the pattern's
 * own strings (`a0-`). The forms are tried in order; one is taken when
 * every word of its lists passes in place (lists filtered word by word),
 * its extreme values pass and 512 probes spread over its space pass, so
 * planner and engine choose alike. Each value is still checked (as
 * unique-under-checks.ts does for its constructions).
 */
import type { ColumnHints } from '../checks/check-hints.js';
import { DatagenError, ErrorCodes } from '../errors.js';
import type { TypeRef } from '../schema/model.js';
import { lengthLimits } from './check-generator.js';
import { textChecker } from './fitted-text.js';
import { createPermutation } from './permutation.js';
import { hashString } from './random.js';
import { asciiSlug } from './semantic/text-fit.js';
import { codeLetters, wordPools } from './semantic/text-values.js';
import { createDigits, distinct, MIN_NAMES } from './semantic/unique-digits.js';
import type { UniqueValueGenerator } from './types/index.js';

const PROBES = 512;
const PLAIN_WORD = /^[a-z]+$/;

interface Form {
  readonly radices: readonly number[];
  readonly write: (d: readonly number[]) => string;
}

/** The literal start of a pattern (`^PRJ-` → `PRJ-`, as a LIKE 'PRJ-%' compiles), '' without one. */
function literalPrefix(source: string): string {
  const m = /^\^((?:[A-Za-z0-9 _@#:/-]|\\[.\-_/@#])*)/.exec(source);
  const prefix = (m?.[1] ?? '').replace(/\\(.)/g, '$1');
  // A quantifier after the last character applies to it alone: leave that character out.
  const next = source.charAt((m?.[0] ?? '').length);
  return next === '' || '*+?{'.includes(next) ? prefix.slice(0, -1) : prefix;
}

/**
 * The words of both lists short enough that any pair fits in `budget`
 * characters: the longest first word plus the longest last word is at most
 * the budget (a length CHECK then holds for every pair, not only for the
 * probes), cut where the pairs are most.
 */
function fitPairs(
  firsts: readonly string[],
  lasts: readonly string[],
  budget: number,
): [readonly string[], readonly string[]] {
  if (!Number.isFinite(budget)) return [firsts, lasts];
  let best: [readonly string[], readonly string[]] = [[], []];
  // Past the longest first word every first word fits and fewer last words do: no better cut
  // (a length bound of 2^31 - 1, from an int4 generated column over length(x), ends here).
  const longest = firsts.reduce((n, w) => Math.max(n, w.length), 0);
  for (let cut = 1; cut < budget && cut <= longest; cut++) {
    const a = firsts.filter((w) => w.length <= cut);
    const b = lasts.filter((w) => w.length <= budget - cut);
    if (a.length * b.length > best[0].length * best[1].length) best = [a, b];
  }
  return best;
}

/**
 * The words of both lists long enough that every pair reaches `need`
 * characters (a `length(x) > 10` CHECK then holds for the shortest pair, not
 * only for the probes), cut where the pairs are most; the lists as they are
 * when their shortest pair reaches it already.
 */
function fitMinimum(
  firsts: readonly string[],
  lasts: readonly string[],
  need: number,
): [readonly string[], readonly string[]] {
  const shortest = (words: readonly string[]) => Math.min(...words.map((w) => w.length));
  if (need <= 0 || shortest(firsts) + shortest(lasts) >= need) return [firsts, lasts];
  let best: [readonly string[], readonly string[]] = [[], []];
  // Past the longest first word no first word is left: no cut there can be better.
  const longest = firsts.reduce((n, w) => Math.max(n, w.length), 0);
  for (let cut = 0; cut <= need && cut <= longest; cut++) {
    const a = firsts.filter((w) => w.length >= cut);
    const b = lasts.filter((w) => w.length >= need - cut);
    if (a.length * b.length > best[0].length * best[1].length) best = [a, b];
  }
  return best;
}

/** The word forms (two words, then two words and a number) with a separator and a letter case. */
function wordForms(
  adjectives: readonly string[],
  nouns: readonly string[],
  ok: (v: string) => boolean,
  prefix: string,
  { min: minLength, max: maxLength }: { min: number; max: number },
): Form[] {
  const forms: Form[] = [];
  for (const sep of ['-', '_', '', '.']) {
    for (const upper of [false, true]) {
      const cased = (w: string) => (upper ? w.toUpperCase() : w);
      for (const numbered of [false, true]) {
        const tail = (n: number) => (numbered ? `${sep}${n}` : '');
        const head = (w: string) => prefix + cased(w);
        // Words that pass in their place beside a short other word (exact for class-by-position patterns).
        const a0 = adjectives[0] as string;
        const n0 = nouns[0] as string;
        const passing = adjectives.filter((a) => ok(head(a) + sep + cased(n0) + tail(7)));
        const budget = maxLength - prefix.length - sep.length - (numbered ? sep.length + 3 : 0);
        const [fitting, fittingLasts] = fitPairs(
          passing,
          nouns.filter((n) => ok(head(passing[0] ?? a0) + sep + cased(n) + tail(7))),
          budget,
        );
        const [firsts, lasts] = fitMinimum(
          fitting,
          fittingLasts,
          minLength - prefix.length - sep.length - (numbered ? sep.length + 1 : 0),
        );
        if (firsts.length < MIN_NAMES || lasts.length < MIN_NAMES) continue;
        forms.push({
          radices: numbered ? [firsts.length, lasts.length, 1000] : [firsts.length, lasts.length],
          write: (d) =>
            head(firsts[d[0] as number] as string) +
            sep +
            cased(lasts[d[1] as number] as string) +
            tail(d[2] ?? 0),
        });
      }
    }
  }
  return forms;
}

/** Codes of three letters and 3 to 6 digits, with and without a dash. */
function codeForms(): Form[] {
  const forms: Form[] = [];
  for (const width of [4, 5, 3, 6]) {
    for (const sep of ['-', '']) {
      forms.push({
        radices: [17576, 10 ** width],
        write: (d) => codeLetters(d[0] as number) + sep + String(d[1]).padStart(width, '0'),
      });
    }
  }
  return forms;
}

/** Whether a form's values pass: its extremes and probes spread over its space. */
function formPasses(form: Form, ok: (v: string) => boolean): boolean {
  const digits = createDigits(form.radices);
  const d = new Array<number>(form.radices.length).fill(0);
  const last = form.radices.map((r) => r - 1);
  if (!ok(form.write(d)) || !ok(form.write(last))) return false;
  for (let i = 0; i < PROBES; i++) {
    digits.split(Math.floor((i * digits.space) / PROBES), d);
    if (!ok(form.write(d))) return false;
  }
  return true;
}

/** The word lists the forms are made of (the same for every column). */
let plainWords: { readonly adjectives: readonly string[]; readonly nouns: readonly string[] } | undefined;

interface CheckedForms {
  readonly ok: (v: string) => boolean;
  readonly forms: readonly (Form & { passes(): boolean })[];
}

/** Forms and their probes by column type and hints: a big schema asks again for each plan and each table alike. */
const formsCache = new Map<string, CheckedForms>();
const FORMS_CACHE_LIMIT = 256;

/** The forms a column's type and hints admit (lists filtered), each probed once when first asked. */
function checkedForms(
  base: TypeRef,
  hints: ColumnHints,
  positive: readonly { source: string }[],
): CheckedForms {
  const key = JSON.stringify([base, hints]);
  const cached = formsCache.get(key);
  if (cached) return cached;
  const ok = textChecker(base, hints);
  const limits = lengthLimits(base, hints);
  if (!plainWords) {
    const pools = wordPools(null);
    plainWords = {
      adjectives: distinct(pools.adjectives.map(asciiSlug), Number.POSITIVE_INFINITY, PLAIN_WORD),
      nouns: distinct(pools.nouns.map(asciiSlug), Number.POSITIVE_INFINITY, PLAIN_WORD),
    };
  }
  const { adjectives, nouns } = plainWords;
  const prefix = positive.length === 1 ? literalPrefix((positive[0] as { source: string }).source) : '';
  const forms = [...wordForms(adjectives, nouns, ok, '', limits), ...codeForms()];
  if (prefix !== '') forms.push(...wordForms(adjectives, nouns, ok, prefix, limits));
  const checked: CheckedForms = {
    ok,
    forms: forms.map((form) => {
      let passes: boolean | undefined;
      return {
        ...form,
        passes: () => {
          passes ??= formPasses(form, ok);
          return passes;
        },
      };
    }),
  };
  if (formsCache.size >= FORMS_CACHE_LIMIT) formsCache.clear();
  formsCache.set(key, checked);
  return checked;
}

/**
 * Readable unique values for a text column under pattern CHECKs (version
 * 3), or null when no form passes or has room for `rows` (the pattern's own
 * strings then).
 */
export function createPatternWordsUnique(
  where: string,
  base: TypeRef,
  hints: ColumnHints,
  rows: number,
): UniqueValueGenerator | null {
  const positive = (hints.patterns ?? []).filter((p) => !p.negated);
  if (positive.length === 0 || base.arrayDims > 0) return null;
  if (typeof hints.min === 'string' || typeof hints.max === 'string') return null;
  const { ok, forms } = checkedForms(base, hints, positive);
  for (const form of forms) {
    const space = form.radices.reduce((a, b) => a * b, 1);
    if (space < rows || !form.passes()) continue;
    const digits = createDigits(form.radices);
    const scramble = createPermutation(space, hashString(`pattern-words:${where}`));
    const d = new Array<number>(form.radices.length).fill(0);
    return {
      space,
      value(k) {
        digits.split(scramble.apply(k), d);
        const v = form.write(d);
        if (!ok(v)) {
          throw new DatagenError(
            ErrorCodes.UNSATISFIABLE,
            `${where}: unique value '${v}' does not meet the column's CHECKs; give the table fewer rows (--rows) or generate from a copy of the DDL without that CHECK.`,
            { where },
          );
        }
        return v;
      },
    };
  }
  return null;
}

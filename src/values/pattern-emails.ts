/**
 * Emails under a pattern CHECK (generator version 2; version 1 wrote the
 * pattern's strings, `pbhyyq@example.com`): the email made from the row's
 * names, then the nearest form the patterns accept (the local part without
 * dots and underscores, or letters only; a reserved example domain), each
 * checked against every CHECK hint; the pattern's strings only when no form
 * matches. Unique emails keep a fixed-width code of k before the `@`, so
 * they stay unique whatever the names.
 */
import type { ColumnHints } from '../checks/check-hints.js';
import type { Column, Table, TypeRef } from '../schema/model.js';
import { textChecker } from './fitted-text.js';
import { hashString, RowRandom } from './random.js';
import {
  createBuild,
  createSemanticGenerator,
  createUniqueEmailGenerator,
  type RowContext,
  UNIQUE_EMAIL_SPACE,
} from './semantic/index.js';
import { EXAMPLE_DOMAINS } from './semantic/locale-data.js';

/** The local part's forms, nearest first: as made, without separators, letters only. */
const LOCAL_FORMS: readonly ((local: string) => string)[] = [
  (local) => local,
  (local) => local.replace(/[^a-z0-9]/g, ''),
  (local) => local.replace(/[^a-z]/g, ''),
];

/**
 * A random email generator that meets the patterns: the semantic email, or
 * its nearest accepted form, else `fallback` (the pattern's strings).
 */
export function createPatternEmailGenerator(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  row: RowContext,
  fallback: (rand: RowRandom) => string | null,
): (rand: RowRandom, row: number) => string | null {
  const semantic = createSemanticGenerator('email', table, column, base, row);
  const ok = textChecker(base, hints);
  return (rand, r) => {
    const email = semantic.random(rand, r);
    if (ok(email)) return email;
    const at = email.lastIndexOf('@');
    const local = email.slice(0, at);
    const domains = [email.slice(at + 1), ...EXAMPLE_DOMAINS];
    for (const form of LOCAL_FORMS) {
      const l = form(local);
      if (l === '') continue;
      for (const domain of domains) {
        const candidate = `${l}@${domain}`;
        if (ok(candidate)) return candidate;
      }
    }
    return fallback(rand);
  };
}

/** k as seven lower-case letters (26^7 > UNIQUE_EMAIL_SPACE: injective). */
function letterCode(k: number): string {
  let out = '';
  let rest = k;
  for (let i = 0; i < 7; i++) {
    const digit = rest % 26;
    out = String.fromCharCode(97 + digit) + out;
    rest = (rest - digit) / 26;
  }
  return out;
}

/**
 * The forms of a unique email (`local.code@domain` as made), each injective
 * in k by its fixed-width code just before the `@`: on another example
 * domain, the local part without separators, letters only with a letter code.
 */
type UniqueForm = (local: string, code36: string, k: number, domain: string) => string;

function uniqueForms(): readonly UniqueForm[] {
  const forms: UniqueForm[] = [(local, code, _k, domain) => `${local}.${code}@${domain}`];
  for (const d of EXAMPLE_DOMAINS) forms.push((local, code) => `${local}.${code}@${d}`);
  for (const d of EXAMPLE_DOMAINS) {
    forms.push((local, code) => `${local.replace(/[^a-z0-9]/g, '')}${code}@${d}`);
  }
  for (const d of EXAMPLE_DOMAINS) {
    forms.push((local, _code, k) => `${local.replace(/[^a-z]/g, '')}${letterCode(k)}@${d}`);
  }
  return forms;
}

const PROBES = 512;
const NO_ROW: RowContext = { sibling: () => undefined, siblingKind: () => null };

/**
 * Unique emails from the row's names that meet the patterns: the first form
 * (see uniqueForms) that every one of 512 probe values meets, or null when
 * none does (the pattern's own unique strings then). The probe uses random
 * names (never the row's), so the planner and the engine choose alike.
 */
export function createPatternUniqueEmails(
  table: Table,
  column: Column,
  base: TypeRef,
  hints: ColumnHints,
  row: RowContext | undefined,
): {
  readonly space: number;
  value(k: number): string;
  rowValue?(k: number, rand: RowRandom, r: number): string | null;
} | null {
  const ok = textChecker(base, hints);
  const split = (email: string): [string, string, string] => {
    const at = email.lastIndexOf('@');
    const before = email.slice(0, at);
    return [before.slice(0, before.length - 7), before.slice(-6), email.slice(at + 1)];
  };
  const probe = createUniqueEmailGenerator(createBuild(table, column, base, NO_ROW));
  const rand = new RowRandom();
  const key = hashString('pattern-email-probe');
  const samples = Array.from({ length: PROBES }, (_, i) => {
    const k = Math.floor((i * (UNIQUE_EMAIL_SPACE - 1)) / (PROBES - 1));
    return { k, parts: split(probe.value(k, rand.at(key, i), i)) };
  });
  const form = uniqueForms().find((f) => samples.every(({ k, parts: [l, c, d] }) => ok(f(l, c, k, d))));
  if (form === undefined) return null;
  const withoutRow = (k: number): string => {
    const [l, c, d] = split(probe.value(k, rand.at(key, k), k));
    return form(l, c, k, d);
  };
  if (row === undefined) return { space: UNIQUE_EMAIL_SPACE, value: withoutRow };
  const emails = createUniqueEmailGenerator(createBuild(table, column, base, row));
  return {
    space: UNIQUE_EMAIL_SPACE,
    value: withoutRow,
    rowValue(k, rowRandom, r) {
      const [l, c, d] = split(emails.value(k, rowRandom, r));
      const email = form(l, c, k, d);
      return ok(email) ? email : null;
    },
  };
}

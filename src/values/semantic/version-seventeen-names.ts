/**
 * Names version 17 reads (version-seventeen-values.ts makes their values):
 * - a person's birth kept in parts (OMOP's `year_of_birth`,
 *   `month_of_birth`, `day_of_birth`; `birth_year`, `birth_month`,
 *   `birth_day`): a year of a living person's birth, a month, a day, agreeing
 *   with the row's birth date (`birth_datetime`) where it has one (were any
 *   integer: `year_of_birth` 10,109);
 * - a state or status kept as an integer with no default (`status integer`,
 *   `state smallint`): a small code 0..4, the first most often (was 1..10,
 *   or any smallint);
 * - a `slug` or `permalink` beside the row's title or name: that title in
 *   kebab case (were unrelated words);
 * - a `symbol` or `ticker`: a ticker of 1 to 5 capital letters (`AAPL`);
 * - a subdivision's code (`iso_3166_2`, `subdivision_code`): ISO 3166-2
 *   (`US-CA`, `DE-BY`);
 * - tags (`tags`, `tag`, `keywords`, `hashtags`; a tags table's `name`):
 *   short lowercase words of the table's subject (a post's topics, a
 *   product's attributes; tag-words.ts), popular ones most often.
 */
import type { Column, Table } from '../../schema/model.js';
import { nameTokens } from './column-names.js';
import { defaultsToZero } from './number-time-names.js';
import type { SemanticKind, TypeFamily } from './semantic-kind.js';
import { isTagColumn } from './tag-words.js';

/** Which part of a birth a column holds (`year_of_birth`, `birth_month`), or null. */
export function birthPartOf(column: Column): 'year' | 'month' | 'day' | null {
  const t = nameTokens(column.name);
  const part =
    t.length === 3 && t[1] === 'of' && t[2] === 'birth'
      ? t[0]
      : t.length === 2 && t[0] === 'birth'
        ? t[1]
        : null;
  return part === 'year' || part === 'month' || part === 'day' ? part : null;
}

/** A state or status kept as a number (`status`, `state`, `post_status`) with no default of 0 (version 3 reads that one). */
export function isNumberedStatus(column: Column): boolean {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  return last === 'status' || last === 'state';
}

/** The words of a slug-like column: `slug`, `permalink`, `url_slug`, `title_slug`. */
export function isSlugName(column: Column): boolean {
  const t = nameTokens(column.name);
  const last = t[t.length - 1] ?? '';
  return last === 'slug' || last === 'permalink';
}

/** The row's title or name a slug is made of: the first text column so named, or null. */
export function slugSourceOf(table: Table, column: Column): string | null {
  const text = (c: Column) => /^(text|varchar|bpchar|citext|character varying|character)$/.test(c.type.name);
  for (const wanted of ['title', 'name', 'headline', 'subject', 'display_name']) {
    const found = table.columns.find((c) => c !== column && c.name.toLowerCase() === wanted && text(c));
    if (found !== undefined) return found.name;
  }
  const named = table.columns.find(
    (c) =>
      c !== column &&
      text(c) &&
      /(^|_)(title|name)$/i.test(c.name) &&
      !/(first|last|user|file)_?name$/i.test(c.name),
  );
  return named?.name ?? null;
}

/** Which version-17 text meaning a column has by its name: a ticker, a subdivision's code, or null. */
export function textCodeOf(column: Column): 'ticker' | 'subdivision' | null {
  const t = nameTokens(column.name);
  const joined = t.join('_');
  if (joined === 'symbol' || joined === 'ticker' || joined === 'ticker_symbol' || joined === 'stock_symbol')
    return 'ticker';
  if (
    joined === 'iso_3166_2' ||
    joined === 'subdivision_code' ||
    joined === 'subdivision' ||
    joined === 'iso_subdivision'
  )
    return 'subdivision';
  return null;
}

/** Version 17's kind for a column of `table` (see above), or null. */
export function versionSeventeenKind(table: Table, column: Column, family: TypeFamily): SemanticKind | null {
  if (family === 'integer') {
    const part = birthPartOf(column);
    if (part !== null) return part === 'year' ? 'year' : 'small_code';
    return isNumberedStatus(column) ? 'small_code' : null;
  }
  if (family !== 'text') return null;
  if (isTagColumn(table, column)) return 'label';
  if (textCodeOf(column) !== null) return 'code';
  return isSlugName(column) && slugSourceOf(table, column) !== null ? 'phrase' : null;
}

/** The plan's words for such a column, or null. */
export function versionSeventeenText(table: Table, column: Column, family: TypeFamily | null): string | null {
  if (family === 'integer') {
    const part = birthPartOf(column);
    if (part !== null) {
      const birth = birthColumnOf(table);
      const range = part === 'year' ? '1930 to 2015' : part === 'month' ? '1 to 12' : '1 to 28';
      return birth === null
        ? `, a birth's ${part} (${range})`
        : `, the ${part} of ${birth} in the row (else ${range})`;
    }
    return isNumberedStatus(column) && !defaultsToZero(column)
      ? ', a small status code 0 to 4, the first most often'
      : null;
  }
  if (family !== 'text') return null;
  if (isTagColumn(table, column)) return ", short tag words of the table's subject, popular ones most often";
  const code = textCodeOf(column);
  if (code === 'ticker') return ', a ticker symbol (1 to 5 capital letters, AAPL)';
  if (code === 'subdivision') return ", an ISO 3166-2 subdivision's code (US-CA, DE-BY)";
  const source = isSlugName(column) ? slugSourceOf(table, column) : null;
  return source === null ? null : `, ${source} of the row in kebab case`;
}

/** The row's birth date or time (`birth_datetime`, `birth_date`, `date_of_birth`), or null. */
export function birthColumnOf(table: Table): string | null {
  const temporal = /^(date|timestamp|timestamptz|timestamp without time zone|timestamp with time zone)$/;
  const found = table.columns.find((c) => temporal.test(c.type.name) && nameTokens(c.name).includes('birth'));
  return found?.name ?? null;
}

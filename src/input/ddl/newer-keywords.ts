/**
 * Words that became keywords after PostgreSQL 15 where an identifier may no
 * longer stand (JSON constructors in 16, SQL/JSON query functions and
 * MERGE_ACTION in 17, SYSTEM_USER reserved in 16). pg_dump 15 and older write
 * them unquoted (`CREATE FUNCTION f(json json)`), and Hibernate names a
 * table `system_user`; the parser of PostgreSQL 16+ (and datagen's) refuses
 * them. Where the parse stops at one, the word is double-quoted (the same
 * name, and the output then loads into old and new servers alike) and the
 * file is parsed again.
 */
import { DatagenError, ErrorCodes } from '../../errors.js';
import { type ParserError, parseStatements, syntaxErrorAt } from './parse-statements.js';
import { createSourceText, type SourceText } from './source-text.js';

const NEWER_KEYWORDS = new Set([
  'json',
  'json_array',
  'json_arrayagg',
  'json_exists',
  'json_object',
  'json_objectagg',
  'json_query',
  'json_scalar',
  'json_serialize',
  'json_table',
  'json_value',
  'merge_action',
  'system_user',
]);

/** Whether the text holds any of the words at all (most files: no second parse). */
const ANY_NEWER_KEYWORD = /\b(?:json\w*|merge_action|system_user)\b/i;

/**
 * The file as the parser reads it, each newer keyword its parse stops at
 * quoted. The file is parsed through once more per word quoted (statements
 * are read, and handled, only after); a syntax error quoting does not help
 * is told where it is in the file as written (the words quoted before it
 * were not the error: an aggregate's `()` far after `f(json json)`).
 */
export function sourceQuotingNewerKeywords(file: string, original: string): SourceText {
  let content = original;
  const quoted: QuotedWord[] = [];
  for (;;) {
    const text = createSourceText(file, content);
    if (!ANY_NEWER_KEYWORD.test(content)) return text;
    try {
      for (const _ of parseStatements(text)) {
        // Parsed only to find the first syntax error.
      }
      return text;
    } catch (error) {
      if (!(error instanceof DatagenError) || error.code !== ErrorCodes.SQL_SYNTAX) throw error;
      const at = (error.data as { cursor?: number }).cursor;
      const found =
        quoted.length >= 200 || at === undefined
          ? undefined
          : newerKeywordBefore(content, [...content].slice(0, at).join('').length);
      if (found === undefined) throw asWritten(file, original, error, quoted);
      const { start, word } = found;
      quoted.push({ at: [...content.slice(0, start)].length, length: [...word].length });
      content = `${content.slice(0, start)}"${word.toLowerCase()}"${content.slice(start + word.length)}`;
    }
  }
}

/** A word quoted: its first code point's offset in the text it was quoted in, and its length in code points. */
interface QuotedWord {
  readonly at: number;
  readonly length: number;
}

/** A syntax error of the text with `quoted` words quoted, told at its place in the text as written. */
function asWritten(
  file: string,
  original: string,
  error: DatagenError,
  quoted: readonly QuotedWord[],
): DatagenError {
  let cursor = (error.data as { cursor?: number }).cursor;
  if (quoted.length === 0 || cursor === undefined) return error;
  for (const { at, length } of [...quoted].reverse()) {
    if (cursor > at + length + 1) cursor -= 2;
    else if (cursor > at) cursor -= 1;
  }
  return syntaxErrorAt(createSourceText(file, original), error.cause as ParserError, cursor, cursor);
}

/** The last unquoted newer keyword starting at or before `at` on its line or the line before (`f(json json)` fails at the second). */
function newerKeywordBefore(content: string, at: number): { start: number; word: string } | undefined {
  const from = content.lastIndexOf('\n', content.lastIndexOf('\n', at - 1) - 1) + 1;
  const words = /"[^"]*"|[A-Za-z_][A-Za-z0-9_$]*/g;
  words.lastIndex = from;
  let last: { start: number; word: string } | undefined;
  for (let m = words.exec(content); m !== null && m.index <= at; m = words.exec(content)) {
    if (NEWER_KEYWORDS.has(m[0].toLowerCase())) last = { start: m.index, word: m[0] };
  }
  return last;
}

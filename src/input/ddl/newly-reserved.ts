/**
 * Words PostgreSQL reserved after older DDL used them as plain names:
 * `system_user` (a reserved keyword since PostgreSQL 16, for the SYSTEM_USER
 * function). The parser here is PostgreSQL 18's, so `CREATE TABLE system_user`
 * from a PostgreSQL 15 schema (Hibernate's hbm2ddl names a `SystemUser`
 * entity so) is a syntax error. When a file fails there, it is read with the
 * word quoted wherever it is a token, as PostgreSQL 15 read it; the output
 * then quotes it too, and loads into every version.
 */
import { scanSync } from 'libpg-query';
import { DatagenError, ErrorCodes } from '../../errors.js';
import { parseStatements } from './parse-statements.js';
import type { SourceText } from './source-text.js';

const NEWLY_RESERVED = new Set(['system_user']);

/** Whether the file's first syntax error is at a newly reserved word used as a name. */
export function failsAtNewlyReserved(source: SourceText): boolean {
  if (!/system_user/i.test(source.text)) return false;
  try {
    for (const _ of parseStatements(source)) {
      // Parsed only to find the first syntax error; the statements are read again.
    }
  } catch (error) {
    if (!(error instanceof DatagenError) || error.code !== ErrorCodes.SQL_SYNTAX) throw error;
    const message = (error.data as { parserMessage?: string }).parserMessage ?? '';
    const word = /at or near "([^"]+)"/.exec(message)?.[1]?.toLowerCase();
    return word !== undefined && NEWLY_RESERVED.has(word);
  }
  return false;
}

/**
 * `original` with every newly reserved word token of `source` (its text with
 * meta-commands blanked, the same characters at the same places) quoted.
 */
export function quoteNewlyReserved(source: SourceText, original: string): string {
  const tokens = scanSync(source.text).tokens.filter((t) => NEWLY_RESERVED.has(t.text.toLowerCase()));
  let out = '';
  let copied = 0;
  for (const token of tokens) {
    // The scanner gives UTF-8 byte offsets; the texts are alike in characters.
    const at = source.bytes.subarray(0, token.start).toString('utf8').length;
    out += `${original.slice(copied, at)}"${token.text.toLowerCase()}"`;
    copied = at + token.text.length;
  }
  return out + original.slice(copied);
}

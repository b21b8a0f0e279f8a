/**
 * PostgreSQL 16's numeric literals in SQL code: hexadecimal, octal and binary integers (`0x1F`, `0o17`,
 * `0b101`) and digits grouped by underscores (`1_000`, `1_000.5`). PostgreSQL 15 refuses them ("trailing junk
 * after numeric literal"), so a statement holding one marks the DDL as needing 16 (server-version.ts); the
 * parser (18's) reads them, but keeps the ones it does not make an int4 as written text (`Float` nodes:
 * `1_000.5`, `0xFFFFFFFFFF`), which datagen's CHECK readers and the statements it writes back read as
 * numbers: those are written in decimal in the parse tree, as the value PostgreSQL 16 reads.
 */
import type { Node } from 'libpg-query';
import { walkAst } from './ast-walk.js';
import { SqlLexer } from './sql-lexer.js';

/**
 * A numeric token's text from its first digit: digits, letters, `_` and `.` run together, ending before
 * `..` as PostgreSQL's lexer ends the integer there (plpgsql's `FOR i IN 1..array_length(a, 1)`).
 */
const NUMBER_TOKEN = /^[0-9](?:[0-9A-Za-z_]|\.(?!\.))*/;

/** PostgreSQL 16's integer and numeric forms: a 0x/0o/0b prefix, or underscores between digits. */
const FROM_16 = /^[+-]?0[xob]|_/i;

/** Whether a number (a literal in code, or a constant's text an integer or numeric type reads) is written in PostgreSQL 16's forms. */
export function isPostgres16Number(text: string): boolean {
  return FROM_16.test(text);
}

/** Whether the statement's code (not its strings, quoted names or comments) holds a PostgreSQL 16 numeric literal. */
export function usesNewerNumbers(text: string): boolean {
  if (!/_|0[xob]/i.test(text)) return false;
  const lexer = new SqlLexer(text);
  for (let i = 0; i < text.length; i++) {
    const before = lexer.state;
    const code = text.charCodeAt(i);
    if (before === 'code' && code >= 48 && code <= 57 && !/[\w$.]/.test(text[i - 1] ?? ' ')) {
      const token = NUMBER_TOKEN.exec(text.slice(i, i + 200))?.[0] ?? '';
      if (isPostgres16Number(token)) return true;
      i += token.length - 1;
      continue;
    }
    i = lexer.step(i);
  }
  return false;
}

/** Languages whose bodies PostgreSQL reads as SQL code: their numbers are read as in a statement. */
const SQL_BODY_LANGUAGES = new Set(['sql', 'plpgsql']);

/** A DefElem list's option by name (`language`, `as`). */
function option(options: unknown, name: string): unknown {
  if (!Array.isArray(options)) return undefined;
  for (const o of options as { DefElem?: { defname?: string; arg?: unknown } }[])
    if (o.DefElem?.defname === name) return o.DefElem.arg;
  return undefined;
}

/** A String node's text, or a List's first one (a function's `AS 'body'`). */
function firstString(arg: unknown): string | undefined {
  const node = arg as { String?: { sval?: string }; List?: { items?: unknown[] } } | undefined;
  if (node === undefined) return undefined;
  return node.String?.sval ?? firstString(node.List?.items?.[0]);
}

/**
 * Whether a routine's or DO block's body written as a string (`AS $$ SELECT x + 1_000 $$`), in SQL or
 * PL/pgSQL, holds a PostgreSQL 16 numeric literal: kept as written, PostgreSQL 15 refuses it when it reads
 * the body (a DO block at once, a routine when called or validated).
 */
export function bodyUsesNewerNumbers(node: Node): boolean {
  const fn = (node as { CreateFunctionStmt?: { options?: unknown } }).CreateFunctionStmt;
  const block = (node as { DoStmt?: { args?: unknown } }).DoStmt;
  const options = fn?.options ?? block?.args;
  if (options === undefined) return false;
  const language = firstString(option(options, 'language'))?.toLowerCase() ?? (block ? 'plpgsql' : undefined);
  const body = firstString(option(options, 'as'));
  return (
    language !== undefined && SQL_BODY_LANGUAGES.has(language) && body !== undefined && usesNewerNumbers(body)
  );
}

/** A numeric literal's text in decimal (`1_000.5` → `1000.5`, `-0x1F` → `-31`); the text itself otherwise. */
export function decimalNumber(text: string): string {
  if (!isPostgres16Number(text)) return text;
  const sign = text.startsWith('-') ? '-' : '';
  const digits = text.replace(/^[+-]/, '').replaceAll('_', '');
  if (!/^0[xob]/i.test(digits)) return `${sign}${digits}`;
  try {
    return `${sign}${BigInt(digits).toString()}`;
  } catch {
    return text;
  }
}

/** The parse tree's numeric constants kept as text (`Float`, an A_Const's `fval`) written in decimal, in place. */
export function decimalNumbersIn(node: Node): void {
  walkAst(node, (key, n) => {
    if ((key === 'Float' || key === 'fval') && typeof n.fval === 'string') n.fval = decimalNumber(n.fval);
  });
}

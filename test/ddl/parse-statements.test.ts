/**
 * A DDL file parsed a piece at a time (pg_dump --inserts output of tens of
 * megabytes ran the parser out of memory in one call): the pieces give the
 * same statements, at the same places, as the whole file in one piece.
 */

import { beforeAll, describe, expect, it } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { parseStatements, statementCuts } from '../../src/input/ddl/parse-statements.js';
import { loadParser } from '../../src/input/ddl/pg-parser.js';
import { createSourceText } from '../../src/input/ddl/source-text.js';

const ddl = `-- a comment; with a semicolon
CREATE TABLE "a;b" (id int PRIMARY KEY, note text DEFAULT 'x;y' CHECK (note <> E'\\';'));
CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END; $body$;
/* block; /* nested; */ still; */
CREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
INSERT INTO "a;b" VALUES (1, 'ünïcödé 🎉;');
CREATE TABLE t2 (id int PRIMARY KEY);
`;

function statements(text: string, pieceChars?: number) {
  const source = createSourceText('test.sql', text);
  return [...parseStatements(source, pieceChars)].map(({ statement, offset }) => ({
    offset,
    text: statement.text,
    location: statement.location,
    kind: Object.keys(statement.node)[0],
  }));
}

describe('parseStatements', () => {
  beforeAll(async () => {
    await loadParser();
  });

  it('cuts only after top-level semicolons (not in quotes, dollar bodies or comments)', () => {
    const cuts = statementCuts(ddl, 1);
    expect(cuts.map((c) => ddl[c - 1])).toEqual(cuts.map(() => ';'));
    expect(cuts.map((c) => ddl.slice(0, c).split('\n').length)).toEqual([2, 3, 5, 5, 5, 6, 7]);
  });

  it('gives the same statements and places in pieces as in one piece, a BEGIN ATOMIC body cut inside included', () => {
    const whole = statements(ddl);
    expect(whole.map((s) => s.kind)).toEqual([
      'CreateStmt',
      'CreateFunctionStmt',
      'CreateFunctionStmt',
      'InsertStmt',
      'CreateStmt',
    ]);
    for (const size of [1, 7, 40, 200]) expect(statements(ddl, size)).toEqual(whole);
  });

  it('places a syntax error in a later piece at its line and column', () => {
    const bad = `${ddl}CREATE TABLE t3 (id int PRIMARY KEY,);\n`;
    const message = (size?: number) => {
      try {
        statements(bad, size);
      } catch (error) {
        expect(error).toBeInstanceOf(DatagenError);
        expect((error as DatagenError).code).toBe(ErrorCodes.SQL_SYNTAX);
        return (error as DatagenError).message.split('\n')[0];
      }
      throw new Error('no syntax error');
    };
    expect(message()).toBe('test.sql:8:37: syntax error at or near ")"');
    expect(message(1)).toBe(message());
  });

  it('shows a long line cut around the error and control characters as \ufffd (hostile17: one-line dumps, terminal escapes)', () => {
    const long = `${'CREATE TABLE a (id int); '.repeat(400)}CREATE TABLE b (id int,, x int);${' CREATE TABLE c (id int);'.repeat(50)}\n`;
    const escaped = 'CREATE TABLE e (id int \u001b[31mRED\u001b[0m);\n';
    const lines = (text: string) => {
      try {
        statements(text);
      } catch (error) {
        return (error as DatagenError).message.split('\n');
      }
      throw new Error('no syntax error');
    };
    const [where, line, caret] = lines(long);
    expect(where).toBe('test.sql:1:10024: syntax error at or near ","');
    // 80 characters before the error and 40 from it, each cut marked: not the whole 11 kB line.
    expect(line).toMatch(/^ {2}….{120}…$/u);
    expect(line).toContain('CREATE TABLE b (id int,, x int);');
    expect(caret?.indexOf('^')).toBe((line?.indexOf(',,') ?? 0) + 1);
    expect(lines(escaped)).toEqual([
      'test.sql:1:24: syntax error at or near "\ufffd"',
      '  CREATE TABLE e (id int \ufffd[31mRED\ufffd[0m);',
      '                         ^',
    ]);
  });

  it('skips a long blank run (a COPY block blanked out) without parsing it', () => {
    const text = `CREATE TABLE t (id int);${' '.repeat(70_000)}\nCREATE TABLE u (id int);\n`;
    expect(statementCuts(text, 1 << 20)).toEqual([24]);
    expect(statements(text).map((s) => s.location)).toEqual([
      { file: 'test.sql', line: 1, column: 1 },
      { file: 'test.sql', line: 2, column: 1 },
    ]);
  });
});

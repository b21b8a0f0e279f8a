/**
 * A DDL file as the parser sees it (source-text.ts): its text copied only
 * where a line is blanked (a file of hundreds of megabytes of INSERTs is kept
 * once), lines read back from the bytes for error messages.
 */
import { describe, expect, it } from 'vitest';
import { createSourceText } from '../../src/input/ddl/source-text.js';

describe('createSourceText', () => {
  it('reads each line back (LF, CRLF, multi-byte characters, a last line without a newline), nothing past the end', () => {
    const text = 'CREATE TABLE t (a int);\r\n-- ünïcödé 🎉\nCREATE TABLE u (b text)';
    const source = createSourceText('x.sql', text);
    expect(source.text).toBe(text);
    expect(source.metaCommands).toEqual([]);
    expect([1, 2, 3].map((n) => source.line(n))).toEqual([
      'CREATE TABLE t (a int);\r',
      '-- ünïcödé 🎉',
      'CREATE TABLE u (b text)',
    ]);
    expect(source.line(0)).toBe('');
    expect(source.line(4)).toBe('');
    expect(
      source.locationAtByte(Buffer.byteLength('CREATE TABLE t (a int);\r\n-- ünïcödé 🎉\nCREATE')),
    ).toEqual({
      file: 'x.sql',
      line: 3,
      column: 7,
    });
  });

  it('columns on one long line count code points, asked in any order (a 200 MB one-line comment ran the heap out)', () => {
    const head = `/* ${'é🎉x'.repeat(1_000_000)} */ `;
    const text = `${head}CREATE TABLE t (a int); CREATE TABLE ü (b int);\nCREATE TABLE v (c int);`;
    const source = createSourceText('x.sql', text);
    const at = (prefix: string) => source.locationAtByte(Buffer.byteLength(prefix));
    const second = `${head}CREATE TABLE t (a int); `;
    const third = `${head}CREATE TABLE t (a int); CREATE TABLE ü (b `;
    expect(at(third)).toEqual({ file: 'x.sql', line: 1, column: [...third].length + 1 });
    expect(at(head)).toEqual({ file: 'x.sql', line: 1, column: [...head].length + 1 });
    expect(at(second)).toEqual({ file: 'x.sql', line: 1, column: [...second].length + 1 });
    expect(at(third)).toEqual({ file: 'x.sql', line: 1, column: [...third].length + 1 });
    expect(at(`${head}CREATE TABLE t (a int); CREATE TABLE ü (b int);\nCREATE`)).toEqual({
      file: 'x.sql',
      line: 2,
      column: 7,
    });
  });

  it('blanks meta-command lines and COPY rows in place (same length and lines), and lists the commands', () => {
    const text = [
      '\\set ON_ERROR_STOP on',
      'CREATE TABLE t (a text);',
      'COPY t (a) FROM stdin;',
      "it's; \\set x",
      '\\.',
      "  \\ir 'other.sql'",
      "SELECT 'a",
      "\\b';",
      '',
    ].join('\n');
    const source = createSourceText('x.sql', text);
    expect(source.text.length).toBe(text.length);
    expect(source.text.split('\n').map((l) => l.trim() === '')).toEqual([
      true,
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      true,
    ]);
    // A backslash line inside a string literal is data, not a command.
    expect(source.line(8)).toBe("\\b';");
    expect(
      source.metaCommands.map((m) => [m.command, m.argument, m.location.line, m.location.column]),
    ).toEqual([
      ['set', 'ON_ERROR_STOP on', 1, 1],
      ['ir', "'other.sql'", 6, 3],
    ]);
    expect(source.metaCommands[1]?.offset).toBe(text.split('\n').slice(0, 5).join('\n').length + 1);
  });
});

/**
 * A line that starts with a backslash is a psql meta-command only outside
 * quotes, literals, dollar-quoted bodies and comments: inside them it is data
 * and must reach the parser unchanged.
 */
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { linesAtTopLevel } from '../../src/input/ddl/source-text.js';

describe('psql meta-command lines', () => {
  it('are recognised only at the top level', () => {
    const text = [
      'CREATE TABLE "a', // 0: top level
      '\\b" (id int);', // 1: inside a quoted identifier
      "SELECT E'x\\'", // 2: top level
      "\\y', 'p", // 3: inside an E'' string (\\' did not end it)
      "\\q';", // 4: inside a standard string
      'CREATE FUNCTION f() RETURNS int AS $body$', // 5: top level
      '\\z $$ not the end', // 6: inside $body$
      '$body$ LANGUAGE sql; /* a /* nested', // 7: inside the body until $body$
      '\\c */ still */ -- comment', // 8: inside the nested comment
      '\\connect other', // 9: top level
    ].join('\n');
    expect(linesAtTopLevel(text)).toEqual([true, false, true, false, false, true, false, false, false, true]);
  });

  it('a quoted identifier with a line starting with a backslash is kept; a real meta-command is dropped', async () => {
    const { schema, warnings } = await parseDdl([
      { file: 'm.sql', text: 'CREATE TABLE t (id int, "new\n\\line" text);\n\\connect other\n' },
    ]);
    expect(schema.tables[0]?.columns.map((c) => c.name)).toEqual(['id', 'new\n\\line']);
    expect(warnings.map((w) => [w.code, w.where])).toEqual([['PSQL_META_COMMAND', 'm.sql:3:1']]);
  });

  it("fix 34: OpenReplay's \\gexec after a SELECT of statements: read without a parser error, one located warning saying what is missing", async () => {
    const { schema, warnings } = await parseDdl([
      {
        file: 'm.sql',
        text: "CREATE TABLE t (id int PRIMARY KEY);\nSELECT format('CREATE TABLE IF NOT EXISTS %I (id int)', 'events_' || n)\nFROM generate_series(1, 2) AS n\n\\gexec\nCREATE TABLE u (id int PRIMARY KEY);\n",
      },
    ]);
    expect(schema.tables.map((t) => t.name)).toEqual(['t', 'u']);
    const meta = warnings.filter((w) => w.code === 'PSQL_META_COMMAND');
    expect(meta.map((w) => w.where)).toEqual(['m.sql:4:1']);
    expect(meta[0]?.message).toMatch(
      /^psql \\gexec at m\.sql:4:1 runs, in psql, each value the query before it selects as a statement/,
    );
  });
});

/**
 * INSERTs of constants (pg_dump --inserts output) are told without the
 * parser (plain-inserts.ts): a file of many gives the same model, warnings
 * and errors as the parser's reading of it. The parser's reading is made
 * here by a comment before each INSERT's `;`, which the scanner refuses and
 * the parser ignores.
 */
import { describe, expect, it } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { plainInsertAt } from '../../src/input/ddl/plain-inserts.js';

const DDL = `CREATE SCHEMA shop;
CREATE TABLE shop.customer (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text, note text, score numeric);
CREATE TABLE "Tag" ("Label" text PRIMARY KEY);
CREATE TABLE schema_migrations (version varchar PRIMARY KEY);
`;

/** Every shape the scanner takes, and some it leaves to the parser. */
const INSERTS = [
  "INSERT INTO shop.customer (id, name, note, score) OVERRIDING SYSTEM VALUE VALUES (1, 'Ana', NULL, -1.5e3);",
  `INSERT INTO "Tag" ("Label") VALUES ('ünïcödé 🎉;'), (E'it\\'s\\n'), ('a''b') ON CONFLICT DO NOTHING;`,
  "insert into shop.customer values (DEFAULT, 'x', 'y', .5), (DEFAULT, NULL, NULL, 2.);",
  'INSERT INTO other.elsewhere VALUES (1, TRUE, false);',
  'INSERT INTO shop.customer (name) SELECT public.made_up_name();',
  "INSERT INTO shop.customer (name) VALUES ('x'::text);",
];

/** The file: DDL, then INSERTs enough to pass the parser's piece size, a BEGIN ATOMIC body and a migration's row among them. */
function file(parsed: boolean): string {
  const end = parsed ? ' /* parsed */;' : ';';
  const lines = [DDL];
  for (let i = 0; i < 400; i++) {
    for (const insert of INSERTS) lines.push(`${insert.slice(0, -1)}${end}`);
    if (i === 200) {
      lines.push(
        'CREATE FUNCTION add_tag() RETURNS void LANGUAGE sql BEGIN ATOMIC',
        // Kept as written in both files: the body's INSERTs are the function's, not statements.
        `  INSERT INTO "Tag" VALUES ('in a body');`,
        `  INSERT INTO "Tag" VALUES ('also');`,
        'END;',
        `-- a comment; with a semicolon\nINSERT INTO schema_migrations VALUES ('20240101')${end}`,
      );
    }
  }
  lines.push('CREATE TABLE last_one (id int);\n');
  return lines.join('\n');
}

describe('plain INSERTs told without the parser', () => {
  it('give the model, the warnings and the statements the parser gives', async () => {
    const text = file(false);
    expect(text.length).toBeGreaterThan(1 << 16);
    const scanned = await parseDdl([{ file: 'i.sql', text }]);
    const parsed = await parseDdl([{ file: 'i.sql', text: file(true) }]);
    expect(scanned.schema).toEqual(parsed.schema);
    expect(scanned.warnings).toEqual(parsed.warnings);
    expect(scanned.schema.recordedRows?.[0]?.values).toEqual(['20240101']);
    expect(scanned.schema.tables.map((t) => t.name)).toContain('last_one');
    const skipped = scanned.warnings.find((w) => w.code === 'STATEMENT_SKIPPED');
    expect(skipped?.message).toMatch(/^2400 Insert statements \(the first at i\.sql:6:1\)/);
    expect(scanned.warnings.map((w) => w.message).join('\n')).toContain('other');
  });

  it('takes only the plain shape', () => {
    const at = (sql: string) => plainInsertAt(sql, 0);
    expect(at("INSERT INTO s.t (a, b) VALUES (1, 'x');")).toMatchObject({ schema: 's', name: 't', end: 39 });
    expect(at(`INSERT INTO "A""b" VALUES ('é');`)).toMatchObject({ name: 'A"b', bytes: 33, codePoints: 32 });
    for (const other of [
      'INSERT INTO t VALUES (1)',
      'INSERT INTO user VALUES (1);',
      'INSERT INTO t VALUES (1abc);',
      'INSERT INTO t VALUES (0x1F);',
      "INSERT INTO t VALUES ('a' 'b');",
      "INSERT INTO t VALUES (E'\\x41');",
      'INSERT INTO t VALUES (1) RETURNING *;',
      'INSERT INTO t AS x VALUES (1);',
      'INSERT INTO schema_migrations VALUES (1);',
      'INSERT INTO t VALUES (now());',
      'INSERT INTO t VALUES (--1\n);',
      "INSERT INTO t VALUES ('a\u0000b');",
    ])
      expect(at(other)).toBeNull();
  });

  it('leaves a syntax error in an INSERT to the parser, at its place', async () => {
    const text = `${file(false)}INSERT INTO shop.customer VALUES (1, 'x') garbage;\n`;
    const error = await parseDdl([{ file: 'i.sql', text }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatagenError);
    expect((error as DatagenError).code).toBe(ErrorCodes.SQL_SYNTAX);
    const line = text.split('\n').length - 1;
    expect((error as DatagenError).message.split('\n')[0]).toBe(
      `i.sql:${line}:43: syntax error at or near "garbage"`,
    );
  });
});

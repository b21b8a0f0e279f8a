/**
 * Encoders: inline expected text for escaping and quoting, chunking that
 * never splits a row, and round trips of nasty strings through the real
 * COPY (text and CSV) and INSERT paths of PostgreSQL; JSON values compared
 * with PostgreSQL's own to_jsonb.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { describe, expect, it } from 'vitest';
import { createCopyRowWriter, escapeCopyText } from '../../src/encode/copy-text.js';
import { createCsvRowWriter, escapeCsvField } from '../../src/encode/csv.js';
import { createJsonLineWriter, createJsonValueEncoder, parseArrayText } from '../../src/encode/json-line.js';
import { createSqlLiteralEncoder, sqlLiteral, sqlValuesRow } from '../../src/encode/sql-literal.js';
import { escapeFree } from '../../src/values/types/escape-free.js';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { builtin } from '../types/load-values.js';

const NASTY: readonly (string | null)[] = [
  'plain',
  'tab\there',
  'new\nline',
  'cr\rhere\r\n',
  'back\\slash',
  '\\N',
  '\\.',
  'quote"s',
  "single'quote",
  "''",
  'unicode ü 日本 😀',
  'ü then\ttab and \\ backslash',
  '',
  ' lead',
  'trail ',
  'a,b',
  'bs\b ff\f vt\v',
  'NULL',
  null,
  '\\x00',
  "E'\\n'",
];

async function copyIn(db: TestDatabase, sql: string, chunks: readonly Buffer[]): Promise<void> {
  const client = new pg.Client({ connectionString: db.connectionString });
  await client.connect();
  try {
    await pipeline(Readable.from(chunks), client.query(copyFrom(sql)));
  } finally {
    await client.end();
  }
}

const db = useTestDatabase('encoders');

describe('encoders: COPY text and CSV', () => {
  it('escapes COPY text fields', () => {
    expect(escapeCopyText('a\tb\nc\rd\\e\bf\fg\vh')).toBe('a\\tb\\nc\\rd\\\\e\\bf\\fg\\vh');
    expect(escapeCopyText('\\N')).toBe('\\\\N');
    expect(escapeCopyText(null)).toBe('\\N');
    expect(escapeCopyText('ü\t')).toBe('ü\\t');
    const w = createCopyRowWriter();
    w.field('a\tb');
    w.field(null);
    w.field('日本\\');
    w.endRow();
    w.field('');
    w.endRow();
    expect(w.takeChunk().toString('utf8')).toBe('a\\tb\t\\N\t日本\\\\\n\n');
  });

  it('writes escape-free values (plainField) as field does, and knows which types are escape-free', () => {
    const values = ['42', '-7.50', '2026-01-02 03:04:05+00', 't', 'NaN', '-Infinity', '1e+20', null];
    const general = createCopyRowWriter();
    const plain = createCopyRowWriter();
    for (const v of values) {
      general.field(v);
      plain.plainField(v);
    }
    general.endRow();
    plain.endRow();
    expect(plain.takeChunk().toString('utf8')).toBe(general.takeChunk().toString('utf8'));
    const free = ['int8', 'bigserial', 'numeric', 'float8', 'bool', 'uuid', 'date', 'timestamptz', 'timetz'];
    for (const name of free) expect(escapeFree(builtin(name)), name).toBe(true);
    for (const type of [
      builtin('text'),
      builtin('money'), // $1,234.00
      builtin('interval'),
      builtin('int4', [], 1), // arrays quote their elements
      { ...builtin('int4'), schema: 'public' }, // a user type of that name
    ])
      expect(escapeFree(type), `${type.schema}.${type.name}[${type.arrayDims}]`).toBe(false);
  });

  it('quotes CSV fields as PostgreSQL and RFC 4180 read them', () => {
    expect(escapeCsvField('plain')).toBe('plain');
    expect(escapeCsvField('a,b')).toBe('"a,b"');
    expect(escapeCsvField('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvField('line\nbreak')).toBe('"line\nbreak"');
    expect(escapeCsvField(' lead')).toBe('" lead"');
    expect(escapeCsvField('')).toBe('""');
    expect(escapeCsvField(null)).toBe('');
    expect(escapeCsvField('\\.')).toBe('"\\."');
    expect(escapeCsvField('NA', { nullString: 'NA' })).toBe('"NA"');
    expect(escapeCsvField(null, { nullString: 'NA' })).toBe('NA');
    expect(escapeCsvField('a;b', { delimiter: ';' })).toBe('"a;b"');
    const w = createCsvRowWriter();
    w.field('1');
    w.field('x,"y"');
    w.field(null);
    w.field('');
    w.endRow();
    expect(w.takeChunk().toString('utf8')).toBe('1,"x,""y""",,""\n');
  });

  it('hands out chunks of whole rows only', () => {
    const w = createCopyRowWriter({ chunkSize: 64 });
    const chunks: Buffer[] = [];
    let ready = 0;
    for (let i = 0; i < 200; i++) {
      w.field(String(i));
      w.field('x'.repeat(i % 13));
      if (w.endRow()) {
        ready++;
        chunks.push(w.takeChunk());
      }
      if (i === 100) {
        // Mid-row take: the unfinished row stays behind.
        w.field('partial');
        chunks.push(w.takeChunk());
        w.field('rest');
        w.endRow();
      }
    }
    chunks.push(w.takeChunk());
    expect(ready).toBeGreaterThan(10);
    for (const c of chunks) if (c.length > 0) expect(c[c.length - 1]).toBe(10);
    const lines = Buffer.concat(chunks).toString('utf8').split('\n');
    expect(lines).toContain('partial\trest');
    expect(lines.filter((l) => l !== '').length).toBe(201);
  });

  it('round-trips nasty strings through real COPY text', async () => {
    await db.query('CREATE TABLE copy_text (i int, v text)');
    const w = createCopyRowWriter({ chunkSize: 16 });
    const chunks: Buffer[] = [];
    NASTY.forEach((v, i) => {
      w.field(String(i));
      w.field(v);
      if (w.endRow()) chunks.push(w.takeChunk());
    });
    chunks.push(w.takeChunk());
    await copyIn(db, 'COPY copy_text FROM STDIN', chunks);
    const rows = await db.query<{ v: string | null }>('SELECT v FROM copy_text ORDER BY i');
    expect(rows.map((r) => r.v)).toEqual(NASTY);
  });

  it('round-trips nasty strings through real COPY CSV, with default and custom NULL strings', async () => {
    for (const [table, options, sql] of [
      ['csv_default', {}, '(FORMAT csv)'],
      ['csv_custom', { delimiter: ';', nullString: 'NULL' }, "(FORMAT csv, DELIMITER ';', NULL 'NULL')"],
    ] as const) {
      await db.query(`CREATE TABLE ${table} (i int, v text)`);
      const w = createCsvRowWriter(options);
      // Also past 32 characters, where a field is scanned and written natively: specials first, last, inside.
      const long = 'x'.repeat(40);
      const values = [
        ...NASTY,
        ...NASTY.filter((v) => v !== null).flatMap((v) => [
          `${long}${v}`,
          `${v}${long}`,
          `${long}${v}${long}`,
        ]),
      ];
      values.forEach((v, i) => {
        w.field(String(i));
        w.field(v);
        w.endRow();
      });
      await copyIn(db, `COPY ${table} FROM STDIN ${sql}`, [w.takeChunk()]);
      const rows = await db.query<{ v: string | null }>(`SELECT v FROM ${table} ORDER BY i`);
      expect(rows.map((r) => r.v)).toEqual(values);
    }
  });
});

describe('encoders: SQL literals, array text and JSON', () => {
  it('writes SQL literals that INSERT reads back exactly', async () => {
    expect(sqlLiteral("it's")).toBe("'it''s'");
    expect(sqlLiteral('a\\b')).toBe("'a\\b'");
    expect(sqlLiteral(null)).toBe('NULL');
    const num = createSqlLiteralEncoder(builtin('numeric'));
    expect([num('-12.50'), num('NaN'), num(null)]).toEqual(['-12.50', "'NaN'", 'NULL']);
    const bool = createSqlLiteralEncoder(builtin('bool'));
    expect([bool('t'), bool('f')]).toEqual(['true', 'false']);
    expect(sqlValuesRow(['1', "'x'"])).toBe("(1, 'x')");

    await db.query('CREATE TABLE lit (i int, v text, n numeric, f float8, b bool, a int4[], d date)');
    const enc = {
      i: createSqlLiteralEncoder(builtin('int4')),
      n: createSqlLiteralEncoder(builtin('numeric')),
      f: createSqlLiteralEncoder(builtin('float8')),
      b: createSqlLiteralEncoder(builtin('bool')),
      a: createSqlLiteralEncoder(builtin('int4', [], 1)),
      d: createSqlLiteralEncoder(builtin('date')),
    };
    const rows = NASTY.map((v, i) =>
      sqlValuesRow([
        enc.i(String(i)),
        sqlLiteral(v),
        enc.n(i % 2 === 0 ? `-${i}.25` : 'NaN'),
        enc.f(i % 3 === 0 ? 'Infinity' : '1e-5'),
        enc.b(i % 2 === 0 ? 't' : null),
        enc.a('{1,NULL,3}'),
        enc.d('2024-02-29'),
      ]),
    );
    const file = `${process.env.TMPDIR ?? '/tmp'}/datagen-lit-${db.name}.sql`;
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(file, `INSERT INTO lit VALUES\n${rows.join(',\n')};\n`);
    try {
      db.psqlFile(file);
    } finally {
      rmSync(file, { force: true });
    }
    const back = await db.query<{ v: string | null; n: string; f: number; a: string }>(
      'SELECT v, n::text AS n, f, a::text AS a FROM lit ORDER BY i',
    );
    expect(back.map((r) => r.v)).toEqual(NASTY);
    expect(back[2]?.n).toBe('-2.25');
    expect(back[1]?.n).toBe('NaN');
    expect(back[0]?.f).toBe(Number.POSITIVE_INFINITY);
    expect(back[0]?.a).toBe('{1,NULL,3}');
  });

  it('parses array text', () => {
    expect(parseArrayText('{}')).toEqual([]);
    expect(parseArrayText('{1,2,NULL}')).toEqual(['1', '2', null]);
    expect(parseArrayText('{"a b","x\\"y","NULL",c\\,d}')).toEqual(['a b', 'x"y', 'NULL', 'c,d']);
    expect(parseArrayText('{{1,2},{3,4}}')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseArrayText('[0:1]={1,2}')).toBeUndefined();
  });

  it('encodes JSON values as PostgreSQL to_jsonb does', async () => {
    const cases: readonly (readonly [string, string, string | null])[] = [
      ['int4', 'int4', '42'],
      ['int8', 'int8', '9007199254740993'],
      ['int8', 'int8', '-12'],
      ['numeric', 'numeric', '12.50'],
      ['numeric', 'numeric', '123456789012345678.5'],
      ['numeric', 'numeric', 'NaN'],
      ['float8', 'float8', '1.5e-07'],
      ['float8', 'float8', 'Infinity'],
      ['bool', 'bool', 't'],
      ['text', 'text', 'quote " and \\ and \n'],
      ['jsonb', 'jsonb', '{"a": [1, 2], "b": null}'],
      ['int4[]', 'int4', '{1,NULL,3}'],
      ['int4[][]', 'int4', '{{1,2},{3,4}}'],
      ['text[]', 'text', '{"a b","x\\"y",NULL}'],
      ['bool[]', 'bool', '{t,f}'],
      ['date', 'date', '2024-02-29'],
      ['timestamp', 'timestamp', '2019-08-28 19:39:57.125'],
      ['timestamptz', 'timestamptz', '2019-08-28 19:39:57+00'],
      ['timestamptz[]', 'timestamptz', '{"2019-08-28 19:39:57.5+00"}'],
      ['int4', 'int4', null],
    ];
    // timestamptz values are written in UTC, as to_jsonb writes them in a UTC session.
    await db.query("SET TimeZone = 'UTC'");
    for (const [sql, name, text] of cases) {
      const dims = (sql.match(/\[\]/g) ?? []).length;
      const encoded = createJsonValueEncoder(builtin(name, [], dims))(text);
      const [row] = await db.query<{ j: string }>(`SELECT to_jsonb($1::${sql})::text AS j`, [text]);
      const expected = JSON.parse(row?.j ?? 'null');
      const actual = JSON.parse(encoded);
      // Numbers PostgreSQL would emit beyond double precision we keep as strings, on purpose.
      if (typeof expected === 'number' && typeof actual === 'string') {
        expect(actual).toBe(text);
      } else {
        expect(actual, `${sql} ${text}`).toEqual(expected);
      }
    }
  });

  it('writes JSON Lines rows', () => {
    const w = createJsonLineWriter([
      { name: 'id', type: builtin('int4') },
      { name: 'tags', type: builtin('text', [], 1) },
      { name: 'na"me', type: builtin('text') },
    ]);
    w.field('1');
    w.field('{a,"b c"}');
    w.field(null);
    w.endRow();
    expect(w.takeChunk().toString('utf8')).toBe('{"id":1,"tags":["a","b c"],"na\\"me":null}\n');
  });
});

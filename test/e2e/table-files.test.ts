/**
 * `-F csv`, `-F jsonl`, `-F parquet`: one file per table in a directory.
 * The plain script's rows, loaded by psql into one database, are the
 * reference: CSV files are loaded with `COPY ... (FORMAT csv, HEADER)` and
 * JSON Lines with jsonb_populate_record into a second database with the same
 * schema, and both databases must then hold the same rows; Parquet files are
 * read back by an independent reader (DuckDB) with the expected column types
 * and the same values.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTypeLookup } from '../../src/checks/type-resolution.js';
import { parseArrayText } from '../../src/encode/json-line.js';
import { parquetTableChunks } from '../../src/encode/parquet-table.js';
import { createValueSource } from '../../src/generate/value-source.js';
import { type GenerateResult, generate, tableFileName } from '../../src/index.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { loadSchemaFiles } from '../../src/run/load-schema.js';
import { quoteIdent, quoteQualified } from '../../src/schema/quote.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { readParquet } from '../helpers/duckdb.js';
import { tempDir } from '../helpers/generate-file.js';

const TYPES_DDL = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE typed (
  id serial PRIMARY KEY,
  small smallint, big bigint NOT NULL, price numeric(10,2), wide numeric(30,4), loose numeric,
  r real, d double precision, flag boolean, day date, at timestamptz, local timestamp(3),
  uid uuid, note text, code varchar(12), feeling mood, pos positive,
  doc jsonb, raw json, ints int[], words text[], grid int[][], blob bytea, t time, span interval,
  total numeric GENERATED ALWAYS AS (price * 2) STORED
);
CREATE TABLE child (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  typed_id integer NOT NULL REFERENCES typed,
  "Odd, ""name""" text UNIQUE
);`;

interface Fixture {
  readonly dir: string;
  readonly schema: string;
  /** The plain script's rows loaded with psql. */
  readonly reference: TestDatabase;
}

/** Text characters per row of a table's written columns, over its first `rows` rows. */
function textBytesPerRow(source: ReturnType<typeof createValueSource>, index: number, rows: number): number {
  let bytes = 0;
  for (let row = 0; row < rows; row++)
    for (const column of source.writtenColumns(index)) bytes += column.fn(row)?.length ?? 0;
  return bytes / rows;
}

/** Rows of each row group of a Parquet file, as DuckDB reads its metadata. */
async function rowGroupRows(file: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const meta = await connection.runAndReadAll(
    `SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('${file}') ORDER BY row_group_id`,
  );
  connection.closeSync();
  instance.closeSync();
  return meta.getRowObjectsJson().map((r) => Number(r.row_group_num_rows));
}

/** Every row of a table as text, sorted (the same rows whatever the load order). */
async function tableRows(db: TestDatabase, qualified: string): Promise<string[]> {
  const rows = await db.query<{ r: string }>(`SELECT t::text AS r FROM ${qualified} t`);
  return rows.map((r) => r.r).sort();
}

/** A database with the schema (constraints included) and no rows. */
async function emptySchema(db: TestDatabase, schema: string, dir: string): Promise<TestDatabase> {
  const target = await db.createSibling();
  const ddl = join(dir, `ddl-${target.name}.sql`);
  await generate({ schema: [schema], defaultRows: 0, output: ddl });
  target.psqlFile(ddl);
  return target;
}

/** The columns written to a table's file, in order. */
function writtenColumns(result: GenerateResult, file: { schema: string; table: string }): string[] {
  const table = result.plan.tables.find((t) => t.table.schema === file.schema && t.table.name === file.table);
  return (table?.columns ?? []).filter((c) => c.written).map((c) => c.column.name);
}

/** The fixture's schema as one file per table in `format` (300 rows, seed 11), and an empty database to load them into. */
async function filesAndEmptyTarget(db: TestDatabase, fixture: Fixture, format: 'csv' | 'jsonl') {
  const out = join(fixture.dir, format);
  const result = await generate({
    schema: [fixture.schema],
    defaultRows: 300,
    seed: 11,
    format,
    output: out,
  });
  const target = await emptySchema(db, fixture.schema, fixture.dir);
  return { out, result, target };
}

async function compareAll(
  reference: TestDatabase,
  target: TestDatabase,
  result: GenerateResult,
): Promise<void> {
  for (const t of result.plan.tables) {
    if (t.filledThrough) continue;
    const name = quoteQualified(t.table);
    expect(await tableRows(target, name), name).toEqual(await tableRows(reference, name));
  }
}

describe('one file per table: csv, jsonl, parquet', () => {
  let db: TestDatabase;
  const fixtures: Fixture[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    const dir = tempDir();
    const typed = join(dir, 'typed.sql');
    writeFileSync(typed, TYPES_DDL);
    for (const schema of [typed, 'examples/shop.sql', 'examples/awkward.sql']) {
      const script = join(tempDir(), 'data.sql');
      await generate({ schema: [schema], defaultRows: 300, seed: 11, output: script });
      const reference = await db.createSibling();
      reference.psqlFile(script);
      fixtures.push({ dir: tempDir(), schema, reference });
    }
  });
  afterAll(async () => db.close());

  it('CSV files load with COPY (FORMAT csv, HEADER) and hold the plain script rows', async () => {
    for (const fixture of fixtures) {
      const { dir, reference } = fixture;
      const { out, result, target } = await filesAndEmptyTarget(db, fixture, 'csv');
      // HEADER MATCH: PostgreSQL checks the header row names the columns, in order.
      // FK triggers off while loading in file order (as pg_restore --disable-triggers does); CHECKs and keys still apply.
      const lines = ['SET session_replication_role = replica;'];
      for (const file of result.files ?? []) {
        const columns = writtenColumns(result, file).map(quoteIdent).join(', ');
        lines.push(
          `\\copy ${quoteQualified({ schema: file.schema, name: file.table })} (${columns}) FROM '${join(out, file.name)}' WITH (FORMAT csv, HEADER MATCH)`,
        );
      }
      const load = join(dir, 'load-csv.sql');
      writeFileSync(load, `${lines.join('\n')}\n`);
      target.psqlFile(load);
      await compareAll(reference, target, result);
    }
  });

  it('CSV with -Z gzip is the same bytes, gzipped', async () => {
    const { dir, schema } = fixtures[1]!;
    const plainDir = join(dir, 'csv-plain');
    const gzDir = join(dir, 'csv-gz');
    const plain = await generate({ schema: [schema], defaultRows: 50, format: 'csv', output: plainDir });
    const gz = await generate({
      schema: [schema],
      defaultRows: 50,
      format: 'csv',
      output: gzDir,
      fileCompression: { method: 'gzip', level: 1 },
    });
    expect(gz.files?.map((f) => f.name)).toEqual(plain.files?.map((f) => `${f.name}.gz`));
    for (const f of plain.files ?? []) {
      expect(gunzipSync(readFileSync(join(gzDir, `${f.name}.gz`)))).toEqual(
        readFileSync(join(plainDir, f.name)),
      );
    }
  });

  it('JSON Lines: typed values; rows read back with jsonb_populate_record equal the plain script rows', async () => {
    for (const fixture of fixtures) {
      const { out, result, target } = await filesAndEmptyTarget(db, fixture, 'jsonl');
      await target.query('SET session_replication_role = replica');
      for (const file of result.files ?? []) {
        const columns = writtenColumns(result, file).map(quoteIdent).join(', ');
        const table = quoteQualified({ schema: file.schema, name: file.table });
        const fromRecord = writtenColumns(result, file)
          .map((c) => `r.${quoteIdent(c)}`)
          .join(', ');
        const lines = readFileSync(join(out, file.name), 'utf8').split('\n');
        expect(lines.pop()).toBe('');
        expect(lines.length).toBe(file.rows);
        for (const line of lines) JSON.parse(line); // every line is one JSON document
        await target.query(
          `INSERT INTO ${table} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${fromRecord}
           FROM jsonb_array_elements($1::jsonb) AS e, jsonb_populate_record(NULL::${table}, e) AS r`,
          [`[${lines.join(',')}]`],
        );
      }
      await compareAll(fixture.reference, target, result);
    }
    // Typed values: numbers, booleans, embedded JSON, arrays, ISO 8601 timestamps.
    const first = JSON.parse(
      readFileSync(join(fixtures[0]!.dir, 'jsonl', 'public.typed.jsonl'), 'utf8').split('\n')[0]!,
    );
    expect(first.id).toBe(1);
    expect(typeof first.big).toBe('number');
    expect(Array.isArray(first.grid)).toBe(true);
    const at = readFileSync(join(fixtures[0]!.dir, 'jsonl', 'public.typed.jsonl'), 'utf8').match(
      /"at":"([^"]+)"/,
    )?.[1];
    expect(at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/);
  });

  it('Parquet files read back by DuckDB with the mapped types and the same values', async () => {
    const { dir, schema, reference } = fixtures[0]!;
    const out = join(dir, 'parquet');
    const result = await generate({
      schema: [schema],
      defaultRows: 300,
      seed: 11,
      format: 'parquet',
      output: out,
    });
    expect(readdirSync(out).sort()).toEqual([
      'manifest.json',
      'public.child.parquet',
      'public.typed.parquet',
    ]);
    const { types } = await readParquet(join(out, 'public.typed.parquet'));
    expect(types).toEqual({
      id: 'INTEGER',
      small: 'SMALLINT',
      big: 'BIGINT',
      price: 'DECIMAL(10,2)',
      wide: 'DECIMAL(30,4)',
      loose: 'VARCHAR',
      r: 'FLOAT',
      d: 'DOUBLE',
      flag: 'BOOLEAN',
      day: 'DATE',
      at: 'TIMESTAMP WITH TIME ZONE',
      local: 'TIMESTAMP',
      uid: 'UUID',
      note: 'VARCHAR',
      code: 'VARCHAR',
      feeling: 'VARCHAR',
      pos: 'INTEGER',
      doc: 'JSON',
      raw: 'JSON',
      ints: 'INTEGER[]',
      words: 'VARCHAR[]',
      grid: 'INTEGER[][]',
      blob: 'BLOB',
      t: 'VARCHAR',
      span: 'VARCHAR',
    });
    // Timestamps compared as microseconds since 1970 (no time zone setting involved), bytea as hex.
    const { rows } = await readParquet(
      join(out, 'public.typed.parquet'),
      'epoch_us("at") AS "at", epoch_us("local") AS "local", lower(hex(blob)) AS blob',
    );
    const expected = await reference.query<Record<string, string | null>>(
      `SELECT id::text, small::text, big::text, price::text, wide::text, loose::text, r::text, d::text, flag::text,
              day::text, (extract(epoch FROM at) * 1000000)::bigint::text AS at,
              (extract(epoch FROM local) * 1000000)::bigint::text AS local, uid::text, note, code, feeling::text, pos::text,
              doc::text, raw::text, ints::text, words::text, grid::text, encode(blob, 'hex') AS blob, t::text, span::text
       FROM typed ORDER BY typed.id`,
    );
    expect(rows.length).toBe(expected.length);
    expect(result.files?.[0]?.rows).toBe(300);
    const textForms: [string, string, string][] = [];
    rows.forEach((row, i) => {
      const want = expected[i]!;
      for (const [column, value] of Object.entries(want)) {
        const got = row[column];
        const where = `row ${i + 1} ${column}`;
        if (value === null) {
          expect(got, where).toBeNull();
        } else if (column === 'r') {
          expect(got, where).toBe(Math.fround(Number(value)));
        } else if (column === 'd') {
          expect(got, where).toBe(Number(value));
        } else if (column === 't' || column === 'span') {
          // Written as generated (PostgreSQL input form, e.g. `1 mons`): compared as PostgreSQL reads it, below.
          textForms.push([column === 't' ? 'time' : 'interval', String(got), value]);
        } else if (column === 'doc' || column === 'raw') {
          expect(JSON.parse(got as string), where).toEqual(JSON.parse(value));
        } else if (column === 'ints' || column === 'words' || column === 'grid') {
          const asText = (v: unknown): unknown =>
            Array.isArray(v) ? v.map(asText) : v === null ? null : String(v);
          expect(asText(got), where).toEqual(parseArrayText(value));
        } else {
          expect(String(got), where).toBe(value);
        }
      }
    });
    for (const [type, got, want] of textForms) {
      const [same] = await reference.query<{ same: boolean }>(`SELECT $1::${type} = $2::${type} AS same`, [
        got,
        want,
      ]);
      expect(same?.same, `${type} ${got} = ${want}`).toBe(true);
    }
    const child = await readParquet(join(out, 'public.child.parquet'));
    expect(child.types).toEqual({ id: 'BIGINT', typed_id: 'INTEGER', 'Odd, "name"': 'VARCHAR' });
    expect(child.rows.map((r) => String(r.typed_id))).toEqual(
      (await reference.query<{ v: string }>('SELECT typed_id::text AS v FROM child ORDER BY id')).map(
        (r) => r.v,
      ),
    );
  });

  it('Parquet: bounded row groups, GZIP codec, the same rows', async () => {
    const { schema } = fixtures[0]!;
    const loaded = await loadSchemaFiles([schema]);
    const plan = createPlan(loaded.schema, { defaultRows: 300, seed: 11 });
    const source = createValueSource(loaded.schema, plan);
    const index = plan.tables.findIndex((t) => t.table.name === 'typed');
    const file = join(tempDir(), 'typed.parquet');
    const chunks: Buffer[] = [];
    for await (const chunk of parquetTableChunks(source, index, createTypeLookup(loaded.schema), {
      codec: 'GZIP',
      rowGroupRows: 64,
    }))
      chunks.push(chunk);
    writeFileSync(file, Buffer.concat(chunks));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const meta = await connection.runAndReadAll(
      `SELECT DISTINCT row_group_id, row_group_num_rows, compression FROM parquet_metadata('${file}') ORDER BY row_group_id`,
    );
    connection.closeSync();
    instance.closeSync();
    expect(meta.getRowObjectsJson().map((r) => [Number(r.row_group_num_rows), r.compression])).toEqual([
      [64, 'GZIP'],
      [64, 'GZIP'],
      [64, 'GZIP'],
      [64, 'GZIP'],
      [44, 'GZIP'],
    ]);
    const wholeDir = join(tempDir(), 'parquet');
    await generate({ schema: [schema], defaultRows: 300, seed: 11, format: 'parquet', output: wholeDir });
    const whole = await readParquet(join(wholeDir, 'public.typed.parquet'));
    expect((await readParquet(file)).rows).toEqual(whole.rows);

    // Sized by text bytes: groups made column by column, each about rowGroupBytes of text.
    const sizedFile = join(tempDir(), 'sized.parquet');
    const sized: Buffer[] = [];
    for await (const chunk of parquetTableChunks(source, index, createTypeLookup(loaded.schema), {
      rowGroupBytes: 4000,
    }))
      sized.push(chunk);
    writeFileSync(sizedFile, Buffer.concat(sized));
    const perRow = textBytesPerRow(source, index, 300);
    const groups = await rowGroupRows(sizedFile);
    expect(groups.reduce((a, b) => a + b, 0)).toBe(300);
    expect(groups.length).toBeGreaterThan(3);
    for (const rows of groups.slice(0, -1)) {
      expect(rows * perRow).toBeGreaterThan(4000 / 3);
      expect(rows * perRow).toBeLessThan(4000 * 3);
    }
    expect((await readParquet(sizedFile)).rows).toEqual(whole.rows);
  });

  it('tableFileName (library API) takes the compression method, or the boolean it took before (true: gzip)', async () => {
    const { schema } = await loadSchemaFiles([fixtures[0]!.schema]);
    const typed = schema.tables.find((t) => t.name === 'typed')!;
    expect(tableFileName(typed, 'csv', 'zstd', 2)).toBe('public.typed.0002.csv.zst');
    expect(tableFileName(typed, 'jsonl', 'gzip')).toBe('public.typed.jsonl.gz');
    expect(tableFileName(typed, 'jsonl', true)).toBe('public.typed.jsonl.gz');
    expect(tableFileName(typed, 'csv', false, 3)).toBe('public.typed.0003.csv');
    expect(tableFileName(typed, 'parquet', undefined)).toBe('public.typed.parquet');
  });

  it('refuses stdout and a non-empty directory, with one line each', async () => {
    const { dir, schema } = fixtures[1]!;
    await expect(generate({ schema: [schema], format: 'csv', output: process.stdout })).rejects.toThrow(
      /one file per table into a directory: give its path with --file DIR/,
    );
    const full = join(dir, 'full');
    await generate({ schema: [schema], defaultRows: 5, format: 'jsonl', output: full });
    await expect(
      generate({ schema: [schema], defaultRows: 5, format: 'jsonl', output: full }),
    ).rejects.toThrow(
      /the directory is not empty \(its manifest.json says a run completed there\); give a new or empty directory/,
    );
    // Without a manifest: no completed run is claimed.
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'notes.txt'), 'x');
    await expect(
      generate({ schema: [schema], defaultRows: 5, format: 'jsonl', output: other }),
    ).rejects.toThrow(/the directory is not empty; give a new or empty directory/);
  });
});

/**
 * "A row datagen cannot show to satisfy its table's constraints is never
 * written" (issue 8): a CHECK the evaluator cannot read (a plpgsql function,
 * an unknown function, a timestamptz field that depends on the loading
 * session's TimeZone) leaves its table empty, warned with the constraint, the
 * unreadable part and the fix; `trust_checks:` with configured `values:`
 * fills it; `--strict` refuses. Each shape is loaded into the real server.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatagenError } from '../../src/errors.js';
import { type GenerateOptions, generate } from '../../src/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

async function load(ddl: string, options: Omit<GenerateOptions, 'schema' | 'output'> = {}) {
  const { target, counts, result } = await loadGenerated(db, ddl, { defaultRows: 200, seed: 8, ...options });
  return { target, counts, warnings: result.warnings };
}

const settings = (yaml: string) => parseConfig(yaml, 'c.yaml').tables;

const PLPGSQL = `
CREATE FUNCTION valid_code(c text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE n int;
BEGIN
  n := length(c);
  IF n < 3 THEN RETURN false; END IF;
  RETURN c ~ '^[A-Z]+$';
END $$;
CREATE TABLE items (id int PRIMARY KEY, code text NOT NULL, CONSTRAINT items_code_valid CHECK (valid_code(code)));
CREATE TABLE tags (id int PRIMARY KEY, item_id int REFERENCES items);
CREATE TABLE lines (id int PRIMARY KEY, item_id int NOT NULL REFERENCES items);
`;

describe('CHECKs datagen cannot read', () => {
  beforeAll(async () => {
    db = await createTestDatabase('unreadable_checks');
  });
  afterAll(async () => db.close());

  it('a plpgsql function: the table is left empty, warned; a nullable FK to it is NULL, a NOT NULL one empties its table', async () => {
    const { target, counts, warnings } = await load(PLPGSQL);
    expect(counts.get('public.items')).toBe(0);
    expect(counts.get('public.tags')).toBe(200);
    expect(counts.get('public.lines')).toBe(0);
    const [nulls] = await target.query<{ n: string }>('SELECT count(*) AS n FROM tags WHERE item_id IS NULL');
    expect(nulls?.n).toBe('200');
    const unreadable = warnings.filter((w) => w.code === 'CHECK_NOT_COMPILED');
    expect(unreadable.map((w) => w.where)).toEqual(['public.items']);
    expect(unreadable[0]?.message).toContain(
      'CHECK items_code_valid (valid_code(code)) on public.items cannot be read by datagen (function valid_code())',
    );
    expect(unreadable[0]?.message).toContain('public.items gets no rows');
    expect(unreadable[0]?.message).toContain('`tables.public.items.trust_checks`');
  });

  it('a function datagen cannot inline (its body reads a table), and --strict makes it an error with nothing written', async () => {
    const ddl = `CREATE FUNCTION known_word(w text) RETURNS boolean LANGUAGE sql STABLE
         AS 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class WHERE relname = w)';
       CREATE TABLE u (id int PRIMARY KEY, v text CHECK (known_word(v)));`;
    const { counts, warnings } = await load(ddl);
    expect(counts.get('public.u')).toBe(0);
    expect(warnings.map((w) => w.code)).toContain('CHECK_NOT_COMPILED');
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), ddl);
    await expect(
      generate({ schema: [join(dir, 's.sql')], output: join(dir, 'o.sql'), defaultRows: 10, strict: true }),
    ).rejects.toThrow(/--strict: .*\n {2}CHECK u_v_check .* cannot be read by datagen \(a subquery\)/);
  });

  it('trust_checks with values: the table is filled with the configured values and loads', async () => {
    const { counts, warnings } = await load(PLPGSQL, {
      settings: settings(`
tables:
  items:
    trust_checks: [items_code_valid]
    columns:
      code: { values: [ABC, XYZW, QRSTU] }
`),
    });
    expect(warnings.filter((w) => w.code !== 'CHECK_REFERENCE_TIME')).toEqual([]);
    expect(counts.get('public.items')).toBe(200);
    expect(counts.get('public.lines')).toBe(200);
  });

  it('trust_checks naming a constraint the table does not have: an error at its place, with the names it has', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), PLPGSQL);
    const run = generate({
      schema: [join(dir, 's.sql')],
      output: join(dir, 'o.sql'),
      settings: settings('tables:\n  items:\n    trust_checks: [items_code_vaild]\n'),
    });
    return Promise.all([
      expect(run).rejects.toBeInstanceOf(DatagenError),
      expect(run).rejects.toThrow(
        /^c\.yaml:3:20: public\.items has no CHECK constraint "items_code_vaild"; did you mean: items_code_valid\?/,
      ),
    ]);
  });

  it('trust_checks that is not a list is an error at its place', () => {
    expect(() => parseConfig('tables:\n  items:\n    trust_checks: items_code_valid\n', 'c.yaml')).toThrow(
      /^c\.yaml:3:19: tables\.items\.trust_checks expects a list of CHECK constraint names/,
    );
  });

  it('timestamptz: fields the same in every TimeZone are evaluated; the others cannot be, and no row that may fail them is written', async () => {
    const { target, counts, warnings } = await load(
      `CREATE TABLE slots (id int PRIMARY KEY, at timestamptz NOT NULL,
         CHECK (extract(epoch FROM at) > 0 AND date_trunc('minute', at) <= at));
       CREATE TABLE days (id int PRIMARY KEY, at timestamptz NOT NULL, CHECK (date_trunc('day', at) <= at));
       CREATE TABLE mixed (id int PRIMARY KEY, all_day boolean NOT NULL, at timestamptz NOT NULL,
         CHECK (NOT all_day OR extract(hour FROM at) = 0));
       CREATE TABLE utc (id int PRIMARY KEY, at timestamptz NOT NULL, CHECK (date_trunc('day', at, 'UTC') <= at));`,
    );
    expect(counts.get('public.slots')).toBe(200);
    expect(counts.get('public.utc')).toBe(200);
    expect(counts.get('public.days')).toBe(0);
    const days = warnings.find((w) => w.where === 'public.days');
    expect(days?.message).toContain(
      "which datagen cannot evaluate for these values (date_trunc('day') of a timestamptz depends on the loading session's TimeZone)",
    );
    // Rows with all_day false meet the CHECK whatever the TimeZone; all_day true ones are never written.
    expect(counts.get('public.mixed')).toBe(200);
    const [allDay] = await target.query<{ n: string }>('SELECT count(*) AS n FROM mixed WHERE all_day');
    expect(allDay?.n).toBe('0');
  });
  it('jsonb operators are read, and a function only some rows reach (behind OR) keeps the table: those rows are not written', async () => {
    const { target, counts, warnings } = await load(
      `CREATE FUNCTION tags_ok(tags jsonb) RETURNS boolean LANGUAGE sql
         AS 'SELECT bool_and(jsonb_typeof(value) = ''string'') FROM jsonb_array_elements(tags)';
       CREATE TABLE jobs (id int PRIMARY KEY, job_class text NOT NULL, args jsonb NOT NULL, data jsonb NOT NULL,
         CONSTRAINT class_length CHECK (char_length(CASE job_class WHEN 'Wrapper' THEN (args -> 0) ->> 'job_class' ELSE job_class END) <= 200),
         CONSTRAINT valid_args CHECK (jsonb_typeof(args) = 'array'),
         CONSTRAINT valid_data CHECK (jsonb_typeof(data) = 'object' AND (NOT (data ? 'tags') OR
           (jsonb_typeof(data -> 'tags') = 'array' AND jsonb_array_length(data -> 'tags') <= 5 AND tags_ok(data -> 'tags')))));`,
    );
    expect(warnings.filter((w) => w.code !== 'CHECK_REFERENCE_TIME')).toEqual([]);
    expect(counts.get('public.jobs')).toBe(200);
    const [tagged] = await target.query<{ n: string }>("SELECT count(*) AS n FROM jobs WHERE data ? 'tags'");
    expect(tagged?.n).toBe('0');
  });
});

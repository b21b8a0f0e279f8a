/**
 * CHECKs in the forms pg_dump prints them (LIKE as `~~`, IN as `= ANY
 * (ARRAY[…])` with the casts it adds, NOT IN as `<> ALL`, folded columns):
 * compiled into generator bounds, not left to per-row retries, and every
 * generated row loads into the real server with the CHECKs in place.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPlan, parseDdl } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { count, generateAndLoad } from './check-fixture.js';

const ROWS = 1000;

const DDL = `CREATE TABLE dump_forms (
  id serial PRIMARY KEY,
  ref text NOT NULL CHECK (ref ~~ 'refs/heads/%'::text),
  host text NOT NULL CHECK (host ~~* 'db-%'::text),
  note text NOT NULL CHECK (note !~~ '%x%'::text),
  tag text NOT NULL CHECK (tag !~~* '%q%'::text),
  status varchar(20) NOT NULL CHECK ((status)::text = ANY ((ARRAY['open'::character varying, 'closed'::character varying])::text[])),
  kind text NOT NULL CHECK (kind = ANY (ARRAY['a'::text, 'b'::text])),
  flavour text NOT NULL CHECK (flavour = ANY ('{sweet,sour}'::text[])),
  size int NOT NULL CHECK (size = ANY ('{1,2,3}'::integer[])),
  colour text NOT NULL CHECK (colour <> ALL (ARRAY['red'::text, 'blue'::text])),
  mood varchar(10) CHECK ((mood)::text <> ALL ((ARRAY['sad'::character varying, 'Glad'::character varying])::text[])),
  code text NOT NULL CHECK (upper(code) = ANY (ARRAY['AB'::text, 'CD'::text, 'ef'::text])),
  lang text NOT NULL CHECK (lower(lang) = 'en'::text),
  name text NOT NULL CHECK (btrim(name) <> ''::text),
  title text NOT NULL CHECK (length(title) >= 3 AND length(title) <= 8),
  label varchar(40) NOT NULL CHECK (char_length((label)::text) <= 5 AND octet_length((label)::text) >= 2),
  slug varchar(30) NOT NULL CHECK ((slug)::text ~ '^[a-z0-9-]+$'::text),
  priority varchar(255) CHECK (((priority)::text = ANY (ARRAY[('high'::character varying)::text, ('low'::character varying)::text]))),
  setting varchar(20) NOT NULL CHECK ((setting)::text = ANY ((ARRAY['oWoD'::character varying, 'CofD'::character varying, NULL::character varying])::text[]))
);`;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('dumpforms');
});
afterAll(async () => db.close());

describe('CHECK forms as pg_dump prints them', () => {
  test('value lists and patterns are compiled into the generator, not evaluated per row', async () => {
    const { schema } = await parseDdl([{ file: 'forms.sql', text: DDL }]);
    const plan = createPlan(schema, { defaultRows: 10 });
    const columns = plan.tables[0]?.columns ?? [];
    const source = (name: string) => columns.find((c) => c.column.name === name);
    for (const name of ['status', 'kind', 'flavour', 'size', 'code', 'lang', 'priority', 'setting']) {
      expect(source(name)?.source.kind, name).toBe('one-of');
    }
    expect(source('status')?.source).toEqual({ kind: 'one-of', values: ['open', 'closed'] });
    expect(source('code')?.source).toEqual({ kind: 'one-of', values: ['AB', 'CD'] });
    // A NULL in the list makes x = ANY (…) NULL, not false, for other values: the list without it is what is meant.
    expect(source('setting')?.source).toEqual({ kind: 'one-of', values: ['oWoD', 'CofD'] });
    expect(source('colour')?.hints.exclude).toEqual(['red', 'blue']);
    for (const name of ['ref', 'host', 'note', 'tag', 'slug']) {
      expect(source(name)?.hints.patterns?.length, name).toBe(1);
    }
    expect(plan.tables[0]?.checks.verify).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ text: expect.stringContaining('~~') })]),
    );
  });

  test('every row loads with the CHECKs in place, and the values vary', async () => {
    const result = await generateAndLoad(db, DDL, { rows: ROWS });
    expect(result.warnings.filter((w) => w.code.startsWith('CHECK_'))).toEqual([]);
    expect(await count(db, 'SELECT count(*) AS n FROM dump_forms')).toBe(ROWS);
    expect(await count(db, 'SELECT count(DISTINCT status) AS n FROM dump_forms')).toBe(2);
    expect(await count(db, 'SELECT count(DISTINCT code) AS n FROM dump_forms')).toBe(2);
    expect(await count(db, 'SELECT count(DISTINCT size) AS n FROM dump_forms')).toBe(3);
    expect(await count(db, 'SELECT count(DISTINCT ref) AS n FROM dump_forms')).toBeGreaterThan(ROWS / 2);
    // Version 3: colour names (its meaning, kept where the CHECK passes), which repeat as colours do.
    expect(await count(db, 'SELECT count(DISTINCT colour) AS n FROM dump_forms')).toBeGreaterThan(10);
  });

  test("float and numeric special values as pg_dump casts them ('NaN'::double precision) are read", async () => {
    const ddl = `CREATE TABLE special_numbers (
  id serial PRIMARY KEY,
  ratio double precision NOT NULL CHECK (ratio <> 'NaN'::double precision),
  score real CHECK (score <> 'Infinity'::real AND score > '-Infinity'::real),
  amount numeric CHECK (amount <> 'NaN'::numeric AND amount < 'inf'::numeric)
);`;
    const result = await generateAndLoad(db, ddl, { rows: 200 });
    expect(result.warnings.filter((w) => w.message.includes('special_numbers'))).toEqual([]);
    expect(await count(db, 'SELECT count(*) AS n FROM special_numbers')).toBe(200);
    expect(await count(db, 'SELECT count(DISTINCT ratio) AS n FROM special_numbers')).toBeGreaterThan(100);
  });
});

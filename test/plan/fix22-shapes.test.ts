/**
 * Issue 8's leftovers (fix 22), each from its minimal shape and loaded into
 * the real server (plain script and custom archive, every constraint in place).
 */
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/index.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { ddlProblems } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix22shapes');

describe('shapes of fix 22 (issue 8 leftovers)', () => {
  it("RANGE partitions above the keys of the parent their FK partition key references are named in a warning, with the parent's rows that reach them (MIMIC-III chartevents)", async () => {
    // Before: events_3 and events_4 silently empty (MIMIC-III at -r 2000: 104 of 207 chartevents partitions).
    const ddl = `CREATE TABLE items (row_id int PRIMARY KEY, itemid int NOT NULL UNIQUE);
      CREATE TABLE events (row_id int NOT NULL, itemid int, value text) PARTITION BY RANGE (itemid);
      CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM (1) TO (20);
      CREATE TABLE events_2 PARTITION OF events FOR VALUES FROM (20) TO (40);
      CREATE TABLE events_3 PARTITION OF events FOR VALUES FROM (40) TO (60);
      CREATE TABLE events_4 PARTITION OF events FOR VALUES FROM (60) TO (1000000);
      ALTER TABLE events ADD CONSTRAINT events_fk_itemid FOREIGN KEY (itemid) REFERENCES items (itemid);`;
    const { warnings, script, archive } = await loadScriptAndArchive(db, ddl, { rows: 30, seed: 1 });
    const told = warnings.filter((w) => w.includes('get no rows'));
    expect(told).toEqual([
      'public.events: 2 of its 4 partitions get no rows (public.events_3, public.events_4): its partition key itemid is a foreign key to public.items.itemid, whose 30 rows hold 1 to 30, and their ranges hold none of those. To give them rows, give public.items at least 60 rows (--rows public.items=60).',
    ]);
    for (const target of [script, archive]) {
      const rows = await target.query(
        'SELECT tableoid::regclass::text AS p, count(*)::int AS n FROM events GROUP BY 1 ORDER BY 1',
      );
      expect(rows.map((r) => r.p)).toEqual(['events_1', 'events_2']);
    }
  });

  it('a unique index on an immutable SQL wrapper of unaccent (also under lower) gets every row: values of printable ASCII, which unaccent leaves as they are', async () => {
    // Before: each table got 1 row ('datagen cannot make immutable_unaccent(name) unique by construction').
    const ddl = `CREATE EXTENSION IF NOT EXISTS unaccent;
      CREATE FUNCTION immutable_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
      CREATE TABLE city (id serial PRIMARY KEY, name text NOT NULL);
      CREATE UNIQUE INDEX city_name_key ON city (immutable_unaccent(name));
      CREATE TABLE tag (id serial PRIMARY KEY, label varchar(60) NOT NULL);
      CREATE UNIQUE INDEX tag_label_key ON tag (lower(immutable_unaccent(label)));`;
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, { rows: 300, seed: 2 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.city': 300, 'public.tag': 300 });
    expect(warnings.filter((w) => w.includes('unique by construction'))).toEqual([]);
    const rows = await script.query(
      'SELECT count(DISTINCT immutable_unaccent(name))::int AS n FROM city UNION ALL SELECT count(DISTINCT lower(label))::int FROM tag',
    );
    expect(rows.map((r) => r.n)).toEqual([300, 300]);
  });

  it("PostgreSQL 16's number forms inside a SQL or PL/pgSQL routine's body, or a DO block's, mark the DDL as needing 16 (not in its comments or strings, nor a C routine's AS)", async () => {
    // Before: no mark (the body is a string to the statement), and PostgreSQL 15 refused the body when it read it.
    const table = 'CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL);\n';
    const shapes = [
      'CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1_000 $$;',
      'CREATE FUNCTION g(x int) RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN x & 0x1F; END $$;',
      'CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN PERFORM 0b101; END $$;',
      'DO $$ BEGIN PERFORM 0o17; END $$;',
    ];
    for (const shape of shapes) {
      const parsed = await parseDdl([{ file: 's.sql', text: `${table}${shape}` }]);
      expect(parsed.schema.serverVersion, shape).toBe(16);
    }
    await expectServerRefuses(db, `${shapes[1]} SELECT g(1);`, 'trailing junk after numeric literal');
    const older = `${table}CREATE FUNCTION h() RETURNS text LANGUAGE sql AS $$ SELECT '0x1F' || $q$1_000$q$ -- 0b1
      $$;`;
    expect((await parseDdl([{ file: 's.sql', text: older }])).schema.serverVersion).toBeLessThan(16);
    const { counts, scriptText, script } = await loadScriptAndArchive(db, older, { rows: 10, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 10 });
    expect(scriptText).not.toContain('version 16');
    expect(await script.query('SELECT h() AS v')).toEqual([{ v: '0x1F1_000' }]);
    const { scriptText: marked } = await loadScriptAndArchive(db, `${table}${shapes[0]}`, {
      rows: 10,
      seed: 1,
    });
    expect(marked).toContain('-- Dumped from database version 16');
  });

  it('a CREATE VIEW reading itself with no relation of its name before it is a located error, as PostgreSQL refuses it; a recursive view, a CTE of its name and CREATE then CREATE OR REPLACE load', async () => {
    // Before: exit 0, and psql stopped at 'relation "v" does not exist'.
    const table = 'CREATE TABLE t (id int PRIMARY KEY);\n';
    for (const view of [
      'CREATE VIEW v AS SELECT 1 AS a FROM v;',
      'CREATE VIEW v AS SELECT 1 AS a FROM t JOIN public.v ON true;',
    ])
      await expectServerRefuses(db, `${table}${view}`, 'does not exist');
    expect(await ddlProblems(`${table}CREATE VIEW v AS SELECT 1 AS a FROM v;`)).toEqual([
      's.sql:2:37: CREATE VIEW public.v reads itself, and no relation of that name exists before it, so PostgreSQL refuses the statement (relation "v" does not exist); read the tables it is made from, or write a recursive query as CREATE RECURSIVE VIEW',
    ]);
    expect(await ddlProblems(`${table}CREATE VIEW v AS SELECT 1 AS a FROM t JOIN public.v ON true;`)).toEqual(
      [
        's.sql:2:44: CREATE VIEW public.v reads itself, and no relation of that name exists before it, so PostgreSQL refuses the statement (relation "public.v" does not exist); read the tables it is made from, or write a recursive query as CREATE RECURSIVE VIEW',
      ],
    );
    const accepted = `${table}CREATE RECURSIVE VIEW r (a) AS SELECT 1 UNION ALL SELECT a + 1 FROM r WHERE a < 5;
      CREATE VIEW c AS WITH c AS (SELECT id FROM t) SELECT id FROM c;
      CREATE VIEW o AS SELECT 1 AS a;
      CREATE OR REPLACE VIEW o AS SELECT 1 AS a FROM o;`;
    const { counts, script, archive } = await loadScriptAndArchive(db, accepted, { rows: 5, seed: 1 });
    expect(Object.fromEntries(counts)).toEqual({ 'public.t': 5 });
    for (const target of [script, archive])
      expect(
        await target.query('SELECT (SELECT count(*) FROM r)::int AS r, (SELECT count(*) FROM c)::int AS c'),
      ).toEqual([{ r: 5, c: 5 }]);
  });
});

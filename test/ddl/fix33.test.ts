/**
 * Issue 8 (fix 33), each from its minimal shape, loaded as a script (psql ON_ERROR_STOP) and a custom archive
 * (pg_restore --exit-on-error) with every constraint: output that exited 0 and failed to load.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('fix33');

/** A loop over pg_tables adds a NOT NULL column to every table, each named only when the block runs. */
const dynamicAlter = `CREATE TABLE a (id serial PRIMARY KEY, name text);
CREATE TABLE b (id serial PRIMARY KEY, a_id int REFERENCES a (id));
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER TABLE %I ADD COLUMN x int NOT NULL', r.tablename);
    EXECUTE 'ALTER TABLE ' || quote_ident(r.tablename) || ' ADD COLUMN y int';
  END LOOP;
END $$;
CREATE TABLE c (id serial PRIMARY KEY, note text);
`;

/** An opaque block makes tables with foreign keys to tables the data fills (one named, one built). */
const referencingBlock = `CREATE TABLE parent (id serial PRIMARY KEY, name text);
CREATE TABLE other (id serial PRIMARY KEY, name text);
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT 1 AS x LOOP
    EXECUTE format('CREATE TABLE %I (id int PRIMARY KEY, parent_id int REFERENCES parent (id))', 'made' || r.x);
    EXECUTE format('CREATE TABLE %I (id int PRIMARY KEY, other_id int REFERENCES %I (id))', 'more' || r.x, 'oth' || 'er');
  END LOOP;
END $$;
`;

describe('fix 33: kept code the model cannot read', () => {
  it("a DO block's ALTER TABLE of a table named when it runs, adding a NOT NULL column: the tables before it get no rows, warned, and the output loads", async () => {
    const { counts, result } = await loadScriptAndArchive(db, dynamicAlter, { defaultRows: 10, seed: 1 });
    expect(counts.get('public.a') ?? 0).toBe(0);
    expect(counts.get('public.b') ?? 0).toBe(0);
    expect(counts.get('public.c')).toBe(10);
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^public\.a gets no rows .*DO block at .*schema\.sql:3:1 \(its `ALTER TABLE %I ADD COLUMN x int NOT NULL` names the table only when it runs/,
      ),
    );
  });

  it('a pre-data DO block making foreign keys to filled tables: pg_restore -j 2 loads the archive (its TRUNCATE before COPY was refused)', async () => {
    const { counts } = await loadScriptAndArchive(
      db,
      referencingBlock,
      { defaultRows: 20, seed: 2 },
      { jobs: 2 },
    );
    expect(counts.get('public.parent')).toBe(20);
    expect(counts.get('public.other')).toBe(20);
  });
});

/** Unique indexes on replace() of a column whose CHECK asks for the replaced text (at the start, then anywhere). */
const replacedKeys = `CREATE TABLE links (id serial PRIMARY KEY, url text NOT NULL CHECK (url LIKE 'http://%'));
CREATE UNIQUE INDEX links_url ON links (replace(url, 'http://', ''));
CREATE UNIQUE INDEX links_lower ON links (lower(replace(url, 'http://', '')));
CREATE TABLE sites (id serial PRIMARY KEY, url varchar(200) NOT NULL CHECK (url ~ '^https?://'));
CREATE UNIQUE INDEX sites_url ON sites (replace(url, 'https://', ''));
`;

describe('fix 33: unique keys on replace()', () => {
  it("replace(url, 'http://', '') under CHECK (url LIKE 'http://%') makes rows (it was refused); where no construction fits, the warning says which demand the CHECK breaks", async () => {
    const { counts, result, target } = await loadScriptAndArchive(db, replacedKeys, {
      defaultRows: 40,
      seed: 3,
    });
    expect(counts.get('public.links')).toBe(40);
    const [row] = await target.query<{ n: string }>(
      "SELECT count(DISTINCT replace(url, 'http://', '')) AS n FROM links WHERE url LIKE 'http://_%'",
    );
    expect(Number(row?.n)).toBe(40);
    expect(counts.get('public.sites') ?? 0).toBe(0);
    expect(result.warnings.map((w) => w.message)).toContainEqual(
      expect.stringContaining(
        "meets the CHECKs but not what the key's expression asks (a unique key's replace() of 'https://' stays unique where values never hold it)",
      ),
    );
  });
});

/** Keys fed by sequences of their own START and INCREMENT (nextval DEFAULTs, an identity), a child of one. */
const steppedSequences = `CREATE SEQUENCE s START 1000 INCREMENT 5;
CREATE TABLE t (id int PRIMARY KEY DEFAULT nextval('s'), name text);
CREATE SEQUENCE s2 START 10 INCREMENT 3 MINVALUE 10 MAXVALUE 100000;
CREATE TABLE t2 (id bigint PRIMARY KEY DEFAULT nextval('s2'), t_id int REFERENCES t);
CREATE TABLE t3 (id int GENERATED ALWAYS AS IDENTITY (START WITH 500 INCREMENT BY 10) PRIMARY KEY, name text);
`;

describe('fix 33: sequences', () => {
  it('version 26: keys from the sequence START a step of its INCREMENT apart; setval leaves it past them (script and pg_restore -j 2): an INSERT after the load takes the next one', async () => {
    const { target, restored } = await loadScriptAndArchive(
      db,
      steppedSequences,
      { defaultRows: 12, seed: 4, generatorVersion: 26 },
      { jobs: 2 },
    );
    for (const loaded of [target, restored]) {
      const [keys] = await loaded.query<{ t: string; t2: string; t3: string }>(
        `SELECT (SELECT string_agg(id::text, ',' ORDER BY id) FROM t) AS t,
                (SELECT min(id) || '-' || max(id) FROM t2) AS t2, (SELECT min(id) || '-' || max(id) FROM t3) AS t3`,
      );
      expect(keys).toEqual({
        t: '1000,1005,1010,1015,1020,1025,1030,1035,1040,1045,1050,1055',
        t2: '10-43',
        t3: '500-610',
      });
      const next = async (sql: string) => (await loaded.query<{ id: string }>(sql))[0]?.id;
      expect(await next("INSERT INTO t (name) VALUES ('new') RETURNING id::text")).toBe('1060');
      expect(await next('INSERT INTO t2 DEFAULT VALUES RETURNING id::text')).toBe('46');
      expect(await next("INSERT INTO t3 (name) VALUES ('new') RETURNING id::text")).toBe('620');
    }
  });
});

/**
 * Issue 8 (fix 29), each from its minimal shape: kept top-level calls of routines the DDL defines, whose code
 * datagen cannot run, still leave output that loads as a script and a custom archive (pg_restore) with every
 * constraint: a call that stays before the data whose code writes rows (`INSERT ... ON CONFLICT`, triggers it
 * makes), foreign keys to a table its code drops.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix29');

/** A routine that makes a table later DDL indexes (so its call stays before the data) and runs `extra`. */
const staying = (extra: string) => `CREATE FUNCTION public.setup() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE 'CREATE TABLE IF NOT EXISTS public.made (id int PRIMARY KEY, n int)';
  ${extra}
END $$;
SELECT public.setup();
CREATE INDEX made_n ON public.made (n);
`;

describe('fix 29: a kept call that stays before the data and writes rows', () => {
  it("INSERT ... ON CONFLICT: the table's keys come before the call; from version 22 it holds the call's row alone", async () => {
    // Before: exit 0, and the load stopped at the call: "there is no unique or exclusion constraint matching
    // the ON CONFLICT specification" (the unique index came post-data); with it, the call's row took id 1.
    const ddl = `CREATE TABLE public.setting (id serial PRIMARY KEY, k text NOT NULL, v text);
CREATE UNIQUE INDEX setting_k ON public.setting (k);
CREATE TABLE public.item (id int PRIMARY KEY, name text);
${staying("INSERT INTO public.setting (k, v) VALUES ('setup', 'done') ON CONFLICT (k) DO UPDATE SET v = 'done';")}`;
    const { counts, warnings, scriptText, script, archive } = await loadScriptAndArchive(db, ddl, {
      rows: 12,
      seed: 1,
      generatorVersion: 22,
    });
    expect(counts.get('public.item')).toBe(12);
    expect(counts.get('public.setting')).toBe(1);
    expect(warnings.find((w) => w.startsWith('public.setting gets no rows'))).toMatch(
      /the public\.setup\(\) that the SELECT at \S*schema\.sql:9:1 runs, which stays before the data, writes public\.setting's rows/,
    );
    const call = scriptText.indexOf('SELECT public.setup()');
    expect(scriptText.indexOf('CREATE UNIQUE INDEX setting_k')).toBeLessThan(call);
    expect(scriptText.indexOf('ADD CONSTRAINT setting_pkey')).toBeLessThan(call);
    expect(scriptText).not.toContain('COPY public.setting');
    for (const target of [script, archive]) {
      const rows = await target.query<{ k: string; v: string }>('SELECT k, v FROM public.setting');
      expect(rows).toEqual([{ k: 'setup', v: 'done' }]);
      // No setval moved the sequence back behind the call's row: a new row loads.
      await target.query("INSERT INTO public.setting (k) VALUES ('after')");
    }
  });

  it('a trigger it makes writes a log as the data loads: from version 22 the log holds those rows alone', async () => {
    // Before: exit 0, and the load stopped at the log's primary key: the trigger's rows took ids 1.. from the
    // sequence, as the generated rows did.
    const ddl = `CREATE TABLE public.log (id serial PRIMARY KEY, what text NOT NULL);
CREATE TABLE public.item (id int PRIMARY KEY, name text);
CREATE FUNCTION public.log_it() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO public.log (what) VALUES (TG_TABLE_NAME);
  RETURN NULL;
END $$;
${staying("EXECUTE 'CREATE TRIGGER item_log AFTER INSERT ON public.item FOR EACH ROW EXECUTE FUNCTION public.log_it()';")}`;
    const { counts, warnings, script, archive } = await loadScriptAndArchive(db, ddl, {
      rows: 15,
      seed: 2,
      generatorVersion: 22,
    });
    expect(counts.get('public.item')).toBe(15);
    // One log row per item row, written by the trigger on the load.
    expect(counts.get('public.log')).toBe(15);
    expect(warnings.find((w) => w.startsWith('public.log gets no rows'))).toContain('stays before the data');
    for (const target of [script, archive]) {
      await target.query("INSERT INTO public.item (id, name) VALUES (-1, 'new')");
      const [log] = await target.query<{ n: number; ids: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS ids FROM public.log',
      );
      expect(log).toEqual({ n: 16, ids: 16 });
    }
  });
});

describe('fix 29: foreign keys to a table kept code drops', () => {
  it('DROP TABLE ... CASCADE in a called routine: the keys to it are made before the call, and its children keep their rows', async () => {
    // Before: exit 0, and the load stopped post-data at ADD CONSTRAINT child_legacy_id_fkey: relation
    // "public.legacy" does not exist.
    const ddl = `CREATE TABLE public.legacy (id int PRIMARY KEY, v text);
CREATE TABLE public.child (id int PRIMARY KEY, legacy_id int NOT NULL REFERENCES public.legacy (id), note text);
CREATE TABLE public.other (id int PRIMARY KEY, child_id int REFERENCES public.child (id));
CREATE FUNCTION public.retire() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DROP TABLE IF EXISTS public.legacy CASCADE;
END $$;
SELECT public.retire();
`;
    // Version 22's reading (from 23 the call is the DDL its code runs: test/ddl/fix30.test.ts).
    const { counts, scriptText, script, archive } = await loadScriptAndArchive(db, ddl, {
      rows: 10,
      seed: 1,
      generatorVersion: 22,
    });
    expect(counts.get('public.child')).toBe(10);
    expect(counts.get('public.other')).toBe(10);
    expect(counts.has('public.legacy')).toBe(false);
    expect(scriptText.indexOf('ADD CONSTRAINT child_legacy_id_fkey')).toBeLessThan(
      scriptText.indexOf('SELECT public.retire()'),
    );
    for (const target of [script, archive]) {
      const keys = await target.query<{ conname: string }>(
        "SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY 1",
      );
      expect(keys.map((k) => k.conname)).toEqual(['other_child_id_fkey']);
    }
  });
});

describe("fix 29: a kept call's ALTER TABLE of a model table", () => {
  const ddl = `CREATE TABLE public.item (id int PRIMARY KEY, name text);
CREATE TABLE public.price (id int PRIMARY KEY, amount int);
CREATE TABLE public.tag (id int PRIMARY KEY, label text);
CREATE TABLE public.note (id int PRIMARY KEY, body text);
CREATE FUNCTION public.upgrade() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  ALTER TABLE public.item ADD COLUMN sku text NOT NULL;
  ALTER TABLE public.price ADD CONSTRAINT price_small CHECK (amount BETWEEN 0 AND 10);
  ALTER TABLE public.tag DISABLE TRIGGER ALL;
  ALTER TABLE public.note ADD COLUMN seen boolean DEFAULT false;
  EXECUTE 'CREATE TABLE IF NOT EXISTS public.made (id int PRIMARY KEY)';
END $$;
SELECT public.upgrade();
CREATE INDEX made_idx ON public.made (id);
`;

  it('an added NOT NULL column without DEFAULT leaves its table without rows; from version 22 an added CHECK does too', async () => {
    // Before: exit 0, and the load stopped at COPY public.item: null value in column "sku" violates not-null
    // constraint; price's rows loaded only where they happened to meet the CHECK the call adds.
    const { counts, warnings, script, archive } = await loadScriptAndArchive(db, ddl, {
      rows: 20,
      seed: 4,
      generatorVersion: 22,
    });
    expect(counts.get('public.item')).toBe(0);
    expect(counts.get('public.price')).toBe(0);
    // Shapes the rows survive keep them: a trigger switch, a column with a DEFAULT.
    expect(counts.get('public.tag')).toBe(20);
    expect(counts.get('public.note')).toBe(20);
    expect(warnings.find((w) => w.startsWith('public.item gets no rows'))).toContain(
      'public.item is altered, renamed or dropped by the public.upgrade()',
    );
    expect(warnings.find((w) => w.startsWith('public.price gets no rows'))).toContain(
      'in a way its rows may not survive (an added CHECK or key',
    );
    for (const target of [script, archive]) {
      const [seen] = await target.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM public.note WHERE seen = false',
      );
      expect(seen?.n).toBe(20);
    }
  });

  it('version 21 keeps the rows of a table the call adds a CHECK to (they load where they meet it), and still none of the other', async () => {
    const { counts } = await loadScriptAndArchive(
      db,
      ddl.replace('BETWEEN 0 AND 10', 'IS NOT NULL OR amount IS NULL'),
      { rows: 20, seed: 4, generatorVersion: 21 },
    );
    expect(counts.get('public.item')).toBe(0);
    expect(counts.get('public.price')).toBe(20);
  });
});

describe('fix 29: the relations a called routine makes are read from its statements', () => {
  it("comments and strings that are no statement (pgMemento's 'CREATE TABLE events', 'CREATE TABLE AS') do not keep the call before the data", async () => {
    // Before: the body's text gave `events` and `as` as relations it makes, so the later view (`AS`) and table
    // `events` were taken to depend on the call, which stayed before the data: its INSERT ... ON CONFLICT found
    // no key and the load stopped there.
    const ddl = `CREATE TABLE public.log (id serial PRIMARY KEY, k text NOT NULL);
CREATE UNIQUE INDEX log_k ON public.log (k);
CREATE FUNCTION public.audit(tag text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Create event trigger for CREATE TABLE events to log data
  IF tag IN ('CREATE TABLE', 'CREATE TABLE AS') THEN
    RAISE NOTICE 'seen %', tag;
  END IF;
  EXECUTE 'CREATE TABLE IF NOT EXISTS public.audited (id int PRIMARY KEY)';
  INSERT INTO public.log (k) VALUES (tag) ON CONFLICT (k) DO NOTHING;
END $$;
SELECT public.audit('x');
CREATE TABLE public.events (id int PRIMARY KEY, at timestamptz NOT NULL);
CREATE VIEW public.recent AS SELECT id FROM public.events WHERE id IN (1, 2);
`;
    // Version 22's reading (from 23 the call is the DDL its code runs: test/ddl/fix30.test.ts).
    const { counts, warnings, scriptText } = await loadScriptAndArchive(db, ddl, {
      rows: 8,
      seed: 1,
      generatorVersion: 22,
    });
    expect(counts.get('public.events')).toBe(8);
    expect(counts.get('public.log')).toBe(9);
    expect(warnings.find((w) => w.includes('runs public.audit()'))).toContain('written after the data');
    expect(scriptText.indexOf("SELECT public.audit('x')")).toBeGreaterThan(
      scriptText.indexOf('COPY public.log'),
    );
  });

  it('a name a statement of the body makes still keeps the call before the DDL that uses it (SQL and plpgsql bodies)', async () => {
    const ddl = `CREATE FUNCTION public.make_a() RETURNS void LANGUAGE sql AS $$
  CREATE TABLE IF NOT EXISTS public.made_a (id int PRIMARY KEY, n int);
$$;
CREATE FUNCTION public.make_b() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  CREATE TABLE IF NOT EXISTS public.made_b (id int PRIMARY KEY, n int);
  EXECUTE 'ALTER TABLE public.made_b RENAME TO made_c';
END $$;
CREATE TABLE public.item (id int PRIMARY KEY);
SELECT public.make_a();
SELECT public.make_b();
CREATE INDEX made_a_n ON public.made_a (n);
CREATE INDEX made_c_n ON public.made_c (n);
`;
    // Version 22's reading (from 23 the call is the DDL its code runs: test/ddl/fix30.test.ts).
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, {
      rows: 5,
      seed: 1,
      generatorVersion: 22,
    });
    expect(counts.get('public.item')).toBe(5);
    expect(warnings.find((w) => w.includes('runs public.make_a()'))).toContain('it is kept as written');
    expect(warnings.find((w) => w.includes('runs public.make_b()'))).toContain('it is kept as written');
  });
});

describe('fix 29: a CHECK calling an overloaded one-expression SQL function', () => {
  const ddl = `CREATE DOMAIN code AS varchar(12);
CREATE FUNCTION valid(x int) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT x > 0 AND x < 100';
CREATE FUNCTION valid(x text) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT length(x) BETWEEN 3 AND 5';
CREATE FUNCTION valid(x bigint) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN PERFORM pg_sleep(0); RETURN x < 0; END $$;
CREATE TABLE t (
  id int PRIMARY KEY,
  n int NOT NULL CHECK (valid(n)),
  s text NOT NULL CHECK (valid(s)),
  v varchar(9) NOT NULL CHECK (valid(v)),
  d code NOT NULL CHECK (valid(d)),
  k numeric CHECK (valid(k::int))
);
CREATE TABLE u (id int PRIMARY KEY, b bigint NOT NULL CHECK (valid(b)));
`;

  it('from version 22 the overload the arguments resolve to is inlined: the table gets rows meeting each body', async () => {
    // Before: the inline table was keyed by name and argument count, so valid() with two one-argument bodies
    // was read as no body: t got no rows.
    const { counts, warnings, script } = await loadScriptAndArchive(db, ddl, {
      rows: 25,
      seed: 5,
      generatorVersion: 22,
    });
    expect(counts.get('public.t')).toBe(25);
    const [bad] = await script.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM t WHERE NOT (n > 0 AND n < 100 AND length(s) BETWEEN 3 AND 5
         AND length(v) BETWEEN 3 AND 5 AND length(d) BETWEEN 3 AND 5)`,
    );
    expect(bad?.n).toBe(0);
    // valid(bigint) is not one expression: its CHECK stays unread, as before.
    expect(counts.get('public.u')).toBe(0);
    expect(warnings.find((w) => w.includes('(valid(b)) on public.u cannot be read'))).toContain(
      'public.u gets no rows',
    );
    expect(warnings.find((w) => w.startsWith('public.t gets no rows'))).toBeUndefined();
  });

  it('version 21 reads it as before: no rows', async () => {
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, {
      rows: 25,
      seed: 5,
      generatorVersion: 21,
    });
    expect(counts.get('public.t')).toBe(0);
    expect(warnings.find((w) => w.startsWith('public.t gets no rows'))).toContain(
      'cannot be read by datagen',
    );
  });
});

/**
 * parseDdl: how the DDL's types, columns and sequences are modelled. Keys,
 * partitions and inheritance in parse-ddl-keys.test.ts; names, errors,
 * warnings, pg_dump order and the server version in
 * parse-ddl-statements.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { column, model, table } from '../helpers/parsed-model.js';

describe('parseDdl: types', () => {
  it('a type or domain created twice is refused at the second CREATE; after a DROP, a rename or SET SCHEMA it may be made again', async () => {
    await expect(
      model(
        "CREATE DOMAIN email AS text;\nCREATE TABLE t (e email);\nCREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%');\n",
      ),
    ).rejects.toThrow(
      /test\.sql:3:1: CREATE DOMAIN public\.email: the type is already defined earlier in the DDL, and PostgreSQL rejects a second definition/,
    );
    await expect(model("CREATE TYPE m AS ENUM ('a');\nCREATE TYPE m AS (x int);\n")).rejects.toThrow(
      /test\.sql:2:1: CREATE TYPE public\.m: the type is already defined/,
    );
    const again = await model(
      `CREATE TYPE m AS ENUM ('a'); DROP TYPE m; CREATE TYPE m AS ENUM ('b');
       CREATE DOMAIN d AS int; ALTER DOMAIN d RENAME TO d2; CREATE DOMAIN d AS text;
       CREATE SCHEMA s; CREATE TYPE r AS (x int); ALTER TYPE r SET SCHEMA s; CREATE TYPE r AS (y text);
       CREATE TABLE t (a m, b d, c d2);`,
    );
    expect(again.types.find((x) => x.name === 'm')).toMatchObject({ kind: 'enum', values: ['b'] });
  });

  it('an OWNED BY PostgreSQL refuses is refused at its statement, also one on a public table the DDL never makes', async () => {
    // yb-voyager's sequences test: OWNED BY schema2.foo (a table, no column) exited 0 with a script that failed there.
    await expect(
      model(
        'CREATE SCHEMA s2;\nCREATE TABLE s2.foo (id int);\nCREATE SEQUENCE s2.q;\nALTER SEQUENCE s2.q OWNED BY s2.foo;\n',
      ),
    ).rejects.toThrow(/test\.sql:4:1: OWNED BY s2\.foo names a table, not a column/);
    await expect(model('CREATE TABLE t (id int);\nCREATE SEQUENCE q OWNED BY t.nope;\n')).rejects.toThrow(
      /test\.sql:2:1: OWNED BY t\.nope: table public\.t has no column nope/,
    );
    await expect(model('CREATE SEQUENCE r OWNED BY elsewhere.c;\n')).rejects.toThrow(
      /test\.sql:1:1: OWNED BY elsewhere\.c: public\.elsewhere is not defined in the DDL/,
    );
    const fine = await model(
      'CREATE TABLE t (id int);\nCREATE SEQUENCE q OWNED BY t.id;\nALTER SEQUENCE q OWNED BY NONE;\n',
    );
    expect(fine.sequences.map((q) => q.name).sort()).toEqual(['q']);
  });

  it('normalises built-in type spellings, typmods, arrays and interval fields', async () => {
    const s = await model(`CREATE TABLE t (
      a integer, b int, c smallint, d bigint, e character varying(20), f char, g character(3), h float,
      i double precision, j real, k boolean, l decimal(10,2), m timestamp with time zone, n time with time zone,
      o timestamp(3), p text[], q int[][], r interval year to month, s interval(2), u varchar, v bpchar, w uuid)`);
    const t = table(s, 't');
    const ty = (n: string) => {
      const c = column(t, n).type;
      return `${c.schema}.${c.name}(${c.typmods.join(',')})${'[]'.repeat(c.arrayDims)}${c.intervalFields ? ` ${c.intervalFields}` : ''}`;
    };
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map(ty)).toEqual([
      'pg_catalog.int4()',
      'pg_catalog.int4()',
      'pg_catalog.int2()',
      'pg_catalog.int8()',
      'pg_catalog.varchar(20)',
      'pg_catalog.bpchar(1)',
      'pg_catalog.bpchar(3)',
      'pg_catalog.float8()',
      'pg_catalog.float8()',
      'pg_catalog.float4()',
      'pg_catalog.bool()',
      'pg_catalog.numeric(10,2)',
    ]);
    expect(['m', 'n', 'o', 'p', 'q', 'r', 's', 'u', 'v', 'w'].map(ty)).toEqual([
      'pg_catalog.timestamptz()',
      'pg_catalog.timetz()',
      'pg_catalog.timestamp(3)',
      'pg_catalog.text()[]',
      'pg_catalog.int4()[][]',
      'pg_catalog.interval() YEAR TO MONTH',
      'pg_catalog.interval(2)',
      'pg_catalog.varchar()',
      'pg_catalog.bpchar()',
      'pg_catalog.uuid()',
    ]);
  });

  it('models enums (with ADD VALUE), domains, composites and ranges, and resolves them in columns', async () => {
    const s = await model(`
      CREATE SCHEMA app;
      CREATE TYPE app.mood AS ENUM ('sad', 'happy');
      ALTER TYPE app.mood ADD VALUE 'ok' BEFORE 'happy';
      ALTER TYPE app.mood ADD VALUE 'ecstatic';
      CREATE DOMAIN public."bıgınt" AS bigint;
      CREATE DOMAIN public.year AS integer NOT NULL DEFAULT 2000 CONSTRAINT year_check CHECK (VALUE >= 1901) CHECK (VALUE <= 2155);
      CREATE TYPE pair AS (a int, b text);
      CREATE TYPE floatrange AS RANGE (subtype = float8);
      SET search_path = app, public;
      CREATE TABLE public.t (m mood, y year, b "bıgınt", p pair, r floatrange);`);
    expect(s.namespaces).toEqual(['app']);
    const mood = s.types.find((t) => t.name === 'mood');
    expect(mood).toMatchObject({ kind: 'enum', schema: 'app', values: ['sad', 'ok', 'happy', 'ecstatic'] });
    const year = s.types.find((t) => t.name === 'year');
    expect(year?.kind).toBe('domain');
    if (year?.kind === 'domain') {
      expect(year.baseType).toMatchObject({ schema: 'pg_catalog', name: 'int4' });
      expect(year.notNull).toBe(true);
      expect(year.default?.text).toBe('2000');
      expect(year.checks.map((c) => [c.name, c.expr.text])).toEqual([
        ['year_check', 'value >= 1901'],
        ['year_check1', 'value <= 2155'],
      ]);
    }
    expect(s.types.find((t) => t.name === 'pair')).toMatchObject({
      kind: 'composite',
      attributes: [{ name: 'a' }, { name: 'b' }],
    });
    expect(s.types.find((t) => t.name === 'floatrange')).toMatchObject({
      kind: 'range',
      subtype: { name: 'float8' },
    });
    const t = table(s, 't');
    expect(t.columns.map((c) => `${c.type.schema}.${c.type.name}`)).toEqual([
      'app.mood',
      'public.year',
      'public.bıgınt',
      'public.pair',
      'public.floatrange',
    ]);
  });

  it('gives extension types the schema of CREATE EXTENSION ... SCHEMA, else public', async () => {
    const s = await model(`CREATE EXTENSION citext WITH SCHEMA ext; CREATE TABLE t (a citext, b hstore);`);
    expect(s.extensions).toEqual(['citext']);
    expect(column(table(s, 't'), 'a').type).toMatchObject({ schema: 'ext', name: 'citext' });
    expect(column(table(s, 't'), 'b').type).toMatchObject({ schema: 'public', name: 'hstore' });
  });
});

describe('parseDdl: columns and sequences', () => {
  it('serial and identity columns are written as pg_dump writes them', async () => {
    const s = await model(`
      CREATE TABLE t (id serial PRIMARY KEY, big bigserial,
        b bigint GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME my_seq START WITH 10 CACHE 20 CYCLE));
      CREATE UNLOGGED TABLE u (small smallserial);`);
    expect(
      s.statements.filter((x) => x.section === 'pre-data').map((x) => `${x.desc} ${x.tag}: ${x.sql}`),
    ).toEqual([
      'TABLE t: CREATE TABLE public.t (\n  id int NOT NULL,\n  big bigint NOT NULL,\n  b bigint NOT NULL\n);\n',
      'SEQUENCE t_id_seq: CREATE SEQUENCE public.t_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n',
      'SEQUENCE OWNED BY t_id_seq: ALTER SEQUENCE public.t_id_seq OWNED BY public.t.id;\n',
      "DEFAULT t id: ALTER TABLE ONLY public.t ALTER COLUMN id SET DEFAULT nextval('public.t_id_seq'::regclass);\n",
      'SEQUENCE t_big_seq: CREATE SEQUENCE public.t_big_seq\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n',
      'SEQUENCE OWNED BY t_big_seq: ALTER SEQUENCE public.t_big_seq OWNED BY public.t.big;\n',
      "DEFAULT t big: ALTER TABLE ONLY public.t ALTER COLUMN big SET DEFAULT nextval('public.t_big_seq'::regclass);\n",
      'SEQUENCE my_seq: ALTER TABLE public.t ALTER COLUMN b ADD GENERATED BY DEFAULT AS IDENTITY (\n    SEQUENCE NAME public.my_seq\n    START WITH 10\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 20\n    CYCLE\n);\n',
      'TABLE u: CREATE UNLOGGED TABLE public.u (\n  small smallint NOT NULL\n);\n',
      'SEQUENCE u_small_seq: CREATE UNLOGGED SEQUENCE public.u_small_seq\n    AS smallint\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n',
      'SEQUENCE OWNED BY u_small_seq: ALTER SEQUENCE public.u_small_seq OWNED BY public.u.small;\n',
      "DEFAULT u small: ALTER TABLE ONLY public.u ALTER COLUMN small SET DEFAULT nextval('public.u_small_seq'::regclass);\n",
    ]);
  });

  it('serial, bigserial and identity columns get sequences with PostgreSQL names', async () => {
    const s = await model(`
      CREATE TABLE t (id serial PRIMARY KEY, big bigserial, small smallserial,
        a int GENERATED ALWAYS AS IDENTITY, b bigint GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME my_seq START WITH 10),
        g int GENERATED ALWAYS AS (id * 2) STORED, c text COLLATE "C");
      CREATE TABLE ${'x'.repeat(40)} (${'y'.repeat(40)} serial);`);
    const t = table(s, 't');
    expect(column(t, 'id')).toMatchObject({
      notNull: true,
      sequence: { schema: 'public', name: 't_id_seq' },
    });
    expect(column(t, 'id').type.name).toBe('int4');
    expect(column(t, 'id').default?.text).toBe("nextval(CAST('public.t_id_seq' AS regclass))");
    expect(column(t, 'big').type.name).toBe('int8');
    expect(column(t, 'small').type.name).toBe('int2');
    expect(column(t, 'a')).toMatchObject({
      identity: 'always',
      notNull: true,
      sequence: { name: 't_a_seq' },
    });
    expect(column(t, 'b')).toMatchObject({ identity: 'by-default', sequence: { name: 'my_seq' } });
    expect(column(t, 'g').generated?.text).toBe('id * 2');
    expect(column(t, 'c').collation).toBe('C');
    const mySeq = s.sequences.find((q) => q.name === 'my_seq');
    expect(mySeq).toMatchObject({
      dataType: 'int8',
      start: 10n,
      ownedBy: { table: { name: 't' }, column: 'b' },
    });
    // makeObjectName: 63 bytes, the longer name loses characters first.
    const long = s.tables.find((x) => x.name.startsWith('xxx'));
    const seq = long?.columns[0]?.sequence?.name ?? '';
    expect(seq).toBe(`${'x'.repeat(29)}_${'y'.repeat(29)}_seq`);
    expect(Buffer.byteLength(seq)).toBe(63);
  });

  it('reads CREATE SEQUENCE options, OWNED BY, and pg_dump-style SET DEFAULT / ADD GENERATED', async () => {
    const s = await model(`
      CREATE TABLE public.a (id integer NOT NULL, n integer NOT NULL);
      CREATE SEQUENCE public.a_id_seq AS integer START WITH 5 INCREMENT BY 2 MINVALUE 1 MAXVALUE 1000 CYCLE;
      ALTER SEQUENCE public.a_id_seq OWNED BY public.a.id;
      ALTER TABLE ONLY public.a ALTER COLUMN id SET DEFAULT nextval('public.a_id_seq'::regclass);
      ALTER TABLE public.a ALTER COLUMN n ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.a_n_seq START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1);`);
    expect(s.sequences.find((q) => q.name === 'a_id_seq')).toMatchObject({
      dataType: 'int4',
      start: 5n,
      increment: 2n,
      minValue: 1n,
      maxValue: 1000n,
      cycle: true,
      ownedBy: { table: { schema: 'public', name: 'a' }, column: 'id' },
    });
    const t = table(s, 'a');
    expect(column(t, 'id').sequence).toEqual({ schema: 'public', name: 'a_id_seq' });
    expect(column(t, 'n')).toMatchObject({ identity: 'always', sequence: { name: 'a_n_seq' } });
    expect(s.statements.map((x) => x.desc)).toEqual([
      'TABLE',
      'SEQUENCE',
      'SEQUENCE OWNED BY',
      'DEFAULT',
      'SEQUENCE',
    ]);
  });

  it('ALTER COLUMN SET NOT NULL and SET DEFAULT update the column', async () => {
    const s = await model(
      `CREATE TABLE t (a int, b text); ALTER TABLE t ALTER COLUMN a SET NOT NULL, ALTER COLUMN b SET DEFAULT 'x';`,
    );
    expect(column(table(s, 't'), 'a').notNull).toBe(true);
    expect(column(table(s, 't'), 'b').default?.text).toBe("'x'");
  });
});

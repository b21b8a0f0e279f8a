import { describe, expect, it } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import type { Schema, Table } from '../../src/schema/model.js';

async function model(sql: string, defaultSchema?: string): Promise<Schema> {
  return (
    await parseDdl([{ file: 'test.sql', text: sql }], defaultSchema === undefined ? {} : { defaultSchema })
  ).schema;
}

function table(schema: Schema, name: string, ns = 'public'): Table {
  const t = schema.tables.find((x) => x.name === name && x.schema === ns);
  if (t === undefined) throw new Error(`no table ${ns}.${name}`);
  return t;
}

function column(t: Table, name: string) {
  const c = t.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
}

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

describe('parseDdl: keys and foreign keys', () => {
  it('names unnamed constraints as PostgreSQL does, with collisions in the schema', async () => {
    const s = await model(`
      CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int CHECK (b > 0), c int, d int,
        UNIQUE (c, d), CHECK (c < d), CHECK (now() IS NOT NULL), FOREIGN KEY (c, d) REFERENCES t (d, c));
      CREATE TABLE t_a (x int, CONSTRAINT t_a_key CHECK (x > 0));`);
    const t = table(s, 't');
    expect(t.primaryKey?.name).toBe('t_pkey');
    expect(t.uniques.map((u) => [u.name, u.columns])).toEqual([
      ['t_a_key', ['a']],
      ['t_c_d_key', ['c', 'd']],
    ]);
    expect(t.checks.map((c) => c.name)).toEqual(['t_b_check', 't_check', 't_check1']);
    expect(t.foreignKeys[0]?.name).toBe('t_c_d_fkey');
    expect(column(t, 'id').notNull).toBe(true);
  });

  it('resolves REFERENCES t without columns to a primary key added later by ALTER TABLE', async () => {
    const s = await model(`
      CREATE TABLE child (id int, parent_id int REFERENCES parent ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED);
      CREATE TABLE parent (a int NOT NULL, b int NOT NULL);
      ALTER TABLE ONLY parent ADD CONSTRAINT parent_pk PRIMARY KEY (a);
      ALTER TABLE child ADD CONSTRAINT self FOREIGN KEY (parent_id) REFERENCES child (id) MATCH FULL ON UPDATE SET NULL NOT VALID;
      CREATE UNIQUE INDEX child_id ON child (id);`);
    const child = table(s, 'child');
    expect(child.foreignKeys).toEqual([
      {
        kind: 'foreign-key',
        name: 'child_parent_id_fkey',
        columns: ['parent_id'],
        references: { schema: 'public', name: 'parent' },
        referencedColumns: ['a'],
        match: 'simple',
        onDelete: 'cascade',
        onUpdate: 'no-action',
        deferrable: true,
        initiallyDeferred: true,
        notValid: false,
      },
      {
        kind: 'foreign-key',
        name: 'self',
        columns: ['parent_id'],
        references: { schema: 'public', name: 'child' },
        referencedColumns: ['id'],
        match: 'full',
        onDelete: 'no-action',
        onUpdate: 'set-null',
        deferrable: false,
        initiallyDeferred: false,
        notValid: true,
      },
    ]);
    expect(table(s, 'parent').primaryKey?.columns).toEqual(['a']);
  });

  it('reads unique indexes: expressions, partial, NULLS NOT DISTINCT, and UNIQUE USING INDEX', async () => {
    const s = await model(`
      CREATE TABLE u (a int, b text, c int);
      CREATE UNIQUE INDEX u_lower ON u (a, lower(b)) WHERE c > 0;
      CREATE UNIQUE INDEX u_c ON u (c) NULLS NOT DISTINCT;
      ALTER TABLE u ADD CONSTRAINT u_c_uk UNIQUE USING INDEX u_c;`);
    const u = table(s, 'u');
    expect(u.uniques.map((k) => [k.name, k.columns, k.isIndex, k.nullsNotDistinct])).toEqual([
      ['u_lower', ['a', null], true, false],
      ['u_c_uk', ['c'], false, true],
    ]);
    expect(u.uniques[0]?.expressions[1]?.text).toBe('lower(b)');
    expect(u.uniques[0]?.where?.text).toBe('c > 0');
  });

  it('models exclusion constraints and cross-schema composite foreign keys', async () => {
    const s = await model(`
      CREATE SCHEMA a; CREATE SCHEMA b;
      CREATE TABLE a.p (x int, y int, PRIMARY KEY (x, y));
      CREATE TABLE b.c (x int, y int, r int4range, FOREIGN KEY (x, y) REFERENCES a.p, EXCLUDE USING gist (r WITH &&));`);
    const c = table(s, 'c', 'b');
    expect(c.foreignKeys[0]).toMatchObject({
      name: 'c_x_y_fkey',
      references: { schema: 'a', name: 'p' },
      referencedColumns: ['x', 'y'],
    });
    expect(c.exclusions).toMatchObject([
      { name: 'c_r_excl', accessMethod: 'gist', elements: [{ column: 'r', operator: '&&' }] },
    ]);
  });

  it('reports every unknown column together with file:line:column', async () => {
    const error = await parseDdl([
      {
        file: 'bad.sql',
        text: 'CREATE TABLE a (id int PRIMARY KEY, x int NOT NULL, UNIQUE (gone));\nCREATE TABLE b (id int, PRIMARY KEY (nope));\n',
      },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatagenError);
    const e = error as DatagenError;
    expect(e.code).toBe(ErrorCodes.SCHEMA_INVALID);
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('column public.a.gone does not exist');
    expect(e.message).toContain('bad.sql:2:25: primary-key b_pkey: column public.b.nope does not exist');
  });

  it('an FK to a public table the DDL never defines is a located error (PostgreSQL refuses the FK)', async () => {
    await expect(
      parseDdl([
        { file: 'ok.sql', text: 'CREATE TABLE a (id int PRIMARY KEY, x int NOT NULL REFERENCES missing);\n' },
      ]),
    ).rejects.toThrow(
      /ok\.sql:1:52: foreign key a_x_fkey of public\.a: public\.missing is not defined in the DDL/,
    );
  });
});

describe('parseDdl: partitions and inheritance', () => {
  it('PARTITION OF copies the parent columns; ATTACH PARTITION (pg_dump style) sets the bound', async () => {
    const s = await model(`
      CREATE TABLE m (id int NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
      CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
      CREATE TABLE m_2021 (id int NOT NULL, at date NOT NULL);
      ALTER TABLE ONLY m ATTACH PARTITION m_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
      CREATE TABLE l (k text) PARTITION BY LIST (lower(k));
      CREATE TABLE l_def PARTITION OF l DEFAULT;`);
    expect(table(s, 'm').partitionBy).toEqual({ strategy: 'range', columns: ['at'], expressions: [null] });
    const p2020 = table(s, 'm_2020');
    expect(p2020.columns.map((c) => c.name)).toEqual(['id', 'at']);
    expect(p2020.partitionOf?.parent).toEqual({ schema: 'public', name: 'm' });
    expect(p2020.partitionOf?.bound.text).toBe("FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')");
    expect(p2020.primaryKey?.name).toBe('m_2020_pkey');
    expect(table(s, 'm_2021').partitionOf?.bound.text).toBe(
      "FOR VALUES FROM ('2021-01-01') TO ('2022-01-01')",
    );
    expect(table(s, 'l').partitionBy?.expressions[0]?.text).toBe('lower(k)');
    expect(table(s, 'l_def').partitionOf?.isDefault).toBe(true);
  });

  it('INHERITS copies parent columns and records the parent', async () => {
    const s = await model(
      `CREATE TABLE base (id int NOT NULL, CHECK (id > 0)); CREATE UNLOGGED TABLE sub (extra text) INHERITS (base);`,
    );
    const sub = table(s, 'sub');
    expect(sub.inherits).toEqual([{ schema: 'public', name: 'base' }]);
    expect(sub.columns.map((c) => c.name)).toEqual(['id', 'extra']);
    expect(sub.unlogged).toBe(true);
    expect(sub.location).toEqual({ file: 'test.sql', line: 1, column: 54 });
  });
});

describe('parseDdl: names and search_path', () => {
  it('keeps quoted, non-ASCII, UPPERCASE (folded) and reserved-word names exactly', async () => {
    const s = await model(
      `CREATE TABLE "User" ("Name" text, "select" int, "bıgınt" int, PLAIN_UPPER int); CREATE TABLE QRTZ_LOCKS (SCHED_NAME text);`,
    );
    expect(table(s, 'User').columns.map((c) => c.name)).toEqual(['Name', 'select', 'bıgınt', 'plain_upper']);
    expect(table(s, 'qrtz_locks').columns[0]?.name).toBe('sched_name');
  });

  it('resolves unqualified names with SET search_path and set_config; empty path means public', async () => {
    const s = await model(`
      CREATE SCHEMA app;
      SET search_path TO app, public;
      CREATE TABLE a (id int PRIMARY KEY);
      SELECT pg_catalog.set_config('search_path', '', false);
      CREATE TABLE b (id int);
      SET search_path = "$user", app;
      CREATE TABLE c (a_id int REFERENCES a);`);
    expect(s.tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['app.a', 'public.b', 'app.c']);
    expect(table(s, 'c', 'app').foreignKeys[0]?.references).toEqual({ schema: 'app', name: 'a' });
    const other = await model('CREATE TABLE d (id int);', 'sales');
    expect(other.tables[0]?.schema).toBe('sales');
  });
});

describe('parseDdl: errors and warnings', () => {
  it('reports a syntax error with line:column counted in characters after a non-ASCII line', async () => {
    const text = '-- café é\nCREATE DOMAIN "bıgınt" AS bigint;\nCREATE TABLE t (a int,, b int);\n';
    const error = await parseDdl([{ file: 'x.sql', text }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatagenError);
    const e = error as DatagenError;
    expect(e.code).toBe(ErrorCodes.SQL_SYNTAX);
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe(
      'x.sql:3:23: syntax error at or near ","\n  CREATE TABLE t (a int,, b int);\n                        ^',
    );
    expect(e.data).toMatchObject({ location: { file: 'x.sql', line: 3, column: 23 } });
  });

  it('refuses a trigger on a public table the DDL never creates (PostgreSQL refuses it), and only that one', async () => {
    // fix21: it was a warning, and the output stopped loading there ('relation "job_queue_locks" does not exist').
    const error = await parseDdl([
      {
        file: 'm.sql',
        text: `CREATE TABLE t (id int PRIMARY KEY);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER forbid BEFORE INSERT ON job_queue_locks FOR EACH STATEMENT EXECUTE PROCEDURE f();
CREATE TRIGGER on_t BEFORE INSERT ON t FOR EACH ROW EXECUTE PROCEDURE f();
CREATE VIEW v AS SELECT id FROM t;
CREATE RULE r AS ON INSERT TO v DO INSTEAD NOTHING;`,
      },
    ]).catch((e: unknown) => e);
    expect((error as DatagenError).message.split('\n').slice(1)).toEqual([
      'm.sql:3:1: TRIGGER forbid on public.job_queue_locks: the table is not defined in the DDL, so PostgreSQL refuses the statement (add the DDL that creates it)',
    ]);
  });

  it("names another database's DDL when a syntax error comes from it, and only then", async () => {
    const cases = [
      [
        'CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, PRIMARY KEY (`id`)) ENGINE=InnoDB;',
        'MySQL/MariaDB',
      ],
      ['CREATE TABLE [dbo].[users] ([id] INT IDENTITY(1,1) NOT NULL);\nGO\n', 'SQL Server'],
      ['CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);', 'SQLite'],
      ['CREATE TABLE t (a int,, b int);', undefined],
    ] as const;
    for (const [text, dialect] of cases) {
      const e = (await parseDdl([{ file: 'x.sql', text }]).catch((error: unknown) => error)) as DatagenError;
      expect(e.code).toBe(ErrorCodes.SQL_SYNTAX);
      if (dialect) expect(e.message).toContain(`This looks like ${dialect} DDL; datagen reads PostgreSQL's.`);
      else expect(e.message).not.toContain('This looks like');
    }
  });

  it('strips psql meta-commands, warning only for the ones that matter, and keeps locations', async () => {
    const { schema, warnings } = await parseDdl([
      { file: 'm.sql', text: '\\restrict abc\n\\connect other\nCREATE TABLE t (id int);\n' },
    ]);
    expect(warnings.map((w) => [w.code, w.where])).toEqual([['PSQL_META_COMMAND', 'm.sql:2:1']]);
    expect(schema.tables[0]?.location).toEqual({ file: 'm.sql', line: 3, column: 1 });
  });

  it('warns about what it does not model and keeps the statement', async () => {
    const { schema, warnings } = await parseDdl([
      {
        file: 'w.sql',
        text: 'CREATE TABLE a (id int);\nCREATE TABLE b AS SELECT 1 AS x;\nINSERT INTO a VALUES (1);\n',
      },
    ]);
    expect(warnings.map((w) => [w.code, w.where])).toEqual([
      ['UNSUPPORTED_TABLE', 'w.sql:2:1'],
      ['STATEMENT_SKIPPED', 'w.sql:3:1'],
    ]);
    expect(schema.statements.map((s) => s.sql)).toEqual([
      'CREATE TABLE a (id int);\n',
      'CREATE TABLE b AS SELECT 1 AS x;\n',
    ]);
  });
});

describe('parseDdl: statements in pg_dump order', () => {
  it('moves keys, indexes and foreign keys to post-data, schema-qualified', async () => {
    const s = await model(`
      SET search_path = app, public;
      CREATE SCHEMA app;
      CREATE TABLE p (id serial PRIMARY KEY, code text UNIQUE NOT NULL CHECK (code <> ''));
      ALTER TABLE p OWNER TO postgres;
      CREATE TABLE c (id int, p_id int REFERENCES p, PRIMARY KEY (id));
      CREATE INDEX ON c (p_id);
      CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
      CREATE TRIGGER t BEFORE INSERT ON c FOR EACH ROW EXECUTE FUNCTION f();
      COMMENT ON CONSTRAINT c_pkey ON c IS 'key';
      CREATE MATERIALIZED VIEW v AS SELECT 1 AS one;
      ALTER TABLE c ADD CONSTRAINT c_ok CHECK (id > 0), ADD CONSTRAINT c_id_uk UNIQUE (id), ENABLE ROW LEVEL SECURITY;`);
    const lines = s.statements.map(
      (x) => `${x.section} ${x.desc} ${x.tag} | ${x.sql.replace(/\s+/g, ' ').trim()}`,
    );
    expect(lines).toEqual([
      'pre-data SET search_path | SET search_path = app, public;',
      'pre-data SCHEMA app | CREATE SCHEMA app;',
      "pre-data TABLE p | CREATE TABLE app.p ( id int NOT NULL, code text NOT NULL CHECK (code <> '') );",
      'pre-data SEQUENCE p_id_seq | CREATE SEQUENCE app.p_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;',
      'pre-data SEQUENCE OWNED BY p_id_seq | ALTER SEQUENCE app.p_id_seq OWNED BY app.p.id;',
      "pre-data DEFAULT p id | ALTER TABLE ONLY app.p ALTER COLUMN id SET DEFAULT nextval('app.p_id_seq'::regclass);",
      'pre-data OWNER p | ALTER TABLE p OWNER TO postgres;',
      'pre-data TABLE c | CREATE TABLE app.c ( id int, p_id int );',
      "pre-data FUNCTION f() | CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';",
      'pre-data MATERIALIZED VIEW v | CREATE MATERIALIZED VIEW app.v AS SELECT 1 AS one WITH NO DATA;',
      'pre-data CHECK CONSTRAINT c c_ok | ALTER TABLE app.c ADD CONSTRAINT c_ok CHECK (id > 0);',
      'post-data CONSTRAINT p p_pkey | ALTER TABLE ONLY app.p ADD CONSTRAINT p_pkey PRIMARY KEY (id);',
      'post-data CONSTRAINT p p_code_key | ALTER TABLE ONLY app.p ADD CONSTRAINT p_code_key UNIQUE (code);',
      'post-data CONSTRAINT c c_pkey | ALTER TABLE ONLY app.c ADD CONSTRAINT c_pkey PRIMARY KEY (id);',
      'post-data CONSTRAINT c c_id_uk | ALTER TABLE app.c ADD CONSTRAINT c_id_uk UNIQUE (id);',
      'post-data INDEX c_p_id_idx | CREATE INDEX ON app.c (p_id);',
      'post-data FK CONSTRAINT c c_p_id_fkey | ALTER TABLE ONLY app.c ADD CONSTRAINT c_p_id_fkey FOREIGN KEY(p_id) REFERENCES app.p;',
      'post-data TRIGGER c t | CREATE TRIGGER t BEFORE INSERT ON app.c FOR EACH ROW EXECUTE PROCEDURE f();',
      "post-data COMMENT CONSTRAINT c_pkey ON c | COMMENT ON CONSTRAINT c_pkey ON app.c IS 'key';",
      'post-data ROW SECURITY c | ALTER TABLE app.c ENABLE ROW LEVEL SECURITY;',
      'post-data MATERIALIZED VIEW DATA v | REFRESH MATERIALIZED VIEW app.v;',
    ]);
    const created = s.statements.find((x) => x.desc === 'TABLE' && x.tag === 'p');
    expect(created?.owner).toBe('postgres');
    expect(s.statements.find((x) => x.desc === 'FK CONSTRAINT')?.tables).toEqual([
      { schema: 'app', name: 'c' },
      { schema: 'app', name: 'p' },
    ]);
  });
});

describe('parseDdl: the server version the DDL needs', () => {
  it.each([
    ['CREATE TABLE t (id int PRIMARY KEY, u uuid UNIQUE NULLS NOT DISTINCT)', 15],
    ['CREATE TABLE t (c text STORAGE external); CREATE VIEW v AS SELECT c IS JSON OBJECT AS j FROM t', 16],
    [
      'CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED); ALTER TABLE t ALTER COLUMN b SET EXPRESSION AS (a * 2)',
      17,
    ],
    ["CREATE VIEW v AS SELECT * FROM JSON_TABLE('[1]'::jsonb, '$[*]' COLUMNS (x int PATH '$')) AS j", 17],
    [
      'CREATE TABLE t (id int PRIMARY KEY); CREATE FUNCTION f() RETURNS SETOF t LANGUAGE sql BEGIN ATOMIC ' +
        'MERGE INTO t USING (SELECT 1 AS id) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT VALUES (s.id) RETURNING t.*; END',
      17,
    ],
    [
      'CREATE TABLE t (id int PRIMARY KEY); CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql BEGIN ATOMIC ' +
        'UPDATE t SET id = id + 1 RETURNING WITH (OLD AS o) o.id; END',
      18,
    ],
    ['CREATE TABLE t (id uuid DEFAULT uuidv7() PRIMARY KEY)', 18],
    // PostgreSQL 18's syntax, read from the parse tree (17's parser refused it).
    ['CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) STORED, c int CONSTRAINT c_nn NOT NULL)', 15],
    ['CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1) VIRTUAL)', 18],
    ['CREATE TABLE t (a int, b int GENERATED ALWAYS AS (a + 1))', 18],
    ['CREATE TABLE t (a int, CONSTRAINT a_pos CHECK (a > 0) NOT ENFORCED)', 18],
    ['CREATE TABLE t (a int CHECK (a > 0) NOT ENFORCED)', 18],
    ['CREATE TABLE p (id int PRIMARY KEY); CREATE TABLE t (a int REFERENCES p NOT ENFORCED)', 18],
    ['CREATE TABLE t (a int, CONSTRAINT a_nn NOT NULL a)', 18],
    ['CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT a_nn NOT NULL a NO INHERIT', 18],
    ['CREATE TABLE t (a int NOT NULL NO INHERIT)', 18],
    [
      'CREATE TABLE t (a int, CONSTRAINT a_pos CHECK (a > 0)); ALTER TABLE t ALTER CONSTRAINT a_pos NOT ENFORCED',
      18,
    ],
    ['CREATE TABLE t (id int, during daterange, PRIMARY KEY (id, during WITHOUT OVERLAPS))', 18],
    [
      'CREATE TABLE p (id int, during daterange, UNIQUE (id, during WITHOUT OVERLAPS)); ' +
        'CREATE TABLE c (p_id int, during daterange, FOREIGN KEY (p_id, PERIOD during) REFERENCES p (id, PERIOD during))',
      18,
    ],
    ['CREATE TABLE t (id uuid DEFAULT pg_catalog.uuidv7() PRIMARY KEY)', 18],
    // The DDL's own function of a name PostgreSQL 18 also has, and rows the output leaves out, ask nothing.
    [
      'CREATE FUNCTION gamma(x float8) RETURNS float8 LANGUAGE sql AS $$ SELECT x $$; CREATE TABLE t (g float8 DEFAULT gamma(1))',
      15,
    ],
    ['CREATE TABLE t (id uuid PRIMARY KEY); INSERT INTO t VALUES (uuidv7())', 15],
    // A subquery in FROM without an alias (Lemmy's migrations) is 16's.
    ['CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM (SELECT a FROM t)', 16],
    ['CREATE TABLE t (a int); CREATE VIEW v AS SELECT a FROM (SELECT a FROM t) AS s', 15],
  ])('%s → %i', async (sql, version) => {
    expect((await model(sql)).serverVersion).toBe(version);
  });

  it('says which statement first needs a newer server than 15', async () => {
    const sql = 'CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT a FROM (SELECT a FROM t);\n';
    const { warnings } = await parseDdl([{ file: 'test.sql', text: sql }]);
    expect(warnings).toEqual([
      {
        code: 'SERVER_VERSION',
        message:
          'the DDL uses syntax of PostgreSQL 16 (first at test.sql:2:1): the output loads only into PostgreSQL 16 or later',
        where: 'test.sql:2:1',
      },
    ]);
    expect((await parseDdl([{ file: 'test.sql', text: 'CREATE TABLE t (a int);' }])).warnings).toEqual([]);
  });
});

describe('parseDdl: unique keys on partitioned tables', () => {
  it('a key lacking a partition column is refused at its declaration, as PostgreSQL refuses it; one with every partition column is kept', async () => {
    // Before: exit 0, and the script stopped at its CREATE TABLE (fix11 noticed it).
    await expect(
      model('CREATE TABLE p (id int, d date NOT NULL, PRIMARY KEY (id)) PARTITION BY RANGE (d);\n'),
    ).rejects.toThrow(
      /test\.sql:1:\d+: PRIMARY KEY p_pkey on partitioned table public\.p lacks column d of its partition key, which PostgreSQL refuses .*; add d to the key/,
    );
    await expect(
      model(
        'CREATE TABLE p (id int, d date NOT NULL, code text) PARTITION BY RANGE (d);\nCREATE UNIQUE INDEX p_code ON ONLY p (code);\n',
      ),
    ).rejects.toThrow(/test\.sql:2:1: unique index p_code on partitioned table public\.p lacks column d/);
    const kept = await model(
      "CREATE TABLE p (id int, d date NOT NULL, code text, PRIMARY KEY (id, d), UNIQUE (code, d)) PARTITION BY RANGE (d);\nCREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2020-01-01') TO ('2030-01-01');\nCREATE UNIQUE INDEX p1_code ON p1 (code);\n",
    );
    expect(table(kept, 'p').primaryKey?.columns).toEqual(['id', 'd']);
  });
});

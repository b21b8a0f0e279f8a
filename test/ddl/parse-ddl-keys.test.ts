/**
 * parseDdl: keys and foreign keys (named as PostgreSQL names them, resolved
 * when added later), partitions and inheritance, and unique keys on
 * partitioned tables, as the model holds them.
 */
import { describe, expect, it } from 'vitest';
import { DatagenError, ErrorCodes } from '../../src/errors.js';
import { parseDdl } from '../../src/input/ddl/index.js';
import { column, model, table } from '../helpers/parsed-model.js';

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

  it("a partition partitioned in turn takes its parent's keys, which must hold its own partition key's columns too", async () => {
    // Before: exit 0, and the script stopped at the partition's CREATE TABLE (PostgreSQL:
    // 'PRIMARY KEY constraint on table "ev_2024" lacks column "kind" which is part of the partition key').
    const ddl = (key: string) =>
      `CREATE TABLE ev (id bigint, at timestamptz NOT NULL, kind text NOT NULL, code text, PRIMARY KEY (${key}), UNIQUE (code, ${key})) PARTITION BY RANGE (at);\n` +
      "CREATE TABLE ev_2024 PARTITION OF ev FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (kind);\n" +
      "CREATE TABLE ev_2024_a PARTITION OF ev_2024 FOR VALUES IN ('a');\n";
    await expect(model(ddl('id, at'))).rejects.toThrow(
      /test\.sql:2:1: PRIMARY KEY ev_2024_pkey on partitioned table public\.ev_2024 \(taken from its parent public\.ev: a partition gets its parent's keys\) lacks column kind of its partition key.*\ntest\.sql:2:1: UNIQUE constraint ev_2024_code_id_at_key on partitioned table public\.ev_2024 .*lacks column kind/,
    );
    const kept = await model(ddl('id, at, kind'));
    expect(table(kept, 'ev_2024').primaryKey?.columns).toEqual(['id', 'at', 'kind']);
    expect(table(kept, 'ev_2024_a').primaryKey?.columns).toEqual(['id', 'at', 'kind']);
  });
});

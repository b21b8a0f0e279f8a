/**
 * Random PostgreSQL schemas as DDL text, for the property test of issue 8's
 * invariant: tables with many types, FKs (composite, cycles, self
 * references), NOT NULL mixes, the CHECK shapes real schemas use (ranges, IN
 * lists, LIKE/regex patterns also on keys, exactly-one over FK columns,
 * comparisons between FK columns, num_nonnulls, btrim/lower IN, CASE over a
 * column another one steers), unique constraints, partial and expression
 * indexes, range columns (bound CHECKs, EXCLUDE USING gist &&), domains over
 * arrays, generated columns (text, a unique CASE of two tagged branches) and
 * partitioned tables (schema-partitions.ts). Not every schema is valid: the
 * server is asked first, and the ones it rejects are discarded.
 */
import fc from 'fast-check';
import { type PartitionShape, partitionShape } from './schema-partitions.js';

type Gen = fc.GeneratorValue;

/** A column type: its SQL, whether it can be a key, and the CHECKs that fit it. */
interface TypeSpec {
  readonly sql: string;
  readonly checks: readonly ((c: string) => string)[];
}

const INT_CHECKS = [
  (c: string) => `${c} BETWEEN 1 AND 100`,
  (c: string) => `${c} > 0`,
  (c: string) => `${c} >= -5 AND ${c} < 5`,
  (c: string) => `${c} IN (1, 2, 3, 7)`,
  (c: string) => `${c} <> 0`,
  (c: string) => `${c} = ANY (ARRAY[10, 20, 30])`,
  (c: string) => `${c} % 2 = 0`,
];
const TEXT_CHECKS = [
  (c: string) => `${c} IN ('draft', 'sent', 'paid')`,
  (c: string) => `${c} LIKE 'A%'`,
  (c: string) => `${c} ~ '^[A-Z]{2}[0-9]{3}$'`,
  (c: string) => `${c} ~* '^https?://'`,
  (c: string) => `length(${c}) >= 3`,
  (c: string) => `char_length(${c}) <= 4`,
  (c: string) => `${c} <> ''`,
  (c: string) => `${c} = lower(${c})`,
  (c: string) => `upper(${c}) IN ('X', 'Y')`,
  (c: string) => `${c} ~~ 'refs/heads/%'`,
  (c: string) => `${c} !~~ '%@%'`,
  (c: string) => `${c} = ANY ('{a,b}'::text[])`,
  (c: string) => `${c} = ANY (ARRAY['ab', 'cd'])`,
  (c: string) => `btrim(${c}) = ${c}`,
  (c: string) => `${c} ~~* 'a%'`,
  (c: string) => `lower(${c}) IN ('x', 'yz')`,
];

function typeSpecs(enums: readonly string[], domains: readonly string[]): TypeSpec[] {
  return [
    { sql: 'int2', checks: INT_CHECKS },
    { sql: 'int4', checks: INT_CHECKS },
    { sql: 'int8', checks: INT_CHECKS },
    { sql: 'numeric(5,2)', checks: [(c) => `${c} >= 0`, (c) => `${c} BETWEEN 0 AND 100`] },
    { sql: 'numeric(3,0)', checks: [(c) => `${c} > 0`, (c) => `${c} BETWEEN 10 AND 5000`] },
    { sql: 'numeric(2,2)', checks: [(c) => `${c} > 0`] },
    { sql: 'numeric', checks: [(c) => `${c} >= 0.5`] },
    { sql: 'varchar(3)', checks: TEXT_CHECKS },
    { sql: 'varchar(12)', checks: TEXT_CHECKS },
    { sql: 'char(2)', checks: TEXT_CHECKS },
    { sql: 'text', checks: TEXT_CHECKS },
    { sql: 'bool', checks: [(c) => `${c}`, (c) => `NOT ${c}`] },
    {
      sql: 'date',
      checks: [(c) => `${c} >= '2000-01-01'`, (c) => `${c} < '2030-01-01'`, (c) => `${c} <= now()`],
    },
    { sql: 'timestamptz', checks: [(c) => `${c} > '2010-01-01'`, (c) => `${c} < now()`] },
    { sql: 'timestamp(0)', checks: [(c) => `${c} BETWEEN '2020-01-01' AND '2020-01-02'`] },
    { sql: 'uuid', checks: [(c) => `${c} <> '00000000-0000-0000-0000-000000000000'`] },
    { sql: 'jsonb', checks: [(c) => `jsonb_typeof(${c}) = 'object'`, (c) => `jsonb_typeof(${c}) = 'array'`] },
    { sql: 'int4[]', checks: [(c) => `cardinality(${c}) <= 3`, (c) => `array_length(${c}, 1) > 0`] },
    { sql: 'text[]', checks: [(c) => `cardinality(${c}) BETWEEN 1 AND 2`] },
    { sql: 'int4range', checks: [(c) => `NOT isempty(${c})`, (c) => `lower(${c}) >= 0`] },
    { sql: 'tstzrange', checks: [(c) => `upper(${c}) < '2030-01-01'`] },
    ...enums.map((e) => ({ sql: e, checks: [(c: string) => `${c} <> 'a'`] })),
    ...domains.map((d) => ({ sql: d, checks: [] })),
  ];
}

const DOMAINS = [
  'CREATE DOMAIN %s AS int4 CHECK (VALUE > 0)',
  'CREATE DOMAIN %s AS int2 CHECK (VALUE BETWEEN 1 AND 9)',
  "CREATE DOMAIN %s AS varchar(8) CHECK (VALUE ~ '^[a-z]{3,8}$')",
  "CREATE DOMAIN %s AS text NOT NULL CHECK (VALUE IN ('x', 'y'))",
  'CREATE DOMAIN %s AS numeric(4,1) CHECK (VALUE >= 0)',
  'CREATE DOMAIN %s AS int4[] CHECK (cardinality(VALUE) <= 3)',
  "CREATE DOMAIN %s AS text[] CHECK (VALUE <> '{}')",
  'CREATE DOMAIN %s AS int2[] NOT NULL CHECK (array_length(VALUE, 1) = 2)',
];

/** A primary key kind: its columns (name, type) and CHECKs on them. */
interface KeyKind {
  readonly columns: readonly (readonly [string, string])[];
  readonly refTypes: readonly string[];
  readonly checks: readonly string[];
}

const KEY_KINDS: readonly KeyKind[] = [
  { columns: [['id', 'serial']], refTypes: ['int4'], checks: [] },
  { columns: [['id', 'int8 GENERATED ALWAYS AS IDENTITY']], refTypes: ['int8'], checks: [] },
  { columns: [['id', 'uuid']], refTypes: ['uuid'], checks: [] },
  { columns: [['id', 'int2']], refTypes: ['int2'], checks: ['id > 0'] },
  { columns: [['code', 'text']], refTypes: ['text'], checks: ["code ~ '^[A-Z]{2}[0-9]{3}$'"] },
  { columns: [['code', 'varchar(6)']], refTypes: ['varchar(6)'], checks: ["code LIKE 'A%'"] },
  { columns: [['code', 'char(3)']], refTypes: ['char(3)'], checks: [] },
  {
    columns: [
      ['a', 'int4'],
      ['b', 'int2'],
    ],
    refTypes: ['int4', 'int2'],
    checks: [],
  },
  {
    columns: [
      ['a', 'text'],
      ['b', 'date'],
    ],
    refTypes: ['text', 'date'],
    checks: ['a <> b::text'],
  },
];

interface TableDraft {
  readonly name: string;
  readonly key: KeyKind | null;
  /** A partitioned table: no unique key but its primary key (which holds the partition column). */
  readonly partition?: PartitionShape;
}

interface Fk {
  readonly columns: readonly string[];
  readonly parent: TableDraft;
  readonly notNull: boolean;
}

export interface GeneratedSchema {
  readonly ddl: string;
  readonly rows: number;
}

function pick<T>(g: Gen, items: readonly T[]): T {
  return items[g(fc.nat, { max: items.length - 1 })] as T;
}

function chance(g: Gen, percent: number): boolean {
  return g(fc.nat, { max: 99 }) < percent;
}

function keyColumns(t: TableDraft): string {
  return t.key?.columns.map(([c]) => c).join(', ') ?? '';
}

/** Columns, FKs and table CHECKs of one table; the statements go to `out` / `late`. */
function tableDdl(
  g: Gen,
  t: TableDraft,
  tables: readonly TableDraft[],
  types: readonly TypeSpec[],
  late: string[],
): string[] {
  const lines: string[] = [];
  const checks: string[] = [...(t.key?.checks ?? [])];
  for (const [c, type] of t.key?.columns ?? []) lines.push(`${c} ${type} NOT NULL`);
  if (t.key) lines.push(`PRIMARY KEY (${keyColumns(t)})`);
  const plain: { name: string; type: TypeSpec; notNull: boolean }[] = [];
  for (let i = g(fc.nat, { max: 5 }); i > 0; i--) {
    const name = `c${plain.length}`;
    const type = pick(g, types);
    const notNull = chance(g, 40);
    const unique = !t.partition && chance(g, 15);
    plain.push({ name, type, notNull });
    const check = type.checks.length > 0 && chance(g, 50) ? ` CHECK (${pick(g, type.checks)(name)})` : '';
    lines.push(`${name} ${type.sql}${notNull ? ' NOT NULL' : ''}${unique ? ' UNIQUE' : ''}${check}`);
  }
  const fks: Fk[] = [];
  const parents = tables.filter((p) => p.key);
  for (let i = parents.length === 0 ? 0 : g(fc.nat, { max: 3 }); i > 0; i--) {
    const parent = pick(g, parents);
    const notNull = chance(g, 35);
    const columns = (parent.key as KeyKind).refTypes.map((type, k) => {
      const name = `f${fks.length}_${k}`;
      lines.push(`${name} ${type}${notNull ? ' NOT NULL' : ''}`);
      return name;
    });
    fks.push({ columns, parent, notNull });
    const ref = `FOREIGN KEY (${columns.join(', ')}) REFERENCES ${parent.name} (${keyColumns(parent)})`;
    if (tables.indexOf(parent) <= tables.indexOf(t)) lines.push(ref);
    else late.push(`ALTER TABLE ${t.name} ADD ${ref};`);
  }
  checks.push(...fkChecks(g, fks).filter((c) => !t.partition || !c.startsWith('UNIQUE:')));
  const ints = plain.filter((c) => /^int[248]$/.test(c.type.sql));
  if (ints.length >= 2 && chance(g, 40)) checks.push(`${ints[0]?.name} <= ${ints[1]?.name}`);
  const n = plain.filter((c) => !c.notNull).map((c) => c.name);
  if (n.length >= 2 && chance(g, 20)) checks.push(`num_nonnulls(${n[0]}, ${n[1]}) >= 1`);
  checks.push(...caseChecks(g, plain));
  for (const check of checks)
    lines.push(check.startsWith('UNIQUE:') ? `UNIQUE (${check.slice(7)})` : `CHECK (${check})`);
  lines.push(...generatedColumns(g, plain, ints, !t.partition));
  const ranges = plain.filter((c) => c.type.sql.endsWith('range'));
  if (ranges[0] && !t.partition && chance(g, 40))
    lines.push(`EXCLUDE USING gist (${ranges[0].name} WITH &&)`);
  const extra: string[] = [];
  if (plain.length >= 2 && !t.partition && chance(g, 25))
    lines.push(`UNIQUE (${plain[0]?.name}, ${plain[1]?.name})`);
  extra.push(...indexes(g, t, plain));
  const head = `CREATE TABLE ${t.name} (\n  ${lines.join(',\n  ')}\n)`;
  if (!t.partition) return [`${head};`, ...extra];
  return [`${head} ${t.partition.clause};`, ...t.partition.partitions(t.name), ...extra];
}

/** Generated columns: whose expression can fail on extreme values, of text, and a unique CASE of two branches. */
function generatedColumns(
  g: Gen,
  plain: readonly { name: string; type: TypeSpec }[],
  ints: readonly { name: string }[],
  uniqueAllowed: boolean,
): string[] {
  const out: string[] = [];
  if (ints[0] && chance(g, 20)) out.push(`g0 int8 GENERATED ALWAYS AS (${ints[0].name} * 2 + 1) STORED`);
  const text = plain.find((c) => /^(text|varchar\(12\))$/.test(c.type.sql));
  if (text && chance(g, 20)) out.push(`g1 text GENERATED ALWAYS AS (lower(${text.name}) || '-x') STORED`);
  if (ints.length >= 2 && chance(g, 20)) {
    const [a, b] = [ints[0]?.name, ints[1]?.name];
    const unique = uniqueAllowed && chance(g, 50) ? ' UNIQUE' : '';
    out.push(
      `g2 text GENERATED ALWAYS AS (CASE WHEN ${a} IS NOT NULL THEN 'a:' || ${a} ELSE 'b:' || ${b} END) STORED${unique}`,
    );
  }
  return out;
}

/** CASE in CHECKs (a branch over a NOT NULL column: hostile14's note), and IS NOT NULL steered by another column. */
function caseChecks(g: Gen, plain: readonly { name: string; type: TypeSpec; notNull: boolean }[]): string[] {
  const [a, b] = plain;
  if (!a || !b || !chance(g, 30)) return [];
  const cond = /^int[248]$/.test(a.type.sql) ? `${a.name} > 0` : `${a.name} IS NOT NULL`;
  return [
    pick(g, [
      `CASE WHEN ${cond} THEN ${b.name} IS NOT NULL ELSE true END`,
      // A NULL condition takes the ELSE: with b NOT NULL, a's columns must be set (hostile15's find).
      `CASE WHEN ${cond} THEN ${b.name} IS NOT NULL ELSE ${b.name} IS NULL END`,
      `(${cond}) OR ${b.name} IS NULL`,
    ]),
  ];
}

/** Exactly-one / at-most-one and order CHECKs over single-column FKs. */
function fkChecks(g: Gen, fks: readonly Fk[]): string[] {
  const single = fks.filter((f) => f.columns.length === 1);
  const a = single[0]?.columns[0];
  const b = single[1]?.columns[0];
  if (a === undefined || b === undefined) return [];
  const checks: string[] = [];
  const nullable = !single[0]?.notNull && !single[1]?.notNull;
  if (nullable && chance(g, 60)) {
    checks.push(
      pick(g, [
        `(${a} IS NOT NULL) <> (${b} IS NOT NULL)`,
        `num_nonnulls(${a}, ${b}) = 1`,
        `num_nonnulls(${a}, ${b}) <= 1`,
        `((${a} IS NULL) AND (${b} IS NOT NULL)) OR ((${a} IS NOT NULL) AND (${b} IS NULL))`,
      ]),
    );
  }
  if (single[0]?.parent === single[1]?.parent && chance(g, 60)) {
    checks.push(pick(g, [`${a} <> ${b}`, `${a} < ${b}`]));
    // The pair also as a key (a junction table of distinct pairs).
    if (chance(g, 40)) checks.push(`UNIQUE:${a}, ${b}`);
  }
  return checks;
}

/** Unique, partial unique and expression indexes on a table's plain columns. */
function indexes(g: Gen, t: TableDraft, plain: readonly { name: string; type: TypeSpec }[]): string[] {
  const out: string[] = [];
  if (t.partition) {
    if (plain[0] && chance(g, 30)) out.push(`CREATE INDEX ON ${t.name} (${plain[0].name});`);
    return out;
  }
  const texts = plain.filter((c) => /^(text|varchar|char)(\(\d+\))?$/.test(c.type.sql));
  const bools = plain.filter((c) => c.type.sql === 'bool');
  const col = plain[0];
  if (col && chance(g, 25))
    out.push(`CREATE UNIQUE INDEX ON ${t.name} (${col.name}) WHERE ${col.name} IS NOT NULL;`);
  if (col && bools[0] && chance(g, 25)) {
    out.push(`CREATE UNIQUE INDEX ON ${t.name} (${col.name}) WHERE ${bools[0].name};`);
  }
  if (texts[0] && chance(g, 25)) out.push(`CREATE UNIQUE INDEX ON ${t.name} (lower(${texts[0].name}));`);
  if (col && chance(g, 20))
    out.push(`CREATE INDEX ON ${t.name} (${col.name}, ${keyColumns(t) || col.name});`);
  const ints = plain.filter((c) => /^int[248]$/.test(c.type.sql));
  if (ints[0] && chance(g, 20)) out.push(`CREATE INDEX ON ${t.name} ((${ints[0].name} + 1));`);
  const castable = plain.find(
    (c) => /^(text|varchar|char|int[248])/.test(c.type.sql) && !c.type.sql.endsWith('[]'),
  );
  if (castable && chance(g, 15))
    out.push(
      `CREATE UNIQUE INDEX ON ${t.name} ((${castable.name}::text)) WHERE ${castable.name} IS NOT NULL;`,
    );
  return out;
}

/** A whole schema: enums, domains, tables (FKs after the tables they need), indexes. */
export const schemaArbitrary: fc.Arbitrary<GeneratedSchema> = fc.gen().map((g) => {
  const head: string[] = [];
  const enums: string[] = [];
  for (let i = g(fc.nat, { max: 2 }); i > 0; i--) {
    const name = `e${enums.length}`;
    enums.push(name);
    const labels = ['a', 'b', 'c', 'd'].slice(0, 1 + g(fc.nat, { max: 3 }));
    head.push(`CREATE TYPE ${name} AS ENUM (${labels.map((l) => `'${l}'`).join(', ')});`);
  }
  const domains: string[] = [];
  for (let i = g(fc.nat, { max: 2 }); i > 0; i--) {
    const name = `d${domains.length}`;
    domains.push(name);
    head.push(`${pick(g, DOMAINS).replace('%s', name)};`);
  }
  const types = typeSpecs(enums, domains);
  const tables: TableDraft[] = [];
  for (let i = 1 + g(fc.nat, { max: 4 }); i > 0; i--) {
    const name = `t${tables.length}`;
    if (chance(g, 15)) {
      const partition = partitionShape(g);
      const key: KeyKind = {
        columns: [['id', 'int4'], partition.column],
        refTypes: ['int4', partition.column[1]],
        checks: [],
      };
      tables.push({ name, key, partition });
    } else tables.push({ name, key: chance(g, 85) ? pick(g, KEY_KINDS) : null });
  }
  const late: string[] = [];
  const body = tables.flatMap((t) => tableDdl(g, t, tables, types, late));
  const rows = pick(g, [1, 7, 60, 400]);
  return { ddl: `${[...head, ...body, ...late].join('\n')}\n`, rows };
});

/**
 * A small hand-written schema (as DdlStatements, the way the DDL reader
 * produces them) with COPY payloads: quoted names, a serial sequence, a
 * partitioned table loaded through its root, an FK, a comment on an index,
 * UTF-8 and escapes in values, an empty table, and optionally a big table
 * (several MiB, so compression runs on several chunks).
 */

import type { TableDataSource } from '../../src/archive/build-archive-entries.js';
import type {
  DdlStatement,
  ForeignKey,
  PartitionSpec,
  QualifiedName,
  Schema,
  Section,
  Table,
  UniqueKey,
} from '../../src/schema/model.js';

const stmt = (
  desc: string,
  section: Section,
  namespace: string | null,
  tag: string,
  sql: string,
  tables: QualifiedName[] = [],
  owner: string | null = null,
): DdlStatement => ({
  kind: 'statement',
  desc,
  section,
  namespace,
  tag,
  owner,
  sql,
  tables,
  location: null,
  searchPath: [],
});

const q = (schema: string, name: string): QualifiedName => ({ schema, name });

const key = (
  name: string,
  columns: string[],
  kind: UniqueKey['kind'] = 'primary-key',
  isIndex = false,
): UniqueKey => ({
  kind,
  name,
  columns,
  expressions: columns.map(() => null),
  where: null,
  nullsNotDistinct: false,
  isIndex,
  deferrable: false,
});

const table = (
  schema: string,
  name: string,
  extra: {
    primaryKey?: UniqueKey;
    uniques?: UniqueKey[];
    foreignKeys?: ForeignKey[];
    partitionBy?: PartitionSpec;
  } = {},
): Table => ({
  kind: 'table',
  schema,
  name,
  columns: [],
  primaryKey: extra.primaryKey ?? null,
  uniques: extra.uniques ?? [],
  foreignKeys: extra.foreignKeys ?? [],
  checks: [],
  exclusions: [],
  partitionBy: extra.partitionBy ?? null,
  partitionOf: null,
  inherits: [],
  unlogged: false,
  location: null,
});

const author = q('shop', 'author');
const book = q('shop', 'Book');
const events = q('shop', 'events');
const emptyT = q('public', 'empty_t');
const big = q('public', 'big');

export interface Fixture {
  readonly schema: Schema;
  readonly tableData: TableDataSource[];
  readonly sequenceValues: { sequence: QualifiedName; sql: string }[];
  /** Expected row counts after a restore, by `schema.table`. */
  readonly rowCounts: Record<string, number>;
}

/** Yield `text` as UTF-8 in pieces of odd sizes (so nothing depends on how the caller slices data). */
async function* pieces(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Rows of the big table, generated in 64 KiB batches: `i \t md5-ish text \t i*7 mod 1000`. */
async function* bigRows(rows: number): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let batch = '';
  for (let i = 1; i <= rows; i++) {
    // Deterministic, only mildly compressible text.
    const h = Math.imul(i, 2654435761) >>> 0;
    batch += `${i}\trow-${h.toString(16)}-${(h ^ 0x5bd1e995).toString(36)}-${i % 97}\t${(i * 7) % 1000}\n`;
    if (batch.length >= 64 * 1024) {
      yield encoder.encode(batch);
      batch = '';
    }
  }
  if (batch.length > 0) yield encoder.encode(batch);
}

/** The fixture's pre-data entries: schema, tables (a partitioned one), sequence, owner and comments. */
function preDataStatements(bigCount: number): DdlStatement[] {
  return [
    stmt('SET', 'pre-data', null, 'SET', "SET client_min_messages = 'warning';\n"),
    stmt('SCHEMA', 'pre-data', null, 'shop', 'CREATE SCHEMA shop;\n'),
    stmt(
      'TABLE',
      'pre-data',
      'shop',
      'author',
      'CREATE TABLE shop.author (\n    id integer NOT NULL,\n    email text NOT NULL,\n    name text\n);\n',
      [author],
    ),
    stmt('OWNER', 'pre-data', 'shop', 'author', 'ALTER TABLE shop.author OWNER TO postgres;\n', [author]),
    stmt(
      'COMMENT',
      'pre-data',
      'shop',
      'TABLE author',
      "COMMENT ON TABLE shop.author IS 'people who write';\n",
      [author],
    ),
    stmt(
      'SEQUENCE',
      'pre-data',
      'shop',
      'author_id_seq',
      'CREATE SEQUENCE shop.author_id_seq\n    AS integer\n    START WITH 1\n    INCREMENT BY 1\n    NO MINVALUE\n    NO MAXVALUE\n    CACHE 1;\n',
    ),
    stmt(
      'SEQUENCE OWNED BY',
      'pre-data',
      'shop',
      'author_id_seq',
      'ALTER SEQUENCE shop.author_id_seq OWNED BY shop.author.id;\n',
      [author],
    ),
    stmt(
      'DEFAULT',
      'pre-data',
      'shop',
      'author id',
      "ALTER TABLE ONLY shop.author ALTER COLUMN id SET DEFAULT nextval('shop.author_id_seq'::regclass);\n",
      [author],
    ),
    stmt(
      'TABLE',
      'pre-data',
      'shop',
      'Book',
      'CREATE TABLE shop."Book" (\n    id integer NOT NULL,\n    author_id integer,\n    title text,\n    price numeric(10,2),\n    CONSTRAINT price_positive CHECK ((price > (0)::numeric))\n);\n',
      [book],
    ),
    stmt(
      'TABLE',
      'pre-data',
      'shop',
      'events',
      'CREATE TABLE shop.events (\n    id integer NOT NULL,\n    kind text NOT NULL\n)\nPARTITION BY LIST (kind);\n',
      [events],
    ),
    stmt(
      'TABLE',
      'pre-data',
      'shop',
      'events_a',
      "CREATE TABLE shop.events_a PARTITION OF shop.events FOR VALUES IN ('a');\n",
      [q('shop', 'events_a'), events],
    ),
    stmt(
      'TABLE',
      'pre-data',
      'shop',
      'events_b',
      "CREATE TABLE shop.events_b PARTITION OF shop.events FOR VALUES IN ('b');\n",
      [q('shop', 'events_b'), events],
    ),
    stmt('TABLE', 'pre-data', 'public', 'empty_t', 'CREATE TABLE public.empty_t (\n    x integer\n);\n', [
      emptyT,
    ]),
    ...(bigCount > 0
      ? [
          stmt(
            'TABLE',
            'pre-data',
            'public',
            'big',
            'CREATE TABLE public.big (\n    id bigint NOT NULL,\n    label text,\n    n integer\n);\n',
            [big],
          ),
        ]
      : []),
  ];
}

/** The fixture's post-data entries: keys, an index with its comment, the foreign key. */
function postDataStatements(bigCount: number): DdlStatement[] {
  return [
    stmt(
      'CONSTRAINT',
      'post-data',
      'shop',
      'author author_email_key',
      'ALTER TABLE ONLY shop.author\n    ADD CONSTRAINT author_email_key UNIQUE (email);\n',
      [author],
    ),
    stmt(
      'CONSTRAINT',
      'post-data',
      'shop',
      'author author_pkey',
      'ALTER TABLE ONLY shop.author\n    ADD CONSTRAINT author_pkey PRIMARY KEY (id);\n',
      [author],
    ),
    stmt(
      'CONSTRAINT',
      'post-data',
      'shop',
      'Book Book_pkey',
      'ALTER TABLE ONLY shop."Book"\n    ADD CONSTRAINT "Book_pkey" PRIMARY KEY (id);\n',
      [book],
    ),
    stmt(
      'CONSTRAINT',
      'post-data',
      'shop',
      'events events_pkey',
      'ALTER TABLE ONLY shop.events\n    ADD CONSTRAINT events_pkey PRIMARY KEY (id, kind);\n',
      [events],
    ),
    stmt(
      'INDEX',
      'post-data',
      'shop',
      'book_title_idx',
      'CREATE INDEX book_title_idx ON shop."Book" USING btree (title);\n',
      [book],
    ),
    stmt(
      'COMMENT',
      'post-data',
      'shop',
      'INDEX book_title_idx',
      "COMMENT ON INDEX shop.book_title_idx IS 'by title';\n",
      [book],
    ),
    ...(bigCount > 0
      ? [
          stmt(
            'CONSTRAINT',
            'post-data',
            'public',
            'big big_pkey',
            'ALTER TABLE ONLY public.big\n    ADD CONSTRAINT big_pkey PRIMARY KEY (id);\n',
            [big],
          ),
        ]
      : []),
    stmt(
      'FK CONSTRAINT',
      'post-data',
      'shop',
      'Book book_author_id_fkey',
      'ALTER TABLE ONLY shop."Book"\n    ADD CONSTRAINT book_author_id_fkey FOREIGN KEY (author_id) REFERENCES shop.author(id);\n',
      [book, author],
    ),
  ];
}

/** The fixture's model: its tables with keys, the partitioned one, and its statements. */
function fixtureSchema(bigCount: number): Schema {
  const statements = [...preDataStatements(bigCount), ...postDataStatements(bigCount)];
  const fk: ForeignKey = {
    kind: 'foreign-key',
    name: 'book_author_id_fkey',
    columns: ['author_id'],
    references: author,
    referencedColumns: ['id'],
    match: 'simple',
    onDelete: 'no-action',
    onUpdate: 'no-action',
    deferrable: false,
    initiallyDeferred: false,
    notValid: false,
  };
  const tables: Table[] = [
    table('shop', 'author', {
      primaryKey: key('author_pkey', ['id']),
      uniques: [key('author_email_key', ['email'], 'unique')],
    }),
    table('shop', 'Book', { primaryKey: key('Book_pkey', ['id']), foreignKeys: [fk] }),
    table('shop', 'events', {
      primaryKey: key('events_pkey', ['id', 'kind']),
      partitionBy: { strategy: 'list', columns: ['kind'], expressions: [null] },
    }),
    table('shop', 'events_a'),
    table('shop', 'events_b'),
    table('public', 'empty_t'),
    ...(bigCount > 0 ? [table('public', 'big', { primaryKey: key('big_pkey', ['id']) })] : []),
  ];
  return {
    kind: 'schema',
    namespaces: ['shop'],
    types: [],
    tables,
    sequences: [],
    statements,
    extensions: [],
  };
}

export function createFixture(options: { bigRows?: number } = {}): Fixture {
  const bigCount = options.bigRows ?? 0;
  const schema = fixtureSchema(bigCount);
  const authorRows =
    '1\ta@x.org\tAnn\n2\tb@x.org\tBob\\ttab\n3\tc@x.org\t\\N\n4\td@x.org\tZoë «quoted» 日本\n';
  const bookRows = '10\t1\tFirst\t9.99\n11\t2\tBack\\\\slash\\nnewline\t12.50\n12\t\\N\t\\N\t1.00\n';
  const eventRows = Array.from({ length: 50 }, (_, i) => `${i + 1}\t${i % 3 === 0 ? 'a' : 'b'}\n`).join('');
  const tableData: TableDataSource[] = [
    { table: author, columns: ['id', 'email', 'name'], data: () => pieces(authorRows) },
    { table: book, columns: ['id', 'author_id', 'title', 'price'], data: () => pieces(bookRows, 5) },
    { table: events, columns: ['id', 'kind'], data: () => pieces(eventRows, 64) },
    { table: emptyT, columns: ['x'], data: () => pieces('') },
    ...(bigCount > 0 ? [{ table: big, columns: ['id', 'label', 'n'], data: () => bigRows(bigCount) }] : []),
  ];
  return {
    schema,
    tableData,
    sequenceValues: [
      {
        sequence: q('shop', 'author_id_seq'),
        sql: "SELECT pg_catalog.setval('shop.author_id_seq', 4, true);\n",
      },
    ],
    rowCounts: {
      'shop.author': 4,
      'shop.Book': 3,
      'shop.events': 50,
      'shop.events_a': 17,
      'shop.events_b': 33,
      'public.empty_t': 0,
      ...(bigCount > 0 ? { 'public.big': bigCount } : {}),
    },
  };
}

export const FIXED_HEADER = {
  dbname: 'fixture',
  createdAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)),
  remoteVersion: '15.0',
  pgDumpVersion: '15.0 (datagen)',
} as const;

/**
 * Which types have a default operator class for each index access method:
 * PostgreSQL 15's catalog (`SELECT amname, opcintype::regtype FROM pg_opclass
 * JOIN pg_am ON pg_am.oid = opcmethod WHERE opcdefault`), in a fresh database
 * and after each extension below is created (what it adds). A key or an index
 * element without an operator class needs one (`data type json has no default
 * operator class for access method "btree"`); index-operator-classes.ts reads
 * these facts. Types are pg_type's names; `anyarray`, `anyenum`, `anyrange`,
 * `anymultirange` and `record` stand for every array, enum, range, multirange
 * and composite type.
 */

type Facts = Readonly<Record<string, readonly string[]>>;

const words = (text: string): readonly string[] => text.trim().split(/\s+/);

/** The access methods' defaults in a database without extensions. */
export const CORE_DEFAULTS: Facts = {
  btree:
    words(`char anyarray anyenum anymultirange anyrange int8 bit varbit bool bytea bpchar date float8 inet
    int4 interval jsonb macaddr macaddr8 money name numeric oid oidvector pg_lsn float4 record int2 text tid timetz time
    timestamptz timestamp tsquery tsvector uuid xid8`),
  hash: words(`char aclitem anyarray anyenum anymultirange anyrange int8 bool bytea bpchar cid date float8 inet int4
    interval jsonb macaddr macaddr8 name numeric oid oidvector pg_lsn float4 record int2 text tid timetz time timestamptz
    timestamp uuid xid xid8`),
  gin: words('anyarray jsonb tsvector'),
  gist: words('anymultirange anyrange box circle point polygon tsquery tsvector'),
  spgist: words('anyrange box inet point polygon text'),
  brin: words(`char anyrange int8 bit varbit box bytea bpchar date float8 inet int4 interval macaddr macaddr8 name
    numeric oid pg_lsn float4 int2 text tid timetz time timestamptz timestamp uuid`),
};

const SCALARS = `char anyenum int8 bit varbit bool bytea bpchar varchar cidr date float8 inet int4 interval macaddr
  macaddr8 money numeric oid float4 int2 text timetz time timestamptz timestamp uuid`;

/** What each extension adds (one that adds none is listed empty: it changes nothing here). */
export const EXTENSION_DEFAULTS: Readonly<Record<string, Facts>> = {
  btree_gin: { gin: words(`${SCALARS} name`) },
  btree_gist: { gist: words(SCALARS) },
  citext: { btree: ['citext'], hash: ['citext'] },
  hstore: { btree: ['hstore'], hash: ['hstore'], gin: ['hstore'], gist: ['hstore'] },
  ltree: { btree: ['ltree'], gist: ['ltree', 'ltree[]'] },
  cube: { btree: ['cube'], gist: ['cube'] },
  intarray: { gist: ['int4[]'] },
  isn: {
    btree: words('ean13 isbn isbn13 ismn ismn13 issn issn13 upc'),
    hash: words('ean13 isbn isbn13 ismn ismn13 issn issn13 upc'),
  },
  seg: { btree: ['seg'], gist: ['seg'] },
  postgis: {
    btree: ['geometry', 'geography'],
    hash: ['geometry'],
    gist: ['geometry', 'geography'],
    spgist: ['geometry', 'geography'],
    brin: ['geometry', 'geography'],
  },
  earthdistance: {},
  pg_trgm: {},
  pgcrypto: {},
  'uuid-ossp': {},
  plpgsql: {},
  unaccent: {},
  fuzzystrmatch: {},
  tablefunc: {},
  pg_stat_statements: {},
};

/** Types whose values the server takes for another's operator class unchanged (binary-coercible: pg_cast). */
export const BINARY_COERCIBLE: Readonly<Record<string, string>> = {
  varchar: 'text',
  cidr: 'inet',
  regclass: 'oid',
  regtype: 'oid',
  regproc: 'oid',
  regprocedure: 'oid',
  regoper: 'oid',
  regoperator: 'oid',
  regconfig: 'oid',
  regdictionary: 'oid',
  regnamespace: 'oid',
  regrole: 'oid',
  regcollation: 'oid',
};

/** Built-in types this knows every default of: those above, and those with none for some method. */
export const KNOWN_BUILTINS: ReadonlySet<string> = new Set([
  ...Object.values(CORE_DEFAULTS).flat(),
  ...Object.keys(BINARY_COERCIBLE),
  ...words('json xml point line lseg path polygon circle box txid_snapshot pg_snapshot'),
]);

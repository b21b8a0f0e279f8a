/**
 * Types made by common extensions, which DDL uses without defining them.
 */

import { formatLocation, type SourceLocation } from '../../errors.js';

/** Extension types that DDL commonly uses unqualified, by extension. */
export const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  citext: 'citext',
  hstore: 'hstore',
  ltree: 'ltree',
  lquery: 'ltree',
  ltxtquery: 'ltree',
  cube: 'cube',
  earth: 'earthdistance',
  isbn: 'isn',
  isbn13: 'isn',
  ean13: 'isn',
  issn: 'isn',
  issn13: 'isn',
  ismn: 'isn',
  ismn13: 'isn',
  upc: 'isn',
  seg: 'seg',
  geometry: 'postgis',
  geography: 'postgis',
  vector: 'vector',
  halfvec: 'vector',
  sparsevec: 'vector',
};

/** Schemas an extension makes for itself (besides the one it is installed in), by extension. */
export const EXTENSION_SCHEMAS: Readonly<Record<string, readonly string[]>> = {
  timescaledb: [
    '_timescaledb_internal',
    '_timescaledb_catalog',
    '_timescaledb_config',
    '_timescaledb_cache',
    '_timescaledb_functions',
    '_timescaledb_debug',
    'timescaledb_information',
    'timescaledb_experimental',
  ],
  postgis_topology: ['topology'],
  postgis_tiger_geocoder: ['tiger', 'tiger_data'],
  pg_cron: ['cron'],
  pgsodium: ['pgsodium', 'pgsodium_masks'],
  supabase_vault: ['vault'],
  pg_graphql: ['graphql'],
  citus: ['citus_internal'],
};

/** Extensions PostgreSQL itself ships (contrib and the procedural languages): any server can have them. */
export const CORE_EXTENSIONS: ReadonlySet<string> = new Set([
  'adminpack',
  'amcheck',
  'autoinc',
  'bloom',
  'bool_plperl',
  'bool_plperlu',
  'btree_gin',
  'btree_gist',
  'citext',
  'cube',
  'dblink',
  'dict_int',
  'dict_xsyn',
  'earthdistance',
  'file_fdw',
  'fuzzystrmatch',
  'hstore',
  'hstore_plperl',
  'hstore_plperlu',
  'hstore_plpython3u',
  'insert_username',
  'intagg',
  'intarray',
  'isn',
  'jsonb_plperl',
  'jsonb_plperlu',
  'jsonb_plpython3u',
  'lo',
  'ltree',
  'ltree_plpython3u',
  'moddatetime',
  'old_snapshot',
  'pageinspect',
  'pg_buffercache',
  'pg_freespacemap',
  'pg_prewarm',
  'pg_stat_statements',
  'pg_surgery',
  'pg_trgm',
  'pg_visibility',
  'pg_walinspect',
  'pgcrypto',
  'pgrowlocks',
  'pgstattuple',
  'plperl',
  'plperlu',
  'plpgsql',
  'plpython3u',
  'pltcl',
  'pltclu',
  'postgres_fdw',
  'refint',
  'seg',
  'sslinfo',
  'tablefunc',
  'tcn',
  'tsm_system_rows',
  'tsm_system_time',
  'unaccent',
  'uuid-ossp',
  'xml2',
]);

/**
 * Every type an extension makes (and its tables' and views' row types: a plpgsql DECLARE may name them), as
 * `\dT` and pg_depend show them after CREATE EXTENSION on PostgreSQL 15 with Debian's contrib, PostGIS 3 and
 * pgvector; array types are these names with `_` before. An extension missing here may make any type.
 */
const EXTENSION_MADE_TYPE_NAMES: Readonly<Record<string, string>> = {
  address_standardizer: 'stdaddr',
  address_standardizer_data_us: 'us_gaz us_lex us_rules',
  btree_gist: 'gbtreekey16 gbtreekey2 gbtreekey32 gbtreekey4 gbtreekey8 gbtreekey_var',
  citext: 'citext',
  cube: 'cube',
  dblink: 'dblink_pkey_results',
  earthdistance: 'earth',
  hstore: 'ghstore hstore',
  intarray: 'intbig_gkey query_int',
  isn: 'ean13 isbn isbn13 ismn ismn13 issn issn13 upc',
  lo: 'lo',
  ltree: 'lquery ltree ltree_gist ltxtquery',
  pg_buffercache: 'pg_buffercache',
  pg_stat_statements: 'pg_stat_statements pg_stat_statements_info',
  pg_trgm: 'gtrgm',
  postgis:
    'box2d box2df box3d geography geography_columns geometry geometry_columns geometry_dump gidx spatial_ref_sys spheroid valid_detail',
  postgis_raster:
    'addbandarg agg_count agg_samealignment geomval rastbandarg raster raster_columns raster_overviews reclassarg summarystats unionarg',
  postgis_topology:
    'getfaceedges_returntype layer topoelement topoelementarray topogeometry topology validatetopology_returntype',
  seg: 'seg',
  tablefunc: 'tablefunc_crosstab_2 tablefunc_crosstab_3 tablefunc_crosstab_4',
  vector: 'halfvec sparsevec vector',
};

/** Extensions that make no type (and no table or view). */
const TYPELESS_EXTENSIONS =
  'adminpack amcheck autoinc bloom btree_gin dict_int dict_xsyn file_fdw fuzzystrmatch insert_username intagg moddatetime old_snapshot pageinspect pg_freespacemap pg_prewarm pg_surgery pg_visibility pg_walinspect pgcrypto pgrowlocks pgstattuple plpgsql postgis_sfcgal postgres_fdw refint sslinfo tcn tsm_system_rows tsm_system_time unaccent uuid-ossp xml2';

/** What CREATE EXTENSION ... CASCADE makes first: its types are there too. */
const REQUIRED_EXTENSIONS: Readonly<Record<string, string>> = {
  earthdistance: 'cube',
  postgis_raster: 'postgis',
  postgis_topology: 'postgis',
  postgis_sfcgal: 'postgis',
  address_standardizer_data_us: 'address_standardizer',
};

/** The extension (of those datagen knows) that makes a type of this bare name, if one does. */
export function extensionMakingType(name: string): string | undefined {
  for (const [extension, names] of Object.entries(EXTENSION_MADE_TYPE_NAMES))
    if (names.split(' ').includes(name)) return extension;
  return undefined;
}

/**
 * The warning for a type the DDL uses but never declares, assumed to be `schema.name`:
 * where a known extension makes a type of that name (PostGIS 3's `raster` is
 * postgis_raster's, not postgis'), it says which.
 */
export function undeclaredTypeMessage(
  written: string,
  location: SourceLocation,
  schema: string,
  name: string,
): string {
  const extension = extensionMakingType(name);
  const maker =
    extension === undefined
      ? 'create it, or the extension that makes it, first'
      : `create it, or the extension that makes it (CREATE EXTENSION ${extension}), first`;
  return `type ${written} (first at ${formatLocation(location)}) is not declared in the DDL; assuming ${schema}.${name}, which the database the output is loaded into must have (${maker}), or the load stops at its first use`;
}

/** The types (bare names) `extension` makes, with those it requires; undefined where that is not known (it may make any). */
export function extensionMadeTypes(extension: string): readonly string[] | undefined {
  const names = EXTENSION_MADE_TYPE_NAMES[extension];
  const own =
    names !== undefined
      ? names.split(' ')
      : TYPELESS_EXTENSIONS.split(' ').includes(extension)
        ? []
        : undefined;
  const required = REQUIRED_EXTENSIONS[extension];
  return own === undefined || required === undefined
    ? own
    : [...own, ...(extensionMadeTypes(required) ?? [])];
}

/**
 * Functions PostgreSQL 13 and later build in (in pg_catalog) that an extension also makes in the schema it is
 * installed in: a call qualified by another schema (pg_dump's `public.gen_random_uuid()` where pgcrypto was in
 * public, Hasura Auth's dump) is the extension's.
 */
export const QUALIFIED_EXTENSION_FUNCTIONS: Readonly<Record<string, string>> = {
  gen_random_uuid: 'pgcrypto',
};

/** Functions of common extensions that DDL calls unqualified (`SELECT create_hypertable(...)`), by extension. */
export const EXTENSION_FUNCTIONS: Readonly<Record<string, string>> = {
  create_distributed_table: 'citus',
  create_reference_table: 'citus',
  create_distributed_function: 'citus',
  undistribute_table: 'citus',
  create_hypertable: 'timescaledb',
  add_dimension: 'timescaledb',
  add_retention_policy: 'timescaledb',
  add_compression_policy: 'timescaledb',
  add_continuous_aggregate_policy: 'timescaledb',
  set_chunk_time_interval: 'timescaledb',
  addgeometrycolumn: 'postgis',
  // PostGIS functions real schemas call in DEFAULTs, CHECKs, generated columns and indexes.
  st_setsrid: 'postgis',
  st_makepoint: 'postgis',
  st_point: 'postgis',
  st_pointz: 'postgis',
  st_makepointm: 'postgis',
  st_geomfromtext: 'postgis',
  st_geometryfromtext: 'postgis',
  st_geomfromewkt: 'postgis',
  st_geomfromwkb: 'postgis',
  st_geomfromgeojson: 'postgis',
  st_geogfromtext: 'postgis',
  st_geographyfromtext: 'postgis',
  st_geogfromwkb: 'postgis',
  st_transform: 'postgis',
  st_isvalid: 'postgis',
  st_makevalid: 'postgis',
  st_issimple: 'postgis',
  st_isempty: 'postgis',
  st_isclosed: 'postgis',
  st_srid: 'postgis',
  st_ndims: 'postgis',
  st_coorddim: 'postgis',
  st_dimension: 'postgis',
  st_geometrytype: 'postgis',
  geometrytype: 'postgis',
  st_area: 'postgis',
  st_length: 'postgis',
  st_perimeter: 'postgis',
  st_x: 'postgis',
  st_y: 'postgis',
  st_z: 'postgis',
  st_m: 'postgis',
  st_xmin: 'postgis',
  st_xmax: 'postgis',
  st_ymin: 'postgis',
  st_ymax: 'postgis',
  st_centroid: 'postgis',
  st_pointonsurface: 'postgis',
  st_buffer: 'postgis',
  st_envelope: 'postgis',
  st_makeenvelope: 'postgis',
  st_makeline: 'postgis',
  st_makepolygon: 'postgis',
  st_polygon: 'postgis',
  st_multi: 'postgis',
  st_force2d: 'postgis',
  st_force3d: 'postgis',
  st_collect: 'postgis',
  st_union: 'postgis',
  st_intersects: 'postgis',
  st_contains: 'postgis',
  st_within: 'postgis',
  st_covers: 'postgis',
  st_coveredby: 'postgis',
  st_dwithin: 'postgis',
  st_distance: 'postgis',
  st_npoints: 'postgis',
  st_numpoints: 'postgis',
  st_numgeometries: 'postgis',
  st_startpoint: 'postgis',
  st_endpoint: 'postgis',
  st_astext: 'postgis',
  st_asewkt: 'postgis',
  st_asbinary: 'postgis',
  st_asgeojson: 'postgis',
  st_geohash: 'postgis',
  st_snaptogrid: 'postgis',
  st_simplify: 'postgis',
  st_extent: 'postgis',
  st_expand: 'postgis',
  postgis_version: 'postgis',
  postgis_full_version: 'postgis',
  // Column defaults of ORMs' DDL (TypeORM, Sequelize, Hibernate: uuid_generate_v4(); Rails, Django: crypt, gen_salt).
  uuid_generate_v1: 'uuid-ossp',
  uuid_generate_v1mc: 'uuid-ossp',
  uuid_generate_v3: 'uuid-ossp',
  uuid_generate_v4: 'uuid-ossp',
  uuid_generate_v5: 'uuid-ossp',
  uuid_nil: 'uuid-ossp',
  gen_random_bytes: 'pgcrypto',
  crypt: 'pgcrypto',
  gen_salt: 'pgcrypto',
  digest: 'pgcrypto',
  hmac: 'pgcrypto',
  pgp_sym_encrypt: 'pgcrypto',
  pgp_sym_decrypt: 'pgcrypto',
  similarity: 'pg_trgm',
  word_similarity: 'pg_trgm',
  unaccent: 'unaccent',
  levenshtein: 'fuzzystrmatch',
  soundex: 'fuzzystrmatch',
  metaphone: 'fuzzystrmatch',
  earth_distance: 'earthdistance',
  ll_to_earth: 'earthdistance',
};

/**
 * Operator classes common extensions make, by extension: an index or exclusion
 * constraint naming one (`USING gin (name gin_trgm_ops)`) loads only where the
 * extension is installed.
 */
export const EXTENSION_OPCLASSES: Readonly<Record<string, string>> = {
  gin_trgm_ops: 'pg_trgm',
  gist_trgm_ops: 'pg_trgm',
  gin_hstore_ops: 'hstore',
  gist_hstore_ops: 'hstore',
  btree_hstore_ops: 'hstore',
  hash_hstore_ops: 'hstore',
  gist_ltree_ops: 'ltree',
  gist__ltree_ops: 'ltree',
  gin__int_ops: 'intarray',
  gist__int_ops: 'intarray',
  gist__intbig_ops: 'intarray',
  citext_ops: 'citext',
  citext_pattern_ops: 'citext',
  gist_cube_ops: 'cube',
  gist_seg_ops: 'seg',
  gin_bigm_ops: 'pg_bigm',
  vector_l2_ops: 'vector',
  vector_ip_ops: 'vector',
  vector_cosine_ops: 'vector',
  vector_l1_ops: 'vector',
  halfvec_l2_ops: 'vector',
  halfvec_ip_ops: 'vector',
  halfvec_cosine_ops: 'vector',
  sparsevec_l2_ops: 'vector',
  sparsevec_ip_ops: 'vector',
  sparsevec_cosine_ops: 'vector',
  bit_hamming_ops: 'vector',
  bit_jaccard_ops: 'vector',
  gist_geometry_ops_2d: 'postgis',
  gist_geometry_ops_nd: 'postgis',
  gist_geography_ops: 'postgis',
};

/**
 * Object identifier types that name catalog objects (regclass, regtype,
 * regproc, …). Their input looks the name up in the target database, so
 * values are drawn from objects every PostgreSQL database has: system
 * catalogs, built-in types, functions that are not overloaded, built-in
 * roles, schemas and text search configurations.
 */
import type { TypeSupport } from './generator.js';

const NAMES: Readonly<Record<string, readonly string[]>> = {
  regclass: [
    'pg_class',
    'pg_type',
    'pg_attribute',
    'pg_namespace',
    'pg_proc',
    'pg_index',
    'pg_constraint',
    'pg_database',
    'pg_roles',
    'pg_tables',
    'pg_views',
    'pg_settings',
    'pg_stat_activity',
    'pg_description',
    'pg_depend',
    'pg_trigger',
    'pg_extension',
    'pg_sequence',
    'pg_attrdef',
    'pg_am',
    'information_schema.tables',
    'information_schema.columns',
  ],
  regtype: [
    'integer',
    'bigint',
    'smallint',
    'text',
    'boolean',
    'numeric',
    'real',
    'double precision',
    'date',
    'timestamp without time zone',
    'timestamp with time zone',
    'interval',
    'uuid',
    'jsonb',
    'json',
    'bytea',
    'inet',
    'character varying',
    'time without time zone',
    'money',
    'oid',
    'xml',
    'point',
    'tsvector',
    'int4range',
    'integer[]',
    'text[]',
  ],
  // regproc must name exactly one function: none of these is overloaded.
  regproc: [
    'now',
    'version',
    'pg_backend_pid',
    'timeofday',
    'clock_timestamp',
    'statement_timestamp',
    'transaction_timestamp',
    'gen_random_uuid',
    'pg_postmaster_start_time',
    'current_database',
    'pg_current_xact_id',
    'txid_current',
    'inet_client_addr',
    'pg_conf_load_time',
  ],
  regprocedure: [
    'now()',
    'lower(text)',
    'upper(text)',
    'length(text)',
    'abs(integer)',
    'abs(numeric)',
    'round(numeric,integer)',
    'md5(text)',
    'concat_ws(text,"any")',
    'date_trunc(text,timestamp with time zone)',
    'substr(text,integer,integer)',
    'version()',
    'to_char(timestamp with time zone,text)',
    'jsonb_typeof(jsonb)',
  ],
  regoperator: [
    '+(integer,integer)',
    '-(integer,integer)',
    '*(numeric,numeric)',
    '=(text,text)',
    '<(integer,integer)',
    '||(text,text)',
    '@>(jsonb,jsonb)',
    '~~(text,text)',
  ],
  // regoper must name one operator: these names exist once in core and in the common extensions.
  regoper: ['|/', '||/', '#-', '@?'],
  regnamespace: ['pg_catalog', 'information_schema', 'pg_toast'],
  regrole: [
    'pg_monitor',
    'pg_read_all_settings',
    'pg_read_all_stats',
    'pg_stat_scan_tables',
    'pg_signal_backend',
  ],
  regconfig: [
    'simple',
    'english',
    'german',
    'french',
    'spanish',
    'italian',
    'dutch',
    'portuguese',
    'russian',
  ],
  regdictionary: ['simple', 'english_stem', 'german_stem', 'french_stem', 'spanish_stem'],
  regcollation: ['"C"', '"POSIX"', 'ucs_basic', '"default"'],
};

/** The reg* type names this module generates. */
export const CATALOG_REFERENCE_TYPES: readonly string[] = Object.keys(NAMES);

/** The names a reg* type's values are drawn from (objects every database has), or undefined for other types. */
export function catalogNames(name: string): readonly string[] | undefined {
  return NAMES[name];
}

/** Support for one reg* type: random picks from the list; unique values are the list itself. */
export function catalogReferenceSupport(name: string): TypeSupport {
  const names = NAMES[name] ?? [];
  return {
    random: () => ({ random: (rand) => names[rand.below(names.length)]! }),
    unique: () => ({ space: names.length, value: (k) => names[k]! }),
  };
}

/**
 * What a column holds, as far as its name and type tell: the kinds of
 * realistic value the semantic generators know how to make.
 */

/** The semantic kind of a column (see `detectSemantic`). */
export type SemanticKind =
  // people
  | 'first_name'
  | 'last_name'
  | 'full_name'
  | 'name_prefix'
  | 'email'
  | 'phone'
  | 'username'
  | 'job_title'
  // organisations and things
  | 'company'
  | 'product_name'
  | 'category'
  | 'title'
  | 'description'
  | 'url'
  | 'color'
  | 'ip'
  // text with no meaning of its own (generator version 2): words, a vocabulary, codes, tokens
  | 'phrase'
  | 'label'
  | 'code'
  | 'token'
  // version 3: a software version (`2.4.1`) and a network port
  | 'version'
  | 'port'
  /** Version 3: a MIME type (`image/png`) and a file name whose extension agrees with the row's (`IMG_4821.jpg`). */
  | 'mime_type'
  | 'file_name'
  /** Version 3: Rails' `schema_migrations.version`, a 14-digit timestamp (`20240312101500`). */
  | 'migration_version'
  /** Version 3: Rails' `ar_internal_metadata` key and value (`environment` → `production`, `schema_sha1` → 40 hex digits). */
  | 'metadata_key'
  | 'metadata_value'
  /** Version 3 (app-values.ts): bytes of a file, a weight or length, a list position, a locale, a host name, a password hash. */
  | 'byte_size'
  | 'dimension'
  | 'position'
  | 'locale'
  | 'domain'
  | 'password_hash'
  /** Version 3: a network prefix (`10.24.0.0/16`; a LoRaWAN DevAddr prefix `26010000/16`). */
  | 'network_prefix'
  // places
  | 'street_address'
  | 'secondary_address'
  | 'city'
  | 'county'
  | 'state'
  | 'country'
  | 'country_code'
  | 'postal_code'
  | 'latitude'
  | 'longitude'
  | 'time_zone'
  // codes
  | 'currency_code'
  | 'language'
  // numbers
  | 'price'
  | 'salary'
  | 'age'
  | 'quantity'
  | 'stock'
  | 'tally'
  | 'duration'
  | 'rating'
  | 'score'
  | 'percentage'
  | 'fraction'
  | 'year'
  | 'small_code'
  /** Version 3: a yes/no flag held as an integer (`is_active smallint`, pagila's `customer.active`): 0 or 1. */
  | 'flag'
  /** Version 4: a radio link's data rate, application port, RSSI or SNR (radio-values.ts). */
  | 'radio_measure'
  /** Version 4: OAuth and session terms (auth-values.ts): providers, token types, scopes, grant types, account types. */
  | 'auth_term'
  /** Version 4: a tenant's id kept as text: a few short id-like slugs (auth-values.ts). */
  | 'tenant'
  /** Version 3: tries of a job or a login (`attempts`, `retry_count`; `max_attempts` a limit): small numbers. */
  | 'attempts'
  // time
  | 'created_at'
  | 'updated_at'
  | 'due_at'
  | 'birth_date'
  /** A date or timestamp whose name tells no stage of a row's life (generator version 3). */
  | 'past_time';

/** Families of base types a kind can be written as. */
export type TypeFamily = 'text' | 'integer' | 'decimal' | 'temporal' | 'boolean';

/** The family of a scalar base type, or null when no semantic kind applies to it. */
export function typeFamilyOf(name: string): TypeFamily | null {
  switch (name) {
    case 'text':
    case 'varchar':
    case 'bpchar':
    case 'citext':
      return 'text';
    case 'int2':
    case 'int4':
    case 'int8':
      return 'integer';
    case 'numeric':
    case 'float4':
    case 'float8':
    case 'money':
      return 'decimal';
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return 'temporal';
    // Version 9: yes/no flags (detect-semantic.ts reads a boolean's name from then on).
    case 'bool':
      return 'boolean';
    default:
      return null;
  }
}

const TEXT: readonly TypeFamily[] = ['text'];
const NUMBER: readonly TypeFamily[] = ['integer', 'decimal'];
const TEMPORAL: readonly TypeFamily[] = ['temporal'];
const INTEGER: readonly TypeFamily[] = ['integer'];

/** The type families each kind accepts. */
export const KIND_FAMILIES: Readonly<Record<SemanticKind, readonly TypeFamily[]>> = {
  first_name: TEXT,
  last_name: TEXT,
  full_name: TEXT,
  name_prefix: TEXT,
  email: TEXT,
  phone: TEXT,
  username: TEXT,
  job_title: TEXT,
  company: TEXT,
  product_name: TEXT,
  category: TEXT,
  title: TEXT,
  description: TEXT,
  url: TEXT,
  color: TEXT,
  ip: TEXT,
  phrase: TEXT,
  label: TEXT,
  code: TEXT,
  token: TEXT,
  version: TEXT,
  port: ['integer', 'text'],
  mime_type: TEXT,
  file_name: TEXT,
  migration_version: TEXT,
  metadata_key: TEXT,
  metadata_value: TEXT,
  byte_size: INTEGER,
  dimension: NUMBER,
  position: INTEGER,
  locale: TEXT,
  domain: TEXT,
  password_hash: TEXT,
  network_prefix: TEXT,
  street_address: TEXT,
  secondary_address: TEXT,
  city: TEXT,
  county: TEXT,
  state: TEXT,
  country: TEXT,
  country_code: TEXT,
  postal_code: TEXT,
  latitude: NUMBER,
  longitude: NUMBER,
  time_zone: TEXT,
  currency_code: TEXT,
  language: TEXT,
  price: NUMBER,
  salary: NUMBER,
  age: NUMBER,
  quantity: NUMBER,
  stock: NUMBER,
  tally: NUMBER,
  duration: NUMBER,
  rating: NUMBER,
  score: NUMBER,
  percentage: NUMBER,
  fraction: ['decimal'],
  year: INTEGER,
  small_code: INTEGER,
  flag: ['integer', 'boolean'],
  attempts: INTEGER,
  radio_measure: NUMBER,
  auth_term: TEXT,
  tenant: TEXT,
  created_at: TEMPORAL,
  updated_at: TEMPORAL,
  due_at: TEMPORAL,
  birth_date: TEMPORAL,
  past_time: TEMPORAL,
};

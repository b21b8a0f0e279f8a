/**
 * CHECK shapes for the schema property test (schema-arbitrary.ts): those an
 * integer or a text column gets, and the domains a schema may define (some
 * over other domains, each level with its CHECK).
 */

export const INT_CHECKS = [
  (c: string) => `${c} BETWEEN 1 AND 100`,
  (c: string) => `${c} > 0`,
  (c: string) => `${c} >= -5 AND ${c} < 5`,
  (c: string) => `${c} IN (1, 2, 3, 7)`,
  (c: string) => `${c} <> 0`,
  (c: string) => `${c} = ANY (ARRAY[10, 20, 30])`,
  (c: string) => `${c} % 2 = 0`,
  // hostile16: IS DISTINCT FROM, BETWEEN SYMMETRIC, COALESCE/NULLIF/GREATEST/LEAST.
  (c: string) => `${c} IS DISTINCT FROM 3`,
  (c: string) => `${c} BETWEEN SYMMETRIC 50 AND 5`,
  (c: string) => `${c} NOT BETWEEN SYMMETRIC 10 AND -10`,
  (c: string) => `COALESCE(${c}, 1) > 0`,
  (c: string) => `NULLIF(${c}, 0) IS NOT NULL`,
  (c: string) => `GREATEST(${c}, 1) <= 100`,
  (c: string) => `LEAST(${c}, 10) >= 0`,
];
export const TEXT_CHECKS = [
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
  // hostile16: regex classes and anchors, byte lengths, IS DISTINCT FROM.
  (c: string) => `${c} ~ '^[[:alpha:]]+[[:digit:]]?$'`,
  (c: string) => `${c} ~ '^\\w{2,4}$'`,
  (c: string) => `octet_length(${c}) <= 10`,
  (c: string) => `char_length(${c}) >= 2 AND octet_length(${c}) < 20`,
  (c: string) => `${c} IS DISTINCT FROM 'x'`,
];

export const DOMAINS = [
  'CREATE DOMAIN %s AS int4 CHECK (VALUE > 0)',
  'CREATE DOMAIN %s AS int2 CHECK (VALUE BETWEEN 1 AND 9)',
  "CREATE DOMAIN %s AS varchar(8) CHECK (VALUE ~ '^[a-z]{3,8}$')",
  "CREATE DOMAIN %s AS text NOT NULL CHECK (VALUE IN ('x', 'y'))",
  'CREATE DOMAIN %s AS numeric(4,1) CHECK (VALUE >= 0)',
  'CREATE DOMAIN %s AS int4[] CHECK (cardinality(VALUE) <= 3)',
  "CREATE DOMAIN %s AS text[] CHECK (VALUE <> '{}')",
  'CREATE DOMAIN %s AS int2[] NOT NULL CHECK (array_length(VALUE, 1) = 2)',
  // hostile16: domains over domains, each with its CHECK.
  'CREATE DOMAIN %s_b AS int4 CHECK (VALUE > 0); CREATE DOMAIN %s AS %s_b CHECK (VALUE < 50)',
  "CREATE DOMAIN %s_b AS varchar(10) CHECK (VALUE ~ '^[a-z]+$'); CREATE DOMAIN %s AS %s_b NOT NULL CHECK (length(VALUE) >= 3)",
  'CREATE DOMAIN %s_b AS numeric(6,2) CHECK (VALUE >= 0); CREATE DOMAIN %s_c AS %s_b CHECK (VALUE <= 500); CREATE DOMAIN %s AS %s_c CHECK (VALUE <> 7)',
];

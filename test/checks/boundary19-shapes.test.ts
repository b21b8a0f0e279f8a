/**
 * Empty tables in real schemas (issue 8, boundary19): the constructs behind
 * the tables HashiCorp Boundary still left empty, each as a minimal shape,
 * generated and loaded into the real server with every constraint in place
 * (a plain script with psql ON_ERROR_STOP and a custom archive through
 * pg_restore --exit-on-error).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('boundary19shapes');

describe('boundary19: empty tables in real schemas', () => {
  it("a range whose bounds CHECKs tie to other columns is made from them (Boundary's wh_auth_token_accumulating_fact)", async () => {
    // Before: 'public.fact gets no rows instead of 40: row 0 still fails CHECK ... (lower(active) = issued)'.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE fact (id int PRIMARY KEY, issued timestamptz NOT NULL, last_access timestamptz NOT NULL,
         deleted timestamptz NOT NULL DEFAULT 'infinity',
         active tstzrange NOT NULL DEFAULT tstzrange(current_timestamp, current_timestamp, '[]'),
         valid tstzrange NOT NULL,
         CHECK (last_access <= deleted),
         CHECK (lower(active) = issued), CHECK (upper(active) = last_access),
         CHECK (lower(valid) = issued), CHECK (upper(valid) = deleted),
         CHECK (active <@ valid));
       CREATE TABLE spans (id int PRIMARY KEY, since date NOT NULL, until date, n int, m int,
         d daterange NOT NULL, r int4range,
         CHECK (lower(d) = since), CHECK (upper(d) = until), CHECK (lower(r) = n AND upper(r) = m));`,
      { defaultRows: 40, seed: 1 },
    );
    expect(counts.get('public.fact')).toBe(40);
    expect(counts.get('public.spans')).toBe(40);
    expect(result.warnings.filter((w) => w.message.includes('fact') || w.message.includes('spans'))).toEqual(
      [],
    );
    // The bounds are the columns' values, inclusive (what the CHECKs ask), not NULL by an empty range.
    const [fact] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM fact WHERE lower(active) IS NOT NULL AND upper(valid) IS NOT NULL
         AND lower_inc(active) AND upper_inc(valid) AND issued <= last_access`,
    );
    expect(Number(fact?.n)).toBe(40);
    const [spans] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM spans WHERE lower(d) = since AND (until IS NULL OR upper(d) = until)',
    );
    expect(Number(spans?.n)).toBe(40);
  });

  it('range containment between two range columns is evaluated (r <@ s, s @> r)', async () => {
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE windows (id int PRIMARY KEY, outer_r numrange NOT NULL, inner_r numrange NOT NULL,
         CHECK (inner_r <@ outer_r), CHECK (outer_r @> inner_r));`,
      { defaultRows: 30, seed: 3 },
    );
    // Rows that do not nest are tried again; none that fails to load is written.
    const rows = counts.get('public.windows') ?? 0;
    expect(rows).toBe(30);
    const [held] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM windows WHERE inner_r <@ outer_r',
    );
    expect(Number(held?.n)).toBe(rows);
  });

  it("a child that copies its parent's column through an FK into a stricter domain has parents made to it (Boundary's alias_target)", async () => {
    // Before: 'public.alias_target gets no rows instead of 30: the CHECKs on public.alias_target.value cannot be
    // met: the parent row of a foreign key in a unique key is fixed by the key'; and the pattern's look-ahead
    // `(?!-)` alone left a column of that domain without values ('look-around in every branch').
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE EXTENSION IF NOT EXISTS citext;
       CREATE DOMAIN d_alias AS citext CHECK (length(trim(value)) > 0) CHECK (trim(value) = value);
       CREATE DOMAIN d_target AS d_alias CHECK (length(trim(value)) < 254)
         CHECK (value ~* '^(?!-)[a-z0-9-]{0,62}[a-z0-9](\\.((?!-)[a-z0-9-]{0,62}[a-z0-9]))*$')
         CHECK (substring(value from '[^.]*$') !~ '^[0-9]+$');
       CREATE TABLE alias (public_id text PRIMARY KEY, scope_id text NOT NULL CHECK (scope_id = 'global'),
         value d_alias NOT NULL UNIQUE, UNIQUE (scope_id, value, public_id));
       CREATE TABLE alias_target (public_id text PRIMARY KEY, scope_id text NOT NULL, value d_target NOT NULL,
         FOREIGN KEY (scope_id, value, public_id) REFERENCES alias (scope_id, value, public_id)
           DEFERRABLE INITIALLY DEFERRED);
       CREATE TABLE host (id int PRIMARY KEY, name d_target NOT NULL UNIQUE);`,
      { defaultRows: 30, seed: 2 },
    );
    expect(counts.get('public.alias')).toBe(30);
    expect(counts.get('public.alias_target')).toBe(30);
    expect(counts.get('public.host')).toBe(30);
    const [parents] = await target.query<{ n: string }>(
      // A cast to the child's domain checks its CHECKs (an error fails the test).
      'SELECT count(*) AS n FROM alias WHERE (value::text)::d_target IS NOT NULL',
    );
    expect(Number(parents?.n)).toBe(30);
  });

  it("a NOT NULL composite FK to a key over a nullable column takes no NULL from it (Boundary's target_alias_proxy_certificate)", async () => {
    // Before: exit 0, then 'null value in column "b" of relation "c" violates not-null constraint' at load: the
    // child picked parent rows whose d was NULL.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE t (id text PRIMARY KEY);
       CREATE TABLE p (id text PRIMARY KEY, d text REFERENCES t, e text, UNIQUE (id, d), UNIQUE (e));
       CREATE TABLE c (id text PRIMARY KEY, a text NOT NULL, b text NOT NULL, e text NOT NULL REFERENCES p (e),
         FOREIGN KEY (a, b) REFERENCES p (id, d));`,
      { defaultRows: 40, seed: 1 },
    );
    expect(counts.get('public.p')).toBe(40);
    expect(counts.get('public.c')).toBe(40);
    const [nulls] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM p WHERE d IS NULL OR e IS NULL',
    );
    expect(Number(nulls?.n)).toBe(0);
  });

  it('substring(x FROM pattern) is the regex form: the match, or its first group, NULL when none', async () => {
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE codes (id int PRIMARY KEY, code text NOT NULL CHECK (code ~ '^[a-z]{2}-[0-9]{3}$'),
         CHECK (substring(code from '-(.*)$') <> '000'), CHECK (substring(code from '[^-]*$') !~ '^9'),
         CHECK (substring(code from 'x(y)') IS NULL OR code ~ 'xy'));`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.codes')).toBe(50);
    const [bad] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM codes WHERE code LIKE '%-000' OR code LIKE '%-9%'",
    );
    expect(Number(bad?.n)).toBe(0);
  });
});

/**
 * Empty tables in real schemas (issue 8, boundary15): the constructs behind
 * the tables HashiCorp Boundary still left empty, each as a minimal shape,
 * generated and loaded into the real server with every constraint in place
 * (a plain script with psql ON_ERROR_STOP and a custom archive through
 * pg_restore --exit-on-error).
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('boundary15shapes');

describe('boundary15: empty tables in real schemas', () => {
  it("a key over FKs to an enum table whose CHECK lists some of its labels draws from its list (Boundary's session_valid_state)", async () => {
    // Before: 'public.valid gets no rows ...: the CHECKs on public.valid.prior cannot be met: the parent row of
    // a foreign key in a unique key is fixed by the key', and st below it empty too.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE enm (name text PRIMARY KEY CHECK (name IN ('pending', 'active', 'canceling', 'terminated')));
       CREATE TABLE valid (
         prior text NOT NULL REFERENCES enm CHECK (prior IN ('pending', 'active', 'canceling')),
         cur text NOT NULL REFERENCES enm CHECK (cur IN ('pending', 'active', 'canceling', 'terminated')),
         PRIMARY KEY (prior, cur));
       CREATE TABLE st (id int PRIMARY KEY, prior text NOT NULL REFERENCES enm, state text NOT NULL REFERENCES enm,
         FOREIGN KEY (prior, state) REFERENCES valid);`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.enm')).toBe(4);
    expect(counts.get('public.valid')).toBe(12);
    expect(counts.get('public.st')).toBe(50);
    const priors = await target.query<{ p: string }>('SELECT DISTINCT prior AS p FROM valid ORDER BY 1');
    expect(priors.map((r) => r.p)).toEqual(['active', 'canceling', 'pending']);
  });

  it("row constructors in CHECKs are evaluated: ROW IS [NOT] NULL, = <> < <= between rows, IS DISTINCT FROM (Boundary's auth_ldap_user_entry_search)", async () => {
    // Before: 'CHECK all_fields_are_not_null (NOT ((user_dn, user_attr, user_filter) IS NULL)) ... cannot be read
    // by datagen (a row constructor), so public.search gets no rows'.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE search (id int PRIMARY KEY, user_dn text, user_attr text, user_filter text,
         CONSTRAINT all_fields_are_not_null CHECK (NOT ((user_dn, user_attr, user_filter) IS NULL)));
       CREATE TABLE pairs (id int PRIMARY KEY, a int NOT NULL, b int NOT NULL, c int NOT NULL, d int NOT NULL,
         e text, f text,
         CHECK ((a, b) <> (c, d)), CHECK (ROW(a, b) IS NOT NULL), CHECK ((a, b) <= (c + 5, d)),
         CHECK ((e, f) IS DISTINCT FROM (f, e) OR e IS NULL OR f IS NULL OR e = f));`,
      { defaultRows: 200, seed: 1 },
    );
    expect(counts.get('public.search')).toBe(200);
    expect(counts.get('public.pairs')).toBe(200);
    expect(result.warnings.filter((w) => w.message.includes('row constructor'))).toEqual([]);
    const [some] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM search WHERE user_dn IS NULL OR user_attr IS NULL OR user_filter IS NULL',
    );
    // Some fields are NULL (nullable columns keep their NULLs), never all three.
    expect(Number(some?.n)).toBeGreaterThan(0);
  });

  it("a prefix test left(trim(x), n) = 'lit' (substr(x, 1, n) too) is read as the pattern 'lit%' in an OR (Boundary's host_set_preferred_endpoint)", async () => {
    // Before: 'row 0 still fails CHECK condition_has_valid_prefix ... after every attempt': the evaluator tried
    // the constant 'dns:' itself, which the length CHECK (> 4) refuses.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE host_set (public_id text PRIMARY KEY);
       CREATE TABLE pref (host_set_id text NOT NULL REFERENCES host_set, priority int NOT NULL CHECK (priority > 0),
         condition text NOT NULL,
         CHECK (position('|' IN trim(condition)) = 0 AND position('=' IN trim(condition)) = 0),
         CONSTRAINT condition_has_valid_prefix
           CHECK (left(trim(condition), 4) = 'dns:' OR left(trim(condition), 5) = 'cidr:'),
         CHECK (length(trim(condition)) < 255), CHECK (length(trim(condition)) > 4),
         PRIMARY KEY (host_set_id, priority), UNIQUE (host_set_id, condition));
       CREATE TABLE s (id int PRIMARY KEY, code text NOT NULL CHECK (substr(code, 1, 3) = 'AB_'),
         other text CHECK (left(other, 2) <> 'zz'));`,
      { defaultRows: 100, seed: 1 },
    );
    expect(counts.get('public.pref')).toBe(100);
    expect(counts.get('public.s')).toBe(100);
    const [long] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM pref WHERE length(condition) > 5`,
    );
    expect(Number(long?.n)).toBeGreaterThan(50);
  });

  it("a composite FK's listed column whose parent column is an FK to an enum table: the parent draws what every child lists (Boundary's iam_role_*_grant_scope)", async () => {
    // Before: 'public.role_org gets no rows ...: the CHECKs on public.role_org.grant_scope cannot be met: the
    // parent row of a foreign key in a unique key is fixed by the key'.
    const ddl = `CREATE TABLE gs_enm (name text PRIMARY KEY CHECK (name IN ('descendants', 'children', 'individual')));
       CREATE TABLE role (public_id text PRIMARY KEY, grant_scope text NOT NULL REFERENCES gs_enm,
         UNIQUE (grant_scope, public_id));
       CREATE TABLE org (id text PRIMARY KEY);
       CREATE TABLE role_org (role_id text NOT NULL REFERENCES role, org_id text NOT NULL REFERENCES org,
         grant_scope text NOT NULL CHECK (grant_scope = 'individual'), PRIMARY KEY (role_id, org_id),
         FOREIGN KEY (role_id, grant_scope) REFERENCES role (public_id, grant_scope));
       CREATE TABLE role_project (role_id text NOT NULL REFERENCES role, org_id text NOT NULL REFERENCES org,
         grant_scope text NOT NULL CHECK (grant_scope IN ('individual', 'children')), PRIMARY KEY (role_id, org_id),
         FOREIGN KEY (role_id, grant_scope) REFERENCES role (public_id, grant_scope));`;
    const { counts } = await loadScriptAndArchive(db, ddl, { defaultRows: 50, seed: 1 });
    expect(counts.get('public.role')).toBe(50);
    expect(counts.get('public.role_org')).toBe(50);
    expect(counts.get('public.role_project')).toBe(50);
    // The enum table cut below its labels: the list is not held, so the parent (and its children) get no rows,
    // warned, rather than rows that fail to load.
    const cut = await loadScriptAndArchive(db, ddl, { defaultRows: 50, seed: 1, tables: { gs_enm: 1 } });
    expect(cut.counts.get('public.role')).toBe(0);
    expect(cut.result.warnings).toContainEqual(
      expect.objectContaining({
        where: 'public.role',
        message: expect.stringContaining('public.gs_enm does not hold every one of those'),
      }),
    );
  });

  it('upper_inf(r) / lower_inf(r) (and NOT) as requirements make ranges with those bounds infinite or finite, unique ones too', async () => {
    // Before: 'public.r1 gets 1 row instead of 300: row 1 still fails CHECK r1_r_check (upper_inf(r))': an
    // unbounded range came one time in 20, so a row failed its 32 tries sooner or later.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE r1 (id int PRIMARY KEY, r tstzrange NOT NULL CHECK (upper_inf(r)), s int4range CHECK (lower_inf(s)),
         t daterange NOT NULL CHECK (NOT upper_inf(t)), m int4multirange NOT NULL CHECK (upper_inf(m)),
         u tstzrange NOT NULL UNIQUE CHECK (upper_inf(u)), v numrange CHECK (NOT lower_inf(v) AND NOT upper_inf(v)));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(counts.get('public.r1')).toBe(300);
    const [finite] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM r1 WHERE upper_inf(r) AND upper_inf(u) AND NOT upper_inf(t) AND upper_inf(m)',
    );
    expect(Number(finite?.n)).toBe(300);
  });

  it('lower(r) / upper(r) of a range column are its bounds to the evaluator, not its text folded (exit 0 and a failed load before)', async () => {
    // Before: upper(r) > '2020-01-01' compared the range's text upper-cased ('["2010-…' > '2020…'), so rows
    // whose upper bound was earlier were written, exit 0, and the load failed on the CHECK.
    const { counts, target } = await loadScriptAndArchive(
      db,
      `CREATE TABLE r3 (id int PRIMARY KEY, r tstzrange NOT NULL CHECK (upper_inf(r) OR upper(r) > '2020-01-01'));
       CREATE TABLE r4 (id int PRIMARY KEY, r tstzrange NOT NULL CHECK (upper(r) > '2020-01-01'),
         d daterange CHECK (lower(d) >= '2001-01-01'));
       CREATE TABLE r2 (id int PRIMARY KEY, r tstzrange NOT NULL, issued timestamptz NOT NULL, CHECK (lower(r) = issued));`,
      { defaultRows: 300, seed: 1 },
    );
    expect(counts.get('public.r3')).toBeGreaterThan(100);
    // Rows of r4 meet the bound (or are unbounded above: NULL passes), never are written failing it.
    expect(counts.get('public.r4')).toBeGreaterThan(100);
    // A bound pinned to another column is met by retries only (fewer rows, warned), never by rows that fail.
    expect(counts.get('public.r2')).toBeGreaterThan(0);
    const [late] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM r4 WHERE upper(r) > '2020-01-01' OR upper_inf(r) OR isempty(r)`,
    );
    expect(Number(late?.n)).toBe(counts.get('public.r4'));
  });
});

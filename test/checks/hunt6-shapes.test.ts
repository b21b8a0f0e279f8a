/**
 * Shapes found by running datagen on big pg_dump structure files of real
 * applications it had never seen (Sourcegraph, Zabbix, Flow Commerce, …):
 * each reduced to a minimal table, generated, loaded into the real server
 * with every constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

const db = useTestDatabase('hunt6shapes');

describe('shapes of big application dumps', () => {
  it('a pattern CHECK with a look-ahead in one branch generates from the other branches, on a unique column too (Sourcegraph users.username)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE users (id bigserial PRIMARY KEY, username text NOT NULL,
         CONSTRAINT users_username_valid_chars CHECK (username ~ '^\\w(?:\\w|[-.](?=\\w))*-?$'));
       CREATE UNIQUE INDEX users_username ON users (username);
       CREATE TABLE orgs (id serial PRIMARY KEY,
         name text NOT NULL CHECK (name ~ '^[a-zA-Z0-9](?:[a-zA-Z0-9]|[-.](?!-)(?<=[a-z.-]))*$'),
         owner bigint NOT NULL REFERENCES users (id));`,
      { defaultRows: 400, seed: 2 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.users')).toBe(400);
    expect(counts.get('public.orgs')).toBe(400);
    expect(await count(target, 'SELECT count(DISTINCT username) AS n FROM users')).toBe(400);
  });

  it('a pattern whose every branch asserts leaves only that column NULL, with a warning naming it', async () => {
    // A look-ahead of a repetition (shapes20 reads one of a class: `(?=[A-Z])`, `(?=.*[0-9])`).
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE codes (id int PRIMARY KEY, code text CHECK (code ~ '^(?=[A-Z]{2})[A-Z0-9]{3}$'));`,
      { defaultRows: 50, seed: 1 },
    );
    expect(counts.get('public.codes')).toBe(50);
    expect(await count(target, 'SELECT count(code) AS n FROM codes')).toBe(0);
    expect(result.warnings.map((w) => w.message).join('\n')).toMatch(
      /public\.codes\.code: .*look-around in every branch/,
    );
  });

  it('CHECKs calling plpgsql validation functions (IF/ELSIF/ELSE of RETURNs, SELECT … INTO v; RETURN v) are inlined and met (Flow Commerce, pg_partman)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE SCHEMA util;
       CREATE FUNCTION util.non_empty_trimmed_string(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
         begin
           if p_value is null or trim(p_value) = '' or trim(p_value) != p_value then return false;
           else return true; end if;
         end $$;
       CREATE FUNCTION util.lower_non_empty(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
         begin
           if (util.non_empty_trimmed_string(p_value) and lower(p_value) = p_value) then return true; end if;
           return false;
         end $$;
       CREATE FUNCTION util.null_or_short(p_value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
         begin
           if p_value is null then return true;
           elsif length(p_value) > 12 then return false;
           else
             begin
               if trim(p_value) = p_value and p_value != '' then return true; else return false; end if;
             end;
           end if;
         end $$;
       CREATE FUNCTION check_epoch_type(p_type text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
         DECLARE v_result boolean;
         BEGIN
           SELECT p_type IN ('none', 'seconds', 'milliseconds') INTO v_result;
           RETURN v_result;
         END $$;
       CREATE TABLE syncs (id int PRIMARY KEY, event text NOT NULL CHECK (util.lower_non_empty(event)));
       CREATE TABLE users (id text PRIMARY KEY CHECK (util.lower_non_empty(id)),
         name text NOT NULL CHECK (util.non_empty_trimmed_string(name)),
         nick text CHECK (util.null_or_short(nick)),
         epoch text NOT NULL CHECK (check_epoch_type(epoch)));`,
      { defaultRows: 300, seed: 4 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.users')).toBe(300);
    // A phrase column (capitalised by default) made lowercase: the IF … RETURN true ELSE RETURN false read as bounds.
    expect(counts.get('public.syncs')).toBe(300);
    expect(await count(target, 'SELECT count(DISTINCT epoch) AS n FROM users')).toBe(3);
    expect(await count(target, 'SELECT count(nick) AS n FROM users')).toBeGreaterThan(0);
  });

  it('a plpgsql function that loops or reads a variable it did not set stays unread: its table is left empty with a warning, never rows that may fail', async () => {
    const { result, counts } = await loadGenerated(
      db,
      `CREATE FUNCTION ok(p text) RETURNS boolean LANGUAGE plpgsql AS $$
         DECLARE n int := 3;
         BEGIN
           FOR i IN 1..n LOOP IF p IS NULL THEN RETURN false; END IF; END LOOP;
           RETURN true;
         END $$;
       CREATE FUNCTION ok2(p text) RETURNS boolean LANGUAGE plpgsql AS $$
         DECLARE n int := 3;
         BEGIN
           RETURN length(p) > n;
         END $$;
       CREATE TABLE a (id int PRIMARY KEY, v text CHECK (ok(v)));
       CREATE TABLE b (id int PRIMARY KEY, v text CHECK (ok2(v)));`,
      { defaultRows: 20, seed: 1 },
    );
    expect(counts.get('public.a')).toBe(0);
    expect(counts.get('public.b')).toBe(0);
    const text = result.warnings.map((w) => w.message).join('\n');
    expect(text).toMatch(/function ok\(\)/);
    expect(text).toMatch(/function ok2\(\)/);
  });

  it('branches written with IS TRUE / IS FALSE / IS NOT TRUE are chosen per row like = true / = false (Sourcegraph prompts_has_valid_owner)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE users (id serial PRIMARY KEY);
       CREATE TABLE orgs (id serial PRIMARY KEY);
       CREATE TABLE prompts (id integer PRIMARY KEY, name text NOT NULL,
         owner_user_id integer REFERENCES users (id), owner_org_id integer REFERENCES orgs (id),
         builtin boolean DEFAULT false NOT NULL, archived boolean, note text,
         CONSTRAINT prompts_has_valid_owner CHECK ((((owner_user_id IS NOT NULL) AND (owner_org_id IS NULL)
           AND (builtin IS FALSE)) OR ((owner_org_id IS NOT NULL) AND (owner_user_id IS NULL) AND (builtin IS FALSE))
           OR ((builtin IS TRUE) AND (owner_user_id IS NULL) AND (owner_org_id IS NULL)))),
         CONSTRAINT archived_has_note CHECK (((archived IS NOT TRUE) OR (note IS NOT NULL))));
       CREATE UNIQUE INDEX prompts_builtin_name ON prompts (name) WHERE (builtin IS TRUE);
       CREATE UNIQUE INDEX prompts_org_name ON prompts (owner_org_id, name) WHERE (owner_org_id IS NOT NULL);
       CREATE UNIQUE INDEX prompts_user_name ON prompts (owner_user_id, name) WHERE (owner_user_id IS NOT NULL);`,
      { defaultRows: 1000, seed: 2 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.prompts')).toBe(1000);
    expect(await count(target, 'SELECT count(*) AS n FROM prompts WHERE builtin')).toBeGreaterThan(50);
    expect(
      await count(target, 'SELECT count(*) AS n FROM prompts WHERE owner_org_id IS NOT NULL'),
    ).toBeGreaterThan(50);
    expect(
      await count(target, 'SELECT count(*) AS n FROM prompts WHERE owner_user_id IS NOT NULL'),
    ).toBeGreaterThan(50);
  });

  it('a NOT NULL generated column whose expression can never be NULL (CASE of ARRAY constants over a bit mask) asks nothing of the row (falling-fruit users)', async () => {
    const { result, counts } = await loadGenerated(
      db,
      `CREATE TABLE users (id serial PRIMARY KEY, roles_mask integer DEFAULT 10 NOT NULL,
         roles text[] GENERATED ALWAYS AS (CASE WHEN ((roles_mask & ('0001'::"bit")::integer) > 0)
           THEN ARRAY['user'::text, 'admin'::text] ELSE ARRAY['user'::text] END) STORED NOT NULL,
         label text GENERATED ALWAYS AS (COALESCE(NULLIF(roles_mask::text, '0') || 'x', 'none')) STORED NOT NULL);
       CREATE TABLE refresh_tokens (id serial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id));`,
      { defaultRows: 200, seed: 1 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.users')).toBe(200);
    expect(counts.get('public.refresh_tokens')).toBe(200);
  });

  it("jsonb key CHECKs (x ? 'k', (x ->> 'k') <> '', NOT (x ? 'k')) are met by construction, one branch per row (Sourcegraph package_repo_filters)", async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE package_repo_filters (id serial PRIMARY KEY, matcher jsonb NOT NULL, meta jsonb CHECK (meta ? 'type'),
         CONSTRAINT valid_oneof_glob CHECK ((((matcher ? 'VersionGlob'::text) AND ((matcher ->> 'VersionGlob'::text) <> ''::text)
           AND ((matcher ->> 'PackageName'::text) <> ''::text) AND (NOT (matcher ? 'PackageGlob'::text)))
           OR ((matcher ? 'PackageGlob'::text) AND ((matcher ->> 'PackageGlob'::text) <> ''::text)
           AND (NOT (matcher ? 'VersionGlob'::text))))));`,
      { defaultRows: 400, seed: 3 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.package_repo_filters')).toBe(400);
    expect(
      await count(target, `SELECT count(*) AS n FROM package_repo_filters WHERE matcher ? 'VersionGlob'`),
    ).toBeGreaterThan(100);
    expect(
      await count(target, `SELECT count(*) AS n FROM package_repo_filters WHERE matcher ? 'PackageGlob'`),
    ).toBeGreaterThan(100);
    expect(
      await count(target, `SELECT count(*) AS n FROM package_repo_filters WHERE meta ? 'type'`),
    ).toBeGreaterThan(300);
  });

  it('a constant compared with a CASE of constants (1 = CASE WHEN … THEN 0 … ELSE 1 END) is read as branches chosen per row (Sourcegraph feature_flags)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TYPE flag_kind AS ENUM ('bool', 'rollout');
       CREATE TABLE feature_flags (flag_name text PRIMARY KEY, flag_type flag_kind NOT NULL, bool_value boolean,
         rollout integer CHECK (rollout >= 0 AND rollout <= 10000),
         CONSTRAINT required_bool_fields CHECK ((1 = CASE
           WHEN ((flag_type = 'bool'::flag_kind) AND (bool_value IS NULL)) THEN 0
           WHEN ((flag_type <> 'bool'::flag_kind) AND (bool_value IS NOT NULL)) THEN 0 ELSE 1 END)),
         CONSTRAINT required_rollout_fields CHECK ((1 = CASE
           WHEN ((flag_type = 'rollout'::flag_kind) AND (rollout IS NULL)) THEN 0
           WHEN ((flag_type <> 'rollout'::flag_kind) AND (rollout IS NOT NULL)) THEN 0 ELSE 1 END)),
         CONSTRAINT reversed CHECK ((CASE WHEN rollout > 5000 THEN 'hi' ELSE 'lo' END) <> 'x'));`,
      { defaultRows: 1000, seed: 1 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.feature_flags')).toBe(1000);
    expect(
      await count(target, `SELECT count(*) AS n FROM feature_flags WHERE flag_type = 'bool'`),
    ).toBeGreaterThan(200);
    expect(
      await count(target, `SELECT count(*) AS n FROM feature_flags WHERE flag_type = 'rollout'`),
    ).toBeGreaterThan(200);
  });

  it("a text column referencing two parents, one of whose key is itself a foreign key to the other, takes the narrower parent's keys (NEAR indexer)", async () => {
    for (const order of ['narrow-first', 'broad-first']) {
      const fks = [
        'ALTER TABLE ONLY outcome_receipts ADD CONSTRAINT outcome_fk FOREIGN KEY (executed_id) REFERENCES outcomes (receipt_id);',
        'ALTER TABLE ONLY outcome_receipts ADD CONSTRAINT receipts_fk FOREIGN KEY (executed_id) REFERENCES receipts (receipt_id);',
      ];
      const { result, counts } = await loadGenerated(
        db,
        `CREATE TABLE receipts (receipt_id text PRIMARY KEY, note text);
         CREATE TABLE outcomes (receipt_id text PRIMARY KEY REFERENCES receipts (receipt_id), status text);
         CREATE TABLE outcome_receipts (executed_id text NOT NULL, idx integer NOT NULL, produced_id text NOT NULL,
           PRIMARY KEY (executed_id, idx, produced_id));
         ${(order === 'narrow-first' ? fks : [...fks].reverse()).join('\n')}`,
        { defaultRows: 300, seed: 1 },
      );
      expect(result.warnings, order).toEqual([]);
      expect(counts.get('public.outcome_receipts'), order).toBe(300);
    }
  });

  it('unique jsonb columns under key CHECKs get unique objects with the keys (alone, in a composite key, absent keys only)', async () => {
    const { target, result, counts } = await loadGenerated(
      db,
      `CREATE TABLE t (id int PRIMARY KEY, matcher jsonb NOT NULL UNIQUE CHECK (matcher ? 'a' AND (matcher ->> 'b') <> ''));
       CREATE TABLE c (id int PRIMARY KEY, scheme text NOT NULL CHECK (scheme IN ('a', 'b')),
         matcher jsonb NOT NULL CHECK (matcher ? 'a' AND NOT (matcher ? 'id')), tenant int NOT NULL,
         UNIQUE (scheme, matcher, tenant));
       CREATE TABLE u (id int PRIMARY KEY, m jsonb CHECK (NOT (m ? 'name') AND NOT (m ? 'kind')));
       CREATE UNIQUE INDEX u_m ON u (m);`,
      { defaultRows: 300, seed: 1 },
    );
    expect(result.warnings).toEqual([]);
    for (const table of ['t', 'c', 'u']) expect(counts.get(`public.${table}`), table).toBe(300);
    expect(await count(target, `SELECT count(*) AS n FROM t WHERE matcher ? 'a' AND matcher ? 'b'`)).toBe(
      300,
    );
  });
});

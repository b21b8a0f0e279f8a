import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt15shapes');

/** Evergreen ILS's auditor: a routine that EXECUTEs a CREATE TABLE whose name it builds, called through another. */
const AUDITOR = `CREATE SCHEMA auditor;
  CREATE TABLE public.usr (id serial PRIMARY KEY, creator int NOT NULL, name text);
  CREATE FUNCTION auditor.create_history(sch text, tbl text) RETURNS bool AS $creator$
  BEGIN
    EXECUTE $$
      CREATE TABLE auditor.$$ || quote_ident(sch || $$_$$ || tbl || $$_history$$) || $$ (
        audit_id bigint PRIMARY KEY,
        LIKE $$ || quote_ident(sch) || $$.$$ || quote_ident(tbl) || $$
      );
    $$;
    RETURN true;
  END;
  $creator$ LANGUAGE plpgsql;
  CREATE FUNCTION auditor.create_auditor(sch text, tbl text) RETURNS bool AS $$
  BEGIN
    PERFORM auditor.create_history(sch, tbl);
    RETURN true;
  END;
  $$ LANGUAGE plpgsql;
  SELECT auditor.create_auditor('public', 'usr');
  CREATE INDEX aud_usr_hist_creator_idx ON auditor.public_usr_history (creator);
  ALTER TABLE auditor.public_usr_history ADD COLUMN note text;`;

describe('shapes of hunt 15 (real schemas never tried)', () => {
  it('an index and an ALTER TABLE on a table a called routine creates under a name built at run time are kept as written (Evergreen auditor)', async () => {
    // Before: exit 2, "index aud_usr_hist_creator_idx is on auditor.public_usr_history, which is not a table
    // defined in the DDL" (Evergreen ILS: 16 such indexes after SELECT auditor.create_auditor(...)).
    const { counts, result, script, archive } = await loadScriptAndArchive(db, AUDITOR, {
      rows: 30,
      seed: 1,
    });
    expect(counts.get('public.usr')).toBe(30);
    expect(counts.get('auditor.public_usr_history')).toBe(0);
    const warning = result.warnings.find((w) => w.code === 'RUN_TIME_TABLES');
    expect(warning?.message).toContain('auditor.public_usr_history');
    expect(warning?.message).toContain('SELECT of auditor.create_auditor()');
    for (const t of [script, archive]) {
      const [index] = await t.query<{ indexdef: string }>(
        `SELECT indexdef FROM pg_indexes WHERE indexname = 'aud_usr_hist_creator_idx'`,
      );
      expect(index?.indexdef).toContain('auditor.public_usr_history');
      const columns = await t.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'public_usr_history' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toEqual(['audit_id', 'id', 'creator', 'name', 'note']);
    }
  });
  it("a key that is a char(36) FK to a varchar(40) key gets its rows, every parent value short enough (Vaultwarden's sso_users, archives)", async () => {
    // Before: sso_users and archives got no rows ("the parent row of a foreign key in a unique key is fixed by
    // the key"): the child's length bound was a CHECK no 1:1 pick could be steered by, though the parent's
    // values are kept as short as the child's type.
    const { counts, script } = await loadScriptAndArchive(
      db,
      `CREATE TABLE users (uuid varchar(40) PRIMARY KEY, name text NOT NULL);
       CREATE TABLE ciphers (uuid varchar(40) PRIMARY KEY, data text NOT NULL);
       CREATE TABLE sso_users (user_uuid char(36) PRIMARY KEY REFERENCES users (uuid), identifier text NOT NULL UNIQUE);
       CREATE TABLE archives (
         user_uuid char(36) NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
         cipher_uuid char(36) NOT NULL REFERENCES ciphers (uuid) ON DELETE CASCADE,
         archived_at timestamp NOT NULL DEFAULT now(),
         PRIMARY KEY (user_uuid, cipher_uuid));`,
      { rows: 40, seed: 1 },
    );
    expect(counts.get('public.sso_users')).toBe(40);
    expect(counts.get('public.archives')).toBe(40);
    const [longest] = await script.query<{ n: number }>('SELECT max(length(uuid))::int AS n FROM users');
    expect(longest?.n).toBeLessThanOrEqual(36);
  });
  it("COMMENT ON TRIGGER / RULE / POLICY name ON t, unqualified, is written as it parses (Coder's dump.sql)", async () => {
    // Before: written as COMMENT ON TRIGGER public.t.trg (the deparser's print of the qualified name): exit 0,
    // and the script and the archive stopped at a syntax error.
    const { counts, script, archive } = await loadScriptAndArchive(
      db,
      `CREATE TABLE custom_roles (id int PRIMARY KEY, name text NOT NULL);
       CREATE FUNCTION remove_role() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;
       CREATE TRIGGER remove_member_role BEFORE DELETE ON custom_roles FOR EACH ROW EXECUTE PROCEDURE remove_role();
       COMMENT ON TRIGGER remove_member_role ON custom_roles IS 'When a custom_role is deleted, it''s gone.';
       CREATE RULE keep AS ON UPDATE TO custom_roles WHERE false DO INSTEAD NOTHING;
       COMMENT ON RULE keep ON custom_roles IS 'a rule';
       CREATE POLICY own ON custom_roles USING (true);
       COMMENT ON POLICY own ON custom_roles IS NULL;
       COMMENT ON POLICY own ON custom_roles IS 'a policy';`,
      { rows: 10, seed: 1 },
    );
    expect(counts.get('public.custom_roles')).toBe(10);
    for (const t of [script, archive]) {
      const comments = await t.query<{ description: string }>(
        `SELECT d.description FROM pg_description d
           WHERE d.objoid IN (SELECT oid FROM pg_trigger WHERE tgname = 'remove_member_role'
                              UNION ALL SELECT oid FROM pg_rewrite WHERE rulename = 'keep'
                              UNION ALL SELECT oid FROM pg_policy WHERE polname = 'own')
           ORDER BY 1`,
      );
      expect(comments.map((c) => c.description)).toEqual([
        "When a custom_role is deleted, it's gone.",
        'a policy',
        'a rule',
      ]);
    }
  });
  it('an index on a table of another schema the DDL never makes is still a located error', async () => {
    const dir = tempDir();
    const schema = join(dir, 'schema.sql');
    writeFileSync(schema, `${AUDITOR}\nCREATE INDEX elsewhere_idx ON public.nowhere (id);\n`);
    await expect(
      generate({ schema: [schema], defaultRows: 5, seed: 1, output: join(dir, 'out.sql') }),
    ).rejects.toThrow(
      /schema\.sql:\d+:\d+: index elsewhere_idx is on public\.nowhere, which is not a table defined in the DDL/,
    );
  });
});

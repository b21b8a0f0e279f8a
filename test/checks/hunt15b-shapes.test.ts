import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt15bshapes');

describe('shapes of hunt 15b (migration-built schemas never tried)', () => {
  it('char(36) FK columns in a unique key over a varchar(40) key get their rows (Vaultwarden sso_users, archives)', async () => {
    // Vaultwarden's migrations widen users.uuid to varchar(40); later tables keep char(36) FKs to it. Before: the
    // planned CHECK length(user_uuid) <= 36 could not be checked per row in a key ("the parent row of a foreign key
    // in a unique key is fixed by the key"), and sso_users, archives and a nullable UNIQUE FK got no rows.
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE users (uuid varchar(40) NOT NULL PRIMARY KEY, email text);
       CREATE TABLE ciphers (uuid varchar(40) NOT NULL PRIMARY KEY, name text);
       CREATE TABLE sso_users (user_uuid char(36) NOT NULL PRIMARY KEY REFERENCES users (uuid),
         identifier text NOT NULL UNIQUE);
       CREATE TABLE archives (
         user_uuid char(36) NOT NULL REFERENCES users (uuid) ON DELETE CASCADE,
         cipher_uuid char(36) NOT NULL REFERENCES ciphers (uuid) ON DELETE CASCADE,
         PRIMARY KEY (user_uuid, cipher_uuid));
       CREATE TABLE links (user_uuid char(36) UNIQUE REFERENCES users (uuid), note text);`,
      { defaultRows: 200, seed: 1 },
    );
    expect(result.warnings.map((w) => w.message)).toEqual([]);
    for (const t of ['sso_users', 'archives', 'links']) expect(counts.get(`public.${t}`)).toBe(200);
    const [longest] = await target.query<{ n: number }>('SELECT max(length(uuid))::int AS n FROM users');
    expect(longest?.n).toBeLessThanOrEqual(36);
  });
  it('a DO block adding a column under EXCEPTION WHEN duplicate_column THEN RAISE NOTICE is that ADD COLUMN; run again, it does nothing (Kestra V1_1)', async () => {
    // Before: both blocks kept opaque and warned ("the objects it creates (or changes) cannot be seen"); the
    // column was never given values (its default only).
    const block = `DO $$ BEGIN
         BEGIN
           ALTER TABLE queues ADD consumer_flow_topology boolean NOT NULL;
         EXCEPTION
           WHEN duplicate_column THEN RAISE NOTICE 'consumer_flow_topology already exists in <table_name>.';
         END;
       END; $$;`;
    const { counts, target, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE queues (id int PRIMARY KEY, v text); ${block} ${block}`,
      { defaultRows: 40, seed: 1 },
    );
    expect(result.warnings.map((w) => w.message)).toEqual([]);
    expect(counts.get('public.queues')).toBe(40);
    const [flags] = await target.query<{ t: number; f: number }>(
      'SELECT count(*) FILTER (WHERE consumer_flow_topology)::int AS t, count(*) FILTER (WHERE NOT consumer_flow_topology)::int AS f FROM queues',
    );
    expect(flags?.t).toBeGreaterThan(0);
    expect(flags?.f).toBeGreaterThan(0);
  });
});

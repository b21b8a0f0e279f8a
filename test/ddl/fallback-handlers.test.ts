/**
 * A DO block's nested block whose handler makes the same objects another way (Supabase Auth's
 * one_time_tokens migration: hash indexes, btree ones `WHEN others`): from generator version 25 the block is
 * its own statements, so its table is modelled and gets rows. Kept opaque, its `REFERENCES auth.users` made a
 * foreign key before the rows, and `pg_restore -j 2` failed on the TRUNCATE it runs before each table's COPY
 * ("cannot truncate a table referenced in a foreign key constraint").
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const ddl = (handler: string) => `
CREATE SCHEMA auth;
CREATE TABLE auth.users (id uuid PRIMARY KEY, email text);
DO $$ BEGIN
  CREATE TYPE auth.token_type AS ENUM ('confirmation', 'recovery');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
DO $$ BEGIN
  CREATE TABLE IF NOT EXISTS auth.one_time_tokens (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES auth.users ON DELETE CASCADE,
    token_type auth.token_type NOT NULL,
    token_hash text NOT NULL,
    CHECK (char_length(token_hash) > 0)
  );
  BEGIN
    CREATE INDEX IF NOT EXISTS one_time_tokens_token_hash_idx ON auth.one_time_tokens USING hash (token_hash);
  EXCEPTION WHEN others THEN
    -- Fallback to btree where hash creation fails
    ${handler}
  END;
  CREATE UNIQUE INDEX IF NOT EXISTS one_time_tokens_user_type_key ON auth.one_time_tokens (user_id, token_type);
END $$;
`;
const sameIndex =
  'CREATE INDEX IF NOT EXISTS one_time_tokens_token_hash_idx ON auth.one_time_tokens USING btree (token_hash);';

describe('a nested block whose handler makes the same objects another way', () => {
  const db = useTestDatabase('fallback_handlers');

  it('is read as its statements at version 25: the table gets rows, pg_restore -j 2 restores', async () => {
    const options = { defaultRows: 40, seed: 5, generatorVersion: 25 };
    const loaded = await loadScriptAndArchive(db, ddl(sameIndex), options, { jobs: 2 });
    expect(loaded.counts.get('auth.one_time_tokens')).toBe(40);
    expect(loaded.counts.get('auth.users')).toBe(40);
    // The hash index and the foreign key as pg_dump writes them, after the rows.
    const indexes = await loaded.restored.query<{ indexdef: string }>(
      "SELECT indexdef FROM pg_indexes WHERE indexname = 'one_time_tokens_token_hash_idx'",
    );
    expect(indexes[0]?.indexdef).toContain('USING hash');
    expect(loaded.result.warnings.map((w) => w.message).join('\n')).not.toMatch(/cannot be seen by datagen/);
  });

  it('stays opaque at version 24, and where the handler makes something else', async () => {
    for (const [handler, version] of [
      [sameIndex, 24],
      ['CREATE INDEX other_idx ON auth.one_time_tokens (token_hash);', 25],
      ["RAISE NOTICE 'no hash index';", 25],
    ] as const) {
      const loaded = await loadScriptAndArchive(
        db,
        ddl(handler),
        { defaultRows: 10, seed: 5, generatorVersion: version },
        {},
      );
      expect(loaded.counts.get('auth.one_time_tokens'), handler).toBe(0);
      expect(loaded.result.warnings.map((w) => w.message).join('\n')).toMatch(/cannot be seen by datagen/);
    }
  });
});

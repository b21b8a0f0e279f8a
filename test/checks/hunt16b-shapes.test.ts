import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt16bshapes');

describe('shapes of hunt 16b (benchmark kits, sample databases, migration kits)', () => {
  it('two tables whose FKs read the same key column from each other get no rows, the loop named (not primary keys 1:1: those hold the same keys); the rest loads', async () => {
    // Synapse's delta 79/03: worker_read_write_locks (lock_name, lock_key, write_lock) → worker_read_write_locks_mode,
    // and the mode's (lock_name, lock_key, token) → worker_read_write_locks, DEFERRABLE. Each table's lock_name took
    // its value from the other's: before, 'internal error: RangeError: Maximum call stack size exceeded', exit 1,
    // nothing written (the plain 1:1 shape below too).
    const { counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE mode (lock_name text NOT NULL, lock_key text NOT NULL, write_lock boolean NOT NULL, token text NOT NULL);
       CREATE UNIQUE INDEX mode_key ON mode (lock_name, lock_key);
       CREATE UNIQUE INDEX mode_type ON mode (lock_name, lock_key, write_lock);
       CREATE TABLE locks (lock_name text NOT NULL, lock_key text NOT NULL, token text NOT NULL, write_lock boolean NOT NULL,
         FOREIGN KEY (lock_name, lock_key, write_lock) REFERENCES mode (lock_name, lock_key, write_lock));
       CREATE UNIQUE INDEX locks_key ON locks (lock_name, lock_key, token);
       ALTER TABLE mode ADD CONSTRAINT mode_foreign FOREIGN KEY (lock_name, lock_key, token)
         REFERENCES locks (lock_name, lock_key, token) DEFERRABLE INITIALLY DEFERRED;
       CREATE TABLE head (id int PRIMARY KEY);
       CREATE TABLE body (id int PRIMARY KEY REFERENCES head);
       ALTER TABLE head ADD FOREIGN KEY (id) REFERENCES body (id) DEFERRABLE INITIALLY DEFERRED;
       CREATE TABLE note (id int PRIMARY KEY, head_id int REFERENCES head, body text);`,
      { defaultRows: 40, seed: 1 },
    );
    for (const t of ['mode', 'locks']) expect(counts.get(`public.${t}`)).toBe(0);
    // head ↔ body, primary keys referencing each other 1:1, hold the same keys (key-rings.ts, session 19).
    for (const t of ['head', 'body', 'note']) expect(counts.get(`public.${t}`)).toBe(40);
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toHaveLength(2);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^public\.mode gets no rows instead of 40: its foreign keys read public\.mode\.lock_name back from itself \(public\.mode\.lock_name → public\.locks\.lock_name \(mode_foreign\), public\.locks\.lock_name → public\.mode\.lock_name \(locks_lock_name_lock_key_write_lock_fkey\)\).*Drop one of these foreign keys/,
      ),
    );
  });
});

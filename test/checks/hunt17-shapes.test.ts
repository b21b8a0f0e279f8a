import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('hunt17shapes');

describe('shapes of hunt 17 (migration histories of Go, Rust and Prisma projects)', () => {
  it("filling in place, a NOT NULL FK to a seeded parent's key column the seeded rows leave NULL is warned with that cause (Rauthy's passkeys)", async () => {
    // Before: 'foreign key passkeys_webauthn_fk (passkey_user_id) is NOT NULL and public.users gets no rows',
    // while users held the rows its migration seeded (their webauthn_user_id NULL).
    const target = await siblingWith(
      db,
      `CREATE TABLE users (id varchar PRIMARY KEY, webauthn_user_id varchar UNIQUE);
       CREATE TABLE passkeys (user_id varchar NOT NULL REFERENCES users, name varchar NOT NULL,
         passkey_user_id varchar NOT NULL CONSTRAINT passkeys_webauthn_fk REFERENCES users (webauthn_user_id),
         PRIMARY KEY (user_id, name));
       INSERT INTO users (id) VALUES ('admin'), ('init');`,
    );
    const result = await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 20,
      seed: 1,
    });
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.users': 2,
      'public.passkeys': 0,
    });
    const messages = result.warnings.map((w) => w.message);
    expect(messages).toContain(
      'public.passkeys gets no rows instead of 20: foreign key passkeys_webauthn_fk (passkey_user_id) is NOT NULL and public.users gets no rows, nor holds any with webauthn_user_id set.',
    );
    await target.close();
  });
  it("PostgreSQL 8's CREATE TRUSTED LANGUAGE plpgsql HANDLER is written as pg_dump's CREATE EXTENSION IF NOT EXISTS plpgsql (FreeRADIUS' cisco_h323 schema)", async () => {
    // Before: exit 0, and both outputs stopped at 'language "plpgsql" already exists'.
    const { counts, scriptText } = await loadScriptAndArchive(
      db,
      `CREATE FUNCTION "plpgsql_call_handler" () RETURNS LANGUAGE_HANDLER AS '$libdir/plpgsql' LANGUAGE C;
       CREATE TRUSTED LANGUAGE "plpgsql" HANDLER "plpgsql_call_handler";
       CREATE TABLE stop_telephony (id bigserial PRIMARY KEY, h323_setup_time timestamptz NOT NULL);
       CREATE FUNCTION strip_dot (varchar) RETURNS timestamptz AS 'BEGIN RETURN $1::timestamptz; END' LANGUAGE 'plpgsql';`,
      { rows: 30, seed: 1 },
    );
    expect(counts.get('public.stop_telephony')).toBe(30);
    expect(scriptText).toContain('CREATE EXTENSION IF NOT EXISTS plpgsql;');
    expect(scriptText).not.toContain('CREATE TRUSTED LANGUAGE');
  });
});

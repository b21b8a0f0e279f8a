/**
 * Migration files that also undo (goose, dbmate, sql-migrate and Play Down
 * sections; golang-migrate, diesel, Flyway undo and sqitch revert files): what
 * undoes a migration is left out, warned, and the schema is what the up
 * migrations make, loaded with ON_ERROR_STOP and restored with pg_restore.
 */
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('migrations');

/** 40 rows per table as a script and as a custom archive, both loaded. */
const loadBoth = (ddl: string) => loadScriptAndArchive(db, ddl, { rows: 40, seed: 9 });

describe('migration files: what undoes a migration is left out', () => {
  it('migration files with Up and Down sections (goose, dbmate, sql-migrate, Play): the Down sections are left out, warned', async () => {
    // Before: the Down section ran as DDL and dropped the tables the Up section made ("no tables found", exit 0).
    const { counts, warnings } = await loadBoth(`
-- +goose Up
-- +goose StatementBegin
CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- +goose Down (inside a body: not a marker)
  RETURN NEW;
END $$;
-- +goose StatementEnd

-- +goose Down
DROP TABLE users;
DROP FUNCTION touch();

-- +goose Up
CREATE TABLE posts (id bigserial PRIMARY KEY, user_id bigint NOT NULL REFERENCES users(id));
-- +goose Down
DROP TABLE posts;

-- migrate:up
CREATE TABLE sessions (id uuid PRIMARY KEY, user_id bigint REFERENCES users(id));
-- migrate:down
DROP TABLE sessions;
# --- !Ups
CREATE TABLE evolutions (id int PRIMARY KEY);
# --- !Downs
DROP TABLE evolutions;
`);
    expect(Object.fromEntries(counts)).toEqual({
      'public.users': 40,
      'public.posts': 40,
      'public.sessions': 40,
      'public.evolutions': 40,
    });
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^left out what undoes a migration: the goose\/dbmate\/Play evolutions Down sections of \S*schema\.sql \(lines 12-14, 18-19, 23-24, 27-28\)\. Run as DDL it would drop/,
      ),
    );
  });

  it('whole down migrations by their names (golang-migrate, diesel, Flyway undo, sqitch revert) are left out, warned once', async () => {
    const file = (name: string, text: string) => ({ file: name, text });
    const { schema, warnings } = await parseDdl([
      file('migrations/000001_init.up.sql', 'CREATE TABLE t (id int PRIMARY KEY);'),
      file('migrations/000001_init.down.sql', 'DROP TABLE t;'),
      file('diesel/2020-01-01_u/up.sql', 'CREATE TABLE u (id int PRIMARY KEY);'),
      file('diesel/2020-01-01_u/down.sql', 'DROP TABLE u;'),
      file('flyway/V2__v.sql', 'CREATE TABLE v (id int PRIMARY KEY);'),
      file('flyway/U2__v.sql', 'DROP TABLE v;'),
      file('sqitch/deploy/w.sql', 'BEGIN; CREATE TABLE w (id int PRIMARY KEY); COMMIT;'),
      file('sqitch/revert/w.sql', 'BEGIN; DROP TABLE w; COMMIT;'),
      file('countdown.sql', 'CREATE TABLE countdown (id int PRIMARY KEY);'),
    ]);
    expect(schema.tables.map((t) => t.name)).toEqual(['t', 'u', 'v', 'w', 'countdown']);
    expect(warnings.filter((w) => w.code === 'DOWN_MIGRATION').map((w) => [w.where, w.message])).toEqual([
      [
        'migrations/000001_init.down.sql:1:1',
        'left out what undoes a migration: migrations/000001_init.down.sql (a down migration (*.down.sql, down.sql)); diesel/2020-01-01_u/down.sql (a down migration (*.down.sql, down.sql)); flyway/U2__v.sql (a Flyway undo migration (U<version>__*.sql)); sqitch/revert/w.sql (a sqitch revert script (revert/*.sql)). Run as DDL it would drop what the up migrations made; the schema is what those make',
      ],
    ]);
  });
});

/**
 * The live catalog of an older or newer PostgreSQL than the system's: a
 * database made on that server (its own binaries from postgres-packages.ts)
 * from DDL of the features each version added, read by `datagen generate -d`
 * (catalog queries differ between 12 and 18) and (1) loaded straight into
 * it, (2) written as a custom archive that the system's pg_restore restores
 * into an empty database of that server, (3) written as a plain script that
 * psql loads there, every constraint in place, the restored objects the
 * source's (constraints, indexes, columns compared by definition).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCliAsync, runProcess } from './cli-process.js';
import { tempDir } from './generate-file.js';
import { findPostgresBinDir } from './postgres-binaries.js';
import { findPackagedPostgres, type PackagedMajor, startPackagedPostgres } from './postgres-packages.js';
import type { ThrowawayPostgres } from './throwaway-postgres.mjs';

/** DDL every version from 12 reads, with the `since` version of what came later. */
const FEATURES: readonly { since: number; ddl: string }[] = [
  {
    since: 12,
    ddl: `CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('calm', 'busy', 'away');
CREATE TYPE app.money_pair AS (amount numeric(10,2), currency char(3));
CREATE DOMAIN app.percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE SEQUENCE app.ticket_seq START 1000;
CREATE TABLE app.account (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL,
  mood app.mood NOT NULL DEFAULT 'calm',
  discount app.percent,
  balance app.money_pair,
  tags text[] NOT NULL DEFAULT '{}',
  email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT account_email_key UNIQUE (email)
);
CREATE UNIQUE INDEX account_lower_idx ON app.account (lower(email)) INCLUDE (mood);
CREATE TABLE app.event (
  account_id bigint NOT NULL REFERENCES app.account,
  happened_on date NOT NULL,
  ticket int NOT NULL DEFAULT nextval('app.ticket_seq'),
  kind text NOT NULL CHECK (kind IN ('login', 'logout', 'purchase')),
  PRIMARY KEY (account_id, happened_on, ticket)
) PARTITION BY RANGE (happened_on);
CREATE TABLE app.event_2024 PARTITION OF app.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE app.event_rest PARTITION OF app.event DEFAULT;
CREATE TABLE app.booking (
  id serial PRIMARY KEY,
  account_id bigint NOT NULL,
  during tstzrange NOT NULL,
  EXCLUDE USING gist (account_id WITH =, during WITH &&),
  FOREIGN KEY (account_id) REFERENCES app.account (id) ON DELETE CASCADE
);
CREATE INDEX booking_open_idx ON app.booking (account_id) WHERE upper_inf(during);
CREATE VIEW app.busy_accounts AS SELECT id, email FROM app.account WHERE mood = 'busy';
COMMENT ON TABLE app.account IS 'people who sign in';
`,
  },
  {
    since: 14,
    ddl: `CREATE TABLE app.shift (id int PRIMARY KEY, hours int4multirange NOT NULL, note text COMPRESSION pglz);
`,
  },
  {
    since: 15,
    ddl: `CREATE TABLE app.badge (id int PRIMARY KEY, code text, UNIQUE NULLS NOT DISTINCT (code));
`,
  },
];

/** The tables each version's DDL makes, with the rows `-r 40` gives them (partitions share their parent's). */
function expectedRows(major: number): Record<string, number> {
  return {
    'app.account': 40,
    'app.booking': 40,
    'app.event': 40,
    ...(major >= 14 ? { 'app.shift': 40 } : {}),
    ...(major >= 15 ? { 'app.badge': 40 } : {}),
  };
}

/** What a database holds, by definition: columns, constraints, indexes (names and text). */
const SHAPE = `
SELECT 'column ' || attrelid::regclass || '.' || attname || ' ' || format_type(atttypid, atttypmod)
       || CASE WHEN attnotnull THEN ' NOT NULL' ELSE '' END
       || CASE attidentity WHEN 'a' THEN ' IDENTITY ALWAYS' WHEN 'd' THEN ' IDENTITY BY DEFAULT' ELSE '' END
       || coalesce(' DEFAULT ' || pg_get_expr(adbin, adrelid), '')
       || CASE attgenerated WHEN 's' THEN ' STORED' ELSE '' END AS d
  FROM pg_attribute JOIN pg_class c ON c.oid = attrelid LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum
 WHERE c.relnamespace = 'app'::regnamespace AND c.relkind IN ('r', 'p', 'v') AND attnum > 0 AND NOT attisdropped
UNION ALL
SELECT 'constraint ' || conrelid::regclass || '.' || conname || ' ' || pg_get_constraintdef(oid)
  FROM pg_constraint WHERE connamespace = 'app'::regnamespace
UNION ALL
SELECT 'index ' || pg_get_indexdef(indexrelid) FROM pg_index JOIN pg_class c ON c.oid = indrelid
 WHERE c.relnamespace = 'app'::regnamespace
ORDER BY 1`;

export function describeLiveCatalog(major: PackagedMajor): void {
  const binaries = findPackagedPostgres(major);
  if ('missing' in binaries)
    console.warn(`\nNOTICE: the PostgreSQL ${major} live-catalog tests are skipped: ${binaries.missing}\n`);

  describe.skipIf('missing' in binaries)(`the live catalog of PostgreSQL ${major}`, () => {
    let server: ThrowawayPostgres;
    const clientBin = findPostgresBinDir();
    let dir = '';
    let made = 0;

    const url = (database: string) => `postgresql://${server.user}@127.0.0.1:${server.port}/${database}`;
    const env = (database: string) => ({
      ...process.env,
      PGHOST: '127.0.0.1',
      PGPORT: String(server.port),
      PGUSER: server.user,
      PGDATABASE: database,
    });

    /** A client program of the system's against this server; its stderr in the failure. */
    async function client(bin: string, args: string[], database: string): Promise<void> {
      const r = await runProcess(join(clientBin, bin), args, { env: env(database) });
      expect({ bin, status: r.status, stderr: r.stderr }).toEqual({ bin, status: 0, stderr: '' });
    }

    async function query<T>(database: string, sql: string): Promise<T[]> {
      const db = new pg.Client({ host: '127.0.0.1', port: server.port, user: server.user, database });
      await db.connect();
      try {
        return (await db.query(sql)).rows as T[];
      } finally {
        await db.end();
      }
    }

    async function freshDatabase(): Promise<string> {
      const name = `live${major}_${++made}`;
      await query('postgres', `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
      return name;
    }

    async function rowCounts(database: string): Promise<Record<string, number>> {
      const counts: Record<string, number> = {};
      for (const table of Object.keys(expectedRows(major)))
        counts[table] =
          (await query<{ n: number }>(database, `SELECT count(*)::int AS n FROM ${table}`))[0]?.n ?? -1;
      return counts;
    }

    const shape = async (database: string) => (await query<{ d: string }>(database, SHAPE)).map((r) => r.d);

    let source = '';
    beforeAll(async () => {
      dir = tempDir(`datagen-live${major}-`);
      server = await startPackagedPostgres((binaries as { binDir: string }).binDir);
      const version = await query<{ v: string }>(
        'postgres',
        "SELECT current_setting('server_version_num') AS v",
      );
      expect(Math.floor(Number(version[0]?.v) / 10000)).toBe(major);
      source = await freshDatabase();
      const ddl = FEATURES.filter((f) => f.since <= major)
        .map((f) => f.ddl)
        .join('');
      writeFileSync(join(dir, 'schema.sql'), ddl);
      await client('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', join(dir, 'schema.sql')], source);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('-d without -f: rows read from the catalog load into the database itself', async () => {
      const r = await runCliAsync(['generate', '-d', url(source), '-r', '40', '--seed', '5'], {
        env: cliEnv(),
      });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
      expect(await rowCounts(source)).toEqual(expectedRows(major));
    });

    for (const format of ['c', 'p'] as const) {
      it(`-F ${format}: the catalog's schema and rows ${format === 'c' ? "restore with the system's pg_restore" : 'load with psql'} into an empty database, the same objects`, async () => {
        const out = join(dir, `out.${format}`);
        const r = await runCliAsync(['generate', '-d', url(source), '-r', '40', '-F', format, '-f', out]);
        expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
        const target = await freshDatabase();
        if (format === 'c') await client('pg_restore', ['--exit-on-error', '-d', target, out], target);
        else await client('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', out], target);
        expect(await rowCounts(target)).toEqual(expectedRows(major));
        const made = await shape(source);
        expect(made).toEqual(
          expect.arrayContaining([
            'column app.account.id bigint NOT NULL IDENTITY ALWAYS',
            'column app.account.email_lower text DEFAULT lower(email) STORED',
            'constraint app.booking.booking_account_id_during_excl EXCLUDE USING gist (account_id WITH =, during WITH &&)',
          ]),
        );
        expect(await shape(target)).toEqual(made);
      });
    }
  });
}

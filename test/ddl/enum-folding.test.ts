/**
 * Labels added to (or renamed in) an enum the DDL creates are written into
 * its CREATE TYPE, as pg_dump writes an enum: PostgreSQL refuses a label
 * added in the transaction that uses it ("unsafe use of new value"), so
 * `psql -1`, `pg_restore -1` and a direct load that creates the schema
 * failed on migration histories (Prisma adds labels, and rewrites an enum by
 * renaming a new type into the old one's name). An enum the DDL does not
 * create keeps its ALTER TYPE as written.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

// A migration history's shape (Inbox Zero, trigger.dev, Papermark): labels added, the type rewritten, more added.
const HISTORY = `
CREATE TYPE "Status" AS ENUM ('OPEN', 'DONE');
CREATE TABLE "Task" (id serial PRIMARY KEY, status "Status" NOT NULL, tags "Status"[]);
ALTER TYPE "Status" ADD VALUE 'WAITING' BEFORE 'DONE';
ALTER TYPE "Status" RENAME VALUE 'OPEN' TO 'NEW';
CREATE TYPE "Status_new" AS ENUM ('NEW', 'WAITING', 'DONE');
ALTER TABLE "Task" ALTER COLUMN status TYPE "Status_new" USING (status::text::"Status_new");
ALTER TABLE "Task" ALTER COLUMN tags TYPE "Status_new"[] USING (tags::text::"Status_new"[]);
ALTER TYPE "Status" RENAME TO "Status_old";
ALTER TYPE "Status_new" RENAME TO "Status";
DROP TYPE "Status_old";
ALTER TYPE "Status" ADD VALUE 'TIMED_OUT';
ALTER TYPE "Status" ADD VALUE IF NOT EXISTS 'DONE';
CREATE TABLE "Run" (id serial PRIMARY KEY, task_id int NOT NULL REFERENCES "Task", status "Status" NOT NULL);
`;

let db: TestDatabase;

describe('enum labels added by later DDL', () => {
  beforeAll(async () => {
    db = await createTestDatabase('enum_folding');
  });
  afterAll(async () => db.close());

  it('are written into the CREATE TYPE, so one transaction loads the script and a direct load creates the schema', async () => {
    const dir = tempDir();
    const ddl = join(dir, 'history.sql');
    writeFileSync(ddl, HISTORY);
    const script = join(dir, 'out.sql');
    const r = await runCliInProcess(['generate', ddl, '-r', '200', '-f', script]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(script, 'utf8');
    // A rename stays in place (see the next test); the added label is folded by position.
    expect(text).toContain(`CREATE TYPE "Status" AS ENUM ('OPEN', 'WAITING', 'DONE');`);
    expect(text).toContain(`ALTER TYPE "Status" RENAME VALUE 'OPEN' TO 'NEW';`);
    expect(text).toContain(`CREATE TYPE "Status_new" AS ENUM ('NEW', 'WAITING', 'DONE', 'TIMED_OUT');`);
    expect(text).not.toContain('ADD VALUE');
    const single = await db.createSibling();
    single.run('psql', ['-X', '-1', '-v', 'ON_ERROR_STOP=1', '-q', '-f', script]);
    const direct = await db.createSibling();
    const load = await runCliInProcess(['generate', ddl, '-r', '200', '-d', direct.connectionString]);
    expect(load.status, load.stderr).toBe(0);
    for (const t of [single, direct]) {
      const labels = await t.query<{ l: string }>(
        `SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = '"Status"'::regtype ORDER BY enumsortorder`,
      );
      expect(labels.map((x) => x.l)).toEqual(['NEW', 'WAITING', 'DONE', 'TIMED_OUT']);
      const used = await t.query<{ n: number }>('SELECT count(DISTINCT status)::int AS n FROM "Run"');
      expect(used[0]?.n).toBeGreaterThan(1);
      await t.close();
    }
  });

  // Lemmy's history: a default written with a label a later RENAME VALUE changes. Folding the
  // rename into CREATE TYPE made the default's label unknown: exit 0, then the load failed.
  it('a label used before its RENAME VALUE keeps working (the rename stays in place)', async () => {
    const dir = tempDir();
    const ddl = join(dir, 'renamed.sql');
    writeFileSync(
      ddl,
      `CREATE TYPE mode AS ENUM ('closed', 'open');
CREATE TABLE site (id serial PRIMARY KEY);
ALTER TABLE site ADD COLUMN mode mode NOT NULL DEFAULT 'open';
ALTER TYPE mode ADD VALUE 'require_application' AFTER 'closed';
ALTER TABLE site ADD CONSTRAINT not_legacy CHECK (mode <> 'require_application');
ALTER TABLE site DROP CONSTRAINT not_legacy;
ALTER TYPE mode RENAME VALUE 'closed' TO 'Closed';
ALTER TYPE mode RENAME VALUE 'open' TO 'Open';
ALTER TABLE site ALTER COLUMN mode SET DEFAULT 'Open';
ALTER TYPE mode ADD VALUE 'Invite' BEFORE 'Open';
CREATE TABLE visit (id serial PRIMARY KEY, site_id int NOT NULL REFERENCES site, mode mode NOT NULL);
`,
    );
    const script = join(dir, 'out.sql');
    const r = await runCliInProcess(['generate', ddl, '-r', '50', '-f', script]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(script, 'utf8');
    // Labels as written at creation, by position: the renames apply to them in place.
    expect(text).toContain(`CREATE TYPE mode AS ENUM ('closed', 'require_application', 'Invite', 'open');`);
    expect(text).toContain(`ALTER TYPE mode RENAME VALUE 'open' TO 'Open';`);
    expect(text).not.toContain('ADD VALUE');
    const single = await db.createSibling();
    single.run('psql', ['-X', '-1', '-v', 'ON_ERROR_STOP=1', '-q', '-f', script]);
    const direct = await db.createSibling();
    const load = await runCliInProcess(['generate', ddl, '-r', '50', '-d', direct.connectionString]);
    expect(load.status, load.stderr).toBe(0);
    for (const t of [single, direct]) {
      const labels = await t.query<{ l: string }>(
        `SELECT enumlabel AS l FROM pg_enum WHERE enumtypid = 'mode'::regtype ORDER BY enumsortorder`,
      );
      expect(labels.map((x) => x.l)).toEqual(['Closed', 'require_application', 'Invite', 'Open']);
      const rows = await t.query<{ n: number }>('SELECT count(DISTINCT mode)::int AS n FROM visit');
      expect(rows[0]?.n).toBeGreaterThan(1);
      await t.close();
    }
  });

  it('a label added back under a renamed-away name stays an ALTER TYPE (the CREATE TYPE holds that name)', async () => {
    const dir = tempDir();
    const ddl = join(dir, 'back.sql');
    writeFileSync(
      ddl,
      `CREATE TYPE mode AS ENUM ('closed', 'open');
CREATE TABLE site (id serial PRIMARY KEY, mode mode NOT NULL DEFAULT 'open');
ALTER TYPE mode RENAME VALUE 'open' TO 'Open';
ALTER TYPE mode ADD VALUE 'open' BEFORE 'Open';
`,
    );
    const script = join(dir, 'out.sql');
    const r = await runCliInProcess(['generate', ddl, '-r', '20', '-f', script]);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(script, 'utf8');
    expect(text).toContain(`CREATE TYPE mode AS ENUM ('closed', 'open');`);
    expect(text).toContain(`ALTER TYPE mode ADD VALUE 'open' BEFORE 'Open';`);
    const plain = await db.createSibling();
    plain.run('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-q', '-f', script]);
    const rows = await plain.query<{ n: number }>('SELECT count(*)::int AS n FROM site');
    expect(rows[0]?.n).toBe(20);
    await plain.close();
  });

  it('an enum the DDL does not create keeps its ALTER TYPE', async () => {
    const dir = tempDir();
    const ddl = join(dir, 'external.sql');
    writeFileSync(ddl, `ALTER TYPE ext.kind ADD VALUE 'z';\nCREATE TABLE t (id int PRIMARY KEY);\n`);
    const r = await runCliInProcess(['generate', ddl, '-r', '3', '-s', '-f', '-']);
    expect(r.stdout).toContain(`ALTER TYPE ext.kind ADD VALUE 'z';`);
  });
});

/**
 * Labels added to (or renamed in) an enum the DDL creates are written into
 * its CREATE TYPE, as pg_dump writes an enum: PostgreSQL refuses a label
 * added in the transaction that uses it ("unsafe use of new value"), so
 * `psql -1`, `pg_restore -1` and a direct load that creates the schema
 * failed on migration histories (Prisma adds labels, and rewrites an enum by
 * renaming a new type into the old one's name). An enum the DDL does not
 * create keeps its ALTER TYPE as written.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
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
    assertBuilt();
  });
  afterAll(async () => db.close());

  it('are written into the CREATE TYPE (a RENAME VALUE where it stands), so one transaction loads the script and a direct load creates the schema', async () => {
    const dir = tempDir();
    const ddl = join(dir, 'history.sql');
    writeFileSync(ddl, HISTORY);
    const script = join(dir, 'out.sql');
    const r = runCli(['generate', ddl, '-r', '200', '-f', script]);
    expect(r.status, r.stderr).toBe(0);
    const text = (await import('node:fs')).readFileSync(script, 'utf8');
    expect(text).toContain(`CREATE TYPE "Status" AS ENUM ('OPEN', 'WAITING', 'DONE');`);
    expect(text).toContain(`ALTER TYPE "Status" RENAME VALUE 'OPEN' TO 'NEW';`);
    expect(text).toContain(`CREATE TYPE "Status_new" AS ENUM ('NEW', 'WAITING', 'DONE', 'TIMED_OUT');`);
    expect(text).not.toContain('ADD VALUE');
    const single = await db.createSibling();
    single.run('psql', ['-X', '-1', '-v', 'ON_ERROR_STOP=1', '-q', '-f', script]);
    const direct = await db.createSibling();
    const load = runCli(['generate', ddl, '-r', '200', '-d', direct.connectionString]);
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

  it('an enum the DDL does not create keeps its ALTER TYPE', () => {
    const dir = tempDir();
    const ddl = join(dir, 'external.sql');
    writeFileSync(ddl, `ALTER TYPE ext.kind ADD VALUE 'z';\nCREATE TABLE t (id int PRIMARY KEY);\n`);
    const r = runCli(['generate', ddl, '-r', '3', '-s', '-f', '-']);
    expect(r.stdout).toContain(`ALTER TYPE ext.kind ADD VALUE 'z';`);
  });
});

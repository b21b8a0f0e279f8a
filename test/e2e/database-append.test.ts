/**
 * --append: rows added to tables that already hold some, every constraint
 * in place: integer keys past the maximum, text/uuid/composite keys around
 * the values there, sequences past the new rows; then --truncate over it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { assertBuilt, runCli } from '../helpers/cli-process.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE SCHEMA app;
CREATE TABLE app.account (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL UNIQUE,
  handle varchar(12) NOT NULL,
  CONSTRAINT handle_unique UNIQUE (handle)
);
CREATE TABLE app.project (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}[0-9]{2}$'),
  owner_id bigint NOT NULL REFERENCES app.account,
  token uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  ticket_no serial NOT NULL
);
CREATE TABLE app.member (
  project_code text NOT NULL REFERENCES app.project,
  account_id bigint NOT NULL REFERENCES app.account,
  role text NOT NULL CHECK (role IN ('owner', 'dev', 'viewer')),
  PRIMARY KEY (project_code, account_id)
);
CREATE TABLE app.task (
  project_code text NOT NULL,
  number integer NOT NULL,
  account_id bigint NOT NULL,
  title text NOT NULL,
  PRIMARY KEY (project_code, number),
  FOREIGN KEY (project_code, account_id) REFERENCES app.member (project_code, account_id)
);
CREATE TABLE app.tag (id integer PRIMARY KEY CHECK (id > 0), name text NOT NULL UNIQUE);
CREATE TABLE app.host (addr inet PRIMARY KEY, seen date NOT NULL, UNIQUE (seen, addr));
CREATE TABLE app.settings (id integer PRIMARY KEY CHECK (id = 1), theme text);
`;

let db: TestDatabase;

async function counts(target: TestDatabase): Promise<Record<string, number>> {
  return Object.fromEntries(await userTableRowCounts(target));
}

describe('--append', () => {
  beforeAll(async () => {
    db = await createTestDatabase('append_load');
  });
  afterAll(async () => db.close());

  it('adds rows twice without a collision, every constraint checked, then --truncate replaces them', async () => {
    const target = await db.createSibling();
    await target.query(SCHEMA);
    // Rows the application made: keys datagen's own would hit.
    await target.query(`
      INSERT INTO app.account (email, handle) VALUES ('a@example.com', 'alpha');
      INSERT INTO app.tag VALUES (1000, 'first');
      INSERT INTO app.project (code, owner_id) VALUES ('ABC12', 1);`);
    const connection = { dbname: target.connectionString };
    const rows = { defaultRows: 60, tables: { 'app.task': 200 } };
    await generate({ connection, ...rows, seed: 5, append: true });
    const once = await counts(target);
    expect(once).toMatchObject({ 'app.account': 61, 'app.tag': 61, 'app.project': 61, 'app.task': 200 });
    // The same seed again: the same values would collide, the keys walk around them.
    const second = await generate({ connection, ...rows, seed: 5, append: true, workers: 2 });
    const twice = await counts(target);
    // A key with no room past its maximum: that table gets no new rows, said in a warning.
    expect(second.warnings.map((w) => `${w.code} ${w.where}`)).toContain('APPEND_KEY_FULL app.settings');
    expect(twice['app.settings']).toBe(1);
    for (const t of second.tables.filter((t) => t.name !== 'settings')) {
      const name = `${t.schema}.${t.name}`;
      expect(t.rows, name).toBeGreaterThan(0);
      expect(twice[name], name).toBe((once[name] ?? 0) + t.rows);
    }
    expect((await constraintSummary(target)).notValid).toEqual([]);
    // Integer keys past the maximum, and the sequences past them: the application's next inserts work.
    const [tags] = await target.query<{ min: number }>('SELECT min(id) AS min FROM app.tag WHERE id <> 1000');
    expect(tags?.min).toBe(1001);
    await target.query(`
      INSERT INTO app.account (email, handle) VALUES ('b@example.com', 'beta');
      INSERT INTO app.project (code, owner_id) VALUES ('XYZ99', 1);`);
    await generate({ connection, ...rows, seed: 5, truncate: true });
    expect(await counts(target)).toMatchObject({ 'app.account': 60, 'app.tag': 60, 'app.task': 200 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });

  it("walks around held keys whose text also carries the row (a version 3 email: the row's names and the key's code)", async () => {
    // Discourse's screened_emails: the spare scan read every position as row 0's, so the held emails of the same
    // seed went unseen and the second load stopped on index_screened_emails_on_email.
    const target = await db.createSibling();
    await target.query(`
      CREATE TABLE screened_emails (id serial PRIMARY KEY, email varchar NOT NULL, created_at timestamp NOT NULL);
      CREATE UNIQUE INDEX index_screened_emails_on_email ON screened_emails (email);
      CREATE TABLE listed (id serial PRIMARY KEY, email varchar(40) NOT NULL UNIQUE);`);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 200, seed: 3 });
    await generate({ connection, defaultRows: 200, seed: 3, append: true });
    await generate({ connection, defaultRows: 200, seed: 3, append: true, workers: 2 });
    const [row] = await target.query<{ n: string; d: string }>(
      'SELECT count(*) AS n, count(DISTINCT email) AS d FROM screened_emails',
    );
    expect(row).toEqual({ n: '600', d: '600' });
    expect(await counts(target)).toMatchObject({ 'public.listed': 600 });
  });

  it('is refused with --truncate or with a file, in one line naming the fix', async () => {
    assertBuilt();
    const both = runCli(['generate', '-d', db.connectionString, '--append', '--truncate', '--rows', '5']);
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('--append and --truncate contradict each other');
    expect(both.stderr).not.toContain('    at ');
  });
});

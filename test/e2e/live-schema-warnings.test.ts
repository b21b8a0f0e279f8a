/**
 * The schema read from a live database uses roles (and other objects) its
 * DDL does not create. Loading the rows back into that database, they are
 * there: no warning. A file written from it holds the GRANT, as pg_dump's
 * would, so the warning names the role (the file may be loaded elsewhere);
 * with -x the file holds no GRANT and names no role.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

let db: TestDatabase;
const role = `reader_${Math.random().toString(36).slice(2, 8)}`;

describe('warnings of a live schema', () => {
  beforeAll(async () => {
    db = await createTestDatabase('live_warnings');
    await db.query(`CREATE ROLE ${role}`);
  });
  afterAll(async () => {
    await db.query(`DROP ROLE ${role}`);
    await db.close();
  });

  it('roles the target has are not reported when the rows go back into it, and are when a file is written', async () => {
    const target = await db.createSibling();
    await target.query(
      `CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL); GRANT SELECT ON note TO ${role};`,
    );
    const loaded = await generate({ connection: { dbname: target.connectionString }, defaultRows: 20 });
    expect(loaded.warnings.map((w) => w.code)).not.toContain('EXTERNAL_OBJECTS');
    const [row] = await target.query<{ n: string }>('SELECT count(*) AS n FROM note');
    expect(row?.n).toBe('20');
    const file = join(tempDir(), 'note.sql');
    const written = await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 20,
      output: file,
    });
    expect(written.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS')?.message).toContain(`roles ${role}`);
    expect(readFileSync(file, 'utf8')).toContain(`GRANT SELECT ON TABLE public.note TO ${role};`);
    const withoutPrivileges = await generate({
      connection: { dbname: target.connectionString },
      defaultRows: 20,
      output: file,
      noPrivileges: true,
    });
    expect(withoutPrivileges.warnings.map((w) => w.code)).not.toContain('EXTERNAL_OBJECTS');
    const script = readFileSync(file, 'utf8');
    expect(script).toContain('CREATE TABLE public.note');
    expect(script).not.toContain(role);
    // The role is cluster-wide: nothing may depend on it when it is dropped.
    await target.query('DROP TABLE note');
  });
});

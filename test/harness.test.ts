import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('test harness', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.close());

  it('gives each test file a fresh, empty database on a throwaway server', async () => {
    const rows = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'",
    );
    expect(rows[0]?.n).toBe('0');
    expect(db.run('psql', ['-X', '-Atc', 'SELECT current_database()']).trim()).toBe(db.name);
  });
});

/**
 * The known open items of issues 8 and 10 (fix11), each reduced to a
 * minimal shape, generated and loaded into the real server with every
 * constraint in place (a plain script with psql ON_ERROR_STOP and a custom
 * archive through pg_restore --exit-on-error).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

let db: TestDatabase;

describe('fix11: known open items of issues 8 and 10', () => {
  beforeAll(async () => {
    db = await createTestDatabase('fix11shapes');
  });
  afterAll(async () => db.close());

  it('a nullable composite FK cycle through a header table: the header gets its rows (BookBrainz *_header)', async () => {
    // Before: "public.author_header: PRIMARY KEY author_header_pkey (bbid) allows only 1 distinct values (all
    // its columns are decided by other constraints), so it gets 1 rows instead of 100": bbid was pinned.
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TYPE entity_type AS ENUM ('Author', 'Work');
       CREATE TABLE entity (bbid uuid PRIMARY KEY, type entity_type NOT NULL);
       CREATE TABLE author_header (bbid uuid PRIMARY KEY, master_revision_id int);
       ALTER TABLE author_header ADD FOREIGN KEY (bbid) REFERENCES entity (bbid);
       CREATE TABLE revision (id serial PRIMARY KEY, created_at timestamp NOT NULL DEFAULT now());
       CREATE TABLE author_revision (id int, bbid uuid, data_id int, is_merge boolean NOT NULL DEFAULT false,
         PRIMARY KEY (id, bbid));
       ALTER TABLE author_revision ADD FOREIGN KEY (id) REFERENCES revision (id);
       ALTER TABLE author_revision ADD FOREIGN KEY (bbid) REFERENCES author_header (bbid);
       ALTER TABLE author_header ADD FOREIGN KEY (master_revision_id, bbid) REFERENCES author_revision (id, bbid);`,
      { defaultRows: 100, seed: 3 },
    );
    expect(counts.get('public.author_header')).toBe(100);
    expect(counts.get('public.author_revision')).toBe(100);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'COLUMN_LEFT_NULL', where: 'public.author_header.master_revision_id' }),
    );
    const [spread] = await target.query<{ n: string }>(
      'SELECT count(DISTINCT bbid) AS n FROM author_revision',
    );
    expect(Number(spread?.n)).toBeGreaterThan(30);
  });
});

/**
 * --append to a parent whose key values children list (LIST partitions
 * `FOR VALUES IN ('photos')`, or a CHECK list on the FK column): the new
 * parent rows leave out the listed values the target holds already (seen on
 * graphile's `partitions.entity_kinds`, seeded by its migration), and the
 * children's rows reach the existing ones; a second append still loads.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TABLE entity_kinds (kind text PRIMARY KEY);
INSERT INTO entity_kinds VALUES ('photos'), ('locations');
CREATE TABLE tags (
  entity_kind text NOT NULL REFERENCES entity_kinds (kind),
  id int NOT NULL,
  PRIMARY KEY (entity_kind, id)
) PARTITION BY LIST (entity_kind);
CREATE TABLE photo_tags PARTITION OF tags FOR VALUES IN ('photos');
CREATE TABLE location_tags PARTITION OF tags FOR VALUES IN ('locations');
CREATE TABLE profile_tags PARTITION OF tags FOR VALUES IN ('profiles');
CREATE TABLE colours (name varchar(10) PRIMARY KEY);
INSERT INTO colours VALUES ('red');
CREATE TABLE paint (id serial PRIMARY KEY, colour varchar(10) NOT NULL REFERENCES colours CHECK (colour IN ('red', 'blue')));
`;

const db = useTestDatabase('append_listed');

describe('--append to parents of listed values', () => {
  it('new parent rows skip the listed values already there; children route to old and new ones; twice', async () => {
    const target = await siblingWith(db, SCHEMA);
    for (const round of [1, 2]) {
      await generate({
        connection: { dbname: target.connectionString },
        defaultRows: 12,
        seed: round,
        append: true,
      });
      const kinds = await target.query<{ kind: string; n: string }>(
        'SELECT entity_kind AS kind, count(*) AS n FROM tags GROUP BY 1 ORDER BY 1',
      );
      expect(kinds.map((k) => k.kind)).toEqual(['locations', 'photos', 'profiles']);
      const [held] = await target.query<{ listed: string; colours: string }>(
        `SELECT (SELECT count(*) FROM entity_kinds WHERE kind IN ('photos', 'locations', 'profiles')) AS listed,
                (SELECT count(*) FROM colours WHERE name IN ('red', 'blue')) AS colours`,
      );
      expect(held).toEqual({ listed: '3', colours: '2' });
      const [paint] = await target.query<{ n: string }>('SELECT count(*) AS n FROM paint');
      expect(Number(paint?.n)).toBe(12 * round);
    }
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});

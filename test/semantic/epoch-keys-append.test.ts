/**
 * Generator version 5: a unique integer moment (`created integer UNIQUE`) is epoch seconds spread by the
 * key's keyed bijection, not counted up from 1; --append into a table holding such keys (the same seed, so
 * the same first values) avoids the keys it holds and the load succeeds.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';

const SCHEMA = `CREATE TABLE api_keys (id serial PRIMARY KEY, created integer NOT NULL UNIQUE,
  expires_at_ms bigint UNIQUE);`;

const db = useTestDatabase('epoch_keys');

describe('unique epoch keys under --append', () => {
  it('appends rows whose epoch keys avoid the held ones', async () => {
    const target = await siblingWith(db, SCHEMA);
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 500, seed: 1 });
    await generate({ connection, defaultRows: 500, seed: 1, append: true });
    expect(await count(target, 'SELECT count(DISTINCT created) AS n FROM api_keys')).toBe(1000);
    expect(await count(target, 'SELECT count(*) AS n FROM api_keys WHERE created < 1609459200')).toBe(0);
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM api_keys WHERE expires_at_ms NOT BETWEEN 1609459200000 AND 1798761599999',
      ),
    ).toBe(0);
  });
});

/**
 * inet/cidr functions of the CHECK evaluator against the real server's, value
 * by value (IPv4 and IPv6, with and without masks), and e621's generated
 * column `network(set_masklen(ip_addr, 24))` under a NOT NULL CHECK: rows
 * are made and load (was: the table left empty, "function set_masklen()").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INET_FUNCTIONS } from '../../src/checks/inet-functions.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { count, generateAndLoad } from './check-fixture.js';

const VALUES = [
  '10.0.0.1',
  '10.1.2.3/8',
  '192.168.77.200/24',
  '255.255.255.255',
  '0.0.0.0/0',
  '2001:db8::1',
  '2001:db8:0:0:1:0:0:1/64',
  'fd00::abcd:12/48',
  '::1',
  '::',
  '1:0:0:2:0:0:0:3',
  '2001:db8:85a3::8a2e:370:7334/128',
];

let db: TestDatabase;

describe('inet functions', () => {
  beforeAll(async () => {
    db = await createTestDatabase('inetfn');
  });
  afterAll(async () => db.close());

  it('agree with the server on every value', async () => {
    for (const v of VALUES) {
      // The output form (as COPY writes it), not ::text, which always shows the mask.
      const [row] = await db.query<Record<string, string>>(
        `SELECT family($1::inet)::text AS family, masklen($1::inet)::text AS masklen, host($1::inet) AS host,
                network($1::inet) AS network, broadcast($1::inet) AS broadcast,
                netmask($1::inet) AS netmask, hostmask($1::inet) AS hostmask,
                abbrev($1::inet) AS abbrev, set_masklen($1::inet, 16) AS set16,
                set_masklen($1::inet, -1) AS setfull`,
        [v],
      );
      const ours = (name: string, n?: number) => String(INET_FUNCTIONS[name]?.(v, n));
      expect(
        {
          family: ours('family'),
          masklen: ours('masklen'),
          host: ours('host'),
          network: ours('network'),
          broadcast: ours('broadcast'),
          netmask: ours('netmask'),
          hostmask: ours('hostmask'),
          abbrev: ours('abbrev'),
          set16: ours('set_masklen', 16),
          setfull: ours('set_masklen', -1),
        },
        v,
      ).toEqual(row);
    }
  });

  it('a generated subnet column under a NOT NULL CHECK gets rows that load', async () => {
    const ddl = `CREATE TABLE user_ip_addresses (
  id bigserial PRIMARY KEY,
  ip_addr inet NOT NULL,
  subnet inet GENERATED ALWAYS AS (CASE WHEN family(ip_addr) = 4 THEN network(set_masklen(ip_addr, 24)) ELSE network(set_masklen(ip_addr, 64)) END) STORED,
  CONSTRAINT subnet_not_null CHECK (subnet IS NOT NULL)
);`;
    const result = await generateAndLoad(db, ddl, { rows: 300 });
    expect(result.warnings).toEqual([]);
    expect(await count(db, 'SELECT count(*) AS n FROM user_ip_addresses')).toBe(300);
  });
});

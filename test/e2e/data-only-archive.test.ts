/**
 * -a with archive formats, as pg_dump -a writes them: TABLE DATA entries in
 * foreign-key order and SEQUENCE SET entries, no DDL, so pg_restore sees a
 * data-only restore into a database that has the schema (and its
 * --disable-triggers works for a foreign-key cycle).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const SHOP = join(import.meta.dirname, '../../examples/shop.sql');

const CYCLE = `
CREATE TABLE team (id serial PRIMARY KEY, name text NOT NULL, captain_id int NOT NULL);
CREATE TABLE player (id serial PRIMARY KEY, team_id int NOT NULL REFERENCES team, name text);
ALTER TABLE team ADD FOREIGN KEY (captain_id) REFERENCES player;
CREATE TABLE game (id serial PRIMARY KEY, home int NOT NULL REFERENCES team, away int NOT NULL REFERENCES team);
`;

let db: TestDatabase;

/** The entries of a pg_restore -l listing: desc, namespace, tag (and owner, none here). */
function entries(listing: string): string[] {
  return listing
    .split('\n')
    .filter((l) => /^\d+;/.test(l))
    .map((l) => l.replace(/^\d+; \d+ \d+ /, '').trim());
}

describe('data-only archives (-a -F c/d/t)', () => {
  beforeAll(async () => {
    db = await createTestDatabase('data_only_archive');
  });
  afterAll(async () => db.close());

  it('hold only TABLE DATA, parents first, and SEQUENCE SET; pg_restore loads them into the schema', async () => {
    for (const format of ['custom', 'directory', 'tar'] as const) {
      const path = join(tempDir(), `shop.${format}`);
      const result = await generate({
        schema: [SHOP],
        defaultRows: 50,
        output: path,
        format,
        dataOnly: true,
      });
      const listed = entries(db.run('pg_restore', ['-l', path]));
      expect(
        listed.every((e) => /^(TABLE DATA|SEQUENCE SET) /.test(e)),
        listed.join('\n'),
      ).toBe(true);
      const data = listed.filter((e) => e.startsWith('TABLE DATA'));
      expect(data.indexOf('TABLE DATA shop customer')).toBeLessThan(data.indexOf('TABLE DATA shop order'));
      expect(listed.some((e) => e.startsWith('SEQUENCE SET'))).toBe(true);
      const target = await db.createSibling();
      target.psqlFile(SHOP);
      // The triggers off while restoring (shop.touch() would trim reviews), as pg_dump -a's docs advise.
      const jobs = format === 'directory' ? ['-j', '2'] : [];
      target.run('pg_restore', ['--exit-on-error', '--disable-triggers', ...jobs, '-d', target.name, path]);
      const counts = await userTableRowCounts(target);
      expect(counts.get('shop.customer')).toBe(50);
      expect(counts.get('shop.order')).toBe(50);
      expect((await constraintSummary(target)).notValid).toEqual([]);
      expect(result.warnings.filter((w) => w.code === 'CIRCULAR_FOREIGN_KEYS')).toEqual([]);
      // The sequences were set: the next insert gets a key past the restored ones.
      const [next] = await target.query<{ ok: boolean }>(
        "SELECT nextval('shop.customer_customer_id_seq') > (SELECT max(customer_id) FROM shop.customer) AS ok",
      );
      expect(next?.ok).toBe(true);
    }
  });

  it('without triggers to turn off, pg_restore -j 2 loads children after their parents (defined child first)', async () => {
    const ddl = join(tempDir(), 'chain.sql');
    writeFileSync(
      ddl,
      `CREATE TABLE grandchild (id serial PRIMARY KEY, child_id int NOT NULL);
       CREATE TABLE child (id serial PRIMARY KEY, parent_id int NOT NULL);
       CREATE TABLE parent (id serial PRIMARY KEY, name text);
       ALTER TABLE grandchild ADD FOREIGN KEY (child_id) REFERENCES child;
       ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent;\n`,
    );
    const path = join(tempDir(), 'chain.dir');
    await generate({ schema: [ddl], defaultRows: 40, output: path, format: 'directory', dataOnly: true });
    const data = entries(db.run('pg_restore', ['-l', path])).filter((e) => e.startsWith('TABLE DATA'));
    expect(data).toEqual([
      'TABLE DATA public parent',
      'TABLE DATA public child',
      'TABLE DATA public grandchild',
    ]);
    const target = await db.createSibling();
    target.psqlFile(ddl);
    target.run('pg_restore', ['--exit-on-error', '-j', '2', '-d', target.name, path]);
    expect((await userTableRowCounts(target)).get('public.grandchild')).toBe(40);
  });

  it('an FK cycle: pg_dump’s warning, and pg_restore --disable-triggers loads it', async () => {
    const ddl = join(tempDir(), 'cycle.sql');
    writeFileSync(ddl, CYCLE);
    const path = join(tempDir(), 'cycle.dump');
    const result = await generate({
      schema: [ddl],
      defaultRows: 30,
      output: path,
      format: 'custom',
      dataOnly: true,
    });
    const warning = result.warnings.find((w) => w.code === 'CIRCULAR_FOREIGN_KEYS');
    expect(warning?.message).toContain('pg_restore --disable-triggers');
    const data = entries(db.run('pg_restore', ['-l', path])).filter((e) => e.startsWith('TABLE DATA'));
    expect(data.indexOf('TABLE DATA public game')).toBe(data.length - 1);
    const plain = await db.createSibling();
    plain.psqlFile(ddl);
    const refused = plain.tryRun('pg_restore', ['--exit-on-error', '-d', plain.name, path]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('violates foreign key constraint');
    const target = await db.createSibling();
    target.psqlFile(ddl);
    target.run('pg_restore', ['--exit-on-error', '--disable-triggers', '-d', target.name, path]);
    const counts = await userTableRowCounts(target);
    expect([counts.get('public.team'), counts.get('public.player'), counts.get('public.game')]).toEqual([
      30, 30, 30,
    ]);
    // Every reference holds: re-validating the keys finds no orphan.
    const [orphans] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM team t LEFT JOIN player p ON p.id = t.captain_id WHERE p.id IS NULL',
    );
    expect(orphans?.n).toBe('0');
  });
});

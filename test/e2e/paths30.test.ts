/**
 * Output loads on the paths beyond `-F c` / `-F p` / `-d` that real schemas
 * broke (session 30's run of the corpus and the hunts' schemas through every
 * output path): each a minimal shape through the path it broke, loaded by the
 * real server.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { writeDdlFiles } from '../helpers/load-generated.js';

const db = useTestDatabase('paths30');

describe('--append twice into a real or double precision key (sqitch.releases)', () => {
  it('the held keys compared as numbers: 3x the rows, every constraint valid', async () => {
    const target = await siblingWith(
      db,
      `CREATE TABLE releases (version real PRIMARY KEY, installer_name text NOT NULL);
       CREATE TABLE measure (at double precision PRIMARY KEY, v real);
       CREATE TABLE pair (a real, b integer, PRIMARY KEY (a, b))`,
    );
    const connection = { dbname: target.connectionString };
    await generate({ connection, defaultRows: 40 });
    // The server prints the held 10066330 as 1.006633e+07: compared as text, the new key collided.
    await generate({ connection, defaultRows: 40, append: true });
    await generate({ connection, defaultRows: 40, append: true });
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.releases': 120,
      'public.measure': 120,
      'public.pair': 120,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});

const KEPT_CALL_FOREIGN_KEY = `CREATE TABLE mac (id serial PRIMARY KEY, addr text);
CREATE TABLE packet (id serial PRIMARY KEY, mac_id integer);
CREATE FUNCTION add_foreign_keys() RETURNS void AS $$
  ALTER TABLE packet ADD CONSTRAINT mac_id_fk FOREIGN KEY (mac_id) REFERENCES mac (id);
$$ LANGUAGE sql;
SELECT add_foreign_keys();`;

describe('-c --if-exists run twice where code run after the data adds foreign keys (ulogd2)', () => {
  it('the second run drops what the code made along with the keys it hangs on', async () => {
    const dir = tempDir();
    const schema = writeDdlFiles(dir, KEPT_CALL_FOREIGN_KEY);
    const output = join(dir, 'reset.sql');
    await generate({ schema: [schema], output, defaultRows: 20, clean: true, ifExists: true });
    const target = await db.createSibling();
    await target.psqlFileAsync(output);
    // The second run's ALTER TABLE mac DROP CONSTRAINT mac_pkey met the code's mac_id_fk.
    await target.psqlFileAsync(output);
    expect((await userTableRowCounts(target)).get('public.mac')).toBe(20);
    const fk = await target.query("SELECT convalidated FROM pg_constraint WHERE conname = 'mac_id_fk'");
    expect(fk).toEqual([{ convalidated: true }]);
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});

describe('--truncate where a table the load gives no rows references a loaded one (ulogd2)', () => {
  it('empties that table too: the load goes in again', async () => {
    const schema = writeDdlFiles(tempDir(), KEPT_CALL_FOREIGN_KEY);
    const target = await db.createSibling();
    const connection = { dbname: target.connectionString };
    // packet gets no rows (the kept call alters it); its foreign key, which the call adds, references mac.
    await generate({ schema: [schema], connection, defaultRows: 20 });
    await generate({ schema: [schema], connection, defaultRows: 20, truncate: true });
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.mac': 20,
      'public.packet': 0,
    });
    // Rows there: refused by the server's word, nothing emptied.
    await target.query('INSERT INTO packet (mac_id) VALUES (1)');
    await expect(generate({ schema: [schema], connection, defaultRows: 20, truncate: true })).rejects.toThrow(
      /cannot empty the tables of .*"packet" references "mac"/s,
    );
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.mac': 20,
      'public.packet': 1,
    });
  });
});

describe('-c --if-exists run twice where a type is made after the table a column of it is added to (Linkwarden)', () => {
  it('the type drops its column along: the second run loads', async () => {
    const dir = tempDir();
    const schema = writeDdlFiles(
      dir,
      `CREATE TABLE "Subscription" (id serial PRIMARY KEY, active boolean NOT NULL);
       CREATE TYPE "Provider" AS ENUM ('STRIPE', 'APPLE');
       CREATE DOMAIN quantity AS integer CHECK (VALUE > 0);
       ALTER TABLE "Subscription" ADD COLUMN provider "Provider", ADD COLUMN seats quantity NOT NULL;
       ALTER TABLE "Subscription" ADD COLUMN blurred boolean NOT NULL DEFAULT true;
       ALTER TABLE "Subscription" ALTER COLUMN blurred SET DEFAULT false;
       ALTER TABLE "Subscription" DROP COLUMN blurred;`,
    );
    const output = join(dir, 'reset.sql');
    await generate({ schema: [schema], output, defaultRows: 20, clean: true, ifExists: true });
    const target = await db.createSibling();
    await target.psqlFileAsync(output);
    // The second run's DROP TYPE "Provider" came before the table's drop and met its column; the
    // dropped column's default was dropped again.
    await target.psqlFileAsync(output);
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({ 'public.Subscription': 20 });
    expect((await constraintSummary(target)).notValid).toEqual([]);
  });
});

describe('-c --if-exists run twice with a partition index attached to its parent index (codefund)', () => {
  it('the attached index has no drop of its own: the second run loads', async () => {
    const dir = tempDir();
    const schema = writeDdlFiles(
      dir,
      `CREATE TABLE impressions (id bigint NOT NULL, uplift boolean, at date NOT NULL) PARTITION BY RANGE (at);
       CREATE TABLE impressions_default PARTITION OF impressions DEFAULT;
       CREATE INDEX index_impressions_on_uplift ON ONLY impressions USING btree (uplift);
       CREATE INDEX impressions_default_uplift_idx ON impressions_default USING btree (uplift);
       ALTER INDEX index_impressions_on_uplift ATTACH PARTITION impressions_default_uplift_idx;`,
    );
    const output = join(dir, 'reset.sql');
    await generate({ schema: [schema], output, defaultRows: 20, clean: true, ifExists: true });
    const target = await db.createSibling();
    await target.psqlFileAsync(output);
    // The second run's DROP INDEX impressions_default_uplift_idx: "index_impressions_on_uplift requires it".
    await target.psqlFileAsync(output);
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      'public.impressions_default': 20,
    });
    const valid = await target.query(
      "SELECT indisvalid FROM pg_index WHERE indexrelid = 'index_impressions_on_uplift'::regclass",
    );
    expect(valid).toEqual([{ indisvalid: true }]);
  });
});

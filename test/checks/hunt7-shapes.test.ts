/**
 * Constructs left open by earlier hunts on real schemas (LedgerSMB, Logto,
 * Inbox Zero, Kestra, Sourcegraph, Supabase realtime): each reduced to a
 * minimal shape, generated, loaded into the real server with every
 * constraint in place.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';
import { count } from './check-fixture.js';

const db = useTestDatabase('hunt7shapes');

const INVOICE = `CREATE TABLE invoice (id serial PRIMARY KEY, qty numeric, allocated numeric,
  sellprice numeric(10,2), CONSTRAINT invoice_allocation_constraint
  CHECK (allocated*-1 BETWEEN least(0,qty) AND greatest(qty,0)));`;

/** The COPY block of a plain script generated from the DDL. */
async function copyBlock(ddl: string, generatorVersion?: number): Promise<string> {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  const output = join(dir, 'out.sql');
  await generate({
    schema: [schema],
    output,
    defaultRows: 200,
    seed: 3,
    ...(generatorVersion === undefined ? {} : { generatorVersion }),
  });
  const text = readFileSync(output, 'utf8');
  return text.slice(text.indexOf('COPY '), text.indexOf('\\.\n') + 3);
}

describe('open constructs of earlier hunts', () => {
  it('a CHECK no random value meets takes the values it names before NULL (LedgerSMB invoice.allocated)', async () => {
    const { target, counts } = await loadScriptAndArchive(db, INVOICE, { defaultRows: 400, seed: 3 });
    expect(counts.get('public.invoice')).toBe(400);
    // Rows with qty set: allocated between -qty and 0, not NULL (the NULL rate's rows aside).
    const set = await count(
      target,
      'SELECT count(*) AS n FROM invoice WHERE qty IS NOT NULL AND allocated IS NOT NULL',
    );
    const withQty = await count(target, 'SELECT count(*) AS n FROM invoice WHERE qty IS NOT NULL');
    expect(set).toBeGreaterThan(withQty * 0.8);
    expect(
      await count(target, 'SELECT count(*) AS n FROM invoice WHERE allocated = -qty AND qty > 0'),
    ).toBeGreaterThan(20);
    expect(await count(target, 'SELECT count(*) AS n FROM invoice WHERE allocated = 0')).toBeGreaterThan(20);
  });

  it('generator version 2 keeps its bytes (allocated NULL in every row)', async () => {
    const block = await copyBlock(INVOICE, 2);
    expect(createHash('sha256').update(block).digest('hex')).toBe(
      '4a18a3e8924413d7630a57d9c315b93351f405de508bb72a2f65d42e57918727',
    );
    const allocated = block
      .split('\n')
      .slice(1, -2)
      .map((line) => line.split('\t')[2]);
    expect(allocated.length).toBe(200);
    expect(allocated.every((v) => v === '\\N')).toBe(true);
    expect(await copyBlock(INVOICE)).not.toBe(block);
  });

  it('neutral values respect the column type and its own CHECKs: an empty string, the bound a CHECK names', async () => {
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE notes (id int PRIMARY KEY, body varchar(3) NOT NULL, title text,
         CHECK (length(body) + length(coalesce(title, 'x')) = 0 OR body = 'n/a'));
       CREATE TABLE levels (id int PRIMARY KEY, lo int2 NOT NULL CHECK (lo >= 7),
         hi int2 NOT NULL, CHECK (hi * 3 = lo * 3));`,
      { defaultRows: 100, seed: 1 },
    );
    expect(counts.get('public.notes')).toBe(100);
    expect(await count(target, "SELECT count(*) AS n FROM notes WHERE body IN ('', 'n/a')")).toBe(100);
    expect(counts.get('public.levels')).toBe(100);
    expect(await count(target, 'SELECT count(*) AS n FROM levels WHERE hi = lo')).toBe(100);
  });

  it('a primary key over some columns of a composite FK whose parent key they cover gets its rows (Logto cimd_*)', async () => {
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE tenants (id varchar(21) PRIMARY KEY);
       CREATE TABLE oidc_model_instances (tenant_id varchar(21) NOT NULL REFERENCES tenants (id),
         model_name varchar(64) NOT NULL, id varchar(128) NOT NULL, PRIMARY KEY (tenant_id, model_name, id));
       CREATE TABLE snaps (tenant_id varchar(21) NOT NULL REFERENCES tenants (id), grant_id varchar(128) NOT NULL,
         grant_model_name varchar(64) DEFAULT 'Grant' NOT NULL CHECK (grant_model_name = 'Grant'),
         client_id text NOT NULL, PRIMARY KEY (tenant_id, grant_id),
         FOREIGN KEY (tenant_id, grant_model_name, grant_id) REFERENCES oidc_model_instances (tenant_id, model_name, id));`,
      { defaultRows: 60, seed: 2 },
    );
    expect(counts.get('public.snaps')).toBe(60);
    expect(await count(target, 'SELECT count(DISTINCT (tenant_id, grant_id)) AS n FROM snaps')).toBe(60);
  });

  it('a neutral value never enters a partial unique index the rows are kept out of', async () => {
    const { target, counts } = await loadScriptAndArchive(
      db,
      `CREATE TABLE jobs (id int PRIMARY KEY, slot int NOT NULL CHECK (slot BETWEEN 1 AND 3),
         state text NOT NULL CHECK (length(state) = 0 OR state = 'held' OR state = 'done'));
       CREATE UNIQUE INDEX jobs_one_held ON jobs (slot) WHERE state = 'held';`,
      { defaultRows: 200, seed: 4 },
    );
    expect(counts.get('public.jobs')).toBe(200);
    expect(await count(target, "SELECT count(*) AS n FROM jobs WHERE state = 'held'")).toBe(0);
    expect(await count(target, "SELECT count(*) AS n FROM jobs WHERE state IN ('', 'done')")).toBe(200);
  });
});

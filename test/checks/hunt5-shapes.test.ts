/**
 * Shapes from real schemas datagen had not seen (issue 8, the fifth hunt:
 * LedgerSMB, …), each reduced to its minimal tables, generated as a plain
 * script and a custom archive, and loaded into the real server with every
 * constraint in place.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../helpers/database.js';
import { loadScriptAndArchive } from '../helpers/load-generated.js';

const db = useTestDatabase('hunt5_shapes');

describe('shapes of the fifth hunt', () => {
  it('an FK to a serial key under CHECK (c IN (1, 2)): parent rows picked among those keys, every row kept (LedgerSMB)', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE entity_class (id serial PRIMARY KEY, class text NOT NULL);
       CREATE TABLE entity_credit_account (id serial NOT NULL UNIQUE,
         entity_class int NOT NULL REFERENCES entity_class(id) CHECK (entity_class IN (1, 2)),
         kind int REFERENCES entity_class(id) CHECK (kind IN (1, 3, 5)),
         meta_number varchar(32), PRIMARY KEY (id, meta_number, entity_class));`,
      { defaultRows: 300, seed: 3 },
    );
    expect(result.warnings).toEqual([]);
    expect(counts.get('public.entity_credit_account')).toBe(300);
    const [row] = await target.query<{ classes: string; kinds: string }>(
      'SELECT count(DISTINCT entity_class) AS classes, count(DISTINCT kind) AS kinds FROM entity_credit_account',
    );
    expect(row).toEqual({ classes: '2', kinds: '3' });
  });

  it("a subtype's discriminator in a composite FK (CHECK (model_name = 'Grant'), IN (...)): the parent's free column takes the listed values, every child row kept (Logto)", async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE instances (model_name varchar(64) NOT NULL, id varchar(128) PRIMARY KEY, payload jsonb,
         UNIQUE (model_name, id));
       CREATE TABLE grants_snap (id serial PRIMARY KEY,
         model_name varchar(64) DEFAULT 'Grant' NOT NULL CHECK (model_name = 'Grant'), grant_id varchar(128) NOT NULL,
         FOREIGN KEY (model_name, grant_id) REFERENCES instances (model_name, id));
       CREATE TABLE sessions_snap (id serial PRIMARY KEY,
         model_name varchar(64) NOT NULL CHECK (model_name IN ('Session', 'Interaction')), sid varchar(128) NOT NULL,
         FOREIGN KEY (model_name, sid) REFERENCES instances (model_name, id));`,
      { defaultRows: 300, seed: 2 },
    );
    expect(result.warnings).toEqual([]);
    for (const t of ['instances', 'grants_snap', 'sessions_snap'])
      expect(counts.get(`public.${t}`), t).toBe(300);
    const [row] = await target.query<{ names: string }>(
      "SELECT string_agg(DISTINCT model_name, ',' ORDER BY model_name) AS names FROM instances",
    );
    expect(row?.names).toBe('Grant,Interaction,Session');
  });

  it('a unique index on a JSON path of a nullable column datagen cannot make unique (version 28; from 29 fix36 makes both paths distinct): the column left NULL, warned, every row kept (Logto)', async () => {
    const { target, counts, result } = await loadScriptAndArchive(
      db,
      `CREATE TABLE applications (id varchar(21) PRIMARY KEY, name text NOT NULL, meta jsonb, strict_meta jsonb NOT NULL);
       CREATE UNIQUE INDEX applications_domain ON applications ((((meta -> 'customDomains') -> 0) ->> 'domain'));
       CREATE UNIQUE INDEX applications_host ON applications ((meta ->> 'host'));
       CREATE TABLE secrets (application_id varchar(21) NOT NULL REFERENCES applications, name text NOT NULL,
         PRIMARY KEY (application_id, name));`,
      { defaultRows: 200, seed: 6, generatorVersion: 28 },
    );
    expect(result.warnings.map((w) => `${w.code} ${w.where}`)).toEqual([
      'COLUMN_LEFT_NULL public.applications.meta',
    ]);
    expect(counts.get('public.applications')).toBe(200);
    expect(counts.get('public.secrets')).toBe(200);
    const [row] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM applications WHERE meta IS NULL',
    );
    expect(row?.n).toBe('200');
  });
});

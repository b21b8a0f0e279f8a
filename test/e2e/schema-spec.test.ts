/**
 * A schema written in YAML (`datagen generate shop.yaml`): its tables,
 * types and constraints become the same DDL a script would give, so the
 * output loads with every constraint in place (plain script, archive, and
 * straight into an empty database); its steering keys take effect; every
 * mistake is reported at its `file:line:column` in the spec, never at the
 * SQL datagen made from it; and the published JSON Schema names exactly the
 * keys the reader takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_CONFIG_KEYS, FOREIGN_KEY_CONFIG_KEYS } from '../../src/input/spec/column-config.js';
import { CONFIG_KEYS, TABLE_CONFIG_KEYS } from '../../src/input/spec/config-file.js';
import {
  SPEC_COLUMN_KEYS,
  SPEC_FOREIGN_KEY_KEYS,
  SPEC_KEYS,
  SPEC_TABLE_KEYS,
} from '../../src/input/spec/schema-spec.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { specRefusal, writeSpec } from '../helpers/spec-refusal.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/shop.yaml');

/** A spec with what a script has that the example lacks: a schema, a domain, a composite FK, named CHECKs, a generated column. */
const FULL_SPEC = `
extensions: [pgcrypto]
ddl: |
  CREATE DOMAIN us_zip AS text CHECK (VALUE ~ '^[0-9]{5}$');
enums:
  crm.tier: [free, pro, enterprise]
tables:
  crm.accounts:
    rows: 40
    columns:
      tenant: { type: integer, not_null: true, check: "tenant BETWEEN 1 AND 3" }
      id: { type: uuid, not_null: true, default: gen_random_uuid() }
      "Display Name": { type: text, not_null: true }
      tier: { type: crm.tier, not_null: true, values: [free, pro], weights: [3, 1] }
      zip: { type: us_zip }
      seats: { type: integer, not_null: true, default: 1 }
      seats_x2: { type: integer, generated: "seats * 2" }
    primary_key: [tenant, id]
    checks:
      seats_positive: seats > 0
  crm.contacts:
    rows: 120
    columns:
      id: { type: bigint, identity: always, primary_key: true }
      tenant: { type: integer, not_null: true }
      account_id: { type: uuid, not_null: true }
      email: { type: text, unique: true }
      note: { type: text, null_rate: 0.5 }
    unique: [[tenant, id]]
    foreign_keys:
      contacts_account_fk:
        columns: [tenant, account_id]
        references: crm.accounts(tenant, id)
        on_delete: cascade
        per_parent: { min: 0, max: 6 }
`;

let db: TestDatabase;

const write = writeSpec;

const refusal = specRefusal;

describe('a schema in YAML', () => {
  beforeAll(async () => {
    db = await createTestDatabase('schema_spec');
  });
  afterAll(async () => db.close());

  it('the example loads with every constraint, its steering keys in effect', async () => {
    const out = join(tempDir(), 'shop.sql');
    const r = await runCliInProcess(['generate', EXAMPLE, '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    target.psqlFile(out);
    const counts = await target.query<{ t: string; n: number }>(
      `SELECT 'customers' AS t, count(*)::int AS n FROM customers UNION ALL SELECT 'order_items', count(*)::int FROM order_items`,
    );
    // rows: per table, from the spec.
    expect(counts).toEqual([
      { t: 'customers', n: 500 },
      { t: 'order_items', n: 6000 },
    ]);
    // values: only the listed country codes; the enum's labels; the regex CHECK.
    const codes = await target.query<{ c: string }>(
      'SELECT DISTINCT country_code AS c FROM customers ORDER BY 1',
    );
    expect(codes.map((x) => x.c)).toEqual(['DE', 'FR', 'GB', 'JP', 'US']);
    const constraints = await target.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid::regclass::text IN ('customers', 'products', 'orders', 'order_items')`,
    );
    // PKs 4, UNIQUE 2, FKs 3, CHECKs 3 (sku, price, line_no, quantity: 4), all in place.
    expect(constraints[0]?.n).toBe(13);
    await target.close();
  });

  it('schemas, domains, composite FKs, named CHECKs and generated columns: script, archive and an empty database', async () => {
    const spec = write(FULL_SPEC);
    const dir = tempDir();
    const script = await runCliInProcess(['generate', spec, '-f', join(dir, 'crm.sql')]);
    expect(script.status, script.stderr).toBe(0);
    const fromScript = await db.createSibling();
    fromScript.psqlFile(join(dir, 'crm.sql'));

    const archive = await runCliInProcess(['generate', spec, '-F', 'c', '-f', join(dir, 'crm.dump')]);
    expect(archive.status, archive.stderr).toBe(0);
    const fromArchive = await db.createSibling();
    fromArchive.run('pg_restore', ['--exit-on-error', '-d', fromArchive.name, join(dir, 'crm.dump')]);

    // Straight into an empty database: datagen creates the schema, as pg_restore would.
    const direct = await db.createSibling();
    const load = await runCliInProcess(['generate', spec, '-d', direct.connectionString]);
    expect(load.status, load.stderr).toBe(0);

    const summary = async (t: TestDatabase) =>
      t.query(
        `SELECT (SELECT count(*)::int FROM crm.accounts) AS accounts, (SELECT count(*)::int FROM crm.contacts) AS contacts,
                (SELECT count(*)::int FROM crm.accounts WHERE seats_x2 <> seats * 2) AS bad_generated,
                (SELECT count(*)::int FROM crm.accounts WHERE tier = 'enterprise') AS unlisted_tier,
                (SELECT string_agg(conname, ',' ORDER BY conname) FROM pg_constraint WHERE connamespace = 'crm'::regnamespace) AS names`,
      );
    const expected = [
      {
        accounts: 40,
        contacts: 120,
        bad_generated: 0,
        unlisted_tier: 0,
        names:
          'accounts_pkey,accounts_tenant_check,contacts_account_fk,contacts_email_key,contacts_pkey,contacts_tenant_id_key,seats_positive',
      },
    ];
    expect(await summary(fromScript)).toEqual(expected);
    expect(await summary(fromArchive)).toEqual(expected);
    expect(await summary(direct)).toEqual(expected);
    // The identity is ALWAYS, the column name with a space kept as written.
    const columns = await direct.query<{
      column_name: string;
      is_identity: string;
      identity_generation: string | null;
    }>(
      `SELECT column_name, is_identity, identity_generation FROM information_schema.columns
        WHERE table_schema = 'crm' AND column_name IN ('id', 'Display Name') ORDER BY table_name, column_name`,
    );
    expect(columns).toContainEqual({
      column_name: 'Display Name',
      is_identity: 'NO',
      identity_generation: null,
    });
    expect(columns).toContainEqual({ column_name: 'id', is_identity: 'YES', identity_generation: 'ALWAYS' });
    for (const t of [fromScript, fromArchive, direct]) await t.close();
  });

  it('every mistake is told at its place in the spec, never at the SQL made from it', async () => {
    const table = (columns: string, extra = '') => `tables:\n  t:\n${extra}    columns:\n${columns}`;
    expect(
      await refusal(table('      id: {type: int, primary_key: true}\n      x: {type: notatype}\n')),
    ).toMatch(
      /^datagen: error: spec\.yaml:5:17: tables\.t\.columns\.x\.type: type notatype is neither a PostgreSQL type nor one of the spec's enums/,
    );
    expect(
      await refusal(table('      id: {type: int, primary_key: true}\n      x: {type: int, check: "x > "}\n')),
    ).toMatch(
      /^datagen: error: spec\.yaml:5:\d+: tables\.t\.columns\.x: syntax error at or near "\)"\n {2}in the SQL made from it: x int CHECK \(x > \)/,
    );
    expect(await refusal(table('      id: {type: int, check: "y > 0"}\n'))).toContain(
      'spec.yaml:4:18: tables.t.columns.id: CHECK t_y_check: y is not a column of public.t (it has id), so PostgreSQL refuses the statement',
    );
    expect(await refusal(table('      id: {type: int}\n', '    primary_key: [nope]\n'))).toContain(
      'spec.yaml:3:18: tables.t.primary_key: primary-key t_pkey: column public.t.nope does not exist',
    );
    expect(await refusal(table('      id: {type: int, references: u}\n'))).toContain(
      'spec.yaml:4:35: tables.t.columns.id.references: "u" names no table of this spec (its tables: t)',
    );
    expect(await refusal(table('      id: {type: int, refrences: t}\n'))).toContain(
      'spec.yaml:4:23: unknown key "refrences" in tables.t.columns.id',
    );
    expect(await refusal(table('      id: {primary_key: true}\n'))).toContain(
      'spec.yaml:4:11: tables.t.columns.id: give the column its PostgreSQL type',
    );
    expect(await refusal(table('      id: {type: int, primary_key: true}\n      y: 12\n'))).toContain(
      'spec.yaml:5:10: tables.t.columns.y expects its type (`y: text`) or a map with it',
    );
    expect(await refusal(table('      id: {type: int, primary_key: true}\n      y: nummeric\n'))).toContain(
      'spec.yaml:5:10: tables.t.columns.y: type nummeric is neither a PostgreSQL type',
    );
    expect(await refusal('tables:\n  t:\n    rows: 5\n')).toContain(
      'spec.yaml:3:5: tables.t: a table of a spec needs columns',
    );
    expect(await refusal('seed: 3\n')).toContain('a schema spec needs tables:');
    expect(await refusal(table('      id: {type: int, primary_key: true\n'))).toMatch(
      /^datagen: error: spec\.yaml:5:1: /,
    );
    // A value the spec's own CHECK refuses is the steering reader's error, at the key.
    expect(
      await refusal(
        table(
          `      id: {type: int, primary_key: true}\n      v: {type: text, values: [a, b], check: "v <> 'a'"}\n`,
        ),
      ),
    ).toContain(`value "a" fails CHECK t_v_check (v <> 'a'); remove it from values`);
  });

  it('a column may be its type alone (`name: text`), as a short form of {type: text}', async () => {
    const spec = write(
      'tables:\n  users:\n    rows: 40\n    columns:\n      id: {type: int, primary_key: true}\n      name: text\n      born: date\n      score: "numeric(5,2)"\n',
    );
    const out = join(tempDir(), 'short.sql');
    const r = await runCliInProcess(['generate', spec, '--seed', '3', '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    target.psqlFile(out);
    const columns = await target.query<{ name: string; type: string }>(
      `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
       WHERE attrelid = 'users'::regclass AND attnum > 0 ORDER BY attnum`,
    );
    expect(columns).toEqual([
      { name: 'id', type: 'integer' },
      { name: 'name', type: 'text' },
      { name: 'born', type: 'date' },
      { name: 'score', type: 'numeric(5,2)' },
    ]);
    const rows = await target.query<{ n: number; filled: number }>(
      'SELECT count(*)::int AS n, count(name)::int AS filled FROM users',
    );
    expect(rows[0]?.n).toBe(40);
    expect(rows[0]?.filled).toBeGreaterThan(0);
    await target.close();
  });

  it('is given alone, and is its own configuration', async () => {
    const spec = write('tables:\n  t:\n    columns:\n      id: {type: int}\n');
    const withSql = await runCliInProcess([
      'generate',
      spec,
      join(import.meta.dirname, '../../examples/shop.sql'),
      '-f',
      '-',
    ]);
    expect(withSql.status).toBe(2);
    expect(withSql.stderr).toContain('is a YAML schema spec: give it alone');
    const withConfig = await runCliInProcess(['generate', spec, '--config', spec, '-f', '-']);
    expect(withConfig.status).toBe(2);
    expect(withConfig.stderr).toContain("holds the run's settings itself: drop --config");
  });

  it('the published JSON Schema names exactly the keys the reader takes', () => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../schema/datagen-spec.schema.json'), 'utf8'),
    );
    const sorted = (keys: readonly string[]) => [...new Set(keys)].sort();
    expect(Object.keys(schema.properties).sort()).toEqual(sorted([...CONFIG_KEYS, ...SPEC_KEYS]));
    const table = schema.properties.tables.additionalProperties.properties;
    expect(Object.keys(table).sort()).toEqual(sorted([...TABLE_CONFIG_KEYS, ...SPEC_TABLE_KEYS]));
    expect(Object.keys(table.columns.additionalProperties.properties).sort()).toEqual(
      sorted([...COLUMN_CONFIG_KEYS, ...SPEC_COLUMN_KEYS]),
    );
    expect(Object.keys(table.foreign_keys.additionalProperties.properties).sort()).toEqual(
      sorted([...FOREIGN_KEY_CONFIG_KEYS, ...SPEC_FOREIGN_KEY_KEYS]),
    );
  });
});

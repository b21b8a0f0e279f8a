/**
 * The `sql:` column setting: a constant SQL expression evaluated once (now()
 * at the reference time), cast to the column's type, checked against its
 * CHECKs, and loaded by PostgreSQL as every row's value; what datagen cannot
 * evaluate, or what the column refuses, is an error at the key's
 * file:line:column saying why.
 */
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { useLoadedDdl } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE events (
  id serial PRIMARY KEY,
  seen_at timestamptz NOT NULL,
  due date CHECK (due >= '2020-01-01'),
  label text NOT NULL,
  code varchar(3),
  tag text,
  qty int CHECK (qty > 0),
  price numeric(8,2),
  ok boolean
);
`;

const REFERENCE = new Date('2025-01-15T00:00:00Z');

/** A one-column `sql:` setting as YAML: its value sits at line 4, column 19 for a three-letter column. */
const yamlFor = (column: string, sql: string) =>
  `tables:\n  events:\n    columns:\n      ${column}: { sql: ${JSON.stringify(sql)} }\n`;

async function planError(yaml: string): Promise<string> {
  const { schema } = await parseDdl([{ file: 'schema.sql', text: DDL }]);
  try {
    createPlan(schema, {
      defaultRows: 10,
      referenceTime: REFERENCE,
      settings: parseConfig(yaml, 'c.yaml').tables,
    });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

/** Every column set by `sql:`: the rows the tests read. */
const SQL_SETTINGS = `tables:
  events:
    columns:
      seen_at: { sql: "now() - interval '1 day'" }
      due: { sql: "current_date + 30" }
      label: { sql: "'fixed'" }
      code: { sql: "upper('ab') || 1" }
      qty: { sql: "2 * 21" }
      price: { sql: "19.99" }
      ok: { sql: "1 < 2" }
`;

describe('configuration: sql', () => {
  const { target } = useLoadedDdl('configsql', DDL, {
    defaultRows: 200,
    seed: 3,
    referenceTime: REFERENCE,
    nullRate: 0,
    settings: parseConfig(SQL_SETTINGS, 'c.yaml').tables,
  });

  it('every row holds the expression’s value, cast to the column’s type, loaded with every constraint', async () => {
    const rows = await target.query<Record<string, string>>(
      `SELECT DISTINCT seen_at::text AS seen_at, due::text AS due, label, code, qty::text AS qty,
              price::text AS price, ok::text AS ok FROM events`,
    );
    expect(rows).toEqual([
      {
        seen_at: '2025-01-14 00:00:00+00',
        due: '2025-02-14',
        label: 'fixed',
        code: 'AB1',
        qty: '42',
        price: '19.99',
        ok: 'true',
      },
    ]);
    // The other columns are generated as before.
    const [tags] = await target.query<{ n: string }>('SELECT count(DISTINCT tag) AS n FROM events');
    expect(Number(tags?.n)).toBeGreaterThan(1);
  });

  it('refuses, at the key, an expression datagen cannot evaluate', async () => {
    expect(await planError(yamlFor('tag', 'my_function(1)'))).toMatch(
      /^c\.yaml:4:19: public\.events\.tag: sql "my_function\(1\)" cannot be evaluated by datagen \(.*my_function.*\); give the value itself with values: \[\.\.\.\]$/,
    );
  });

  it('refuses an expression that reads columns, is not an expression, or reads like a query', async () => {
    expect(await planError(yamlFor('qty', 'id * 2'))).toBe(
      'c.yaml:4:19: public.events.qty: sql "id * 2" reads id: sql is a constant expression (for values from the row\'s columns use a template)',
    );
    expect(await planError(yamlFor('qty', '1 +'))).toBe(
      'c.yaml:4:19: public.events.qty: sql "1 +" is not a SQL expression: syntax error at end of input',
    );
    expect(await planError(yamlFor('qty', '1 FROM events'))).toBe(
      'c.yaml:4:19: public.events.qty: sql "1 FROM events" is not a SQL expression: it is not one expression (it reads like a query)',
    );
    expect(await planError(yamlFor('qty', '1; DROP TABLE events'))).toBe(
      'c.yaml:4:19: public.events.qty: sql "1; DROP TABLE events" is not a SQL expression: it is not one expression',
    );
  });

  it('refuses a value the column’s type or CHECKs refuse, or NULL', async () => {
    expect(await planError(yamlFor('qty', "'many'"))).toBe(
      'c.yaml:4:19: public.events.qty: sql "\'many\'" fails as int4: invalid input syntax for type int4: "many"',
    );
    expect(await planError(yamlFor('qty', '1 - 5'))).toBe(
      'c.yaml:4:19: public.events.qty: sql "1 - 5" ("-4") fails CHECK events_qty_check (qty > 0); change the expression',
    );
    expect(await planError(yamlFor('code', "'abcd'"))).toBe(
      'c.yaml:4:20: public.events.code: sql "\'abcd\'" ("abcd") is longer than varchar(3) holds',
    );
    expect(await planError(yamlFor('tag', 'NULL'))).toBe(
      'c.yaml:4:19: public.events.tag: sql "NULL" is NULL: for NULLs use null_rate: 1',
    );
  });

  it('does not combine with values, a template or a range', () => {
    expect(() =>
      parseConfig('tables:\n  t:\n    columns:\n      a: { sql: "1", values: [1] }\n', 'c.yaml'),
    ).toThrow(
      'c.yaml:4:10: tables.t.columns.a: give one of generator, values, template and sql, not values and sql',
    );
    expect(() =>
      parseConfig('tables:\n  t:\n    columns:\n      a: { sql: "1", max: 3 }\n', 'c.yaml'),
    ).toThrow('c.yaml:4:10: tables.t.columns.a: sql gives one constant value; max does not apply to it');
  });
});

/**
 * pg_dump's -n/-N/-t/-T over a schema model: the pattern syntax, which
 * switch wins, partitions with their root, and the refusals (a pattern
 * matching nothing, a selected table whose FK parent is left out).
 */
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { createPlan } from '../../src/plan/create-plan.js';
import { patternParts, selectTables } from '../../src/plan/table-selection.js';
import type { Schema } from '../../src/schema/model.js';

const DDL = `
CREATE SCHEMA app;
CREATE SCHEMA audit;
CREATE TABLE app.customer (id int PRIMARY KEY);
CREATE TABLE app.orders (id int PRIMARY KEY, customer_id int NOT NULL REFERENCES app.customer);
CREATE TABLE app."Mixed.Case" (id int PRIMARY KEY);
CREATE TABLE app.log1 (id int);
CREATE TABLE app.log2 (id int);
CREATE TABLE audit.event (id int, customer_id int REFERENCES app.customer);
CREATE TABLE audit.measure (at date NOT NULL, v int) PARTITION BY RANGE (at);
CREATE TABLE audit.measure_2024 PARTITION OF audit.measure FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.settings (k text PRIMARY KEY);
`;

async function schema(): Promise<Schema> {
  return (await parseDdl([{ file: 'sel.sql', text: DDL }])).schema;
}

function names(s: Schema, keys: Set<string> | null): string[] {
  return s.tables
    .filter((t) => keys === null || keys.has(`${t.schema}\u0000${t.name}`))
    .map((t) => `${t.schema}.${t.name}`)
    .sort();
}

describe('pg_dump patterns', () => {
  it('* and ? are wildcards, letters fold to lower case outside quotes, quotes keep case and dots', () => {
    expect(patternParts('app.Cust*').map(String)).toEqual(['/^(?:app)$/u', '/^(?:cust.*)$/u']);
    expect(patternParts('log?').map(String)).toEqual(['/^(?:log.)$/u']);
    expect(patternParts('"Mixed.Case"').map(String)).toEqual(['/^(?:Mixed\\.Case)$/u']);
    expect(patternParts('"a""b"').map(String)).toEqual(['/^(?:a"b)$/u']);
    expect(patternParts('x$').map(String)).toEqual(['/^(?:x\\$)$/u']);
    expect(patternParts('log[0-9]')[0]?.test('log7')).toBe(true);
  });
});

describe('selectTables', () => {
  it('no pattern: every table', async () => {
    expect(selectTables(await schema(), {})).toBeNull();
  });

  it('-t picks tables (unqualified in every schema), with quoted names; -n/-N do not matter then', async () => {
    const s = await schema();
    expect(
      names(s, selectTables(s, { tables: ['customer', 'app."Mixed.Case"'], excludeSchemas: ['app'] })),
    ).toEqual(['app.Mixed.Case', 'app.customer']);
    expect(names(s, selectTables(s, { tables: ['app.log?'] }))).toEqual(['app.log1', 'app.log2']);
  });

  it('-n picks schemas, -N and -T take away; a partition comes with its partitioned table', async () => {
    const s = await schema();
    expect(names(s, selectTables(s, { schemas: ['aud*'], excludeTables: ['audit.event'] }))).toEqual([
      'audit.measure',
      'audit.measure_2024',
    ]);
    expect(names(s, selectTables(s, { excludeSchemas: ['audit', 'app'] }))).toEqual(['public.settings']);
    expect(names(s, selectTables(s, { tables: ['measure_2024'] }))).toEqual([
      'audit.measure',
      'audit.measure_2024',
    ]);
  });

  it('an include pattern that matches nothing is an error naming the nearest tables', async () => {
    const s = await schema();
    expect(() => selectTables(s, { tables: ['custmer'] })).toThrow(
      /-t custmer: no tables match this pattern \(nearest: app\.customer/,
    );
    expect(() => selectTables(s, { schemas: ['nope'] })).toThrow(/-n nope: no schemas match this pattern/);
    expect(() => selectTables(s, { tables: ['a.b.c.d'] })).toThrow(/too many dotted names/);
  });

  it('a selected table whose FK parent is left out is refused, naming both and the fix', async () => {
    const s = await schema();
    expect(() => selectTables(s, { tables: ['orders'] })).toThrow(
      'app.orders references app.customer (orders_customer_id_fkey), which the table selection leaves out',
    );
    expect(() => selectTables(s, { excludeTables: ['app.customer'] })).toThrow(
      /audit\.event references app\.customer/,
    );
    // Leaving out children is fine: parents do not depend on them.
    expect(names(s, selectTables(s, { tables: ['customer'] }))).toEqual(['app.customer']);
  });

  it('the plan gives tables left out no rows and marks them', async () => {
    const s = await schema();
    const plan = createPlan(s, { defaultRows: 5, selectedTables: selectTables(s, { schemas: ['public'] }) });
    const rows = Object.fromEntries(
      plan.tables.map((t) => [`${t.table.schema}.${t.table.name}`, [t.rows, t.excluded === true]]),
    );
    expect(rows['public.settings']).toEqual([5, false]);
    expect(rows['app.customer']).toEqual([0, true]);
  });
});

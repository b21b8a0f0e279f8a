/**
 * Built-in templates, through the CLI (run in-process: the commands' files,
 * output and status are the subject, not the process): each generates, loads into
 * PostgreSQL with every constraint valid, and holds the rows its ratios
 * promise (TPC-H's official ones at a small scale factor); `datagen
 * templates` lists them; `--schema-only` writes the DDL as shipped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTemplate, listTemplates, templateRowCounts } from '../../src/run/templates.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const datagen = runCliInProcess;

/** Scales small enough for the suite, large enough for the ratios to show. */
const SCALES: Readonly<Record<string, number>> = { ecommerce: 0.5, finance: 0.2, medical: 0.25, tpch: 0.001 };

describe('templates', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.close());

  it('lists ecommerce, finance, medical and tpch with their tables', async () => {
    expect(listTemplates().map((t) => t.name)).toEqual(['ecommerce', 'finance', 'medical', 'tpch']);
    const r = await datagen(['templates']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('tpch: TPC-H');
    expect(r.stdout).toMatch(/^ {4}lineitem +6000000$/m);
    expect(r.stdout).toMatch(/^ {4}region +5 \(fixed\)$/m);
    expect(r.stdout).toMatch(/^ {4}order_item +9000$/m);
  });

  it('TPC-H row counts follow the official ratios', () => {
    expect(templateRowCounts(findTemplate('tpch'), 1)).toEqual({
      region: 5,
      nation: 25,
      supplier: 10_000,
      part: 200_000,
      partsupp: 800_000,
      customer: 150_000,
      orders: 1_500_000,
      lineitem: 6_000_000,
    });
    expect(templateRowCounts(findTemplate('tpch'), 0.01).lineitem).toBe(60_000);
  });

  for (const name of Object.keys(SCALES)) {
    it(`${name}: generates, loads with every constraint valid, ratios as documented`, async () => {
      const scale = SCALES[name]!;
      const out = join(tempDir(), `${name}.sql`);
      const r = await datagen([
        'generate',
        '--template',
        name,
        '--scale',
        String(scale),
        '--seed',
        '5',
        '-f',
        out,
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const target = await db.createSibling();
      target.psqlFile(out);
      const summary = await constraintSummary(target);
      expect(summary.notValid).toEqual([]);
      expect(summary.byType.f ?? 0).toBeGreaterThanOrEqual(name === 'tpch' ? 8 : 6);
      const counts = await userTableRowCounts(target);
      const expected = templateRowCounts(findTemplate(name), scale);
      for (const [table, rows] of Object.entries(expected)) {
        expect(counts.get(`public.${table}`), `${name}.${table}`).toBe(rows);
      }
    });
  }

  it('a scale too small for a key over its parents cuts that table, warned; --rows for it stays a request', async () => {
    const out = join(tempDir(), 'finance-small.sql');
    const r = await datagen(['generate', '--template', 'finance', '--scale', '0.01', '-f', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(
      'public.holding: PRIMARY KEY holding_pkey (account_id, security_id) allows only 30',
    );
    const target = await db.createSibling();
    target.psqlFile(out);
    expect((await userTableRowCounts(target)).get('public.holding')).toBe(30);
    const asked = await datagen([
      'generate',
      '--template',
      'finance',
      '--scale',
      '0.01',
      '--rows',
      'holding=40',
    ]);
    expect(asked.status).toBe(2);
    expect(asked.stderr).toContain('public.holding: 40 rows were requested');
  });

  it('--schema-only writes the template DDL; bad uses are one-line errors', async () => {
    const r = await datagen(['generate', '--template', 'medical', '--schema-only']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(findTemplate('medical').file, 'utf8'));
    const unknown = await datagen(['generate', '--template', 'tpc']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown template "tpc"; did you mean tpch?');
    const both = await datagen(['generate', 'examples/shop.sql', '--template', 'tpch']);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--template tpch is the schema: give no DDL files with it');
    const scale = await datagen(['generate', 'examples/shop.sql', '--scale', '2']);
    expect(scale.status).toBe(2);
    expect(scale.stderr).toContain('--scale applies to --template NAME');
  });
});

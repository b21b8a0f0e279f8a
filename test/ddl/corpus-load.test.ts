/**
 * Every real schema in ../shared/corpus: parseDdl models it, and the
 * re-ordered statements (pre-data, then post-data) load into a fresh
 * PostgreSQL with every constraint in place.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { corpusDir, describeCorpus } from '../helpers/corpus.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** Tables each schema defines (counted from the source files' CREATE TABLE statements). */
const EXPECTED_TABLES: Readonly<Record<string, number>> = {
  'benchbase_auctionmark.sql': 17,
  'benchbase_seats.sql': 10,
  'benchbase_tpcc.sql': 9,
  'benchbase_twitter.sql': 5,
  'benchbase_wikipedia.sql': 10,
  'camunda.sql': 49,
  'guacamole.sql': 23,
  'temporal.sql': 37,
  'chinook.sql': 11,
  'danbooru.sql': 66,
  'northwind.sql': 14,
  'pagila.sql': 22,
  'powerdns.sql': 7,
  'quartz.sql': 11,
  'tpch.sql': 8,
};

describeCorpus('DDL corpus: model and reordered statements load into PostgreSQL', (files) => {
  const work = mkdtempSync(join(tmpdir(), 'datagen-ddl-'));
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    for (const db of databases) await db.close();
    rmSync(work, { recursive: true, force: true });
  });

  it.each(files)('%s', async (file) => {
    const text = readFileSync(join(corpusDir, file), 'utf8');
    // No timing assertion here (the suite has none: a loaded CI machine took 2.8 s for pagila); parsing
    // speed is npm run bench's.
    const { schema } = await parseDdl([{ file, text }]);
    expect(schema.tables.length).toBe(EXPECTED_TABLES[file]);

    // pre-data strictly before post-data
    const sections = schema.statements.map((s) => s.section);
    expect(
      sections.indexOf('post-data') === -1 ||
        sections.lastIndexOf('pre-data') < sections.indexOf('post-data'),
    ).toBe(true);
    for (const s of schema.statements) expect(s.sql.endsWith(';\n')).toBe(true);

    const script = join(work, file);
    // The session settings a script's header sets (pg_dump's own are not kept as statements).
    const header = 'SET check_function_bodies = false;\nSET client_min_messages = warning;\n';
    writeFileSync(script, header + schema.statements.map((s) => s.sql).join('\n'));
    const db = await createTestDatabase('ddl');
    databases.push(db);
    db.psqlFile(script);

    const fkCount = schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0);
    const keyCount = schema.tables.reduce((n, t) => n + (t.primaryKey === null ? 0 : 1), 0);
    const rows = await db.query<{ f: string; p: string; tables: string }>(
      `SELECT count(*) FILTER (WHERE c.contype = 'f') AS f, count(*) FILTER (WHERE c.contype = 'p') AS p,
              (SELECT count(*) FROM pg_class k JOIN pg_namespace n ON n.oid = k.relnamespace
                WHERE k.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')) AS tables
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')`,
    );
    expect(Number(rows[0]?.f)).toBe(fkCount);
    expect(Number(rows[0]?.p)).toBe(keyCount);
    expect(Number(rows[0]?.tables)).toBe(schema.tables.length);

    // Every constraint the model names exists in the database under that name.
    const names = new Set(
      (
        await db.query<{ conname: string; relname: string }>(
          `SELECT c.conname, r.relname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid`,
        )
      ).map((r) => `${r.relname} ${r.conname}`),
    );
    for (const t of schema.tables) {
      if (t.primaryKey !== null) expect(names).toContain(`${t.name} ${t.primaryKey.name}`);
      for (const fk of t.foreignKeys) expect(names).toContain(`${t.name} ${fk.name}`);
      for (const u of t.uniques) if (!u.isIndex) expect(names).toContain(`${t.name} ${u.name}`);
      for (const c of t.checks) expect(names).toContain(`${t.name} ${c.name}`);
    }

    // No data: every table is empty.
    for (const t of schema.tables) {
      const count = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM "${t.schema.replaceAll('"', '""')}"."${t.name.replaceAll('"', '""')}"`,
      );
      expect(count[0]?.n).toBe('0');
    }
  });
});

/**
 * Leftovers of issue 8 (fix 23), each from its minimal shape: a relation a statement reads or builds on
 * that the DDL never makes is a located error, as PostgreSQL refuses the statement (before: exit 0 and an
 * output that stopped loading there); what the target database may provide stays a warning. Checked
 * against the real server: it refuses the refused shapes, and the accepted ones load as a script and a
 * custom archive with every constraint in place.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix23shapes');

/** The DDL in a file, generated with 5 rows per table into a script beside it. */
async function generateFile(ddl: string) {
  const dir = tempDir();
  const schema = join(dir, 'schema.sql');
  writeFileSync(schema, ddl);
  return generate({ schema: [schema], defaultRows: 5, seed: 1, output: join(dir, 'out.sql') });
}

/** What PostgreSQL says running the DDL in one transaction (rolled back on the error); '' when it succeeds. */
function serverError(ddl: string): string {
  const run = db.tryRun('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-1', '-f', '-'], Buffer.from(ddl));
  return run.status === 0 ? '' : run.stderr;
}

const table = 'CREATE TABLE t (id int PRIMARY KEY);\n';

describe('fix 23: relations the DDL reads but never makes', () => {
  it.each([
    ['a view', 'CREATE VIEW v AS SELECT 1 AS one FROM nosuch;', 'view public.v', 2, 39],
    [
      'a materialized view',
      'CREATE MATERIALIZED VIEW m AS SELECT id FROM t JOIN nosuch USING (id);',
      'materialized view public.m',
      2,
      53,
    ],
    [
      'a rule',
      'CREATE RULE r AS ON INSERT TO t DO ALSO INSERT INTO nosuch VALUES (new.id);',
      'rule r on public.t',
      2,
      53,
    ],
    [
      'a policy',
      'CREATE POLICY p ON t USING (id IN (SELECT id FROM nosuch));',
      'policy p on public.t',
      2,
      51,
    ],
    ['INHERITS', 'CREATE TABLE c (x int) INHERITS (nosuch);', 'public.c INHERITS', 2, 34],
    ['a sequence OWNED BY', 'CREATE SEQUENCE s OWNED BY nosuch.id;', 'OWNED BY nosuch.id', 2, 1],
    [
      'a foreign key',
      'CREATE TABLE c (x int REFERENCES nosuch (id));',
      'foreign key c_x_fkey of public.c',
      2,
      23,
    ],
  ])(
    '%s reading an undefined public relation is refused at its place, as PostgreSQL refuses it',
    async (_, statement, what, line, column) => {
      const ddl = `${table}${statement}\n`;
      expect(serverError(ddl)).toContain('relation "nosuch" does not exist');
      await expect(generateFile(ddl)).rejects.toThrow(
        `schema.sql:${line}:${column}: ${what}: public.nosuch is not defined in the DDL, so PostgreSQL refuses the statement (relation does not exist); add the DDL that creates it`,
      );
    },
  );

  it('a trigger executing a function nothing defines is refused at its place, as PostgreSQL refuses it', async () => {
    const ddl = `${table}CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION nosuchf();\n`;
    expect(serverError(ddl)).toContain('function nosuchf() does not exist');
    await expect(generateFile(ddl)).rejects.toThrow(
      /schema\.sql:2:1: trigger tr on public\.t: it calls nosuchf\(\), which neither PostgreSQL nor the DDL defines/,
    );
  });

  it("what the target database provides (another schema, the catalogs, an add-on extension's tables) is warned, not refused", async () => {
    const ddl = `${table}CREATE VIEW mine AS SELECT u.id FROM auth.users u JOIN t USING (id);
      CREATE EXTENSION IF NOT EXISTS postgis;
      CREATE VIEW srs AS SELECT srid FROM spatial_ref_sys;\n`;
    const result = await generateFile(ddl);
    const external = result.warnings.find((w) => w.code === 'EXTERNAL_OBJECTS');
    expect(external?.message).toContain('tables auth.users.');
  });

  it('views, rules, policies, INHERITS and OWNED BY over what the DDL makes (CTEs, new/old, catalogs) load', async () => {
    const ddl = `${table}CREATE TABLE t2 (id int PRIMARY KEY REFERENCES t);
      CREATE VIEW v AS WITH x AS (SELECT id FROM t) SELECT x.id, c.relname FROM x
        LEFT JOIN pg_class c ON c.oid = x.id::oid LEFT JOIN information_schema.tables i ON false;
      CREATE VIEW act AS SELECT pid FROM pg_stat_activity;
      CREATE MATERIALIZED VIEW m AS SELECT id FROM t2;
      CREATE RULE r AS ON UPDATE TO t2 WHERE new.id < 0 DO INSTEAD NOTHING;
      CREATE RULE n AS ON DELETE TO t2 DO ALSO NOTIFY t2;
      CREATE POLICY p ON t USING (id IN (SELECT id FROM t2));
      CREATE TABLE child (x int) INHERITS (t);
      CREATE SEQUENCE s OWNED BY t2.id;\n`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, { rows: 10, seed: 1 });
    expect(counts.get('public.t2')).toBe(10);
    expect(warnings.filter((w) => w.includes('not defined'))).toEqual([]);
  });
});

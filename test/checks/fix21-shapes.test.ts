/**
 * fix21 (issue 8, front-end leftovers): DDL PostgreSQL refuses is a located error (nothing written), and the
 * nearby shapes it accepts generate output that loads into the real server with every constraint in place.
 * One database for the file; each shape minimal, tens of rows.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type DatagenError, ErrorCodes } from '../../src/errors.js';
import { generate, parseDdl } from '../../src/index.js';
import { expectServerRefuses, siblingWith, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('fix21shapes');

/** The located problems parseDdl refuses `text` with (as file s.sql), or [] when it reads it. */
async function problems(text: string): Promise<string[]> {
  try {
    await parseDdl([{ file: 's.sql', text }]);
    return [];
  } catch (error) {
    expect((error as DatagenError).code).toBe(ErrorCodes.SCHEMA_INVALID);
    return (error as DatagenError).message.split('\n').slice(1);
  }
}

/** `ddl` generated as a plain script (rows per table, seed 1) and run with psql ON_ERROR_STOP in a sibling made by `setup`. */
async function loadsAfter(ddl: string, rows: number, ...setup: string[]) {
  const dir = tempDir();
  const output = join(dir, 'out.sql');
  writeFileSync(join(dir, 's.sql'), ddl);
  const result = await generate({ schema: [join(dir, 's.sql')], output, defaultRows: rows, seed: 1 });
  const target = await siblingWith(db, ...setup);
  await target.psqlFileAsync(output);
  return { result, target };
}

const TRIGGER_FUNCTION = 'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;';

/** A statement on a relation public lacks: the server's refusal and datagen's located error (s.sql line 2). */
const MISSING_PUBLIC: readonly { ddl: string; server: string; datagen: string }[] = [
  {
    ddl: 'ALTER TABLE nosuch ENABLE ROW LEVEL SECURITY;',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: ALTER TABLE public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'ALTER TABLE nosuch ALTER COLUMN a SET STATISTICS 100;',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: ALTER TABLE public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'ALTER INDEX nosuch_idx SET (fillfactor = 50);',
    server: 'relation "nosuch_idx" does not exist',
    datagen: 's.sql:2:1: ALTER INDEX public.nosuch_idx: the index is not defined in the DDL',
  },
  {
    ddl: 'CREATE TRIGGER trg AFTER INSERT ON nosuch FOR EACH ROW EXECUTE FUNCTION f();',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: TRIGGER trg on public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'CREATE POLICY p ON public.nosuch USING (true);',
    server: 'relation "public.nosuch" does not exist',
    datagen: 's.sql:2:1: POLICY p on public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: 'CREATE RULE r AS ON INSERT TO nosuch DO INSTEAD NOTHING;',
    server: 'relation "nosuch" does not exist',
    datagen: 's.sql:2:1: RULE r on public.nosuch: the table is not defined in the DDL',
  },
  {
    ddl: "COMMENT ON CONSTRAINT nosuch ON t IS 'x';",
    server: 'constraint "nosuch" for table "t" does not exist',
    datagen:
      's.sql:2:1: COMMENT ON CONSTRAINT nosuch ON public.t: public.t has no constraint nosuch in the DDL',
  },
];

describe('fix21 shapes', () => {
  it('a statement on a relation missing from public is a located error, for every ALTER TABLE subcommand, trigger, rule, policy and constraint comment (they were exit 0 or refused only for OWNER)', async () => {
    // Before: ENABLE ROW LEVEL SECURITY, SET STATISTICS, ALTER INDEX, CREATE TRIGGER/RULE/POLICY were written
    // (a warning at most) and psql stopped at 'relation "nosuch" does not exist'; COMMENT ON CONSTRAINT likewise.
    const prefix = `CREATE TABLE t (id int PRIMARY KEY, a int CONSTRAINT pos CHECK (a > 0)); ${TRIGGER_FUNCTION}\n`;
    for (const shape of MISSING_PUBLIC) {
      await expectServerRefuses(db, `${prefix}${shape.ddl}`, shape.server);
      expect(await problems(`${prefix}${shape.ddl}`), shape.ddl).toEqual([
        expect.stringContaining(shape.datagen),
      ]);
    }
  });

  it("every ALTER TABLE subcommand, trigger and comment on a table of a schema the DDL never makes (Supabase's auth.users) is listed once as the database's, and loads where it is there", async () => {
    // Before: ALTER TABLE auth.users ADD COLUMN / ENABLE ROW LEVEL SECURITY refused the run (exit 2) though GRANT,
    // OWNER and COMMENT on it were listed as the database's.
    const { result, target } = await loadsAfter(
      `${TRIGGER_FUNCTION}
       CREATE TABLE profile (id int PRIMARY KEY, CONSTRAINT pos CHECK (id > 0));
       ALTER TABLE auth.users ADD COLUMN nickname text;
       ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
       CREATE TRIGGER on_user AFTER INSERT ON auth.users FOR EACH ROW EXECUTE FUNCTION f();
       CREATE POLICY own ON auth.users USING (true);
       ALTER TABLE auth.users OWNER TO CURRENT_USER;
       COMMENT ON CONSTRAINT pos ON profile IS 'positive';`,
      20,
      'CREATE SCHEMA auth',
      'CREATE TABLE auth.users (id uuid PRIMARY KEY)',
    );
    expect(result.warnings.filter((w) => w.code === 'EXTERNAL_OBJECTS').map((w) => w.message)).toEqual([
      expect.stringContaining('schemas auth; tables auth.users.'),
    ]);
    const [row] = await target.query<{ n: string; triggers: string }>(
      `SELECT (SELECT count(*) FROM profile) AS n,
              (SELECT count(*) FROM pg_trigger WHERE tgname = 'on_user') AS triggers`,
    );
    expect(row).toEqual({ n: '20', triggers: '1' });
  });
});

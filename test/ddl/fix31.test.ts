/**
 * Issue 8 (fix 31), each from its minimal shape, loaded as a script (psql ON_ERROR_STOP) and a custom archive
 * (pg_restore) with every constraint: what session 30 left. SORMAS' reruns of its updates are DO blocks of
 * plain DDL in nested `BEGIN … EXCEPTION WHEN duplicate_column THEN RAISE NOTICE … END` blocks and beside row
 * migrations (a loop of INSERTs): opaque until version 24, their tables (and their children) got no rows.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { generateDdlFile } from '../helpers/generate-file.js';
import { loadScriptAndArchive } from '../helpers/load-script-and-archive.js';

const db = useTestDatabase('fix31');

/** SORMAS' shape: an update run plainly, then its reruns guarded by nested handlers, one beside a row loop. */
const nestedHandlers = `CREATE TABLE person (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE share (id int PRIMARY KEY, person_id int NOT NULL REFERENCES person (id), legacy text);
ALTER TABLE person ADD COLUMN note varchar(20);
DO $$
BEGIN
  BEGIN
    ALTER TABLE person ADD COLUMN note varchar(20);
  EXCEPTION
    WHEN duplicate_column THEN RAISE NOTICE 'column note already exists in person';
  END;
  BEGIN
    ALTER TABLE share ADD COLUMN shared_on date;
  EXCEPTION
    WHEN duplicate_column THEN RAISE NOTICE 'column shared_on already exists in share';
  END;
END;
$$ LANGUAGE plpgsql;
DO $$
BEGIN
  CREATE TABLE request (id int PRIMARY KEY, status text NOT NULL CHECK (status IN ('pending', 'done')));
  ALTER TABLE share ADD COLUMN request_id int REFERENCES request (id);
  DECLARE r RECORD;
  BEGIN
    FOR r IN SELECT * FROM share LOOP
      INSERT INTO request (id, status) VALUES (r.id, 'done');
      UPDATE share SET request_id = r.id WHERE id = r.id;
    END LOOP;
  END;
  ALTER TABLE share DROP COLUMN legacy;
  DELETE FROM share WHERE request_id IS NULL;
EXCEPTION
  WHEN duplicate_table THEN RAISE NOTICE 'Skip update, already executed';
END;
$$ LANGUAGE plpgsql;
DO $$
BEGIN
  CREATE TABLE request (id int PRIMARY KEY);
  ALTER TABLE share ADD COLUMN rerun int NOT NULL;
EXCEPTION
  WHEN duplicate_table THEN RAISE NOTICE 'Skip update, already executed';
END;
$$ LANGUAGE plpgsql;
`;

const columnsOf = async (target: TestDatabase, table: string) =>
  (
    await target.query<{ attname: string }>(
      `SELECT attname FROM pg_attribute WHERE attrelid = 'public.${table}'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum`,
    )
  ).map((c) => c.attname);

describe('fix 31: DDL in nested BEGIN … EXCEPTION WHEN duplicate_… blocks (SORMAS)', () => {
  it('from version 24 the blocks are their DDL: a part whose object is there left out, row loops left out, every table filled', async () => {
    const { counts, warnings, scriptText, script, archive } = await loadScriptAndArchive(db, nestedHandlers, {
      rows: 60,
      seed: 1,
      generatorVersion: 24,
    });
    for (const table of ['public.person', 'public.share', 'public.request'])
      expect(counts.get(table)).toBe(60);
    expect(scriptText).not.toMatch(/\bDO \$\$/);
    expect(warnings.filter((w) => w.includes('cannot be seen by datagen'))).toEqual([]);
    expect(warnings.some((w) => /DO block at \S+:18:1: read as the DDL it runs/.test(w))).toBe(true);
    for (const target of [script, archive]) {
      expect(await columnsOf(target, 'person')).toEqual(['id', 'name', 'note']);
      // The rerun (a table made already: duplicate_table) is left out whole: no `rerun` column.
      expect(await columnsOf(target, 'share')).toEqual(['id', 'person_id', 'shared_on', 'request_id']);
      const [filled] = await target.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM share WHERE request_id IS NOT NULL AND shared_on IS NOT NULL',
      );
      expect(filled?.n).toBeGreaterThan(0);
    }
  });

  it('at version 23 the blocks stay as written and the tables they change get no rows; the rerun stays as written too', async () => {
    // Before: the rerun (CREATE TABLE request under WHEN duplicate_table) was read as plain DDL after the opaque
    // block that makes request, and the load stopped at "relation request already exists" (exit 0).
    const { counts, warnings } = await loadScriptAndArchive(db, nestedHandlers, {
      rows: 60,
      seed: 1,
      generatorVersion: 23,
    });
    expect(counts.get('public.share')).toBe(0);
    expect(counts.get('public.request')).toBe(0);
    expect(warnings.filter((w) => w.includes('cannot be seen by datagen')).length).toBeGreaterThan(0);
  });

  it('a handler that itself runs DDL, or DDL under an IF, keeps the block opaque', async () => {
    const ddl = `CREATE TABLE t (id int PRIMARY KEY);
DO $$ BEGIN
  BEGIN
    ALTER TABLE t ADD COLUMN a int NOT NULL;
  EXCEPTION WHEN duplicate_column THEN ALTER TABLE t ADD COLUMN b int NOT NULL;
  END;
END $$;
DO $$ BEGIN
  BEGIN
    IF random() < 2 THEN ALTER TABLE t ADD COLUMN c int NOT NULL; END IF;
  EXCEPTION WHEN duplicate_column THEN NULL;
  END;
END $$;
`;
    const { counts, warnings } = await loadScriptAndArchive(db, ddl, {
      rows: 20,
      seed: 1,
      generatorVersion: 24,
    });
    expect(counts.get('public.t')).toBe(0);
    expect(warnings.filter((w) => w.includes('cannot be seen by datagen'))).toHaveLength(2);
  });
});

/** Procrastinate's first statement: CREATE EXTENSION plpgsql, checked against pg_extension where it fails. */
const plpgsqlOnly = `DO $$
BEGIN
    CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;
EXCEPTION
    WHEN OTHERS THEN
        IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'plpgsql') THEN
            RAISE NOTICE 'plpgsql extension already exists, skipping creation.';
        ELSE
            RAISE;
        END IF;
END;
$$;
CREATE TABLE job (id bigserial PRIMARY KEY, queue_name text NOT NULL);
`;

describe('fix 31: a DO block that only makes plpgsql (Procrastinate)', () => {
  it('is told as making nothing (was: "the objects it creates get no data"), kept, and every table gets rows', async () => {
    const { counts, warnings, scriptText } = await loadScriptAndArchive(db, plpgsqlOnly, {
      rows: 30,
      seed: 1,
    });
    expect(counts.get('public.job')).toBe(30);
    expect(scriptText).toContain('CREATE EXTENSION IF NOT EXISTS plpgsql WITH SCHEMA pg_catalog;');
    expect(warnings).toEqual([
      expect.stringMatching(
        /^DO block at \S+:1:1 only makes the extension plpgsql, which every database has/,
      ),
    ]);
  });

  it('one that makes anything else beside it keeps the warning that its objects get no data', async () => {
    const ddl = plpgsqlOnly.replace(
      'WITH SCHEMA pg_catalog;',
      'WITH SCHEMA pg_catalog;\n    CREATE TABLE made (id int);',
    );
    const { warnings } = await loadScriptAndArchive(db, ddl, { rows: 30, seed: 1 });
    expect(warnings.filter((w) => w.includes('cannot be seen by datagen'))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes('only makes the extension plpgsql'))).toEqual([]);
  });
});

/** A two-table cycle (both NOT NULL) and self-references of four key kinds. */
const cycleAndSelf = `CREATE TABLE team (id int PRIMARY KEY, lead_id int NOT NULL);
CREATE TABLE person (id int PRIMARY KEY, team_id int NOT NULL REFERENCES team (id));
ALTER TABLE team ADD CONSTRAINT team_lead_fk FOREIGN KEY (lead_id) REFERENCES person (id);
CREATE TABLE emp (id int PRIMARY KEY, manager_id int REFERENCES emp (id), name text);
CREATE TABLE node (id uuid PRIMARY KEY, parent_id uuid NOT NULL REFERENCES node (id));
CREATE TABLE folder (code text PRIMARY KEY, parent_code text NOT NULL REFERENCES folder (code));
CREATE TABLE part (org int, n int, parent_org int NOT NULL, parent_n int NOT NULL, PRIMARY KEY (org, n),
  FOREIGN KEY (parent_org, parent_n) REFERENCES part (org, n));
`;

/** The DDL applied by psql, then data-only output of `format` loaded (psql ON_ERROR_STOP, or pg_restore -a). */
async function dataOnlyLoad(
  ddl: string,
  tables: readonly string[],
  format: 'plain' | 'custom',
  restoreArgs: string[],
) {
  const schema = await generateDdlFile(ddl, { schemaOnly: true });
  const data = await generateDdlFile(ddl, { dataOnly: true, format, defaultRows: 80 });
  const target = await db.createSibling();
  target.psqlFile(schema.output);
  const exclude = ['team', 'person', 'emp', 'node', 'folder', 'part'].filter((t) => !tables.includes(t));
  if (format === 'plain') {
    // Only the named tables' COPY blocks: the script cut to them.
    const text = readFileSync(data.output, 'utf8').replace(
      new RegExp(String.raw`^COPY public\.(?:${exclude.join('|') || '$^'}) [^\n]*\n[\s\S]*?^\\\.\n`, 'gm'),
      '',
    );
    writeFileSync(data.output, text);
    return { data, target, load: () => target.psqlFile(data.output) };
  }
  const args = [
    ...restoreArgs,
    '-a',
    '--exit-on-error',
    ...tables.flatMap((t) => ['-t', t]),
    '-d',
    target.name,
    data.output,
  ];
  return { data, target, load: () => target.run('pg_restore', args, { stdio: 'pipe' }) };
}

describe('fix 31: data-only output of foreign-key cycles and self-references', () => {
  it.each(['plain', 'custom'] as const)(
    '%s: a self-referencing table loads without --disable-triggers (each row after the row it references), every key kind',
    async (format) => {
      const tables = ['emp', 'node', 'folder', 'part'];
      const { data, target, load } = await dataOnlyLoad(cycleAndSelf, tables, format, []);
      const warned = data.warnings.filter((w) => w.code === 'CIRCULAR_FOREIGN_KEYS').map((w) => w.where);
      expect(warned).toEqual(['public.team, public.person']);
      load();
      for (const t of tables) {
        const [row] = await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
        expect(row?.n, t).toBe(80);
      }
    },
  );

  it.each(['plain', 'custom'] as const)(
    "%s: a two-table cycle gets pg_dump's warning naming both; its load fails without --disable-triggers and loads with it",
    async (format) => {
      const without = await dataOnlyLoad(cycleAndSelf, ['team', 'person'], format, []);
      expect(without.data.warnings.find((w) => w.code === 'CIRCULAR_FOREIGN_KEYS')?.message).toMatch(
        /^there are circular foreign-key constraints among these tables: public\.team, public\.person; .*--disable-triggers/,
      );
      expect(without.load).toThrow(/violates foreign key constraint/);
      const schema = await generateDdlFile(cycleAndSelf, { schemaOnly: true });
      const data = await generateDdlFile(cycleAndSelf, {
        dataOnly: true,
        format,
        defaultRows: 80,
        ...(format === 'plain' ? { disableTriggers: true } : {}),
      });
      const target = await db.createSibling();
      target.psqlFile(schema.output);
      if (format === 'plain') target.psqlFile(data.output);
      else
        target.run('pg_restore', [
          '-a',
          '--disable-triggers',
          '--exit-on-error',
          '-d',
          target.name,
          data.output,
        ]);
      const broken = await target.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM team t LEFT JOIN person p ON p.id = t.lead_id WHERE p.id IS NULL',
      );
      expect(broken).toEqual([{ n: 0 }]);
      const [people] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
      expect(people?.n).toBe(80);
    },
  );
});

/** graph-node: a column added after the table whose DEFAULT reads the table's own serial sequence. */
const sequenceReadByLaterDefault = `CREATE TABLE chains (id serial PRIMARY KEY, name text NOT NULL);
ALTER TABLE chains ADD COLUMN namespace text NOT NULL DEFAULT 'chain' || currval('chains_id_seq');
CREATE TABLE blocks (id int PRIMARY KEY, chain_id int NOT NULL REFERENCES chains (id));
`;

/** Formbricks' Prisma enum swaps, twice: the type made as `SurveyType_new` is `SurveyType` when the DDL ends. */
const swap = (values: string, fallback: string) => `CREATE TYPE "SurveyType_new" AS ENUM (${values});
ALTER TABLE "Survey" ALTER COLUMN "type" DROP DEFAULT;
ALTER TABLE "Survey" ALTER COLUMN "type" TYPE "SurveyType_new" USING ("type"::text::"SurveyType_new");
ALTER TYPE "SurveyType" RENAME TO "SurveyType_old";
ALTER TYPE "SurveyType_new" RENAME TO "SurveyType";
DROP TYPE "SurveyType_old";
ALTER TABLE "Survey" ALTER COLUMN "type" SET DEFAULT '${fallback}';
`;
const renamedEnums = `CREATE TYPE "SurveyType" AS ENUM ('email', 'link', 'web');
CREATE TABLE "Survey" (id int PRIMARY KEY);
ALTER TABLE "Survey" ADD COLUMN "type" "SurveyType" NOT NULL DEFAULT 'web';
${swap("'link', 'web', 'app'", 'web')}${swap("'link', 'app'", 'app')}`;

describe('fix 31: a -c --if-exists script run three times into one database', () => {
  it.each([
    ['a sequence a later column DEFAULT reads (graph-node)', sequenceReadByLaterDefault, 'chains'],
    ['enum types renamed into place, twice (Formbricks)', renamedEnums, '"Survey"'],
  ])('%s', async (_name, ddl, table) => {
    // Before: the second run stopped at "cannot drop sequence chains_id_seq because other objects depend on
    // it" / at "type "SurveyType" already exists" (the drop named the type as made), then at a DROP DEFAULT
    // of a column the type's drop with CASCADE had taken.
    const { output } = await generateDdlFile(ddl, { clean: true, ifExists: true, defaultRows: 25 });
    const target = await db.createSibling();
    for (let run = 0; run < 3; run++) target.psqlFile(output);
    const [row] = await target.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    expect(row?.n).toBe(25);
    const types = await target.query<{ typname: string }>(
      "SELECT typname FROM pg_type WHERE typname LIKE 'SurveyType%' ORDER BY 1",
    );
    expect(types).toEqual(table === 'chains' ? [] : [{ typname: 'SurveyType' }]);
  });
});

/** A table given to a role, then renamed (SORMAS' migrations): its OWNER TO is kept where it stands. */
const ownedThenRenamed = `CREATE TABLE old_t (id serial PRIMARY KEY, name text);
ALTER TABLE old_t OWNER TO fix31_missing_role;
ALTER TABLE old_t RENAME TO new_t;
CREATE TABLE child (id int PRIMARY KEY, t_id int NOT NULL REFERENCES new_t (id));
`;

describe('fix 31: pg_restore --no-owner and the owner of a table renamed later', () => {
  it('--no-owner leaves it out (the role is missing: it stopped the restore), -j 2 too; without it the role owns the table', async () => {
    const { output } = await generateDdlFile(ownedThenRenamed, { format: 'custom', defaultRows: 20 });
    for (const jobs of [[], ['-j', '2']]) {
      const target = await db.createSibling();
      target.run('pg_restore', ['--no-owner', '--exit-on-error', ...jobs, '-d', target.name, output], {
        stdio: 'pipe',
      });
      const [row] = await target.query<{ n: number }>('SELECT count(*)::int AS n FROM child');
      expect(row?.n).toBe(20);
    }
    // Before: the same restore ran `ALTER TABLE old_t OWNER TO fix31_missing_role` and stopped there.
    const without = await db.createSibling();
    expect(() =>
      without.run('pg_restore', ['--exit-on-error', '-d', without.name, output], { stdio: 'pipe' }),
    ).toThrow(/role "fix31_missing_role" does not exist/);
    const owned = await db.createSibling();
    await owned.query('DROP ROLE IF EXISTS fix31_missing_role');
    await owned.query('CREATE ROLE fix31_missing_role');
    // fix 34: --use-set-session-authorization creates the table (and its serial's sequence) as the role; it
    // created them as the restoring user, as the OWNER entry it ran as the role was only a comment.
    const session = await db.createSibling();
    try {
      await session.query('GRANT CREATE ON SCHEMA public TO fix31_missing_role');
      for (const [target, extra] of [
        [owned, []],
        [session, ['--use-set-session-authorization']],
      ] as const) {
        target.run('pg_restore', ['--exit-on-error', ...extra, '-d', target.name, output], { stdio: 'pipe' });
        const owners = await target.query<{ relname: string; owner: string }>(
          "SELECT relname, relowner::regrole::text AS owner FROM pg_class WHERE relname IN ('new_t', 'old_t_id_seq') ORDER BY 1",
        );
        expect(owners).toEqual([
          { relname: 'new_t', owner: 'fix31_missing_role' },
          { relname: 'old_t_id_seq', owner: 'fix31_missing_role' },
        ]);
      }
    } finally {
      for (const target of [owned, session]) {
        await target.query('REASSIGN OWNED BY fix31_missing_role TO CURRENT_USER');
        await target.query('DROP OWNED BY fix31_missing_role');
      }
      await owned.query('DROP ROLE fix31_missing_role');
    }
  });
});

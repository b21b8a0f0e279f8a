/**
 * hostile24: the CLI run by a hostile user. A YAML spec named `.sql` got
 * PostgreSQL's `syntax error at or near "#"` and SQL named `.yaml` the YAML
 * parser's "Implicit keys need to be on a single line", neither saying what
 * the file is; a NUL byte was told without its place; `-o FILE` (psql's
 * habit) was "unknown option -o", and pg_dump's `--exclude-table-data` got
 * "did you mean --exclude-table?" (which leaves the DDL out too);
 * `--disable-triggers` turned on the triggers the DDL (or the database) had
 * disabled or set to REPLICA/ALWAYS, and a failure reading the triggers was
 * told as "cannot set the sequences"; `ALTER FUNCTION f(int) OWNER TO r`
 * was headed `-- Name: ; Type: OWNER; Schema: -`; `--resume` of a directory
 * the same run had completed was refused as "not empty"; twelve tables
 * referencing auth.users gave twelve near-identical warnings.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { ownDirUnder, refusedCleanly, temporaries } from '../helpers/cli-process.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hostile24');
const dir = tempDir('hostile24-');
const table = join(dir, 't.sql');
writeFileSync(table, 'CREATE TABLE t (id int PRIMARY KEY, v text);\n');

const ownDir = (name: string) => ownDirUnder(dir, name);
const refused = refusedCleanly;

describe('hostile24: files that are not what their name says', () => {
  it.concurrent('a YAML spec named .sql (YAML or JSON) and SQL named .yaml say what the file is and how to name it', async () => {
    const own = ownDir('mixed');
    const yamlSql = join(own, 'shop.sql');
    writeFileSync(yamlSql, '# my shop\nseed: 7\ntables:\n  t:\n    columns:\n      id: {type: int}\n');
    const jsonSql = join(own, 'shop-json.sql');
    writeFileSync(jsonSql, '{"tables": {"t": {"columns": {"id": {"type": "int"}}}}}\n');
    const sqlYaml = join(own, 'dump.yaml');
    writeFileSync(
      sqlYaml,
      '--\n-- PostgreSQL database dump\n--\n\nSET statement_timeout = 0;\nCREATE TABLE t (id int);\n',
    );
    const out = join(own, 'out.sql');
    expect(await refused(['generate', yamlSql, '-f', out], own)).toBe(
      `datagen: error: ${yamlSql}:1:1: this is a YAML schema spec (YAML keys with tables:), not SQL, but its name does not end in .yaml or .yml, so it was read as SQL; rename it to end in .yaml\n`,
    );
    expect(await refused(['generate', jsonSql, '-f', out], own)).toMatch(
      /^datagen: error: \S+shop-json\.sql:1:1: this is a YAML schema spec \(a JSON object with tables:\), not SQL, .*rename it to end in \.yaml\n$/,
    );
    expect(await refused(['generate', sqlYaml, '-f', out], own)).toBe(
      `datagen: error: ${sqlYaml}:1:1: this is SQL DDL, not a YAML schema spec, but its name ends in .yaml or .yml, so it was read as a spec; rename it to end in .sql\n`,
    );
    // The same file renamed is read.
    const renamed = join(own, 'shop.yaml');
    writeFileSync(renamed, readFileSync(yamlSql));
    const ok = await runCliInProcess(['generate', renamed, '-r', '2', '-f', out]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
  });

  it.concurrent('a NUL byte in a DDL file is told at its line and column', async () => {
    const own = ownDir('nul');
    const file = join(own, 'nul.sql');
    writeFileSync(file, 'CREATE TABLE t (id int PRIMARY KEY);\nCREATE TABLE u (id int\0);\n');
    expect(await refused(['generate', file, '-f', join(own, 'out.sql')], own)).toBe(
      `datagen: error: cannot read schema file ${file}: it is not a SQL text file (it holds NUL bytes (the first at ${file}:2:23)); give the schema as SQL DDL (pg_dump --schema-only), a pg_dump archive, or a database with -d\n`,
    );
  });

  it.concurrent('a BOM and CRLF line ends: read, and an error located by line and column as an editor shows them', async () => {
    const own = ownDir('crlf');
    const file = join(own, 'crlf.sql');
    writeFileSync(
      file,
      '\ufeffCREATE TABLE t (id int PRIMARY KEY,\r\n n text);\r\nCREATE TABLE u (id int PRIMARY KEY,\r\n  x intt);\r\n',
    );
    expect(await refused(['generate', file, '-f', join(own, 'out.sql')], own)).toMatch(
      /^datagen: error: The DDL is not a usable schema \(1 problem\):\n\S+crlf\.sql:4:5: type intt is neither/,
    );
  });
});

describe('hostile24: pg_dump and psql habits', () => {
  it.concurrent('-o FILE points at -f; --exclude-table-data, -b and --quote-all-identifiers say what datagen does instead', async () => {
    const own = ownDir('options');
    const out = join(own, 'out.sql');
    expect(await refused(['generate', table, '-o', out], own)).toBe(
      "datagen: error: -o: datagen writes its output with -f FILE (--file), as pg_dump does (-o is psql's output file; pg_dump 11 and older read it as --oids); no -f writes to stdout\nRun `datagen generate --help` for the options.\n",
    );
    expect(await refused(['generate', table, `-o${out}`], own)).toMatch(
      /^datagen: error: -o: datagen writes/,
    );
    expect(await refused(['generate', table, '--exclude-table-data=t', '-f', out], own)).toBe(
      "datagen: error: --exclude-table-data: datagen does not have this pg_dump option; to keep a table's DDL without rows, give --rows TABLE=0 (-T/--exclude-table leaves its DDL out too)\nRun `datagen generate --help` for the options.\n",
    );
    expect(await refused(['generate', table, '-b', '-f', out], own)).toMatch(
      /^datagen: error: -b\/--large-objects: datagen does not have this pg_dump option; datagen writes no large objects/,
    );
    expect(await refused(['generate', table, '--quote-all-identifiers', '-f', out], own)).toMatch(
      /^datagen: error: --quote-all-identifiers: datagen does not have this pg_dump option; identifiers are quoted where PostgreSQL needs it/,
    );
    // What --exclude-table-data points at does what it says: the table's DDL, no rows.
    const ok = await runCliInProcess(['generate', table, '--rows', 't=0', '-f', out]);
    expect(ok.status, ok.stderr).toBe(0);
    const script = readFileSync(out, 'utf8');
    expect(script).toContain('CREATE TABLE public.t');
    expect(script).toContain('COPY public.t (id, v) FROM stdin;\n\\.\n');
  });
});

describe('hostile24: --disable-triggers keeps the triggers the user left off', () => {
  const ddl = `CREATE TABLE t (id int PRIMARY KEY, n int);
CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.n := 7; RETURN NEW; END$$;
CREATE TRIGGER off_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();
CREATE TRIGGER replica_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();
CREATE TRIGGER on_trg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();
ALTER TABLE t DISABLE TRIGGER off_trg;
ALTER TABLE t ENABLE REPLICA TRIGGER replica_trg;
`;
  const states = async (target: { query: typeof db.query }) =>
    (
      await target.query<{ tgname: string; tgenabled: string }>(
        "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = 'public.t'::regclass ORDER BY 1",
      )
    ).map((r) => `${r.tgname}=${r.tgenabled}`);
  const AS_MADE = ['off_trg=D', 'on_trg=O', 'replica_trg=R'];

  it.concurrent('-a --disable-triggers script (psql), direct load -a -d, and a whole archive by pg_restore', async () => {
    const own = ownDir('triggers');
    const schema = join(own, 'trg.sql');
    writeFileSync(schema, ddl);
    // The script: after ENABLE TRIGGER ALL, the DDL's own trigger switches again.
    const target = await db.createSibling();
    await target.query(ddl);
    expect(await states(target)).toEqual(AS_MADE);
    const data = join(own, 'data.sql');
    const script = await runCliInProcess([
      'generate',
      schema,
      '-a',
      '--disable-triggers',
      '-r',
      '3',
      '-f',
      data,
    ]);
    expect(script.status, script.stderr).toBe(0);
    await target.psqlFileAsync(data);
    expect(await states(target)).toEqual(AS_MADE);
    // The rows went in with every trigger off: no n = 7.
    expect(await target.query('SELECT count(*)::int AS n FROM t WHERE n = 7')).toEqual([{ n: 0 }]);
    // A direct load into a database whose states differ from the DDL's: the database's kept.
    await target.query('TRUNCATE t');
    await target.query('ALTER TABLE t ENABLE ALWAYS TRIGGER on_trg');
    const load = await runCliInProcess([
      'generate',
      schema,
      '-a',
      '--disable-triggers',
      '-r',
      '3',
      '-d',
      target.connectionString,
    ]);
    expect(load.status, load.stderr).toBe(0);
    expect(await states(target)).toEqual(['off_trg=D', 'on_trg=A', 'replica_trg=R']);
    expect(await target.query('SELECT count(*)::int AS n FROM t WHERE n = 7')).toEqual([{ n: 0 }]);
    // A whole archive restored: the post-data switches after the triggers.
    const archive = join(own, 'all.dump');
    const dump = await runCliInProcess(['generate', schema, '-r', '3', '-F', 'c', '-f', archive]);
    expect(dump.status, dump.stderr).toBe(0);
    const restored = await db.createSibling();
    await restored.runAsync('pg_restore', ['--exit-on-error', '-d', restored.name, archive]);
    expect(await states(restored)).toEqual(AS_MADE);
    await restored.close();
    await target.close();
  });
});

describe('hostile24: owners and finished runs', () => {
  it.concurrent("a routine's OWNER block is headed by its pg_dump tag and schema, not `Name: ; ... Schema: -`", async () => {
    const own = ownDir('owner');
    const schema = join(own, 'owner.sql');
    writeFileSync(
      schema,
      `CREATE TABLE t (id int PRIMARY KEY);
CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'select 1';
ALTER FUNCTION f(int) OWNER TO hostile24_owner;
CREATE AGGREGATE ag(int) (sfunc = int4pl, stype = int);
ALTER AGGREGATE ag(int) OWNER TO hostile24_owner;
CREATE TYPE e AS ENUM ('a');
ALTER TYPE e OWNER TO hostile24_owner;
`,
    );
    const out = join(own, 'owner-out.sql');
    const r = await runCliInProcess(['generate', schema, '-r', '2', '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    const headers = readFileSync(out, 'utf8')
      .split('\n')
      .filter((line) => line.includes('Type: OWNER'));
    expect(headers).toEqual([
      '-- Name: f(integer); Type: OWNER; Schema: public',
      '-- Name: ag(integer); Type: OWNER; Schema: public',
      '-- Name: e; Type: OWNER; Schema: public',
    ]);
    // The script loads where the role exists, each object owned by it.
    const target = await db.createSibling();
    await target.query(
      'DO $$BEGIN CREATE ROLE hostile24_owner; EXCEPTION WHEN duplicate_object THEN NULL; END$$',
    );
    await target.psqlFileAsync(out);
    expect(
      await target.query(
        "SELECT proname, pg_get_userbyid(proowner) AS owner FROM pg_proc WHERE proname IN ('f', 'ag') ORDER BY 1",
      ),
    ).toEqual([
      { proname: 'ag', owner: 'hostile24_owner' },
      { proname: 'f', owner: 'hostile24_owner' },
    ]);
    await target.close();
  });

  it.concurrent('--resume of a directory the same run completed: kept as it is, exit 0, one line saying so; another run still refused', async () => {
    const own = ownDir('resume-complete');
    const out = join(own, 'csv');
    const first = await runCliInProcess(['generate', table, '-r', '50', '-F', 'csv', '-f', out]);
    expect(first.status, first.stderr).toBe(0);
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const stamp = statSync(join(out, 'public.t.csv')).mtimeMs;
    const again = await runCliInProcess(['generate', table, '-r', '50', '-F', 'csv', '-f', out, '--resume']);
    expect(again.stderr).toBe(
      `datagen: warning: --resume: ${out} is complete already (its manifest.json is this run's, with the same seed, options and row counts, and every file it lists is there); nothing was written\n`,
    );
    expect(again.status).toBe(0);
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    expect(statSync(join(out, 'public.t.csv')).mtimeMs).toBe(stamp);
    expect(temporaries(own)).toEqual([]);
    // Other row counts: not this run's directory.
    expect(await refused(['generate', table, '-r', '51', '-F', 'csv', '-f', out, '--resume'], own)).toMatch(
      /the directory is not empty \(its manifest\.json says a run with other settings completed there: rows of public\.t 50 \(now 51\); --resume continues only the same command\)/,
    );
    // A file cut short since: refused too, never taken as complete.
    writeFileSync(join(out, 'public.t.csv'), 'cut');
    expect(await refused(['generate', table, '-r', '50', '-F', 'csv', '-f', out, '--resume'], own)).toMatch(
      /the directory is not empty/,
    );
  });
});

describe('hostile24: one warning per table the keys reference', () => {
  it.concurrent('twelve tables referencing auth.users: one line naming ten columns and the count of the rest', async () => {
    const own = ownDir('auth-users');
    const schema = join(own, 'app.sql');
    writeFileSync(
      schema,
      Array.from(
        { length: 12 },
        (_, i) => `CREATE TABLE p${i + 1} (id int PRIMARY KEY, user_id uuid REFERENCES auth.users (id));\n`,
      ).join(''),
    );
    const r = await runCliInProcess(['generate', schema, '-r', '2', '-f', join(own, 'out.sql')]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      `datagen: warning: 12 foreign keys reference auth.users, which is not defined in the DDL, so their columns are left NULL (the constraints are kept: the target database must have auth.users): ${Array.from({ length: 10 }, (_, i) => `public.p${i + 1}.user_id (p${i + 1}_user_id_fkey)`).join(', ')} and 2 more; add the DDL that creates auth.users (e.g. another DDL file argument) to generate values`,
    );
    expect(lines[1]).toMatch(/^datagen: warning: the DDL uses objects it does not create/);
  });
});

/**
 * hostile25: the CLI run by a careless or hostile user. A DEFAULT holding
 * what PostgreSQL refuses in any DEFAULT (`DEFAULT foo`, a string written
 * without quotes; a subquery, an aggregate, a window or set-returning
 * function, `$1`) came out with exit 0, and the output stopped loading at
 * that CREATE TABLE. A directory output (-F d, csv, jsonl, parquet) through
 * a symlink loop or a dangling symlink was written whole and then failed at
 * its rename with "a part of the path is a file, not a directory" (a plain
 * file output follows the link, as it now does). pg_dump 16-18's and
 * pg_restore's options got a wrong guess (`--filter`: "did you mean
 * --file?", `--no-schema`: "--schema?", `-S`/`-e`: "--set?"). A direct
 * load whose session the server ended while it created the schema
 * (pg_terminate_backend, a database dropped WITH (FORCE), a shutdown) was
 * told as the DDL's fault: "s.sql:2:1: ... refused <statement>: terminating
 * connection ...; The database needs what the DDL uses but does not create".
 * A .datagen.yaml naming a table the schema lacks with `skip: true` or
 * `rows:` was told as `--rows zzz=0`, an option the user never gave. On a
 * terminal with TERM=dumb the progress moved the cursor with ANSI escapes
 * the terminal prints as `^[[1A^[[J`. A schema file that is a device
 * (`/dev/zero`, `/dev/urandom`) was read until memory ran out.
 */
import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import {
  cli,
  cliEnv,
  exited,
  ownDirUnder,
  refusedCleanly,
  runCliAsync,
  runProcess,
  spawnCli,
  temporaries,
} from '../helpers/cli-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hostile25');
const dir = tempDir('hostile25-');

const ownDir = (name: string) => ownDirUnder(dir, name);
const refused = refusedInProcess;

describe('hostile25: a DEFAULT PostgreSQL refuses', () => {
  it('each shape: the server refuses it, and datagen exits 2 at its place (it wrote output, exit 0)', async () => {
    const own = ownDir('defaults');
    const shapes: readonly (readonly [string, string, string])[] = [
      [
        'active',
        'cannot use column reference in DEFAULT expression',
        "a column reference (active) is not allowed in a DEFAULT, so PostgreSQL refuses the statement; write a string in single quotes ('active')",
      ],
      [
        't.id',
        'cannot use column reference in DEFAULT expression',
        'a column reference (t.id) is not allowed',
      ],
      ['(SELECT 1)', 'cannot use subquery in DEFAULT expression', 'a subquery is not allowed in a DEFAULT'],
      [
        'count(*)',
        'aggregate functions are not allowed in DEFAULT expressions',
        'the aggregate count() is not allowed',
      ],
      [
        'max(1)',
        'aggregate functions are not allowed in DEFAULT expressions',
        'the aggregate max() is not allowed',
      ],
      [
        'generate_series(1, 2)',
        'set-returning functions are not allowed in DEFAULT expressions',
        'the set-returning function generate_series() is not allowed',
      ],
      [
        'rank() OVER ()',
        'window functions are not allowed in DEFAULT expressions',
        'the window function rank() is not allowed',
      ],
      ['$1', 'there is no parameter $1', 'a parameter ($1) is not allowed'],
    ];
    for (const [expr, server, ours] of shapes) {
      const ddl = `CREATE TABLE t (id int PRIMARY KEY,\n  v text DEFAULT ${expr});\n`;
      await expectServerRefuses(db, ddl, server);
      const file = join(own, 'd.sql');
      writeFileSync(file, ddl);
      const stderr = await refused(['generate', file, '-r', '2', '-f', join(own, 'out.sql')], own);
      expect(stderr).toContain(`${file}:2:18: DEFAULT of column public.t.v: ${ours}`);
    }
    // SET DEFAULT and a domain's DEFAULT alike.
    for (const [ddl, place] of [
      [
        'CREATE TABLE t (id int, v text);\nALTER TABLE t ALTER v SET DEFAULT pending;\n',
        '2:35: DEFAULT of column public.t.v',
      ],
      [
        'CREATE DOMAIN d AS text DEFAULT pending;\nCREATE TABLE t (id int, v d);\n',
        '1:33: DEFAULT of domain public.d',
      ],
    ] as const) {
      await expectServerRefuses(db, ddl, 'cannot use column reference in DEFAULT expression');
      const file = join(own, 'd2.sql');
      writeFileSync(file, ddl);
      const stderr = await refused(['generate', file, '-r', '2', '-f', join(own, 'out.sql')], own);
      expect(stderr).toContain(`${file}:${place}: a column reference (pending) is not allowed`);
    }
  });

  it.concurrent('the DEFAULTs the server takes still generate and load', async () => {
    const own = ownDir('defaults-ok');
    const ddl = `CREATE SEQUENCE s;
CREATE FUNCTION max(a int, b int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT greatest(a, b)';
CREATE TABLE t (id int PRIMARY KEY, a timestamptz DEFAULT now(), b text DEFAULT CURRENT_USER, c text DEFAULT 'x' || 'y',
  d int DEFAULT nextval('s'), e int DEFAULT public.max(1, 2), f text[] DEFAULT ARRAY[]::text[], g boolean DEFAULT true);
`;
    const file = join(own, 'ok.sql');
    writeFileSync(file, ddl);
    const out = join(own, 'ok.out.sql');
    const r = await runCliInProcess(['generate', file, '-r', '3', '-f', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const target = await db.createSibling();
    await target.psqlFileAsync(out);
    expect(await target.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 3 }]);
  });
});

describe('hostile25: a directory output through a symlink', () => {
  it.concurrent('a loop says so and a link into a missing directory names it, before any row; a link to a new path makes it there', async () => {
    const own = ownDir('links');
    const schema = join(own, 's.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY, v text);\n');
    symlinkSync('loop-b', join(own, 'loop-a'));
    symlinkSync('loop-a', join(own, 'loop-b'));
    symlinkSync(join(own, 'missing', 'out'), join(own, 'dangling'));
    for (const format of ['d', 'csv']) {
      const loop = join(own, 'loop-a');
      const archive = format === 'd' ? `the archive to "${loop}"` : loop;
      expect(await refused(['generate', schema, '-F', format, '-f', loop], own, 1)).toBe(
        `datagen: error: cannot write ${archive}: too many levels of symbolic links (a link that leads back to itself?); fix the link or choose another path${format === 'd' ? ' (ELOOP)' : ''}\n`,
      );
      const dangling = join(own, 'dangling');
      expect(await refused(['generate', schema, '-F', format, '-f', dangling], own, 1)).toMatch(
        /: the directory does not exist.*; create it or choose another path/,
      );
      const newLink = join(own, `new-${format}`);
      symlinkSync(join(own, `made-${format}`), newLink);
      const r = await runCliInProcess(['generate', schema, '-r', '3', '-F', format, '-f', newLink]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(readdirSync(join(own, `made-${format}`)).length).toBeGreaterThan(1);
    }
    expect(existsSync(join(own, 'missing'))).toBe(false);
    expect(temporaries(own)).toEqual([]);
  });
});

describe('hostile25: pg_dump 16-18 and pg_restore options', () => {
  it.concurrent('each says datagen lacks it and what to write, never a guess at another option', async () => {
    const own = ownDir('absent');
    const schema = join(own, 's.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY);\n');
    const said = async (...option: string[]) =>
      await refused(['generate', schema, ...option, '-f', join(own, 'out.sql')], own);
    expect(await said('--filter=patterns.txt')).toBe(
      'datagen: error: --filter: datagen does not have this pg_dump option; give the patterns as options: -t/-T for tables, -n/-N for schemas (each repeatable)\nRun `datagen generate --help` for the options.\n',
    );
    expect(await said('--no-schema')).toMatch(/^datagen: error: --no-schema: .*; write -a\/--data-only /);
    expect(await said('--no-data')).toMatch(/^datagen: error: --no-data: .*; write -s\/--schema-only /);
    expect(await said('--table-and-children', 't')).toMatch(
      /-t\/--table PATTERN takes a partitioned table with its partitions/,
    );
    for (const option of [
      '--no-statistics',
      '--strict-names',
      '--no-sync',
      '--load-via-partition-root',
      '--snapshot=x',
    ])
      expect(await said(option)).toMatch(
        new RegExp(`^datagen: error: ${option.split('=')[0]}: datagen does not have this pg_dump option; `),
      );
    expect(await said('-S', 'postgres')).toMatch(
      /^datagen: error: -S\/--superuser: datagen does not have this pg_restore option/,
    );
    expect(await said('-e')).toMatch(/^datagen: error: -e\/--exit-on-error: /);
    expect(await said('-L', 'list.txt')).toMatch(/^datagen: error: -L\/--use-list: /);
    // A negative value of an option is still the option's own mistake.
    expect(await said('-r', '-1')).toMatch(
      /^datagen: error: --rows expects a whole number from 0 to 4503599627370496, got "-1"/,
    );
  });
});

describe('hostile25: -d whose session the server ends while the schema is made', () => {
  it('says the session ended, not that the DDL needs something; exit 1, nothing created', async () => {
    const own = ownDir('terminated');
    const schema = join(own, 's.sql');
    writeFileSync(
      schema,
      'CREATE TABLE t (id int PRIMARY KEY, v text);\nDO $$ BEGIN PERFORM pg_sleep(60); END $$;\n',
    );
    const target = await db.createSibling();
    const child = spawnCli(['generate', schema, '-r', '5', '-d', target.connectionString]);
    const done = exited(child);
    const sleeping = `SELECT pid FROM pg_stat_activity WHERE datname = '${target.name}' AND query LIKE 'DO %pg_sleep%'`;
    for (let i = 0; i < 600 && (await db.query(sleeping)).length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(await db.query(`SELECT pg_terminate_backend(pid) AS ended FROM (${sleeping}) s`)).toEqual([
      { ended: true },
    ]);
    const { status, stderr } = await done;
    expect(stderr).toMatch(
      /\ndatagen: error: \S+hostile25_\w+: the server ended the session while it ran DO \$\$ BEGIN PERFORM pg_sleep\(60\); END \$\$: terminating connection due to administrator command; nothing was created\. Check the server \(its log says why\), then run again\n$/,
    );
    expect(stderr).not.toMatch(/error: \S*s\.sql:\d|needs what the DDL uses/);
    expect(status).toBe(1);
    expect(await target.query("SELECT to_regclass('public.t') IS NULL AS none")).toEqual([{ none: true }]);
  });
});

describe('hostile25: a configuration naming a table the schema lacks', () => {
  it.concurrent('is told at its place in .datagen.yaml, not as a --rows never given; a --rows name still as --rows', async () => {
    const own = ownDir('config-table');
    writeFileSync(join(own, 's.sql'), 'CREATE TABLE orders (id int PRIMARY KEY);\n');
    const run = async (yaml: string, ...args: string[]) => {
      writeFileSync(join(own, '.datagen.yaml'), yaml);
      const r = await runCliAsync(['generate', 's.sql', ...args, '-f', 'out.sql'], { cwd: own });
      expect(r.status, r.stderr).toBe(2);
      expect(temporaries(own)).toEqual([]);
      return r.stderr;
    };
    expect(await run('tables:\n  order:\n    skip: true\n', '-r', '2')).toBe(
      'datagen: error: .datagen.yaml:3:5: tables.order: no table "order" in the schema; did you mean: public.orders?\n',
    );
    expect(await run('tables:\n  order:\n    rows: 5\n', '--size', '1MB')).toBe(
      'datagen: error: .datagen.yaml:3:5: tables.order: no table "order" in the schema; did you mean: public.orders?\n',
    );
    expect(await run('tables:\n  orders:\n    rows: 5\n', '--rows', 'order=3')).toBe(
      'datagen: error: --rows order=3: no table "order" in the schema. Did you mean: public.orders?\n',
    );
  });
});

describe('hostile25: progress on a dumb terminal', () => {
  it.concurrent('TERM=dumb: one line redrawn with \\r, no escape sequences; the summary as on any terminal', async () => {
    const own = ownDir('dumb');
    writeFileSync(join(own, 's.sql'), 'CREATE TABLE t (id bigint PRIMARY KEY, note text);\n');
    const env = cliEnv({ TERM: 'dumb', COLUMNS: '200' });
    delete env.CI;
    // util-linux script gives the run a pseudo-terminal; its screen is script's stdout.
    const command = `"${process.execPath}" "${cli}" generate s.sql -r 400000 -f out.sql`;
    const r = await runProcess('script', ['-q', '-e', '-c', command, '/dev/null'], { env, cwd: own });
    expect(r.status, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/\r1\/1 tables done|\r0\/1 tables done/);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toMatch(/datagen: 400,000 rows, [\d.]+ MB in [\d.]+s .*peak memory/);
    expect(temporaries(own)).toEqual([]);
  });
});

describe('hostile25: a schema file that is a device', () => {
  it.concurrent('/dev/zero and /dev/urandom are refused at once; /dev/null and /dev/stdin are read', async () => {
    const own = ownDir('devices');
    // A process: a device read in-process would hold the test's worker if it were not refused.
    for (const device of ['/dev/zero', '/dev/urandom'])
      expect(await refusedCleanly(['generate', device, '-f', join(own, 'out.sql')], own)).toBe(
        `datagen: error: cannot read schema file ${device}: it is a device, not a file, and reading it would never end; give the DDL file (or - for standard input)\n`,
      );
    const empty = await runCliInProcess(['generate', '/dev/null', '-f', join(own, 'out.sql')]);
    expect(empty.status).toBe(0);
    expect(empty.stderr).toMatch(/no tables \(CREATE TABLE\) found/);
    const r = await runProcess(process.execPath, [cli, 'generate', '/dev/stdin', '-r', '2'], {
      env: cliEnv(),
      input: 'CREATE TABLE t (id int PRIMARY KEY);\n',
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('COPY public.t (id) FROM stdin;');
  });
});

describe('a size unit split from its number (session 25)', () => {
  it('--size 10 MB and --chunk-size 1 GB say to write them together, before anything is written', async () => {
    const dir = tempDir('hostile25-units-');
    for (const [option, number, unit] of [
      ['--size', '10', 'MB'],
      ['--chunk-size', '1', 'GB'],
    ] as const) {
      const r = await runCliAsync(
        ['generate', '--template', 'ecommerce', option, number, unit, '-F', 'csv', '-f', join(dir, 'out')],
        { cwd: dir },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(
        `${option} ${number} ${unit}: write the number and its unit together, ${option} ${number}${unit}`,
      );
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

describe('--json when the run fails (session 25)', () => {
  it('prints the failure as JSON where the summary goes (stdout; stderr when the data takes stdout), only there', async () => {
    const dir = tempDir('hostile25-json-');
    const schema = join(dir, 'flags.sql');
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY, flag boolean NOT NULL UNIQUE);\n');
    const toFile = await runCliInProcess([
      'generate',
      schema,
      '--rows',
      't=300',
      '--json',
      '-f',
      join(dir, 'out.sql'),
    ]);
    expect(toFile.status).toBe(2);
    const failure = JSON.parse(toFile.stdout) as { error: Record<string, unknown>; warnings: unknown[] };
    expect(failure.error).toMatchObject({
      code: 'UNIQUE_SPACE_TOO_SMALL',
      exitStatus: 2,
      data: { table: 'public.t', requested: 300, capacity: 2 },
    });
    expect(failure.warnings).toEqual([]);
    expect(failure.error.message).toContain('public.t: 300 rows were requested');
    // Told once, in the JSON (session 30: it was also the plain line on stderr).
    expect(toFile.stderr).toBe('');
    expect(readdirSync(dir)).toEqual(['flags.sql']);
    const toStdout = await runCliInProcess(['generate', schema, '--rows', 't=300', '--json', '-f', '-']);
    expect(toStdout.status).toBe(2);
    expect(toStdout.stdout).toBe('');
    expect(JSON.parse(toStdout.stderr).error.code).toBe('UNIQUE_SPACE_TOO_SMALL');
  });
});

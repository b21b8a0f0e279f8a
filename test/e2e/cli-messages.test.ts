/**
 * What the real CLI says and how it exits: closed pipes (every command and
 * format), option mistakes, exit statuses, empty schemas, warnings kept when
 * a run fails, the notice and progress on a terminal, and identifiers with
 * line breaks and odd bytes kept exactly through the plain script into psql.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import {
  assertBuilt,
  cli,
  cliEnv,
  exited,
  runCli,
  spawnCli,
  temporaries,
  waitUntil,
} from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { pgBin } from '../helpers/postgres-binaries.js';

const BROKEN_PIPE = 'datagen: error: could not write to output: Broken pipe\n';

describe('a closed stdout ends the run with one line and exit 1', () => {
  beforeAll(assertBuilt);

  it('every command and format, when the reader has gone before the first write', async () => {
    const dir = tempDir();
    const shop = ['examples/shop.sql', '-r', '100'];
    const cases = [
      ['generate', ...shop],
      ['generate', ...shop, '-F', 'copy'],
      ['generate', ...shop, '--inserts'],
      ['generate', ...shop, '-F', 'c'],
      ['generate', ...shop, '-F', 'd', '-f', join(dir, 'listed.dir'), '--list'],
      ['generate', ...shop, '-f', join(dir, 'summary.sql'), '--json'],
      ['plan', ...shop],
      ['plan', ...shop, '--json'],
      ['generate', '--help'],
      ['plan', '--help'],
      ['--help'],
      ['--version'],
    ];
    // Two at a time: the machine running the suite may be small and busy.
    const results: ({ args: string[] } & Awaited<ReturnType<typeof exited>>)[] = [];
    for (let at = 0; at < cases.length; at += 2) {
      const batch = cases.slice(at, at + 2).map((args) => {
        const child = spawnCli(args, { stdio: ['ignore', 'pipe', 'pipe'] });
        child.stdout?.destroy(); // the reader is gone: every write gets EPIPE
        return exited(child, 110_000).then((r) => ({ args, ...r }));
      });
      results.push(...(await Promise.all(batch)));
    }
    for (const r of results) {
      expect(r.stderr, r.args.join(' ')).toBe(BROKEN_PIPE);
      expect(r.status, r.args.join(' ')).toBe(1);
    }
    expect(temporaries(dir)).toEqual([]);
  }, 300_000);

  it('| head -c 100 in a shell: head gets its bytes, datagen ends with one line and exit 1', () => {
    const dir = tempDir();
    const head = join(dir, 'head.out');
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"$NODE" "$CLI" generate examples/shop.sql -r 5000 | head -c 100 > "$HEAD"; exit "\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8', env: cliEnv({ NODE: process.execPath, CLI: cli, HEAD: head }) },
    );
    expect(r.stderr).toBe(BROKEN_PIPE);
    expect(r.status).toBe(1);
    expect(readFileSync(head, 'utf8')).toHaveLength(100);
  });

  describe('psql stopping on an error', () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase('pipe');
    });
    afterAll(async () => db.close());

    it('datagen | psql -v ON_ERROR_STOP=1 where the load fails: datagen says Broken pipe once, exit 1', async () => {
      await db.query('CREATE SCHEMA shop'); // the script's CREATE SCHEMA fails, psql stops reading
      const datagen = spawnCli(['generate', 'examples/shop.sql', '-r', '20000'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const psql = spawn(
        pgBin(inject('pg').binDir, 'psql'),
        ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.name],
        {
          env: db.env,
          stdio: [datagen.stdout ?? 'ignore', 'ignore', 'pipe'],
        },
      );
      datagen.stdout?.destroy(); // psql holds the read end now; ours would keep the pipe open after psql exits
      const [ours, theirs] = await Promise.all([exited(datagen), exited(psql)]);
      expect(theirs.status).toBe(3);
      expect(theirs.stderr).toContain('already exists');
      expect(ours.stderr).toBe(BROKEN_PIPE);
      expect(ours.status).toBe(1);
    });
  });
});

describe('options, exit statuses and messages', () => {
  beforeAll(assertBuilt);

  // The tests below run the CLI in their own process (runCliInProcess: src/cli/run-main.ts' runMain); here each
  // kind of result is run both ways, as the process (the built CLI) and in-process: the same output and status.
  it('the CLI run in-process writes and exits exactly as the process does', async () => {
    const dir = tempDir();
    const warned = join(dir, 'warned.sql');
    writeFileSync(warned, 'CREATE TEMP TABLE s (id int);\nCREATE TABLE t (id int PRIMARY KEY, v text);\n');
    const cases = [
      ['--version'],
      ['plan', '--help'],
      ['genrate'],
      ['generate', 'examples/shop.sql', '--row', '5'],
      ['plan', warned, '-r', 'abc', '--json'],
      ['generate', warned, '-r', '3', '--json', '--seed', '4', '-f', join(dir, 'o.sql')],
      ['generate', warned, '-r', '3', '-F', 'p', '-f', '-'],
      ['generate', warned, '-r', '3', '-f', '/proc/datagen-test.sql'],
      ['plan', join(dir, 'missing.sql')],
    ];
    for (const args of cases) {
      const [inProcess, child] = [await runCliInProcess(args), runCli(args)];
      expect(inProcess, args.join(' ')).toEqual(child);
    }
  });

  it('a misspelt option names the nearest one; bad values say what is wrong; exit 2', async () => {
    const cases: [string[], string][] = [
      [
        ['generate', 'examples/shop.sql', '--row', '5'],
        'datagen: error: unknown option --row; did you mean --rows?',
      ],
      [
        ['generate', 'examples/shop.sql', '--sead', '5'],
        'datagen: error: unknown option --sead; did you mean --seed?',
      ],
      [['plan', 'examples/shop.sql', '--jsn'], 'datagen: error: unknown option --jsn; did you mean --json?'],
      [
        ['generate', 'examples/shop.sql', '--rows', '-5'],
        'datagen: error: --rows expects a whole number from 0 to 4503599627370496, got "-5"',
      ],
      [
        ['generate', 'examples/shop.sql', '--rows', 'lots'],
        'datagen: error: --rows expects a whole number from 0 to 4503599627370496, got "lots"',
      ],
      [
        ['generate', 'examples/shop.sql', '--rows', '2.5'],
        'datagen: error: --rows expects a whole number from 0 to 4503599627370496, got "2.5"',
      ],
      [
        ['generate', 'examples/shop.sql', '--rows', '1e400'],
        'datagen: error: --rows expects a whole number from 0 to 4503599627370496, got "1e400"',
      ],
      [
        ['generate', 'examples/shop.sql', '-t', '--rows', '5'],
        'datagen: error: -t/--table needs a value (got the option --rows)',
      ],
      [['generate', 'examples/shop.sql', '--rows'], 'datagen: error: -r/--rows needs a value'],
      [
        ['generate', 'examples/shop.sql', '--quiet=yes'],
        'datagen: error: -q/--quiet takes no value (got "yes")',
      ],
      [
        ['generate', 'examples/shop.sql', '--jobs', '0', '-F', 'c'],
        'datagen: error: --jobs expects a whole number from 1 to 1024, got "0"',
      ],
      [
        ['generate', 'examples/shop.sql', '--jobs', '-3'],
        'datagen: error: --jobs expects a whole number from 1 to 1024, got "-3"',
      ],
      [
        ['generate', 'examples/shop.sql', '--inserts', '--rows-per-insert', '0'],
        'datagen: error: --rows-per-insert expects a whole number from 1 to 1000000, got "0"',
      ],
      [['genrate'], 'datagen: error: unknown command "genrate"; did you mean generate?'],
      [
        ['examples/shop.sql'],
        'datagen: error: unknown command "examples/shop.sql"; to generate data for a schema file, run: datagen generate examples/shop.sql',
      ],
    ];
    for (const [args, first] of cases) {
      const r = await runCliInProcess(args);
      expect(r.stderr.split('\n')[0]?.startsWith(first), `${args.join(' ')}: ${r.stderr}`).toBe(true);
      expect(r.stderr).not.toContain('    at ');
      expect(r.stdout).toBe('');
      expect(r.status, args.join(' ')).toBe(2);
    }
  });

  it('a whole number written as 1e1 is read as one (--rows 1e9 as a user writes a billion)', async () => {
    const r = await runCliInProcess([
      'generate',
      'examples/shop.sql',
      '--rows',
      '1e1',
      '-F',
      'p',
      '-a',
      '-f',
      '-',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const block = r.stdout.slice(r.stdout.indexOf('COPY '), r.stdout.indexOf('\\.\n'));
    expect(block.trim().split('\n')).toHaveLength(11);
  });

  it('exit statuses are documented in every --help; 0 ok, 1 I/O, 2 usage or schema', async () => {
    for (const args of [['--help'], ['generate', '--help'], ['plan', '--help']]) {
      const r = await runCliInProcess(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Exit status:');
      expect(r.stdout).toMatch(/^ {2}0 +done$/m);
      expect(r.stdout).toMatch(/^ {2}1 +environment or I\/O error/m);
      expect(r.stdout).toMatch(/^ {2}2 +usage or schema error/m);
      expect(r.stdout).toMatch(/^ {2}130 +interrupted by SIGINT \(Ctrl-C\); 143 by SIGTERM/m);
    }
    const dir = tempDir();
    const bad = join(dir, 'bad.sql');
    writeFileSync(bad, 'CREATE TABLE t (id int NUL);\n');
    expect((await runCliInProcess(['generate', bad])).status).toBe(2);
    expect(
      (await runCliInProcess(['generate', 'examples/shop.sql', '-r', '1', '-f', join(dir, 'no', 'x.sql')]))
        .status,
    ).toBe(1);
  });

  it('a schema with no tables (empty, only comments, only a type) warns instead of exiting silently', async () => {
    const dir = tempDir();
    for (const [name, text] of [
      ['empty.sql', ''],
      ['comments.sql', '-- nothing here yet\n/* really */\n'],
      ['types.sql', "CREATE TYPE mood AS ENUM ('ok');\n"],
    ] as const) {
      const schema = join(dir, name);
      writeFileSync(schema, text);
      for (const command of ['generate', 'plan']) {
        const r = await runCliInProcess([
          command,
          schema,
          ...(command === 'generate' ? ['-f', join(dir, 'out.sql')] : []),
        ]);
        expect(r.status).toBe(0);
        expect(r.stderr).toBe(
          `datagen: warning: ${schema}: no tables (CREATE TABLE) found, so there are no rows to generate; is it the right file?\n`,
        );
      }
    }
  });

  it('warnings are printed before the error when the run fails after planning', async () => {
    const dir = tempDir();
    const schema = join(dir, 'warned.sql');
    writeFileSync(schema, '\\connect other\nCREATE TABLE t (id int PRIMARY KEY);\n');
    const full = join(dir, 'full');
    execFileSync('mknod', [full, 'c', '1', '7']);
    const r = await runCliInProcess(['generate', schema, '-r', '10', '-f', full]);
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^datagen: warning: psql \\connect at .*warned\.sql:1:1: .*the database switch was dropped$/,
    );
    expect(lines[1]).toMatch(/^datagen: error: cannot write .*full: the disk is full/);
  });

  it('a file in a directory that takes no new files (/proc) is said as such, not as a missing directory', async () => {
    const r = await runCliInProcess([
      'generate',
      'examples/shop.sql',
      '-r',
      '3',
      '-f',
      '/proc/datagen-test.sql',
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot write \/proc\/datagen-test\.sql: its directory takes no new files/);
    const missing = await runCliInProcess([
      'generate',
      'examples/shop.sql',
      '-r',
      '3',
      '-f',
      join(tempDir(), 'no', 'x.sql'),
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/the directory does not exist/);
  });
});

describe('a huge run on a terminal', () => {
  beforeAll(assertBuilt);

  /** Run `datagen args` under a pseudo-terminal (util-linux script); resolves with its pid and the session. */
  function onTerminal(dir: string, args: string[]) {
    const runner = join(dir, 'run.sh');
    writeFileSync(
      runner,
      `echo $$ > "${dir}/pid"\nexec "$NODE" "$CLI" ${args.map((a) => `'${a}'`).join(' ')}\n`,
    );
    const env = cliEnv({ NODE: process.execPath, CLI: cli, COLUMNS: '200' });
    delete env.CI;
    const session = spawn('script', ['-q', '-e', '-c', `sh ${runner}`, join(dir, 'typescript')], {
      env,
      stdio: 'pipe',
    });
    let screen = '';
    session.stdout?.setEncoding('utf8');
    session.stdout?.on('data', (text: string) => {
      screen += text;
    });
    return { session, screen: () => screen, pid: () => Number(readFileSync(join(dir, 'pid'), 'utf8')) };
  }

  it('--rows 1000000000000: the size is announced, progress shows, Ctrl-C exits 130 and cleans up', async () => {
    const dir = tempDir();
    const schema = join(dir, 'one.sql');
    writeFileSync(schema, 'CREATE TABLE t (id bigint PRIMARY KEY, note text);\n');
    const out = join(dir, 'out.sql');
    const run = onTerminal(dir, ['generate', schema, '-r', '1000000000000', '-f', out]);
    const done = exited(run.session);
    await waitUntil(
      () => run.screen().includes('rows/s') && temporaries(dir).length > 0,
      'progress is shown and the output is being written',
    );
    process.kill(run.pid(), 'SIGINT');
    const result = await done;
    expect(result.status).toBe(130);
    expect(run.screen()).toMatch(
      /datagen: 1,000,000,000,000 rows, about [\d.]+ TB of data \(before compression\)/,
    );
    expect(run.screen()).toMatch(/public\.t: [\d,]+\/1,000,000,000,000 rows/);
    expect(existsSync(out)).toBe(false);
    expect(temporaries(dir)).toEqual([]);
  });

  it('in a pipe (not a terminal) there is no notice and no progress', async () => {
    const dir = tempDir();
    const schema = join(dir, 'one.sql');
    writeFileSync(schema, 'CREATE TABLE t (id bigint PRIMARY KEY, note text);\n');
    const child = spawnCli(['generate', schema, '-r', '1000000000000', '-f', join(dir, 'out.sql')], {
      env: { ...cliEnv(), CI: '' },
    });
    const done = exited(child);
    await waitUntil(() => temporaries(dir).length > 0, 'the run has started writing');
    child.kill('SIGTERM');
    const result = await done;
    expect(result.status).toBe(143);
    // The one line a signal gets (what was removed), and no size notice or progress.
    expect(result.stderr).toMatch(
      /^datagen: interrupted; \S+out\.sql left as it was \(its temporary \S+ removed\)\n$/,
    );
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('identifiers with line breaks and odd bytes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase('idents');
  });
  afterAll(async () => db.close());

  it('are kept byte for byte in the plain script, which psql loads', async () => {
    const table = 'we\nird';
    // 'new\n\\line' puts a backslash at the start of a line: inside quotes it is not a psql meta-command.
    const columns = [
      'col\n  x',
      'tab\there',
      'quote"d',
      'back\\slash',
      'new\n\\line',
      'cr\r\nlf',
      'émoji 🐘',
    ];
    const index = 'ix\n  z';
    const first = columns[0] ?? '';
    const dir = tempDir();
    const schema = join(dir, 'odd.sql');
    const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
    writeFileSync(
      schema,
      `CREATE TABLE ${q(table)} (\n  id int PRIMARY KEY,\n${columns.map((c) => `  ${q(c)} text CHECK (${q(c)} <> 'a\n  b')`).join(',\n')}\n);\n` +
        `CREATE INDEX ${q(index)} ON ${q(table)} (${q(first)});\n`,
    );
    const out = join(dir, 'odd.sql.out');
    const r = await runCliInProcess(['generate', schema, '-r', '25', '-f', out]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    db.psqlFile(out);
    const tables = await db.query<{ relname: string }>(
      "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'",
    );
    expect(tables.map((t) => t.relname)).toEqual([table]);
    const attributes = await db.query<{ attname: string }>(
      'SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 ORDER BY attnum',
      [q(table)],
    );
    expect(attributes.map((a) => a.attname)).toEqual(['id', ...columns]);
    const indexes = await db.query<{ indexname: string }>(
      'SELECT indexname FROM pg_indexes WHERE tablename = $1 ORDER BY indexname',
      [table],
    );
    expect(indexes.map((i) => i.indexname).sort()).toEqual([index, `${table}_pkey`].sort());
    const checks = await db.query<{ def: string }>(
      "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE contype = 'c' AND conrelid = $1::regclass",
      [q(table)],
    );
    expect(checks).toHaveLength(columns.length);
    for (const c of checks) expect(c.def).toContain("'a\n  b'");
    expect(await db.query(`SELECT count(*)::int AS n FROM ${q(table)}`)).toEqual([{ n: 25 }]);
  });
});

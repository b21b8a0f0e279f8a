/**
 * hostile26: the CLI run by a careless or hostile user. A date or time of
 * the right shape whose fields PostgreSQL refuses (`'2020-02-30'`, month 13,
 * `25:00`, `24:00:01`, an offset of `+16`) passed as a DDL constant (a
 * DEFAULT, a CHECK's comparison) and as a configured `values` entry: exit 0,
 * and the output stopped loading at that CREATE TABLE or COPY row.
 * `--resume` after a stopped run, given another seed, row count, chunk size
 * or compression than the run had, removed the stopped run's complete files
 * without a word and started over (hours of chunks lost to a typo); it now
 * refuses, saying what differs, and keeps them. `--json` was generate's
 * alone, and only for failures inside the run: a bad option value, a
 * missing schema file or a plan refused printed no JSON (`plan --json`,
 * `generate --json -r abc`); `verify --json` took `--json` for a second
 * directory, `init --json` printed no JSON, `templates --help` was an error,
 * and merge-manifests spoke Node's parseArgs ("To specify a positional
 * argument starting with a '-', place it at the end ...").
 * A schema file or manifest the user may not read was told in Node's words
 * (`EACCES: permission denied, open '...'`), a chunk file verify may not
 * read was "missing", and a manifest whose table row count was edited
 * passed verify. Two tables whose names differ only after byte 63 were
 * told "remove one (or write CREATE TABLE IF NOT EXISTS)", not that
 * PostgreSQL had cut both names to the same 63 bytes.
 * The refusals run in-process (their message and status are the subject).
 */
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import {
  cli,
  cliEnv,
  exited,
  ownDirUnder,
  runProcess,
  spawnCli,
  temporaries,
  waitUntil,
} from '../helpers/cli-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hostile26');
const dir = tempDir('hostile26-');

const ownDir = (name: string) => ownDirUnder(dir, name);
/** A refusal run in-process: its message and status are the subject, not the process. */
const refused = (args: readonly string[], where: string) => refusedInProcess(args, where);

describe('hostile26: dates and times of the right shape that PostgreSQL refuses', () => {
  it('a DDL constant: the server refuses the statement, and datagen exits 2 at its place (it wrote output, exit 0)', async () => {
    const own = ownDir('ddl-dates');
    const shapes: readonly (readonly [string, string, string])[] = [
      ["d date DEFAULT '2020-02-30'", 'date/time field value out of range', '2020-02-30'],
      ["d date DEFAULT '2021-02-29'", 'date/time field value out of range', '2021-02-29'],
      ["d date CHECK (d > '2020-13-01')", 'date/time field value out of range', '2020-13-01'],
      ["d time DEFAULT '25:00'", 'date/time field value out of range', '25:00'],
      ["d time DEFAULT '23:59:60.5'", 'date/time field value out of range', '23:59:60.5'],
      ["d timestamp CHECK (d < '2020-01-01 24:00:01')", 'date/time field value out of range', '24:00:01'],
      ["d timestamptz DEFAULT '2020-01-01 12:00+16'", 'time zone displacement out of range', '12:00+16'],
    ];
    for (const [column, server, text] of shapes) {
      const ddl = `CREATE TABLE t (id int PRIMARY KEY,\n  ${column});\n`;
      await expectServerRefuses(db, ddl, server);
      const file = join(own, 'd.sql');
      writeFileSync(file, ddl);
      const stderr = await refused(['generate', file, '-r', '2', '-f', join(own, 'out.sql')], own);
      expect(stderr).toMatch(
        new RegExp(`${file}:2:\\d+: .*public\\.t.*: ${server}: ".*${text.replace(/[.+]/g, '\\$&')}"`),
      );
    }
  });

  it('the same fields at their limits still generate and load (leap day, 24:00:00, 23:59:60, +15:59)', async () => {
    const own = ownDir('ddl-dates-taken');
    const ddl = `CREATE TABLE t (id int PRIMARY KEY,
  a date DEFAULT '2020-02-29', b time DEFAULT '24:00:00', c time DEFAULT '23:59:60',
  e timestamptz DEFAULT '2000-02-29 23:59:59.9999999+15:59', f date CHECK (f > '1900-02-28'));
`;
    const file = join(own, 'ok.sql');
    writeFileSync(file, ddl);
    const out = join(own, 'ok.out.sql');
    const r = await runCliInProcess(['generate', file, '-r', '3', '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    const target = await db.createSibling();
    await target.psqlFileAsync(out);
    expect(await target.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 3 }]);
  });

  it('a configured value: an error at its place in the file (it wrote COPY rows the server refuses, exit 0)', async () => {
    const own = ownDir('config-dates');
    const file = join(own, 's.sql');
    writeFileSync(file, 'CREATE TABLE c (id int PRIMARY KEY, d date, t time, ts timestamp);\n');
    const config = join(own, 'cfg.yaml');
    for (const [column, value] of [
      ['d', '2020-02-30'],
      ['d', '2020-13-01'],
      ['d', '2020-02-29 25:00'],
      ['t', '24:00:01'],
      ['ts', '2019-02-29 10:00'],
    ] as const) {
      writeFileSync(config, `tables:\n  c: { columns: { ${column}: { values: ['${value}'] } } }\n`);
      const stderr = await refused(
        ['generate', file, '-r', '3', '--config', config, '-f', join(own, 'o.sql')],
        own,
      );
      expect(stderr).toMatch(
        new RegExp(
          `cfg.yaml:2:\\d+: public\\.c\\.${column}: value "${value}" is not a .* PostgreSQL reads \\(date/time field value out of range\\)`,
        ),
      );
    }
  });
});

describe('hostile26: --resume with other settings than the stopped run had', () => {
  it('refuses, saying what differs, and keeps the complete files; the same command then resumes', async () => {
    const parent = ownDir('resume-other');
    const schema = join(parent, 's.sql');
    writeFileSync(schema, 'CREATE TABLE a (id serial PRIMARY KEY, name text NOT NULL);\n');
    const target = join(parent, 'out');
    const args = [
      'generate',
      schema,
      '-r',
      '300000',
      '-F',
      'csv',
      '--chunk-size',
      '100KB',
      '-j',
      '1',
      '-f',
      target,
    ];
    // 300,000 rows, about 60 chunks: stopped after three, the resumed run writes the rest (1,000,000 rows
    // before: 7 s of the file's 10 for the same checks).
    const child = spawnCli(args);
    const done = exited(child);
    const recorded = () => {
      const [tmp] = temporaries(parent);
      if (tmp === undefined) return 0;
      try {
        return readFileSync(join(parent, tmp, '.datagen-progress.jsonl'), 'utf8').split('\n').length - 2;
      } catch {
        return 0;
      }
    };
    await waitUntil(() => recorded() >= 3, 'three chunks are complete', 120_000);
    child.kill('SIGTERM');
    expect((await done).status).toBe(143);
    const [tmp] = temporaries(parent);
    const kept = readdirSync(join(parent, tmp!)).sort();
    for (const [extra, differs] of [
      [['--seed', '7'], '--seed 42 (now 7)'],
      [['--rows', 'a=150000'], 'rows of public.a 300000 (now 150000)'],
      [['--chunk-size', '200KB'], '--chunk-size (bytes) 100000 (now 200000)'],
      [['-Z', 'gzip'], '-Z unset (now {"method":"gzip","level":6})'],
    ] as const) {
      // An option given twice is refused (session 30): the other chunk size replaces the first.
      const other =
        extra[0] === '--chunk-size' ? args.map((a) => (a === '100KB' ? extra[1] : a)) : [...args, ...extra];
      const r = await runCliInProcess([...other, '--resume']);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim()).toMatch(
        new RegExp(
          `^datagen: error: --resume: the stopped run kept in ${join(parent, tmp!).replaceAll('.', '\\.')} \\(\\d+ complete files\\) was made with other settings: `,
        ),
      );
      expect(r.stderr).toContain(
        `other settings: ${differs}; run the command it was made with to continue it, or leave out --resume to start over (that removes it)`,
      );
      // Nothing taken, nothing removed (it was: the run started over, the kept chunks gone).
      expect(readdirSync(join(parent, tmp!)).sort()).toEqual(kept);
    }
    const resumed = await runCliInProcess([...args, '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(temporaries(parent)).toEqual([]);
    const verified = await runCliInProcess(['verify', target]);
    expect(verified.status, verified.stderr).toBe(0);
    // A completed run with other settings: the refusal names them too.
    const again = await runCliInProcess([...args, '--seed', '9', '--resume']);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain(
      'the directory is not empty (its manifest.json says a run with other settings completed there: --seed 42 (now 9); --resume continues only the same command)',
    );
  });
});

describe('hostile26: --json on every command, one JSON document on stdout, failures too', () => {
  /** stdout as exactly one JSON document (a line), parsed. */
  function onlyJson(stdout: string): Record<string, unknown> {
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines, stdout).toHaveLength(1);
    return JSON.parse(lines[0]!) as Record<string, unknown>;
  }

  it.concurrent('failures at every stage: an option value, a missing file, the plan, verify, init', async () => {
    const own = ownDir('json-failures');
    const schema = join(own, 's.sql');
    writeFileSync(schema, 'CREATE TABLE a (id int PRIMARY KEY);\n');
    const cases: readonly (readonly [readonly string[], string, string])[] = [
      [
        ['generate', schema, '--json', '-r', 'abc', '-f', join(own, 'o.sql')],
        'BAD_OPTION',
        '--rows expects a whole number from 0 to 4503599627370496, got "abc"',
      ],
      [
        ['plan', schema, '--json', '-r', 'abc'],
        'BAD_OPTION',
        '--rows expects a whole number from 0 to 4503599627370496, got "abc"',
      ],
      [
        ['plan', schema, '--json', '--rows', 'zz=1'],
        'UNKNOWN_TABLE',
        '--rows zz=1: no table "zz" in the schema',
      ],
      [['plan', join(own, 'none.sql'), '--json'], 'IO', 'no such file'],
      [['init', join(own, 'none.sql'), '--json', '-f', join(own, 'c.yaml')], 'IO', 'no such file'],
      [['verify', own, '--json'], 'IO', 'manifest.json: no manifest'],
      [['templates', '--json', 'x'], 'BAD_OPTION', 'datagen templates takes only --json (got "x")'],
      [['merge-manifests', own, '--json'], 'IO', 'manifest.json: no manifest'],
    ];
    for (const [args, code, message] of cases) {
      const r = await runCliInProcess(args);
      expect(r.status, r.stderr).toBe(2);
      const { error } = onlyJson(r.stdout) as {
        error: { code: string; message: string; exitStatus: number };
      };
      expect(error.code, args.join(' ')).toBe(code);
      expect(error.message).toContain(message);
      // The usage hint is for people: not in the JSON. The failure is told once, there (session 30).
      expect(error.message).not.toContain('for the options');
      expect(error.exitStatus).toBe(2);
      expect(r.stderr).toBe('');
    }
    // The data on stdout: the failure goes to stderr, stdout stays empty.
    const piped = await runCliInProcess(['generate', schema, '--json', '-r', 'abc']);
    expect(piped.stdout).toBe('');
    expect(JSON.parse(piped.stderr).error.code).toBe('BAD_OPTION');
  });

  it.concurrent('results: verify, init, templates; help and options of templates, verify, merge-manifests', async () => {
    const own = ownDir('json-results');
    const schema = join(own, 's.sql');
    writeFileSync(schema, 'CREATE TABLE a (id int PRIMARY KEY, n text);\n');
    const out = join(own, 'csv');
    expect((await runCliInProcess(['generate', schema, '-r', '5', '-F', 'csv', '-f', out])).status).toBe(0);
    const ok = await runCliInProcess(['verify', out, '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(onlyJson(ok.stdout)).toMatchObject({ directory: out, files: 1, findings: [], ok: true });
    writeFileSync(join(out, 'public.a.csv'), 'cut');
    const bad = await runCliInProcess(['verify', '--json', out]);
    expect(bad.status).toBe(1);
    expect(onlyJson(bad.stdout)).toMatchObject({
      ok: false,
      findings: [{ file: 'public.a.csv', kind: 'size' }],
    });

    const config = join(own, 'c.yaml');
    const init = await runCliInProcess(['init', schema, '--json', '-f', config]);
    expect(init.status, init.stderr).toBe(0);
    expect(onlyJson(init.stdout)).toEqual({ file: config, tables: 1, warnings: [] });
    expect(init.stderr).toBe('');

    const templates = await runCliInProcess(['templates', '--json']);
    expect(templates.status).toBe(0);
    const list = JSON.parse(templates.stdout) as { name: string; rows: Record<string, number> }[];
    expect(list.map((t) => t.name)).toContain('tpch');
    for (const help of [
      ['templates', '--help'],
      ['templates', '-h'],
      ['verify', '--help'],
    ]) {
      const r = await runCliInProcess(help);
      expect(r.status, help.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^Usage: datagen /);
    }
    expect((await refused(['verify', '--bogus', out], own)).split('\n')[0]).toBe(
      'datagen: error: datagen verify: unknown option --bogus (it takes DIR and --json)',
    );
    expect((await refused(['merge-manifests', out, '-x'], own)).split('\n')[0]).toBe(
      "datagen: error: unknown option -x (datagen merge-manifests takes the shards' directories, -f FILE and --json)",
    );
    expect((await refused(['merge-manifests', out, '-f'], own)).split('\n')[0]).toBe(
      'datagen: error: -f/--file needs a value: the file to write the merged manifest to',
    );
  });
});

describe('hostile26: files the user may not read, and an edited manifest', () => {
  /** `datagen args` as the unprivileged user nobody (the tests run as root, who reads everything). */
  const asNobody = (args: readonly string[]) =>
    runProcess('su', ['nobody', '-s', '/bin/sh', '-c', '"$0" "$@"', '--', process.execPath, cli, ...args], {
      env: cliEnv(),
    });

  it.concurrent('a schema file, a manifest and a chunk file: what, where and what to do, in datagen words', async ({
    onTestFinished,
  }) => {
    // Outside the run's directory (mode 0700, which nobody cannot enter); removed at the end.
    const own = mkdtempSync(join(tmpdir(), 'datagen-hostile26-'));
    onTestFinished(() => rmSync(own, { recursive: true, force: true }));
    chmodSync(own, 0o755);
    const schema = join(own, 's.sql');
    writeFileSync(schema, 'CREATE TABLE a (id int PRIMARY KEY, n text);\n');
    const out = join(own, 'csv');
    expect((await runCliInProcess(['generate', schema, '-r', '5', '-F', 'csv', '-f', out])).status).toBe(0);
    const closed = join(own, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    cpSync(schema, join(closed, 's.sql'));
    cpSync(out, join(closed, 'csv'), { recursive: true });

    // Permission denied is the machine's refusal: exit 1 (hostile32), as a chunk file verify may not read is.
    const read = await asNobody(['generate', join(closed, 's.sql'), '-r', '2', '-f', '-']);
    expect(read.status, read.stderr).toBe(1);
    expect(read.stderr.trim()).toBe(
      `datagen: error: cannot read schema file ${join(closed, 's.sql')}: permission denied (the file, or a directory above it); run as a user who can read it, or copy it where you can`,
    );
    const manifest = await asNobody(['verify', join(closed, 'csv')]);
    expect(manifest.status).toBe(1);
    expect(manifest.stderr.trim()).toBe(
      `datagen: error: ${join(closed, 'csv', 'manifest.json')}: cannot be read (permission denied: run as a user who can read the directory and its files)`,
    );
    // The directory readable, one chunk not: "cannot be read", not "missing".
    chmodSync(out, 0o755);
    for (const name of readdirSync(out)) chmodSync(join(out, name), 0o644);
    chmodSync(join(out, 'public.a.csv'), 0o600);
    const chunk = await asNobody(['verify', out, '--json']);
    expect(chunk.status).toBe(1);
    expect(chunk.stderr.trim()).toBe(
      `datagen: error: ${out}/public.a.csv: cannot be read (permission denied: run as a user who can read it)`,
    );
    expect(JSON.parse(chunk.stdout)).toMatchObject({
      ok: false,
      findings: [{ file: 'public.a.csv', kind: 'unreadable' }],
    });
  });

  it.concurrent("a manifest whose table's row count was edited is refused (it passed: only the files were checked)", async () => {
    const own = ownDir('edited-rows');
    const schema = join(own, 's.sql');
    writeFileSync(schema, 'CREATE TABLE a (id int PRIMARY KEY, n text);\n');
    const out = join(own, 'csv');
    expect((await runCliInProcess(['generate', schema, '-r', '5', '-F', 'csv', '-f', out])).status).toBe(0);
    const path = join(out, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as { tables: { rows: number }[] };
    manifest.tables[0]!.rows = 6;
    writeFileSync(path, JSON.stringify(manifest));
    const r = await runCliInProcess(['verify', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      `datagen: error: ${path}: not a datagen manifest (tables[0] says 6 rows, and its files' rows add up to 5); it was changed or is from another tool`,
    );
  });
});

describe('hostile26: names that differ only after the 63 bytes PostgreSQL keeps', () => {
  it('the server takes them for one table, and datagen says the names were cut (it said to remove one)', async () => {
    const own = ownDir('long-names');
    for (const [stem, kept] of [
      ['a'.repeat(63), 'a'.repeat(63)],
      // A character cut whole: 62 bytes kept, as the server does.
      [`${'a'.repeat(62)}é`, 'a'.repeat(62)],
    ] as const) {
      const ddl = `CREATE TABLE ${stem}x (id int);\nCREATE TABLE ${stem}y (id int);\n`;
      await expectServerRefuses(db, ddl, `relation "${kept}" already exists`);
      const file = join(own, 'long.sql');
      writeFileSync(file, ddl);
      const stderr = await refused(['generate', file, '-r', '1', '-f', join(own, 'o.sql')], own);
      expect(stderr).toContain(
        `${file}:2:1: CREATE TABLE public.${kept}: the table is already defined at ${file}:1:1, and PostgreSQL rejects a second definition; the name written here is longer than the 63 bytes PostgreSQL keeps of a name; make the two names differ within their first 63 bytes`,
      );
    }
  });
});

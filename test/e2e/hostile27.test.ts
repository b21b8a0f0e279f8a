/**
 * hostile27: the CLI run by a careless or hostile user. `datagen verify`
 * trusted the manifest's row counts: rows, sizes and SHA-256 edited together
 * (or a chunk copied over another with its entry updated) passed; the rows
 * are now counted from the files (CSV records, JSON Lines lines, a Parquet
 * footer's num_rows, through gzip and zstd). `-d URL --resume` with DDL
 * files into an empty database said "give the DDL files" to a user who had;
 * it now says --resume creates nothing, and what to do. `datagen init` took
 * every generate option (`-F c`, `-t`, `--config`, `--rows t=5`) and
 * ignored it without a word; it now refuses them (exit 2).
 */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import { ownDirUnder, runCliAsync } from '../helpers/cli-process.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hostile27');
const dir = tempDir('hostile27-');
const ownDir = (name: string) => ownDirUnder(dir, name);

const SCHEMA = `CREATE TABLE p (id int PRIMARY KEY, name text NOT NULL, note text);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), body text);
`;

interface ManifestFile {
  name: string;
  rows: number;
  bytes: number;
  sha256: string;
}
interface Manifest {
  tables: { name: string; rows: number; files: ManifestFile[] }[];
}

const readManifest = (out: string) =>
  JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
const writeManifest = (out: string, m: Manifest) =>
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(m));

describe('hostile27: verify counts the rows in the files', () => {
  const formats: readonly (readonly string[])[] = [
    ['-F', 'csv', '-Z', 'zstd', '--chunk-size', '16kB'],
    ['-F', 'csv'],
    ['-F', 'jsonl', '-Z', 'gzip', '--chunk-size', '16kB'],
    ['-F', 'parquet', '--chunk-size', '16kB'],
  ];
  for (const format of formats) {
    it(`${format.join(' ')}: a manifest whose rows were edited with the table's total is refused, naming the file and both counts`, async () => {
      const own = ownDir(`rows${format.join('')}`);
      const schema = join(own, 's.sql');
      writeFileSync(schema, SCHEMA);
      const out = join(own, 'out');
      const made = await runCliInProcess(['generate', schema, '-r', '600', ...format, '-f', out, '-q']);
      expect(made.status, made.stderr).toBe(0);
      expect((await runCliInProcess(['verify', out])).status).toBe(0);
      const manifest = readManifest(out);
      const table = manifest.tables.find((t) => t.name === 'c');
      const file = table?.files[0];
      if (table === undefined || file === undefined) throw new Error('no file of c in the manifest');
      file.rows += 5;
      table.rows += 5;
      writeManifest(out, manifest);
      const r = await runCliInProcess(['verify', out]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toContain(`${file.name}: holds ${file.rows - 5} rows, the manifest says ${file.rows}`);
    });
  }

  it('a shorter chunk copied over the first with its entry updated (bytes, SHA-256) is refused', async () => {
    const own = ownDir('swap');
    const schema = join(own, 's.sql');
    writeFileSync(schema, SCHEMA);
    const out = join(own, 'out');
    const made = await runCliInProcess([
      'generate',
      schema,
      '-r',
      '500',
      '-F',
      'csv',
      '--chunk-size',
      '8kB',
      '-f',
      out,
    ]);
    expect(made.status, made.stderr).toBe(0);
    const manifest = readManifest(out);
    const files = manifest.tables.find((t) => t.name === 'c')?.files ?? [];
    const [first, last] = [files[0], files[files.length - 1]];
    if (first === undefined || last === undefined || first === last) throw new Error('c has one chunk');
    expect(last.rows).toBeLessThan(first.rows);
    copyFileSync(join(out, last.name), join(out, first.name));
    Object.assign(first, { bytes: last.bytes, sha256: last.sha256 });
    writeManifest(out, manifest);
    const r = await runCliInProcess(['verify', out, '--json']);
    expect(r.status, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout) as { ok: boolean; findings: { file: string; kind: string }[] };
    expect(result.ok).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ file: first.name, kind: 'rows' })]);
  });

  it("a CSV field's quoted line ends are inside its record, and a file that is not the format is told, not crashed on", async () => {
    const own = ownDir('quoted');
    const csv = 'id,body\n1,"two\nlines"\n2,"a ""quoted""\n, with\r\n ends"\n3,\n';
    writeFileSync(join(own, 'public.t.csv'), csv);
    writeFileSync(join(own, 'public.u.parquet'), 'not parquet at all');
    writeFileSync(join(own, 'public.v.jsonl.zst'), Buffer.from('28b52ffd00', 'hex'));
    const { createHash } = await import('node:crypto');
    const entry = (name: string, rows: number) => {
      const bytes = readFileSync(join(own, name));
      return { name, rows, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    };
    const manifest = (files: ManifestFile[]) => ({
      tables: files.map((f) => ({ schema: 'public', name: f.name.split('.')[1], rows: f.rows, files: [f] })),
    });
    writeFileSync(join(own, 'manifest.json'), JSON.stringify(manifest([entry('public.t.csv', 3)])));
    const ok = await runCliInProcess(['verify', own]);
    expect(ok.stderr).toContain('public.u.parquet: not in the manifest');
    expect(ok.status, ok.stderr).toBe(0);
    writeFileSync(
      join(own, 'manifest.json'),
      JSON.stringify(
        manifest([entry('public.t.csv', 4), entry('public.u.parquet', 1), entry('public.v.jsonl.zst', 1)]),
      ),
    );
    const r = await runCliInProcess(['verify', own]);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError/);
    expect(r.stderr).toContain('public.t.csv: holds 3 rows, the manifest says 4');
    expect(r.stderr).toContain('public.u.parquet: its rows cannot be counted (not a Parquet file');
    expect(r.stderr).toContain('public.v.jsonl.zst: its rows cannot be counted');
  });
});

describe('hostile27: -d --resume with DDL files into a database without the tables', () => {
  it('says --resume creates nothing and what to do (it told the user to give the DDL files they gave)', async () => {
    const own = ownDir('resume-ddl');
    const schema = join(own, 's.sql');
    writeFileSync(schema, SCHEMA);
    const target = await db.createSibling();
    const r = await runCliAsync(['generate', schema, '-r', '10', '-d', target.connectionString, '--resume'], {
      cwd: own,
    });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /has no table public\.p, public\.c: --resume loads table by table into tables the database has and does not create them: create the schema first \(psql -d DB -f schema\.sql\)/,
    );
    expect(existsSync(join(own, 'datagen-load-state.json'))).toBe(false);
    expect(
      await target.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'"),
    ).toEqual([{ n: 0 }]);
    // What it says to do works: the schema made with psql, the same command loads.
    await target.psqlFileAsync(schema);
    const again = await runCliAsync(
      ['generate', schema, '-r', '10', '-d', target.connectionString, '--resume'],
      {
        cwd: own,
      },
    );
    expect(again.status, again.stderr).toBe(0);
    expect(await target.query('SELECT count(*)::int AS n FROM c')).toEqual([{ n: 10 }]);
  });
});

describe('hostile27: init refuses the generate options it would ignore', () => {
  it('-F c, -Z, -t, -v, --config, --rows TABLE=N: exit 2 naming them, no file written', async () => {
    const own = ownDir('init');
    const schema = join(own, 's.sql');
    writeFileSync(schema, SCHEMA);
    const out = join(own, 'starter.yaml');
    for (const [args, named] of [
      [['-F', 'c'], '-F'],
      [['-Z', '9', '-t', 'p'], '-Z, -t'],
      [['--format=csv', '-v'], '--format, -v'],
      [['--config', join(own, 'x.yaml')], '--config'],
    ] as const) {
      const stderr = await refusedInProcess(['init', schema, '-f', out, ...args], own);
      expect(stderr).toContain(`init writes a starter configuration, not data: it does not use ${named}.`);
      expect(stderr).toContain('datagen init --help');
    }
    const rows = await refusedInProcess(['init', schema, '-f', out, '--rows', 'p=5'], own);
    expect(rows).toContain('init takes one row count for every table (--rows N), not --rows p=5');
    expect(existsSync(out)).toBe(false);
    // What init reads still works, and an unknown option is still told as one.
    expect(await refusedInProcess(['init', schema, '--bogus'], own)).toContain('unknown option --bogus');
    const ok = await runCliInProcess(['init', schema, '-f', out, '-r', '7', '--seed', '3', '-q']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^rows: 7$/m);
    expect(readdirSync(own).sort()).toEqual(['s.sql', 'starter.yaml']);
  });
});

describe('hostile27: date and timestamp config values PostgreSQL reads', () => {
  const ddl = 'CREATE TABLE e (id int PRIMARY KEY, d date, ts timestamp, tz timestamptz);\n';
  const values = (list: readonly string[]) => `[${list.map((v) => `'${v}'`).join(', ')}]`;

  it('infinity, -infinity, epoch, 20200101 and years past 9999 are taken, written as PostgreSQL writes them, and load', async () => {
    const own = ownDir('time-values');
    const schema = join(own, 's.sql');
    writeFileSync(schema, ddl);
    const config = join(own, 'cfg.yaml');
    writeFileSync(
      config,
      `tables:\n  e:\n    columns:\n      d: { values: ${values(['infinity', '-INFINITY', '20200101', '12000-01-01', 'epoch'])} }\n` +
        `      ts: { values: ${values(['+infinity', '20200101 10:30', 'Epoch'])} }\n` +
        `      tz: { values: ${values(['-infinity', '20200101 10:30Z', '12000-06-30 01:02:03+05:30'])} }\n`,
    );
    const script = join(own, 'o.sql');
    const csv = join(own, 'csv');
    for (const args of [
      ['-f', script],
      ['-F', 'csv', '-f', csv],
    ]) {
      const r = await runCliInProcess(['generate', schema, '-r', '60', '--config', config, ...args]);
      expect(r.status, r.stderr).toBe(0);
    }
    const fields = readFileSync(join(csv, 'public.e.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(new Set(fields.map((f) => f[1]).filter((v) => v !== ''))).toEqual(
      new Set(['infinity', '-infinity', '2020-01-01', '12000-01-01', '1970-01-01']),
    );
    expect(new Set(fields.map((f) => f[2]).filter((v) => v !== ''))).toEqual(
      new Set(['infinity', '2020-01-01 10:30:00', '1970-01-01 00:00:00']),
    );
    expect(new Set(fields.map((f) => f[3]).filter((v) => v !== ''))).toEqual(
      new Set(['-infinity', '2020-01-01 10:30:00+00', '12000-06-30 01:02:03+05:30']),
    );
    const target = await db.createSibling();
    await target.psqlFileAsync(script);
    const rows = await target.query(
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE d = 'infinity')::int AS inf, count(DISTINCT d)::int AS days, max(d) FILTER (WHERE d <> 'infinity')::text AS latest FROM e",
    );
    expect(rows).toEqual([{ n: 60, inf: expect.any(Number), days: 5, latest: '12000-01-01' }]);
  });

  it('min -infinity / max infinity bound nothing (the same bytes as none); the rest is refused at its place', async () => {
    const own = ownDir('time-bounds');
    const schema = join(own, 's.sql');
    writeFileSync(schema, ddl);
    const config = join(own, 'cfg.yaml');
    const plain = await runCliInProcess(['generate', schema, '-r', '20', '-f', '-']);
    writeFileSync(config, "tables:\n  e:\n    columns:\n      d: { min: '-infinity', max: 'infinity' }\n");
    const open = await runCliInProcess(['generate', schema, '-r', '20', '--config', config, '-f', '-']);
    expect(open.status, open.stderr).toBe(0);
    expect(open.stdout).toBe(plain.stdout);
    writeFileSync(config, 'tables:\n  e:\n    columns:\n      d: { min: 20200101, max: 20201231 }\n');
    const compact = await runCliInProcess([
      'generate',
      schema,
      '-r',
      '20',
      '--config',
      config,
      '-F',
      'csv',
      '-f',
      join(own, 'c'),
    ]);
    expect(compact.status, compact.stderr).toBe(0);
    const days = readFileSync(join(own, 'c', 'public.e.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]);
    expect(days.every((d) => d === '' || (d !== undefined && d >= '2020-01-01' && d <= '2020-12-31'))).toBe(
      true,
    );
    for (const [setting, message] of [
      [
        "min: 'infinity'",
        "min infinity leaves the column only infinity itself: list it under values instead (values: ['infinity'])",
      ],
      ["max: '12000-01-01'", 'max 12000-01-01 is outside the years datagen generates (1 to 9999'],
      [
        "values: ['today']",
        'value "today" is what PostgreSQL reads as the time of the load, not a fixed date',
      ],
      ["values: ['99999999-01-01']", 'value "99999999-01-01" is out of the range of date'],
    ] as const) {
      writeFileSync(config, `tables:\n  e:\n    columns:\n      d:\n        ${setting}\n`);
      const stderr = await refusedInProcess(
        ['generate', schema, '-r', '5', '--config', config, '-f', join(own, 'x.sql')],
        own,
      );
      expect(stderr).toContain(`cfg.yaml:5:`);
      expect(stderr).toContain(`public.e.d: ${message}`);
    }
  });
});

/**
 * hostile32: the CLI run by a careless or hostile user. `datagen init` and
 * `merge-manifests` exited 2 when the disk was full or the file could not be
 * written for a permission, where `generate` exits 1 (and init said only
 * Node's "No space left on device"); a schema file, a configuration or a
 * manifest the user may not read exited 2 where a chunk file verify may not
 * read exits 1. Now on every command the machine's refusals (permission, a
 * full or read-only disk, an I/O error) exit 1 and what the user named wrong
 * (missing, a directory, a file there already) exits 2. `--rows t=-1` said
 * `--rows t= expects ...`; `-Z zstd:long` said "the level must be a whole
 * number" (zstd is refused in archives whatever its detail). A YAML key given
 * twice was "Map keys must be unique", a second document "please use
 * YAML.parseAllDocuments()". Ctrl-C while `--size` measured a directory
 * format left `datagen-size-XXXXXX` in TMPDIR. A load cut by a
 * statement_timeout or lock_timeout PGOPTIONS sets (a load keeps those) was
 * told as the DDL's fault ("The database needs what the DDL uses"), or with
 * no remedy at all. `--resume`'s refusal named a completed run's tables
 * unquoted (`public.../etc`). `-t ""` (an unset shell variable) read
 * `-t : no tables match this pattern`.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { parseGenerateOptions } from '../../src/cli/options.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import {
  cli,
  cliEnv,
  exited,
  ownDirUnder,
  runCliAsync,
  runProcess,
  spawnCli,
  waitUntil,
} from '../helpers/cli-process.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { usageErrorOf } from '../helpers/usage-error.js';

const db = useTestDatabase('hostile32');
const dir = tempDir('hostile32-');
const ownDir = (name: string) => ownDirUnder(dir, name);

const SCHEMA = `CREATE TABLE p (id int PRIMARY KEY, name text NOT NULL, note text);
CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), body text);
`;

/** A directory holding `s.sql` (SCHEMA unless given), and the schema's path; both readable by every user. */
function schemaIn(name: string, ddl = SCHEMA): { own: string; schema: string } {
  const own = ownDir(name);
  chmodSync(own, 0o755);
  const schema = join(own, 's.sql');
  writeFileSync(schema, ddl);
  return { own, schema };
}

/** `datagen args` as the unprivileged user nobody (the tests run as root, who reads and writes everything). */
const asNobody = (args: readonly string[]) =>
  runProcess('su', ['nobody', '-s', '/bin/sh', '-c', '"$0" "$@"', '--', process.execPath, cli, ...args], {
    env: cliEnv(),
  });

/** Shards 1/2 and 2/2 of one run in `own` (`shard1`, `shard2`), for merge-manifests. */
async function shards(schema: string, own: string): Promise<void> {
  const args = (k: number) => [
    '-F',
    'csv',
    '--chunk-size',
    '200',
    '--shard',
    `${k}/2`,
    '-f',
    join(own, `shard${k}`),
  ];
  const runs = await Promise.all(
    [1, 2].map((k) => runCliInProcess(['generate', schema, '-r', '6', ...args(k)])),
  );
  for (const r of runs) expect(r.status, r.stderr).toBe(0);
}

const usageOf = usageErrorOf;

describe('hostile32: exit statuses alike on every command', () => {
  it.concurrent('a full disk: init, merge-manifests and generate exit 1 with the same words; a file there already exits 2', async ({
    onTestFinished,
  }) => {
    const { own, schema } = schemaIn('full-disk');
    // Two shards' manifests to merge, written before the disk fills.
    await shards(schema, own);
    // A 64 KiB tmpfs of this test's own (root in a container, as the suite runs), filled: never a system device.
    const disk = join(own, 'disk');
    mkdirSync(disk);
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { encoding: 'utf8' });
    expect(mount.status, `mounting a tmpfs (the test needs root): ${mount.stderr}`).toBe(0);
    onTestFinished(() => void spawnSync('umount', [disk]));
    spawnSync('sh', ['-c', `cat /dev/zero > ${join(disk, 'fill')}`]);
    const full = 'the disk is full; free space or write elsewhere';
    // Before: exit 2, 'datagen: error: disk/init.yaml: No space left on device'.
    expect(await refusedInProcess(['init', schema, '-f', join(disk, 'i.yaml')], disk, 1)).toBe(
      `datagen: error: ${join(disk, 'i.yaml')}: ${full}\n`,
    );
    expect(
      await refusedInProcess(
        ['merge-manifests', join(own, 'shard1'), join(own, 'shard2'), '-f', join(disk, 'm.json')],
        disk,
        1,
      ),
    ).toBe(`datagen: error: --file ${join(disk, 'm.json')}: cannot be written: ${full}\n`);
    expect(
      await refusedInProcess(['generate', schema, '-r', '500', '-f', join(disk, 'o.sql')], disk, 1),
    ).toContain(full);
    expect(readdirSync(disk)).toEqual(['fill']);
    // A file there already is the user's to fix: exit 2, as before.
    writeFileSync(join(own, 'there.yaml'), 'rows: 1\n');
    expect(await refusedInProcess(['init', schema, '-f', join(own, 'there.yaml')], own)).toContain(
      'there.yaml: already exists; remove it or name another file with -f',
    );
  });

  it.concurrent('permission denied: writing (init, merge-manifests) and reading (a schema, a configuration, a manifest) exit 1', async ({
    onTestFinished,
  }) => {
    // Outside the run's directory (mode 0700, which nobody cannot enter); removed at the end.
    const own = mkdtempSync(join(tmpdir(), 'datagen-hostile32-'));
    onTestFinished(() => rmSync(own, { recursive: true, force: true }));
    chmodSync(own, 0o755);
    const schema = join(own, 's.sql');
    writeFileSync(schema, SCHEMA);
    await shards(schema, own);
    for (const k of [1, 2]) {
      chmodSync(join(own, `shard${k}`), 0o755);
      for (const name of readdirSync(join(own, `shard${k}`))) chmodSync(join(own, `shard${k}`, name), 0o644);
    }
    const closed = join(own, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    writeFileSync(join(closed, 's.sql'), SCHEMA);
    writeFileSync(join(closed, 'c.yaml'), 'rows: 3\n');
    cpSync(join(own, 'shard1'), join(closed, 'csv'), { recursive: true });
    const ro = join(own, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const cases: [string[], string][] = [
      // Before: exit 2 for each of these.
      [
        ['init', schema, '-f', join(ro, 'x.yaml')],
        `${join(ro, 'x.yaml')}: permission denied; name a writable file with -f`,
      ],
      [
        ['merge-manifests', join(own, 'shard1'), join(own, 'shard2'), '-f', join(ro, 'm.json')],
        `--file ${join(ro, 'm.json')}: cannot be written: permission denied; choose a writable path`,
      ],
      [
        ['generate', join(closed, 's.sql'), '-r', '2'],
        `cannot read schema file ${join(closed, 's.sql')}: permission denied (the file, or a directory above it); run as a user who can read it, or copy it where you can`,
      ],
      [
        ['plan', schema, '--config', join(closed, 'c.yaml')],
        `--config ${join(closed, 'c.yaml')}: permission denied (the file, or a directory above it); run as a user who can read it, or copy it where you can`,
      ],
      [
        ['verify', join(closed, 'csv')],
        `${join(closed, 'csv', 'manifest.json')}: cannot be read (permission denied`,
      ],
      [
        ['generate', schema, '-r', '2', '-f', join(ro, 'x.sql')],
        `cannot write ${join(ro, 'x.sql')}: permission denied`,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => asNobody(args)));
    results.forEach((r, i) => {
      const [args, words] = cases[i]!;
      expect(r.status, `${args[0]}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toContain(`datagen: error: ${words}`);
      expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
    });
    expect(readdirSync(ro)).toEqual([]);
    // What the user named wrong stays a usage error, exit 2: a schema file that is not there.
    expect(await refusedInProcess(['plan', join(own, 'missing.sql')], own)).toContain('no such file');
  });
});

describe('hostile32: option values read as a user reads them', () => {
  const options = (...args: string[]) => parseGenerateOptions(['schema.sql', ...args], { readConfig: false });

  it('--rows t=-1 names its table and what to write for none or the default (it said `--rows t= expects`)', () => {
    expect(usageOf(() => options('--rows', 'p=-1'))).toBe(
      '--rows p=-1: the row count of p expects a whole number from 0 to 4503599627370496, got "-1" (p=0 leaves it empty; without p= in --rows it takes the default count)',
    );
    expect(options('--rows', 'p=0').tables).toEqual({ p: 0 });
  });

  it('-Z zstd:long: an archive refuses zstd whatever its detail; table files name the detail they lack', () => {
    // Before: '--compress zstd:long: the level must be a whole number (`zstd:LEVEL` or `zstd:level=LEVEL`)'.
    for (const z of ['zstd:long', 'zstd:3', 'zstd'])
      expect(usageOf(() => options('-F', 'c', '-f', 'o.dump', '-Z', z))).toBe(
        `--compress ${z}: an archive (-F c, d, t) compressed with zstd needs archive version 1.15 (read only by pg_restore 16 and later), which datagen does not write yet; use -Z gzip[:LEVEL] or -Z none (-F csv, jsonl and parquet take -Z zstd[:LEVEL])`,
      );
    expect(usageOf(() => options('-F', 'csv', '-f', 'out', '-Z', 'zstd:long'))).toBe(
      '--compress zstd:long: for -F csv expected none, gzip, gzip:LEVEL (1-9), a level 0-9 (gzip), zstd or zstd:LEVEL (1-22); "long" is pg_dump\'s zstd long-distance mode, which datagen does not have: leave it out',
    );
    expect(usageOf(() => options('-F', 'd', '-f', 'out', '-Z', 'gzip:long'))).toBe(
      '--compress gzip:long: the level must be a whole number (`gzip:LEVEL` or `gzip:level=LEVEL`); "long" is pg_dump\'s zstd long-distance mode, which datagen does not have: leave it out',
    );
    expect(options('-F', 'csv', '-f', 'out', '-Z', 'zstd:5').fileCompression).toEqual({
      method: 'zstd',
      level: 5,
    });
  });

  it.concurrent('-t "" or -n "" (an unset shell variable) says the pattern is empty (it read `-t : no tables match`)', async () => {
    const { own, schema } = schemaIn('empty-pattern');
    expect(await refusedInProcess(['plan', schema, '-t', ''], own)).toBe(
      `datagen: error: -t "": an empty pattern (an unset shell variable?) matches no tables; give a name or a pattern such as 'public.*'\n`,
    );
    expect(await refusedInProcess(['plan', schema, '-n', ''], own)).toContain('-n "": an empty pattern');
  });

  it('a YAML key given twice, or a second document, is told in datagen words at its place', () => {
    expect(() => parseConfig('seed: 1\nseed: 2\n', 'c.yaml')).toThrow(
      /^c\.yaml:2:1: "seed" is given a second time in the same map, first at line 1; give each key once \(merge the two entries\)$/,
    );
    expect(() => parseConfig('tables: {p: {rows: 1}, "p": {rows: 2}}\n', 'c.yaml')).toThrow(
      /^c\.yaml:1:24: "p" is given a second time in the same map/,
    );
    expect(() => parseConfig('rows: 5\n---\nrows: 7\n', 'c.yaml')).toThrow(
      /^c\.yaml:2:1: a second YAML document begins here \(after a --- line\); a configuration is one document: remove the --- line and merge the settings into one map$/,
    );
    // One document that begins with --- is one document.
    expect(parseConfig('---\nrows: 5\n', 'c.yaml').rows).toBe(5);
  });
});

describe('hostile32: a signal while --size measures', () => {
  it.concurrent('SIGTERM during the measuring runs removes their scratch directory from TMPDIR and claims no kept files', async () => {
    const { own, schema } = schemaIn('size-signal');
    const tmp = join(own, 'tmp');
    mkdirSync(tmp);
    const child = spawnCli(['generate', schema, '--size', '3GB', '-F', 'csv', '-f', join(own, 'out')], {
      env: cliEnv({ TMPDIR: tmp }),
    });
    const done = exited(child);
    // Before: datagen-size-XXXXXX stayed in TMPDIR.
    await waitUntil(
      () => readdirSync(tmp).some((name) => name.startsWith('datagen-size-')),
      'a measuring run starts',
    );
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    const { status, signal, stderr } = await done;
    expect(status ?? signal).toBe(143);
    expect(readdirSync(tmp)).toEqual([]);
    expect(existsSync(join(own, 'out'))).toBe(false);
    expect(stderr).not.toContain('--resume');
    expect(stderr).not.toMatch(/\n\s+at |internal error/);
  });
});

describe('hostile32: a load cut by a time limit PGOPTIONS sets', () => {
  it.concurrent('lock_timeout while another session holds the table: the remedy names PGOPTIONS; nothing loaded (exit 1)', async () => {
    const { own, schema } = schemaIn('lock-timeout');
    await db.query('CREATE TABLE p (id int PRIMARY KEY, name text NOT NULL, note text)');
    await db.query('CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p (id), body text)');
    const holder = new pg.Client({ connectionString: db.connectionString });
    await holder.connect();
    try {
      await holder.query('BEGIN; LOCK TABLE p IN ACCESS EXCLUSIVE MODE');
      const r = await runCliAsync(['generate', schema, '-r', '20', '-d', db.connectionString], {
        env: cliEnv({ PGOPTIONS: '-c lock_timeout=200' }),
      });
      // Before: the server's words alone ("canceling statement due to lock timeout"), or the DDL blamed.
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toMatch(
        /canceling statement due to lock timeout.*a time limit PGOPTIONS sets cut it \(a load turns off the role's and database's, not the one PGOPTIONS asks for\): leave statement_timeout and lock_timeout out of PGOPTIONS, or set them to 0, and run again/,
      );
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      await holder.end();
    }
    expect(await db.query('SELECT count(*)::int AS n FROM p')).toEqual([{ n: 0 }]);
    // Without the limit the same command loads, and the rows meet every constraint.
    const ok = await runCliInProcess(['generate', schema, '-r', '20', '-d', db.connectionString]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(await db.query('SELECT count(*)::int AS n FROM c')).toEqual([{ n: 20 }]);
    expect(readdirSync(own)).toEqual(['s.sql']);
  });
});

describe('hostile32: --resume names the tables it compares quoted', () => {
  it.concurrent('a completed run of other tables is told with their names as SQL reads them (was public.../etc)', async () => {
    const { own, schema } = schemaIn('resume-names', 'CREATE TABLE "../etc" (id int PRIMARY KEY);\n');
    const out = join(own, 'out');
    expect((await runCliInProcess(['generate', schema, '-r', '3', '-F', 'csv', '-f', out])).status).toBe(0);
    const other = join(own, 'other.sql');
    writeFileSync(other, 'CREATE TABLE "a.b" (id int PRIMARY KEY);\n');
    const stderr = await refusedInProcess(
      ['generate', other, '-r', '3', '-F', 'csv', '-f', out, '--resume'],
      own,
    );
    expect(stderr).toContain('tables: public."../etc" (now public."a.b")');
  });
});

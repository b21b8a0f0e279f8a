/**
 * hostile30: the CLI run by a careless or hostile user. A failure under
 * `--json` was told twice, as the JSON and again as the plain `datagen:
 * error:` line (both on stderr when the data took stdout, so a reader of
 * stderr got two documents); it is now the JSON alone, as the warnings are.
 * A configuration naming one table twice (`p` and `public.p`, each with
 * `columns:`) or one foreign key twice (by its name and by its column) kept
 * the later entry without a word: refused, both places named. The same
 * warning thirteen times (OHDSI WebAPI's `CREATE TEMP TABLE temp_migration`
 * per migration) is one line with `(13 times)`. A DO block that only renames
 * constraints and indexes (Formbricks) was told as making objects that "get
 * no data"; it now says what it does. `-f a -f b` (any single-valued option
 * given two values) kept the last without a word: refused, naming both.
 * `--timestamp` and `--reference-time` went through JavaScript's Date:
 * `2026-01-01 00:00` was the machine's local time (the output changed with
 * TZ), `2026-02-30` March 2, `March 7` the year 2001; a SOURCE_DATE_EPOCH
 * past year 275760 was an internal error with its stack, and garbage was
 * ignored. Now strict ISO 8601 (UTC without an offset, years 1-9999) or
 * epoch seconds. `--size` a smallint key caps below was told "its fixed
 * part alone is -1676308 bytes; ask for a larger size". SIGHUP (a closed
 * terminal) left the temporary behind; TMPDIR missing under `--size -F csv`
 * was an internal error; replacing a `chmod 600` file made it 0644. Two
 * column names PostgreSQL cuts to the same 63 bytes were told only as
 * "declared more than once; remove or rename one".
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import {
  bytesUnder,
  cliEnv,
  exited,
  ownDirUnder,
  runCliAsync,
  spawnCli,
  temporaries,
  waitUntil,
} from '../helpers/cli-process.js';
import { expectServerRefuses, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('hostile30');
const dir = tempDir('hostile30-');
const ownDir = (name: string) => ownDirUnder(dir, name);

const SCHEMA = `CREATE TABLE p (id int PRIMARY KEY, name text NOT NULL, note text);
CREATE TABLE c (id int PRIMARY KEY, p_id int CONSTRAINT c_p_fk REFERENCES p (id), body text);
`;

/** A directory holding `s.sql` (SCHEMA unless given), and the schema's path. */
function schemaIn(name: string, ddl = SCHEMA): { own: string; schema: string } {
  const own = ownDir(name);
  const schema = join(own, 's.sql');
  writeFileSync(schema, ddl);
  return { own, schema };
}

describe('hostile30: --json tells a failure once', () => {
  it.concurrent('the JSON alone: on stdout (stderr empty), or on stderr alone when the data takes stdout', async () => {
    const { own, schema } = schemaIn('json-once');
    for (const args of [
      ['plan', schema, '--json', '-r', 'abc'],
      ['generate', schema, '--json', '-r', 'abc', '-f', join(own, 'o.sql')],
      ['init', join(own, 'none.sql'), '--json', '-f', join(own, 'c.yaml')],
      ['verify', own, '--json'],
    ]) {
      const r = await runCliInProcess(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe('');
      const lines = r.stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? '').error.exitStatus).toBe(2);
    }
    // A plan refused (a unique boolean over 300 rows), the data on stdout: one JSON document on stderr.
    writeFileSync(schema, 'CREATE TABLE t (id int PRIMARY KEY, flag boolean NOT NULL UNIQUE);\n');
    const piped = await runCliInProcess(['generate', schema, '--json', '-r', 't=300']);
    expect(piped.status).toBe(2);
    expect(piped.stdout).toBe('');
    expect(JSON.parse(piped.stderr).error.code).toBe('UNIQUE_SPACE_TOO_SMALL');
    // Without --json: the plain line, as before.
    const plain = await runCliInProcess(['plan', schema, '-r', 'abc']);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toContain('datagen: error: --rows expects a whole number');
    expect(readdirSync(own).sort()).toEqual(['s.sql']);
  });
});

describe('hostile30: one table or foreign key configured twice', () => {
  it.concurrent('two entries for one table (`p`, `public.p`) with columns are refused naming both places', async () => {
    const { own, schema } = schemaIn('config-twice');
    const config = join(own, 'c.yaml');
    const out = join(own, 'o.sql');
    writeFileSync(
      config,
      'tables:\n  p:\n    columns:\n      name:\n        values: [a, b]\n  public.p:\n    columns:\n      note:\n        values: [c]\n',
    );
    const stderr = await refusedInProcess(['generate', schema, '--config', config, '-f', out], own);
    expect(stderr).toContain(
      `${config}:7:5: tables.public.p and tables.p (${config}:3:5) both configure the columns of public.p: give them in one entry`,
    );
    expect(existsSync(out)).toBe(false);
    // One foreign key by its name and by its column.
    writeFileSync(
      config,
      'tables:\n  c:\n    foreign_keys:\n      c_p_fk: { per_parent: { min: 1, max: 2 } }\n      p_id: { per_parent: { min: 3, max: 5 } }\n',
    );
    const fk = await refusedInProcess(['plan', schema, '--config', config], own);
    expect(fk).toContain(
      `${config}:5:13: foreign_keys.p_id and foreign_keys.c_p_fk both configure public.c's foreign key c_p_fk: give it once`,
    );
    // `rows:` in one entry and `columns:` in the other say different things: both kept.
    writeFileSync(
      config,
      'tables:\n  p:\n    rows: 4\n  public.p:\n    columns:\n      name:\n        values: [x]\n',
    );
    const target = await db.createSibling();
    const loaded = await runCliInProcess([
      'generate',
      schema,
      '--config',
      config,
      '-r',
      'c=2',
      '-d',
      target.connectionString,
    ]);
    expect(loaded.status, loaded.stderr).toBe(0);
    expect(await target.query('SELECT name, count(*)::int AS n FROM p GROUP BY name')).toEqual([
      { name: 'x', n: 4 },
    ]);
  });
});

describe('hostile30: warnings', () => {
  it.concurrent('the same warning at many places is one line with its count; --json keeps each', async () => {
    const temp = 'CREATE TEMP TABLE scratch (id int);\nDROP TABLE scratch;\n';
    const { own, schema } = schemaIn('same-warning', `${SCHEMA}${temp}${temp}${temp}`);
    const r = await runCliInProcess(['generate', schema, '-r', '3', '-f', join(own, 'o.sql')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('scratch'))).toEqual([
      'datagen: warning: CREATE TEMP TABLE scratch is not part of the schema and was left out (with the statements on it) (3 times)',
    ]);
    const json = await runCliInProcess(['generate', schema, '-r', '3', '-f', join(own, 'o.sql'), '--json']);
    const { warnings } = JSON.parse(json.stdout) as { warnings: { code: string; where: string }[] };
    expect(warnings.filter((w) => w.code === 'TEMP_TABLE').map((w) => w.where)).toEqual([
      `${schema}:3:1`,
      `${schema}:5:1`,
      `${schema}:7:1`,
    ]);
  });

  it.concurrent('one message at many places of a file is one line with its count and the other lines', async () => {
    // Hangfire's migrations: 21 DO blocks that only read and report, one warning each, differing by their place.
    const check =
      "DO $$ BEGIN IF EXISTS (SELECT 1 FROM t WHERE id = 7) THEN RAISE EXCEPTION 'no'; END IF; END $$;\n";
    const blocks = Array.from({ length: 8 }, () => check).join('');
    const { own, schema } = schemaIn('same-at-places', `CREATE TABLE t (id int PRIMARY KEY);\n${blocks}`);
    const r = await runCliInProcess(['generate', schema, '-r', '3', '-f', join(own, 'o.sql')]);
    expect(r.status, r.stderr).toBe(0);
    const told = r.stderr.split('\n').filter((l) => l.includes('DO block'));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`DO block at ${schema}:2:1 only reads and reports`);
    expect(told[0]).toMatch(/ \(8 times; also at lines 3, 4, 5, 6, 7 and 2 more\)$/);
  });

  it.concurrent('a DO block that only renames constraints and indexes says so, and the output loads with their new names', async () => {
    const ddl = `CREATE TABLE d (id int PRIMARY KEY);
CREATE TABLE s (id int PRIMARY KEY, d_id int, CONSTRAINT "Old_fkey" FOREIGN KEY (d_id) REFERENCES d (id));
CREATE INDEX "Old_idx" ON s (d_id);
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'Old_fkey') THEN
    EXECUTE 'ALTER TABLE s RENAME CONSTRAINT "Old_fkey" TO "New_fkey"';
  END IF;
  IF EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND indexname = 'Old_idx') THEN
    EXECUTE 'ALTER INDEX "Old_idx" RENAME TO "New_idx"';
  END IF;
END$$;
`;
    const { own, schema } = schemaIn('rename-do', ddl);
    const out = join(own, 'o.sql');
    const r = await runCliInProcess(['generate', schema, '-r', '5', '-f', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      `datagen: warning: DO block at ${schema}:4:1 only renames constraints or indexes (ALTER TABLE ... RENAME CONSTRAINT, ALTER INDEX ... RENAME TO): it makes nothing and every table keeps its rows; it is kept as written and renames them where the output loads (a constraint is written by its new name already)\n`,
    );
    const names = `SELECT conname AS name FROM pg_constraint WHERE conrelid = 's'::regclass
      UNION SELECT indexname FROM pg_indexes WHERE tablename = 's' ORDER BY 1`;
    const [asWritten, generated] = [await db.createSibling(), await db.createSibling()];
    await asWritten.psqlFileAsync(schema);
    await generated.psqlFileAsync(out);
    expect(await generated.query(names)).toEqual(await asWritten.query(names));
    expect(await generated.query(names)).toEqual([
      { name: 'New_fkey' },
      { name: 'New_idx' },
      { name: 's_pkey' },
    ]);
    expect(await generated.query('SELECT count(*)::int AS n FROM s')).toEqual([{ n: 5 }]);
    // A block that also creates something keeps the old words.
    writeFileSync(
      schema,
      ddl.replace('END$$;', () => "  EXECUTE 'CREATE TABLE x (id int)';\nEND$$;"),
    );
    const creating = await runCliInProcess(['generate', schema, '-r', '5', '-f', out]);
    expect(creating.stderr).toContain('the objects it creates (or changes) cannot be seen by datagen');
  });
});

describe('hostile30: an option given twice', () => {
  it.concurrent('two values of one single-valued option are refused naming both; the same value twice is taken', async () => {
    const { own, schema } = schemaIn('option-twice');
    for (const [args, said] of [
      [
        ['-f', join(own, 'a.sql'), '--file', join(own, 'b.sql')],
        `-f ${join(own, 'a.sql')} and --file ${join(own, 'b.sql')} both set -f/--file: give it once`,
      ],
      [['-F', 'c', '-F', 'p', '-f', join(own, 'o')], '-F c and -F p both set -F/--format: give it once'],
      [
        ['--seed', '1', '--seed=2', '-f', join(own, 'o')],
        '--seed 1 and --seed 2 both set --seed: give it once',
      ],
    ] as const) {
      const stderr = await refusedInProcess(['generate', schema, '-r', '2', ...args], own);
      expect(stderr).toContain(said);
    }
    expect(readdirSync(own)).toEqual(['s.sql']);
    const same = await runCliInProcess(['plan', schema, '-r', '2', '--seed', '3', '--seed', '3']);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stdout).toContain('public.p: 2 rows');
  });
});

describe('hostile30: times read one way, whatever the machine', () => {
  const NOW_CHECKED = `CREATE TABLE pe (id int PRIMARY KEY, born date NOT NULL CHECK (born <= now() - interval '18 years'),
  seen timestamptz NOT NULL CHECK (seen <= now()), at timestamp);
`;

  it.concurrent('--timestamp and --reference-time: a day February lacks, English words, year 10000 are refused (JavaScript read them)', async () => {
    const { own, schema } = schemaIn('times', NOW_CHECKED);
    for (const text of ['2026-02-30', 'March 7', '10000-01-01', '253402300800', '2026-01-01T25:00']) {
      for (const option of ['--timestamp', '--reference-time']) {
        const stderr = await refusedInProcess(
          ['generate', schema, '-r', '2', '-F', 'c', option, text, '-f', join(own, 'o.dump')],
          own,
        );
        expect(stderr).toContain(
          `${option} ${text}: expected ISO 8601 (2026-01-01T00:00:00Z; without an offset, UTC), year 1 to 9999, or seconds since 1970`,
        );
      }
    }
    // SOURCE_DATE_EPOCH: garbage was ignored, and past year 275760 an internal error with its stack.
    for (const epoch of ['garbage', '99999999999999']) {
      const r = await runCliAsync(['generate', schema, '-r', '2', '-F', 'c', '-f', join(own, 'o.dump')], {
        env: cliEnv({ SOURCE_DATE_EPOCH: epoch }),
      });
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at |RangeError|internal error/);
      expect(r.stderr).toContain(
        `datagen: error: SOURCE_DATE_EPOCH=${epoch}: expected seconds since 1970 (at most 253402300799, the end of year 9999); fix or unset it, or give --timestamp\n`,
      );
      expect(temporaries(own)).toEqual([]);
    }
    expect(readdirSync(own)).toEqual(['s.sql']);
  });

  it.concurrent('a time without an offset is UTC: the same bytes under any TZ, and the rows load', async () => {
    const { own, schema } = schemaIn('tz', NOW_CHECKED);
    const outputs: Buffer[] = [];
    for (const tz of ['UTC', 'America/St_Johns', 'Pacific/Kiritimati', 'garbage']) {
      const out = join(own, `o-${outputs.length}.dump`);
      const r = await runCliAsync(
        [
          'generate',
          schema,
          '-r',
          '20',
          '-F',
          'c',
          '--timestamp',
          '2026-01-01 12:00',
          '--reference-time',
          '2026-01-01 00:00:00',
          '-f',
          out,
        ],
        { env: cliEnv({ TZ: tz }) },
      );
      expect(r.status, r.stderr).toBe(0);
      // The time was given: no warning asking to give it.
      expect(r.stderr).not.toContain('fix it with --reference-time');
      outputs.push(readFileSync(out));
    }
    for (const bytes of outputs.slice(1)) expect(bytes.equals(outputs[0] as Buffer)).toBe(true);
    const listed = await db.runAsync('pg_restore', ['-l', join(own, 'o-0.dump')]);
    // pg_restore prints the header's fields with its own zone's abbreviation.
    expect(listed).toContain('; Archive created at 2026-01-01 12:00:00 ');
    const target = await db.createSibling();
    await target.runAsync('pg_restore', ['-d', target.name, '--exit-on-error', join(own, 'o-0.dump')]);
    expect(await target.query('SELECT count(*)::int AS n FROM pe')).toEqual([{ n: 20 }]);
  });
});

describe('hostile30: a --size no row counts reach', () => {
  it.concurrent('says why: a key caps the rows (it told a negative fixed part), or the target is below the fewest rows', async () => {
    const { own, schema } = schemaIn('size-cap', 'CREATE TABLE sm (id smallint PRIMARY KEY, v text);\n');
    const capped = await refusedInProcess(['plan', schema, '--size', '10GB'], own);
    expect(capped).toMatch(
      /^datagen: error: --size 10000000000 bytes: the output stops growing short of it, at about \d+ bytes: a key or CHECK holds a table's rows \(`datagen plan` with a larger --rows names it\); ask for at most that size, give --rows, or widen the key\n$/,
    );
    const tiny = await refusedInProcess(['plan', schema, '--size', '1'], own);
    expect(tiny).toMatch(
      /^datagen: error: --size 1 bytes: the output is about \d+ bytes at its fewest rows; ask for a larger size or give --rows\n$/,
    );
  });
});

describe('hostile30: the terminal closed, TMPDIR gone, a private file replaced', () => {
  it('SIGHUP (a closed terminal or ssh session) mid-run: its temporary removed (it was left), exit 129', async () => {
    const { own, schema } = schemaIn('hangup');
    const target = join(own, 'out.dump');
    const child = spawnCli(['generate', schema, '-r', '3000000', '-F', 'c', '-f', target, '-q']);
    const done = exited(child);
    await waitUntil(
      () => temporaries(own).some((name) => bytesUnder(join(own, name)) > 1 << 16),
      'the archive is being written',
    );
    child.kill('SIGHUP');
    const r = await done;
    expect(r.status).toBe(129);
    expect(temporaries(own)).toEqual([]);
    expect(existsSync(target)).toBe(false);
    expect(r.stderr).toMatch(
      /^datagen: interrupted; .*out\.dump left as it was \(its temporary .* removed\)\n$/,
    );
  });

  it.concurrent('--size of a directory format with TMPDIR missing: one line naming TMPDIR (it was an internal error)', async () => {
    const { own, schema } = schemaIn('tmpdir');
    const r = await runCliAsync(
      ['generate', schema, '--size', '200KB', '-F', 'csv', '-f', join(own, 'out')],
      {
        env: cliEnv({ TMPDIR: join(own, 'missing') }),
      },
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `datagen: error: cannot make a temporary directory in ${join(own, 'missing')} for --size's measuring runs: it does not exist; set TMPDIR to a writable directory\n`,
    );
    expect(readdirSync(own)).toEqual(['s.sql']);
  });

  it.concurrent('an existing file or empty directory keeps its permissions when replaced, as pg_dump keeps them', async () => {
    const { own, schema } = schemaIn('permissions');
    const file = join(own, 'private.sql');
    const archive = join(own, 'private.dump');
    const dirArchive = join(own, 'private.dir');
    const csv = join(own, 'private-csv');
    for (const path of [file, archive]) writeFileSync(path, 'old\n', { mode: 0o600 });
    for (const path of [dirArchive, csv]) mkdirSync(path, { mode: 0o750 });
    chmodSync(dirArchive, 0o750);
    chmodSync(csv, 0o750);
    for (const [format, path] of [
      ['p', file],
      ['c', archive],
      ['d', dirArchive],
      ['csv', csv],
    ] as const) {
      const r = await runCliInProcess(['generate', schema, '-r', '3', '-F', format, '-f', path]);
      expect(r.status, r.stderr).toBe(0);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(archive).mode & 0o777).toBe(0o600);
    expect(statSync(dirArchive).mode & 0o777).toBe(0o750);
    expect(statSync(csv).mode & 0o777).toBe(0o750);
    expect(readFileSync(file, 'utf8')).toContain('COPY public.p');
    const target = await db.createSibling();
    await target.psqlFileAsync(file);
    expect(await target.query('SELECT count(*)::int AS n FROM c')).toEqual([{ n: 3 }]);
  });
});

describe('hostile30: two column names PostgreSQL cuts to one', () => {
  it('are told as cut at 63 bytes (it said only "declared more than once; remove or rename one")', async () => {
    const long = 'a'.repeat(63);
    const ddl = `CREATE TABLE t (id int PRIMARY KEY, ${long}x int, ${long}y int);\n`;
    await expectServerRefuses(db, ddl, `column "${long}" specified more than once`);
    const { own, schema } = schemaIn('cut-columns', ddl);
    const stderr = await refusedInProcess(['generate', schema, '-f', join(own, 'o.sql')], own);
    expect(stderr).toContain(
      `CREATE TABLE public.t: column ${long} is declared more than once; a name written here is longer than the 63 bytes PostgreSQL keeps of a name, which cuts two to this one; make them differ within their first 63 bytes`,
    );
    expect(readdirSync(own)).toEqual(['s.sql']);
  });
});

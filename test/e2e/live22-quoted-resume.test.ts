/**
 * live22: `--append` and `--resume` with tables and columns whose names need
 * quoting (`"Order"`, `"Line Item"`, `"mixedCase"`): state records, key reads
 * and chunk files are keyed by the name as written (plainName), and a load
 * into the database with every constraint in place, an interrupted load
 * resumed, and an interrupted chunked CSV run resumed all end as an
 * uninterrupted run does. A chunked run killed before its first file was
 * recorded left a temporary directory that `--resume` took over and then
 * tried to make again: `EEXIST: file already exists, mkdir '.out.datagen-…tmp'`.
 * The killed runs are processes; the uninterrupted and resuming runs run
 * in-process (what they write is the subject).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, exited, spawnCli, waitUntil } from '../helpers/cli-process.js';
import { siblingWith, type TestDatabase, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const db = useTestDatabase('live22q');

const SCHEMA = `CREATE TABLE "Order" (id bigserial PRIMARY KEY, "Customer Name" text NOT NULL, placed timestamptz);
CREATE TABLE "Line Item" (id bigserial PRIMARY KEY, "Order" bigint NOT NULL REFERENCES "Order", qty int CHECK (qty > 0),
  "mixedCase" text UNIQUE);
CREATE TABLE "MixedCase" (code text PRIMARY KEY, "Line Item" bigint REFERENCES "Line Item");`;

async function counts(target: TestDatabase): Promise<number[]> {
  const [row] = await target.query<Record<string, string>>(
    `SELECT (SELECT count(*) FROM "Order") AS a, (SELECT count(*) FROM "Line Item") AS b, (SELECT count(*) FROM "MixedCase") AS c`,
  );
  return [Number(row?.a), Number(row?.b), Number(row?.c)];
}

/** The files of a directory and their bytes, by name. */
function filesOf(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'latin1')]));
}

/** The temporary directory a stopped run left beside `target`, or undefined. */
function temporaryOf(target: string): string | undefined {
  const parent = join(target, '..');
  const name = readdirSync(parent).find((f) => f.startsWith(`.${target.split('/').at(-1)}.datagen-`));
  return name === undefined ? undefined : join(parent, name);
}

describe('--append and --resume with names that need quoting', () => {
  it('--append and --append --resume add rows to "Order" and "Line Item"; every constraint holds', async () => {
    const target = await siblingWith(db, SCHEMA);
    for (const extra of [[], ['--append'], ['--append', '--resume']]) {
      const r = await runCliInProcess([
        'generate',
        '-d',
        target.connectionString,
        '-r',
        '40',
        '-q',
        ...extra,
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    expect(await counts(target)).toEqual([120, 120, 120]);
    const [valid] = await target.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_constraint WHERE conrelid IN ('"Order"'::regclass, '"Line Item"'::regclass, '"MixedCase"'::regclass) AND convalidated`,
    );
    expect(Number(valid?.n)).toBe(7);
  });

  it('a load killed after "Order" committed loads the rest with --resume', async () => {
    assertBuilt();
    const target = await siblingWith(db, SCHEMA);
    const args = ['generate', '-d', target.connectionString, '-r', '20000', '--resume', '-q'];
    const child = spawnCli(args);
    const done = exited(child, 120_000);
    // One query at a time, on "Order" alone: a query locking all three tables
    // while the load adds its constraints can be chosen as a deadlock victim.
    let committed = 0;
    const deadline = Date.now() + 60_000;
    while (committed === 0) {
      if (Date.now() > deadline) throw new Error('timed out waiting until "Order" committed');
      const [row] = await target
        .query<{ n: string }>(`SELECT count(*) AS n FROM "Order"`)
        .catch(() => [{ n: '0' }]);
      committed = Number(row?.n);
      if (committed === 0) await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
    await done;
    const r = await runCliInProcess(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(await counts(target)).toEqual([20000, 20000, 20000]);
  });

  it('a chunked CSV run killed after some chunks, or before its first was recorded, is finished by --resume as an uninterrupted run', async () => {
    const dir = tempDir('live22q-');
    const ddl = join(dir, 'schema.sql');
    writeFileSync(ddl, SCHEMA);
    const args = (out: string) => [
      'generate',
      ddl,
      '-r',
      '15000',
      '-F',
      'csv',
      '--chunk-size',
      '150kB',
      '-f',
      out,
      '-q',
    ];
    const run = (out: string, ...extra: string[]) => runCliInProcess([...args(out), ...extra]);
    const whole = join(dir, 'whole');
    expect((await run(whole)).status).toBe(0);
    const expected = filesOf(whole);
    expect([...expected.keys()]).toContain('public.Line Item.0001.csv');
    for (const recorded of [3, 0]) {
      const out = join(dir, `stopped-${recorded}`);
      const child = spawnCli(args(out));
      const done = exited(child, 120_000);
      const progress = () => {
        const t = temporaryOf(out);
        if (t === undefined) return [];
        try {
          return readFileSync(join(t, '.datagen-progress.jsonl'), 'utf8').split('\n').filter(Boolean);
        } catch {
          return [];
        }
      };
      await waitUntil(() => progress().length > Math.max(recorded, 1), 'chunks recorded', 60_000);
      child.kill('SIGKILL');
      await done;
      const temporary = temporaryOf(out) as string;
      // Stopped before its first file was recorded: only the run's identity line.
      if (recorded === 0) writeFileSync(join(temporary, '.datagen-progress.jsonl'), `${progress()[0]}\n`);
      const r = await run(out, '--resume');
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(filesOf(out)).toEqual(expected);
      expect(temporaryOf(out)).toBeUndefined();
    }
  });
});

/**
 * Issue 13's acceptance for --resume in every table-file format: a chunked
 * run (`-F jsonl -Z zstd`, `-F parquet`, `-F csv` at -j 2) started as a child
 * process, killed (SIGKILL) or stopped (SIGINT) once some chunks are
 * complete, then run again with --resume, ends with the very files of an
 * uninterrupted run (SHA-256 of every file, the manifest byte for byte), and
 * `datagen verify` finds them all. chunks-manifest.test.ts does the same for
 * CSV with gzip at -j 1, and checks the kept chunks are not rewritten.
 * The pg_dump formats have no --resume (or --chunk-size): refused, saying
 * why, nothing written.
 * Only the stopped run is a process (the signal is the subject); the
 * uninterrupted run and the resumed one run in-process (their files are the
 * subject: ~0.6 s of CPU each saved on starting Node and the bundle).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/format/manifest.js';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, exited, spawnCli, temporaries, waitUntil } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = 'examples/shop.sql';

/**
 * The run's options writing to `dir`: enough chunks that it is well under way, not done, after a few
 * (about 100 Parquet, 200 CSV and 400 JSON Lines chunks; 12,000 rows in 40KB chunks made as many files
 * at four times the rows and 1.3 times the CPU, for the same checks).
 */
function command(format: readonly string[], dir: string): string[] {
  return ['generate', SCHEMA, '-r', '3000', ...format, '--chunk-size', '10KB', '-j', '2', '-q', '-f', dir];
}

/** SHA-256 of every file in `dir`, by name. */
function digests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort())
    out[name] = createHash('sha256')
      .update(readFileSync(join(dir, name)))
      .digest('hex');
  return out;
}

/** The files the interrupted run recorded as complete in its temporary directory under `parent`. */
function recordedFiles(parent: string): string[] {
  const [tmp] = temporaries(parent);
  if (tmp === undefined) return [];
  try {
    return readFileSync(join(parent, tmp, '.datagen-progress.jsonl'), 'utf8')
      .split('\n')
      .slice(1, -1)
      .map((line) => (JSON.parse(line) as { name: string }).name);
  } catch {
    return []; // not made yet, or a line being written
  }
}

const CASES = [
  { label: '-F jsonl -Z zstd', format: ['-F', 'jsonl', '-Z', 'zstd'], signals: ['SIGKILL', 'SIGINT'] },
  { label: '-F parquet', format: ['-F', 'parquet'], signals: ['SIGKILL'] },
  { label: '-F csv', format: ['-F', 'csv'], signals: ['SIGINT'] },
] as const;

/** An uninterrupted run's files: their SHA-256 by name, and the manifest's list. */
interface Whole {
  readonly expected: Record<string, string>;
  readonly listed: readonly { name: string; bytes: number; sha256: string }[];
}

/** The uninterrupted run of `format`, checked against its manifest. */
async function uninterrupted(format: readonly string[]): Promise<Whole> {
  const whole = join(tempDir(), 'whole');
  const complete = await runCliInProcess(command(format, whole));
  expect(complete.status, complete.stderr).toBe(0);
  const expected = digests(whole);
  const manifest = JSON.parse(readFileSync(join(whole, 'manifest.json'), 'utf8')) as Manifest;
  const listed = manifest.tables.flatMap((t) => t.files);
  expect(listed.length).toBeGreaterThan(20);
  // The manifest lists every file with the bytes and SHA-256 it has.
  for (const f of listed) {
    expect(readFileSync(join(whole, f.name)).length, f.name).toBe(f.bytes);
    expect(expected[f.name], f.name).toBe(f.sha256);
  }
  expect(Object.keys(expected).sort()).toEqual([...listed.map((f) => f.name), 'manifest.json'].sort());
  return { expected, listed };
}

describe('--resume after a kill ends with the uninterrupted run, file for file', () => {
  beforeAll(() => assertBuilt());

  for (const { label, format, signals } of CASES) {
    /** Made once for the format's signals, while they run. */
    let whole: Promise<Whole> | undefined;
    for (const signal of signals)
      it.concurrent(`${label}: ${signal} mid-run, --resume, verify`, async ({ expect }) => {
        const parent = tempDir();
        const dir = join(parent, 'out');
        const child = spawnCli(command(format, dir));
        const done = exited(child, 280_000);
        let ended = false;
        done.then(
          () => {
            ended = true;
          },
          () => undefined, // a hang is reported where `done` is awaited
        );
        await waitUntil(
          () => {
            if (ended) throw new Error(`${label}: the run ended before four chunks were seen complete`);
            return recordedFiles(parent).length >= 4;
          },
          `${label}: four chunks are complete`,
          280_000,
        );
        child.kill(signal);
        const stopped = await done;
        // Begun once the child is stopped: an in-process run can hold this worker's event loop, and a
        // child polled late could end before it is killed.
        whole ??= uninterrupted(format);
        whole.catch(() => {}); // awaited below by each test
        if (signal === 'SIGKILL') expect(stopped.signal).toBe('SIGKILL');
        else expect(stopped.status, stopped.stderr).toBe(130);
        // Stopped part way: the target does not exist yet, the complete chunks wait in the temporary directory.
        expect(existsSync(dir)).toBe(false);
        const { expected, listed } = await whole;
        const kept = recordedFiles(parent);
        expect(kept.length, 'chunks complete when stopped').toBeGreaterThanOrEqual(4);
        expect(kept.length, 'the run was stopped before its end').toBeLessThan(listed.length);

        // The stopped run's temporary names its PID, a dead process's: the resumed run takes it over.
        const resumed = await runCliInProcess([...command(format, dir), '--resume']);
        expect(resumed.status, resumed.stderr).toBe(0);
        expect(temporaries(parent)).toEqual([]);
        expect(digests(dir), `${label} after ${signal}`).toEqual(expected);
        const verified = await runCliInProcess(['verify', dir]);
        expect(verified.status, verified.stderr).toBe(0);
        expect(verified.stdout).toContain(`${listed.length} files`);
      }, 600_000);
  }

  it('the pg_dump formats refuse --resume and --chunk-size, nothing written', async () => {
    const parent = tempDir();
    const dir = join(parent, 'out');
    for (const format of ['d', 'c'])
      for (const extra of [['--resume'], ['--chunk-size', '1MB']]) {
        const stderr = await refusedInProcess(
          ['generate', SCHEMA, '-r', '100', '-F', format, '-f', dir, ...extra],
          parent,
        );
        expect(stderr).toMatch(/applies to the csv, jsonl and parquet formats .*not (directory|custom)/);
        // Why, and what to write instead.
        expect(stderr).toMatch(
          /pg_restore reads each table's rows from one data member.*-F csv, jsonl or parquet/,
        );
        expect(existsSync(dir)).toBe(false);
      }
  });
});

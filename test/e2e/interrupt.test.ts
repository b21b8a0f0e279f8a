/**
 * Fault tests against the real CLI process: a run killed part way (SIGINT,
 * SIGTERM, SIGKILL) in every output format leaves no complete-looking target
 * and no temporary files (after SIGKILL: once the next run to the same
 * target has cleaned up), and the target that was there is untouched.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  bytesUnder,
  exited,
  runCli,
  spawnCli,
  temporaries,
  waitUntil,
} from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA =
  'CREATE TABLE big (id bigint PRIMARY KEY, name text, note text, amount numeric(12,2), created_at timestamptz);\n';
/**
 * A run of a few seconds even on an idle machine (about 2.5 s here): a run of
 * 100,000 rows (0.3 s) wrote its last blocks and renamed its output between two
 * polls on a loaded machine (-F c -j 2: the file grows in 64K-row blocks).
 */
const ROWS = 1_000_000;
const FORMATS = ['plain', 'copy', 'custom', 'directory'] as const;
type Format = (typeof FORMATS)[number];

function args(schema: string, format: Format, rows: number, file: string): string[] {
  const archive = format === 'custom' || format === 'directory';
  return [
    'generate',
    schema,
    '-r',
    String(rows),
    '-F',
    format,
    '-f',
    file,
    '-q',
    ...(archive ? ['-Z', '1', '-j', '2'] : []),
  ];
}

/** An existing target the run must not touch: a file, or for -F d an empty directory. */
function existingTarget(dir: string, format: Format): string {
  const target = join(dir, format === 'directory' ? 'out.dir' : 'out.data');
  if (format === 'directory') mkdirSync(target);
  else writeFileSync(target, 'the previous output\n');
  return target;
}

function targetUntouched(target: string, format: Format): void {
  if (format === 'directory') expect(bytesUnder(target)).toBe(0);
  else expect(readFileSync(target, 'utf8')).toBe('the previous output\n');
}

describe('interrupted runs clean up and leave the target alone', () => {
  let schema: string;
  /** Bytes a complete run writes per format (measured on a fiftieth of the rows). */
  const expectedBytes = new Map<Format, number>();
  beforeAll(() => {
    assertBuilt();
    const dir = tempDir();
    schema = join(dir, 'big.sql');
    writeFileSync(schema, SCHEMA);
    for (const format of FORMATS) {
      const sample = join(dir, `sample.${format}`);
      const r = runCli(args(schema, format, ROWS / 50, sample));
      expect(r.stderr).toBe('');
      expectedBytes.set(format, bytesUnder(sample) * 50);
    }
  });

  /**
   * Start a run into an existing target, kill it once its temporary output is
   * a quarter written (not half: the run must still have most of its work
   * ahead when a loaded machine's poll sees it).
   */
  async function killHalfWay(format: Format, signal: NodeJS.Signals) {
    const dir = tempDir();
    const target = existingTarget(dir, format);
    const child = spawnCli(args(schema, format, ROWS, target));
    const done = exited(child);
    const quarter = (expectedBytes.get(format) ?? 0) / 4;
    let ended: { status: number | null; stderr: string } | undefined;
    done.then(
      (r) => {
        ended = r;
      },
      () => undefined, // a hang is reported where `done` is awaited
    );
    await waitUntil(() => {
      // A run that ended before it was seen a quarter written is reported as it ended, not as a timeout.
      if (ended !== undefined)
        throw new Error(
          `the ${format} run ended (status ${ended.status}) before it was a quarter written: ${ended.stderr}`,
        );
      return temporaries(dir).some((name) => bytesUnder(join(dir, name)) >= quarter);
    }, `the ${format} run is a quarter written`);
    child.kill(signal);
    return { dir, target, result: await done };
  }

  for (const format of FORMATS) {
    it(`${format}: SIGINT exits 130, SIGTERM 143; temporary files removed, target untouched`, async () => {
      for (const [signal, status] of [
        ['SIGINT', 130],
        ['SIGTERM', 143],
      ] as const) {
        const { dir, target, result } = await killHalfWay(format, signal);
        expect(result.status, `${signal}: ${result.stderr}`).toBe(status);
        expect(result.stderr).not.toContain('    at ');
        expect(temporaries(dir)).toEqual([]);
        targetUntouched(target, format);
      }
    });

    it(`${format}: after SIGKILL the next run to the same target removes the dead run's temporary files`, async () => {
      const { dir, target, result } = await killHalfWay(format, 'SIGKILL');
      expect(result.signal).toBe('SIGKILL');
      expect(temporaries(dir)).toHaveLength(1); // nothing could clean up
      targetUntouched(target, format);
      // A live writer's temporary file beside it must survive the cleanup.
      const live = join(
        dir,
        `.${format === 'directory' ? 'out.dir' : 'out.data'}.datagen-${process.pid}-abcd1234.tmp`,
      );
      writeFileSync(live, 'a running writer');
      const next = runCli(args(schema, format, 10, target));
      expect(next.stderr).toBe('');
      expect(next.status).toBe(0);
      expect(temporaries(dir)).toEqual([live.slice(dir.length + 1)]);
      expect(bytesUnder(target)).toBeGreaterThan(100);
    });
  }
});

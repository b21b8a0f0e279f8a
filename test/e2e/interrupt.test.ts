/**
 * Fault tests against the real CLI process: a run killed part way (SIGINT,
 * SIGTERM, SIGKILL) in every output format leaves no complete-looking target
 * and no temporary files (after SIGKILL: once the next run to the same
 * target has cleaned up), and the target that was there is untouched.
 * Each run is killed once its temporary output holds its first 256 KB (well
 * under way, most of the run ahead: it was a quarter of the output, about
 * 0.6 s of CPU more per run for the same checks); the run after a SIGKILL
 * runs in-process (its cleanup is the subject, not its process).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, bytesUnder, exited, spawnCli, temporaries, waitUntil } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA =
  'CREATE TABLE big (id bigint PRIMARY KEY, name text, note text, amount numeric(12,2), created_at timestamptz);\n';
/**
 * A run of a few seconds even on an idle machine (about 2.5 s here), killed
 * long before its end: a run of 100,000 rows (0.3 s) wrote its last blocks and
 * renamed its output between two polls on a loaded machine (-F c -j 2: the
 * file grows in 64K-row blocks).
 */
const ROWS = 1_000_000;
/** The temporary output's bytes at which the run is killed: past the header, a block of rows written. */
const UNDER_WAY = 256 * 1024;
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
  beforeAll(() => {
    assertBuilt();
    schema = join(tempDir(), 'big.sql');
    writeFileSync(schema, SCHEMA);
  });

  /**
   * Start a run into an existing target, kill it once its temporary output
   * holds UNDER_WAY bytes (the run has most of its work ahead).
   */
  async function killUnderWay(format: Format, signal: NodeJS.Signals) {
    const dir = tempDir();
    const target = existingTarget(dir, format);
    const child = spawnCli(args(schema, format, ROWS, target));
    const done = exited(child);
    let ended: { status: number | null; stderr: string } | undefined;
    done.then(
      (r) => {
        ended = r;
      },
      () => undefined, // a hang is reported where `done` is awaited
    );
    await waitUntil(() => {
      // A run that ended before it was seen under way is reported as it ended, not as a timeout.
      if (ended !== undefined)
        throw new Error(
          `the ${format} run ended (status ${ended.status}) before it was seen under way: ${ended.stderr}`,
        );
      return temporaries(dir).some((name) => bytesUnder(join(dir, name)) >= UNDER_WAY);
    }, `the ${format} run has written ${UNDER_WAY} bytes`);
    child.kill(signal);
    return { dir, target, result: await done };
  }

  for (const format of FORMATS) {
    it(`${format}: SIGINT exits 130, SIGTERM 143; temporary files removed, target untouched`, async () => {
      for (const [signal, status] of [
        ['SIGINT', 130],
        ['SIGTERM', 143],
      ] as const) {
        const { dir, target, result } = await killUnderWay(format, signal);
        expect(result.status, `${signal}: ${result.stderr}`).toBe(status);
        expect(result.stderr).not.toContain('    at ');
        expect(temporaries(dir)).toEqual([]);
        targetUntouched(target, format);
      }
    });

    it(`${format}: after SIGKILL the next run to the same target removes the dead run's temporary files`, async () => {
      const { dir, target, result } = await killUnderWay(format, 'SIGKILL');
      expect(result.signal).toBe('SIGKILL');
      expect(temporaries(dir)).toHaveLength(1); // nothing could clean up
      targetUntouched(target, format);
      // A live writer's temporary file beside it (this test's parent process) must survive the cleanup.
      const live = join(
        dir,
        `.${format === 'directory' ? 'out.dir' : 'out.data'}.datagen-${process.ppid}-abcd1234.tmp`,
      );
      writeFileSync(live, 'a running writer');
      const next = await runCliInProcess(args(schema, format, 10, target));
      expect(next.stderr).toBe('');
      expect(next.status).toBe(0);
      expect(temporaries(dir)).toEqual([live.slice(dir.length + 1)]);
      expect(bytesUnder(target)).toBeGreaterThan(100);
    });
  }
});

/**
 * Worker threads under Node flags they refuse (`node --title=x`, `--stack-size`,
 * `--abort-on-uncaught-exception`: the whole process's flags): the generation
 * and deflate workers start without them and the run writes the very bytes
 * of a one-thread run; a worker that cannot start at all is one clear line.
 * Under `--trace-protector-invalidation`, a `-j 2` run detaches no buffer.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startWorkerThread, withoutRefusedFlags } from '../../src/archive/worker-thread.js';
import { DatagenError } from '../../src/errors.js';
import { WORKER_START_ROWS } from '../../src/run/parallel-threshold.js';
import { assertBuilt, cli, cliEnv } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const REFERENCE = 'bench/reference-table.sql';

/** `node FLAGS datagen generate REFERENCE ...`: its exit, stderr and output bytes. */
function run(flags: readonly string[], args: readonly string[], out: string) {
  const r = spawnSync(
    process.execPath,
    [...flags, cli, 'generate', REFERENCE, '--seed', '5', '-f', out, ...args],
    { encoding: 'utf8', env: cliEnv({ SOURCE_DATE_EPOCH: '0' }), timeout: 120_000 },
  );
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    bytes: r.status === 0 ? readFileSync(out) : null,
  };
}

describe('worker threads under flags Node refuses for a worker', () => {
  beforeAll(() => assertBuilt());

  it('-j 2 COPY and -F c under --title, --stack-size, --abort-on-uncaught-exception: same bytes as -j 1', () => {
    const dir = tempDir();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const flags = ['--title=datagen-test', '--stack-size=2000', '--abort-on-uncaught-exception'];
    // COPY at the rows from which -j 2 starts a generation worker; an archive's deflate jobs go to one at any size.
    for (const format of [
      ['-F', 'copy', '--rows', String(WORKER_START_ROWS)],
      ['-F', 'c', '-Z', '1', '--rows', '30000'],
    ]) {
      const one = run([], [...format, '-j', '1'], join(dir, 'one'));
      const two = run(flags, [...format, '-j', '2'], join(dir, 'two'));
      expect(one.status, one.stderr).toBe(0);
      expect(two.status, two.stderr).toBe(0);
      expect(two.stderr).not.toMatch(/Worker|execArgv/);
      expect(two.bytes?.equals(one.bytes as Buffer)).toBe(true);
    }
  });

  it('-j 2 COPY detaches no ArrayBuffer in either thread (blocks in shared memory): V8 keeps its optimised row writers', () => {
    const dir = tempDir();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // A transferred buffer is detached, and the first detach in a thread invalidates this protector, which
    // every optimised function indexing a typed array depends on: they were all thrown away and made again.
    // (The bytes against -j 1's: the test above.)
    const args = ['-F', 'copy', '--rows', String(WORKER_START_ROWS), '-j', '2'];
    const two = run(['--trace-protector-invalidation'], args, join(dir, 'two'));
    expect(two.status, two.stderr).toBe(0);
    expect(two.stdout).not.toContain('ArrayBufferDetaching');
    expect(two.bytes?.length).toBeGreaterThan(0);
  });

  it('the refused flags are left out, a separate value with its flag', () => {
    const message = 'Initiated Worker with invalid execArgv flags: --title, --stack-size=2000';
    expect(withoutRefusedFlags(['--title', 'x', '--stack-size=2000', '--cpu-prof'], message)).toEqual([
      '--cpu-prof',
    ]);
    expect(withoutRefusedFlags(['--cpu-prof'], 'some other message')).toEqual(['--cpu-prof']);
  });

  it('a worker that cannot start is a DatagenError naming -j 1', () => {
    let caught: unknown;
    try {
      startWorkerThread('not-a-worker-path.js', {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DatagenError);
    expect((caught as DatagenError).message).toMatch(/^cannot start a worker thread \(.+\); run with -j 1/);
    expect((caught as DatagenError).message).not.toContain('\n');
  });
});

/**
 * --resume's edge cases (issue 13): a disk that fills mid-run keeps the chunks
 * that were complete (the error says where, and --resume, once there is
 * room, writes only the rest: the uninterrupted run's files); a shard killed
 * mid-run and resumed gives the chunks its uninterrupted run gives, so the
 * shards' manifests merge and `datagen verify` accepts the gathered directory.
 * The runs that stop (the full disk, the kill) are processes: a resumed run
 * takes a live PID's temporary for a running writer's. The runs after them
 * run in-process (their files are the subject: ~0.6 s of CPU each saved).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, it } from 'vitest';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import {
  assertBuilt,
  exited,
  runCliAsync,
  spawnCli,
  temporaries,
  waitUntil,
} from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const SCHEMA = 'examples/shop.sql';

/** Every file of `dir` (the manifest included) by name: its bytes, as text to compare. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = readFileSync(join(dir, name)).toString('base64');
  return out;
}

/** The files a stopped run recorded as complete in its temporary directory `tmp`. */
function recorded(tmp: string): string[] {
  try {
    return readFileSync(join(tmp, '.datagen-progress.jsonl'), 'utf8')
      .split('\n')
      .slice(1, -1)
      .map((line) => (JSON.parse(line) as { name: string }).name);
  } catch {
    return []; // not made yet, or a line being written
  }
}

describe('--resume at its edges', () => {
  beforeAll(() => assertBuilt());

  it.concurrent('a full disk mid-run keeps the complete chunks; --resume with room ends as an uninterrupted run', async ({
    expect,
  }) => {
    const parent = tempDir();
    const disk = join(parent, 'disk');
    mkdirSync(disk);
    // A 2 MiB tmpfs of this test's own (root in a container, as the suite runs): never a system device.
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', disk], { encoding: 'utf8' });
    expect(mount.status, `mounting a tmpfs (the test needs root): ${mount.stderr}`).toBe(0);
    try {
      // About 5 MB in 73 chunks, more than the 2 MiB disk holds (20,000 rows in 200KB chunks: 14 MB, 77 chunks).
      const args = ['generate', SCHEMA, '-r', '8000', '-F', 'csv', '--chunk-size', '80KB', '-q'];
      const whole = join(parent, 'whole');
      const full = await runCliAsync([...args, '-f', join(disk, 'out'), '--resume']);
      expect(full.status, full.stderr).toBe(1);
      expect(full.stderr.trim().split('\n')).toHaveLength(1);
      expect(full.stderr).toMatch(
        /^datagen: error: cannot write .*the disk is full.*; the \d+ complete files are kept in .*\.tmp: run the same command with --resume to continue/,
      );
      const [tmp] = temporaries(disk);
      expect(tmp).toBeDefined();
      const kept = recorded(join(disk, tmp!));
      expect(kept.length).toBeGreaterThanOrEqual(2);
      // Only the complete chunks and the record stay: the chunk being written is removed, its space given back.
      expect(readdirSync(join(disk, tmp!)).sort()).toEqual(['.datagen-progress.jsonl', ...kept].sort());
      const before = Object.fromEntries(kept.map((n) => [n, statSync(join(disk, tmp!, n)).ino]));

      expect(spawnSync('mount', ['-o', 'remount,size=40m', disk]).status).toBe(0);
      const resumed = await runCliInProcess([...args, '-f', join(disk, 'out'), '--resume']);
      expect(resumed.status, resumed.stderr).toBe(0);
      expect(temporaries(disk)).toEqual([]);
      // The kept chunks are the very files (not written again) in the completed directory.
      for (const name of kept) expect(statSync(join(disk, 'out', name)).ino, name).toBe(before[name]);
      const complete = await runCliInProcess([...args, '-f', whole]);
      expect(complete.status, complete.stderr).toBe(0);
      expect(contents(join(disk, 'out'))).toEqual(contents(whole));
      const verified = await runCliInProcess(['verify', join(disk, 'out')]);
      expect(verified.status, verified.stderr).toBe(0);
    } finally {
      spawnSync('umount', [disk]);
    }
  }, 300_000);

  it.concurrent('a chunked shard killed mid-run and resumed merges with the others; verify accepts them', async ({
    expect,
  }) => {
    const root = tempDir();
    const shard = (k: number, dir: string) => [
      'generate',
      SCHEMA,
      '-r',
      '3000',
      '-F',
      'csv',
      '--chunk-size',
      '10KB',
      '--shard',
      `${k}/3`,
      '-j',
      '2',
      '-q',
      '-f',
      dir,
    ];
    const killedParent = join(root, 'killed');
    mkdirSync(killedParent);
    const dirs = [1, 2, 3].map((k) => join(root, `shard-${k}`));
    dirs[1] = join(killedParent, 'shard-2');
    const child = spawnCli(shard(2, dirs[1]));
    const done = exited(child, 280_000);
    const tmpOf = () => temporaries(killedParent).map((n) => join(killedParent, n))[0] ?? '';
    await waitUntil(() => recorded(tmpOf()).length >= 3, 'three chunks of shard 2 are complete', 280_000);
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    expect(existsSync(dirs[1])).toBe(false);
    const resumed = await runCliInProcess([...shard(2, dirs[1]), '--resume']);
    expect(resumed.status, resumed.stderr).toBe(0);
    for (const k of [1, 3]) {
      const r = await runCliInProcess(shard(k, dirs[k - 1]!));
      expect(r.status, r.stderr).toBe(0);
    }
    // Shard 2 resumed is shard 2 uninterrupted, file for file.
    const again = join(root, 'shard-2-whole');
    const whole = await runCliInProcess(shard(2, again));
    expect(whole.status, whole.stderr).toBe(0);
    expect(contents(dirs[1])).toEqual(contents(again));

    const all = join(root, 'all');
    mkdirSync(all);
    for (const dir of dirs)
      for (const name of readdirSync(dir))
        if (name !== 'manifest.json') copyFileSync(join(dir, name), join(all, name));
    expect(readdirSync(all)).toContain('shop.customer.s0002.0001.csv');
    const merged = await runCliInProcess(['merge-manifests', ...dirs, '-f', join(all, 'manifest.json')]);
    expect(merged.status, merged.stderr).toBe(0);
    const verified = await runCliInProcess(['verify', all]);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/all match the manifest/);
  }, 600_000);
});

/**
 * Where the real CLI writes, and that it always exits: archives for any -j,
 * --file onto devices, FIFOs (read by the real psql), symlinks and
 * /dev/stdout, a full disk under --file and on stdout. Device nodes are made
 * by the test (mknod) in its own directory: the system's /dev/null and
 * /dev/full are never written to. The runs whose target (a device node, a
 * symlink, a full tmpfs) is the subject run in-process; those about the
 * process (its exit, its stdout's descriptor, a FIFO's reader) stay processes.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import {
  assertBuilt,
  bytesUnder,
  cli,
  cliEnv,
  exited,
  runCli,
  spawnCli,
  temporaries,
} from '../helpers/cli-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { pgBin } from '../helpers/postgres-binaries.js';
import { oneLineRefusal } from '../helpers/usage-error.js';

/** A character device node made here: `c 1 3` discards (null), `c 1 7` is always full. */
function deviceNode(dir: string, name: string, minor: 3 | 7): string {
  const path = join(dir, name);
  execFileSync('mknod', ['-m', '666', path, 'c', '1', String(minor)]);
  return path;
}

/** Run the CLI with its stdout on the file descriptor `fd`. */
function runWithStdout(args: string[], fd: number) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    stdio: ['ignore', fd, 'pipe'],
    encoding: 'utf8',
    timeout: 60_000,
    env: cliEnv(),
  });
  return { status: r.status, stderr: r.stderr };
}

const ONE_ROW = 'CREATE TABLE t (id int PRIMARY KEY, name text);\n';
const ARCHIVE_TIME = ['--timestamp', '2026-01-01T00:00:00Z'];

describe('archives exit and are identical whatever -j is', () => {
  beforeAll(assertBuilt);

  it('custom and directory: 1 row with -j 1, 2, 8, 64, and 2000 rows with -j 1, 8: every run exits, same bytes', async () => {
    const dir = tempDir();
    const tiny = join(dir, 'tiny.sql');
    writeFileSync(tiny, ONE_ROW);
    for (const [schema, rows, jobCounts] of [
      [tiny, '1', [1, 2, 8, 64]],
      ['examples/shop.sql', '2000', [1, 8]],
    ] as const) {
      for (const format of ['custom', 'directory'] as const) {
        const outputs = new Set<string>();
        for (const jobs of jobCounts) {
          const out = join(dir, `${format}-${jobs}-${rows}`);
          // A run that does not exit fails the test after 60 s (the hang this guards against).
          const child = spawnCli([
            'generate',
            schema,
            '-r',
            rows,
            '-F',
            format,
            '-j',
            String(jobs),
            '-f',
            out,
            ...ARCHIVE_TIME,
          ]);
          const result = await exited(child);
          expect(result.status, result.stderr).toBe(0);
          const bytes =
            format === 'custom'
              ? readFileSync(out).toString('base64')
              : ['toc.dat', ...readdirNames(out)]
                  .map((f) => readFileSync(join(out, f)).toString('base64'))
                  .join('/');
          outputs.add(bytes);
        }
        expect(outputs.size, `${format} ${rows} rows`).toBe(1);
      }
    }
  }, 300_000); // twelve processes one after another: 112 s under load 25, and the default 120 s ran out beside it

  it('the library alone (no CLI) lets the process exit after writing an archive with 8 workers', async () => {
    const dir = tempDir();
    const schema = join(dir, 'tiny.sql');
    writeFileSync(schema, ONE_ROW);
    const script = join(dir, 'library-run.mjs');
    writeFileSync(
      script,
      `const m = await import(${JSON.stringify(join(import.meta.dirname, '../../dist/index.js'))});
await m.generate({ schema: [${JSON.stringify(schema)}], defaultRows: 1, format: 'custom', workers: 8,
  output: ${JSON.stringify(join(dir, 'lib.dump'))} });\n`,
    );
    const child = spawn(process.execPath, [script], { stdio: 'pipe' });
    const result = await exited(child, 30_000);
    expect(result.status, result.stderr).toBe(0);
    expect(statSync(join(dir, 'lib.dump')).size).toBeGreaterThan(100);
  });
});

function readdirNames(dir: string): string[] {
  return execFileSync('ls', [dir], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '' && f !== 'toc.dat');
}

describe('--file onto what is not a regular file', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    assertBuilt();
    db = await createTestDatabase('targets');
  });
  afterAll(async () => db.close());

  it('a null device node is written into and stays a device, for every format but directory', async () => {
    const dir = tempDir();
    const node = deviceNode(dir, 'null', 3);
    // Every format through the library (its file sinks write), the CLI once.
    for (const format of ['plain', 'copy', 'custom'] as const) {
      const result = await generate({ schema: ['examples/shop.sql'], defaultRows: 50, format, output: node });
      expect(result.warnings, format).toEqual([]);
      expect(statSync(node).isCharacterDevice()).toBe(true);
    }
    const r = await runCliInProcess([
      'generate',
      'examples/shop.sql',
      '-r',
      '50',
      '-F',
      'custom',
      '-f',
      node,
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(statSync(node).isCharacterDevice()).toBe(true);
    expect(temporaries(dir)).toEqual([]);
  });

  it('a FIFO is streamed into, and the real psql reading it loads the data', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'load.fifo');
    execFileSync('mkfifo', [fifo]);
    const server = inject('pg');
    const psql = spawn(
      pgBin(server.binDir, 'psql'),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.name, '-f', fifo],
      {
        env: db.env,
        stdio: 'pipe',
      },
    );
    const loaded = exited(psql);
    const r = await exited(spawnCli(['generate', 'examples/shop.sql', '-r', '300', '-f', fifo]));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const load = await loaded;
    expect(load.stderr).toBe('');
    expect(load.status).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(await db.query('SELECT count(*)::int AS n FROM shop.customer')).toEqual([{ n: 300 }]);
  });

  it('a symlink is followed: its target is replaced (in its own directory) and the link kept', async () => {
    const dir = tempDir();
    const realDir = join(dir, 'real');
    mkdirSync(realDir);
    for (const format of ['plain', 'custom']) {
      const target = join(realDir, `data.${format}`);
      writeFileSync(target, 'old');
      const link = join(dir, `link.${format}`);
      symlinkSync(join('real', `data.${format}`), link);
      const r = await runCliInProcess([
        'generate',
        'examples/shop.sql',
        '-r',
        '20',
        '-F',
        format,
        '-f',
        link,
      ]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(join('real', `data.${format}`));
      expect(statSync(target).size).toBeGreaterThan(1000);
    }
    expect(temporaries(dir)).toEqual([]);
    expect(temporaries(realDir)).toEqual([]);
  });

  it('/dev/stdout is written directly: the same bytes as -f -, and a redirected file is not replaced', () => {
    const base = ['generate', 'examples/shop.sql', '-r', '20'];
    const viaDash = runCli([...base, '-f', '-']);
    const viaDevice = runCli([...base, '-f', '/dev/stdout']);
    expect(viaDevice.stderr).toBe('');
    expect(viaDevice.status).toBe(0);
    expect(viaDevice.stdout).toBe(viaDash.stdout);
    // stdout redirected to a regular file (`> out.sql`): the same inode is written, not renamed over.
    const dir = tempDir();
    const file = join(dir, 'redirected.sql');
    writeFileSync(file, '');
    const inode = statSync(file).ino;
    const fd = openSync(file, 'w');
    try {
      const r = runWithStdout([...base, '-f', '/dev/stdout'], fd);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(statSync(file).ino).toBe(inode);
    expect(readFileSync(file, 'utf8')).toBe(viaDash.stdout);
    expect(temporaries(dir)).toEqual([]);
  });
});

describe('a full disk', () => {
  beforeAll(assertBuilt);

  it('stdout on a full device: one line, exit 1, for generate (plain, custom), plan and --help', () => {
    const dir = tempDir();
    const full = deviceNode(dir, 'full', 7);
    const fd = openSync(full, 'w');
    try {
      for (const args of [
        ['generate', 'examples/shop.sql', '-r', '50'],
        ['generate', 'examples/shop.sql', '-r', '50', '-F', 'c'],
        ['plan', 'examples/shop.sql'],
        ['generate', '--help'],
        ['--help'],
      ]) {
        const r = runWithStdout(args, fd);
        expect(r.stderr, args.join(' ')).toBe(
          'datagen: error: could not write to output: No space left on device\n',
        );
        expect(r.status).toBe(1);
      }
    } finally {
      closeSync(fd);
    }
    expect(statSync(full).isCharacterDevice()).toBe(true);
  });

  it('--file onto a full device node: one line, exit 1, the device left a device', async () => {
    const dir = tempDir();
    const full = deviceNode(dir, 'full', 7);
    // Both formats through the library (its sinks write), the CLI once.
    for (const format of ['plain', 'custom'] as const) {
      const run = generate({ schema: ['examples/shop.sql'], defaultRows: 50, format, output: full });
      expect(await oneLineRefusal(run, 1, format)).toMatch(/no space left|disk is full/i);
      expect(statSync(full).isCharacterDevice()).toBe(true);
    }
    const r = await runCliInProcess([
      'generate',
      'examples/shop.sql',
      '-r',
      '50',
      '-F',
      'custom',
      '-f',
      full,
    ]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no space left|disk is full/i);
    expect(statSync(full).isCharacterDevice()).toBe(true);
  });

  /**
   * A 1 MiB tmpfs when this process may mount one (root in a container);
   * else a 1 MiB file-size limit (ulimit -f) through a shell, with SIGXFSZ ignored so the write fails with EFBIG.
   */
  function smallDisk(): {
    dir: string;
    run(args: string[]): Promise<{ status: number | null; stderr: string }>;
    release(): void;
  } {
    const dir = tempDir();
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir]).status === 0;
    if (mounted) {
      // In-process: the full disk is the subject, not the process.
      return { dir, run: (a) => runCliInProcess(a), release: () => void spawnSync('umount', [dir]) };
    }
    return {
      dir,
      async run(a) {
        const quoted = [process.execPath, cli, ...a].map((s) => `'${s.replaceAll("'", "'\\''")}'`).join(' ');
        const r = spawnSync('bash', ['-c', `trap '' XFSZ; ulimit -f 1024; exec ${quoted}`], {
          encoding: 'utf8',
          env: cliEnv(),
        });
        return { status: r.status, stderr: r.stderr };
      },
      release() {},
    };
  }

  it('--file on a full disk: one clear line, exit 1, the existing target untouched, no temporary left', async () => {
    const disk = smallDisk();
    try {
      for (const format of ['plain', 'custom', 'directory']) {
        const target = join(disk.dir, `out.${format}`);
        if (format === 'directory') mkdirSync(target);
        else writeFileSync(target, 'previous');
        const compress = format === 'plain' ? [] : ['-Z', '0'];
        const r = await disk.run([
          'generate',
          'examples/shop.sql',
          '-r',
          '5000',
          '-F',
          format,
          ...compress,
          '-f',
          target,
        ]);
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/^datagen: error: .*(no space left|disk is full|too large)/i);
        expect(r.stderr).not.toContain('    at ');
        if (format === 'directory') expect(bytesUnder(target)).toBe(0);
        else expect(readFileSync(target, 'utf8')).toBe('previous');
        expect(temporaries(disk.dir)).toEqual([]);
      }
    } finally {
      disk.release();
    }
  });
});

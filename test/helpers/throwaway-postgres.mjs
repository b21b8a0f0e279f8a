/**
 * A throwaway PostgreSQL server for the tests (global-setup.ts) and the
 * benchmarks: initdb + pg_ctl from the system binaries on a temp directory
 * and a free port. As root, the server runs as the `postgres` OS user
 * (initdb refuses root). Client binaries (psql, pg_restore, pg_dump) run with
 * PG* variables pointing at it. Plain JavaScript so `node bench/…` can use it
 * without a build; types in throwaway-postgres.d.mts.
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statfsSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** $PG_BINDIR, `pg_config --bindir`, then the newest /usr/lib/postgresql/N/bin with initdb and pg_ctl. */
export function findPostgresBinDir() {
  const candidates = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is optional.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (found === undefined) {
    throw new Error(
      'PostgreSQL server binaries (initdb, pg_ctl) were not found. The tests and benchmarks start a throwaway ' +
        'server and need them: on Debian/Ubuntu run `sudo apt-get install -y postgresql` (or set PG_BINDIR).',
    );
  }
  return found;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Run a program to completion; resolves with its stdout, rejects with its stderr on a non-zero exit. */
function run(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString());
      else
        reject(new Error(`${file} ${args.join(' ')} exited with ${code}: ${Buffer.concat(err).toString()}`));
    });
  });
}

/** statfs' type of a tmpfs (Linux). */
const TMPFS_MAGIC = 0x01021994;

/** Room a server directory on tmpfs asks to be left: a run's data and WAL stay under ~1.5 GB (databases dropped). */
const TMPFS_ROOM = 4 * 1024 ** 3;

/**
 * Where servers' directories go: /dev/shm where it is a tmpfs with TMPFS_ROOM free, else the OS temporary
 * directory. Every test database is a copy of template0's ~300 files and is unlinked at its drop: on ext4 that
 * was 10% of test/checks' CPU (the two sessions making and dropping databases: 37.6 of 363 s, mostly the
 * kernel's), and on tmpfs a database made and dropped cost the server 57-60 ms of CPU against 72-76 (30 in a
 * row, the same minutes); WAL and each load's relation files are written there too. A container's small
 * /dev/shm (Docker's 64 MB) fails the test and keeps the disk; DATAGEN_TEST_PG_DIR names another directory.
 */
export function serverParentDir() {
  if (process.env.DATAGEN_TEST_PG_DIR) return process.env.DATAGEN_TEST_PG_DIR;
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.type === TMPFS_MAGIC && fs.bavail * fs.bsize >= TMPFS_ROOM) return '/dev/shm';
  } catch {
    // No /dev/shm (not Linux): the OS temporary directory.
  }
  return tmpdir();
}

/** A server directory untouched this long, with no live postmaster, was left by a run that was killed. */
const ABANDONED_MS = 30 * 60 * 1000;

/**
 * Remove the directories of servers whose test run was killed before its
 * teardown (vitest stopped with SIGKILL, a machine out of disk): each holds
 * gigabytes of data and WAL that nothing else removes. A directory is removed
 * only when nothing in it changed for ABANDONED_MS and its postmaster is not
 * running, or is running for a process that is gone (the `owner` file: the
 * server outlives a killed run, holding its shared memory and port; it is
 * shut down first), so concurrent test runs keep theirs.
 */
function removeAbandonedServers() {
  for (const parent of new Set([tmpdir(), serverParentDir()])) removeAbandonedServersIn(parent);
}

function removeAbandonedServersIn(parent) {
  let names = [];
  try {
    names = readdirSync(parent).filter((n) => /^datagen-pg-[A-Za-z0-9]{6}$/.test(n));
  } catch {
    return;
  }
  for (const name of names) {
    const root = join(parent, name);
    try {
      const pidFile = join(root, 'data', 'postmaster.pid');
      const changed = Math.max(statSync(root).mtimeMs, existsSync(pidFile) ? statSync(pidFile).mtimeMs : 0);
      if (Date.now() - changed < ABANDONED_MS) continue;
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
        if (pid > 0 && processAlive(pid) && !shutDownOrphan(root, pid)) continue;
      }
      rmSync(root, { recursive: true, force: true });
    } catch {
      // Another run's directory, removed or changed meanwhile: leave it.
    }
  }
}

/**
 * A running postmaster whose owner (the process that started it, written in
 * `owner`) is gone: shut down at once (SIGQUIT, PostgreSQL's immediate
 * shutdown), waiting up to 10 s for it to exit. False where it has a live
 * owner, no owner file (a server of an older run: left alone) or outlives the wait.
 */
function shutDownOrphan(root, pid) {
  const ownerFile = join(root, 'owner');
  if (!existsSync(ownerFile)) return false;
  const owner = Number(readFileSync(ownerFile, 'utf8').trim());
  if (!(owner > 0) || processAlive(owner)) return false;
  process.kill(pid, 'SIGQUIT');
  const until = Date.now() + 10_000;
  while (processAlive(pid) && Date.now() < until) execFileSync('sleep', ['0.1']);
  return !processAlive(pid);
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Start a server. Returns { binDir, host, port, user, run(bin, args), createDatabase(name), stop() }.
 * Always call stop() (in a finally): it stops the server and removes its directory.
 * `options.settings`: extra `-c name=value` server settings; `options.binDir`:
 * server binaries other than the system's (PostgreSQL 18 from
 * postgres-packages.ts), with `options.env` for them (their library path).
 */
export async function startPostgres(config = {}) {
  const binDir = config.binDir ?? findPostgresBinDir();
  removeAbandonedServers();
  const root = mkdtempSync(join(serverParentDir(), 'datagen-pg-'));
  writeFileSync(join(root, 'owner'), `${process.pid}\n`);
  const dataDir = join(root, 'data');
  const port = await freePort();
  let ids = {};
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
    chmodSync(root, 0o755);
    ids = { uid, gid };
  }
  const server = (bin, args) =>
    run(join(binDir, bin), args, { ...ids, env: { ...process.env, ...config.env, LC_ALL: 'C.UTF-8' } });
  const stop = async () => {
    try {
      if (existsSync(join(dataDir, 'postmaster.pid')))
        await server('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  try {
    await server('initdb', [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
      '--locale=C.UTF-8',
    ]);
    const options = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${root}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_wal_size=1GB',
      '-c shared_buffers=256MB',
      '-c max_connections=100',
      ...(config.settings ?? []).map((setting) => `-c ${setting}`),
    ].join(' ');
    await server('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', 'start']);
  } catch (error) {
    await stop();
    throw error;
  }
  const env = {
    ...process.env,
    PGHOST: '127.0.0.1',
    PGPORT: String(port),
    PGUSER: 'postgres',
    PGDATABASE: 'postgres',
  };
  const client = (bin, args) => run(join(binDir, bin), args, { env });
  return {
    binDir,
    host: '127.0.0.1',
    port,
    user: 'postgres',
    run: client,
    async createDatabase(name) {
      await client('psql', [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `CREATE DATABASE ${name} TEMPLATE template0`,
      ]);
      return name;
    },
    stop,
  };
}

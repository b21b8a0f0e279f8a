/**
 * Vitest global setup: starts one throwaway PostgreSQL server for the run
 * (initdb + pg_ctl from the system binaries, a temp directory, a free port)
 * and stops it at the end. Each test file makes its own database with
 * `createTestDatabase()` (see database.ts).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findPostgresBinDir, pgBin } from './postgres-binaries.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { host: string; port: number; user: string; binDir: string };
  }
}

function freePort(): Promise<number> {
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

export default async function setup(project: TestProject): Promise<() => void> {
  const binDir = findPostgresBinDir();
  const root = mkdtempSync(join(tmpdir(), 'datagen-pg-'));
  const dataDir = join(root, 'data');
  const port = await freePort();
  // initdb refuses to run as root; run the server as the `postgres` OS user then.
  const asRoot = process.getuid?.() === 0;
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
    chmodSync(root, 0o755);
  }
  const run = (bin: string, args: string[]) =>
    execFileSync(pgBin(binDir, bin), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(uid === undefined ? {} : { uid, gid }),
      env: { ...process.env, LC_ALL: 'C.UTF-8' },
    });
  run('initdb', [
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
    '-c max_connections=100',
    '-c shared_buffers=256MB',
    '-c max_wal_size=4GB',
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(root, 'server.log'), '-w', 'start']);
  project.provide('pg', { host: '127.0.0.1', port, user: 'postgres', binDir });
  return () => {
    try {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
}

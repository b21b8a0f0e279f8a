/**
 * The built CLI (`node dist/cli/main.js`) as a real process, for the fault
 * tests: run to completion, or spawn and act on it mid-run (signals, closed
 * pipes), and look for temporary files left behind.
 */
import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const cli = join(import.meta.dirname, '../../dist/cli/main.js');

export function assertBuilt(): void {
  if (!existsSync(cli))
    throw new Error('dist/cli/main.js is missing: run `npm run build` first (npm test does)');
}

/** The child's environment: no CI marker unless asked (progress and notices depend on it). */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, CI: '1', ...extra };
}

export interface CliResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `datagen args` to completion (stdout and stderr captured). */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: 120_000,
    env: options.env ?? cliEnv(),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Run `command args` to completion without blocking the worker (spawnSync
 * would: the file's other tests and vitest's RPC wait meanwhile, and under
 * load the RPC times out with "Timeout calling onTaskUpdate"); stdout and
 * stderr captured, killed after `timeout` ms.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string | Buffer; timeout?: number } = {},
): Promise<CliResult> {
  const child = spawn(command, args, {
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  // A child that exits before reading its input closes the pipe: that is its status's business, not an error here.
  child.stdin.on('error', () => {});
  child.stdin.end(options.input);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** runCli without blocking the worker (see runProcess): for files whose tests run concurrently. */
export function runCliAsync(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  return runProcess(process.execPath, [cli, ...args], { ...options, env: options.env ?? cliEnv() });
}

/** Start `datagen args`; `stdio` as for child_process.spawn (default: all piped). */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [cli, ...args], { env: cliEnv(), stdio: 'pipe', ...options });
}

/** Resolves with the exit of `child` and everything it wrote to stderr (fails after `timeoutMs`). */
export function exited(
  child: ChildProcess,
  timeoutMs = 60_000,
): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`datagen did not exit within ${timeoutMs} ms (hung); stderr:\n${stderr}`));
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr });
    });
  });
}

/** Poll `condition` every 20 ms until it holds (fails after `timeoutMs`). */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** datagen's temporary files and directories in `dir` (`.NAME.datagen-PID-HEX.tmp`). */
export function temporaries(dir: string): string[] {
  return readdirSync(dir).filter((name) => /\.datagen-\d+-[0-9a-f]+\.tmp$/.test(name));
}

/** Directory `name` under `dir`, made: one test's own, so a check for leftover temporaries never sees another concurrent test's file. */
export function ownDirUnder(dir: string, name: string): string {
  const own = join(dir, name);
  mkdirSync(own, { recursive: true });
  return own;
}

/**
 * The CLI run with `args` exits `status` with one line of error (no stack trace), leaving no temporary in `where`;
 * its stderr. `run`: how it is run (a process, or cli-in-process.ts' runCliInProcess).
 */
export async function refusedCleanly(
  args: readonly string[],
  where: string,
  status = 2,
  run: (args: readonly string[]) => Promise<CliResult> = runCliAsync,
): Promise<string> {
  const r = await run(args);
  expect(r.stderr).not.toMatch(/\n\s+at |TypeError|RangeError|internal error/);
  expect(r.status, r.stderr).toBe(status);
  expect(temporaries(where)).toEqual([]);
  return r.stderr;
}

/** Bytes under `path`: a file's size, or the sum over a directory's files. */
export function bytesUnder(path: string): number {
  const info = statSync(path, { throwIfNoEntry: false });
  if (info === undefined) return 0;
  if (!info.isDirectory()) return info.size;
  return readdirSync(path).reduce((sum, name) => sum + bytesUnder(join(path, name)), 0);
}

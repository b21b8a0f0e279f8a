/**
 * The CLI run in the test's own process (src/cli/run-main.ts' runMain), for
 * the tests whose subject is what a command writes and its exit status, not
 * the process: the same CliResult as runCli/runCliAsync (cli-process.ts)
 * without starting Node, compiling the bundle and loading the parser for
 * each run (~0.6 s of CPU). Signals, pipes, the environment (TMPDIR, HOME)
 * and a working directory stay with the process helpers, as does a --resume of a
 * run that failed in-process (a temporary's name holds the PID: the resumed run
 * takes it for a live run's).
 */
import { Writable } from 'node:stream';
import type { CliIo } from '../../src/cli/cli-io.js';
import { runMain } from '../../src/cli/run-main.js';
import { type CliResult, cliEnv, refusedCleanly } from './cli-process.js';
import { pinDeflateWorkers } from './deflate-pinned.js';

/** A stream that keeps what is written to it (a pipe's: not a terminal). */
function collector(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      done();
    },
  });
  return {
    stream: Object.assign(stream, { isTTY: false }) as unknown as NodeJS.WriteStream,
    text: () => Buffer.concat(chunks).toString('utf8'),
  };
}

/** `datagen args` run to its exit status in this process, its stdout and stderr captured (as runCliAsync's child, CI=1). */
export async function runCliInProcess(args: readonly string[]): Promise<CliResult> {
  pinDeflateWorkers();
  const [stdout, stderr] = [collector(), collector()];
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, env: cliEnv() };
  const status = await runMain(args, io);
  return { status, signal: null, stdout: stdout.text(), stderr: stderr.text() };
}

/** cli-process.ts' refusedCleanly, the command run in this process. */
export function refusedInProcess(args: readonly string[], where: string, status = 2): Promise<string> {
  return refusedCleanly(args, where, status, runCliInProcess);
}

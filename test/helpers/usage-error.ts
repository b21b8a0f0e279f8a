/**
 * The message of a usage error (exit 2) a parse throws, as the CLI prints it before its help line; and of the
 * one-line error a library run fails with, as the CLI prints it (`datagen: error: MESSAGE`, that exit status).
 */
import { expect } from 'vitest';
import { isDatagenError } from '../../src/errors.js';

/** The message of the usage error `fn` throws (exit 2, never anything else), without the help line. */
export function usageErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (!isDatagenError(error)) throw error;
    expect(error.exitCode).toBe(2);
    return error.message.replace(/\nRun `datagen generate --help` for the options\.$/, '');
  }
  throw new Error('no error');
}

/**
 * The message of the error `run` (a library call) fails with: a DatagenError of one line with `exitCode`, what
 * the CLI prints as `datagen: error: MESSAGE` and exits with; never an internal error. `what` names the run.
 */
export async function oneLineRefusal(run: Promise<unknown>, exitCode: number, what: string): Promise<string> {
  const error = await run.then(
    () => new Error(`${what}: no error`),
    (e: unknown) => e,
  );
  if (!isDatagenError(error)) throw error;
  expect(error.exitCode, what).toBe(exitCode);
  expect(error.message.split('\n'), what).toHaveLength(1);
  return error.message;
}

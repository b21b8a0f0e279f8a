/** The message of a usage error (exit 2) a parse throws, as the CLI prints it before its help line. */
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

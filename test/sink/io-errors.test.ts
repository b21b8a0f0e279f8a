/**
 * What a failed write is told as: a file-system error as a DatagenError about
 * the path (what, where, how to fix), and an error of the rows being made
 * (a RangeError such as a stack overflow, a TypeError) as itself, so the CLI
 * reports an internal error to report rather than "cannot write FILE:
 * Maximum call stack size exceeded", which sent users to their disk.
 */
import { describe, expect, it } from 'vitest';
import { DatagenError } from '../../src/errors.js';
import { ioError } from '../../src/sink/file-sink.js';

describe('ioError', () => {
  it('a file-system error is a DatagenError naming the path and the fix', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
    const told = ioError(full, '/data/out.sql', 'write');
    expect(told).toBeInstanceOf(DatagenError);
    expect(told.message).toMatch(/^cannot write \/data\/out\.sql: /);
  });

  it('an error of the rows being made stays itself, not an I/O error', () => {
    for (const error of [
      new RangeError('Maximum call stack size exceeded'),
      new TypeError('x is not a function'),
    ])
      expect(ioError(error, '/data/out.sql', 'write')).toBe(error);
  });
});

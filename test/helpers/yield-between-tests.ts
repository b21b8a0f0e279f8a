import { afterEach } from 'vitest';

/**
 * Lets the worker's event loop reach its poll phase after every test. A file
 * of synchronous tests otherwise never yields to I/O, and vitest's 60 s
 * worker RPC timer (no option sets it) fires before the runner's reply to
 * `onTaskUpdate` is read: every test passes and the run still fails with
 * "Timeout calling onTaskUpdate" on a loaded machine (seen on test/types).
 */
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

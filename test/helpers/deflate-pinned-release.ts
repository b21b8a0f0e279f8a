import { afterAll } from 'vitest';
import { releaseDeflateWorkers } from './deflate-pinned.js';

/** A setup file: the deflate workers a test file's helpers kept (deflate-pinned.ts) are let go after it. */
afterAll(() => releaseDeflateWorkers());

/**
 * SHA-256 with `node:crypto` loaded on first use: importing it initialises
 * OpenSSL, ~9 ms of CPU (`perf stat`: `node -e 0` 60 ms, with
 * `require('node:crypto')` 68), which a run that hashes nothing (COPY text,
 * an archive, a plain script) never needs. Table files, their manifest and
 * `--resume` hash; they load it.
 */
import type * as Crypto from 'node:crypto';
import { createRequire } from 'node:module';

let crypto: typeof Crypto | undefined;

/** A new SHA-256 hash. */
export function sha256(): Crypto.Hash {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof Crypto;
  return crypto.createHash('sha256');
}

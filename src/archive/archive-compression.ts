/**
 * Validates the compression option and says what each writer does with it.
 */
import { DatagenError, ErrorCodes } from '../errors.js';
import type { ArchiveCompression } from './archive-entry.js';

export interface ResolvedCompression {
  /** 'zlib' in the writers' terms means "deflate"; custom format wraps it as zlib, directory as gzip. */
  readonly compressed: boolean;
  /** What archive 1.14's header int says: 0 (none) or 1..9. */
  readonly level: number;
  /** zlib's memLevel when compressed and asked for (absent: zlib's default, 8). */
  readonly memLevel?: number;
}

/**
 * Check a compression choice. gzip level 0 is no compression (pg_dump's
 * `-Z 0`), since archive 1.14 has no way to say "zlib, level 0".
 */
export function resolveArchiveCompression(compression: ArchiveCompression): ResolvedCompression {
  const { method, level } = compression;
  if (method === 'none') return { compressed: false, level: 0 };
  if (method === 'lz4' || method === 'zstd') {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `${method} compression needs archive version 1.15 (read only by pg_restore 16 and later), which datagen ` +
        'does not write yet; use --compress gzip[:LEVEL] or --compress none',
      { method, level },
    );
  }
  if (method !== 'gzip') {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `unknown compression method "${String(method)}"; use gzip or none`,
      { method, level },
    );
  }
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `gzip compression level must be an integer from 0 to 9, got ${level}`,
      { method, level },
    );
  }
  if (level === 0) return { compressed: false, level: 0 };
  const { memLevel } = compression;
  if (memLevel !== undefined && (!Number.isInteger(memLevel) || memLevel < 1 || memLevel > 9))
    throw new RangeError(`zlib memLevel must be an integer from 1 to 9, got ${memLevel}`);
  return memLevel === undefined ? { compressed: true, level } : { compressed: true, level, memLevel };
}

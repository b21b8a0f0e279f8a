/**
 * `datagen verify DIR`: a table-file directory (`-F csv|jsonl|parquet`)
 * checked against its `manifest.json`: every file listed is there, with the
 * listed size and SHA-256. Files the manifest does not list are reported but
 * are no failure (a README a user put beside the data).
 */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { counted, DatagenError, ErrorCodes } from '../errors.js';
import { MANIFEST_FILE, type Manifest, type ManifestFile } from '../format/manifest.js';
import { hashFile } from '../sink/resume-directory.js';

export interface VerifyFinding {
  /** The file's name in the directory. */
  readonly file: string;
  /** `missing`, `size`, `sha256`: the file does not match (a failure); `extra`: not in the manifest (a note). */
  readonly kind: 'missing' | 'size' | 'sha256' | 'extra';
  readonly message: string;
}

export interface VerifyResult {
  /** Files the manifest lists. */
  readonly files: number;
  readonly bytes: number;
  readonly findings: readonly VerifyFinding[];
  /** No file missing or different. */
  readonly ok: boolean;
}

/** The manifest of `directory` (or the manifest file `directory` names, when it ends in `.json`). */
export async function readManifest(directory: string): Promise<Manifest> {
  const path = directory.endsWith('.json') ? directory : join(directory, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DatagenError(
      ErrorCodes.IO,
      missing
        ? `${path}: no manifest; give a directory written by datagen -F csv, jsonl or parquet (a run that did not finish has none: rerun it with --resume)`
        : `${path}: cannot be read (${(error as Error).message})`,
      { path },
    );
  }
  try {
    const manifest = JSON.parse(text) as Manifest;
    if (!Array.isArray(manifest.tables) || !manifest.tables.every((t) => Array.isArray(t.files)))
      throw new Error('no tables with files');
    return manifest;
  } catch (error) {
    throw new DatagenError(
      ErrorCodes.IO,
      `${path}: not a datagen manifest (${(error as Error).message}); it was changed or is from another tool`,
      { path },
    );
  }
}

async function checkFile(directory: string, file: ManifestFile): Promise<VerifyFinding | null> {
  const found = await hashFile(join(directory, file.name));
  if (found === null) {
    return {
      file: file.name,
      kind: 'missing',
      message: `${file.name}: missing (the manifest lists ${counted(file.bytes, 'byte')}, ${counted(file.rows, 'row')})`,
    };
  }
  if (found.bytes !== file.bytes) {
    return {
      file: file.name,
      kind: 'size',
      message: `${file.name}: ${counted(found.bytes, 'byte')}, the manifest says ${file.bytes} (truncated or appended to)`,
    };
  }
  if (found.sha256 !== file.sha256) {
    return {
      file: file.name,
      kind: 'sha256',
      message: `${file.name}: content differs from the manifest (SHA-256 ${found.sha256}, expected ${file.sha256})`,
    };
  }
  return null;
}

/** Check every file of `directory` against its manifest. */
export async function verifyDirectory(directory: string): Promise<VerifyResult> {
  const manifest = await readManifest(directory);
  const listed = manifest.tables.flatMap((t) => t.files);
  const findings: VerifyFinding[] = [];
  for (const file of listed) {
    const finding = await checkFile(directory, file);
    if (finding !== null) findings.push(finding);
  }
  const known = new Set([MANIFEST_FILE, ...listed.map((f) => f.name)]);
  for (const name of (await readdir(directory)).sort()) {
    if (!known.has(name))
      findings.push({ file: name, kind: 'extra', message: `${name}: not in the manifest (left alone)` });
  }
  return {
    files: listed.length,
    bytes: listed.reduce((n, f) => n + f.bytes, 0),
    findings,
    ok: findings.every((f) => f.kind === 'extra'),
  };
}

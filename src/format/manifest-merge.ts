/**
 * The manifests of shards 1..N of one run (`--shard K/N --chunk-size`, whose
 * chunk files are named apart: `public.orders.s0003.0001.csv`) merged into
 * one: the files of every table in shard order, so a directory holding all
 * the shards' files and the merged manifest passes `datagen verify` as one
 * run. The shards must be of the same command (version, format, seed,
 * options, row counts), each once, and their files must cover every table's
 * rows.
 */

import { counted, DatagenError, ErrorCodes } from '../errors.js';
import { displayName } from '../schema/names.js';
import { runDifferences } from '../sink/run-differences.js';
import { type Manifest, type ManifestFile, recordedShard } from './manifest.js';

export interface ShardManifest {
  /** Where it was read (for messages). */
  readonly path: string;
  readonly manifest: Manifest;
}

function mergeError(message: string, path: string): DatagenError {
  return new DatagenError(ErrorCodes.BAD_OPTION, message, { path });
}

/** What must be equal across the shards: everything but the shard and the files. */
function runIdentity(manifest: Manifest): string {
  const { shard: _shard, ...options } = manifest.options;
  return JSON.stringify({
    datagen: manifest.datagen,
    format: manifest.format,
    seed: manifest.seed,
    options,
    tables: manifest.tables.map((t) => ({ schema: t.schema, name: t.name, rows: t.rows })),
  });
}

function shardOf(entry: ShardManifest): { index: number; count: number } {
  const shard = recordedShard(entry.manifest);
  if (shard === undefined)
    throw mergeError(
      `${entry.path}: not the manifest of a shard (its run had no --shard K/N); give the manifests of shards 1..N`,
      entry.path,
    );
  return shard;
}

/** Shards in order 1..N: each once, all of the same N. */
function orderedShards(entries: readonly ShardManifest[]): ShardManifest[] {
  const count = shardOf(entries[0]!).count;
  const byIndex = new Map<number, ShardManifest>();
  for (const entry of entries) {
    const shard = shardOf(entry);
    if (shard.count !== count)
      throw mergeError(
        `${entry.path}: shard ${shard.index}/${shard.count}, the others are of ${count}`,
        entry.path,
      );
    const twin = byIndex.get(shard.index);
    if (twin !== undefined)
      throw mergeError(`${entry.path}: shard ${shard.index}/${count} again (also ${twin.path})`, entry.path);
    byIndex.set(shard.index, entry);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((k) => !byIndex.has(k));
  if (missing.length > 0)
    throw mergeError(
      `${entries[0]!.path}: shards ${missing.map((k) => `${k}/${count}`).join(', ')} missing; give the manifests of all ${count} shards`,
      entries[0]!.path,
    );
  return Array.from({ length: count }, (_, i) => byIndex.get(i + 1)!);
}

/** The merged manifest of shards 1..N (in any order). */
export function mergeShardManifests(entries: readonly ShardManifest[]): Manifest {
  if (entries.length === 0) throw mergeError('no manifests to merge; give the shards’ directories', '');
  const shards = orderedShards(entries);
  const first = shards[0]!;
  const identity = runIdentity(first.manifest);
  for (const entry of shards) {
    const other = runIdentity(entry.manifest);
    if (other !== identity) {
      const differences = runDifferences(identity, other, [], `${entry.path}:`);
      throw mergeError(
        `${entry.path}: not the same run as ${first.path}: ${differences.length > 0 ? differences.join('; ') : 'datagen version, format, seed, options or row counts differ'}; every shard must run the same command`,
        entry.path,
      );
    }
  }
  const seen = new Map<string, string>();
  const tables = first.manifest.tables.map((table, t) => {
    const files: ManifestFile[] = [];
    for (const entry of shards) {
      for (const file of entry.manifest.tables[t]?.files ?? []) {
        const other = seen.get(file.name);
        if (other !== undefined)
          throw mergeError(
            `${entry.path}: ${file.name} is also in ${other}; shards' files have distinct names only with --chunk-size (without it, concatenate the shards' files instead)`,
            entry.path,
          );
        seen.set(file.name, entry.path);
        files.push(file);
      }
    }
    const rows = files.reduce((n, f) => n + f.rows, 0);
    if (rows !== table.rows)
      throw mergeError(
        `${first.path}: the shards' files of ${displayName(table)} hold ${counted(rows, 'row')}, the run has ${table.rows}`,
        first.path,
      );
    return { ...table, files };
  });
  return {
    ...first.manifest,
    options: { ...first.manifest.options, shard: null, shards: shards.length },
    tables,
  };
}

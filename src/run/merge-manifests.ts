/**
 * `datagen merge-manifests DIR...`: the manifests of a run's shards (each
 * shard's directory, or its manifest.json) read and merged into the
 * manifest of the whole run (format/manifest-merge.ts).
 */
import { type Manifest, manifestJson } from '../format/manifest.js';
import { mergeShardManifests } from '../format/manifest-merge.js';
import { readManifest } from './verify.js';

/** The merged manifest of the shards whose directories (or manifest files) are `paths`, in any order. */
export async function mergeManifests(paths: readonly string[]): Promise<Manifest> {
  const entries = [];
  for (const path of paths) entries.push({ path, manifest: await readManifest(path) });
  return mergeShardManifests(entries);
}

/** `mergeManifests` as the text of a manifest.json. */
export async function mergedManifestText(paths: readonly string[]): Promise<string> {
  return manifestJson(await mergeManifests(paths));
}

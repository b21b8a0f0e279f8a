/**
 * `manifest.json`: what a table-file directory holds, written last (its
 * presence marks a complete run): the datagen version, the seed and the
 * options that shape the bytes, and per table its rows and files (name,
 * rows, bytes, SHA-256). No time or host in it: the same command gives the
 * same manifest, interrupted and resumed or not. `datagen verify DIR` checks
 * the files against it (run/verify.ts).
 */

import type { ValueSource } from '../generate/value-source.js';
import type { WrittenFile } from '../sink/directory-sink.js';
import { sha256 } from '../sink/sha256.js';
import { effectiveGeneratorVersion, VERSION } from '../version.js';
import { dataTables } from './data-statements.js';
import type { Shard, TableFilesOptions } from './table-files.js';

export const MANIFEST_FILE = 'manifest.json';

export interface ManifestFile {
  readonly name: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export interface ManifestTable {
  readonly schema: string;
  readonly name: string;
  readonly rows: number;
  readonly files: readonly ManifestFile[];
}

/** Everything of the manifest but the files: what identifies the run (a resumed run must match it). */
export interface ManifestHeader {
  readonly datagen: string;
  /** The value generators' version (see GENERATOR_VERSION): the same version, seed and options give the same bytes. */
  readonly generators: number;
  readonly format: string;
  readonly seed: number;
  readonly options: Readonly<Record<string, unknown>>;
  readonly tables: readonly Omit<ManifestTable, 'files'>[];
}

export interface Manifest extends ManifestHeader {
  readonly tables: readonly ManifestTable[];
}

/** The shard a manifest's run wrote (`options.shard` as `--shard K/N` records it), read from any JSON: undefined when none. */
export function recordedShard(manifest: unknown): Shard | undefined {
  const shard = (manifest as { options?: { shard?: { index?: unknown; count?: unknown } | null } } | null)
    ?.options?.shard;
  return typeof shard?.index === 'number' && typeof shard.count === 'number'
    ? { index: shard.index, count: shard.count }
    : undefined;
}

export function manifestHeader(source: ValueSource, options: TableFilesOptions): ManifestHeader {
  const plan = source.plan;
  return {
    datagen: VERSION,
    generators: effectiveGeneratorVersion(plan.generatorVersion),
    format: options.format,
    seed: plan.seed,
    options: {
      compression: options.compression ?? null,
      chunkSize: options.chunkSize ?? null,
      shard: options.shard ?? null,
      referenceTime: plan.referenceTime,
      ...(plan.locale === undefined ? {} : { locale: plan.locale }),
      ...options.settings,
      plan: planDigest(source),
    },
    tables: dataTables(source).map(({ index, table }) => ({
      schema: table.schema,
      name: table.name,
      rows: plan.tables[index]?.rows ?? 0,
    })),
  };
}

/**
 * SHA-256 of what the plan decided per column and foreign key (sources,
 * bounds, NULL rates, the configuration's settings, fan-out): a resumed run
 * whose configuration changed the values does not take over the old files.
 */
function planDigest(source: ValueSource): string {
  const decided = source.plan.tables.map((t) => [
    t.table.schema,
    t.table.name,
    t.columns.map((c) => [c.column.name, c.reason, c.nullRate, c.hints, c.steer ?? null]),
    t.foreignKeys.map((f) => [f.fk.name, f.pick, f.nullRate, f.fanOut ?? null]),
  ]);
  return sha256().update(JSON.stringify(decided)).digest('hex');
}

/** The manifest's text: `header` with each table's files, in the order written. */
export function manifestText(
  header: ManifestHeader,
  files: readonly WrittenFile[],
  owners: ReadonlyMap<string, { readonly schema: string; readonly table: string }>,
): string {
  const manifest: Manifest = {
    ...header,
    tables: header.tables.map((t) => ({
      ...t,
      files: files
        .filter((f) => owners.get(f.name)?.schema === t.schema && owners.get(f.name)?.table === t.name)
        .map((f) => ({ name: f.name, rows: f.rows, bytes: f.bytes, sha256: f.sha256 })),
    })),
  };
  return manifestJson(manifest);
}

/**
 * The files a manifest lists, when it is the manifest of the run `header`
 * describes (the same version, seed, options, plan and row counts); their
 * tables noted in `owners`. Undefined for another run's manifest.
 */
export function completedFiles(
  header: ManifestHeader,
  text: string,
  owners: Map<string, { readonly schema: string; readonly table: string }>,
): WrittenFile[] | undefined {
  const manifest = JSON.parse(text) as Manifest;
  const tables: readonly ManifestTable[] = Array.isArray(manifest.tables) ? manifest.tables : [];
  const without = { ...manifest, tables: tables.map(({ files: _files, ...t }) => t) };
  if (JSON.stringify(without) !== JSON.stringify(header)) return undefined;
  return tables.flatMap((t) =>
    (t.files ?? []).map((f: ManifestFile) => {
      owners.set(f.name, { schema: t.schema, table: t.name });
      return { name: f.name, rows: f.rows, bytes: f.bytes, sha256: f.sha256 };
    }),
  );
}

/** A manifest as the text of manifest.json. */
export function manifestJson(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

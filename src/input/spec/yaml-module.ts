/**
 * The `yaml` package, loaded on first use: only a run with a configuration
 * file or a YAML schema spec reads YAML, and loading it costs every other run
 * ~30 ms of CPU at startup (its modules compiled and evaluated). Synchronous
 * (`require`: the package is CommonJS on Node), so the readers stay
 * synchronous; its types are imported as types only.
 */
import { createRequire } from 'node:module';
import type { Scalar, YAMLMap, YAMLSeq } from 'yaml';

type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

/** The package (loaded now if not yet). */
export function yamlModule(): Yaml {
  loaded ??= createRequire(import.meta.url)('yaml') as Yaml;
  return loaded;
}

/** `yaml`'s `isMap`. */
export function isMap<K = unknown, V = unknown>(node: unknown): node is YAMLMap<K, V> {
  return yamlModule().isMap(node);
}

/** `yaml`'s `isScalar`. */
export function isScalar<T = unknown>(node: unknown): node is Scalar<T> {
  return yamlModule().isScalar(node);
}

/** `yaml`'s `isSeq`. */
export function isSeq<T = unknown>(node: unknown): node is YAMLSeq<T> {
  return yamlModule().isSeq(node);
}

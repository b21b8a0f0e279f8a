/**
 * YAML anchors, aliases and merge keys in a configuration or a schema spec
 * (`note: &words {values: [a, b]}` ... `body: *words`, `<<: *defaults`):
 * the readers walk the document's nodes, so each alias is replaced by the
 * node it names and each `<<` by the pairs of the map(s) it names (the map's
 * own keys winning), before they read it. The node is shared, not copied,
 * and each node is walked once, so an alias bomb ("billion laughs": lists
 * of aliases of lists of aliases) costs what its text does; an alias inside
 * the node it names (`a: &a {b: *a}`) is an error at its place.
 */
import type { Document, Node, Pair } from 'yaml';
import type { ConfigReader } from './config-reader.js';
import { isMap, isScalar, isSeq, yamlModule } from './yaml-module.js';

/** `doc` with its aliases and merge keys resolved in place. */
export function resolveAliases(doc: Document.Parsed, reader: ConfigReader): void {
  const { isAlias } = yamlModule();
  // Anchors as met in document order (an alias names the last one before it): yaml's Alias.resolve walks the
  // whole document for each alias, which once aliases are replaced would walk every shared node again.
  const anchors = new Map<string, unknown>();
  const done = new Set<unknown>();
  const open = new Set<unknown>();
  const target = (node: unknown): unknown => {
    if (!isAlias(node)) return node;
    const found = anchors.get(node.source);
    if (found === undefined) throw reader.error(node, `alias *${node.source} names no anchor before it`);
    if (open.has(found))
      throw reader.error(
        node,
        `alias *${node.source} is inside the node &${node.source} it names: it would contain itself`,
      );
    return found;
  };
  const walk = (node: unknown): void => {
    if (done.has(node)) return;
    const anchor = (node as { anchor?: unknown } | null)?.anchor;
    if (typeof anchor === 'string') anchors.set(anchor, node);
    done.add(node);
    if (!(isMap(node) || isSeq(node))) return;
    open.add(node);
    if (isSeq(node)) {
      node.items = node.items.map((item) => {
        const resolved = target(item);
        walk(resolved);
        return resolved;
      });
    } else {
      const own: Pair[] = [];
      const merged: Pair[] = [];
      for (const pair of node.items as Pair[]) {
        pair.value = target(pair.value);
        walk(pair.value);
        if (isScalar(pair.key) && pair.key.value === '<<') merged.push(...mergedPairs(pair, target, reader));
        else own.push(pair);
      }
      node.items = [...withoutKeysOf(own, merged), ...own];
    }
    open.delete(node);
  };
  walk(doc.contents);
}

/** `merged` less the keys `own` has (and each key once, the first winning). */
function withoutKeysOf(own: readonly Pair[], merged: readonly Pair[]): Pair[] {
  const keyOf = (p: Pair) => (isScalar(p.key) ? p.key.value : p.key);
  const keys = new Set(own.map(keyOf));
  return merged.filter((p) => {
    const key = keyOf(p);
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

/** The pairs a `<<` brings: those of the map it names, or of each map of the list it names (the first winning). */
function mergedPairs(pair: Pair, target: (node: unknown) => unknown, reader: ConfigReader): Pair[] {
  const value = pair.value;
  const sources = isSeq(value) ? value.items.map(target) : [value];
  return sources.flatMap((source) => {
    if (!isMap(source))
      throw reader.error(pair.key as Node, '<< (a merge key) takes a map, or a list of maps, to merge');
    return source.items as Pair[];
  });
}

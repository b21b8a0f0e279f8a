/**
 * A small TOC reader for tests: the entries of an archive as the real
 * `pg_restore -l -v` lists them (dump id, desc, namespace, tag, owner,
 * dependencies), with each entry's section from `--section` listings.
 */
import type { TestDatabase } from './database.js';

export interface TocEntry {
  readonly id: number;
  readonly desc: string;
  readonly namespace: string;
  readonly tag: string;
  readonly owner: string;
  readonly deps: readonly number[];
  /** pre-data, data, post-data (pg_restore gives COMMENT/ACL the section of the entry before them). */
  section: string;
}

/** pg_dump's descs, longest first so `TABLE DATA` wins over `TABLE`. */
const DESCS = [
  'MATERIALIZED VIEW DATA',
  'PUBLICATION TABLES IN SCHEMA',
  'PUBLICATION TABLE',
  'PUBLICATION',
  'OPERATOR FAMILY',
  'OPERATOR CLASS',
  'STATISTICS',
  'CAST',
  'SEQUENCE OWNED BY',
  'MATERIALIZED VIEW',
  'CHECK CONSTRAINT',
  'DEFAULT ACL',
  'EVENT TRIGGER',
  'FK CONSTRAINT',
  'FOREIGN TABLE',
  'INDEX ATTACH',
  'ROW SECURITY',
  'SEQUENCE SET',
  'TABLE ATTACH',
  'TABLE DATA',
  'AGGREGATE',
  'COLLATION',
  'COMMENT',
  'CONSTRAINT',
  'DATABASE',
  'EXTENSION',
  'FUNCTION',
  'OPERATOR',
  'PROCEDURE',
  'SEQUENCE',
  'TRIGGER',
  'DEFAULT',
  'DOMAIN',
  'POLICY',
  'SCHEMA',
  'INDEX',
  'TABLE',
  'RULE',
  'TYPE',
  'VIEW',
  'ACL',
].sort((a, b) => b.length - a.length);

/** Parse `pg_restore -l -v` output. */
export function parseListing(listing: string): TocEntry[] {
  const entries: TocEntry[] = [];
  for (const line of listing.split('\n')) {
    const dep = /^;\s+depends on:(.*)$/.exec(line);
    if (dep !== null && entries.length > 0) {
      const last = entries[entries.length - 1] as TocEntry & { deps: number[] };
      last.deps.push(...(dep[1] ?? '').trim().split(/\s+/).filter(Boolean).map(Number));
      continue;
    }
    const m = /^(\d+); \d+ \d+ (.*)$/.exec(line);
    if (m === null) continue;
    const body = m[2] ?? '';
    const desc = DESCS.find((d) => body.startsWith(`${d} `)) ?? body.split(' ')[0] ?? '';
    const rest = body.slice(desc.length + 1);
    const space = rest.indexOf(' ');
    const namespace = rest.slice(0, space);
    const tail = rest.slice(space + 1);
    const cut = tail.lastIndexOf(' ');
    entries.push({
      id: Number(m[1]),
      desc,
      namespace,
      tag: tail.slice(0, cut),
      owner: tail.slice(cut + 1),
      deps: [],
      section: '',
    });
  }
  return entries;
}

/** Every entry of an archive, with sections, as pg_restore reads them (its four listings at once). */
export async function readToc(db: TestDatabase, archive: string): Promise<TocEntry[]> {
  const sections = ['pre-data', 'data', 'post-data'] as const;
  const [all, ...bySection] = await Promise.all([
    db.runAsync('pg_restore', ['-l', '-v', archive]),
    ...sections.map((section) => db.runAsync('pg_restore', ['-l', `--section=${section}`, archive])),
  ]);
  const entries = parseListing(all ?? '');
  const byId = new Map(entries.map((e) => [e.id, e]));
  sections.forEach((section, i) => {
    for (const e of parseListing(bySection[i] ?? '')) {
      const entry = byId.get(e.id);
      if (entry !== undefined) entry.section = section;
    }
  });
  return entries;
}

export const entryKey = (e: Pick<TocEntry, 'desc' | 'namespace' | 'tag'>): string =>
  `${e.desc} ${e.namespace} ${e.tag}`;

/** The keys of every entry an entry waits for, directly or through others. */
export function transitiveDependencies(entries: readonly TocEntry[]): Map<string, Set<string>> {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const closure = (start: TocEntry): Set<string> => {
    const seen = new Set<number>([start.id]);
    const out = new Set<string>();
    const stack = [...start.deps];
    while (stack.length > 0) {
      const id = stack.pop() as number;
      const d = byId.get(id);
      if (d === undefined || seen.has(id)) continue;
      seen.add(id);
      out.add(entryKey(d));
      stack.push(...d.deps);
    }
    return out;
  };
  return new Map(entries.map((e) => [entryKey(e), closure(e)]));
}

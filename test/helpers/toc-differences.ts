/**
 * datagen's archive TOC next to pg_dump's (toc-parity.test.ts for the examples, corpus.test.ts for every corpus
 * schema): the entries by (desc, namespace, tag) one has and the other lacks, the sections that differ, and
 * what an entry of pg_dump's waits for that datagen's does not, less what README ("Archives") documents.
 */
import { entryKey, type TocEntry, transitiveDependencies } from './archive-toc.js';

/**
 * Where datagen's TOC is knowingly not pg_dump's (README, "Archives"):
 * partitions are created attached (no TABLE ATTACH; a partition takes its
 * root's defaults) and keys of a partitioned table are added through the root (no per-partition CONSTRAINT / INDEX ATTACH), statements
 * pg_dump never writes (DROP, SELECT, ALTER TABLE that pg_dump folds into
 * CREATE TABLE) are kept as written, the DATABASE entry is named by
 * --archive-dbname, no SCHEMA public entry, and an extension's own comment (set by CREATE EXTENSION
 * from its control file) has no entry unless the DDL writes it.
 */
function documented(e: TocEntry, other: ReadonlySet<string>): boolean {
  if (e.desc === 'COMMENT' && e.tag.startsWith('EXTENSION ')) return true;
  // pg_dump 15 writes the public schema when its owner or ACL changed; it is never created.
  if (e.desc === 'SCHEMA' && e.tag === 'public') return true;
  if (['TABLE ATTACH', 'INDEX ATTACH', 'DATABASE'].includes(e.desc)) return true;
  if (!KNOWN_DESCS.has(e.desc)) return true;
  // Keys and indexes PostgreSQL makes on partitions when the root gets them.
  if ((e.desc === 'CONSTRAINT' || e.desc === 'INDEX') && !other.has(entryKey(e)))
    return PARTITION_KEY.test(e.tag);
  return false;
}
const PARTITION_KEY = /_(p?\d{4}|p\d{4}_\d{2}|\d{4}_\d{2})\b|_pkey$|_idx$|_key$/;
const KNOWN_DESCS = new Set([
  'SCHEMA',
  'EXTENSION',
  'TYPE',
  'DOMAIN',
  'FUNCTION',
  'PROCEDURE',
  'AGGREGATE',
  'OPERATOR',
  'TABLE',
  'VIEW',
  'MATERIALIZED VIEW',
  'COMMENT',
  'ACL',
  'TABLE DATA',
  'SEQUENCE',
  'SEQUENCE OWNED BY',
  'DEFAULT',
  'SEQUENCE SET',
  'CONSTRAINT',
  'CHECK CONSTRAINT',
  'FK CONSTRAINT',
  'INDEX',
  'TRIGGER',
  'RULE',
  'POLICY',
  'ROW SECURITY',
  'MATERIALIZED VIEW DATA',
]);

/** What differs between datagen's TOC (`ours`) and pg_dump's (`theirs`): all four lists empty when they agree. */
export function tocDifferences(ours: TocEntry[], theirs: TocEntry[]) {
  const ourKeys = new Set(ours.map(entryKey));
  const theirKeys = new Set(theirs.map(entryKey));
  const missing = theirs.filter((e) => !ourKeys.has(entryKey(e)) && !documented(e, ourKeys)).map(entryKey);
  const extra = ours.filter((e) => !theirKeys.has(entryKey(e)) && !documented(e, theirKeys)).map(entryKey);
  // Sections: COMMENT/ACL take the section of the entry before them, which differs with the order.
  const theirSection = new Map(theirs.map((e) => [entryKey(e), e.section]));
  const sections = ours
    .filter((e) => e.desc !== 'COMMENT' && e.desc !== 'ACL' && theirSection.has(entryKey(e)))
    .filter((e) => theirSection.get(entryKey(e)) !== e.section)
    .map((e) => `${entryKey(e)}: ${e.section} vs ${theirSection.get(entryKey(e))}`);
  // What each entry waits for: everything pg_dump's entry waits for that our archive has too.
  const ourDeps = transitiveDependencies(ours);
  const theirDeps = transitiveDependencies(theirs);
  const dependencies: string[] = [];
  for (const [key, wanted] of theirDeps) {
    const have = ourDeps.get(key);
    if (have === undefined) continue;
    // Skipped: data entries, and an index's extension: the operator class it comes from is only
    // known to the catalog.
    const lacking = [...wanted].filter(
      (k) =>
        ourKeys.has(k) &&
        !have.has(k) &&
        !k.startsWith('TABLE DATA ') &&
        !(key.startsWith('INDEX ') && k.startsWith('EXTENSION ')),
    );
    if (lacking.length > 0) dependencies.push(`${key} lacks ${lacking.join(', ')}`);
  }
  return { missing, extra, sections, dependencies };
}

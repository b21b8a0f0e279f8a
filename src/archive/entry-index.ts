/**
 * The TOC entries made so far, found by pg_dump's key (desc, namespace, tag)
 * or by the object a statement names (a relation may be a TABLE, VIEW,
 * SEQUENCE, INDEX…; a routine named without arguments is any overload).
 */
import type { ObjectFamily, ObjectRef, QualifiedName } from '../schema/model.js';
import type { ArchiveEntry } from './archive-entry.js';

/** An entry while the TOC is built: its definition may still grow (merged ALTERs). */
export type EntryDraft = { -readonly [K in keyof ArchiveEntry]: ArchiveEntry[K] };

const FAMILY_DESCS: Readonly<Record<ObjectFamily, readonly string[]>> = {
  relation: ['TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'FOREIGN TABLE', 'INDEX'],
  // A table's row type is a type too.
  type: ['TYPE', 'DOMAIN', 'TABLE', 'VIEW'],
  function: ['FUNCTION', 'PROCEDURE', 'AGGREGATE'],
  operator: ['OPERATOR'],
  schema: ['SCHEMA'],
  extension: ['EXTENSION'],
  constraint: ['CONSTRAINT', 'FK CONSTRAINT', 'CHECK CONSTRAINT'],
  trigger: ['TRIGGER'],
  rule: ['RULE'],
  policy: ['POLICY'],
  'event trigger': ['EVENT TRIGGER'],
  publication: ['PUBLICATION'],
  cast: ['CAST'],
  'operator class': ['OPERATOR CLASS'],
  'operator family': ['OPERATOR FAMILY'],
  statistics: ['STATISTICS'],
};

const key = (desc: string, namespace: string | null, tag: string): string =>
  `${desc}\u0000${namespace ?? ''}\u0000${tag}`;

export interface EntryIndex {
  add(entry: EntryDraft): void;
  /** The first entry with this key. */
  get(desc: string, namespace: string | null, tag: string): EntryDraft | undefined;
  /** The entry of the object a statement names, if the archive has it. */
  find(ref: ObjectRef): EntryDraft | undefined;
  /** A table's TABLE (or FOREIGN TABLE) entry. */
  table(t: QualifiedName): EntryDraft | undefined;
}

export function createEntryIndex(): EntryIndex {
  const byKey = new Map<string, EntryDraft>();
  // Routines by `desc, namespace, bare name`: the first overload, for references without arguments.
  const routines = new Map<string, EntryDraft>();
  const index: EntryIndex = {
    add(entry) {
      const k = key(entry.desc, entry.namespace, entry.tag);
      if (!byKey.has(k)) byKey.set(k, entry);
      const paren = entry.tag.indexOf('(');
      if (FAMILY_DESCS.function.includes(entry.desc) && paren > 0) {
        const bare = key(entry.desc, entry.namespace, entry.tag.slice(0, paren));
        if (!routines.has(bare)) routines.set(bare, entry);
      }
    },
    get: (desc, namespace, tag) => byKey.get(key(desc, namespace, tag)),
    find(ref) {
      for (const desc of FAMILY_DESCS[ref.family]) {
        const exact = byKey.get(key(desc, ref.schema, ref.name));
        if (exact !== undefined) return exact;
        if (ref.family === 'function' && !ref.name.includes('(')) {
          const any = routines.get(key(desc, ref.schema, ref.name));
          if (any !== undefined) return any;
        }
      }
      return undefined;
    },
    table: (t) =>
      byKey.get(key('TABLE', t.schema, t.name)) ?? byKey.get(key('FOREIGN TABLE', t.schema, t.name)),
  };
  return index;
}

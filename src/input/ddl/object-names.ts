/**
 * PostgreSQL's names for objects the DDL left unnamed: `makeObjectName`
 * (63-byte truncation, multibyte-safe) and `ChooseRelationName` /
 * `ChooseConstraintName` (numeric suffix on collision within the schema).
 */

/** NAMEDATALEN - 1: the longest identifier PostgreSQL keeps, in bytes. */
const MAX_IDENTIFIER_BYTES = 63;

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The longest prefix of `s` that fits in `bytes` without splitting a character (pg_mbcliplen). */
function clipBytes(s: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * `name1_name2_label` shortened to 63 bytes the way PostgreSQL does:
 * the longer of name1/name2 loses characters first, the label never does.
 */
export function makeObjectName(name1: string, name2: string | null, label: string | null): string {
  let overhead = 0;
  if (name2 !== null) overhead += 1;
  if (label !== null) overhead += byteLength(label) + 1;
  const available = MAX_IDENTIFIER_BYTES - overhead;
  let name1Chars = byteLength(name1);
  let name2Chars = name2 === null ? 0 : byteLength(name2);
  while (name1Chars + name2Chars > available) {
    if (name1Chars > name2Chars) name1Chars--;
    else name2Chars--;
  }
  let result = clipBytes(name1, name1Chars);
  if (name2 !== null) result += `_${clipBytes(name2, name2Chars)}`;
  if (label !== null) result += `_${label}`;
  return result;
}

/** Column names joined by `_` for an index or FK name, as ChooseIndexNameAddition does. */
export function nameAddition(columns: readonly string[]): string {
  let buf = '';
  for (const column of columns) {
    if (buf !== '') buf += '_';
    buf += clipBytes(column, MAX_IDENTIFIER_BYTES);
    // PostgreSQL stops adding names once the result is at least NAMEDATALEN long.
    if (byteLength(buf) >= MAX_IDENTIFIER_BYTES + 1) break;
  }
  return buf;
}

/** Shorten a name the DDL gave to what PostgreSQL keeps (truncate_identifier). */
export function truncateIdentifier(name: string): string {
  return byteLength(name) > MAX_IDENTIFIER_BYTES ? clipBytes(name, MAX_IDENTIFIER_BYTES) : name;
}

/** The names taken in each schema: relations (tables, sequences, indexes, views) and constraints. */
export interface NameRegistry {
  addRelation(schema: string, name: string): void;
  addConstraint(schema: string, name: string): void;
  hasRelation(schema: string, name: string): boolean;
  hasConstraint(schema: string, name: string): boolean;
  /** A dropped object's name, free again (a constraint's; with `relation`, its index's too). */
  release(schema: string, name: string, relation: boolean): void;
  /** ChooseRelationName: free among relations (and constraints too when `isConstraint`). */
  chooseRelationName(
    schema: string,
    name1: string,
    name2: string | null,
    label: string,
    isConstraint: boolean,
  ): string;
  /** ChooseConstraintName: free among the schema's constraint names. */
  chooseConstraintName(schema: string, name1: string, name2: string | null, label: string): string;
}

export function createNameRegistry(): NameRegistry {
  const relations = new Map<string, Set<string>>();
  const constraints = new Map<string, Set<string>>();
  const setOf = (map: Map<string, Set<string>>, schema: string): Set<string> => {
    let set = map.get(schema);
    if (set === undefined) {
      set = new Set();
      map.set(schema, set);
    }
    return set;
  };
  const choose = (
    name1: string,
    name2: string | null,
    label: string,
    taken: (name: string) => boolean,
  ): string => {
    let pass = 0;
    let modLabel = label;
    for (;;) {
      const name = makeObjectName(name1, name2, modLabel);
      if (!taken(name)) return name;
      pass++;
      modLabel = `${label}${pass}`;
    }
  };
  return {
    addRelation: (schema, name) => void setOf(relations, schema).add(name),
    addConstraint: (schema, name) => void setOf(constraints, schema).add(name),
    hasRelation: (schema, name) => setOf(relations, schema).has(name),
    hasConstraint: (schema, name) => setOf(constraints, schema).has(name),
    release(schema, name, relation) {
      setOf(constraints, schema).delete(name);
      if (relation) setOf(relations, schema).delete(name);
    },
    chooseRelationName(schema, name1, name2, label, isConstraint) {
      const rels = setOf(relations, schema);
      const cons = setOf(constraints, schema);
      return choose(name1, name2, label, (n) => rels.has(n) || (isConstraint && cons.has(n)));
    },
    chooseConstraintName(schema, name1, name2, label) {
      const cons = setOf(constraints, schema);
      return choose(name1, name2, label, (n) => cons.has(n));
    },
  };
}

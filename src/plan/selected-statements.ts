/**
 * The DDL of a table selection (-t/-T/-n/-N), as pg_dump writes it: the
 * selected tables with what belongs to them (their sequences, defaults,
 * constraints, indexes, triggers, rules, policies, comments and grants); a
 * table left out takes all of that with it, and so does a view or
 * materialized view that reads one (pg_dump -t would not dump the view
 * either). The foreign keys of a selected table point only at selected
 * tables (selectTables refuses others), so every kept constraint holds.
 *
 * Unlike pg_dump -t, which writes no other object and "no guarantee that the
 * results can be restored into a clean database" (its documentation),
 * everything not tied to a table is kept (schemas, extensions, types,
 * domains, functions): the output loads into an empty database. A table the
 * DDL of a selected one names (an INHERITS parent) is kept as DDL, without
 * rows, for the same reason.
 */
import type { DdlStatement, ObjectRef, Schema } from '../schema/model.js';
import { nameKey } from '../schema/names.js';

/** Statements that create a relation named by their namespace and tag. */
const RELATIONS = new Set(['TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'FOREIGN TABLE']);

function relationKey(ref: ObjectRef | null | undefined): string | undefined {
  return ref?.family === 'relation' && ref.schema !== null
    ? nameKey({ schema: ref.schema, name: ref.name })
    : undefined;
}

function ownKey(s: DdlStatement): string | undefined {
  return RELATIONS.has(s.desc) && s.namespace !== null
    ? nameKey({ schema: s.namespace, name: s.tag })
    : undefined;
}

/** The relations a statement cannot run without. */
function needed(s: DdlStatement): string[] {
  const keys = s.tables.map(nameKey);
  for (const ref of [s.object, ...(s.references ?? [])]) {
    const key = relationKey(ref);
    if (key !== undefined) keys.push(key);
  }
  const own = ownKey(s);
  return keys.filter((k) => k !== own);
}

/**
 * The table each index belongs to (`nameKey`s): a CREATE INDEX's, and a
 * PRIMARY KEY / UNIQUE / EXCLUDE constraint's (its index takes its name).
 * pg_dump's INDEX ATTACH (`ALTER INDEX parent_pkey ATTACH PARTITION
 * child_pkey`) names only indexes: through this map it goes with their tables.
 */
function indexOwners(statements: readonly DdlStatement[]): Map<string, string> {
  const owners = new Map<string, string>();
  for (const s of statements) {
    const table = s.tables[0];
    if (table === undefined || s.namespace === null) continue;
    if (s.desc === 'INDEX') owners.set(nameKey({ schema: s.namespace, name: s.tag }), nameKey(table));
    else if (s.desc === 'CONSTRAINT' && s.tag.startsWith(`${table.name} `))
      owners.set(nameKey({ schema: s.namespace, name: s.tag.slice(table.name.length + 1) }), nameKey(table));
  }
  return owners;
}

/** The schema whose statements are those of the selected tables (`nameKey`s) and of everything not tied to a table. */
export function selectStatements(schema: Schema, selected: ReadonlySet<string>): Schema {
  const tableKeys = new Set(schema.tables.map(nameKey));
  const kept = new Set([...selected]);
  // A selected table's own statement may name another table (INHERITS): that one's DDL stays too.
  const tableStatements = schema.statements.filter((s) => s.desc === 'TABLE');
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of tableStatements) {
      const own = ownKey(s);
      if (own === undefined || !kept.has(own)) continue;
      for (const key of needed(s)) {
        if (tableKeys.has(key) && !kept.has(key)) {
          kept.add(key);
          grew = true;
        }
      }
    }
  }
  const dropped = new Set([...tableKeys].filter((k) => !kept.has(k)));
  if (dropped.size === 0) return schema;
  let statements = schema.statements;
  const owners = indexOwners(statements);
  // Views on views: drop until nothing more goes.
  for (let size = -1; size !== dropped.size; ) {
    size = dropped.size;
    statements = statements.filter((s) => {
      const own = ownKey(s);
      const goes =
        (own !== undefined && dropped.has(own)) || needed(s).some((k) => dropped.has(owners.get(k) ?? k));
      if (goes && own !== undefined) dropped.add(own);
      return !goes;
    });
  }
  return { ...schema, statements };
}

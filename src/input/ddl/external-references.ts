/**
 * What the DDL uses but never creates (Supabase-style `auth.uid()` in a
 * policy, `REFERENCES auth.users`, `GRANT ... TO authenticated`): noted as
 * statements are read (noted-references.ts), and reported once, as what the
 * database the output is loaded into must already provide.
 */
import type { Node } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import { displayName, nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { EXTENSION_SCHEMAS } from './extension-types.js';
import {
  createNotedReferences,
  type NotedReference,
  type NotedReferences,
  noteReferences,
  type ReferenceKind,
  type RoleUse,
} from './noted-references.js';
import type { SchemaBuilder } from './schema-builder.js';
import { objectKey, type StatementList } from './statement-list.js';

/** Schemas every database has. */
const BUILTIN_SCHEMAS = new Set(['public', 'pg_catalog', 'information_schema', 'pg_toast', 'pg_temp']);

const KINDS = [
  'schema',
  'table',
  'sequence',
  'function',
  'type',
  'role',
  'library',
  'extension',
  'labelProvider',
] as const;

const PLURAL: Record<ReferenceKind, string> = {
  schema: 'schemas',
  table: 'tables',
  sequence: 'sequences',
  function: 'functions',
  type: 'types',
  role: 'roles',
  library: 'C function libraries (on the server)',
  extension: 'extensions',
  labelProvider: 'security label providers (loaded on the server: shared_preload_libraries)',
};

export interface ExternalReferences {
  /** Note the names a statement uses. */
  note(node: Node, location: SourceLocation): void;
  /** Roles the DDL creates (CREATE ROLE / USER / GROUP). */
  createdRoles: Set<string>;
  /**
   * One warning listing what the DDL uses and does not create, or null. `madeByCode`: schemas a kept DO block
   * or routine call may create (`*`: one named when it runs, taken for the schemas the DDL makes objects in).
   */
  warning(builder: SchemaBuilder, out: StatementList, madeByCode?: ReadonlySet<string>): Warning | null;
  /** Whether the DDL uses an extension's types, operator classes or functions (made or not by the DDL). */
  usesExtensions(): boolean;
}

export function createExternalReferences(): ExternalReferences {
  const noted = createNotedReferences();
  return {
    createdRoles: noted.createdRoles,
    note: (node, location) => noteReferences(noted, node, location),
    warning: (builder, out, madeByCode) => externalObjectsWarning(noted, builder, out, madeByCode),
    usesExtensions: () => [...noted.seen.values()].some((r) => r.kind === 'extension'),
  };
}

/** The warning, with its message as -O, -x or both would leave it (they take the ownership and privilege statements out). */
function externalObjectsWarning(
  noted: NotedReferences,
  builder: SchemaBuilder,
  out: StatementList,
  madeByCode: ReadonlySet<string> = new Set(),
): Warning | null {
  const provided = providedBy(builder, out, madeByCode);
  const warning = describeMissing(missingObjects(noted, provided, () => false));
  if (warning === null) return null;
  const onlyBy = (uses: readonly RoleUse[]) => (name: string) =>
    [...(noted.roleUses.get(name) ?? [])].every((u) => uses.includes(u));
  const variant = (uses: readonly RoleUse[], labels: boolean) =>
    describeMissing(missingObjects(noted, provided, onlyBy(uses), labels))?.message ?? '';
  // Keyed by what is left out: -O (owners), -x (privileges), --no-security-labels (labels).
  const data: Record<string, string> = {};
  for (const labels of [true, false])
    for (const [key, uses] of [
      ['', []],
      ['Owners', ['owner']],
      ['Privileges', ['acl']],
      ['Both', ['owner', 'acl']],
    ] as const) {
      if (labels && key === '') continue;
      data[`without${key}${labels ? '' : 'Labels'}`] = variant(uses, labels);
    }
  return { ...warning, data };
}

/** What the DDL and the database provide: the schemas there (the DDL's, built in, its extensions'), the extensions' install schemas, what the DDL makes. */
interface Provided {
  readonly builder: SchemaBuilder;
  readonly out: StatementList;
  readonly schemas: ReadonlySet<string>;
  readonly extensionSchemas: ReadonlySet<string>;
}

function providedBy(builder: SchemaBuilder, out: StatementList, madeByCode: ReadonlySet<string>): Provided {
  const schemas = new Set([...builder.namespaces, ...BUILTIN_SCHEMAS, ...madeByCode]);
  // A schema code names when it runs (`EXECUTE 'CREATE SCHEMA ' || s`): those the DDL makes tables and types in.
  if (madeByCode.has('*'))
    for (const made of [...builder.tables.values(), ...builder.types.values()]) schemas.add(made.schema);
  // What the DDL's extensions make: their own schemas, and objects in the schema each is installed in.
  for (const e of builder.extensions) for (const s of EXTENSION_SCHEMAS[e.name] ?? []) schemas.add(s);
  return { builder, out, schemas, extensionSchemas: new Set(builder.extensions.map((e) => e.schema)) };
}

/** What is missing, by kind (labels in the order first used), and where the first of it is used. */
interface Missing {
  readonly labels: Record<ReferenceKind, string[]>;
  first: SourceLocation | null;
}

/** The noted names nothing provides; `skipRole`: roles only the statements left out name. */
function missingObjects(
  noted: NotedReferences,
  provided: Provided,
  skipRole: (name: string) => boolean,
  labels = true,
): Missing {
  const missing: Missing = {
    labels: {
      schema: [],
      table: [],
      sequence: [],
      function: [],
      type: [],
      role: [],
      library: [],
      extension: [],
      labelProvider: [],
    },
    first: null,
  };
  const need = (kind: ReferenceKind, label: string, location: SourceLocation) => {
    if (missing.labels[kind].includes(label)) return;
    missing.labels[kind].push(label);
    missing.first ??= location;
  };
  for (const reference of noted.seen.values()) {
    const { kind, name, location } = reference;
    if (kind === 'labelProvider') {
      if (labels) need(kind, name, location);
    } else if (kind === 'library') need(kind, name, location);
    else if (kind === 'extension') {
      if (extensionMissing(noted, provided, name)) need('extension', name, location);
    } else if (kind === 'role') {
      if (!noted.createdRoles.has(name) && name !== 'postgres' && !name.startsWith('pg_') && !skipRole(name))
        need('role', name, location);
    } else needQualified(reference, provided, need);
  }
  return missing;
}

/**
 * An extension the DDL uses and does not create, unless needed only for calls of functions and types the DDL
 * defines itself (its own `crypt`, its own domain `isbn13` or `citext`).
 */
function extensionMissing(noted: NotedReferences, provided: Provided, name: string): boolean {
  const typeNames = [...provided.builder.types.values()].map((t) => t.name);
  const own =
    !noted.typed.has(name) &&
    [...(noted.typeNames.get(name) ?? [])].every((t) => typeNames.includes(t)) &&
    (noted.calledBy.get(name) ?? []).every((f) =>
      [...provided.schemas].some((s) => provided.out.has(objectKey('function', s, f))),
    );
  return !provided.builder.extensions.some((e) => e.name === name) && !own;
}

/** A schema-qualified table, function or type: its schema, then the object itself, when not there. */
function needQualified(
  { kind, schema, name, location }: NotedReference,
  { builder, out, schemas, extensionSchemas }: Provided,
  need: (kind: ReferenceKind, label: string, location: SourceLocation) => void,
): void {
  if (schemas.has(schema)) return;
  need('schema', quoteIdent(schema), location);
  // A function or type in the schema an extension is installed in may be the extension's.
  if (extensionSchemas.has(schema) && kind !== 'table' && kind !== 'sequence') return;
  const q = { schema, name };
  // A relation name may be a composite type's (CREATE TYPE s.t AS (...) names it as a relation does).
  const made = (k: 'relation' | 'type') => out.has(objectKey(k, schema, name));
  if (kind === 'table' && !builder.tables.has(nameKey(q)) && !made('relation') && !made('type'))
    need('table', displayName(q), location);
  if (kind === 'sequence' && !builder.sequences.has(nameKey(q)) && !made('relation'))
    need('sequence', displayName(q), location);
  if (kind === 'function' && !out.has(objectKey('function', schema, name)))
    need('function', `${displayName(q)}()`, location);
  if (kind === 'type' && !builder.types.has(nameKey(q))) need('type', displayName(q), location);
}

/** The EXTERNAL_OBJECTS warning naming what is missing; null when nothing is. */
function describeMissing(missing: Missing): Warning | null {
  const first = missing.first;
  if (first === null) return null;
  const parts = KINDS.filter((k) => missing.labels[k].length > 0).map(
    (k) => `${PLURAL[k]} ${missing.labels[k].join(', ')}`,
  );
  return {
    code: 'EXTERNAL_OBJECTS',
    message: `the DDL uses objects it does not create (first at ${formatLocation(first)}): ${parts.join('; ')}. The database the output is loaded into must provide them: create them first, or add their DDL (e.g. CREATE EXTENSION) as another file argument (owner-only roles can be left out with --no-owner)`,
    where: formatLocation(first),
  };
}

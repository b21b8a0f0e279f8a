/**
 * What the DDL uses but never creates (Supabase-style `auth.uid()` in a
 * policy, `REFERENCES auth.users`, `GRANT ... TO authenticated`): noted as
 * statements are read, and reported once, as what the database the output
 * is loaded into must already provide.
 */
import type { Node } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import { nameKey } from '../../schema/names.js';
import { walkAst } from './ast.js';
import {
  EXTENSION_FUNCTIONS,
  EXTENSION_OPCLASSES,
  EXTENSION_SCHEMAS,
  EXTENSION_TYPES,
} from './extension-types.js';
import type { SchemaBuilder } from './schema-builder.js';
import { objectKey, type StatementList } from './statement-list.js';

/** Schemas every database has. */
const BUILTIN_SCHEMAS = new Set(['public', 'pg_catalog', 'information_schema', 'pg_toast']);

type Kind = 'schema' | 'table' | 'function' | 'type' | 'role' | 'library' | 'extension';

export interface ExternalReferences {
  /** Note the names a statement uses. */
  note(node: Node, location: SourceLocation): void;
  /** Roles the DDL creates (CREATE ROLE / USER / GROUP). */
  createdRoles: Set<string>;
  /** One warning listing what the DDL uses and does not create, or null. */
  warning(builder: SchemaBuilder, out: StatementList): Warning | null;
}

/** How a statement names roles: as an owner (OWNER TO), in privileges (GRANT, REVOKE, default privileges), or otherwise. */
type RoleUse = 'owner' | 'acl' | 'other';

function roleUseOf(node: Node): RoleUse {
  if ('GrantStmt' in node || 'AlterDefaultPrivilegesStmt' in node) return 'acl';
  if ('AlterOwnerStmt' in node) return 'owner';
  if (
    'AlterTableStmt' in node &&
    (node.AlterTableStmt.cmds ?? []).every(
      (c) => 'AlterTableCmd' in c && c.AlterTableCmd.subtype === 'AT_ChangeOwner',
    )
  )
    return 'owner';
  return 'other';
}

function svals(nodes: unknown): string[] {
  const out: string[] = [];
  if (!Array.isArray(nodes)) return out;
  for (const n of nodes as Node[]) if ('String' in n) out.push(n.String.sval ?? '');
  return out;
}

export function createExternalReferences(): ExternalReferences {
  const seen = new Map<string, { kind: Kind; schema: string; name: string; location: SourceLocation }>();
  const add = (kind: Kind, schema: string, name: string, location: SourceLocation) => {
    const key = `${kind}\u0000${schema}\u0000${name}`;
    if (!seen.has(key)) seen.set(key, { kind, schema, name, location });
  };
  const qualified = (kind: Kind, names: string[], location: SourceLocation) => {
    const schema = names.at(-2);
    if (names.length >= 2 && schema !== undefined) add(kind, schema, names.at(-1) ?? '', location);
  };
  const createdRoles = new Set<string>();
  /** How the statements name each role (-O and -x take out the ownership and privilege ones). */
  const roleUses = new Map<string, Set<RoleUse>>();
  // Why an extension is needed: unqualified calls of its functions (a DDL may define a function of that name itself), its types or operator classes.
  const calledBy = new Map<string, string[]>();
  const typed = new Set<string>();
  return {
    createdRoles,
    note(node, location) {
      const use = roleUseOf(node);
      walkAst(node, (key, n) => {
        if (key === 'RangeVar' || (typeof n.relname === 'string' && 'relpersistence' in n)) {
          if (typeof n.schemaname === 'string') add('table', n.schemaname, n.relname as string, location);
        } else if (Array.isArray(n.names) && 'typemod' in n) {
          // A type an extension makes (citext, hstore, vector…): the extension must be there.
          const extension = EXTENSION_TYPES[svals(n.names).at(-1) ?? ''];
          if (extension !== undefined) {
            add('extension', '', extension, location);
            typed.add(extension);
          }
        } else if (key === 'IndexElem') {
          // An extension's operator class (`gin_trgm_ops`): the index loads only where the extension is.
          const extension = EXTENSION_OPCLASSES[svals(n.opclass).at(-1) ?? ''];
          if (extension !== undefined) {
            add('extension', '', extension, location);
            typed.add(extension);
          }
        } else if (key === 'FuncCall') {
          const names = svals(n.funcname);
          // An extension's function called unqualified (citus' create_distributed_table): the extension must be there.
          const extension = names.length === 1 ? EXTENSION_FUNCTIONS[names[0] ?? ''] : undefined;
          if (extension !== undefined) {
            add('extension', '', extension, location);
            calledBy.set(extension, [...(calledBy.get(extension) ?? []), names[0] ?? '']);
          } else qualified('function', names, location);
        } else if (key === 'CreateTrigStmt') qualified('function', svals(n.funcname), location);
        else if (key === 'CommentStmt' && n.object !== undefined && 'List' in (n.object as Node)) {
          // COMMENT ON TABLE auth.schema_migrations (Hasura Auth's migrations): the table must be there.
          const names = svals((n.object as { List: { items?: Node[] } }).List.items);
          const relation = ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE'];
          if (relation.includes(String(n.objtype))) qualified('table', names, location);
          else if (n.objtype === 'OBJECT_COLUMN') qualified('table', names.slice(0, -1), location);
        } else if (key === 'CreateFunctionStmt') {
          // LANGUAGE c AS 'file', 'symbol': the server must have the shared library.
          const options = (n.options as Node[] | undefined) ?? [];
          const option = (name: string) =>
            options.flatMap((o) => ('DefElem' in o && o.DefElem.defname === name ? [o.DefElem.arg] : []))[0];
          const language = option('language');
          const as = option('as');
          const file = as !== undefined && 'List' in as ? svals(as.List.items)[0] : undefined;
          if (
            language !== undefined &&
            'String' in language &&
            language.String.sval === 'c' &&
            file !== undefined
          )
            add('library', '', file, location);
        } else if (key === 'TypeName' || key === 'typeName') qualified('type', svals(n.names), location);
        else if (n.roletype === 'ROLESPEC_CSTRING' && typeof n.rolename === 'string') {
          add('role', '', n.rolename, location);
          roleUses.set(n.rolename, (roleUses.get(n.rolename) ?? new Set()).add(use));
        }
      });
    },
    warning(builder, out) {
      const schemas = new Set([...builder.namespaces, ...BUILTIN_SCHEMAS]);
      // What the DDL's extensions make: their own schemas, and objects in the schema each is installed in.
      for (const e of builder.extensions) for (const s of EXTENSION_SCHEMAS[e.name] ?? []) schemas.add(s);
      const extensionSchemas = new Set(builder.extensions.map((e) => e.schema));
      const build = (skipRole: (name: string) => boolean): Warning | null => {
        const missing: Record<Kind, string[]> = {
          schema: [],
          table: [],
          function: [],
          type: [],
          role: [],
          library: [],
          extension: [],
        };
        let first: SourceLocation | null = null;
        const need = (kind: Kind, label: string, location: SourceLocation) => {
          if (missing[kind].includes(label)) return;
          missing[kind].push(label);
          first ??= location;
        };
        for (const { kind, schema, name, location } of seen.values()) {
          if (kind === 'library') {
            need('library', name, location);
            continue;
          }
          if (kind === 'extension') {
            // Needed only for calls of functions the DDL defines itself (its own `crypt`): not needed.
            const ownFunctions =
              !typed.has(name) &&
              (calledBy.get(name) ?? []).every((f) =>
                [...schemas].some((s) => out.has(objectKey('function', s, f))),
              );
            if (!builder.extensions.some((e) => e.name === name) && !ownFunctions)
              need('extension', name, location);
            continue;
          }
          if (kind === 'role') {
            if (!createdRoles.has(name) && name !== 'postgres' && !name.startsWith('pg_') && !skipRole(name))
              need('role', name, location);
            continue;
          }
          if (schemas.has(schema)) continue;
          need('schema', schema, location);
          // A function or type in the schema an extension is installed in may be the extension's.
          if (extensionSchemas.has(schema) && kind !== 'table') continue;
          const q = { schema, name };
          if (
            kind === 'table' &&
            !builder.tables.has(nameKey(q)) &&
            !out.has(objectKey('relation', schema, name))
          )
            need('table', `${schema}.${name}`, location);
          if (kind === 'function' && !out.has(objectKey('function', schema, name)))
            need('function', `${schema}.${name}()`, location);
          if (kind === 'type' && !builder.types.has(nameKey(q))) need('type', `${schema}.${name}`, location);
        }
        if (first === null) return null;
        const plural: Record<Kind, string> = {
          schema: 'schemas',
          table: 'tables',
          function: 'functions',
          type: 'types',
          role: 'roles',
          library: 'C function libraries (on the server)',
          extension: 'extensions',
        };
        const parts = (['schema', 'table', 'function', 'type', 'role', 'library', 'extension'] as const)
          .filter((k) => missing[k].length > 0)
          .map((k) => `${plural[k]} ${missing[k].join(', ')}`);
        return {
          code: 'EXTERNAL_OBJECTS',
          message: `the DDL uses objects it does not create (first at ${formatLocation(first)}): ${parts.join('; ')}. The database the output is loaded into must provide them: create them first, or add their DDL (e.g. CREATE EXTENSION) as another file argument (owner-only roles can be left out with --no-owner)`,
          where: formatLocation(first),
        };
      };
      const warning = build(() => false);
      if (warning === null) return null;
      // The same warning when -O, -x or both take the ownership and privilege statements out.
      const onlyBy = (uses: readonly RoleUse[]) => (name: string) =>
        [...(roleUses.get(name) ?? [])].every((u) => uses.includes(u));
      const variant = (uses: readonly RoleUse[]) => build(onlyBy(uses))?.message ?? '';
      return {
        ...warning,
        data: {
          withoutOwners: variant(['owner']),
          withoutPrivileges: variant(['acl']),
          withoutBoth: variant(['owner', 'acl']),
        },
      };
    },
  };
}

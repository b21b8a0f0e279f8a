/**
 * The names a DDL statement uses that some object must provide: schema-
 * qualified tables, functions and types, roles (and how the statement names
 * them), C function libraries, and the extensions whose types, operator
 * classes or functions it uses; noted into `NotedReferences` as statements
 * are read (external-references.ts reports the ones nothing creates).
 */
import type { Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import { walkAst } from './ast.js';
import {
  EXTENSION_FUNCTIONS,
  EXTENSION_OPCLASSES,
  EXTENSION_TYPES,
  QUALIFIED_EXTENSION_FUNCTIONS,
} from './extension-types.js';

export type ReferenceKind =
  | 'schema'
  | 'table'
  | 'sequence'
  | 'function'
  | 'type'
  | 'role'
  | 'library'
  | 'extension'
  | 'labelProvider';

/** How a statement names roles: as an owner (OWNER TO), in privileges (GRANT, REVOKE, default privileges), or otherwise. */
export type RoleUse = 'owner' | 'acl' | 'other';

/** One name used: where first. */
export interface NotedReference {
  readonly kind: ReferenceKind;
  readonly schema: string;
  readonly name: string;
  readonly location: SourceLocation;
}

/** What the statements read so far use. */
export interface NotedReferences {
  /** Each name used (by kind, schema and name), at its first place. */
  readonly seen: Map<string, NotedReference>;
  /** Roles the DDL creates (CREATE ROLE / USER / GROUP). */
  readonly createdRoles: Set<string>;
  /** How the statements name each role (-O and -x take out the ownership and privilege ones). */
  readonly roleUses: Map<string, Set<RoleUse>>;
  /** Extensions needed for unqualified calls of their functions, with the names called (a DDL may define a function of that name itself). */
  readonly calledBy: Map<string, string[]>;
  /** Extensions needed for their operator classes. */
  readonly typed: Set<string>;
  /** Extensions needed for their types, with the type names used (a DDL may create a domain `isbn13` itself). */
  readonly typeNames: Map<string, Set<string>>;
}

export function createNotedReferences(): NotedReferences {
  return {
    seen: new Map(),
    createdRoles: new Set(),
    roleUses: new Map(),
    calledBy: new Map(),
    typed: new Set(),
    typeNames: new Map(),
  };
}

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

/** The relations a statement names as sequences (`GRANT ... ON SEQUENCE s`, `ALTER SEQUENCE s`): listed as such. */
function sequenceRelations(node: Node): Set<unknown> {
  const out = new Set<unknown>();
  if ('GrantStmt' in node && node.GrantStmt.objtype === 'OBJECT_SEQUENCE')
    for (const o of node.GrantStmt.objects ?? []) if ('RangeVar' in o) out.add(o.RangeVar);
  if ('AlterSeqStmt' in node && node.AlterSeqStmt.sequence !== undefined) out.add(node.AlterSeqStmt.sequence);
  return out;
}

/** Note the names one statement uses. */
export function noteReferences(noted: NotedReferences, node: Node, location: SourceLocation): void {
  const use = roleUseOf(node);
  const add = (kind: ReferenceKind, schema: string, name: string) => {
    const key = `${kind}\u0000${schema}\u0000${name}`;
    if (!noted.seen.has(key)) noted.seen.set(key, { kind, schema, name, location });
  };
  const qualified = (kind: ReferenceKind, names: string[]) => {
    const schema = names.at(-2);
    if (names.length >= 2 && schema !== undefined) add(kind, schema, names.at(-1) ?? '');
  };
  const typedBy = (extension: string | undefined) => {
    if (extension === undefined) return;
    add('extension', '', extension);
    noted.typed.add(extension);
  };
  const sequences = sequenceRelations(node);
  walkAst(node, (key, n) => {
    if (key === 'RangeVar' || (typeof n.relname === 'string' && 'relpersistence' in n)) {
      const kind = sequences.has(n) ? 'sequence' : 'table';
      if (typeof n.schemaname === 'string') add(kind, n.schemaname, n.relname as string);
    } else if (key === 'SequenceRef') {
      // A sequence a DEFAULT's nextval names (relations-read.ts), not a table.
      if (typeof n.schemaname === 'string') add('sequence', n.schemaname, n.relname as string);
    } else if (Array.isArray(n.names) && 'typemod' in n) {
      // A type an extension makes (citext, hstore, vector…): the extension must be there.
      const type = svals(n.names).at(-1) ?? '';
      const extension = EXTENSION_TYPES[type];
      if (extension !== undefined) {
        add('extension', '', extension);
        noted.typeNames.set(extension, (noted.typeNames.get(extension) ?? new Set()).add(type));
      }
    } else if (key === 'IndexElem') {
      // An extension's operator class (`gin_trgm_ops`): the index loads only where the extension is.
      typedBy(EXTENSION_OPCLASSES[svals(n.opclass).at(-1) ?? '']);
    } else if (key === 'FuncCall') {
      const names = svals(n.funcname);
      // An extension's function (citus' create_distributed_table; pg_dump's `public.uuid_generate_v4()`, qualified
      // by the schema the extension was in): the extension must be there.
      const name = names.at(-1) ?? '';
      const extension =
        names.length <= 2
          ? (EXTENSION_FUNCTIONS[name] ??
            (names.length === 2 && names[0] !== 'pg_catalog'
              ? QUALIFIED_EXTENSION_FUNCTIONS[name]
              : undefined))
          : undefined;
      if (extension !== undefined) {
        add('extension', '', extension);
        noted.calledBy.set(extension, [...(noted.calledBy.get(extension) ?? []), name]);
      }
      qualified('function', names);
    } else if (key === 'CreateTrigStmt') qualified('function', svals(n.funcname));
    else if (key === 'CommentStmt' && n.object !== undefined && 'List' in (n.object as Node)) {
      // COMMENT ON TABLE auth.schema_migrations (Hasura Auth's migrations): the table must be there.
      const names = svals((n.object as { List: { items?: Node[] } }).List.items);
      const relation = ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_FOREIGN_TABLE'];
      if (relation.includes(String(n.objtype))) qualified('table', names);
      else if (n.objtype === 'OBJECT_COLUMN') qualified('table', names.slice(0, -1));
    } else if (key === 'CreateFunctionStmt') {
      const file = cLibraryOf(n);
      if (file !== undefined) add('library', '', file);
    } else if (key === 'SecLabelStmt') {
      // SECURITY LABEL FOR anon (PostgreSQL Anonymizer): the server must have loaded the label provider.
      add('labelProvider', '', typeof n.provider === 'string' ? n.provider : '(the one loaded)');
    } else if (key === 'TypeName' || key === 'typeName') qualified('type', svals(n.names));
    else if (n.roletype === 'ROLESPEC_CSTRING' && typeof n.rolename === 'string') {
      add('role', '', n.rolename);
      noted.roleUses.set(n.rolename, (noted.roleUses.get(n.rolename) ?? new Set()).add(use));
    }
  });
}

/** The C functions every PostgreSQL's own plpgsql library has (an old dump's handler functions for CREATE LANGUAGE). */
const PLPGSQL_SYMBOLS = new Set(['plpgsql_call_handler', 'plpgsql_validator', 'plpgsql_inline_handler']);

/**
 * LANGUAGE c AS 'file', 'symbol': the shared library the server must have (undefined for other languages,
 * and for PostgreSQL's own plpgsql library with a symbol it has: every server has it).
 */
function cLibraryOf(n: Record<string, unknown>): string | undefined {
  const options = (n.options as Node[] | undefined) ?? [];
  const option = (name: string) =>
    options.flatMap((o) => ('DefElem' in o && o.DefElem.defname === name ? [o.DefElem.arg] : []))[0];
  const language = option('language');
  const as = option('as');
  const [file, link] = as !== undefined && 'List' in as ? svals(as.List.items) : [];
  if (language === undefined || !('String' in language) || language.String.sval !== 'c') return undefined;
  const symbol = link ?? svals(n.funcname as Node[] | undefined).at(-1) ?? '';
  const plpgsql = file === '$libdir/plpgsql' || file === 'plpgsql';
  if (!plpgsql) return file;
  // openGauss's `regexp_substr` in it: the library is there, the function is not.
  return PLPGSQL_SYMBOLS.has(symbol)
    ? undefined
    : `${file} (${symbol}: PostgreSQL's plpgsql library has no such function)`;
}

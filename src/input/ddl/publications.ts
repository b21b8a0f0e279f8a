/**
 * Publications as pg_dump writes them: post-data (after the keys, as
 * pg_dump's PUBLICATION entries), tagged by name, so `pg_restore -l` names
 * them and `-L`/`--no-publications` pick them. The publication's entry
 * creates it without its tables (`FOR ALL TABLES` and its options kept);
 * each table it publishes is a `PUBLICATION TABLE` entry (`ALTER
 * PUBLICATION p ADD TABLE ...`, tagged `p table`, in the table's schema)
 * and each schema a `PUBLICATION TABLES IN SCHEMA` entry, as pg_dump 15
 * writes them; `ALTER PUBLICATION ... ADD / DROP / SET` of tables and
 * schemas adds and takes out those entries, other ALTERs (`SET (...)`) are
 * part of the publication's own entry and `OWNER TO` its owner; a COMMENT
 * on one is tagged `PUBLICATION name` (comments-and-grants.ts). Each keeps
 * its parse tree, so a later RENAME rewrites them (later-objects.ts).
 */
import type { Node, PublicationObjSpec } from 'libpg-query';
import type { ObjectRef, QualifiedName } from '../../schema/model.js';
import { quoteIdent, quoteQualified } from '../../schema/quote.js';
import { cloneNode, deparseNode, stringOf, stringsOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import type { StatementInput } from './statement-list.js';

export const publicationRef = (name: string): ObjectRef => ({ family: 'publication', schema: null, name });

const publicationKey = (name: string) => `publication\u0000\u0000${name}`;
/** The key of a publication's table or schema entry (`member` is `table\0schema\0name` or `schema\0name`). */
const memberKey = (publication: string, member: string) =>
  `publication member\u0000${publication}\u0000${member}`;

/** CREATE / ALTER PUBLICATION and ALTER PUBLICATION ... OWNER TO. True when handled. */
export function publicationStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  const entry = (desc: string, tag: string, sql: string, more: Partial<StatementInput> = {}) =>
    ctx.out.add({ desc, group: 4, namespace: null, tag, sql, tables: [], location: stmt.location, ...more });
  if ('CreatePublicationStmt' in node) {
    const create = node.CreatePublicationStmt;
    const name = create.pubname ?? '';
    const bare = cloneNode(node);
    if ('CreatePublicationStmt' in bare) bare.CreatePublicationStmt.pubobjects = [];
    // With triggers, rules and policies: after keys and foreign keys, as pg_dump orders them.
    const sql = (create.pubobjects ?? []).length === 0 ? stmt.text : deparseNode(bare);
    entry('PUBLICATION', name, sql, { creates: publicationKey(name), node: sql === stmt.text ? node : bare });
    addMembers(ctx, stmt, name, create.pubobjects ?? []);
    return true;
  }
  if ('AlterPublicationStmt' in node) {
    const alter = node.AlterPublicationStmt;
    const name = alter.pubname ?? '';
    const objects = alter.pubobjects ?? [];
    if (objects.length === 0 && alter.action !== 'AP_SetObjects') {
      // SET (publish = ...): part of the publication's own entry.
      entry('PUBLICATION', name, stmt.text, { object: publicationRef(name), mergeIntoObject: true, node });
      return true;
    }
    if (alter.action === 'AP_SetObjects')
      ctx.out.remove(null, (s) => s.creates?.startsWith(memberKey(name, '')) === true);
    if (alter.action === 'AP_DropObjects') {
      for (const member of members(ctx, objects))
        ctx.out.remove(
          memberKey(name, member.table ? tableMember(member.table) : `schema\u0000${member.schema}`),
        );
    } else addMembers(ctx, stmt, name, objects);
    if (alter.options !== undefined && alter.options.length > 0)
      entry('PUBLICATION', name, stmt.text, { object: publicationRef(name), mergeIntoObject: true, node });
    return true;
  }
  if ('AlterOwnerStmt' in node && node.AlterOwnerStmt.objectType === 'OBJECT_PUBLICATION') {
    const name = stringOf(node.AlterOwnerStmt.object) ?? '';
    const owner = node.AlterOwnerStmt.newowner?.rolename;
    if (owner !== undefined) ctx.out.setOwner(publicationKey(name), owner);
    // The plain script's statement (left out under -O); an archive entry carries its owner.
    entry('OWNER', name, stmt.text, { node });
    return true;
  }
  return false;
}

const tableMember = (t: QualifiedName) => `table\u0000${t.schema}\u0000${t.name}`;

/** A publication's table or schema, resolved (a continuation `FOR TABLE a, b` takes the kind before it). */
interface Member {
  readonly table?: QualifiedName;
  readonly spec?: PublicationObjSpec;
  readonly schema?: string;
}

function members(ctx: DdlContext, objects: readonly Node[]): Member[] {
  let kind: PublicationObjSpec['pubobjtype'] = 'PUBLICATIONOBJ_TABLE';
  return objects.flatMap((o): Member[] => {
    if (!('PublicationObjSpec' in o)) return [];
    const spec = o.PublicationObjSpec;
    if (spec.pubobjtype !== 'PUBLICATIONOBJ_CONTINUATION') kind = spec.pubobjtype;
    if (kind === 'PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA') return [{ schema: ctx.creationSchema() }];
    if (kind === 'PUBLICATIONOBJ_TABLES_IN_SCHEMA') {
      return spec.name === undefined ? [] : [{ schema: spec.name }];
    }
    const relation =
      spec.pubtable?.relation ?? (spec.name === undefined ? undefined : { relname: spec.name });
    return relation === undefined ? [] : [{ table: ctx.resolveRelation(relation), spec }];
  });
}

/** One entry per table (`PUBLICATION TABLE`) and per schema (`PUBLICATION TABLES IN SCHEMA`), as pg_dump 15. */
function addMembers(ctx: DdlContext, stmt: SourceStatement, name: string, objects: readonly Node[]): void {
  const pub = quoteIdent(name);
  for (const member of members(ctx, objects)) {
    const base = { group: 4 as const, location: stmt.location, references: [publicationRef(name)] };
    if (member.table !== undefined) {
      const t = member.table;
      const table = member.spec?.pubtable;
      const only = table?.relation?.inh === false ? 'ONLY ' : '';
      const columns = stringsOf(table?.columns);
      const list = columns.length === 0 ? '' : ` (${columns.map(quoteIdent).join(', ')})`;
      const where = table?.whereClause === undefined ? '' : ` WHERE (${deparseNode(table.whereClause)})`;
      ctx.out.add({
        ...base,
        desc: 'PUBLICATION TABLE',
        namespace: t.schema,
        tag: `${name} ${t.name}`,
        sql: `ALTER PUBLICATION ${pub} ADD TABLE ${only}${quoteQualified(t)}${list}${where}`,
        tables: [t],
        creates: memberKey(name, tableMember(t)),
      });
    } else if (member.schema !== undefined) {
      ctx.out.add({
        ...base,
        desc: 'PUBLICATION TABLES IN SCHEMA',
        namespace: member.schema,
        tag: `${name} ${member.schema}`,
        sql: `ALTER PUBLICATION ${pub} ADD TABLES IN SCHEMA ${quoteIdent(member.schema)}`,
        tables: [],
        creates: memberKey(name, `schema\u0000${member.schema}`),
      });
    }
  }
}

/**
 * Publications as pg_dump writes them: post-data (after the keys, as
 * pg_dump's PUBLICATION entries), tagged by name, so `pg_restore -l` names
 * them and `-L`/`--no-publications` pick them. `ALTER PUBLICATION` (ADD /
 * SET / DROP TABLE, SET (...)) is part of the publication's own archive
 * entry and `OWNER TO` its owner; a COMMENT on one is tagged
 * `PUBLICATION name` (comments-and-grants.ts).
 */
import type { Node } from 'libpg-query';
import type { ObjectRef, QualifiedName } from '../../schema/model.js';
import { stringOf } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';

export const publicationRef = (name: string): ObjectRef => ({ family: 'publication', schema: null, name });

const publicationKey = (name: string) => `publication\u0000\u0000${name}`;

/** CREATE / ALTER PUBLICATION and ALTER PUBLICATION ... OWNER TO. True when handled. */
export function publicationStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  let name: string;
  let kind: 'create' | 'alter' | 'owner' = 'alter';
  let objects: readonly Node[] = [];
  if ('CreatePublicationStmt' in node) {
    name = node.CreatePublicationStmt.pubname ?? '';
    objects = node.CreatePublicationStmt.pubobjects ?? [];
    kind = 'create';
  } else if ('AlterPublicationStmt' in node) {
    name = node.AlterPublicationStmt.pubname ?? '';
    objects = node.AlterPublicationStmt.pubobjects ?? [];
  } else if ('AlterOwnerStmt' in node && node.AlterOwnerStmt.objectType === 'OBJECT_PUBLICATION') {
    name = stringOf(node.AlterOwnerStmt.object) ?? '';
    const owner = node.AlterOwnerStmt.newowner?.rolename;
    if (owner !== undefined) ctx.out.setOwner(publicationKey(name), owner);
    kind = 'owner';
  } else return false;
  ctx.out.add({
    // OWNER TO: the plain script's statement (left out under -O); an archive entry carries its owner.
    desc: kind === 'owner' ? 'OWNER' : 'PUBLICATION',
    // With triggers, rules and policies: after keys and foreign keys, as pg_dump orders them.
    group: 4,
    namespace: null,
    tag: name,
    sql: stmt.text,
    tables: publishedTables(ctx, objects),
    location: stmt.location,
    ...(kind === 'create' ? { creates: publicationKey(name) } : {}),
    ...(kind === 'alter' ? { object: publicationRef(name), mergeIntoObject: true } : {}),
  });
  return true;
}

/** The tables a `FOR TABLE` list names (a table selection that leaves one out leaves the statement out). */
function publishedTables(ctx: DdlContext, objects: readonly Node[]): QualifiedName[] {
  return objects.flatMap((o) => {
    const relation = 'PublicationObjSpec' in o ? o.PublicationObjSpec.pubtable?.relation : undefined;
    return relation === undefined ? [] : [ctx.resolveRelation(relation)];
  });
}

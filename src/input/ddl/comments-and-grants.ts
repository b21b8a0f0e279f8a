/**
 * COMMENT ON and GRANT/REVOKE: tagged as pg_dump tags them (`TABLE customer`,
 * `COLUMN customer.email`, `FUNCTION touch()`, `CONSTRAINT c ON t`), with the
 * object they belong to, so an archive entry depends on that object alone.
 */
import type { CommentStmt, GrantStmt, Node, ObjectWithArgs } from 'libpg-query';
import type { ObjectFamily, ObjectRef, QualifiedName } from '../../schema/model.js';
import { displayColumn, displayName, nameKey } from '../../schema/names.js';
import { quoteIdent, quoteLiteral } from '../../schema/quote.js';
import { cloneNode, deparseNode, listItems, stringOf, stringsOf } from './ast.js';
import { reportUnknownColumns } from './column-references.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { EVENT_TRIGGER_GROUP, eventTriggerRef } from './event-triggers.js';
import { checkConstraintNamed, checkRelationNamed } from './missing-relations.js';
import { operatorClassCommentTarget } from './operator-classes.js';
import { publicationRef } from './publications.js';
import { operatorTag, routineDisplay, routineTag } from './routines.js';

/** Comment targets that are post-data objects: their comments follow them in post-data. */
const POST_DATA_COMMENTS = new Set([
  'OBJECT_TABCONSTRAINT',
  'OBJECT_INDEX',
  'OBJECT_TRIGGER',
  'OBJECT_POLICY',
  'OBJECT_RULE',
  'OBJECT_PUBLICATION',
]);

/** Post-data objects named `name ON table` in COMMENT ON. */
const ON_TABLE_WORDS: Readonly<Record<string, string>> = {
  OBJECT_TRIGGER: 'TRIGGER',
  OBJECT_POLICY: 'POLICY',
  OBJECT_RULE: 'RULE',
};

const RELATION_KINDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_VIEW: 'VIEW',
  OBJECT_MATVIEW: 'MATERIALIZED VIEW',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
  OBJECT_INDEX: 'INDEX',
};

const ON_TABLE_KINDS: Readonly<Record<string, { word: string; family: ObjectFamily }>> = {
  OBJECT_TABCONSTRAINT: { word: 'CONSTRAINT', family: 'constraint' },
  OBJECT_TRIGGER: { word: 'TRIGGER', family: 'trigger' },
  OBJECT_POLICY: { word: 'POLICY', family: 'policy' },
  OBJECT_RULE: { word: 'RULE', family: 'rule' },
};

/** What a COMMENT or GRANT names: pg_dump's tag for it, its namespace, and the object. */
interface Target {
  readonly tag: string;
  readonly namespace: string | null;
  readonly object: ObjectRef | null;
  /** The fully qualified name list, when the statement must be rewritten to carry it. */
  readonly qualified?: string[];
}

function relationTarget(ctx: DdlContext, word: string, parts: readonly string[]): Target {
  const name = parts.at(-1) ?? '';
  let schema: string;
  if (parts.length >= 2) schema = parts.at(-2) ?? '';
  else if (word === 'INDEX')
    schema = ctx.searchPath.find((s) => ctx.builder.indexes.has(`${s}\u0000${name}`)) ?? ctx.creationSchema();
  else schema = ctx.resolveRelation({ relname: name }).schema;
  return {
    tag: `${word} ${quoteIdent(name)}`,
    namespace: schema,
    object: { family: 'relation', schema, name },
    qualified: [schema, name],
  };
}

function commentTarget(ctx: DdlContext, objtype: string, object: Node | undefined): Target {
  const parts = stringsOf(listItems(object));
  const relationWord = RELATION_KINDS[objtype];
  if (relationWord !== undefined) return relationTarget(ctx, relationWord, parts);
  const onTable = ON_TABLE_KINDS[objtype];
  if (onTable !== undefined) {
    const name = parts.at(-1) ?? '';
    const q = ctx.resolveRelation({
      relname: parts.at(-2) ?? '',
      ...(parts.length >= 3 ? { schemaname: parts.at(-3) ?? '' } : {}),
    });
    return {
      tag: `${onTable.word} ${quoteIdent(name)} ON ${quoteIdent(q.name)}`,
      namespace: q.schema,
      object: { family: onTable.family, schema: q.schema, name: `${q.name} ${name}` },
      qualified: [q.schema, q.name, name],
    };
  }
  const catalogObject = operatorClassCommentTarget(ctx, objtype, object);
  if (catalogObject !== null) return catalogObject;
  switch (objtype) {
    case 'OBJECT_EVENT_TRIGGER': {
      const name = stringOf(object) ?? parts.at(-1) ?? '';
      return { tag: `EVENT TRIGGER ${quoteIdent(name)}`, namespace: null, object: eventTriggerRef(name) };
    }
    case 'OBJECT_PUBLICATION': {
      const name = stringOf(object) ?? parts.at(-1) ?? '';
      return { tag: `PUBLICATION ${quoteIdent(name)}`, namespace: null, object: publicationRef(name) };
    }
    case 'OBJECT_COLUMN': {
      const column = parts.at(-1) ?? '';
      const q = ctx.resolveRelation({
        relname: parts.at(-2) ?? '',
        ...(parts.length >= 3 ? { schemaname: parts.at(-3) ?? '' } : {}),
      });
      return {
        tag: `COLUMN ${quoteIdent(q.name)}.${quoteIdent(column)}`,
        namespace: q.schema,
        object: { family: 'relation', schema: q.schema, name: q.name },
      };
    }
    case 'OBJECT_SCHEMA':
    case 'OBJECT_EXTENSION': {
      const name = stringOf(object) ?? parts.at(-1) ?? '';
      const schema = objtype === 'OBJECT_SCHEMA';
      return {
        tag: `${schema ? 'SCHEMA' : 'EXTENSION'} ${quoteIdent(name)}`,
        namespace: null,
        object: { family: schema ? 'schema' : 'extension', schema: null, name },
      };
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const q = ctx.typeName(
        object !== undefined && 'TypeName' in object ? object.TypeName.names : listItems(object),
      );
      return {
        tag: `${objtype === 'OBJECT_TYPE' ? 'TYPE' : 'DOMAIN'} ${quoteIdent(q.name)}`,
        namespace: q.schema,
        object: { family: 'type', schema: q.schema, name: q.name },
      };
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_AGGREGATE': {
      if (object === undefined || !('ObjectWithArgs' in object)) break;
      const ref = routineTag(ctx, object.ObjectWithArgs, objtype === 'OBJECT_AGGREGATE');
      const word = objtype.replace('OBJECT_', '');
      const display = routineDisplay(ctx, ref);
      return { tag: `${word} ${display}`, namespace: ref.schema, object: ref };
    }
    case 'OBJECT_OPERATOR': {
      if (object === undefined || !('ObjectWithArgs' in object)) break;
      const { ref, signature } = operatorTag(ctx, object.ObjectWithArgs as ObjectWithArgs);
      return { tag: `OPERATOR ${signature}`, namespace: ref.schema, object: ref };
    }
    default:
      break;
  }
  return { tag: parts.join('.'), namespace: null, object: null };
}

/** COMMENT ON: pre-data, except on post-data objects (constraints, indexes, triggers, policies, rules). */
export function comment(ctx: DdlContext, stmt: SourceStatement, node: CommentStmt): void {
  const objtype = node.objtype ?? '';
  const target = commentTarget(ctx, objtype, node.object);
  if (!commentedRelationKnown(ctx, stmt, objtype, node, target)) return;
  if (objtype === 'OBJECT_COLUMN' && target.object?.schema != null) {
    const table = ctx.builder.table({ schema: target.object.schema, name: target.object.name });
    const column = stringsOf(listItems(node.object)).at(-1) ?? '';
    if (table !== undefined)
      reportUnknownColumns(ctx, table, null, 'COMMENT ON COLUMN', stmt.location, [column]);
  }
  const statistics = objtype === 'OBJECT_STATISTIC_EXT';
  const postData = POST_DATA_COMMENTS.has(objtype) || objtype === 'OBJECT_EVENT_TRIGGER' || statistics;
  let sql = stmt.text;
  // Post-data runs under pg_dump's empty search_path in plain scripts too: qualify the name.
  const parts = stringsOf(listItems(node.object));
  if (postData && target.qualified !== undefined && target.qualified.length !== parts.length) {
    const onTable = ON_TABLE_WORDS[objtype];
    const [schema = '', table = '', name = ''] = target.qualified;
    if (onTable !== undefined) {
      // pgsql-deparser prints a qualified `TRIGGER name ON s.t` as `TRIGGER s.t.name`, which does not parse.
      const text = node.comment === undefined ? 'NULL' : quoteLiteral(node.comment);
      sql = `COMMENT ON ${onTable} ${quoteIdent(name)} ON ${quoteIdent(schema)}.${quoteIdent(table)} IS ${text}`;
    } else {
      const copy = cloneNode(node);
      copy.object = { List: { items: target.qualified.map((sval) => ({ String: { sval } })) } };
      sql = deparseNode({ CommentStmt: copy }, true);
    }
  }
  ctx.out.add({
    desc: 'COMMENT',
    // On statistics: after them, with the indexes (operator-classes.ts).
    group: objtype === 'OBJECT_EVENT_TRIGGER' ? EVENT_TRIGGER_GROUP : statistics ? 2 : postData ? 4 : 0,
    namespace: target.namespace,
    tag: target.tag,
    sql,
    tables:
      objtype === 'OBJECT_INDEX' || statistics || !postData || target.object === null
        ? []
        : [relationOf(target.object)],
    location: stmt.location,
    ...(target.object === null ? {} : { object: target.object }),
  });
}

/**
 * Whether COMMENT ON TABLE, COLUMN, INDEX, SEQUENCE or CONSTRAINT (its table)
 * names a relation PostgreSQL would find: a column named without its table
 * ("column name must be qualified", Apache Amoro's init script) or a relation
 * the DDL never makes is a located problem (missing-relations.ts), as ALTER
 * TABLE on it is (the statement, written back, stopped the load: exit 0,
 * output that does not load); false when the statement is left out.
 */
function commentedRelationKnown(
  ctx: DdlContext,
  stmt: SourceStatement,
  objtype: string,
  node: CommentStmt,
  target: Target,
): boolean {
  const ref = target.object;
  if (ref === null || ref.schema === null) return true;
  if (objtype === 'OBJECT_INDEX' || objtype === 'OBJECT_SEQUENCE') {
    const word = RELATION_KINDS[objtype] ?? '';
    const what = `COMMENT ON ${word} ${displayName(relationOf(ref))}`;
    return checkRelationNamed(ctx, stmt, what, relationOf(ref), word.toLowerCase());
  }
  if (objtype === 'OBJECT_TABCONSTRAINT') {
    const q = relationOf(ref);
    const name = ref.name.slice(q.name.length + 1);
    const what = `COMMENT ON CONSTRAINT ${name} ON ${displayName(q)}`;
    if (!checkRelationNamed(ctx, stmt, what, q)) return false;
    checkConstraintNamed(ctx, stmt, what, q, name);
    return true;
  }
  if (objtype !== 'OBJECT_TABLE' && objtype !== 'OBJECT_COLUMN') return true;
  const parts = stringsOf(listItems(node.object));
  if (objtype === 'OBJECT_COLUMN' && parts.length < 2) {
    const column = quoteIdent(parts[0] ?? '');
    ctx.builder.problems.push({
      location: stmt.location,
      message: `COMMENT ON COLUMN ${column}: the column needs its table (COMMENT ON COLUMN table.${column}); PostgreSQL refuses it ("column name must be qualified")`,
    });
    return true;
  }
  const q = { schema: ref.schema, name: ref.name };
  const what =
    objtype === 'OBJECT_TABLE'
      ? `COMMENT ON TABLE ${displayName(q)}`
      : `COMMENT ON COLUMN ${displayColumn(q, parts.at(-1) ?? '')}`;
  return checkRelationNamed(ctx, stmt, what, q);
}

function relationOf(ref: ObjectRef): QualifiedName {
  return { schema: ref.schema ?? '', name: ref.name.split(' ')[0] ?? '' };
}

const GRANT_WORDS: Readonly<Record<string, string>> = {
  OBJECT_TABLE: 'TABLE',
  OBJECT_SEQUENCE: 'SEQUENCE',
  OBJECT_SCHEMA: 'SCHEMA',
  OBJECT_FUNCTION: 'FUNCTION',
  OBJECT_PROCEDURE: 'PROCEDURE',
  OBJECT_ROUTINE: 'FUNCTION',
  OBJECT_TYPE: 'TYPE',
  OBJECT_DOMAIN: 'DOMAIN',
  OBJECT_FOREIGN_TABLE: 'FOREIGN TABLE',
};

/** Objects outside any schema that pg_dump tags by kind and name alone (`FOREIGN SERVER s`). */
const GLOBAL_GRANT_WORDS: Readonly<Record<string, string>> = {
  OBJECT_FDW: 'FOREIGN DATA WRAPPER',
  OBJECT_FOREIGN_SERVER: 'FOREIGN SERVER',
  OBJECT_LANGUAGE: 'LANGUAGE',
  OBJECT_LARGEOBJECT: 'LARGE OBJECT',
  OBJECT_TABLESPACE: 'TABLESPACE',
};

function grantTarget(ctx: DdlContext, objtype: string, object: Node): Target | null {
  const global = GLOBAL_GRANT_WORDS[objtype];
  if (global !== undefined) {
    const name = 'Integer' in object ? String(object.Integer.ival ?? 0) : stringOf(object);
    if (name === null) return null;
    const shown = objtype === 'OBJECT_LARGEOBJECT' ? name : quoteIdent(name);
    return { tag: `${global} ${shown}`, namespace: null, object: null };
  }
  const word = GRANT_WORDS[objtype];
  if (word === undefined) return null;
  if ('RangeVar' in object) {
    const q = ctx.resolveRelation(object.RangeVar);
    const isSequence = objtype === 'OBJECT_SEQUENCE' || ctx.builder.sequences.has(nameKey(q));
    return {
      tag: `${isSequence ? 'SEQUENCE' : word} ${quoteIdent(q.name)}`,
      namespace: q.schema,
      object: { family: 'relation', schema: q.schema, name: q.name },
    };
  }
  if ('ObjectWithArgs' in object) {
    const ref = routineTag(ctx, object.ObjectWithArgs, false);
    const display = routineDisplay(ctx, ref);
    return { tag: `${word} ${display}`, namespace: ref.schema, object: ref };
  }
  if (objtype === 'OBJECT_SCHEMA') {
    const name = stringOf(object) ?? '';
    return {
      tag: `SCHEMA ${quoteIdent(name)}`,
      namespace: null,
      object: { family: 'schema', schema: null, name },
    };
  }
  const q = ctx.typeName('TypeName' in object ? object.TypeName.names : listItems(object));
  return {
    tag: `${word} ${quoteIdent(q.name)}`,
    namespace: q.schema,
    object: { family: 'type', schema: q.schema, name: q.name },
  };
}

/** GRANT / REVOKE: one ACL entry per object, as pg_dump writes them (a statement naming several is split). */
export function grant(ctx: DdlContext, stmt: SourceStatement, node: GrantStmt): void {
  const objects = node.targtype === 'ACL_TARGET_OBJECT' ? (node.objects ?? []) : [];
  const targets = objects.map((o) => grantTarget(ctx, node.objtype ?? '', o));
  if (targets.length === 0 || targets.some((t) => t === null)) {
    ctx.out.add({
      desc: 'ACL',
      group: 0,
      namespace: null,
      tag: '',
      sql: stmt.text,
      tables: [],
      location: stmt.location,
    });
    return;
  }
  const verb = node.is_grant === true ? 'GRANT' : 'REVOKE';
  targets.forEach((target, i) => {
    if (target === null) return;
    const ref = target.object;
    if (ref?.family === 'relation' && ref.schema !== null) {
      const word = target.tag.slice(0, target.tag.indexOf(' '));
      const what = `${verb} ON ${word} ${displayName(relationOf(ref))}`;
      if (!checkRelationNamed(ctx, stmt, what, relationOf(ref), word.toLowerCase())) return;
    }
    const sql =
      objects.length === 1
        ? stmt.text
        : deparseNode({ GrantStmt: { ...cloneNode(node), objects: [objects[i] as Node] } }, true);
    ctx.out.add({
      desc: 'ACL',
      group: 0,
      namespace: target.namespace,
      tag: target.tag,
      sql,
      tables: [],
      location: stmt.location,
      ...(target.object === null ? {} : { object: target.object }),
    });
  });
}

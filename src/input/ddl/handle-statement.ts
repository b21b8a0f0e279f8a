/**
 * One parsed statement → its effect on the model and its place in the
 * output: the dispatcher over statement kinds.
 */

import type { Node } from 'libpg-query';
import { displayName, nameKey } from '../../schema/names.js';
import { alterTable } from './alter-table.js';
import { listItems, nodeTag, stringsOf } from './ast.js';
import { comment as commentOn, grant } from './comments-and-grants.js';
import { createIndex } from './create-index.js';
import { createTable } from './create-table.js';
import { createRole } from './created-roles.js';
import { isDatabaseStatement } from './database-statements.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { doBlock } from './do-statement.js';
import { dropObjects } from './dropped-objects.js';
import { eventTriggerStatement } from './event-triggers.js';
import { moveLaterStatistics } from './later-objects.js';
import { endLocalSettings, endsTransaction } from './local-settings.js';
import { checkLockedRelations } from './missing-relations.js';
import { operatorClassStatement } from './operator-classes.js';
import { addGeometryColumnCall } from './postgis-columns.js';
import { publicationStatement } from './publications.js';
import { recordMigrationRows } from './recorded-migrations.js';
import {
  createTableAs,
  createView,
  ownedObjectKey,
  postOnRelation,
  refreshMatview,
  ruleAfterKeys,
  tableMadeView,
} from './relation-statements.js';
import { noteImportedSchema, noteRelationsRead, noteRelationUsed } from './relations-read.js';
import { renameObject } from './renames.js';
import { reportRoutineNotDefined } from './routine-identities.js';
import { createAggregate, createFunction, createOperator, routineTag } from './routines.js';
import { moveToSchema } from './schema-moves.js';
import { applySequenceOptions, createSequence } from './sequences.js';
import { noteSkipped, type Pre, SKIPPED, sessionStatement } from './session-statements.js';
import { reportTakenOnRelation } from './taken-on-relation.js';
import { notedTemporary, onTemporaryTable } from './temporary-tables.js';
import { reportRefusedTrigger } from './trigger-definitions.js';
import {
  alterDomain,
  alterEnum,
  createComposite,
  createDomain,
  createEnum,
  createRange,
  typeMovedAway,
} from './type-statements.js';
import { noteTriggerFunction } from './undefined-functions.js';
import { noteTypeUses } from './undefined-types.js';

const DESC_BY_TAG: Readonly<Record<string, string>> = {
  CreateFunctionStmt: 'FUNCTION',
  DefineStmt: 'TYPE',
  GrantStmt: 'ACL',
  AlterDefaultPrivilegesStmt: 'DEFAULT ACL',
  CreateConversionStmt: 'CONVERSION',
  CreateFdwStmt: 'FOREIGN DATA WRAPPER',
  CreateForeignServerStmt: 'SERVER',
  CreateUserMappingStmt: 'USER MAPPING',
  CreateForeignTableStmt: 'FOREIGN TABLE',
  DropStmt: 'DROP',
  AlterFunctionStmt: 'FUNCTION',
  AlterDomainStmt: 'DOMAIN',
  CreateRoleStmt: 'ROLE',
  DoStmt: 'DO',
  CreateTransformStmt: 'TRANSFORM',
  AlterObjectSchemaStmt: 'ALTER',
  RenameStmt: 'ALTER',
};

/** Node kinds that can change tables in ways the model does not follow. */
/** What `ALTER ... SET SCHEMA` moves in the model (schema-moves.ts). */
const MOVED_KINDS = new Set([
  'OBJECT_TABLE',
  'OBJECT_VIEW',
  'OBJECT_MATVIEW',
  'OBJECT_SEQUENCE',
  'OBJECT_FUNCTION',
  'OBJECT_PROCEDURE',
]);

const WARN_KINDS = new Set(['RenameStmt', 'AlterObjectSchemaStmt', 'CreateForeignTableStmt']);

export function handleStatement(ctx: DdlContext, stmt: SourceStatement): void {
  const node = stmt.node;
  const tag = nodeTag(node);
  ctx.localSettings.last = stmt;
  if ('TransactionStmt' in node && endsTransaction(node.TransactionStmt)) endLocalSettings(ctx, stmt);
  ctx.external.note(node, stmt.location);
  if ('CreateRoleStmt' in node && node.CreateRoleStmt.role !== undefined)
    ctx.external.createdRoles.add(node.CreateRoleStmt.role);
  const temporary = notedTemporary(ctx, node);
  if (temporary !== null) {
    ctx.warn(
      'TEMP_TABLE',
      'ViewStmt' in node
        ? `CREATE VIEW ${temporary} is a temporary view (${node.ViewStmt.view?.relpersistence === 't' ? 'TEMP' : 'it reads a temporary table'}): not part of the schema, it was left out (with the statements on it)`
        : `${'SelectStmt' in node ? 'SELECT ... INTO TEMP TABLE' : 'CREATE TEMP TABLE'} ${temporary} is not part of the schema and was left out (with the statements on it)`,
      stmt.location,
    );
    return;
  }
  if (onTemporaryTable(ctx, node)) return;
  if (addGeometryColumnCall(ctx, stmt, handleStatement)) return;
  if (!isDatabaseStatement(node)) noteTypeUses(ctx, stmt);
  const pre: Pre = (desc, namespace, name) => addAsWritten(ctx, stmt, { desc, namespace, tag: name });
  if ('CreateRoleStmt' in node) {
    createRole(ctx, stmt, node.CreateRoleStmt);
    return;
  }
  if (isDatabaseStatement(node)) {
    ctx.databaseStatements.note(stmt.text, stmt.location);
    return;
  }
  if (
    sessionStatement(ctx, stmt, pre, handleStatement) ||
    typeStatement(ctx, stmt) ||
    relationStatement(ctx, stmt) ||
    codeStatement(ctx, stmt) ||
    eventTriggerStatement(ctx, stmt) ||
    publicationStatement(ctx, stmt) ||
    operatorClassStatement(ctx, stmt) ||
    objectStatement(ctx, stmt, pre)
  )
    return;
  if ('InsertStmt' in node && recordMigrationRows(ctx, node.InsertStmt, stmt.location)) return;
  if ('LockStmt' in node) checkLockedRelations(ctx, stmt, node.LockStmt);
  if (SKIPPED.has(tag)) {
    noteSkipped(ctx, tag, stmt);
    return;
  }
  if ('AlterObjectSchemaStmt' in node) typeMovedAway(ctx, node.AlterObjectSchemaStmt);
  noteImportedSchema(ctx, node);
  const foreign = 'CreateForeignTableStmt' in node ? node.CreateForeignTableStmt.base?.relation : undefined;
  if (foreign !== undefined) ctx.foreignTables.add(nameKey(ctx.resolveRelation(foreign)));
  if (WARN_KINDS.has(tag)) {
    ctx.warn(
      'UNSUPPORTED_STATEMENT',
      `${tag.replace(/Stmt$/, '')} statement is not reflected in the model; it is kept as written`,
      stmt.location,
    );
  }
  pre(DESC_BY_TAG[tag] ?? tag.replace(/Stmt$/, '').toUpperCase(), null, '');
}

/** Enums, domains, composite and range types, sequences. True when handled. */
function typeStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  if ('CreateEnumStmt' in node) createEnum(ctx, stmt, node.CreateEnumStmt);
  else if ('AlterEnumStmt' in node) alterEnum(ctx, stmt, node.AlterEnumStmt);
  else if ('CreateDomainStmt' in node) createDomain(ctx, stmt, node.CreateDomainStmt);
  else if ('AlterDomainStmt' in node) alterDomain(ctx, stmt, node.AlterDomainStmt);
  else if ('CompositeTypeStmt' in node) createComposite(ctx, stmt, node.CompositeTypeStmt);
  else if ('CreateRangeStmt' in node) createRange(ctx, stmt, node.CreateRangeStmt);
  else if ('CreateSeqStmt' in node) createSequence(ctx, stmt, node.CreateSeqStmt);
  else if ('AlterSeqStmt' in node) alterSequence(ctx, stmt, node.AlterSeqStmt);
  else return false;
  return true;
}

function alterSequence(
  ctx: DdlContext,
  stmt: SourceStatement,
  alter: Extract<Node, { AlterSeqStmt: unknown }>['AlterSeqStmt'],
): void {
  const q = ctx.resolveRelation(alter.sequence ?? {});
  const sequence = ctx.builder.sequences.get(nameKey(q));
  const options = alter.options ?? [];
  if (sequence !== undefined) applySequenceOptions(ctx, sequence, options, stmt.location);
  const ownedBy = options.some((o) => 'DefElem' in o && o.DefElem.defname === 'owned_by');
  ctx.out.add({
    desc: ownedBy ? 'SEQUENCE OWNED BY' : 'SEQUENCE',
    group: 0,
    namespace: q.schema,
    tag: q.name,
    sql: stmt.text,
    tables: sequence?.ownedBy ? [sequence.ownedBy.table] : [],
    location: stmt.location,
  });
}

/** Tables, indexes, views and what hangs on a relation (triggers, rules, policies, CLUSTER). True when handled. */
function relationStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  if ('CreateStmt' in node) createTable(ctx, stmt, node.CreateStmt);
  else if ('AlterTableStmt' in node) alterTable(ctx, stmt, node.AlterTableStmt);
  else if ('IndexStmt' in node) createIndex(ctx, stmt, node.IndexStmt);
  else if ('ViewStmt' in node) createView(ctx, stmt, node.ViewStmt);
  else if ('CreateTableAsStmt' in node) createTableAs(ctx, stmt, node.CreateTableAsStmt);
  else if ('CreateTrigStmt' in node) {
    const t = node.CreateTrigStmt;
    const what = `trigger ${t.trigname ?? ''} on ${displayName(ctx.resolveRelation(t.relation ?? {}))}`;
    noteTriggerFunction(ctx, t.funcname, what, stmt.location);
    reportRefusedTrigger(ctx, stmt, t);
    if (t.constrrel !== undefined) noteRelationUsed(ctx, what, t.constrrel, stmt.at(t.constrrel.location));
    reportTakenOnRelation(ctx, stmt, 'TRIGGER', t.relation, t.trigname ?? '', t.replace === true);
    postOnRelation(ctx, stmt, 'TRIGGER', t.relation, t.trigname ?? '', (n, rv) => {
      if ('CreateTrigStmt' in n) n.CreateTrigStmt.relation = rv;
    });
  } else if ('RuleStmt' in node) {
    const r = node.RuleStmt;
    const view = tableMadeView(ctx, r);
    const what = `rule ${r.rulename ?? ''} on ${displayName(ctx.resolveRelation(r.relation ?? {}))}`;
    noteRelationsRead(ctx, stmt, what, [r.whereClause, r.actions], ['new', 'old']);
    reportTakenOnRelation(ctx, stmt, 'RULE', r.relation, r.rulename ?? '', r.replace === true);
    postOnRelation(ctx, stmt, 'RULE', r.relation, r.rulename ?? '', (n, rv) => {
      if ('RuleStmt' in n) n.RuleStmt.relation = rv;
    });
    if (view) ruleAfterKeys(ctx, view, r);
  } else if ('CreatePolicyStmt' in node) {
    const p = node.CreatePolicyStmt;
    const what = `policy ${p.policy_name ?? ''} on ${displayName(ctx.resolveRelation(p.table ?? {}))}`;
    noteRelationsRead(ctx, stmt, what, [p.qual, p.with_check]);
    reportTakenOnRelation(ctx, stmt, 'POLICY', p.table, p.policy_name ?? '', false);
    postOnRelation(ctx, stmt, 'POLICY', p.table, p.policy_name ?? '', (n, rv) => {
      if ('CreatePolicyStmt' in n) n.CreatePolicyStmt.table = rv;
    });
  } else if ('RefreshMatViewStmt' in node && refreshMatview(ctx, stmt, node.RefreshMatViewStmt)) {
    // Run last, after the rows (relation-statements.ts).
  } else if ('ClusterStmt' in node && node.ClusterStmt.relation !== undefined) {
    // `CLUSTER t USING idx` needs the index, which is built post-data: it runs after it, on the loaded rows.
    const c = node.ClusterStmt;
    postOnRelation(ctx, stmt, 'CLUSTER', c.relation, c.indexname ?? '', (n, rv) => {
      if ('ClusterStmt' in n) n.ClusterStmt.relation = rv;
    });
  } else return false;
  return true;
}

/** Functions, aggregates, operators and DO blocks. True when handled. */
function codeStatement(ctx: DdlContext, stmt: SourceStatement): boolean {
  const node = stmt.node;
  if ('CreateFunctionStmt' in node) createFunction(ctx, stmt, node.CreateFunctionStmt);
  else if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_AGGREGATE')
    createAggregate(ctx, stmt, node.DefineStmt);
  else if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_OPERATOR')
    createOperator(ctx, stmt, node.DefineStmt);
  else if ('DoStmt' in node) doBlock(ctx, stmt, node.DoStmt, (inner) => handleStatement(ctx, inner));
  else return false;
  return true;
}

/**
 * The object an `ALTER ... OWNER TO` names, as its own entry's header names
 * it: `f(integer)` in `public` for a routine (pg_dump's tag), a type's or
 * domain's schema and name, a schema's bare name.
 */
function ownedObjectTag(
  ctx: DdlContext,
  objectType: string,
  object: Node | undefined,
): { namespace: string | null; tag: string } {
  if (object !== undefined && 'ObjectWithArgs' in object) {
    if (objectType === 'OBJECT_OPERATOR')
      return { namespace: null, tag: stringsOf(object.ObjectWithArgs.objname).join('.') };
    const ref = routineTag(ctx, object.ObjectWithArgs, objectType === 'OBJECT_AGGREGATE');
    return { namespace: ref.schema, tag: ref.name };
  }
  if (objectType === 'OBJECT_TYPE' || objectType === 'OBJECT_DOMAIN') {
    const q = ctx.typeName(listItems(object));
    return { namespace: q.schema, tag: q.name };
  }
  return { namespace: null, tag: stringsOf(listItems(object)).join('.') };
}

/** COMMENT, owners, GRANT, DROP and renames. True when handled. */
function objectStatement(ctx: DdlContext, stmt: SourceStatement, pre: Pre): boolean {
  const node = stmt.node;
  if ('CommentStmt' in node) commentOn(ctx, stmt, node.CommentStmt);
  else if ('AlterOwnerStmt' in node) {
    const o = node.AlterOwnerStmt;
    reportRoutineNotDefined(ctx, stmt, o.objectType ?? '', o.object);
    const owner = o.newowner?.rolename;
    const key = ownedObjectKey(ctx, o.objectType ?? '', o.object);
    if (owner !== undefined && key !== null) ctx.out.setOwner(key, owner);
    const { namespace, tag } = ownedObjectTag(ctx, o.objectType ?? '', o.object);
    pre('OWNER', namespace, tag);
  } else if ('GrantStmt' in node) grant(ctx, stmt, node.GrantStmt);
  else if ('DropStmt' in node) {
    if (dropObjects(ctx, stmt, node.DropStmt))
      pre('DROP', null, node.DropStmt.removeType?.replace(/^OBJECT_/, '') ?? '');
  } else if ('AlterObjectSchemaStmt' in node && moveLaterStatistics(ctx, node.AlterObjectSchemaStmt)) {
    // Made post-data: its statements name the new schema (later-objects.ts).
  } else if (
    'AlterObjectSchemaStmt' in node &&
    MOVED_KINDS.has(node.AlterObjectSchemaStmt.objectType ?? '')
  ) {
    const move = moveToSchema(ctx, stmt, node.AlterObjectSchemaStmt);
    if (move === 'unmodelled') return false;
    if (move === 'moved') pre('ALTER', null, '');
  } else if ('RenameStmt' in node) {
    const written = renameObject(ctx, stmt, node.RenameStmt);
    if (written === 'unmodelled') {
      ctx.warn(
        'UNSUPPORTED_STATEMENT',
        'Rename statement is not reflected in the model; it is kept as written',
        stmt.location,
      );
    }
    if (written !== false) pre('ALTER', null, '');
  } else return false;
  return true;
}

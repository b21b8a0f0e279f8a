/**
 * Statements on the session and its namespaces: SET (search_path, pg_dump's
 * own settings left out), top-level SELECT (`SELECT ... INTO t` read as CREATE TABLE t AS) and CALL, CREATE SCHEMA, CREATE
 * EXTENSION and plpgsql's CREATE LANGUAGE; and the count of statements left out.
 */
import { stringOf } from './ast.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { dynamicDdlCall } from './dynamic-ddl.js';
import { CORE_EXTENSIONS } from './extension-types.js';
import { userFunctionCalls } from './function-calls.js';
import { noteSessionSetting, setLocal } from './local-settings.js';
import {
  EXTENSION_CONFIG_DUMP,
  isExtensionConfigDump,
  isReadOnlyQuery,
  isStatisticsRestore,
  STATISTICS_RESTORE,
} from './queries.js';
import { createTableAs } from './relation-statements.js';
import { reportExtensionMadeTwice } from './repeated-namespaces.js';
import { createSchema } from './schema-elements.js';
import { searchPathOfSelect, searchPathOfSet } from './search-path.js';
import { selectIntoAsTableAs } from './table-as.js';
import { isWithOidsSetting, WITH_OIDS_SETTING } from './with-oids.js';

/**
 * Session settings pg_dump writes at the top of every script (its fixed output
 * state). The output writes its own; copying the input's would repeat them, and
 * a newer server's (`transaction_timeout`, pg_dump 17) fails on an older one.
 */
const DUMP_SESSION_SETTINGS = new Set([
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
  'transaction_timeout',
  'client_encoding',
  'standard_conforming_strings',
  'check_function_bodies',
  'xmloption',
  'client_min_messages',
  'row_security',
]);

/**
 * `SET TRANSACTION ISOLATION LEVEL ...` (and `SET TRANSACTION SNAPSHOT`) sets the input's own transaction,
 * which is left out: it is counted with the transaction statements. Written, it warned and did nothing in
 * psql's or pg_restore's statements, and stopped a direct load, whose one transaction has run queries by then
 * (Langfuse's backfill migration).
 */
const TRANSACTION_SETTINGS = new Set(['TRANSACTION', 'TRANSACTION SNAPSHOT']);

/** Writes a statement as it was written, in the pre-data section. */
export type Pre = (desc: string, namespace: string | null, name: string) => void;

/** Statements that carry data or transaction control, or act on the rows and indexes there are: not part of a schema. */
export const SKIPPED = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'CopyStmt',
  'MergeStmt',
  'TransactionStmt',
  // A lock lasts for its transaction, and the input's transactions are left out (LOCK alone is an error).
  'LockStmt',
  // SET CONSTRAINTS ... IMMEDIATE (Django's ALTER FIELD on a foreign key): a transaction's setting, and the FK is post-data.
  'ConstraintsSetStmt',
  // A cursor lasts for its transaction (DECLARE alone is an error), and an open one blocks a later ALTER TABLE.
  'DeclareCursorStmt',
  'FetchStmt',
  'ClosePortalStmt',
  // Act on the rows and indexes there are when they run: before the data, on indexes not built yet (SORMAS).
  'ReindexStmt',
  'VacuumStmt',
]);

/** A statement left out of the output, counted for one warning per kind. */
export function noteSkipped(ctx: DdlContext, tag: string, stmt: SourceStatement): void {
  const seen = ctx.skipped.get(tag);
  if (seen === undefined) ctx.skipped.set(tag, { first: stmt.location, count: 1 });
  else seen.count++;
}

/** Reads one statement (handle-statement.ts' dispatcher): what a statement that stands for others hands them to. */
export type HandleStatement = (ctx: DdlContext, stmt: SourceStatement) => void;

/**
 * SET, SELECT, CALL, CREATE SCHEMA, CREATE EXTENSION: the session and its namespaces. True when handled.
 * `handleStatement` reads the statements a call stands for and a CREATE SCHEMA's elements.
 */
export function sessionStatement(
  ctx: DdlContext,
  stmt: SourceStatement,
  pre: Pre,
  handleStatement: HandleStatement,
): boolean {
  const node = stmt.node;
  if ('VariableSetStmt' in node) {
    if (isWithOidsSetting(node.VariableSetStmt)) {
      noteSkipped(ctx, WITH_OIDS_SETTING, stmt);
      return true;
    }
    if (
      node.VariableSetStmt.kind === 'VAR_SET_MULTI' &&
      TRANSACTION_SETTINGS.has(node.VariableSetStmt.name ?? '')
    ) {
      noteSkipped(ctx, 'TransactionStmt', stmt);
      return true;
    }
    if (DUMP_SESSION_SETTINGS.has(node.VariableSetStmt.name ?? '')) return true;
    if (node.VariableSetStmt.is_local === true) {
      setLocal(ctx, stmt, node.VariableSetStmt);
      return true;
    }
    const path = searchPathOfSet(node.VariableSetStmt);
    if (path !== undefined) ctx.searchPath = path;
    noteSessionSetting(ctx, node.VariableSetStmt, stmt.text);
    pre('SET', null, node.VariableSetStmt.name ?? '');
    return true;
  }
  const dynamic = dynamicDdlCall(ctx, stmt);
  if (dynamic !== undefined) {
    for (const inner of dynamic) handleStatement(ctx, inner);
    return true;
  }
  if ('SelectStmt' in node && node.SelectStmt.intoClause !== undefined) {
    // SELECT ... INTO t makes the table CREATE TABLE t AS SELECT ... makes (civitai's migrations).
    createTableAs(ctx, stmt, selectIntoAsTableAs(node.SelectStmt));
    return true;
  }
  if ('SelectStmt' in node) {
    const path = searchPathOfSelect(node.SelectStmt);
    if (path !== undefined) ctx.searchPath = path;
    else if (isReadOnlyQuery(node)) {
      noteSkipped(ctx, 'SelectStmt', stmt);
      return true;
    } else if (isExtensionConfigDump(node)) {
      noteSkipped(ctx, EXTENSION_CONFIG_DUMP, stmt);
      return true;
    } else if (isStatisticsRestore(node)) {
      noteSkipped(ctx, STATISTICS_RESTORE, stmt);
      return true;
    } else if (userFunctionCalls(ctx, stmt) === 'leave out') return true;
    pre(path === undefined ? 'SELECT' : 'SET', null, path === undefined ? 'SELECT' : 'search_path');
    return true;
  }
  if ('CallStmt' in node) {
    if (userFunctionCalls(ctx, stmt) !== 'leave out') pre('CALL', null, '');
    return true;
  }
  if ('CreateSchemaStmt' in node) {
    createSchema(ctx, stmt, node.CreateSchemaStmt, handleStatement);
    return true;
  }
  if ('CreateExtensionStmt' in node) {
    const ext = node.CreateExtensionStmt;
    const option = (ext.options ?? []).find((o) => 'DefElem' in o && o.DefElem.defname === 'schema');
    const schema =
      option !== undefined && 'DefElem' in option
        ? (stringOf(option.DefElem.arg) ?? ctx.creationSchema())
        : ctx.creationSchema();
    const name = ext.extname ?? '';
    reportExtensionMadeTwice(ctx, name, ext.if_not_exists === true, stmt.location);
    if (!ctx.builder.extensions.some((e) => e.name === name)) {
      ctx.builder.extensions.push({ name, schema });
      if (!CORE_EXTENSIONS.has(name)) ctx.addOnExtensions.push({ name, location: stmt.location });
    }
    // Every database has plpgsql: a bare `CREATE LANGUAGE plpgsql` fails there (Bucardo), so pg_dump's form.
    if (name === 'plpgsql' && ext.if_not_exists !== true) plpgsqlExtension(ctx, stmt);
    else addAsWritten(ctx, stmt, { desc: 'EXTENSION', namespace: null, tag: name });
    return true;
  }
  // PostgreSQL 8's `CREATE TRUSTED LANGUAGE plpgsql HANDLER plpgsql_call_handler` (FreeRADIUS' cisco_h323 schema)
  // fails the same way: pg_dump's form too (the handler function it made before is left as written).
  if (
    'CreatePLangStmt' in node &&
    node.CreatePLangStmt.plname === 'plpgsql' &&
    node.CreatePLangStmt.replace !== true
  ) {
    if (!ctx.builder.extensions.some((e) => e.name === 'plpgsql'))
      ctx.builder.extensions.push({ name: 'plpgsql', schema: ctx.creationSchema() });
    plpgsqlExtension(ctx, stmt);
    return true;
  }
  return false;
}

function plpgsqlExtension(ctx: DdlContext, stmt: SourceStatement): void {
  const text = 'CREATE EXTENSION IF NOT EXISTS plpgsql';
  addAsWritten(ctx, { ...stmt, text }, { desc: 'EXTENSION', namespace: null, tag: 'plpgsql' });
}

/**
 * SQL DDL files → the schema model, using PostgreSQL's own parser
 * (libpg-query) and pgsql-deparser for every statement that is rewritten.
 */
import type { CreateTableAsStmt, Node, RangeVar, RawStmt } from 'libpg-query';
import { loadModule, parseSync } from 'libpg-query';
import { DatagenError, ErrorCodes, formatLocation, type Warning } from '../../errors.js';
import type { Schema } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { quoteQualified } from '../../schema/quote.js';
import { alterTable } from './alter-table.js';
import { cloneNode, deparseNode, listItems, nodeTag, stringOf, stringsOf } from './ast.js';
import { comment, grant } from './comments-and-grants.js';
import { createIndex } from './create-index.js';
import { createTable } from './create-table.js';
import { createDdlContext, type DdlContext, type SourceStatement } from './ddl-context.js';
import { referencesIn } from './references.js';
import { createAggregate, createFunction, createOperator } from './routines.js';
import { createSchemaBuilder, formatProblems } from './schema-builder.js';
import { searchPathOfSelect, searchPathOfSet } from './search-path.js';
import { applySequenceOptions, createSequence } from './sequences.js';
import { createSourceText, type SourceText } from './source-text.js';
import { createStatementList, objectKey } from './statement-list.js';
import { alterEnum, createComposite, createDomain, createEnum, createRange } from './type-statements.js';

export interface DdlSource {
  readonly file: string;
  readonly text: string;
}

export interface ParseDdlOptions {
  /** Schema for unqualified names before any `SET search_path` (default `public`). */
  readonly defaultSchema?: string;
}

let moduleLoaded: Promise<void> | undefined;

/**
 * Read DDL files into a `Schema`: tables with their keys, foreign keys and
 * checks, types, sequences, and every statement re-ordered the way pg_dump
 * writes them (pre-data, then indexes and constraints as post-data).
 *
 * @example
 * const { schema } = await parseDdl([{ file: 'a.sql', text: 'CREATE TABLE t (id serial PRIMARY KEY);' }]);
 * schema.tables[0]?.primaryKey?.name; // 't_pkey'
 * schema.statements.map((s) => s.sql);
 * // ['CREATE TABLE public.t (\n  id serial\n);\n', 'ALTER TABLE ONLY public.t\n  ADD CONSTRAINT t_pkey PRIMARY KEY (id);\n']
 */
export async function parseDdl(
  sources: readonly DdlSource[],
  options: ParseDdlOptions = {},
): Promise<{ schema: Schema; warnings: Warning[] }> {
  moduleLoaded ??= loadModule();
  await moduleLoaded;
  const warnings: Warning[] = [];
  const builder = createSchemaBuilder();
  // The list reads the context's search_path as each statement is added (the context is made after it).
  const current: { ctx?: DdlContext } = {};
  const out = createStatementList(() => current.ctx?.searchPath ?? []);
  const ctx = createDdlContext(builder, out, warnings, options.defaultSchema ?? 'public');
  current.ctx = ctx;
  for (const source of sources) {
    const text = createSourceText(source.file, source.text, warnings);
    for (const stmt of parseSource(text)) handleStatement(ctx, stmt);
  }
  const { tables, sequences, types } = builder.finish();
  if (builder.problems.length > 0) {
    throw new DatagenError(
      ErrorCodes.SCHEMA_INVALID,
      `The DDL is not a usable schema (${builder.problems.length} problem${builder.problems.length === 1 ? '' : 's'}):\n${formatProblems(builder.problems)}`,
      { problems: builder.problems },
      { exitCode: 2 },
    );
  }
  const schema: Schema = {
    kind: 'schema',
    namespaces: [...builder.namespaces],
    types,
    tables,
    sequences,
    statements: out.finish(),
    extensions: builder.extensions.map((e) => e.name),
  };
  return { schema, warnings };
}

interface ParserError {
  message: string;
  sqlDetails?: { cursorPosition?: number };
}

/** Parse a whole file in one call; a syntax error is reported with its line, column and a caret. */
function parseSource(source: SourceText): SourceStatement[] {
  let stmts: RawStmt[];
  try {
    stmts = (parseSync(source.text) as { stmts?: RawStmt[] }).stmts ?? [];
  } catch (error) {
    const e = error as ParserError;
    const location = source.locationAtCodePoint(e.sqlDetails?.cursorPosition ?? 0);
    const line = source.line(location.line);
    const caret = [...line]
      .slice(0, location.column - 1)
      .map((ch) => (ch === '\t' ? '\t' : ' '))
      .join('');
    throw new DatagenError(
      ErrorCodes.SQL_SYNTAX,
      `${formatLocation(location)}: ${e.message}\n  ${line}\n  ${caret}^`,
      { location, parserMessage: e.message },
      { cause: error, exitCode: 2 },
    );
  }
  return stmts.flatMap((raw) => {
    if (raw.stmt === undefined) return [];
    const start = raw.stmt_location ?? 0;
    const end = raw.stmt_len === undefined || raw.stmt_len === 0 ? source.bytes.length : start + raw.stmt_len;
    const first = source.skipTrivia(start, end);
    return [
      { node: raw.stmt, text: source.slice(first, end).trimEnd(), location: source.locationAtByte(first) },
    ];
  });
}

const DESC_BY_TAG: Readonly<Record<string, string>> = {
  CreateFunctionStmt: 'FUNCTION',
  DefineStmt: 'TYPE',
  GrantStmt: 'ACL',
  AlterDefaultPrivilegesStmt: 'DEFAULT ACL',
  CreateCastStmt: 'CAST',
  CreateConversionStmt: 'CONVERSION',
  CreateOpClassStmt: 'OPERATOR CLASS',
  CreateOpFamilyStmt: 'OPERATOR FAMILY',
  CreateFdwStmt: 'FOREIGN DATA WRAPPER',
  CreateForeignServerStmt: 'SERVER',
  CreateUserMappingStmt: 'USER MAPPING',
  CreateForeignTableStmt: 'FOREIGN TABLE',
  CreatePublicationStmt: 'PUBLICATION',
  CreateEventTrigStmt: 'EVENT TRIGGER',
  CreateStatsStmt: 'STATISTICS',
  DropStmt: 'DROP',
  AlterFunctionStmt: 'FUNCTION',
  AlterDomainStmt: 'DOMAIN',
  CreateRoleStmt: 'ROLE',
  DoStmt: 'DO',
  CreateTransformStmt: 'TRANSFORM',
  AlterObjectSchemaStmt: 'ALTER',
  RenameStmt: 'ALTER',
};

/** Statements that carry data or transaction control: not part of a schema. */
const SKIPPED = new Set([
  'InsertStmt',
  'UpdateStmt',
  'DeleteStmt',
  'CopyStmt',
  'MergeStmt',
  'TransactionStmt',
]);

/** Node kinds that can change tables in ways the model does not follow. */
const WARN_KINDS = new Set([
  'RenameStmt',
  'AlterObjectSchemaStmt',
  'CreateForeignTableStmt',
  'DoStmt',
  'AlterDomainStmt',
]);

function handleStatement(ctx: DdlContext, stmt: SourceStatement): void {
  const node = stmt.node;
  const tag = nodeTag(node);
  const pre = (
    desc: string,
    namespace: string | null,
    name: string,
    creates?: string,
    withReferences = false,
  ) =>
    ctx.out.add({
      desc,
      group: 0,
      namespace,
      tag: name,
      sql: stmt.text,
      tables: [],
      location: stmt.location,
      ...(creates === undefined ? {} : { creates }),
      ...(withReferences ? { references: referencesIn(ctx, node) } : {}),
    });
  if ('VariableSetStmt' in node) {
    const path = searchPathOfSet(node.VariableSetStmt);
    if (path !== undefined) ctx.searchPath = path;
    pre('SET', null, node.VariableSetStmt.name ?? '');
    return;
  }
  if ('SelectStmt' in node) {
    const path = searchPathOfSelect(node.SelectStmt);
    if (path !== undefined) ctx.searchPath = path;
    pre(path === undefined ? 'SELECT' : 'SET', null, path === undefined ? 'SELECT' : 'search_path');
    return;
  }
  if ('CreateSchemaStmt' in node) {
    const name = node.CreateSchemaStmt.schemaname ?? '';
    if (!ctx.builder.namespaces.includes(name)) ctx.builder.namespaces.push(name);
    if ((node.CreateSchemaStmt.schemaElts ?? []).length > 0) {
      ctx.warn(
        'UNSUPPORTED_STATEMENT',
        `CREATE SCHEMA ${name} with elements: the elements are not modelled`,
        stmt.location,
      );
    }
    pre('SCHEMA', null, name, objectKey('schema', '', name));
    return;
  }
  if ('CreateExtensionStmt' in node) {
    const ext = node.CreateExtensionStmt;
    const option = (ext.options ?? []).find((o) => 'DefElem' in o && o.DefElem.defname === 'schema');
    const schema =
      option !== undefined && 'DefElem' in option
        ? (stringOf(option.DefElem.arg) ?? ctx.creationSchema())
        : ctx.creationSchema();
    const name = ext.extname ?? '';
    if (!ctx.builder.extensions.some((e) => e.name === name)) ctx.builder.extensions.push({ name, schema });
    pre('EXTENSION', null, name);
    return;
  }
  if ('CreateEnumStmt' in node) {
    createEnum(ctx, stmt, node.CreateEnumStmt);
    return;
  }
  if ('AlterEnumStmt' in node) {
    alterEnum(ctx, stmt, node.AlterEnumStmt);
    return;
  }
  if ('CreateDomainStmt' in node) {
    createDomain(ctx, stmt, node.CreateDomainStmt);
    return;
  }
  if ('CompositeTypeStmt' in node) {
    createComposite(ctx, stmt, node.CompositeTypeStmt);
    return;
  }
  if ('CreateRangeStmt' in node) {
    createRange(ctx, stmt, node.CreateRangeStmt);
    return;
  }
  if ('CreateSeqStmt' in node) {
    createSequence(ctx, stmt, node.CreateSeqStmt);
    return;
  }
  if ('AlterSeqStmt' in node) {
    const q = ctx.resolveRelation(node.AlterSeqStmt.sequence ?? {});
    const sequence = ctx.builder.sequences.get(nameKey(q));
    const options = node.AlterSeqStmt.options ?? [];
    if (sequence !== undefined) applySequenceOptions(ctx, sequence, options);
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
    return;
  }
  if ('CreateStmt' in node) {
    createTable(ctx, stmt, node.CreateStmt);
    return;
  }
  if ('AlterTableStmt' in node) {
    alterTable(ctx, stmt, node.AlterTableStmt);
    return;
  }
  if ('IndexStmt' in node) {
    createIndex(ctx, stmt, node.IndexStmt);
    return;
  }
  if ('ViewStmt' in node) {
    const q = ctx.createdName(node.ViewStmt.view ?? {});
    ctx.builder.views.set(nameKey(q), q);
    ctx.names.addRelation(q.schema, q.name);
    pre('VIEW', q.schema, q.name, objectKey('relation', q.schema, q.name), true);
    return;
  }
  if ('CreateTableAsStmt' in node) {
    createTableAs(ctx, stmt, node.CreateTableAsStmt);
    return;
  }
  if ('CreateTrigStmt' in node) {
    const t = node.CreateTrigStmt;
    postOnRelation(ctx, stmt, 'TRIGGER', t.relation, t.trigname ?? '', (n, rv) => {
      if ('CreateTrigStmt' in n) n.CreateTrigStmt.relation = rv;
    });
    return;
  }
  if ('RuleStmt' in node) {
    const r = node.RuleStmt;
    postOnRelation(ctx, stmt, 'RULE', r.relation, r.rulename ?? '', (n, rv) => {
      if ('RuleStmt' in n) n.RuleStmt.relation = rv;
    });
    return;
  }
  if ('CreatePolicyStmt' in node) {
    const p = node.CreatePolicyStmt;
    postOnRelation(ctx, stmt, 'POLICY', p.table, p.policy_name ?? '', (n, rv) => {
      if ('CreatePolicyStmt' in n) n.CreatePolicyStmt.table = rv;
    });
    return;
  }
  if ('CommentStmt' in node) {
    comment(ctx, stmt, node.CommentStmt);
    return;
  }
  if ('AlterOwnerStmt' in node) {
    const o = node.AlterOwnerStmt;
    const owner = o.newowner?.rolename;
    const key = ownedObjectKey(ctx, o.objectType ?? '', o.object);
    if (owner !== undefined && key !== null) ctx.out.setOwner(key, owner);
    pre('OWNER', null, stringsOf(listItems(o.object)).join('.'));
    return;
  }
  if ('CreateFunctionStmt' in node) {
    createFunction(ctx, stmt, node.CreateFunctionStmt);
    return;
  }
  if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_AGGREGATE') {
    createAggregate(ctx, stmt, node.DefineStmt);
    return;
  }
  if ('DefineStmt' in node && node.DefineStmt.kind === 'OBJECT_OPERATOR') {
    createOperator(ctx, stmt, node.DefineStmt);
    return;
  }
  if ('GrantStmt' in node) {
    grant(ctx, stmt, node.GrantStmt);
    return;
  }
  if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TABLE') {
    for (const object of node.DropStmt.objects ?? []) {
      const parts = stringsOf(listItems(object));
      const q = ctx.resolveRelation({
        relname: parts.at(-1) ?? '',
        ...(parts.length >= 2 ? { schemaname: parts.at(-2) ?? '' } : {}),
      });
      ctx.builder.tables.delete(nameKey(q));
    }
    pre('DROP', null, 'TABLE');
    return;
  }
  if (SKIPPED.has(tag)) {
    ctx.warn(
      'STATEMENT_SKIPPED',
      `${tag.replace(/Stmt$/, '')} statement at ${formatLocation(stmt.location)} is not DDL and was left out of the output`,
      stmt.location,
    );
    return;
  }
  if (WARN_KINDS.has(tag)) {
    ctx.warn(
      'UNSUPPORTED_STATEMENT',
      `${tag.replace(/Stmt$/, '')} statement is not reflected in the model; it is kept as written`,
      stmt.location,
    );
  }
  pre(DESC_BY_TAG[tag] ?? tag.replace(/Stmt$/, '').toUpperCase(), null, '');
}

/** A post-data statement on one table (trigger, rule, policy), schema-qualified. */
function postOnRelation(
  ctx: DdlContext,
  stmt: SourceStatement,
  desc: string,
  relation: RangeVar | undefined,
  name: string,
  setRelation: (node: Node, rv: RangeVar) => void,
): void {
  const rv = relation ?? {};
  const q = ctx.resolveRelation(rv);
  let sql = stmt.text;
  if (rv.schemaname === undefined) {
    const copy = cloneNode(stmt.node);
    setRelation(copy, { ...rv, schemaname: q.schema });
    sql = deparseNode(copy, true);
  }
  ctx.out.add({
    desc,
    group: 4,
    namespace: q.schema,
    tag: `${q.name} ${name}`,
    sql,
    tables: [q],
    location: stmt.location,
    references: referencesIn(ctx, stmt.node),
  });
}

/** CREATE MATERIALIZED VIEW (kept WITH NO DATA, refreshed post-data) or CREATE TABLE AS (not modelled). */
function createTableAs(ctx: DdlContext, stmt: SourceStatement, node: CreateTableAsStmt): void {
  const q = ctx.createdName(node.into?.rel ?? {});
  ctx.names.addRelation(q.schema, q.name);
  if (node.objtype !== 'OBJECT_MATVIEW') {
    ctx.warn(
      'UNSUPPORTED_TABLE',
      `CREATE TABLE ${q.name} AS: the table's columns are not modelled`,
      stmt.location,
    );
    ctx.out.add({
      desc: 'TABLE',
      group: 0,
      namespace: q.schema,
      tag: q.name,
      sql: stmt.text,
      tables: [],
      location: stmt.location,
    });
    return;
  }
  ctx.builder.views.set(nameKey(q), q);
  let sql = stmt.text;
  if (node.into?.skipData !== true) {
    const copy = cloneNode(node);
    if (copy.into !== undefined) {
      copy.into.skipData = true;
      copy.into.rel = { ...copy.into.rel, schemaname: q.schema };
    }
    sql = deparseNode({ CreateTableAsStmt: copy }, true);
    ctx.out.add({
      desc: 'MATERIALIZED VIEW DATA',
      group: 5,
      namespace: q.schema,
      tag: q.name,
      sql: `REFRESH MATERIALIZED VIEW ${quoteQualified(q)}`,
      tables: [],
      location: stmt.location,
    });
  }
  ctx.out.add({
    desc: 'MATERIALIZED VIEW',
    group: 0,
    namespace: q.schema,
    tag: q.name,
    sql,
    tables: [],
    location: stmt.location,
    creates: objectKey('relation', q.schema, q.name),
    references: referencesIn(ctx, stmt.node),
  });
}

/** The statement-list key of the object an `ALTER ... OWNER TO` names. */
function ownedObjectKey(ctx: DdlContext, objectType: string, object: Node | undefined): string | null {
  if (object === undefined) return null;
  switch (objectType) {
    case 'OBJECT_SCHEMA':
      return objectKey('schema', '', stringOf(object) ?? '');
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const q = ctx.typeName(listItems(object));
      return objectKey('type', q.schema, q.name);
    }
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_AGGREGATE': {
      const names = 'ObjectWithArgs' in object ? stringsOf(object.ObjectWithArgs.objname) : [];
      const schema = names.length >= 2 ? (names.at(-2) ?? '') : ctx.creationSchema();
      return objectKey('function', schema, names.at(-1) ?? '');
    }
    default:
      return null;
  }
}

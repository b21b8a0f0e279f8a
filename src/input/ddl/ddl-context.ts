/**
 * State shared by the statement handlers while one DDL run is read: the model
 * under construction, the output statements, warnings, and the search_path
 * that decides where unqualified names live.
 */

import type { Node, RangeVar, TypeName } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import type { Expr, QualifiedName, RecordedRows } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { quoteLiteral, quoteQualified } from '../../schema/quote.js';
import { exprOf, stringOf, stringsOf } from './ast.js';
import { type CleanPrologueLog, createCleanPrologueLog } from './clean-prologue.js';
import { createDatabaseStatementLog, type DatabaseStatementLog } from './database-statements.js';
import type { DynamicDdl } from './dynamic-ddl.js';
import { EXTENSION_TYPES, undeclaredTypeMessage } from './extension-types.js';
import { createExternalReferences, type ExternalReferences } from './external-references.js';
import type { InlineBody } from './inline-functions.js';
import { createLocalSettings, type LocalSettings } from './local-settings.js';
import { createDownMigrationLog, type DownMigrationLog } from './migration-sections.js';
import { createNameRegistry, type NameRegistry, truncateIdentifier } from './object-names.js';
import { parseSync, selectedExpression } from './pg-parser.js';
import { createRelationsRead, type RelationsRead } from './relations-read.js';
import { createRunTimeRelationLog, type RunTimeRelationLog } from './run-time-relations.js';
import type { SchemaBuilder } from './schema-builder.js';
import { BASE_SERVER_VERSION } from './server-version.js';
import type { StatementInput, StatementList } from './statement-list.js';
import { type ResolvedTypeRef, typeRefOf } from './type-ref.js';
import { type CalledFunctions, createCalledFunctions } from './undefined-functions.js';
import { createUsedTypes, type UsedTypes } from './undefined-types.js';

/** One parsed statement with its place and original text. */
export interface SourceStatement {
  readonly node: Node;
  /** The statement as written (comments before it and the semicolon removed). */
  readonly text: string;
  readonly location: SourceLocation;
  /** The place of a node inside the statement (its parser `location`, a byte offset in the file), else the statement's. */
  at(offset: number | undefined): SourceLocation;
}

/** What a routine's body does, read from its text: DML on tables, DDL (or dynamic SQL). */
export interface RoutineEffects {
  readonly writes: boolean;
  readonly creates: boolean;
  /** Relations (bare names) its body may create (`madeRelations`). */
  readonly made: readonly string[];
  /** Schemas (`*`: any) its body creates tables in under names made when it runs (`runTimeTableSchemas`). */
  readonly runTimeSchemas: readonly string[];
  /** The words of its string constants, where it has run-time named tables (`stringConstantWords`). */
  readonly runTimeWords: readonly string[];
  /** Functions (bare names, folded) its body calls: what those defined in the DDL do, it does too. */
  readonly calls: readonly string[];
  /** Schemas its body may create (`madeSchemas`; `*`: one named when it runs). */
  readonly schemas: readonly string[];
  /** Relations its text names after FROM or JOIN, as written (`t`, `s.t`, `"T"`): what it may read. */
  readonly reads: readonly string[];
  /** Its body's text (a DO block's, an `AS` text), and those of the routines merged into it. */
  readonly bodies: readonly string[];
}

/** A kept top-level call of DDL routines: what runs, its warning's index, the names of what it may make (null: any). */
export interface DdlCall {
  readonly what: string;
  readonly warning: number;
  readonly makes: readonly string[] | null;
}

export interface DdlContext {
  readonly builder: SchemaBuilder;
  /** What the DDL uses and may not create, reported once at the end. */
  readonly external: ExternalReferences;
  readonly names: NameRegistry;
  readonly out: StatementList;
  readonly warnings: Warning[];
  searchPath: string[];
  /** Data and transaction statements left out, by statement kind: reported once per kind. */
  readonly skipped: Map<string, { first: SourceLocation; count: number }>;
  /** `SET LOCAL` settings of the input's open transaction (local-settings.ts). */
  readonly localSettings: LocalSettings;
  /** INSERTs recording migrations run, by table (nameKey): kept as the table's rows (recorded-migrations.ts). */
  readonly recorded: Map<string, { rows: RecordedRows; seen: Set<string> }>;
  /** Statements on a whole database, left out (database-statements.ts). */
  readonly databaseStatements: DatabaseStatementLog;
  /** pg_dump --clean's drops of what the script then creates, left out (clean-prologue.ts). */
  readonly cleanPrologue: CleanPrologueLog;
  /** Down migrations and Down sections of migration files, left out (migration-sections.ts). */
  readonly downMigrations: DownMigrationLog;
  /** Extensions the DDL creates that PostgreSQL does not ship (timescaledb, postgis…), in order. */
  readonly addOnExtensions: { name: string; location: SourceLocation }[];
  /** Temporary tables made so far (by bare name): left out, with the statements on them. */
  readonly temporaryTables: Set<string>;
  /** Tables made by CREATE TABLE AS (not modelled; by nameKey): statements on them stay in place. */
  readonly tablesAs: Set<string>;
  /** Relations (bare names) kept code (a DO block, a DDL routine's call) may make: a later ALTER or DROP of one stays. */
  readonly madeByDo: Set<string>;
  /** Schemas a kept DO block or a kept call of a DDL routine may create (`*`: one named when it runs). */
  readonly schemasMadeByCode: Set<string>;
  /** Kept top-level calls of DDL routines, by their location (function-calls.ts `DdlCall`). */
  readonly ddlCalls: Map<SourceLocation, DdlCall>;
  /** Kept calls of DDL routines whose code writes rows of the model's tables, by location (function-calls.ts). */
  readonly writingCalls: Map<SourceLocation, { readonly runs: string; readonly tables: QualifiedName[] }>;
  /** Calls of functions PostgreSQL does not have, in DEFAULTs, CHECKs and generated columns (undefined-functions.ts). */
  readonly calledFunctions: CalledFunctions;
  /** Types used that nothing had defined where they were used (undefined-types.ts). */
  readonly usedTypes: UsedTypes;
  /** Foreign tables the DDL makes (by nameKey): kept as written, not modelled. */
  readonly foreignTables: Set<string>;
  /** Tables kept blocks and calls create under names made at run time, and statements kept on them. */
  readonly runTimeTables: RunTimeRelationLog;
  /** Relations views, rules, policies, INHERITS, OWNED BY read before the DDL made them (relations-read.ts). */
  readonly relationsRead: RelationsRead;
  /** Types (nameKey) a DROP TYPE/DOMAIN took out: making one of them again is no second definition. */
  readonly droppedTypes: Set<string>;
  /** Names of the operators the DDL creates (`CREATE OPERATOR`), whatever their operand types. */
  readonly userOperators: Set<string>;
  /** Types plpgsql functions' DECLAREs name that nothing had defined, by function name (plpgsql-declared-types.ts). */
  readonly declaredTypes: Map<
    string,
    readonly { written: string; name: string; schemas: readonly string[] }[]
  >;
  readsGeometryCalls?: boolean; // `SELECT AddGeometryColumn(...)` read as the column it adds (postgis-columns.ts)
  readsCallDdl?: boolean; // a kept call of a plpgsql routine read as the DDL its code runs (dynamic-ddl.ts, from 23)
  readsExceptionBlocks?: boolean; // DO blocks of DDL under `WHEN duplicate_…` handlers read so (exception-do.ts, 24)
  readsFallbackHandlers?: boolean; // and nested blocks whose handler makes the same objects another way (from 25)
  readsReRaiseHandlers?: boolean; // and a handler that only re-raises (`WHEN OTHERS THEN RAISE`) as none (from 27)
  readsMissingObjectHandlers?: boolean; // and `WHEN undefined_column THEN` (no action) over DDL that succeeds (from 30)
  readsCodeSql?: boolean; // kept code read for the SQL it runs with the PL/pgSQL parser (code-sql.ts, from version 25)
  readsConstantLoops?: boolean; // DO blocks' loops over constants and server-version tests read (do-loops.ts, from 28)
  copiesLikeIndexes?: boolean; // LIKE ... INCLUDING INDEXES copies plain indexes too (like-indexes.ts, from 31)
  serverVersion: number; // the oldest PostgreSQL major the statements so far need (server-version.ts)
  serverVersionAt: SourceLocation | null; // the first statement needing it (null: none newer than the base)
  /** pg_get_function_identity_arguments of each routine defined so far, by `schema NUL name(types)`. */
  readonly routineIdentities: Map<string, string>;
  /**
   * The routines defined and not dropped so far, by `schema NUL name(types)`, moved by renames
   * (routine-identities.ts): whether each is surely refused in an index or generated column (not IMMUTABLE, not
   * LANGUAGE sql, which the server may inline).
   */
  readonly liveRoutines: Map<string, boolean>;
  /**
   * Partitioned tables (nameKey) a DETACH PARTITION named, tables a NO INHERIT named: their partitions' bounds
   * (partition-bounds.ts) and their or their children's inherited columns (inherited-columns.ts) are not judged.
   */
  readonly detachedFrom: Set<string>;
  /** What each routine's body does, by `schema NUL name` (any overload): writes rows, creates objects. */
  readonly routineEffects: Map<string, RoutineEffects>;
  /** Routines whose body only runs `EXECUTE format(...)` DDL, by `schema NUL name`: their calls read as that DDL. */
  readonly dynamicDdl: Map<string, DynamicDdl>;
  /** Functions whose body is one expression, by `name/arity` (null: ambiguous), inlined into CHECKs. */
  readonly inlineBodies: Map<string, InlineBody | null>;
  /** Where CREATE puts an unqualified object: the first schema of the path, else 'public'. */
  creationSchema(): string;
  /** A relation name as written → its schema: an explicit one, else the first path schema holding it. */
  resolveRelation(rv: RangeVar | QualifiedNameInput): QualifiedName;
  /** The name a CREATE makes (explicit schema or the creation schema). */
  createdName(rv: RangeVar | QualifiedNameInput): QualifiedName;
  /** Normalise a type, warning when an unqualified user type is not found. */
  typeRef(typeName: TypeName, location: SourceLocation): ResolvedTypeRef;
  /** Normalise a type without warning (an unknown unqualified name goes to the creation schema). */
  quietTypeRef(typeName: TypeName): ResolvedTypeRef;
  /** A qualified name from a list of String nodes (`{schema?, name}`), resolved as a type. */
  typeName(names: readonly Node[] | undefined): QualifiedName;
  warn(
    code: string,
    message: string,
    location: SourceLocation,
    data?: Readonly<Record<string, string>>,
  ): void;
  /** `nextval('public.seq'::regclass)` as a model Expr. */
  nextvalExpr(sequence: QualifiedName): Expr;
  /** The sequence a `nextval('x'::regclass)` default reads, if the expression is one. */
  nextvalSequence(expr: Node): QualifiedName | null;
  /** The sequence a `nextval`, `currval` or `setval('x', …)` call names, if the expression is one. */
  calledSequence(expr: Node): QualifiedName | null;
}

export interface QualifiedNameInput {
  readonly schemaname?: string;
  readonly relname?: string;
}

export function createDdlContext(
  builder: SchemaBuilder,
  out: StatementList,
  warnings: Warning[],
  defaultSchema: string,
): DdlContext {
  const names = createNameRegistry();
  const unknownTypes = new Set<string>(); // types already warned about as not declared (as written)
  const regclassNames = new Map<string, RangeVar | null>();
  const ctx: DdlContext = {
    builder,
    external: createExternalReferences(),
    names,
    out,
    warnings,
    searchPath: [defaultSchema],
    skipped: new Map(),
    localSettings: createLocalSettings(),
    recorded: new Map(),
    databaseStatements: createDatabaseStatementLog(),
    cleanPrologue: createCleanPrologueLog(),
    downMigrations: createDownMigrationLog(),
    addOnExtensions: [],
    temporaryTables: new Set(),
    tablesAs: builder.tablesAs,
    madeByDo: new Set(),
    schemasMadeByCode: new Set(),
    ddlCalls: new Map(),
    writingCalls: new Map(),
    calledFunctions: createCalledFunctions(),
    usedTypes: createUsedTypes(),
    foreignTables: new Set(),
    runTimeTables: createRunTimeRelationLog(),
    relationsRead: createRelationsRead(),
    droppedTypes: new Set(),
    userOperators: new Set(),
    declaredTypes: new Map(),
    routineIdentities: new Map(),
    liveRoutines: new Map(),
    detachedFrom: new Set(),
    routineEffects: new Map(),
    dynamicDdl: new Map(),
    inlineBodies: new Map(),
    serverVersion: BASE_SERVER_VERSION,
    serverVersionAt: null,
    creationSchema() {
      return ctx.searchPath.find((s) => s !== '$user' && s !== 'pg_catalog' && s !== 'pg_temp') ?? 'public';
    },
    resolveRelation(rv) {
      const name = truncateIdentifier(rv.relname ?? '');
      if (rv.schemaname !== undefined && rv.schemaname !== '') return { schema: rv.schemaname, name };
      for (const schema of ctx.searchPath) {
        const q = { schema, name };
        const key = nameKey(q);
        if (builder.tables.has(key) || builder.sequences.has(key) || builder.views.has(key)) return q;
        if (builder.indexes.has(key)) return q;
      }
      return { schema: ctx.creationSchema(), name };
    },
    createdName(rv) {
      const name = truncateIdentifier(rv.relname ?? '');
      if (rv.schemaname !== undefined && rv.schemaname !== '') return { schema: rv.schemaname, name };
      return { schema: ctx.creationSchema(), name };
    },
    typeRef(typeName, location) {
      const result = ctx.quietTypeRef(typeName);
      const fallback = ctx.creationSchema();
      const written = stringsOf(typeName.names).join('.');
      // Once per type, not once per column (py-tpcc's tinyint: 7 identical lines).
      if (!result.resolved && !unknownTypes.has(written)) {
        unknownTypes.add(written);
        ctx.warn(
          'UNKNOWN_TYPE',
          undeclaredTypeMessage(written, location, fallback, result.type.name),
          location,
          { type: written },
        );
      }
      return result;
    },
    quietTypeRef: (typeName) => quietTypeRefOf(ctx, typeName),
    typeName(list) {
      const parts = stringsOf(list);
      const name = parts[parts.length - 1] ?? '';
      if (parts.length >= 2) return { schema: parts[parts.length - 2] ?? '', name };
      for (const schema of ctx.searchPath) {
        if (builder.types.has(nameKey({ schema, name }))) return { schema, name };
      }
      return { schema: ctx.creationSchema(), name };
    },
    warn(code, message, location, data) {
      warnings.push({ code, message, where: formatLocation(location), ...(data ? { data } : {}) });
    },
    nextvalExpr: nextvalCall,
    nextvalSequence: (expr) => nextvalSequence(expr, regclassNames, (rv) => ctx.resolveRelation(rv)),
    calledSequence: (expr) =>
      nextvalSequence(expr, regclassNames, (rv) => ctx.resolveRelation(rv), SEQUENCE_CALLS),
  };
  return ctx;
}

/** A type as written, resolved on the search path without a warning; `t.c%TYPE` (a routine's argument or result) the column's type, as PostgreSQL resolves it. */
function quietTypeRefOf(ctx: DdlContext, typeName: TypeName) {
  const column = typeName.pct_type === true ? percentTypeColumn(ctx, typeName) : undefined;
  if (column !== undefined) {
    const arrayDims = column.type.arrayDims + (typeName.arrayBounds?.length ?? 0);
    return { type: { ...column.type, typmods: [], arrayDims }, serial: null, resolved: true };
  }
  return typeRefOf(
    typeName,
    (name) => schemaOfType(ctx, name),
    ctx.creationSchema(),
    (name) => schemaOfType(ctx, name, true),
  );
}

/** The column a `[schema.]table.column%TYPE` names, if the DDL made it. */
function percentTypeColumn(ctx: DdlContext, typeName: TypeName) {
  const parts = stringsOf(typeName.names);
  if (parts.length < 2) return undefined;
  const relname = parts.at(-2) ?? '';
  const schemaname = parts.length >= 3 ? parts.at(-3) : undefined;
  const table = ctx.builder.table(ctx.resolveRelation({ relname, ...(schemaname ? { schemaname } : {}) }));
  return table?.columns.find((c) => c.name === parts.at(-1));
}

/** The schema on the search_path where an unqualified type name lives, if the DDL (or an extension) declares it. */
/**
 * The schema of the search path where an unqualified type name is found;
 * `beforeCatalog`: only in schemas listed before pg_catalog (it is searched
 * first where the path does not name it).
 */
function schemaOfType(ctx: DdlContext, name: string, beforeCatalog = false): string | null {
  const { builder } = ctx;
  const catalogAt = ctx.searchPath.indexOf('pg_catalog');
  if (beforeCatalog && catalogAt < 0) return null;
  for (const schema of beforeCatalog ? ctx.searchPath.slice(0, catalogAt) : ctx.searchPath) {
    if (builder.types.has(nameKey({ schema, name }))) return schema;
    // A range type also declares its multirange.
    for (const t of builder.types.values()) {
      if (t.kind === 'range' && t.multirange?.schema === schema && t.multirange.name === name) return schema;
    }
    // A composite type is also declared by every table.
    if (builder.tables.has(nameKey({ schema, name }))) return schema;
  }
  if (beforeCatalog) return null;
  const extension = EXTENSION_TYPES[name];
  if (extension !== undefined) {
    return builder.extensions.find((e) => e.name === extension)?.schema ?? 'public';
  }
  return null;
}

/** `nextval('public.seq'::regclass)` as a model Expr. */
function nextvalCall(sequence: QualifiedName): Expr {
  const val = selectedExpression(`nextval(${quoteLiteral(quoteQualified(sequence))}::regclass)`);
  if (val === undefined) throw new Error('nextval expression did not parse');
  return exprOf(val);
}

const NEXTVAL: ReadonlySet<string> = new Set(['nextval']);
/** The functions whose first argument names a sequence (regclass). */
const SEQUENCE_CALLS: ReadonlySet<string> = new Set(['nextval', 'currval', 'setval']);

/**
 * The sequence a `nextval('x'::regclass)` default reads, if the expression is one. `parsed`: each literal's
 * relation name as the parser read it (a DEFAULT is asked about where its column is built, its references
 * noted and its sequence judged: parsed once).
 */
function nextvalSequence(
  expr: Node,
  parsed: Map<string, RangeVar | null>,
  resolveRelation: DdlContext['resolveRelation'],
  functions: ReadonlySet<string> = NEXTVAL,
): QualifiedName | null {
  if (!('FuncCall' in expr)) return null;
  const fn = stringsOf(expr.FuncCall.funcname);
  if (!functions.has(fn[fn.length - 1] ?? '')) return null;
  let arg = expr.FuncCall.args?.[0];
  if (arg !== undefined && 'TypeCast' in arg) arg = arg.TypeCast.arg;
  const literal = stringOf(arg);
  if (literal === null) return null;
  let rv = parsed.get(literal);
  if (rv === undefined) {
    rv = regclassName(literal);
    parsed.set(literal, rv);
  }
  return rv === null ? null : resolveRelation(rv);
}

/** regclass input syntax is a (possibly quoted, qualified) relation name: the parser reads it. */
function regclassName(literal: string): RangeVar | null {
  try {
    const tree = parseSync(`SELECT FROM ${literal}`) as {
      stmts: { stmt: { SelectStmt: { fromClause: { RangeVar: RangeVar }[] } } }[];
    };
    return tree.stmts[0]?.stmt.SelectStmt.fromClause[0]?.RangeVar ?? null;
  } catch {
    return null;
  }
}

/**
 * A pre-data statement kept as its author wrote it, in its place (no table
 * to wait for): the common case of `ctx.out.add`.
 */
export function addAsWritten(
  ctx: DdlContext,
  stmt: SourceStatement,
  entry: Pick<StatementInput, 'desc' | 'namespace' | 'tag'> &
    Partial<Pick<StatementInput, 'creates' | 'references' | 'arguments'>>,
): StatementInput {
  const added: StatementInput = { ...entry, group: 0, sql: stmt.text, tables: [], location: stmt.location };
  ctx.out.add(added);
  return added;
}

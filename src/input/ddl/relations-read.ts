/**
 * Relations a statement reads or builds on without naming them as its subject: a view's or materialized view's
 * query, a rule's actions, a policy's USING / WITH CHECK, a table's INHERITS parents, a sequence's OWNED BY
 * table, a foreign key's referenced table, a DEFAULT's `nextval('s')` sequence. PostgreSQL refuses the
 * statement where the relation does not exist (`relation "nosuch" does not exist`), and datagen, which writes
 * it back, would write output that stops loading there. Noted as statements are read and judged once all are
 * read, with missing-relations.ts' rule: missing from a schema the DDL makes the objects of (or public) is a
 * located problem, and so is one the DDL makes only after the statement (reportMadeLater); in another schema,
 * or one an add-on extension is installed in, the database's (listed as what it must provide); the system
 * catalogs (pg_catalog, information_schema, unqualified `pg_*` names) are the server's; what a kept DO block,
 * run-time code or IMPORT FOREIGN SCHEMA may make is kept, and where code the DDL runs may make relations
 * unseen, one warning instead of the problems.
 */
import type { Node, RangeVar } from 'libpg-query';
import { formatLocation, type SourceLocation, type Warning } from '../../errors.js';
import type { QualifiedName } from '../../schema/model.js';
import { displayName } from '../../schema/names.js';
import { rangeVarsIn } from './ast.js';
import { walkAst } from './ast-walk.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import { inExternalSchema, relationMade } from './missing-relations.js';

/** One relation read that the DDL had not made by then: the schemas it may be in (the search path's, unqualified). */
interface PendingRelation {
  readonly candidates: readonly QualifiedName[];
  readonly what: string;
  readonly location: SourceLocation;
  /** A sequence (`nextval('s.seq')`): listed as one when the database must provide it. */
  readonly sequence?: boolean;
}

/** Note `q`, a relation of a schema the DDL does not make, as one the database must provide (a sequence as one). */
function noteExternal(ctx: DdlContext, q: QualifiedName, location: SourceLocation, sequence: boolean): void {
  const name = { schemaname: q.schema, relname: q.name };
  ctx.external.note((sequence ? { SequenceRef: name } : { RangeVar: name }) as Node, location);
}

/** The relations read before the DDL made them (or never), and the schemas foreign tables are imported into. */
export interface RelationsRead {
  readonly pending: PendingRelation[];
  readonly importedInto: Set<string>;
}

export function createRelationsRead(): RelationsRead {
  return { pending: [], importedInto: new Set() };
}

/** Schemas whose relations are the server's. */
const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast']);

/** The names of common table expressions anywhere in `node` (a read of one is no relation). */
function cteNames(node: unknown): Set<string> {
  const names = new Set<string>();
  walkAst(node, (_key, record) => {
    if (typeof record.ctename === 'string') names.add(record.ctename);
  });
  return names;
}

/**
 * Note the relations `node` (a query, a rule's actions, a policy's expressions) reads; `pseudo`: names that are
 * not relations there (a rule's `new` and `old`).
 */
export function noteRelationsRead(
  ctx: DdlContext,
  stmt: SourceStatement,
  what: string,
  node: unknown,
  pseudo: readonly string[] = [],
): void {
  const local = cteNames(node);
  for (const rv of rangeVarsIn(node)) {
    const bare = rv.schemaname === undefined || rv.schemaname === '';
    if (bare && (local.has(rv.relname ?? '') || pseudo.includes(rv.relname ?? ''))) continue;
    noteRelationUsed(ctx, what, rv, stmt.at(rv.location));
  }
}

/** Note one relation a statement needs (`what` says which statement and how). */
export function noteRelationUsed(
  ctx: DdlContext,
  what: string,
  rv: Pick<RangeVar, 'schemaname' | 'relname'>,
  location: SourceLocation,
  sequence = false,
): void {
  const name = rv.relname ?? '';
  const bare = rv.schemaname === undefined || rv.schemaname === '';
  // pg_catalog is searched first: an unqualified pg_* name may be a catalog of any server version.
  if (bare ? name.startsWith('pg_') : SYSTEM_SCHEMAS.has(rv.schemaname ?? '')) return;
  const resolved = ctx.resolveRelation(rv);
  const candidates = bare
    ? ctx.searchPath
        .filter((s) => s !== '$user' && s !== 'pg_catalog')
        .map((schema) => ({ schema, name: resolved.name }))
    : [resolved];
  if (candidates.length === 0) candidates.push(resolved);
  if (candidates.some((q) => relationMade(ctx, q) || madeUnseen(ctx, q, location))) return;
  const external = candidates.find((q) => SYSTEM_SCHEMAS.has(q.schema) || inExternalSchema(ctx, q));
  if (external !== undefined) {
    // The database's: listed with what it must provide.
    noteExternal(ctx, external, location, sequence);
    return;
  }
  ctx.relationsRead.pending.push({ candidates, what, location, ...(sequence ? { sequence } : {}) });
}

/** Whether a kept DO block, run-time code or IMPORT FOREIGN SCHEMA may make the relation. */
function madeUnseen(ctx: DdlContext, q: QualifiedName, location: SourceLocation): boolean {
  return (
    ctx.madeByDo.has(q.name) ||
    ctx.relationsRead.importedInto.has(q.schema) ||
    ctx.runTimeTables.covers(q, location)
  );
}

/**
 * Once all statements are read: each relation read that the DDL never makes is a located problem, or, where
 * code the DDL runs may make relations unseen, named in one warning.
 */
export function judgeRelationsRead(ctx: DdlContext): Warning | null {
  if (!ctx.calledFunctions.codeMayCreate) reportMadeLater(ctx);
  const missing = ctx.relationsRead.pending.filter((p) => {
    if (p.candidates.some((q) => relationMade(ctx, q) || madeUnseen(ctx, q, p.location))) return false;
    // An add-on extension created after the statement installs into its schema.
    const external = p.candidates.find((q) => inExternalSchema(ctx, q));
    if (external === undefined) return true;
    noteExternal(ctx, external, p.location, p.sequence === true);
    return false;
  });
  addForeignKeyTargets(ctx, missing);
  const [first] = missing;
  if (first === undefined) return null;
  const named = (p: PendingRelation) => displayName(p.candidates[0] ?? { schema: '', name: '' });
  if (!ctx.calledFunctions.codeMayCreate) {
    for (const p of missing)
      ctx.builder.problems.push({
        location: p.location,
        message: `${p.what}: ${named(p)} is not defined in the DDL, so PostgreSQL refuses the statement (relation does not exist); add the DDL that creates it before this statement (or give the file that does as an earlier argument), or fix the name (a relation the target database provides belongs in a schema the DDL does not create, or comes from its CREATE EXTENSION)`,
      });
    return null;
  }
  const names = [...new Set(missing.map(named))];
  return {
    code: 'EXTERNAL_OBJECTS',
    message: `the DDL reads relations it never creates (first in ${first.what} at ${formatLocation(first.location)}): ${names.join(', ')}. Unless code the DDL runs makes them, PostgreSQL refuses the statements that read them and the load stops there; add their DDL, or fix the names`,
    where: formatLocation(first.location),
  };
}

/**
 * A relation read before the DDL makes it (`CREATE VIEW v AS SELECT * FROM t; CREATE TABLE t ...`, two files given in
 * the wrong order): PostgreSQL refuses the statement that reads it, and the output, written in the DDL's order,
 * stopped loading there. A located problem; not where code the DDL runs may make relations unseen.
 */
function reportMadeLater(ctx: DdlContext): void {
  // A place told already is not told again (a view reading itself: it is the relation made after the read).
  const told = new Set(
    ctx.builder.problems.flatMap((p) => (p.location === null ? [] : [formatLocation(p.location)])),
  );
  for (const p of ctx.relationsRead.pending) {
    const made = p.candidates.find((q) => relationMade(ctx, q));
    if (made === undefined || p.candidates.some((q) => madeUnseen(ctx, q, p.location))) continue;
    const at = formatLocation(p.location);
    if (told.has(at)) continue;
    told.add(at);
    ctx.builder.problems.push({
      location: p.location,
      message: `${p.what}: ${displayName(made)} is made only later in the DDL, so PostgreSQL refuses this statement (relation does not exist); move the statement after the DDL that makes it (or give the files in the order they run)`,
    });
  }
}

/** Foreign keys (enforced) whose referenced table the DDL never makes, in a schema whose objects it makes. */
function addForeignKeyTargets(ctx: DdlContext, missing: PendingRelation[]): void {
  for (const table of ctx.builder.tables.values())
    for (const fk of table.foreignKeys) {
      const q = fk.references;
      if (fk.notEnforced === true || relationMade(ctx, q) || madeUnseen(ctx, q, fk.location)) continue;
      if (inExternalSchema(ctx, q) || SYSTEM_SCHEMAS.has(q.schema)) continue;
      missing.push({
        candidates: [q],
        what: `foreign key ${fk.name} of ${displayName(table)}`,
        location: fk.location,
      });
    }
}

/** `IMPORT FOREIGN SCHEMA ... INTO s`: the tables it makes in s are the foreign server's, unseen here. */
export function noteImportedSchema(ctx: DdlContext, node: Node): void {
  if (!('ImportForeignSchemaStmt' in node)) return;
  const schema = node.ImportForeignSchemaStmt.local_schema;
  if (schema !== undefined) ctx.relationsRead.importedInto.add(schema);
}

/**
 * The sequence a DEFAULT's `nextval('s')` reads (`what` names the DEFAULT): PostgreSQL looks `'s'::regclass` up
 * when it reads the DEFAULT, so a sequence the DDL never makes is judged as any relation read.
 */
export function noteSequenceRead(
  ctx: DdlContext,
  what: string,
  expr: Node,
  at: (offset: number | undefined) => SourceLocation,
): void {
  const sequence = ctx.nextvalSequence(expr);
  if (sequence === null) return;
  const offset = 'FuncCall' in expr ? expr.FuncCall.location : undefined;
  noteRelationUsed(ctx, what, { schemaname: sequence.schema, relname: sequence.name }, at(offset), true);
}

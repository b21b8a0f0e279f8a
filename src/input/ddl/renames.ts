/**
 * `ALTER TABLE ... RENAME [COLUMN] / RENAME TO / RENAME CONSTRAINT` and
 * `ALTER INDEX ... RENAME TO`: the model takes the new names, and so do the
 * post-data statements made earlier (keys, indexes, foreign keys, triggers),
 * which in the output run after the rename. A renamed post-data object
 * (a key or index) is simply created under its new name, so its rename is
 * not written.
 */
import type { Node, RenameStmt } from 'libpg-query';
import type { Expr, QualifiedName, TypeRef } from '../../schema/model.js';
import { displayColumn, displayName, nameKey } from '../../schema/names.js';
import { exprOf, walkAst } from './ast.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { renameLaterObject } from './later-objects.js';
import { renameView, rewriteStatements, sameName } from './relation-rename.js';
import { dropByFinalName, ownedAs } from './renamed-objects.js';
import { moveRoutineIdentities } from './routine-identities.js';
import { renamedRoutineKey, renameTriggerFunction } from './routine-overloads.js';
import type { TableDraft } from './schema-builder.js';
import { constraintKey, objectKey } from './statement-list.js';
import { followEnumRename } from './type-statements.js';
import { renameViewColumn } from './view-replacement.js';

const same = sameName;

/** Handle a RenameStmt; returns whether it is written in its place. */
export function renameObject(
  ctx: DdlContext,
  stmt: SourceStatement,
  node: RenameStmt,
): boolean | 'unmodelled' {
  const q = ctx.resolveRelation(node.relation ?? {});
  const newName = node.newname ?? '';
  const type = node.renameType;
  if (type === 'OBJECT_INDEX') return !renameIndex(ctx, q, newName);
  if (renameLaterObject(ctx, node)) return false;
  if (type === 'OBJECT_SEQUENCE') return renameSequence(ctx, q, newName) ? true : 'unmodelled';
  if (type === 'OBJECT_TYPE' || type === 'OBJECT_DOMAIN') {
    const names = node.object !== undefined && 'List' in node.object ? node.object.List.items : undefined;
    return renameType(ctx, ctx.typeName(names), newName) ? true : 'unmodelled';
  }
  if ((type === 'OBJECT_FUNCTION' || type === 'OBJECT_PROCEDURE') && node.object !== undefined) {
    renameTriggerFunction(ctx, node.object, newName);
    moveRoutineIdentities(ctx, stmt, node.object, { name: newName });
    // Written here, as making the new name: a later DEFAULT or CHECK calling it calls a function the DDL defines.
    addAsWritten(ctx, stmt, {
      desc: 'ALTER',
      namespace: null,
      tag: '',
      creates: renamedRoutineKey(ctx, node.object, newName),
    });
    return false;
  }
  if (type === 'OBJECT_TRIGGER' || type === 'OBJECT_POLICY' || type === 'OBJECT_RULE') {
    const renamed = renameOnTable(ctx, q, type, node.subname ?? '', newName);
    return renamed ? false : 'unmodelled';
  }
  const view = type === 'OBJECT_VIEW' || type === 'OBJECT_MATVIEW';
  if (!view && type !== 'OBJECT_TABLE' && type !== 'OBJECT_COLUMN' && type !== 'OBJECT_TABCONSTRAINT')
    return 'unmodelled';
  const table = ctx.builder.table(q);
  if (table === undefined && ctx.builder.views.has(nameKey(q))) {
    // A view, or a table made by CREATE TABLE AS (not modelled): renamed as written.
    if (type === 'OBJECT_TABLE' || view) renameView(ctx, q, newName);
    else if (type === 'OBJECT_COLUMN') renameViewColumn(ctx, q, node.subname ?? '', newName);
    return true;
  }
  if (view) return node.missing_ok === true ? false : 'unmodelled';
  if (table === undefined) {
    if (node.missing_ok === true) return false;
    ctx.builder.problems.push({
      location: stmt.location,
      message: `ALTER TABLE ${displayName(q)} RENAME: the table is not defined in the DDL (add the DDL that creates it)`,
    });
    return true;
  }
  if (type === 'OBJECT_TABLE') renameTable(ctx, table, newName);
  else if (type === 'OBJECT_COLUMN') {
    const column = table.columns.find((c) => c.name === node.subname);
    if (column === undefined) {
      if (table.changedUnseenBy !== undefined) return true;
      ctx.builder.problems.push({
        location: stmt.location,
        message: `ALTER TABLE ${displayName(q)} RENAME COLUMN: column ${displayColumn(q, node.subname ?? '')} does not exist`,
      });
      return true;
    }
    renameColumn(ctx, table, node.subname ?? '', newName);
  } else return !renameConstraint(ctx, table, node.subname ?? '', newName);
  return true;
}

function renameTable(ctx: DdlContext, table: TableDraft, newName: string): void {
  relocateTable(ctx, table, { schema: table.schema, name: newName });
}

/**
 * A table known by another name or in another schema (`RENAME TO`, `SET SCHEMA`): the model and the
 * post-data statements made earlier, which in the output run after the statement, name it so.
 */
export function relocateTable(ctx: DdlContext, table: TableDraft, renamed: QualifiedName): void {
  const old = { schema: table.schema, name: table.name };
  const newName = renamed.name;
  const moved = renamed.schema !== old.schema;
  const b = ctx.builder;
  b.tables.delete(nameKey(old));
  table.schema = renamed.schema;
  table.name = newName;
  b.addTable(table);
  ctx.names.addRelation(table.schema, newName);
  const move = (q: QualifiedName) => (same(q, old) ? renamed : q);
  for (const t of b.tables.values()) {
    for (const f of t.foreignKeys) f.references = move(f.references);
    if (t.partitionOf !== null) t.partitionOf = { ...t.partitionOf, parent: move(t.partitionOf.parent) };
    t.inherits = t.inherits.map(move);
  }
  for (const s of b.sequences.values()) {
    if (s.ownedBy !== null) s.ownedBy = { ...s.ownedBy, table: move(s.ownedBy.table) };
  }
  for (const [key, q] of b.indexes) b.indexes.set(key, move(q));
  const constraintPrefix = constraintKey(old, '');
  rewriteStatements(ctx, (s, node) => {
    if (!s.tables.some((t) => same(t, old))) return false;
    walkAst(node, (_key, n) => {
      if (n.relname === old.name && (n.schemaname ?? old.schema) === old.schema) {
        n.relname = newName;
        if (moved) n.schemaname = renamed.schema;
      }
    });
    const creates =
      s.creates?.startsWith(constraintPrefix) === true
        ? constraintKey(renamed, s.creates.slice(constraintPrefix.length))
        : s.creates;
    return {
      tables: s.tables.map(move),
      tag: s.tag.startsWith(`${old.name} `) ? `${newName}${s.tag.slice(old.name.length)}` : s.tag,
      ...(moved && s.namespace === old.schema ? { namespace: renamed.schema } : {}),
      ...(creates === undefined ? {} : { creates }),
    };
  });
  // Its OWNER statements so far keep their text too: an archive writes them as they stand (renamedLater).
  ctx.out.update((s) =>
    s.desc === 'OWNER' && s.group === 0 && s.tables.some((t) => same(t, old))
      ? { ...s, renamedLater: true, ...ownedAs(s, old) }
      : undefined,
  );
  // The CREATE TABLE keeps its text (the rename runs after it), but is the entry of the table under its final
  // name and schema: an archive matches the table's data and pg_restore -t to it by that name.
  ctx.out.update((s) =>
    s.creates === objectKey('relation', old.schema, old.name)
      ? {
          ...s,
          renamedLater: true,
          tag: s.tag === old.name ? newName : s.tag,
          ...(moved && s.namespace === old.schema ? { namespace: renamed.schema } : {}),
          tables: s.tables.map(move),
          creates: objectKey('relation', renamed.schema, renamed.name),
        }
      : undefined,
  );
  // Its column DEFAULTs written before (a serial's nextval) keep their text too, tagged as pg_dump tags them, by
  // the final name: `-c` drops them there (`ALTER TABLE IF EXISTS t ...` found no table, then DROP SEQUENCE failed).
  ctx.out.update((s) =>
    s.group === 0 &&
    s.desc === 'DEFAULT' &&
    s.tables.some((t) => same(t, old)) &&
    s.tag.startsWith(`${old.name} `)
      ? { ...s, tag: `${newName}${s.tag.slice(old.name.length)}`, tables: s.tables.map(move) }
      : undefined,
  );
}

/** Rename column references (ColumnRef last field, key/index element names) in an expression AST. */
function renameRefs(node: unknown, from: string, to: string): void {
  walkAst(node, (key, n) => {
    if (key === 'ColumnRef') {
      const fields = n.fields as Node[] | undefined;
      const last = fields?.[fields.length - 1];
      if (last !== undefined && 'String' in last && last.String.sval === from) last.String.sval = to;
    }
    if (key === 'IndexElem' && n.name === from) n.name = to;
  });
}

function renameColumn(ctx: DdlContext, table: TableDraft, from: string, to: string): void {
  const q = { schema: table.schema, name: table.name };
  const swap = (c: string | null) => (c === from ? to : c);
  const column = table.columns.find((c) => c.name === from);
  if (column !== undefined) column.name = to;
  const renameExpr = (e: Expr | null): Expr | null => {
    if (e === null) return e;
    const ast = structuredClone(e.ast);
    renameRefs(ast, from, to);
    return exprOf(ast as Node);
  };
  const renameKey = <K extends { columns: readonly (string | null)[] }>(k: K): K => ({
    ...k,
    columns: k.columns.map(swap),
  });
  if (table.primaryKey !== null) table.primaryKey = renameKey(table.primaryKey);
  table.uniques = table.uniques.map((u) => ({
    ...renameKey(u),
    expressions: u.expressions.map(renameExpr),
    where: renameExpr(u.where),
  }));
  table.checks = table.checks.map((c) => ({ ...c, expr: renameExpr(c.expr) ?? c.expr }));
  table.exclusions = table.exclusions.map((x) => ({
    ...x,
    elements: x.elements.map((e) => ({ ...e, column: swap(e.column), expr: renameExpr(e.expr) })),
    where: renameExpr(x.where),
  }));
  for (const f of table.foreignKeys) f.columns = f.columns.map((c) => (c === from ? to : c));
  if (table.partitionBy !== null) {
    table.partitionBy = {
      ...table.partitionBy,
      columns: table.partitionBy.columns.map(swap),
      expressions: table.partitionBy.expressions.map(renameExpr),
    };
  }
  const referencing: TableDraft[] = [];
  for (const t of ctx.builder.tables.values()) {
    for (const f of t.foreignKeys) {
      if (same(f.references, q) && f.referencedColumns !== null) {
        f.referencedColumns = f.referencedColumns.map((c) => (c === from ? to : c));
        referencing.push(t);
      }
    }
  }
  for (const s of ctx.builder.sequences.values()) {
    if (s.ownedBy !== null && same(s.ownedBy.table, q) && s.ownedBy.column === from)
      s.ownedBy = { ...s.ownedBy, column: to };
  }
  for (const [key, columns] of ctx.builder.indexColumns) {
    const on = ctx.builder.indexes.get(key);
    if (on !== undefined && same(on, q))
      ctx.builder.indexColumns.set(
        key,
        columns.map((c) => (c === from ? to : c)),
      );
  }
  rewriteStatements(ctx, (s, node) => {
    const own = s.tables[0] !== undefined && same(s.tables[0], q);
    let changed = false;
    walkAst(node, (key, n) => {
      if (key === 'Constraint') {
        const pk = n.pktable as { schemaname?: string; relname?: string } | undefined;
        const lists = own ? ['keys', 'fk_attrs', 'including'] : [];
        if (pk !== undefined && pk.relname === q.name && (pk.schemaname ?? q.schema) === q.schema)
          lists.push('pk_attrs');
        for (const list of lists) {
          for (const item of (n[list] as Node[] | undefined) ?? []) {
            if ('String' in item && item.String.sval === from) {
              item.String.sval = to;
              changed = true;
            }
          }
        }
      }
    });
    if (own) {
      renameRefs(node, from, to);
      changed = true;
    }
    return changed;
  });
}

/** Returns true when the constraint's creation (post-data) now carries the new name. */
export function renameConstraint(ctx: DdlContext, table: TableDraft, from: string, to: string): boolean {
  const q = { schema: table.schema, name: table.name };
  ctx.names.addConstraint(table.schema, to);
  // A key's index carries the key's name: a later ALTER INDEX names it by the new one.
  if (table.primaryKey?.name === from || table.uniques.some((u) => !u.isIndex && u.name === from))
    moveIndexName(ctx, { schema: table.schema, name: from }, to);
  if (table.primaryKey?.name === from) table.primaryKey = { ...table.primaryKey, name: to };
  table.uniques = table.uniques.map((u) => (u.name === from ? { ...u, name: to } : u));
  table.checks = table.checks.map((c) => (c.name === from ? { ...c, name: to } : c));
  table.exclusions = table.exclusions.map((x) => (x.name === from ? { ...x, name: to } : x));
  for (const f of table.foreignKeys) if (f.name === from) f.name = to;
  let moved = false;
  rewriteStatements(ctx, (s, node) => {
    if (s.creates !== constraintKey(q, from)) return false;
    walkAst(node, (key, n) => {
      if (key === 'Constraint' && n.conname === from) n.conname = to;
    });
    moved = true;
    return { creates: constraintKey(q, to), tag: `${q.name} ${to}` };
  });
  return moved;
}

/** Returns true when the index's creation (post-data) now carries the new name. */
/** A trigger, policy or rule created earlier (post-data): its CREATE now makes the new name. */
function renameOnTable(
  ctx: DdlContext,
  table: QualifiedName,
  type: 'OBJECT_TRIGGER' | 'OBJECT_POLICY' | 'OBJECT_RULE',
  from: string,
  to: string,
): boolean {
  const desc = type.replace(/^OBJECT_/, '');
  let moved = false;
  rewriteStatements(ctx, (s, node) => {
    if (s.desc !== desc || s.namespace !== table.schema || s.tag !== `${table.name} ${from}`) return false;
    if ('CreateTrigStmt' in node) node.CreateTrigStmt.trigname = to;
    else if ('CreatePolicyStmt' in node) node.CreatePolicyStmt.policy_name = to;
    else if ('RuleStmt' in node) node.RuleStmt.rulename = to;
    else return false;
    moved = true;
    return { tag: `${table.name} ${to}` };
  });
  return moved;
}

function renameIndex(ctx: DdlContext, q: QualifiedName, to: string): boolean {
  const table = ctx.builder.indexes.get(nameKey(q));
  if (table === undefined) return false;
  const draft = ctx.builder.table(table);
  const isKey =
    draft?.primaryKey?.name === q.name || draft?.uniques.some((u) => !u.isIndex && u.name === q.name);
  if (draft !== undefined && isKey === true) {
    // The index of a key constraint: renaming it renames the constraint.
    return renameConstraint(ctx, draft, q.name, to);
  }
  moveIndexName(ctx, q, to);
  if (draft !== undefined)
    draft.uniques = draft.uniques.map((u) => (u.name === q.name ? { ...u, name: to } : u));
  let moved = false;
  rewriteStatements(ctx, (s, node) => {
    if (s.creates !== objectKey('relation', q.schema, q.name)) return false;
    if ('IndexStmt' in node) node.IndexStmt.idxname = to;
    moved = true;
    return { creates: objectKey('relation', q.schema, to), tag: to };
  });
  return moved;
}

/** The model's index of name q is known as `to` from now on (its table and columns go with it). */
function moveIndexName(ctx: DdlContext, q: QualifiedName, to: string): void {
  const table = ctx.builder.indexes.get(nameKey(q));
  if (table === undefined) return;
  ctx.builder.indexes.delete(nameKey(q));
  ctx.builder.indexes.set(nameKey({ schema: q.schema, name: to }), table);
  const columns = ctx.builder.indexColumns.get(nameKey(q));
  if (columns !== undefined) ctx.builder.indexColumns.set(nameKey({ schema: q.schema, name: to }), columns);
  ctx.names.release(q.schema, q.name, true);
  ctx.names.addRelation(q.schema, to);
}

/**
 * ALTER TYPE t RENAME TO u: the definition and every column, domain and
 * composite attribute of that type follow (Prisma's enum rewrite renames the
 * old type away and the new one into its name). False when the type is unknown.
 */
function renameType(ctx: DdlContext, q: QualifiedName, newName: string): boolean {
  const types = ctx.builder.types;
  const definition = types.get(nameKey(q));
  if (definition === undefined) return false;
  types.delete(nameKey(q));
  const renamed = { ...definition, name: newName };
  types.set(nameKey({ schema: q.schema, name: newName }), renamed);
  followEnumRename(definition, renamed);
  dropByFinalName(ctx, q, newName, renamed);
  const follow = (ref: TypeRef): TypeRef =>
    ref.schema === q.schema && ref.name === q.name ? { ...ref, name: newName } : ref;
  for (const table of ctx.builder.tables.values()) {
    for (const column of table.columns) column.type = follow(column.type);
  }
  for (const [key, t] of types) {
    if (t.kind === 'domain') types.set(key, { ...t, baseType: follow(t.baseType) });
    if (t.kind === 'composite')
      types.set(key, { ...t, attributes: t.attributes.map((a) => ({ ...a, type: follow(a.type) })) });
  }
  return true;
}

/** ALTER SEQUENCE s RENAME TO t: the sequence and the columns it feeds follow (their setval names t). */
function renameSequence(ctx: DdlContext, q: QualifiedName, newName: string): boolean {
  const sequences = ctx.builder.sequences;
  const sequence = sequences.get(nameKey(q));
  if (sequence === undefined) return false;
  sequences.delete(nameKey(q));
  sequence.name = newName;
  sequences.set(nameKey({ schema: q.schema, name: newName }), sequence);
  for (const table of ctx.builder.tables.values()) {
    for (const column of table.columns) {
      if (column.sequence?.schema === q.schema && column.sequence.name === q.name)
        column.sequence = { schema: q.schema, name: newName };
    }
  }
  return true;
}

/**
 * Temporary tables (CREATE TEMP TABLE, CREATE TEMP TABLE ... AS, SELECT ...
 * INTO TEMP TABLE, as data migrations use for scratch work) are not part of a schema: pg_dump never
 * dumps them. They are left out, and so are the later statements that work
 * on them (their indexes, ALTERs, renames, triggers, the DROP at the end,
 * DO blocks that read them: OpenMeter's dedup migration checks its scratch
 * table in a DO block, which fails where the table is not made). A view that
 * reads one is a temporary view (PostgreSQL makes it so, graph-node's
 * `history_data` over its scratch `history_block_numbers`): left out too.
 */
import type { CommentStmt, Node, RangeVar } from 'libpg-query';
import { listItems, stringsOf, walkAst } from './ast.js';
import type { DdlContext } from './ddl-context.js';
import { doBody } from './do-blocks.js';

/** Whether a relation named this way is a temporary table the DDL made (pg_temp comes first in the search path). */
export function isTemporary(ctx: DdlContext, rv: RangeVar | undefined): boolean {
  if (rv?.relname === undefined) return false;
  if (rv.schemaname !== undefined && rv.schemaname !== 'pg_temp') return false;
  return ctx.temporaryTables.has(rv.relname);
}

/** A view the statement makes that is temporary: `CREATE TEMP VIEW`, or one reading a temporary relation. */
function temporaryView(ctx: DdlContext, node: Node): RangeVar | undefined {
  if (!('ViewStmt' in node)) return undefined;
  const view = node.ViewStmt.view;
  if (view?.relpersistence === 't') return view;
  let reads = false;
  walkAst(node.ViewStmt.query, (key, n) => {
    if (key === 'RangeVar' && isTemporary(ctx, n as RangeVar)) reads = true;
  });
  return reads ? view : undefined;
}

/** Note a temporary table (or view) the statement creates: its name, or null when it creates none. */
export function notedTemporary(ctx: DdlContext, node: Node): string | null {
  const view = temporaryView(ctx, node);
  if (view?.relname !== undefined) {
    ctx.temporaryTables.add(view.relname);
    return view.relname;
  }
  const rv =
    'CreateStmt' in node
      ? node.CreateStmt.relation
      : 'CreateTableAsStmt' in node
        ? node.CreateTableAsStmt.into?.rel
        : 'SelectStmt' in node
          ? node.SelectStmt.intoClause?.rel
          : undefined;
  if (rv?.relpersistence !== 't' || rv.relname === undefined) return null;
  ctx.temporaryTables.add(rv.relname);
  return rv.relname;
}

/** Whether the statement only works on temporary tables (left out with them). */
export function onTemporaryTable(ctx: DdlContext, node: Node): boolean {
  if ('IndexStmt' in node) return isTemporary(ctx, node.IndexStmt.relation);
  if ('AlterTableStmt' in node) return isTemporary(ctx, node.AlterTableStmt.relation);
  if ('RenameStmt' in node) return isTemporary(ctx, node.RenameStmt.relation);
  if ('CreateTrigStmt' in node) return isTemporary(ctx, node.CreateTrigStmt.relation);
  if ('CommentStmt' in node) return commentOnTemporary(ctx, node.CommentStmt);
  if ('DoStmt' in node && ctx.temporaryTables.size > 0) {
    const words = new Set(
      doBody(node.DoStmt)
        .toLowerCase()
        .match(/[a-z_][a-z0-9_$]*/g) ?? [],
    );
    return [...ctx.temporaryTables].some((name) => words.has(name.toLowerCase()));
  }
  const removes = 'DropStmt' in node ? node.DropStmt.removeType : undefined;
  if ('DropStmt' in node && (removes === 'OBJECT_TABLE' || removes === 'OBJECT_VIEW')) {
    const objects = node.DropStmt.objects ?? [];
    const names = objects.map((o) =>
      'List' in o ? (o.List.items ?? []).flatMap((i) => ('String' in i ? [i.String.sval ?? ''] : [])) : [],
    );
    const temporary = names.every((n) =>
      isTemporary(ctx, { relname: n.at(-1) ?? '', ...(n.length > 1 ? { schemaname: n.at(-2) ?? '' } : {}) }),
    );
    if (temporary && objects.length > 0) {
      for (const n of names) ctx.temporaryTables.delete(n.at(-1) ?? '');
      return true;
    }
  }
  return false;
}

/** COMMENT ON TABLE or COLUMN of a temporary table (`t`, `t.c`, `pg_temp.t.c`). */
function commentOnTemporary(ctx: DdlContext, node: CommentStmt): boolean {
  if (node.objtype !== 'OBJECT_TABLE' && node.objtype !== 'OBJECT_COLUMN') return false;
  const names = stringsOf(listItems(node.object));
  const relation = node.objtype === 'OBJECT_TABLE' ? names : names.slice(0, -1);
  const relname = relation.at(-1);
  if (relname === undefined) return false;
  return isTemporary(ctx, { relname, ...(relation.length > 1 ? { schemaname: relation.at(-2) ?? '' } : {}) });
}

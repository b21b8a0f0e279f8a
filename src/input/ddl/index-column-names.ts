/**
 * The name an index column gives an index's default name, as PostgreSQL's
 * ChooseIndexColumnNames does: the column's name, else the expression's
 * FigureColname (`lower(email)` → `lower`, `(data->>'k')::int` → `int4`… by
 * its rules), else `expr`. `CREATE UNIQUE INDEX ON t (canon(name))` is
 * `t_canon_idx`, which a later `DROP INDEX t_canon_idx` names.
 */
import type { Node } from 'libpg-query';

/** An index element's part of the index's default name. */
export function indexColumnName(column: string | null | undefined, expr: unknown): string {
  if (column !== null && column !== undefined) return column;
  return figureColname(expr as Node | undefined).name ?? 'expr';
}

const SQL_VALUE_FUNCTIONS: Readonly<Record<string, string>> = {
  SVFOP_CURRENT_DATE: 'current_date',
  SVFOP_CURRENT_TIME: 'current_time',
  SVFOP_CURRENT_TIME_N: 'current_time',
  SVFOP_CURRENT_TIMESTAMP: 'current_timestamp',
  SVFOP_CURRENT_TIMESTAMP_N: 'current_timestamp',
  SVFOP_LOCALTIME: 'localtime',
  SVFOP_LOCALTIME_N: 'localtime',
  SVFOP_LOCALTIMESTAMP: 'localtimestamp',
  SVFOP_LOCALTIMESTAMP_N: 'localtimestamp',
  SVFOP_CURRENT_ROLE: 'current_role',
  SVFOP_CURRENT_USER: 'current_user',
  SVFOP_USER: 'user',
  SVFOP_SESSION_USER: 'session_user',
  SVFOP_CURRENT_CATALOG: 'current_catalog',
  SVFOP_CURRENT_SCHEMA: 'current_schema',
};

interface Figured {
  readonly name?: string;
  /** 0: no name, 1: a weak one (a cast's type, `case`), 2: a strong one. */
  readonly strength: 0 | 1 | 2;
}

const lastString = (nodes: readonly Node[] | undefined): string | undefined => {
  const last = nodes?.at(-1);
  return last !== undefined && 'String' in last ? last.String.sval : undefined;
};

/** parse_target.c's FigureColnameInternal, for the expressions an index can hold. */
function figureColname(node: Node | undefined): Figured {
  if (node === undefined) return { strength: 0 };
  if ('ColumnRef' in node) {
    const name = lastString(node.ColumnRef.fields);
    return name === undefined ? { strength: 0 } : { name, strength: 2 };
  }
  if ('A_Indirection' in node) {
    const name = lastString(node.A_Indirection.indirection);
    return name === undefined ? figureColname(node.A_Indirection.arg) : { name, strength: 2 };
  }
  if ('FuncCall' in node) {
    const name = lastString(node.FuncCall.funcname);
    return name === undefined ? { strength: 0 } : { name, strength: 2 };
  }
  if ('A_Expr' in node)
    return node.A_Expr.kind === 'AEXPR_NULLIF' ? { name: 'nullif', strength: 2 } : { strength: 0 };
  if ('TypeCast' in node) {
    const inner = figureColname(node.TypeCast.arg);
    if (inner.strength > 1) return inner;
    const name = lastString(node.TypeCast.typeName?.names);
    return name === undefined ? inner : { name, strength: 1 };
  }
  if ('CollateClause' in node) return figureColname(node.CollateClause.arg);
  if ('CaseExpr' in node) {
    const inner = figureColname(node.CaseExpr.defresult);
    return inner.strength > 1 ? inner : { name: 'case', strength: 1 };
  }
  if ('A_ArrayExpr' in node) return { name: 'array', strength: 2 };
  if ('RowExpr' in node) return { name: 'row', strength: 2 };
  if ('CoalesceExpr' in node) return { name: 'coalesce', strength: 2 };
  if ('MinMaxExpr' in node)
    return { name: node.MinMaxExpr.op === 'IS_LEAST' ? 'least' : 'greatest', strength: 2 };
  if ('SQLValueFunction' in node) {
    const name = SQL_VALUE_FUNCTIONS[node.SQLValueFunction.op ?? ''];
    return name === undefined ? { strength: 0 } : { name, strength: 2 };
  }
  return { strength: 0 };
}

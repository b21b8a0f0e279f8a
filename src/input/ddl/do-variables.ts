/**
 * The variables of a branching DO block (conditional-do.ts), as Marquez's
 * migrations use them:
 *
 *   DECLARE v_exists boolean; v_definition text;
 *   SELECT EXISTS (SELECT * FROM information_schema.views WHERE ...) INTO v_exists;
 *   IF v_exists THEN
 *     SELECT view_definition FROM information_schema.views WHERE ... INTO v_definition;
 *     DROP VIEW v; ALTER TABLE ...; EXECUTE format('CREATE VIEW v AS %s', v_definition);
 *   ...
 *
 * A boolean set from a condition on the schema, a text set from a view's
 * definition, read in conditions and in `EXECUTE format(...)`. Any other
 * variable or use keeps the block opaque.
 */
import { formatSql } from '../../schema/quote.js';
import { castStringConstant, columnEquality, stringsOf } from './ast.js';
import { parseSync, selectedExpression } from './pg-parser.js';

type Json = Record<string, unknown>;

/** The block's variables by name (lower case): their type. */
export type Variables = ReadonlyMap<string, 'boolean' | 'text'>;

/** A value a variable holds while the block is read (undefined: not set, or not known). */
export type Environment = Map<string, boolean | string | undefined>;

/**
 * The variables a block declares (PL/pgSQL's datums: `found`, declared
 * booleans and texts, the rows its `INTO` targets make); undefined when it
 * declares anything else (an initial value, another type).
 */
export function declaredVariables(datums: readonly Json[], integers = false): Variables | undefined {
  const out = new Map<string, 'boolean' | 'text'>();
  for (const d of datums) {
    if ('PLpgSQL_row' in d) continue;
    // `r record`, a loop's row (catalog-loops.ts): its fields are read where the loop sets them.
    if (integers && isRecord(d)) continue;
    const v = d.PLpgSQL_var as Json | undefined;
    if (v === undefined || v.default_val !== undefined) return undefined;
    const name = String(v.refname ?? '');
    if (name === 'found') continue;
    const type = String(((v.datatype as Json | undefined)?.PLpgSQL_type as Json | undefined)?.typname ?? '');
    if (/^(boolean|bool)$/i.test(type)) out.set(name.toLowerCase(), 'boolean');
    else if (/^(text|varchar|character varying)$/i.test(type)) out.set(name.toLowerCase(), 'text');
    // `integers`: a loop's counter (do-loops.ts), read as the text it formats to.
    else if (integers && /^(integer|int|int4|bigint|int8|smallint)$/i.test(type))
      out.set(name.toLowerCase(), 'text');
    else return undefined;
  }
  return out;
}

/** A `record` variable, or one of its fields. */
function isRecord(datum: Json): boolean {
  const rec = datum.PLpgSQL_rec as Json | undefined;
  const type = ((rec?.datatype as Json | undefined)?.PLpgSQL_type as Json | undefined)?.typname;
  return 'PLpgSQL_recfield' in datum || (rec !== undefined && type === 'record');
}

/** The one variable an `INTO` target names, if it is one. */
export function intoTarget(stmt: Json, variables: Variables): string | undefined {
  const fields = ((stmt.target as Json | undefined)?.PLpgSQL_row as Json | undefined)?.fields as
    | Json[]
    | undefined;
  const name = fields?.length === 1 ? String(fields[0]?.name ?? '').toLowerCase() : undefined;
  return name !== undefined && variables.has(name) ? name : undefined;
}

/** `SELECT view_definition FROM information_schema.views WHERE table_schema = 's' AND table_name = 'v'`: the view. */
export function viewDefinitionQuery(query: string): { schema?: string; name: string } | undefined {
  try {
    const stmt = ((parseSync(query) as Json).stmts as Json[] | undefined)?.[0]?.stmt as Json | undefined;
    const select = stmt?.SelectStmt as Json | undefined;
    const targets = select?.targetList as Json[] | undefined;
    const from = select?.fromClause as Json[] | undefined;
    const rv = from?.length === 1 ? ((from[0] as Json).RangeVar as Json | undefined) : undefined;
    const column = stringsOf(
      ((
        ((targets?.[0]?.ResTarget as Json | undefined)?.val as Json | undefined)?.ColumnRef as
          | Json
          | undefined
      )?.fields ?? []) as never[],
    ).at(-1);
    if (targets?.length !== 1 || column !== 'view_definition') return undefined;
    if (rv?.schemaname !== 'information_schema' || rv.relname !== 'views') return undefined;
    const filters = new Map<string, string>();
    if (!equalities(select?.whereClause, filters)) return undefined;
    const name = filters.get('table_name');
    if (name === undefined || [...filters.keys()].some((k) => k !== 'table_name' && k !== 'table_schema'))
      return undefined;
    const schema = filters.get('table_schema');
    return schema === undefined ? { name } : { schema, name };
  } catch {
    return undefined;
  }
}

function equalities(node: unknown, out: Map<string, string>): boolean {
  const n = node as Json | undefined;
  if (n === undefined) return true;
  const bool = n.BoolExpr as Json | undefined;
  if (bool)
    return bool.boolop === 'AND_EXPR' && ((bool.args as unknown[]) ?? []).every((a) => equalities(a, out));
  const equality = columnEquality(n);
  const sval = ((equality?.value as Json | undefined)?.A_Const as Json | undefined)?.sval as Json | undefined;
  if (equality === undefined || typeof sval?.sval !== 'string') return false;
  out.set(equality.column, sval.sval);
  return true;
}

/** An argument of `format(...)`: a constant, or a variable read when the statement runs. */
type FormatArg = { readonly constant: string } | { readonly variable: string };

/** `EXECUTE format('<template>', args...)` with constant and variable arguments. */
export interface FormatExecute {
  readonly template: string;
  readonly args: readonly FormatArg[];
}

/** The `format` call an EXECUTE runs, if its template is a constant and its arguments constants or variables. */
export function formatExecute(step: unknown, variables: Variables): FormatExecute | undefined {
  const dyn = (step as Json | undefined)?.PLpgSQL_stmt_dynexecute as Json | undefined;
  if (dyn === undefined || dyn.into !== undefined || dyn.params !== undefined) return undefined;
  const query = ((dyn.query as Json | undefined)?.PLpgSQL_expr as Json | undefined)?.query;
  if (typeof query !== 'string') return undefined;
  const call = (selectedExpression(query) as Json | undefined)?.FuncCall as Json | undefined;
  if (stringsOf((call?.funcname ?? []) as never[]).at(-1) !== 'format') return undefined;
  const [first, ...rest] = (call?.args as Json[] | undefined) ?? [];
  const template = castStringConstant(first);
  if (template === undefined) return undefined;
  const args: FormatArg[] = [];
  for (const a of rest) {
    const constant = castStringConstant(a);
    const fields = stringsOf((((a as Json).ColumnRef as Json | undefined)?.fields ?? []) as never[]);
    // A variable, or a loop record's field (`r.table_name`).
    const variable = fields.length === 1 || fields.length === 2 ? fields.join('.').toLowerCase() : undefined;
    if (constant !== undefined) args.push({ constant });
    else if (variable !== undefined && variables.get(variable) === 'text') args.push({ variable });
    else return undefined;
  }
  return { template, args };
}

/** The text `format` makes (`%s`, `%I`, `%L`, `%%`), undefined when an argument is not known. */
export function formatText(f: FormatExecute, env: Environment): string | undefined {
  const made = formatSql(f.template, (n) => {
    const arg = f.args[n];
    const value = arg === undefined ? undefined : 'constant' in arg ? arg.constant : env.get(arg.variable);
    return typeof value === 'string' ? value : undefined;
  });
  return made === undefined || made.used !== f.args.length ? undefined : made.text;
}

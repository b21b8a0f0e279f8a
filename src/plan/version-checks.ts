/**
 * The CHECKs a generator version reads: before version 22, a CHECK whose call of an overloaded one-expression
 * function is inlined by its arguments' types (input/ddl/inline-overloads.ts) is read as it was, the call
 * unread (`CheckConstraint.before22`), so those versions' rows stay as they were. Before version 23 so too
 * a generated column's expression (`Column.generatedBefore23`); a domain's CHECKs: checks/type-resolution.ts.
 * Before version 24 a table's CHECKs and generated columns that call split_part(), isfinite() or regexp_match()
 * are read as they were, the call unread (the evaluator's `UNREAD_CALL` mark), so their tables stay as they were (empty, warned).
 * Before version 29 a range column's `&&`, `@>`, `<@` with a constant or an element is unread
 * (`RANGE_OPERANDS_UNREAD`): its column stays NULL, its NOT NULL table empty, as they were.
 */
import { UNREAD_CALL } from '../checks/evaluate-expr.js';
import { RANGE_OPERANDS_UNREAD } from '../checks/evaluation.js';
import type { Column, Schema, Table } from '../schema/model.js';

/**
 * The version from which split_part() (plan/tagged-references.ts builds its tag/id columns), isfinite() and
 * regexp_match() are evaluated.
 */
export const SPLIT_PART_FROM = 24;
const READ_FROM_24 = new Set(['split_part', 'isfinite', 'regexp_match', 'to_timestamp']);
/** Read from version 29: to_timestamp(text, format) (checks/to-date.ts). */
const READ_FROM_29 = new Set(['to_timestamp']);
const NONE = new Set<string>();

const older = (t: Table) => t.checks.some((c) => c.before22 !== undefined);

/** The schema whose tables' CHECKs are those `version` reads (the same object when none differ). */
export function checksOfVersion(schema: Schema, version: number): Schema {
  const read = olderChecks(schema, version);
  const marks: OperatorMark[] = [];
  if (version < JSON_CONTAINMENT_FROM) marks.push({ ops: CONTAINMENT, mark: UNREAD_CALL });
  if (version < RANGE_OPERANDS_FROM) marks.push({ ops: RANGE_OPERATORS, mark: RANGE_OPERANDS_UNREAD });
  const calls =
    version < SPLIT_PART_FROM ? READ_FROM_24 : version < RANGE_OPERANDS_FROM ? READ_FROM_29 : NONE;
  return marks.length > 0 || calls.size > 0 ? withSplitPartUnread(read, calls, marks) : read;
}

/** The version from which jsonb's `@>` and `<@` (`data @> '{"type": "event"}'`) are evaluated. */
export const JSON_CONTAINMENT_FROM = 25;
const CONTAINMENT = new Set(['@>', '<@']);

/** The version from which a range column's `&&`, `@>`, `<@` with a constant or an element are evaluated. */
export const RANGE_OPERANDS_FROM = 29;
const RANGE_OPERATORS = new Set(['&&', '@>', '<@']);

/** Operators whose nodes carry a mark (a version's evaluator leaves them unread). */
interface OperatorMark {
  readonly ops: ReadonlySet<string>;
  readonly mark: string;
}

/** Before versions 22 and 23: the CHECKs and generated columns as they read them. */
function olderChecks(schema: Schema, version: number): Schema {
  const checks = version < 22 && schema.tables.some(older);
  const generated = version < 23 && schema.tables.some(olderGenerated);
  if (!checks && !generated) return schema;
  const tables = schema.tables.map((t) => {
    let table = t;
    if (checks && older(table))
      table = {
        ...table,
        checks: table.checks.map((c) => (c.before22 === undefined ? c : { ...c, expr: c.before22 })),
      };
    if (generated && olderGenerated(table))
      table = {
        ...table,
        columns: table.columns.map((c) =>
          c.generatedBefore23 === undefined ? c : { ...c, generated: c.generatedBefore23 },
        ),
      };
    return table;
  });
  return { ...schema, tables };
}

const olderGenerated = (t: Table) => t.columns.some((c) => c.generatedBefore23 !== undefined);

/**
 * A copy of `ast` whose calls of those functions carry the unread mark (and whose operators `marks` name
 * their mark: jsonb's containment, a range's operands), or `ast` itself when it has none.
 */
function splitPartUnread(ast: unknown, calls: ReadonlySet<string>, marks: readonly OperatorMark[]): unknown {
  if (Array.isArray(ast)) {
    const items = ast.map((a) => splitPartUnread(a, calls, marks));
    return items.every((item, i) => item === ast[i]) ? ast : items;
  }
  if (typeof ast !== 'object' || ast === null) return ast;
  const node = ast as Record<string, unknown>;
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] = splitPartUnread(value, calls, marks);
    if (copy[key] !== value) changed = true;
  }
  const call = copy.FuncCall as { funcname?: { String?: { sval?: string } }[] } | undefined;
  if (calls.has(call?.funcname?.at(-1)?.String?.sval ?? '')) {
    copy.FuncCall = { ...call, [UNREAD_CALL]: true };
    changed = true;
  }
  const op = copy.A_Expr as { kind?: string; name?: { String?: { sval?: string } }[] } | undefined;
  const name = op?.kind === 'AEXPR_OP' ? (op.name?.at(-1)?.String?.sval ?? '') : '';
  for (const { ops, mark } of marks)
    if (ops.has(name)) {
      copy.A_Expr = { ...(copy.A_Expr as object), [mark]: true };
      changed = true;
    }
  return changed ? copy : ast;
}

/** Before version 24 (25, 29): the tables' CHECKs and generated columns with those calls (operators) marked (the same schema when none has it). */
function withSplitPartUnread(
  schema: Schema,
  calls: ReadonlySet<string>,
  marks: readonly OperatorMark[],
): Schema {
  let any = false;
  const tables = schema.tables.map((t) => {
    const checks = t.checks.map((c) => {
      const ast = splitPartUnread(c.expr.ast, calls, marks);
      return ast === c.expr.ast ? c : { ...c, expr: { ...c.expr, ast } };
    });
    const columns = t.columns.map((c): Column => {
      const ast = c.generated ? splitPartUnread(c.generated.ast, calls, marks) : undefined;
      return c.generated && ast !== c.generated.ast ? { ...c, generated: { ...c.generated, ast } } : c;
    });
    if (checks.every((c, i) => c === t.checks[i]) && columns.every((c, i) => c === t.columns[i])) return t;
    any = true;
    return { ...t, checks, columns };
  });
  return any ? { ...schema, tables } : schema;
}

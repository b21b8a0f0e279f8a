/**
 * Server-version tests in a branching DO block's IF (conditional-do.ts), as migrations that support several
 * releases write them:
 *
 *   IF (SELECT current_setting('server_version_num')::int) >= 120000 THEN ... ELSE ... END IF;
 *
 * datagen's output loads into PostgreSQL 15 or later (server-version.ts), so a test that holds (or fails)
 * for every such server is decided; one that depends on the release (`>= 170000`) keeps the block opaque.
 */
import { stringsOf } from './ast.js';
import { walkAst } from './ast-walk.js';
import { constantValue } from './code-values.js';
import { doBlockFunction, selectedExpression } from './pg-parser.js';
import { BASE_SERVER_VERSION } from './server-version.js';

type Json = Record<string, unknown>;

/** The lowest server_version_num the output loads into, and one above any release. */
const LOWEST = BASE_SERVER_VERSION * 10000;
const BEYOND = 10_000_000;

const COMPARE: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '=': (a, b) => a === b,
  '<>': (a, b) => a !== b,
  '!=': (a, b) => a !== b,
};
const MIRRORED: Readonly<Record<string, string>> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>' };

/** Whether `node` reads server_version_num: `current_setting('server_version_num')::int`, in `(SELECT ...)` or not. */
function readsVersionNumber(node: Json | undefined): boolean {
  const sub = node?.SubLink as Json | undefined;
  if (sub !== undefined) {
    const select = (sub.subselect as Json | undefined)?.SelectStmt as Json | undefined;
    const targets = (select?.targetList as Json[] | undefined) ?? [];
    return (
      sub.subLinkType === 'EXPR_SUBLINK' &&
      select?.fromClause === undefined &&
      targets.length === 1 &&
      readsVersionNumber((targets[0]?.ResTarget as Json | undefined)?.val as Json | undefined)
    );
  }
  const cast = node?.TypeCast as Json | undefined;
  const type = stringsOf(((cast?.typeName as Json | undefined)?.names ?? []) as never[]).at(-1);
  const call = (cast?.arg as Json | undefined)?.FuncCall as Json | undefined;
  const args = (call?.args as Json[] | undefined) ?? [];
  return (
    (type === 'int4' || type === 'int8' || type === 'numeric') &&
    stringsOf((call?.funcname ?? []) as never[]).at(-1) === 'current_setting' &&
    args.length === 1 &&
    constantValue(args[0] as never) === 'server_version_num'
  );
}

/**
 * An A_Expr's operands read as `<server_version_num> <op> N` (either side): the operator as written, as applied
 * with the version on the left, and N; undefined where neither side reads the version or the other is no number.
 */
function versionOperands(
  op: Json | undefined,
): { name: string; applied: string; constant: number } | undefined {
  const name = stringsOf((op?.name ?? []) as never[]).join();
  const left = op?.lexpr as Json | undefined;
  const flipped = !readsVersionNumber(left);
  if (flipped && !readsVersionNumber(op?.rexpr as Json | undefined)) return undefined;
  const constant = constantValue((flipped ? left : op?.rexpr) as never);
  if (typeof constant !== 'number') return undefined;
  return { name, applied: flipped ? (MIRRORED[name] ?? name) : name, constant };
}

/**
 * `<server_version_num> <op> N` (either side): true or false where every server the output loads into gives
 * that; undefined where the release decides, or for any other expression.
 */
export function serverVersionTest(node: Json | undefined): boolean | undefined {
  const op = node?.A_Expr as Json | undefined;
  const read = versionOperands(op);
  if (op?.kind !== 'AEXPR_OP' || read === undefined || COMPARE[read.name] === undefined) return undefined;
  const compare = COMPARE[read.applied];
  if (compare === undefined) return undefined;
  const { name, constant } = read;
  // Monotone tests (and = / <> of a number outside the range) are decided by the ends of the range.
  const [low, high] = [compare(LOWEST, constant), compare(BEYOND, constant)];
  if (name !== '=' && name !== '<>' && name !== '!=') return low === high ? low : undefined;
  return constant < LOWEST ? low : undefined;
}

/**
 * A DO block kept as written because an IF in it tests the server's release where servers the output loads into
 * differ (`current_setting('server_version_num')::int >= 170000`): what its warning says of the branches. The
 * output assumes neither: the block runs where it loads, each server taking its own branch, and datagen models
 * what neither makes. Undefined where no such test is in the block.
 */
export function releaseDependentNote(body: string): string | undefined {
  const fn = doBlockFunction(body);
  let note: string | undefined;
  walkAst(fn?.action, (key, n) => {
    if (note !== undefined || key !== 'PLpgSQL_expr') return;
    walkAst(selectedExpression(String(n.query ?? '')), (k, node) => {
      if (note !== undefined || k !== 'A_Expr') return;
      const read = versionOperands(node);
      if (read === undefined || serverVersionTest({ A_Expr: node }) !== undefined) return;
      const lowest = COMPARE[read.applied]?.(LOWEST, read.constant);
      note = `its IF on server_version_num ${read.name} ${read.constant} depends on the server's release (PostgreSQL ${BASE_SERVER_VERSION} gives ${lowest === true ? 'true' : 'false'}, later releases may not), so the output assumes neither branch: the block is kept as written and each server runs its own branch where the output loads, and datagen models what neither makes (those objects get no data). To have datagen follow one branch, write that branch as plain DDL`;
    });
  });
  return note;
}

/**
 * The json path a unique key's expression reads as text: `doc ->> 'k'`, `doc -> 'a' ->> 'b'`, `doc #>> '{a,b}'`
 * (under text/varchar casts); with `arraySteps` (version 29) an array element's index too
 * (`doc -> 'customDomains' -> 0 ->> 'domain'`).
 */
import { columnRef, field, lastName } from './key-expression-nodes.js';

/** `doc ->> 'k'`, `doc -> 'a' ->> 'b'`, `doc #>> '{a,b}'` (under text/varchar casts): its column and path. */
export function textPath(node: unknown, arraySteps = false): { column: string; path: string[] } | undefined {
  const cast = field(node, 'TypeCast');
  if (cast) {
    const target = lastName(field(cast, 'typeName')?.names);
    return target === 'text' || target === 'varchar' ? textPath(cast.arg, arraySteps) : undefined;
  }
  const expr = field(node, 'A_Expr');
  const op = expr?.kind === 'AEXPR_OP' ? lastName(expr.name) : undefined;
  if (op !== '->>' && op !== '#>>') return undefined;
  const steps = (inner: unknown, hashes: boolean): string[] | undefined => {
    const c = field(field(inner, 'TypeCast')?.arg ?? inner, 'A_Const');
    const s = field(c, 'sval')?.sval;
    // An array element (`-> 0`; libpg-query leaves a zero's ival out), from version 29.
    const index = field(c, 'ival');
    if (arraySteps && !hashes && index !== undefined) return [String(index.ival ?? 0)];
    if (typeof s !== 'string') return undefined;
    if (!hashes) return [s];
    const body = s.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
    return body === '' || /["\\]/.test(body) ? undefined : body.split(',').map((x) => x.trim());
  };
  const last = steps(expr?.rexpr, op === '#>>');
  if (!last) return undefined;
  let left: unknown = expr?.lexpr;
  const path = [...last];
  for (;;) {
    const col = columnRef(left);
    if (col !== undefined) return { column: col, path };
    const inner = field(left, 'A_Expr');
    if (inner?.kind !== 'AEXPR_OP' || lastName(inner.name) !== '->') return undefined;
    const step = steps(inner.rexpr, false);
    if (!step) return undefined;
    path.unshift(...step);
    left = inner.lexpr;
  }
}

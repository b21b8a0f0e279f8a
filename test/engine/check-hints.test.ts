import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileChecks } from '../../src/checks/compile-checks.js';
import type { Expr } from '../../src/schema/model.js';

function check(text: string): Expr {
  const parsed = parseSync(`CREATE TABLE t (CHECK (${text}))`) as {
    stmts: { stmt: { CreateStmt: { tableElts: { Constraint: { raw_expr: unknown } }[] } } }[];
  };
  const ast = parsed.stmts[0]?.stmt.CreateStmt.tableElts[0]?.Constraint.raw_expr;
  return { kind: 'expr', ast, text };
}

describe('CHECK compilation into generator hints', () => {
  beforeAll(async () => {
    await loadModule();
  });

  it('comparisons, BETWEEN, AND, reversed operands, negative numbers', () => {
    const { hints, unsupported } = compileChecks([
      check('a >= 1 AND a <= 10'),
      check('b BETWEEN -5 AND 5'),
      check('0 < c'),
      check('d > 1.5'),
      check('e > 1 AND e >= 1'),
      check('f < 10 AND f <= 9'),
    ]);
    expect(unsupported).toEqual([]);
    expect(hints.get('a')).toEqual({ min: 1, max: 10 });
    expect(hints.get('b')).toEqual({ min: -5, max: 5 });
    expect(hints.get('c')).toEqual({ min: 0, minExclusive: true });
    expect(hints.get('d')).toEqual({ min: 1.5, minExclusive: true });
    expect(hints.get('e')).toEqual({ min: 1, minExclusive: true });
    expect(hints.get('f')).toEqual({ max: 9 });
  });

  it('IN lists, = ANY(ARRAY[...]), lower(x) = x, length bounds, IS NOT NULL', () => {
    const { hints, unsupported } = compileChecks([
      check("s IN ('a', 'b')"),
      check("t = ANY (ARRAY['x'::text, 'y'::text])"),
      check('((name)::text = lower((name)::text))'),
      check('char_length(code) <= 4'),
      check('z IS NOT NULL'),
    ]);
    expect(unsupported).toEqual([]);
    expect(hints.get('s')?.oneOf).toEqual(['a', 'b']);
    expect(hints.get('t')?.oneOf).toEqual(['x', 'y']);
    expect(hints.get('name')?.lowercase).toBe(true);
    expect(hints.get('code')?.maxLength).toBe(4);
    expect(hints.get('z')?.notNull).toBe(true);
  });

  it('returns what it cannot compile, so the planner can warn', () => {
    const { unsupported } = compileChecks([check('my_func(a) > 0 OR b < 0')]);
    expect(unsupported).toEqual(['my_func(a) > 0 OR b < 0']);
  });
});

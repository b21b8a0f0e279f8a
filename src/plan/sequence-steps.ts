/**
 * From generator version 26, an integer column a sequence feeds (serial, identity, `DEFAULT nextval('s')`)
 * takes the values the sequence would give out: from its START, a step of its INCREMENT apart, up to its
 * MAXVALUE (`CREATE SEQUENCE s START 1000 INCREMENT 5`: 1000, 1005, 1010, …; before, 1, 2, 3, …). Planned as
 * CHECKs of the column (`c >= 1000`, `c % 5 = 0`, `c <= max`), which the integer generators meet in row order;
 * the `setval` after the data then reads the largest key written (data-statements.ts). An ascending sequence
 * of int4-sized numbers only; a descending one keeps the keys of version 25.
 */
import { columnNode, integerNode, operatorNode } from '../checks/expression-nodes.js';
import { resolveDomains, type TypeLookup } from '../checks/type-resolution.js';
import type { CheckConstraint, Schema, Sequence } from '../schema/model.js';
import { nameKey } from '../schema/names.js';
import { quoteQualified } from '../schema/quote.js';
import { INTEGER_TYPES } from './counting-keys.js';

const INT4_MAX = 2147483647n;

/** The sequence's first value and step where they differ from 1, 1 (both int4-sized, ascending, from 0 up). */
export function sequenceSteps(sequence: Sequence): { start: bigint; increment: bigint } | undefined {
  const start = sequence.start ?? sequence.minValue ?? 1n;
  const { increment } = sequence;
  if (increment <= 0n || start < 0n || start > INT4_MAX || increment > INT4_MAX) return undefined;
  return start === 1n && increment === 1n ? undefined : { start, increment };
}

function check(name: string, text: string, ast: unknown): CheckConstraint {
  return { kind: 'check', name, expr: { kind: 'expr', text, ast }, noInherit: false, notValid: false };
}

/** Each table's sequence CHECKs (version 26), merged into `into` by table (`nameKey`). */
export function withSequenceSteps(
  into: Map<string, CheckConstraint[]>,
  schema: Schema,
  lookup: TypeLookup,
  version: number,
): Map<string, CheckConstraint[]> {
  if (version < 26) return into;
  const sequences = new Map(schema.sequences.map((s) => [nameKey(s), s]));
  for (const table of schema.tables) {
    for (const column of table.columns) {
      const sequence = column.sequence ? sequences.get(nameKey(column.sequence)) : undefined;
      const steps = sequence && sequenceSteps(sequence);
      const base = resolveDomains(column.type, lookup).base;
      if (!sequence || !steps || base.arrayDims > 0 || !INTEGER_TYPES.has(base.name)) continue;
      const name = `sequence ${quoteQualified(sequence)} of ${column.name}`;
      const { start, increment } = steps;
      const col = columnNode(column.name);
      const checks = [
        check(name, `${column.name} >= ${start}`, operatorNode('>=', col, integerNode(Number(start)))),
      ];
      if (increment > 1n) {
        const rest = Number(start % increment);
        const mod = operatorNode('%', col, integerNode(Number(increment)));
        checks.push(
          check(name, `${column.name} % ${increment} = ${rest}`, operatorNode('=', mod, integerNode(rest))),
        );
      }
      const max = sequence.maxValue;
      if (max !== null && max <= INT4_MAX)
        checks.push(
          check(name, `${column.name} <= ${max}`, operatorNode('<=', col, integerNode(Number(max)))),
        );
      into.set(nameKey(table), [...(into.get(nameKey(table)) ?? []), ...checks]);
    }
  }
  return into;
}

/**
 * A column's compiled bounds (checks/check-hints.ts) in words, for
 * `datagen plan`: "between 1901 and 2155, lowercase, not 'x'".
 */
import type { ColumnHints } from '../checks/check-hints.js';

const LIST_LIMIT = 6;

function list(values: readonly string[]): string {
  const shown = values.slice(0, LIST_LIMIT).map((v) => `'${v}'`);
  return values.length > LIST_LIMIT ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
}

function range(
  lo: number | string | undefined,
  hi: number | string | undefined,
  loOpen = false,
  hiOpen = false,
): string | undefined {
  if (lo !== undefined && hi !== undefined) {
    if (!loOpen && !hiOpen) return `between ${lo} and ${hi}`;
    return `${loOpen ? '>' : '>='} ${lo} and ${hiOpen ? '<' : '<='} ${hi}`;
  }
  if (lo !== undefined) return `${loOpen ? '>' : '>='} ${lo}`;
  if (hi !== undefined) return `${hiOpen ? '<' : '<='} ${hi}`;
  return undefined;
}

/** The hints in words, or undefined when there are none worth saying. */
export function describeHints(h: ColumnHints): string | undefined {
  const parts: string[] = [];
  const value = range(h.min, h.max, h.minExclusive, h.maxExclusive);
  if (value) parts.push(value);
  if (h.residue) parts.push(`≡ ${h.residue.remainder} (mod ${h.residue.modulus})`);
  if (h.oneOf) parts.push(`one of ${list(h.oneOf)}`);
  if (h.exclude?.length) parts.push(`not ${list(h.exclude)}`);
  const length = range(h.minLength, h.maxLength);
  if (length) parts.push(`length ${length}`);
  if (h.lowercase) parts.push('lowercase');
  if (h.uppercase) parts.push('uppercase');
  if (h.trimmed) parts.push('no surrounding spaces');
  for (const p of h.patterns ?? []) {
    parts.push(`${p.negated ? 'not matching' : 'matching'} /${p.source}/${p.insensitive ? 'i' : ''}`);
  }
  if (h.jsonTypes) parts.push(`JSON ${h.jsonTypes.join(' or ')}`);
  if (h.jsonKeys)
    parts.push(
      `JSON object${h.jsonKeys.present.length > 0 ? ` with keys ${h.jsonKeys.present.join(', ')}` : ''}${h.jsonKeys.absent.length > 0 ? ` without ${h.jsonKeys.absent.join(', ')}` : ''}`,
    );
  const cardinality = range(h.minCardinality, h.maxCardinality);
  if (cardinality) parts.push(`${cardinality} elements`);
  if (h.elementsOf) parts.push(`elements among ${list(h.elementsOf)}`);
  if (h.holds?.length) parts.push(`first rows ${list(h.holds)} (a child's foreign key lists them)`);
  if (h.rowBlocks?.length)
    parts.push(
      `first rows in blocks of ${list(h.rowBlocks)} (children's CHECKs look them up through their foreign keys)`,
    );
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * Partitioned tables for the schema property test (schema-arbitrary.ts):
 * RANGE over a date, LIST over text, HASH over an integer, sometimes with a
 * DEFAULT partition or a partition partitioned again (LIST or HASH below).
 * The partition column is part of the table's primary key (PostgreSQL asks
 * it of every unique key of a partitioned table), so children can reference
 * the table with a composite FK.
 */
import fc from 'fast-check';

type Gen = fc.GeneratorValue;

export interface PartitionShape {
  /** The partition key column and its type (a key column of the table). */
  readonly column: readonly [string, string];
  /** The clause after the column list. */
  readonly clause: string;
  /** The partitions of table `t`, as statements. */
  readonly partitions: (t: string) => string[];
}

const RANGE_BOUNDS = ["'2020-01-01'", "'2021-01-01'", "'2022-06-01'", "'2030-01-01'"];

function sub(g: Gen, parent: string, name: string, bound: string): string[] {
  // A partition partitioned again: by HASH of id, or by LIST of id's parity is not expressible; HASH is.
  if (g(fc.nat, { max: 3 }) > 0) return [`CREATE TABLE ${name} PARTITION OF ${parent} ${bound};`];
  const modulus = 2 + g(fc.nat, { max: 1 });
  return [
    `CREATE TABLE ${name} PARTITION OF ${parent} ${bound} PARTITION BY HASH (id);`,
    ...Array.from(
      { length: modulus },
      (_, r) =>
        `CREATE TABLE ${name}_h${r} PARTITION OF ${name} FOR VALUES WITH (MODULUS ${modulus}, REMAINDER ${r});`,
    ),
  ];
}

export function partitionShape(g: Gen): PartitionShape {
  const withDefault = g(fc.nat, { max: 2 }) === 0;
  const defaultPart = (t: string) =>
    withDefault ? [`CREATE TABLE ${t}_def PARTITION OF ${t} DEFAULT;`] : [];
  switch (g(fc.nat, { max: 2 })) {
    case 0:
      return {
        column: ['p', 'date'],
        clause: 'PARTITION BY RANGE (p)',
        partitions: (t) => [
          ...RANGE_BOUNDS.slice(1).flatMap((to, i) =>
            sub(g, t, `${t}_r${i}`, `FOR VALUES FROM (${RANGE_BOUNDS[i]}) TO (${to})`),
          ),
          ...defaultPart(t),
        ],
      };
    case 1:
      return {
        column: ['p', 'text'],
        clause: 'PARTITION BY LIST (p)',
        partitions: (t) => [
          ...sub(g, t, `${t}_l0`, "FOR VALUES IN ('north', 'south')"),
          ...sub(g, t, `${t}_l1`, "FOR VALUES IN ('east')"),
          ...defaultPart(t),
        ],
      };
    default:
      return {
        column: ['p', 'int4'],
        clause: 'PARTITION BY HASH (p)',
        partitions: (t) =>
          [0, 1, 2].flatMap((r) => sub(g, t, `${t}_h${r}`, `FOR VALUES WITH (MODULUS 3, REMAINDER ${r})`)),
      };
  }
}

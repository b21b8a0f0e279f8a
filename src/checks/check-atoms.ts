/**
 * The shapes of CHECK constraints the planner knows how to satisfy by
 * construction. A CHECK compiles to a formula: OR of branches, each an AND
 * of atoms; a branch is chosen per row (deterministically) and its atoms
 * become the row's generator hints.
 */
import type { FieldsHint } from './check-hints.js';

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '<>';

/** A constant offset added to a column: a number (days for dates) or an interval's text. */
export interface Offset {
  readonly sign: 1 | -1;
  readonly value: number | string;
}

export type Atom =
  /** column <op> constant; `now` when the constant was computed from now()/current_date. */
  | {
      readonly kind: 'compare';
      readonly column: string;
      readonly op: CompareOp;
      readonly value: number | string;
      readonly now?: boolean;
    }
  | {
      readonly kind: 'in';
      readonly column: string;
      readonly values: readonly string[];
      readonly negated: boolean;
    }
  | { readonly kind: 'null'; readonly column: string; readonly isNull: boolean }
  | { readonly kind: 'fold'; readonly column: string; readonly fold: 'lower' | 'upper' | 'trim' }
  /** A length in characters; `bytes`: octet_length(), met by ASCII values of that length and evaluated per row. */
  | {
      readonly kind: 'length';
      readonly column: string;
      readonly op: CompareOp;
      readonly value: number;
      readonly bytes?: true;
    }
  /** A JavaScript regex source the value must (or, negated, must not) match. */
  | {
      readonly kind: 'pattern';
      readonly column: string;
      readonly source: string;
      readonly insensitive: boolean;
      readonly negated: boolean;
      /** The pattern as written, for messages. */
      readonly text: string;
      /** Delimited fields the pattern stands for (split-fields.ts): merged with the column's others of its delimiter. */
      readonly fields?: FieldsHint;
    }
  | { readonly kind: 'json-type'; readonly column: string; readonly types: readonly string[] }
  /** `column @> '{"type": "event"}'` (version 25): every document holds the object's members (its JSON text). */
  | { readonly kind: 'json-contains'; readonly column: string; readonly value: string }
  /** `column ? 'key'` (present), `NOT (column ? 'key')` (absent); `(column ->> 'key') <> ''` is present with a non-empty text. */
  | { readonly kind: 'json-key'; readonly column: string; readonly key: string; readonly present: boolean }
  | { readonly kind: 'cardinality'; readonly column: string; readonly op: CompareOp; readonly value: number }
  /**
   * `array_col <@ ARRAY[...]` (or `ARRAY[...] @> array_col`): every element is one of the values.
   * From `array_col && ARRAY[...]` (`overlap`, with a cardinality of 1 at least): elements made from the
   * values, so one is shared; the CHECK is still evaluated per row (two overlaps intersect to fewer values).
   */
  | {
      readonly kind: 'elements';
      readonly column: string;
      readonly values: readonly string[];
      readonly overlap?: true;
    }
  /** `constant <op> ALL (array_col)` (version 25): every element of the array column meets `element op value`. */
  | {
      readonly kind: 'element-bound';
      readonly column: string;
      readonly op: CompareOp;
      readonly value: number | string;
    }
  /** left <op> right (+ offset): a comparison between two columns of the row. */
  | {
      readonly kind: 'relation';
      readonly left: string;
      readonly op: CompareOp;
      readonly right: string;
      readonly offset?: Offset;
    }
  /** How many of the columns are non-NULL: count <op> value. */
  | {
      readonly kind: 'count';
      readonly columns: readonly string[];
      readonly op: CompareOp;
      readonly value: number;
    }
  /** `column % modulus = remainder` (constants; the remainder's sign is the column's, as PostgreSQL's `%`). */
  | {
      readonly kind: 'residue';
      readonly column: string;
      readonly modulus: number;
      readonly remainder: number;
    }
  /** `column % divisor = 0`: the column is a multiple of another column of the row. */
  | { readonly kind: 'multiple'; readonly column: string; readonly divisor: string }
  | { readonly kind: 'constant'; readonly value: boolean }
  /** `upper_inf(r)`, `NOT lower_inf(r)`: a range column's bound is (or is not) infinite. */
  /** `column << 'net'` and the other inet/cidr containment operators against a constant network. */
  | {
      readonly kind: 'network';
      readonly column: string;
      readonly op: NetworkOp;
      readonly value: string;
      /** `NOT (column << 'net')`: the value must not meet it. */
      readonly negated: boolean;
    }
  | {
      readonly kind: 'range-bound';
      readonly column: string;
      readonly bound: 'lower' | 'upper';
      readonly infinite: boolean;
    }
  /** `isempty(r)`, `NOT isempty(r)`: a range column is (or is not) the empty range. */
  | { readonly kind: 'range-empty'; readonly column: string; readonly empty: boolean };

/** inet/cidr containment: `<<` inside, `<<=` inside or equal, `>>` contains, `>>=`, `&&` overlaps. */
export type NetworkOp = '<<' | '<<=' | '>>' | '>>=' | '&&';

export type Branch = readonly Atom[];

/** OR of branches; `[]` is false, `[[]]` is true. */
export type Formula = readonly Branch[];

export const NEGATE: Record<CompareOp, CompareOp> = {
  '<': '>=',
  '<=': '>',
  '>': '<=',
  '>=': '<',
  '=': '<>',
  '<>': '=',
};

export const FLIP: Record<CompareOp, CompareOp> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  '=': '=',
  '<>': '<>',
};

export const JSON_TYPES = ['object', 'array', 'string', 'number', 'boolean', 'null'] as const;

/** The columns an atom constrains. */
export function atomColumns(atom: Atom): string[] {
  switch (atom.kind) {
    case 'relation':
      return [atom.left, atom.right];
    case 'count':
      return [...atom.columns];
    case 'multiple':
      return [atom.column, atom.divisor];
    case 'constant':
      return [];
    default:
      return [atom.column];
  }
}

function offsetText(o: Offset | undefined): string {
  if (!o) return '';
  const v = typeof o.value === 'number' ? String(o.value) : `interval '${o.value}'`;
  return ` ${o.sign > 0 ? '+' : '-'} ${v}`;
}

/** An atom as SQL-like text, for the plan report. */
export function atomText(atom: Atom): string {
  switch (atom.kind) {
    case 'compare':
      return `${atom.column} ${atom.op} ${typeof atom.value === 'number' ? atom.value : `'${atom.value}'`}${atom.now ? ' (from now())' : ''}`;
    case 'in':
      return `${atom.column} ${atom.negated ? 'NOT IN' : 'IN'} (${atom.values.map((v) => `'${v}'`).join(', ')})`;
    case 'null':
      return `${atom.column} IS ${atom.isNull ? '' : 'NOT '}NULL`;
    case 'fold':
      return `${atom.fold}(${atom.column}) = ${atom.column}`;
    case 'length':
      return `${atom.bytes ? 'octet_length' : 'length'}(${atom.column}) ${atom.op} ${atom.value}`;
    case 'pattern':
      return `${atom.column} ${atom.negated ? 'does not match' : 'matches'} /${atom.source}/${atom.insensitive ? 'i' : ''}`;
    case 'json-type':
      return `jsonb_typeof(${atom.column}) IN (${atom.types.join(', ')})`;
    case 'json-contains':
      return `${atom.column} @> '${atom.value}'`;
    case 'json-key':
      return `${atom.present ? '' : 'NOT '}${atom.column} ? '${atom.key}'`;
    case 'cardinality':
      return `cardinality(${atom.column}) ${atom.op} ${atom.value}`;
    case 'elements':
      return `${atom.column} <@ ARRAY[${atom.values.map((v) => `'${v}'`).join(', ')}]`;
    case 'element-bound':
      return `every element of ${atom.column} ${atom.op} ${atom.value}`;
    case 'relation':
      return `${atom.left} ${atom.op} ${atom.right}${offsetText(atom.offset)}`;
    case 'count':
      return `num_nonnulls(${atom.columns.join(', ')}) ${atom.op} ${atom.value}`;
    case 'residue':
      return `${atom.column} % ${atom.modulus} = ${atom.remainder}`;
    case 'multiple':
      return `${atom.column} % ${atom.divisor} = 0`;
    case 'constant':
      return atom.value ? 'true' : 'false';
    case 'network':
      return `${atom.negated ? 'NOT ' : ''}${atom.column} ${atom.op} '${atom.value}'`;
    case 'range-bound':
      return `${atom.infinite ? '' : 'NOT '}${atom.bound}_inf(${atom.column})`;
    case 'range-empty':
      return `${atom.empty ? '' : 'NOT '}isempty(${atom.column})`;
  }
}

/**
 * A CASE condition taken is true, not unknown: a NULL condition goes on to the
 * next branch (the ELSE), where a CHECK's own atom lets NULL pass. So each
 * column its atoms compare is NOT NULL in that branch (`CASE WHEN c0 > 0 THEN
 * c1 IS NOT NULL ELSE c1 IS NULL END` with c1 NOT NULL: c0 never NULL; it was,
 * 10% of rows, and the load failed). IS [NOT] NULL and num_nonnulls() tests
 * are never unknown. The skipped side (`NOT cond`) keeps NULL passing, as it
 * should: an unknown condition is skipped.
 */
export function strictlyTrue(condition: Formula | undefined): Formula | undefined {
  return condition?.map((branch) => {
    const read = new Set(
      branch.flatMap((a) => (a.kind === 'null' || a.kind === 'count' ? [] : atomColumns(a))),
    );
    const tested = new Set(branch.flatMap((a) => (a.kind === 'null' ? [a.column] : [])));
    const notNull = [...read]
      .filter((c) => !tested.has(c))
      .map((column) => ({ kind: 'null', column, isNull: false }) as const);
    return [...branch, ...notNull];
  });
}

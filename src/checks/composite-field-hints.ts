/**
 * CHECKs that read fields of a composite value, as a domain over a composite
 * type writes them (`CHECK ((VALUE).hours >= 0 AND (VALUE).minutes BETWEEN 0
 * AND 59)`) or a table CHECK on a composite column (`(c).x > 0`): each
 * `(column).field` is read as a column of its own, so the CHECK compiler
 * gives the field bounds, value lists and lengths, which the composite's
 * generator meets. Such a CHECK is still evaluated on every row (what reads
 * two fields at once, `(VALUE).a < (VALUE).b`, or a pattern on a field, is
 * only met there).
 */
import { applyAtom } from './apply-atom.js';
import { type ColumnHints, type GeneratorHints, generatorHints } from './check-hints.js';
import { compileFormula, type FormulaOptions } from './compile-formula.js';
import { asNode, columnNode, lastName } from './expression-nodes.js';
import { withoutNullBranches } from './formula-null-branches.js';

/** A field of a nested composite's field (`((nested).foo).f1`): the names below the column, joined by this. */
const PATH_SEPARATOR = '\u0000';

/** `(column).field` (or a field of a field: `((column).a).b`, `(column).a.b`) → its names; anything else → undefined. */
function columnField(node: unknown): { column: string; field: string } | undefined {
  const ind = asNode(asNode(node)?.A_Indirection);
  if (!ind) return undefined;
  const names = (Array.isArray(ind.indirection) ? ind.indirection : []).map(
    (p) => asNode(asNode(p)?.String)?.sval,
  );
  if (names.length === 0 || !names.every((n): n is string => typeof n === 'string')) return undefined;
  const ref = asNode(asNode(ind.arg)?.ColumnRef);
  const column = ref ? lastName(ref.fields) : undefined;
  const inner = column === undefined ? columnField(ind.arg) : undefined;
  if (inner) return { column: inner.column, field: [inner.field, ...names].join(PATH_SEPARATOR) };
  return column !== undefined ? { column, field: names.join(PATH_SEPARATOR) } : undefined;
}

/** The name a field is compiled under: `(column).field`, which no column reference spells. */
function fieldColumnName(column: string, field: string): string {
  return `(${column}).${field}`;
}

/** `(column).field` back to its names, for a name `withFieldColumns` made (`field`: the names joined by NUL). */
export function splitFieldColumn(name: string): { column: string; field: string } | undefined {
  const m = /^\(([^()]*)\)\.(.*)$/s.exec(name);
  return m ? { column: m[1] as string, field: m[2] as string } : undefined;
}

/** Hints at a path of fields below `owner` (`['foo', 'f1']`: `fields.foo.fields.f1`), merged with what is there. */
function withFieldAt(owner: GeneratorHints, path: readonly string[], field: GeneratorHints): GeneratorHints {
  const [name, ...rest] = path;
  if (name === undefined) return { ...owner, ...field };
  const below = owner.fields?.[name] ?? {};
  return { ...owner, fields: { ...owner.fields, [name]: withFieldAt(below, rest, field) } };
}

/** A copy of the AST with every `(column).field` a column reference of its own; `found` says whether one was. */
export function withFieldColumns(node: unknown, found: { any: boolean }): unknown {
  const ref = columnField(node);
  if (ref !== undefined) {
    found.any = true;
    return columnNode(fieldColumnName(ref.column, ref.field));
  }
  if (Array.isArray(node)) return node.map((n) => withFieldColumns(n, found));
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = withFieldColumns(v, found);
  return out;
}

/**
 * A conjunct that reads composite fields (`(VALUE).hours >= 0`): its bounds on
 * each field as hints of a column named `(column).field` (`foldFieldHints`
 * moves them into the column's `fields`). The conjunct is not compiled for
 * anything else: the caller still evaluates it on every row.
 */
export function fieldBounds(
  ast: unknown,
  readings: FormulaOptions,
  notNull: ReadonlySet<string>,
  hintsOf: (column: string) => ColumnHints,
): void {
  const found = { any: false };
  const rewritten = withFieldColumns(ast, found);
  if (!found.any) return;
  let formula: ReturnType<typeof compileFormula>;
  try {
    formula = withoutNullBranches(compileFormula(rewritten, readings), notNull);
  } catch {
    return; // a constant read differently from PostgreSQL: the row engine's evaluation decides
  }
  if (formula?.length !== 1) return;
  const atoms = formula[0] ?? [];
  for (const atom of atoms) {
    const column = 'column' in atom && typeof atom.column === 'string' ? atom.column : undefined;
    if (atom.kind === 'relation' || column === undefined || !splitFieldColumn(column)) continue;
    applyAtom(hintsOf, atom);
  }
  // `(VALUE).a < (VALUE).b` with a bounded from below and b from above: each inside the other's bound too.
  for (const atom of atoms) {
    if (atom.kind !== 'relation' || atom.offset !== undefined) continue;
    if (!splitFieldColumn(atom.left) || !splitFieldColumn(atom.right)) continue;
    const [low, high] =
      atom.op === '<' || atom.op === '<=' ? [atom.left, atom.right] : [atom.right, atom.left];
    if (atom.op !== '<' && atom.op !== '<=' && atom.op !== '>' && atom.op !== '>=') continue;
    const strict = atom.op === '<' || atom.op === '>';
    const lo = hintsOf(low);
    const hi = hintsOf(high);
    if (typeof hi.max === 'number' && (typeof lo.max !== 'number' || hi.max < lo.max)) {
      lo.max = hi.max;
      lo.maxExclusive = strict || hi.maxExclusive === true;
    }
    if (typeof lo.min === 'number' && (typeof hi.min !== 'number' || lo.min > hi.min)) {
      hi.min = lo.min;
      hi.minExclusive = strict || lo.minExclusive === true;
    }
  }
}

/** Hints compiled for `(column).field` moved into the column's `fields`. */
export function foldFieldHints(hints: Map<string, ColumnHints>): void {
  for (const [compiled, h] of [...hints]) {
    const ref = splitFieldColumn(compiled);
    if (!ref) continue;
    hints.delete(compiled);
    const field = generatorHints(h);
    if (Object.keys(field).length === 0) continue;
    let owner = hints.get(ref.column);
    if (!owner) {
      owner = {};
      hints.set(ref.column, owner);
    }
    const [name, ...rest] = ref.field.split(PATH_SEPARATOR) as [string, ...string[]];
    owner.fields = { ...owner.fields, [name]: withFieldAt(owner.fields?.[name] ?? {}, rest, field) };
  }
}

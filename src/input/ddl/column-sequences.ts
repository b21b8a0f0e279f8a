/**
 * Serial and identity columns written as pg_dump writes them: the column
 * in CREATE TABLE is a plain `integer NOT NULL`, and its sequence gets its
 * own statements, each a TOC entry of its own:
 *
 *   serial     SEQUENCE (CREATE SEQUENCE), SEQUENCE OWNED BY, DEFAULT (nextval)
 *   identity   SEQUENCE (ALTER TABLE … ADD GENERATED … AS IDENTITY (SEQUENCE NAME …))
 *
 * so `pg_restore -l/-L/-t`, `--clean` and SEQUENCE SET see what they see in
 * pg_dump's archive (pg_dump.c, dumpSequence and dumpAttrDef). Another
 * column's DEFAULT that calls such a sequence (graph-node's `name varchar
 * DEFAULT 'sgd' || currval('deployment_schemas_id_seq')`) is a DEFAULT entry
 * after it too, as pg_dump separates it: in CREATE TABLE it names a sequence
 * not made yet.
 */
import type { ColumnDef, Node } from 'libpg-query';
import type { QualifiedName, Sequence } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { quoteIdent, quoteLiteral, quoteQualified } from '../../schema/quote.js';
import { deparseNode, walkAst } from './ast.js';
import type { DdlContext, SourceStatement } from './ddl-context.js';
import type { ColumnDraft, TableDraft } from './schema-builder.js';
import { objectKey } from './statement-list.js';

/** A column whose sequence is written after its table. */
export interface ColumnSequence {
  readonly column: string;
  readonly kind: 'serial' | 'identity';
  readonly identity: 'always' | 'by-default' | null;
  readonly sequence: QualifiedName;
}

/** pg_dump leaves out `AS bigint`, the default. */
const SEQUENCE_TYPES: Readonly<Record<string, string>> = {
  int2: 'smallint',
  smallint: 'smallint',
  int4: 'integer',
  integer: 'integer',
  int: 'integer',
};

/**
 * Rewrite a column definition kept in CREATE TABLE when its sequence is to be
 * written apart: serial → its integer type, identity taken out; NOT NULL
 * stays. Returns what to write after the table, or null to keep the column
 * as written (a partition's column, a column merged into an inherited one,
 * identity on a partitioned table).
 */
export function takeOutColumnSequence(
  table: TableDraft,
  column: ColumnDraft,
  def: ColumnDef,
  keep: Node[],
  serial: boolean,
): ColumnSequence | null {
  if (table.partitionOf !== null || column.sequence === null) return null;
  const identity = keep.some((n) => 'Constraint' in n && n.Constraint.contype === 'CONSTR_IDENTITY');
  if (!serial && !(identity && table.partitionBy === null)) return null;
  if (serial) {
    def.typeName = {
      names: [{ String: { sval: 'pg_catalog' } }, { String: { sval: column.type.name } }],
      typemod: -1,
    };
  }
  const rest = keep.filter((n) => !('Constraint' in n && n.Constraint.contype === 'CONSTR_IDENTITY'));
  keep.length = 0;
  keep.push(...rest);
  if (!keep.some((n) => 'Constraint' in n && n.Constraint.contype === 'CONSTR_NOTNULL'))
    keep.push({ Constraint: { contype: 'CONSTR_NOTNULL' } });
  return {
    column: column.name,
    kind: serial ? 'serial' : 'identity',
    identity: column.identity,
    sequence: column.sequence,
  };
}

/** A DEFAULT taken out of CREATE TABLE because it calls one of the table's own sequences, written after them. */
export interface SequenceDefault {
  readonly column: string;
  readonly expr: Node;
  readonly sequences: readonly QualifiedName[];
}

/** The table's own sequences an expression calls (`nextval`, `currval`, `setval`). */
function ownSequencesCalled(ctx: DdlContext, expr: Node, own: readonly ColumnSequence[]): QualifiedName[] {
  const found: QualifiedName[] = [];
  walkAst(expr, (key, node) => {
    if (key !== 'FuncCall' && !('FuncCall' in node)) return;
    const sequence = 'FuncCall' in node ? ctx.calledSequence(node as Node) : null;
    if (sequence === null) return;
    const k = nameKey(sequence);
    if (own.some((c) => nameKey(c.sequence) === k) && !found.some((q) => nameKey(q) === k))
      found.push(sequence);
  });
  return found;
}

/**
 * Take out of the kept column definitions each DEFAULT that calls one of the table's own sequences (written
 * after the table, so not there yet when CREATE TABLE runs); returns them, to be written after the sequences.
 */
export function takeOutSequenceDefaults(
  ctx: DdlContext,
  kept: readonly Node[],
  own: readonly ColumnSequence[],
): SequenceDefault[] {
  const out: SequenceDefault[] = [];
  if (own.length === 0) return out;
  for (const element of kept) {
    if (!('ColumnDef' in element)) continue;
    const def = element.ColumnDef;
    const constraints = def.constraints ?? [];
    const i = constraints.findIndex((n) => 'Constraint' in n && n.Constraint.contype === 'CONSTR_DEFAULT');
    const c = constraints[i];
    const expr = c !== undefined && 'Constraint' in c ? c.Constraint.raw_expr : undefined;
    if (expr === undefined) continue;
    const sequences = ownSequencesCalled(ctx, expr, own);
    if (sequences.length === 0) continue;
    out.push({ column: def.colname ?? '', expr, sequences });
    const rest = constraints.filter((_, j) => j !== i);
    if (rest.length > 0) def.constraints = rest;
    else delete def.constraints;
  }
  return out;
}

/** The separate DEFAULT entries of `takeOutSequenceDefaults`, after the sequences they call. */
export function addSequenceDefaultStatements(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  defaults: readonly SequenceDefault[],
): void {
  for (const d of defaults) {
    ctx.out.add({
      desc: 'DEFAULT',
      group: 0,
      namespace: q.schema,
      tag: `${q.name} ${d.column}`,
      sql: `ALTER TABLE ONLY ${quoteQualified(q)} ALTER COLUMN ${quoteIdent(d.column)} SET DEFAULT (${deparseNode(d.expr)})`,
      tables: [q],
      location: stmt.location,
      references: d.sequences.map((s) => ({ family: 'relation', schema: s.schema, name: s.name })),
    });
  }
}

/** The sequence options as pg_dump prints them, one per line. */
function sequenceOptions(seq: Sequence): string[] {
  const ascending = seq.increment > 0n;
  const start = seq.start ?? (ascending ? (seq.minValue ?? 1n) : (seq.maxValue ?? -1n));
  return [
    `START WITH ${start}`,
    `INCREMENT BY ${seq.increment}`,
    seq.minValue === null ? 'NO MINVALUE' : `MINVALUE ${seq.minValue}`,
    seq.maxValue === null ? 'NO MAXVALUE' : `MAXVALUE ${seq.maxValue}`,
    `CACHE ${seq.cache ?? 1n}`,
    ...(seq.cycle ? ['CYCLE'] : []),
  ];
}

/** Add the statements of columns whose sequence is written after the table `q`. */
export function addColumnSequenceStatements(
  ctx: DdlContext,
  stmt: SourceStatement,
  q: QualifiedName,
  columns: readonly ColumnSequence[],
  unlogged: boolean,
): void {
  const table = quoteQualified(q);
  for (const c of columns) {
    const seq = ctx.builder.sequences.get(nameKey(c.sequence));
    if (seq === undefined) continue;
    const name = quoteQualified(c.sequence);
    const base = {
      group: 0 as const,
      tables: [q],
      location: stmt.location,
    };
    const creates = objectKey('relation', seq.schema, seq.name);
    if (c.kind === 'identity') {
      const when = c.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT';
      const options = [`SEQUENCE NAME ${name}`, ...sequenceOptions(seq)].map((o) => `    ${o}`).join('\n');
      ctx.out.add({
        ...base,
        desc: 'SEQUENCE',
        namespace: seq.schema,
        tag: seq.name,
        sql: `ALTER TABLE ${table} ALTER COLUMN ${quoteIdent(c.column)} ADD GENERATED ${when} AS IDENTITY (\n${options}\n)`,
        creates,
      });
      continue;
    }
    const type = SEQUENCE_TYPES[seq.dataType];
    const lines = [...(type === undefined ? [] : [`AS ${type}`]), ...sequenceOptions(seq)];
    ctx.out.add({
      ...base,
      desc: 'SEQUENCE',
      namespace: seq.schema,
      tag: seq.name,
      // An unlogged table's serial sequence is unlogged too (PostgreSQL 15+, as pg_dump writes it).
      sql: `CREATE ${unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${name}\n${lines.map((l) => `    ${l}`).join('\n')}`,
      creates,
    });
    ctx.out.add({
      ...base,
      desc: 'SEQUENCE OWNED BY',
      namespace: seq.schema,
      tag: seq.name,
      sql: `ALTER SEQUENCE ${name} OWNED BY ${table}.${quoteIdent(c.column)}`,
    });
    ctx.out.add({
      ...base,
      desc: 'DEFAULT',
      namespace: q.schema,
      tag: `${q.name} ${c.column}`,
      sql: `ALTER TABLE ONLY ${table} ALTER COLUMN ${quoteIdent(c.column)} SET DEFAULT nextval(${quoteLiteral(name)}::regclass)`,
      references: [{ family: 'relation', schema: seq.schema, name: seq.name }],
    });
  }
}

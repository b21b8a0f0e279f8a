/**
 * Sequences: CREATE SEQUENCE, ALTER SEQUENCE, and the implicit ones behind
 * serial and identity columns.
 */
import type { CreateSeqStmt, Node } from 'libpg-query';
import type { SourceLocation } from '../../errors.js';
import type { QualifiedName, Sequence } from '../../schema/model.js';
import { displayName, nameKey } from '../../schema/names.js';
import { quoteIdent } from '../../schema/quote.js';
import { bigintOf, listItems, stringsOf } from './ast.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { noteRelationUsed } from './relations-read.js';
import { refusedSequenceOptions } from './sequence-bounds.js';
import { objectKey } from './statement-list.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Apply sequence options (`AS`, `START`, `INCREMENT`, `MINVALUE`, `MAXVALUE`, `CYCLE`, `OWNED BY`). */
export function applySequenceOptions(
  ctx: DdlContext,
  sequence: Mutable<Sequence>,
  options: readonly Node[],
  /** The statement's place: an OWNED BY (or parameters) PostgreSQL refuses is a problem there. */
  location?: SourceLocation,
  init = false,
): void {
  const refused = refusedSequenceOptions(sequence, sequence.dataType, options, init);
  if (refused !== undefined && location !== undefined)
    ctx.builder.problems.push({
      location,
      message: `sequence ${displayName(sequence)}: PostgreSQL refuses its parameters ("${refused}"); give START, MINVALUE and MAXVALUE that fit the sequence's type with MINVALUE below MAXVALUE, START between them and a non-zero INCREMENT`,
    });
  for (const o of options) {
    if (!('DefElem' in o)) continue;
    const { defname, arg } = o.DefElem;
    switch (defname) {
      case 'as':
        if (arg !== undefined && 'TypeName' in arg)
          sequence.dataType = stringsOf(arg.TypeName.names).at(-1) ?? 'int8';
        break;
      case 'start':
        sequence.start = bigintOf(arg);
        break;
      case 'increment':
        sequence.increment = bigintOf(arg) ?? 1n;
        break;
      case 'minvalue':
        sequence.minValue = bigintOf(arg);
        break;
      case 'maxvalue':
        sequence.maxValue = bigintOf(arg);
        break;
      case 'cache':
        sequence.cache = bigintOf(arg);
        break;
      case 'cycle':
        sequence.cycle = arg === undefined || ('Boolean' in arg && arg.Boolean.boolval === true);
        break;
      case 'owned_by': {
        const parts = stringsOf(listItems(arg));
        if (parts.length === 1 && parts[0] === 'none') sequence.ownedBy = null;
        else if (parts.length >= 2) {
          const column = parts.at(-1) ?? '';
          const table = ctx.resolveRelation(ownerRelation(parts));
          sequence.ownedBy = { table, column };
          if (location !== undefined) checkOwnedBy(ctx, parts, table, column, location);
        }
        break;
      }
      default:
        break;
    }
  }
}

/**
 * OWNED BY names `table.column`: a known table without that column, or a
 * known `schema.table` with no column after it, is what PostgreSQL refuses
 * ("column does not exist", "relation does not exist"); a table the DDL
 * does not make is left to the database.
 */
function checkOwnedBy(
  ctx: DdlContext,
  parts: readonly string[],
  table: QualifiedName,
  column: string,
  location: SourceLocation,
): void {
  const known = ctx.builder.tables.get(nameKey(table));
  const named = parts.join('.');
  if (known !== undefined) {
    if (known.columns.some((c) => c.name === column)) return;
    ctx.builder.problems.push({
      location,
      message: `OWNED BY ${named}: table ${displayName(table)} has no column ${quoteIdent(column)}; name one of its columns (OWNED BY ${displayName(table)}.column) or write OWNED BY NONE`,
    });
    return;
  }
  const asTable = parts.length === 2 ? { schema: parts[0] ?? '', name: parts[1] ?? '' } : null;
  if (asTable !== null && ctx.builder.tables.has(nameKey(asTable))) {
    ctx.builder.problems.push({
      location,
      message: `OWNED BY ${named} names a table, not a column (PostgreSQL reads it as table ${parts[0]}, column ${parts[1]}); write OWNED BY ${named}.column or OWNED BY NONE`,
    });
    return;
  }
  noteRelationUsed(ctx, `OWNED BY ${named}`, ownerRelation(parts), location);
}

/** The table of `OWNED BY [schema.]table.column`. */
function ownerRelation(parts: readonly string[]): { relname: string; schemaname?: string } {
  return { relname: parts.at(-2) ?? '', ...(parts.length >= 3 ? { schemaname: parts.at(-3) ?? '' } : {}) };
}

/** Register a sequence in the model (and its name in the schema); returns its name. */
export function addSequence(
  ctx: DdlContext,
  spec: {
    schema: string;
    name: string;
    dataType: string;
    options: readonly Node[];
    ownedBy: Sequence['ownedBy'];
    location?: SourceLocation;
  },
): QualifiedName {
  const sequence: Mutable<Sequence> = {
    kind: 'sequence',
    schema: spec.schema,
    name: spec.name,
    dataType: spec.dataType,
    start: null,
    increment: 1n,
    minValue: null,
    maxValue: null,
    cycle: false,
    cache: null,
    ownedBy: spec.ownedBy,
  };
  applySequenceOptions(ctx, sequence, spec.options, spec.location, true);
  ctx.names.addRelation(spec.schema, spec.name);
  ctx.builder.sequences.set(nameKey(sequence), sequence);
  return { schema: spec.schema, name: spec.name };
}

/** CREATE SEQUENCE. */
export function createSequence(ctx: DdlContext, stmt: SourceStatement, node: CreateSeqStmt): void {
  const q = ctx.createdName(node.sequence ?? {});
  if (node.if_not_exists !== true && ctx.builder.sequences.has(nameKey(q)))
    ctx.builder.problems.push({
      location: stmt.location,
      message: `CREATE SEQUENCE ${displayName(q)}: the sequence is already defined earlier in the DDL, and PostgreSQL rejects a second definition (relation "${q.name}" already exists); remove one (or write CREATE SEQUENCE IF NOT EXISTS)`,
    });
  addSequence(ctx, {
    ...q,
    dataType: 'int8',
    options: node.options ?? [],
    ownedBy: null,
    location: stmt.location,
  });
  addAsWritten(ctx, stmt, {
    desc: 'SEQUENCE',
    namespace: q.schema,
    tag: q.name,
    creates: objectKey('relation', q.schema, q.name),
  });
}

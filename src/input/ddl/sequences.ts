/**
 * Sequences: CREATE SEQUENCE, ALTER SEQUENCE, and the implicit ones behind
 * serial and identity columns.
 */
import type { CreateSeqStmt, Node } from 'libpg-query';
import type { QualifiedName, Sequence } from '../../schema/model.js';
import { nameKey } from '../../schema/names.js';
import { bigintOf, listItems, stringsOf } from './ast.js';
import { addAsWritten, type DdlContext, type SourceStatement } from './ddl-context.js';
import { objectKey } from './statement-list.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Apply sequence options (`AS`, `START`, `INCREMENT`, `MINVALUE`, `MAXVALUE`, `CYCLE`, `OWNED BY`). */
export function applySequenceOptions(
  ctx: DdlContext,
  sequence: Mutable<Sequence>,
  options: readonly Node[],
): void {
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
          const table = ctx.resolveRelation({
            relname: parts.at(-2) ?? '',
            ...(parts.length >= 3 ? { schemaname: parts.at(-3) ?? '' } : {}),
          });
          sequence.ownedBy = { table, column };
        }
        break;
      }
      default:
        break;
    }
  }
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
  applySequenceOptions(ctx, sequence, spec.options);
  ctx.names.addRelation(spec.schema, spec.name);
  ctx.builder.sequences.set(nameKey(sequence), sequence);
  return { schema: spec.schema, name: spec.name };
}

/** CREATE SEQUENCE. */
export function createSequence(ctx: DdlContext, stmt: SourceStatement, node: CreateSeqStmt): void {
  const q = ctx.createdName(node.sequence ?? {});
  addSequence(ctx, { ...q, dataType: 'int8', options: node.options ?? [], ownedBy: null });
  addAsWritten(ctx, stmt, {
    desc: 'SEQUENCE',
    namespace: q.schema,
    tag: q.name,
    creates: objectKey('relation', q.schema, q.name),
  });
}

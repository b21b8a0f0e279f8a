/**
 * A Parquet file's footer kept as its row groups are placed: each group's
 * metadata (a RowGroup struct, Thrift compact protocol) encoded when the
 * group is appended, as hyparquet-writer's `writeMetadata` encodes it, and
 * kept as those bytes; the footer is the file's metadata with the groups'
 * bytes spliced in as its `row_groups` list (field 4). The writer's own
 * `finish` held every group's column chunks as objects (BigInt offsets,
 * statistics, ~0.7 KiB a chunk) until the end and built a second tree of
 * them to encode: TPC-H at --size 500MB (lineitem ~1,600 groups of 16
 * chunks) peaked 30-37 MiB above --size 100MB. A group some of whose chunks
 * hyparquet-writer wrote (arrays, json, uuid, ...) has page indexes whose
 * offsets `writeIndexes` sets at the end: it is kept as objects and encoded
 * then. The bytes are the writer's own `finish`'s. A group is encoded by
 * parquet-row-group-thrift.ts once the file's first group encoded both ways
 * gave the same bytes (by hyparquet-writer otherwise, and for the groups that
 * module leaves to it).
 */
import type { ParquetWriter } from 'hyparquet-writer';
import { hyparquet } from './hyparquet-module.js';
import { rowGroupThrift } from './parquet-row-group-thrift.js';

type RowGroup = ParquetWriter['row_groups'][number];
type SchemaElement = ParquetWriter['schema'][number];

/** Compact protocol: field 4 after field 3 (delta 1) of type LIST, and a list's element type STRUCT. */
const FIELD_4_LIST = 0x19;
const STRUCT = 0x0c;
/** "PAR1", the file's last four bytes. */
const MAGIC = 0x31524150;

/** Where the encoded metadata splits around its row groups: bytes after the list up to the length word. */
interface Split {
  readonly suffix: Uint8Array;
}

export class ParquetFooter {
  /** The groups in order: encoded, or kept as objects (their page index offsets set at the end). */
  private readonly groups: (Uint8Array | RowGroup)[] = [];
  private split: Split | undefined;
  /** The metadata of no groups and no rows (what each group's is compared with). */
  private empty: Uint8Array | undefined;
  /** Whether rowGroupThrift encodes this file's groups: undefined until its first group compared both ways. */
  private direct: boolean | undefined;
  private readonly elements = new Map<string, SchemaElement>();

  constructor(private readonly parquet: ParquetWriter) {
    const schema = parquet.schema;
    // The top-level columns (a LIST's children skipped): rowGroupThrift's flat columns by name.
    for (let i = 1; i < schema.length; ) {
      const element = schema[i]!;
      this.elements.set(element.name, element);
      let skip = element.num_children ?? 0;
      for (i++; skip > 0; i++) skip += (schema[i]!.num_children ?? 0) - 1;
    }
  }

  /** True once the file's groups are encoded by parquet-row-group-thrift.ts (its first group gave hyparquet-writer's bytes). */
  get encodesDirectly(): boolean {
    return this.direct === true;
  }

  /** The group as the file's next; `later`: encoded at the end (its chunks' index offsets not known yet). */
  add(group: RowGroup, later: boolean): void {
    this.groups.push(later ? group : this.encoded(group));
  }

  /** The file's metadata with these row groups and rows, encoded with its length word. */
  private metadata(rowGroups: RowGroup[], rows: bigint): Uint8Array {
    const { ByteWriter, writeMetadata } = hyparquet();
    const writer = new ByteWriter();
    const parquet = this.parquet;
    writeMetadata(
      writer,
      {
        version: 2,
        created_by: parquet.createdBy,
        schema: parquet.schema,
        num_rows: rows,
        row_groups: rowGroups,
        ...(parquet.kvMetadata === undefined ? {} : { key_value_metadata: parquet.kvMetadata }),
      } as Parameters<typeof writeMetadata>[1],
      parquet.statisticsTruncateLength,
    );
    return writer.getBytes();
  }

  /** A group's RowGroup struct bytes. */
  private encoded(group: RowGroup): Uint8Array {
    if (this.direct === false) return this.written(group);
    const direct = rowGroupThrift(
      group,
      (name) => this.elements.get(name),
      this.parquet.statisticsTruncateLength,
    );
    if (direct === undefined) return this.written(group);
    if (this.direct === undefined) {
      const written = this.written(group);
      this.direct = Buffer.from(direct).equals(written);
      return written;
    }
    return direct;
  }

  /** A group's RowGroup struct bytes by hyparquet-writer: the metadata of it alone, less the metadata of none around it. */
  private written(group: RowGroup): Uint8Array {
    this.empty ??= this.metadata([], 0n);
    const none = this.empty;
    const one = this.metadata([group], 0n);
    let at = 0;
    while (at < none.length && none[at] === one[at]) at++;
    // At `at`: the empty list's header (0: no elements, no type) against one struct's (1 << 4 | STRUCT).
    const suffixLength = none.length - 4 - (at + 1);
    const suffix = none.subarray(at + 1, none.length - 4);
    const end = one.length - 4 - suffixLength;
    if (none[at - 1] !== FIELD_4_LIST || none[at] !== 0 || one[at] !== (0x10 | STRUCT) || end <= at)
      throw new Error('hyparquet-writer encoded the row groups where parquet-footer.ts does not expect them');
    if (!Buffer.from(one.subarray(end, one.length - 4)).equals(suffix))
      throw new Error(
        'hyparquet-writer encoded the metadata after the row groups differently with one group',
      );
    this.split ??= { suffix: suffix.slice() };
    return one.slice(at + 1, end);
  }

  /** The page indexes, bloom filters, metadata and magic after the last group, into the file's writer. */
  finish(): void {
    const parquet = this.parquet;
    const writer = parquet.writer;
    const { writeIndexes, writeBlooms } = hyparquet();
    writeIndexes(writer, parquet.pendingIndexes);
    writeBlooms(writer, parquet.pendingIndexes);
    const groups = this.groups.map((g) => (g instanceof Uint8Array ? g : this.encoded(g)));
    const none = this.metadata([], parquet.num_rows);
    if (this.split === undefined) writer.appendBytes(none);
    else {
      // The metadata of no groups: fields 1-3, field 4's header, the empty list's header (0), the suffix.
      const prefixEnd = none.length - 4 - this.split.suffix.length - 1;
      const start = writer.offset;
      writer.appendBytes(none.subarray(0, prefixEnd));
      if (groups.length > 14) {
        writer.appendUint8(0xf0 | STRUCT);
        writer.appendVarInt(groups.length);
      } else writer.appendUint8((groups.length << 4) | STRUCT);
      for (const group of groups) writer.appendBytes(group);
      writer.appendBytes(none.subarray(prefixEnd + 1, none.length - 4));
      writer.appendUint32(writer.offset - start);
    }
    writer.appendUint32(MAGIC);
  }
}

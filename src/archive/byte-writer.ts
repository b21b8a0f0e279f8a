/**
 * A growing byte buffer with pg_dump's primitive encodings (WriteInt,
 * WriteStr, WriteOffset in pg_backup_archiver.c / pg_backup_custom.c), for an
 * archive with intSize 4 and offSize 8.
 */

/** `K_OFFSET_POS_NOT_SET`: the entry has data, its position is unknown (streamed output). */
export const K_OFFSET_POS_NOT_SET = 1;
/** `K_OFFSET_POS_SET`: the entry has data at the absolute position that follows. */
export const K_OFFSET_POS_SET = 2;
/** `K_OFFSET_NO_DATA`: the entry has no data block. */
export const K_OFFSET_NO_DATA = 3;

export type OffsetFlag = typeof K_OFFSET_POS_NOT_SET | typeof K_OFFSET_POS_SET | typeof K_OFFSET_NO_DATA;

export interface ByteWriter {
  readonly length: number;
  byte(value: number): void;
  bytes(value: Uint8Array): void;
  /** WriteInt: a sign byte, then the magnitude in 4 bytes, least significant first. */
  int(value: number): void;
  /** WriteStr: int byte length then the bytes (UTF-8 unless told); null is the int -1 with nothing after it. */
  str(value: string | null): void;
  /** WriteOffset: a flag byte, then 8 bytes of position, least significant first (always present). */
  offset(flag: OffsetFlag, position: number): void;
  /** The bytes written so far (a view, valid until the next write). */
  view(): Uint8Array;
}

const encoder = new TextEncoder();

/** Create an empty writer; `encode` gives a string's bytes (default UTF-8). */
export function createByteWriter(
  initialSize = 4096,
  encode: (text: string) => Uint8Array = (text) => encoder.encode(text),
): ByteWriter {
  let buf = new Uint8Array(initialSize);
  let view = new DataView(buf.buffer);
  let length = 0;

  const ensure = (extra: number): void => {
    if (length + extra <= buf.length) return;
    let size = buf.length * 2;
    while (size < length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(buf.subarray(0, length));
    buf = next;
    view = new DataView(buf.buffer);
  };

  const writer: ByteWriter = {
    get length() {
      return length;
    },
    byte(value) {
      ensure(1);
      buf[length++] = value & 0xff;
    },
    bytes(value) {
      ensure(value.length);
      buf.set(value, length);
      length += value.length;
    },
    int(value) {
      if (!Number.isInteger(value) || Math.abs(value) > 0xffffffff) {
        throw new RangeError(`archive int out of range: ${value}`);
      }
      ensure(5);
      buf[length] = value < 0 ? 1 : 0;
      view.setUint32(length + 1, Math.abs(value), true);
      length += 5;
    },
    str(value) {
      if (value === null) {
        writer.int(-1);
        return;
      }
      const encoded = encode(value);
      writer.int(encoded.length);
      writer.bytes(encoded);
    },
    offset(flag, position) {
      ensure(9);
      buf[length] = flag;
      view.setBigUint64(length + 1, BigInt(position), true);
      length += 9;
    },
    view() {
      return buf.subarray(0, length);
    },
  };
  return writer;
}

/**
 * The rows a table file holds, counted from its bytes for `datagen verify`
 * (a manifest whose row counts, sizes and SHA-256 were edited together, or a
 * chunk swapped for another valid one with its entry, is told): CSV records
 * (a quoted field's line ends are inside it; the header, where the file has
 * one, not counted), JSON Lines lines, a Parquet footer's `num_rows`. Read as
 * a stream, gzip and zstd decoded on the way (zstd a frame at a time, each no
 * larger than datagen writes), so memory stays bounded for files of any size.
 */

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { loadZstdDecoder, ZSTD_FRAME_BYTES } from '../encode/zstd.js';

/** A file's rows, or why they cannot be counted. */
export type FileRowCount = { readonly rows: number } | { readonly problem: string };

/** Counts the rows of the table file `path` (named as datagen names them: `.csv`, `.jsonl`, `.parquet`, `.gz`/`.zst`). */
export async function countFileRows(path: string, name: string, header: boolean): Promise<FileRowCount> {
  const compression = name.endsWith('.gz') ? 'gzip' : name.endsWith('.zst') ? 'zstd' : undefined;
  const bare = compression === undefined ? name : name.slice(0, name.lastIndexOf('.'));
  try {
    if (bare.endsWith('.parquet')) return { rows: await parquetRows(path) };
    const csv = bare.endsWith('.csv');
    if (!csv && !bare.endsWith('.jsonl')) return { problem: 'not a .csv, .jsonl or .parquet file' };
    const counter = new RecordCounter(csv);
    for await (const chunk of decoded(path, compression)) counter.push(chunk);
    const records = counter.end();
    return { rows: csv && header ? Math.max(0, records - 1) : records };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

/** The file's bytes, decompressed. */
function decoded(path: string, compression: 'gzip' | 'zstd' | undefined): AsyncIterable<Buffer> {
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  if (compression === 'zstd') return zstdDecoded(file);
  if (compression === undefined) return file;
  // A read error or a broken stream ends the iteration with it (pipeline destroys the gunzip stream with it).
  return pipeline(file, createGunzip(), () => {});
}

/** Line ends that end a record: in CSV, not those inside a quoted field; a last line without its end counts too. */
class RecordCounter {
  private records = 0;
  private quoted = false;
  private open = false;

  constructor(private readonly csv: boolean) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let at = 0;
    let quote = this.csv ? chunk.indexOf(0x22) : -1;
    let line = chunk.indexOf(0x0a);
    while (at < chunk.length) {
      if (this.quoted) {
        if (quote < 0) break;
        this.quoted = false;
        at = quote + 1;
        quote = chunk.indexOf(0x22, at);
        if (line >= 0 && line < at) line = chunk.indexOf(0x0a, at);
        continue;
      }
      if (line >= 0 && (quote < 0 || line < quote)) {
        this.records++;
        at = line + 1;
        line = chunk.indexOf(0x0a, at);
      } else if (quote >= 0) {
        this.quoted = true;
        at = quote + 1;
        quote = chunk.indexOf(0x22, at);
      } else break;
    }
    this.open = this.quoted || chunk[chunk.length - 1] !== 0x0a;
  }

  end(): number {
    return this.records + (this.open ? 1 : 0);
  }
}

/** A zstd file's frames decompressed one at a time (none larger than datagen writes, so a hostile header cannot ask for gigabytes). */
async function* zstdDecoded(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const zstd = await loadZstdDecoder();
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    for (let size = frameSize(pending); size !== undefined; size = frameSize(pending)) {
      yield Buffer.from(zstd.decompress(pending.subarray(0, size)));
      pending = pending.subarray(size);
    }
    if (pending.length > 2 * ZSTD_FRAME_BYTES) throw new Error('a zstd frame larger than datagen writes');
  }
  if (pending.length > 0) throw new Error('the zstd data ends inside a frame (truncated)');
}

/** The length of the zstd frame `data` starts with (undefined while incomplete); throws for anything but a frame datagen writes. */
function frameSize(data: Buffer): number | undefined {
  if (data.length < 6) return undefined;
  if (data.readUInt32LE(0) !== 0xfd2fb528) throw new Error('not zstd data (no frame magic number)');
  const descriptor = data[4] as number;
  const contentFlag = descriptor >> 6;
  const single = (descriptor >> 5) & 1;
  const dictionary = [0, 1, 2, 4][descriptor & 3] as number;
  const contentBytes = [single, 2, 4, 8][contentFlag] as number;
  let at = 5 + (single ? 0 : 1) + dictionary;
  if (data.length < at + contentBytes) return undefined;
  const content =
    contentBytes === 0
      ? undefined
      : contentBytes === 1
        ? (data[at] as number)
        : contentBytes === 2
          ? data.readUInt16LE(at) + 256
          : contentBytes === 4
            ? data.readUInt32LE(at)
            : Number(data.readBigUInt64LE(at));
  if (content === undefined || content > ZSTD_FRAME_BYTES)
    throw new Error('a zstd frame datagen does not write (no content size, or larger than its frames)');
  at += contentBytes;
  for (;;) {
    if (data.length < at + 3) return undefined;
    const block = data.readUIntLE(at, 3);
    at += 3 + (((block >> 1) & 3) === 1 ? 1 : block >>> 3);
    if (block & 1) break;
  }
  at += descriptor & 4 ? 4 : 0;
  return data.length < at ? undefined : at;
}

/** A Parquet file's `num_rows` (FileMetaData field 3), read from its footer. */
async function parquetRows(path: string): Promise<number> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tail = Buffer.alloc(8);
    if (
      size < 12 ||
      (await file.read(tail, 0, 8, size - 8)).bytesRead !== 8 ||
      tail.toString('latin1', 4) !== 'PAR1'
    )
      throw new Error('not a Parquet file (no PAR1 footer)');
    const length = tail.readUInt32LE(0);
    if (length > size - 12 || length > 1 << 26) throw new Error('its Parquet footer length is out of range');
    const metadata = Buffer.alloc(length);
    await file.read(metadata, 0, length, size - 8 - length);
    return thriftNumRows(metadata);
  } finally {
    await file.close();
  }
}

/** FileMetaData's field 3 (num_rows, i64) in Thrift's compact protocol, the fields before it skipped. */
function thriftNumRows(data: Buffer): number {
  const reader = new CompactReader(data);
  let field = 0;
  for (;;) {
    const head = reader.byte();
    if (head === 0) throw new Error('its Parquet footer has no num_rows');
    const delta = head >> 4;
    field = delta === 0 ? reader.zigzag() : field + delta;
    const type = head & 15;
    if (field === 3 && type === 6) return reader.zigzag();
    reader.skip(type);
  }
}

class CompactReader {
  private at = 0;
  constructor(private readonly data: Buffer) {}

  byte(): number {
    if (this.at >= this.data.length) throw new Error('its Parquet footer is cut short');
    return this.data[this.at++] as number;
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let b = this.byte(); ; b = this.byte()) {
      value += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return value;
      if (scale > 2 ** 63) throw new Error('its Parquet footer has a broken number');
    }
  }

  zigzag(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  /** Skips a list's or map's element: a boolean there is a byte of its own. */
  private element(type: number): void {
    if (type === 1 || type === 2) this.byte();
    else this.skip(type);
  }

  /** Skips a value of compact type `type`. */
  skip(type: number): void {
    if (type === 1 || type === 2) return; // a struct field's boolean is in its type
    if (type === 3) this.at += 1;
    else if (type === 4 || type === 5 || type === 6) this.varint();
    else if (type === 7) this.at += 8;
    else if (type === 8) {
      const length = this.varint(); // read before `this.at` is (`this.at += this.varint()` adds to the old place)
      this.at += length;
    } else if (type === 9 || type === 10) {
      const head = this.byte();
      const count = head >> 4 === 15 ? this.varint() : head >> 4;
      for (let i = 0; i < count; i++) this.element(head & 15);
    } else if (type === 11) {
      const count = this.varint();
      const kinds = count > 0 ? this.byte() : 0;
      for (let i = 0; i < count; i++) {
        this.element(kinds >> 4);
        this.element(kinds & 15);
      }
    } else if (type === 12) {
      for (let head = this.byte(); head !== 0; head = this.byte()) {
        if (head >> 4 === 0) this.zigzag();
        this.skip(head & 15);
      }
    } else throw new Error('its Parquet footer is not Thrift compact data');
    if (this.at > this.data.length) throw new Error('its Parquet footer is cut short');
  }
}

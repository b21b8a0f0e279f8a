/**
 * Byte layout of the custom format, checked against an independent and
 * deliberately naive encoder written from the spec (docs/pgdump-custom-format.md
 * §1–§3, §7): plain arrays of numbers, no shared code with the writer.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, inflateSync, crc32 as zlibCrc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveEntry } from '../../src/archive/archive-entry.js';
import { adler32, adler32Combine, crc32Combine } from '../../src/archive/checksum.js';
import { encodeArchiveHeader, encodeArchiveToc } from '../../src/archive/encode-archive-toc.js';
import { writeCustomArchive } from '../../src/archive/write-custom-archive.js';

// --- the independent helper -------------------------------------------------
/** WriteInt: sign byte, then |v| as 4 bytes, least significant first. */
const int = (v: number): number[] => {
  const m = Math.abs(v);
  return [v < 0 ? 1 : 0, m & 0xff, (m >>> 8) & 0xff, (m >>> 16) & 0xff, (m >>> 24) & 0xff];
};
/** WriteStr: int length in UTF-8 bytes then the bytes; NULL is int(-1). */
const str = (s: string | null): number[] =>
  s === null ? int(-1) : [...int(Buffer.byteLength(s)), ...Buffer.from(s)];
/** WriteOffset: flag byte then 8 bytes of position, least significant first. */
const offset = (flag: number, pos: number): number[] => [flag, ...int(pos).slice(1), 0, 0, 0, 0];
const ascii = (s: string): number[] => [...Buffer.from(s, 'latin1')];
// -----------------------------------------------------------------------------

const header = {
  dbname: 'fmt_probe',
  createdAt: new Date(Date.UTC(2026, 10, 23, 8, 41, 57)),
  remoteVersion: '15.18',
  pgDumpVersion: '15.18 (datagen)',
};

const payload = '1\ta@x.org\tAnn\n2\tb@x.org\tBob\\ttab\n3\tc@x.org\t\\N\n';

const dataEntry = (): ArchiveEntry => ({
  dumpId: 7,
  desc: 'TABLE DATA',
  section: 'data',
  namespace: 'public',
  tag: 'author',
  owner: 'postgres',
  defn: null,
  dropStmt: null,
  copyStmt: 'COPY public.author (id, email, name) FROM stdin;\n',
  dependencies: [5],
  data: async function* () {
    yield Buffer.from(payload);
  },
});

const tableEntry: ArchiveEntry = {
  dumpId: 5,
  desc: 'TABLE',
  section: 'pre-data',
  namespace: 'public',
  tag: 'author',
  owner: 'postgres',
  tablespace: '',
  tableam: 'heap',
  defn: 'CREATE TABLE public.author (\n    id integer,\n    email text,\n    name text\n);\n',
  dropStmt: 'DROP TABLE public.author;\n',
  dependencies: [],
  catalogId: { tableoid: 1259, oid: 0 },
};

/** The fields of one TOC entry, spec §3.1, for the two entries above. */
const tocEntryBytes = (e: ArchiveEntry, extra: number[]): number[] => [
  ...int(e.dumpId),
  ...int(e.data === undefined ? 0 : 1),
  ...str(String(e.catalogId?.tableoid ?? 0)),
  ...str(String(e.catalogId?.oid ?? 0)),
  ...str(e.tag),
  ...str(e.desc),
  ...int(e.section === 'pre-data' ? 2 : 3),
  ...str(e.defn),
  ...str(e.dropStmt),
  ...str(e.copyStmt ?? null),
  ...str(e.namespace),
  ...str(e.tablespace ?? null),
  ...str(e.tableam ?? null),
  ...str(e.owner),
  ...str('false'),
  ...e.dependencies.flatMap((d) => str(String(d))),
  ...int(-1),
  ...extra,
];

describe('custom-format byte layout', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'datagen-layout-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('header: magic, version 1.14.0, sizes, format, compression int, UTC struct tm, strings', () => {
    const expected = [
      ...ascii('PGDMP'),
      1,
      14,
      0,
      4, // intSize
      8, // offSize
      1, // archCustom
      ...int(6), // compression: zlib level 6
      ...int(57), // tm_sec
      ...int(41), // tm_min
      ...int(8), // tm_hour
      ...int(23), // tm_mday
      ...int(10), // tm_mon, 0-based: November
      ...int(126), // tm_year: since 1900
      ...int(0), // tm_isdst
      ...str('fmt_probe'),
      ...str('15.18'),
      ...str('15.18 (datagen)'),
    ];
    expect([...encodeArchiveHeader(header, 1, 6)]).toEqual(expected);
    expect(int(-1)).toEqual([1, 1, 0, 0, 0]);
    expect(int(5981)).toEqual([0, 0x5d, 0x17, 0, 0]);
  });

  it('one TOC entry: every field in 1.14 order, dependencies as strings ending in NULL, a 9-byte offset', () => {
    const toc = encodeArchiveToc([dataEntry()], () => ({ kind: 'offset', flag: 2, position: 5981 }));
    expect([...toc]).toEqual([...int(1), ...tocEntryBytes(dataEntry(), offset(2, 5981))]);
    const dirToc = encodeArchiveToc([tableEntry], () => ({ kind: 'file', name: '' }));
    expect([...dirToc]).toEqual([...int(1), ...tocEntryBytes(tableEntry, str(''))]);
  });

  it('a whole uncompressed file: header, TOC with the real offset, one data block ending in \\. and a 0 chunk', async () => {
    const path = join(dir, 'one.dump');
    await writeCustomArchive({
      entries: [tableEntry, dataEntry()],
      header,
      compression: { method: 'none', level: 0 },
      output: path,
      workers: 1,
    });
    const headerBytes = [
      ...ascii('PGDMP'),
      1,
      14,
      0,
      4,
      8,
      1,
      ...int(0),
      ...[57, 41, 8, 23, 10, 126, 0].flatMap(int),
      ...str('fmt_probe'),
      ...str('15.18'),
      ...str('15.18 (datagen)'),
    ];
    const tocLength =
      5 + tocEntryBytes(tableEntry, offset(3, 0)).length + tocEntryBytes(dataEntry(), offset(2, 0)).length;
    const dataStart = headerBytes.length + tocLength;
    const terminated = `${payload}\\.\n\n\n`;
    const expected = [
      ...headerBytes,
      ...int(2),
      ...tocEntryBytes(tableEntry, offset(3, 0)), // K_OFFSET_NO_DATA
      ...tocEntryBytes(dataEntry(), offset(2, dataStart)), // K_OFFSET_POS_SET
      1, // BLK_DATA
      ...int(7),
      ...int(Buffer.byteLength(terminated)),
      ...Buffer.from(terminated),
      ...int(0),
    ];
    expect([...readFileSync(path)]).toEqual(expected);
  });

  it('a gzip data block is one zlib stream (78 xx … adler32) cut into length-prefixed chunks', async () => {
    const path = join(dir, 'z.dump');
    const big = 'x'.repeat(300_000) + payload;
    const entry: ArchiveEntry = {
      ...dataEntry(),
      data: async function* () {
        yield Buffer.from(big);
      },
    };
    await writeCustomArchive({
      entries: [tableEntry, entry],
      header,
      compression: { method: 'gzip', level: 6 },
      output: path,
      workers: 2,
      chunkSize: 64 * 1024, // several independently compressed pieces
    });
    const file = readFileSync(path);
    const start = encodeArchiveHeader(header, 1, 6).length;
    const toc = encodeArchiveToc([tableEntry, entry], () => ({ kind: 'offset', flag: 2, position: 0 }));
    let pos = start + toc.length;
    expect(file[pos]).toBe(1);
    expect([...file.subarray(pos + 1, pos + 6)]).toEqual(int(7));
    pos += 6;
    const chunks: Buffer[] = [];
    for (;;) {
      expect(file[pos]).toBe(0); // sign byte: lengths are positive
      const len = file.readUInt32LE(pos + 1);
      pos += 5;
      if (len === 0) break;
      chunks.push(file.subarray(pos, pos + len));
      pos += len;
    }
    expect(pos).toBe(file.length);
    const stream = Buffer.concat(chunks);
    expect([stream[0], stream[1]]).toEqual([0x78, 0x9c]);
    expect(inflateSync(stream).toString()).toBe(`${big}\\.\n\n\n`);
    expect(stream.readUInt32BE(stream.length - 4)).toBe(adler32(Buffer.from(`${big}\\.\n\n\n`)));
  });

  it('checksums combine like zlib computes them over the whole', () => {
    const a = Buffer.from('hello, '.repeat(10_000));
    const b = Buffer.from('wörld\n'.repeat(7_777));
    const whole = Buffer.concat([a, b]);
    const zlibAdler = deflateSync(whole).readUInt32BE(deflateSync(whole).length - 4);
    expect(adler32(whole)).toBe(zlibAdler);
    expect(adler32Combine(adler32(a), adler32(b), b.length)).toBe(zlibAdler);
    expect(crc32Combine(zlibCrc32(a), zlibCrc32(b), b.length)).toBe(zlibCrc32(whole));
    expect(crc32Combine(zlibCrc32(a), zlibCrc32(Buffer.alloc(0)), 0)).toBe(zlibCrc32(a));
  });
});

/**
 * The character encoding of a DDL script. pg_dump of a database in another
 * encoding writes its bytes in that encoding and says so at the top
 * (`SET client_encoding = 'LATIN1';`, as the classic `world` sample does);
 * psql's `\encoding LATIN1` does the same. Such a script is decoded with the
 * encoding it declares, so names and literals keep their characters (the
 * output is UTF-8, which every server converts from). A script that declares
 * none and is not valid UTF-8 is read as WIN1252 (what such files nearly
 * always are), with a warning at the first byte that is not UTF-8.
 */
import type { Warning } from '../errors.js';

/** PostgreSQL's client encoding names → WHATWG labels (TextDecoder); LATIN1 is Buffer's exact 'latin1'. */
export const DECODERS: Readonly<Record<string, string>> = {
  LATIN2: 'iso-8859-2',
  LATIN3: 'iso-8859-3',
  LATIN4: 'iso-8859-4',
  LATIN5: 'windows-1254',
  LATIN6: 'iso-8859-10',
  LATIN7: 'iso-8859-13',
  LATIN8: 'iso-8859-14',
  LATIN9: 'iso-8859-15',
  LATIN10: 'iso-8859-16',
  ISO_8859_5: 'iso-8859-5',
  ISO_8859_6: 'iso-8859-6',
  ISO_8859_7: 'iso-8859-7',
  ISO_8859_8: 'iso-8859-8',
  WIN866: 'ibm866',
  ALT: 'ibm866',
  WIN874: 'windows-874',
  WIN1250: 'windows-1250',
  WIN1251: 'windows-1251',
  WIN: 'windows-1251',
  WIN1252: 'windows-1252',
  WIN1253: 'windows-1253',
  WIN1254: 'windows-1254',
  WIN1255: 'windows-1255',
  WIN1256: 'windows-1256',
  WIN1257: 'windows-1257',
  WIN1258: 'windows-1258',
  KOI8R: 'koi8-r',
  KOI8: 'koi8-r',
  KOI8U: 'koi8-u',
  EUC_JP: 'euc-jp',
  EUC_JIS_2004: 'euc-jp',
  SJIS: 'shift_jis',
  SHIFT_JIS_2004: 'shift_jis',
  EUC_KR: 'euc-kr',
  UHC: 'euc-kr',
  EUC_CN: 'gbk',
  GBK: 'gbk',
  GB18030: 'gb18030',
  BIG5: 'big5',
};

const UTF8_NAMES = new Set(['UTF8', 'UNICODE', 'SQL_ASCII']);

export interface DecodedSql {
  readonly text: string;
  readonly warning?: Warning;
}

/** The client encoding a script declares first (`SET client_encoding`, `set_config('client_encoding', …)`, `\encoding`), upper case without dashes. */
export function declaredEncoding(ascii: string): string | undefined {
  const m =
    /^[ \t]*SET[ \t]+(?:SESSION[ \t]+)?client_encoding[ \t]*(?:=|TO)[ \t]*'?([A-Za-z0-9_-]+)'?/im.exec(
      ascii,
    ) ??
    /set_config\(\s*'client_encoding'\s*,\s*'([A-Za-z0-9_-]+)'/i.exec(ascii) ??
    /^[ \t]*\\encoding[ \t]+([A-Za-z0-9_-]+)/im.exec(ascii);
  return m?.[1]
    ?.toUpperCase()
    .replace(/-/g, '_')
    .replace(/^UTF_8$/, 'UTF8');
}

/**
 * WIN1252's 0x80-0x9F (U+FFFD where it has none): Node 20's TextDecoder('windows-1252') reads them as the C1
 * controls of latin1, so a file's `’` (0x92) became U+0092.
 */
const WIN1252_HIGH = '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ';

/** Text of bytes in `label` (TextDecoder), WIN1252's own 0x80-0x9F included. */
export function decodeBytes(label: string, bytes: Uint8Array): string {
  const text = new TextDecoder(label).decode(bytes);
  if (label !== 'windows-1252') return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => WIN1252_HIGH[c.charCodeAt(0) - 0x80] as string);
}

/** A script's bytes as text in the encoding it declares (UTF-8 when it declares none). */
export function decodeSql(file: string, bytes: Buffer): DecodedSql {
  const declared = declaredEncoding(bytes.toString('latin1'));
  if (declared === 'LATIN1' || declared === 'ISO_8859_1') return { text: bytes.toString('latin1') };
  const label = declared === undefined ? undefined : DECODERS[declared];
  if (label !== undefined) {
    try {
      return { text: decodeBytes(label, bytes) };
    } catch {
      // This Node has no decoder for it (built without full ICU): read it as UTF-8 below.
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = position(bytes, at);
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    const said =
      declared === undefined || UTF8_NAMES.has(declared)
        ? 'declares no other encoding'
        : `declares ${declared}, which this Node cannot decode`;
    return {
      text: decodeBytes('windows-1252', bytes),
      warning: {
        code: 'NOT_UTF8',
        message: `${file}:${line}:${column}: the file is not valid UTF-8 (byte 0x${byte}) and ${said}, so it was read as WIN1252 (Western European). If it is in another encoding, put its name at the top (e.g. SET client_encoding = 'LATIN2';) or convert it to UTF-8 (iconv -f LATIN2 -t UTF-8 ${file} > schema.utf8.sql)`,
        where: `${file}:${line}:${column}`,
      },
    };
  }
}

/** Decodes one multi-byte sequence at a time for firstInvalidUtf8 (U+FFFD where it is not valid). */
const SEQUENCE_DECODER = new TextDecoder('utf-8');

/** The offset of the first byte that is not part of a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    if (length > 1 && SEQUENCE_DECODER.decode(bytes.subarray(i, i + length)).includes('\uFFFD')) return i;
    i += length;
  }
  return i;
}

/** 1-based line and column (in bytes) of an offset. */
function position(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * UTF-16 text: a byte order mark (FF FE, FE FF), or, without one, text whose
 * first characters are ASCII with a NUL beside each (`C\0R\0`).
 */
export function utf16Of(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const head = bytes.subarray(0, Math.min(bytes.length, 64));
  const evenNul = head.every((b, i) => (i % 2 === 0) === (b === 0));
  const oddNul = head.every((b, i) => (i % 2 === 1) === (b === 0));
  return oddNul ? 'utf-16le' : evenNul ? 'utf-16be' : null;
}

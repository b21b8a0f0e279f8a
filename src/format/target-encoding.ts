/**
 * A direct load (`-d`) into a database whose encoding is a single-byte one
 * (LATIN1, LATIN9, WIN1252, KOI8R, …): the values are made in UTF-8 and a
 * realistic value may hold a character the encoding lacks (fr's `’`, a city
 * `Iași`, any ja name), which failed the whole load ("character with byte
 * sequence … has no equivalent in encoding LATIN1"). Such a character is
 * written as the encoding's nearest one (its letter without the accent
 * `ș` → `s`, a quote or dash as ASCII) or `?`, one character for one, so
 * lengths stay; the load warns per table with the characters and the fix (a
 * UTF8 database). UTF8 and SQL_ASCII hold every value as made. A multi-byte
 * server encoding (EUC_JP, EUC_KR, EUC_CN) is fitted the same way: its
 * characters are read from the WHATWG decoder over the encoding's byte
 * ranges and checked once against the server's own conversion (the two
 * tables differ on a few dozen characters), so COPY's UTF-8 text converts.
 * EUC_TW and MULE_INTERNAL, which Node cannot decode, are left to the server.
 */
import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { DECODERS, decodeBytes } from '../input/text-encoding.js';

/** The WHATWG decoders (input/text-encoding.ts' DECODERS) that read one byte as one character. */
const MULTI_BYTE = new Set(['euc-jp', 'shift_jis', 'euc-kr', 'gbk', 'gb18030', 'big5']);

/** A multi-byte server encoding's byte sequences past ASCII: lead bytes (one each) and trail bytes' range. */
interface ByteRanges {
  readonly label: string;
  readonly leads: readonly (readonly number[])[];
  readonly trail: readonly [number, number];
}
const EUC_ROW = [0xa1, 0xfe] as const;
const euc = (label: string, extra: readonly (readonly number[])[] = []): ByteRanges => ({
  label,
  leads: [...Array.from({ length: 0x5e }, (_, i) => [0xa1 + i]), ...extra],
  trail: EUC_ROW,
});
/** EUC_JP's JIS X 0208 rows, half-width kana (0x8E) and JIS X 0212 (0x8F); EUC_KR's KS X 1001; EUC_CN's GB 2312. */
const JIS_X_0212 = Array.from({ length: 0x5e }, (_, i) => [0x8f, 0xa1 + i]);
const SERVER_MULTI_BYTE: Readonly<Record<string, ByteRanges>> = {
  EUC_JP: euc('euc-jp', [[0x8e], ...JIS_X_0212]),
  EUC_JIS_2004: euc('euc-jp', [[0x8e], ...JIS_X_0212]),
  EUC_KR: euc('euc-kr'),
  EUC_CN: euc('gbk'),
};

/** Punctuation realistic text uses, as ASCII (one character each). */
const ASCII_PUNCTUATION: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u00a0': ' ',
  '\u2026': '.',
  '\u301c': '~',
  '\uff5e': '~',
};

/** charactersOf's sets, one per encoding: asked for every table a load copies and again for its warning. */
const heldByEncoding = new Map<string, ReadonlySet<string> | undefined>();

/** The characters an encoding holds (read once per encoding). */
function charactersOf(encoding: string): ReadonlySet<string> | undefined {
  if (!heldByEncoding.has(encoding)) heldByEncoding.set(encoding, readCharacters(encoding));
  return heldByEncoding.get(encoding);
}

/** The characters an encoding holds (undefined: a multi-byte one, or one this Node cannot decode). */
function readCharacters(encoding: string): ReadonlySet<string> | undefined {
  const codes = byteCodes(encoding);
  return codes === undefined ? undefined : new Set(codes.keys());
}

/** byteCodes' maps, one per encoding: asked when -E is read, for its writer, and through charactersOf. */
const codesByEncoding = new Map<string, ReadonlyMap<string, number> | undefined>();

/** A single-byte encoding's characters and their bytes (read once per encoding; undefined: a multi-byte one, or one this Node cannot decode). */
export function byteCodes(encoding: string): ReadonlyMap<string, number> | undefined {
  if (!codesByEncoding.has(encoding)) codesByEncoding.set(encoding, readByteCodes(encoding));
  return codesByEncoding.get(encoding);
}

/** LATIN1 is U+0000-U+00FF; an ISO 8859 part's 0x80-0x9F are the C1 controls (WHATWG reads some as Windows'). */
function readByteCodes(encoding: string): ReadonlyMap<string, number> | undefined {
  if (encoding === 'LATIN1')
    return new Map(Array.from({ length: 256 }, (_, i) => [String.fromCharCode(i), i]));
  const label = DECODERS[encoding];
  if (label === undefined || MULTI_BYTE.has(label)) return undefined;
  try {
    new TextDecoder(label);
  } catch {
    return undefined; // this Node has no decoder for it (iso-8859-16): the values go as made
  }
  const codes = new Map<string, number>();
  const iso = /^(LATIN|ISO_8859)/.test(encoding);
  for (let byte = 0; byte < 256; byte++) {
    const c1 = iso && byte >= 0x80 && byte < 0xa0;
    const ch = c1 ? String.fromCharCode(byte) : decodeBytes(label, Uint8Array.of(byte));
    if (ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, byte);
  }
  return codes;
}

/** Characters written in place of ones the encoding lacks, per table, for the warning. */
export type ReplacedCharacters = Map<string, number>;

/** Maps a table's COPY text (UTF-8) to characters the target holds, counting what it replaced. */
export interface TextFitter {
  readonly encoding: string;
  fit(chunk: Uint8Array, replaced: ReplacedCharacters): Uint8Array;
  /** The rest of a character cut at a chunk's end (none when the rows end). */
  end(replaced: ReplacedCharacters): Uint8Array;
}

function stand(ch: string, held: ReadonlySet<string>): string {
  const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (bare.length === 1 && held.has(bare)) return bare;
  const punctuation = ASCII_PUNCTUATION[ch];
  return punctuation !== undefined && held.has(punctuation) ? punctuation : '?';
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** `sqlLiterals`: the text is SQL whose replaced characters are all inside string literals (INSERT statements): a `'` stands doubled. */
function fitter(encoding: string, held: ReadonlySet<string>, encode = utf8, sqlLiterals = false): TextFitter {
  const decoder = new StringDecoder('utf8');
  const fitText = (text: string, replaced: ReplacedCharacters): Uint8Array => {
    let out = '';
    for (const ch of text) {
      if (held.has(ch)) out += ch;
      else {
        const standing = stand(ch, held);
        out += sqlLiterals && standing === "'" ? "''" : standing;
        replaced.set(ch, (replaced.get(ch) ?? 0) + 1);
      }
    }
    return encode(out);
  };
  return {
    encoding,
    fit(chunk, replaced) {
      // Most chunks are ASCII (every encoding holds it): passed on as they are.
      if (!chunk.some((b) => b >= 0x80)) return chunk;
      return fitText(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)), replaced);
    },
    end: (replaced) => fitText(decoder.end(), replaced),
  };
}

/** A fitter whose output is in `encoding` (a single-byte one: see byteCodes), for a script or archive written in it (-E). */
export function outputFitter(
  encoding: string,
  codes: ReadonlyMap<string, number>,
  sqlLiterals = false,
): TextFitter {
  const encode = (text: string) => Uint8Array.from(text, (ch) => codes.get(ch) ?? 0x3f);
  return fitter(encoding, charactersOf(encoding) ?? new Set(codes.keys()), encode, sqlLiterals);
}

/** Each loading session's server encoding, read once. */
const encodings = new WeakMap<pg.Client, string>();

/** A new fitter for one COPY into `client`'s database when its encoding lacks characters a value may hold; else undefined. */
export async function textFitterFor(client: pg.Client): Promise<TextFitter | undefined> {
  let encoding = encodings.get(client);
  if (encoding === undefined) {
    const { rows } = await client.query<{ e: string }>("SELECT current_setting('server_encoding') AS e");
    encoding = rows[0]?.e ?? 'UTF8';
    encodings.set(client, encoding);
  }
  const ranges = SERVER_MULTI_BYTE[encoding];
  if (ranges !== undefined && !heldByEncoding.has(encoding)) {
    const checking = checked.get(encoding) ?? serverHeld(client, encoding, candidates(ranges));
    checked.set(encoding, checking);
    checking.catch(() => checked.delete(encoding)); // a lost connection: the next load asks again
    heldByEncoding.set(encoding, await checking);
  }
  const held = charactersOf(encoding);
  return held === undefined ? undefined : fitter(encoding, held);
}

/** ASCII, which every server encoding holds as it is (and U+0000, which no text parameter may hold, never asked). */
const ASCII = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i));

/** A multi-byte encoding's characters past ASCII as the WHATWG decoder reads its byte ranges. */
function candidates({ label, leads, trail }: ByteRanges): string[] {
  const decoder = new TextDecoder(label);
  const found = new Set<string>();
  for (const lead of leads)
    for (let byte = trail[0]; byte <= trail[1]; byte++) {
      const ch = decoder.decode(Uint8Array.of(...lead, byte));
      if (ch.length > 0 && ch.length <= 2 && [...ch].length === 1 && ch !== '\ufffd') found.add(ch);
    }
  return [...found];
}

/** A server check per multi-byte encoding, shared by the connections of a load that ask at once. */
const checked = new Map<string, Promise<ReadonlySet<string>>>();

/**
 * The candidates the server converts from UTF-8 into `encoding`: all of them in one `convert_to`, and on a
 * failure (22P05, naming the first character it lacks) the rest after that character again, so one round
 * trip per character the two tables disagree on (EUC_JP: about 20). Inside a transaction under a savepoint;
 * an error it cannot read leaves only ASCII as held (every other character replaced: the load still loads).
 */
async function serverHeld(
  client: pg.Client,
  encoding: string,
  chars: string[],
): Promise<ReadonlySet<string>> {
  const held = new Set<string>(ASCII);
  const saved = client.getTransactionStatus() === 'T';
  let rest = chars;
  while (rest.length > 0) {
    if (saved) await client.query('SAVEPOINT datagen_encoding');
    try {
      await client.query('SELECT length(convert_to($1, $2))', [rest.join(''), encoding]);
      for (const ch of rest) held.add(ch);
      rest = [];
    } catch (error) {
      if (saved) await client.query('ROLLBACK TO SAVEPOINT datagen_encoding');
      const lacked = lackedCharacter(error);
      const at = lacked === undefined ? -1 : rest.indexOf(lacked);
      if (at < 0) return new Set(ASCII);
      for (const ch of rest.slice(0, at)) held.add(ch);
      rest = rest.slice(at + 1);
    }
    if (saved) await client.query('RELEASE SAVEPOINT datagen_encoding');
  }
  return held;
}

/** The character an untranslatable_character error names ("character with byte sequence 0xe3 0x80 0x9c in encoding "UTF8" …"). */
function lackedCharacter(error: unknown): string | undefined {
  const { code, message } = error as { code?: string; message?: string };
  const bytes = code === '22P05' ? /((?:0x[0-9a-f]{2} ?)+)/.exec(message ?? '')?.[1] : undefined;
  return bytes === undefined
    ? undefined
    : Buffer.from(
        bytes
          .trim()
          .split(' ')
          .map((b) => Number.parseInt(b, 16)),
      ).toString('utf8');
}

/** The warning's text for one table: the characters replaced, how, and the fix. */
export function replacedMessage(
  table: string,
  where: string,
  encoding: string,
  replaced: ReplacedCharacters,
  fix = 'To load the values as made, load into a UTF8 database (createdb -E UTF8 -T template0 NAME)',
): string {
  const held = charactersOf(encoding) ?? new Set<string>();
  const total = [...replaced.values()].reduce((a, b) => a + b, 0);
  const shown = [...replaced.keys()]
    .slice(0, 8)
    .map(
      (ch) =>
        `${ch} (U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}) as ${stand(ch, held)}`,
    );
  return (
    `${table}: ${where} has the encoding ${encoding}, which lacks ${total} character${total === 1 ? '' : 's'} of its values; ` +
    `written as the nearest it holds: ${shown.join(', ')}${replaced.size > 8 ? ', …' : ''}. ${fix}`
  );
}

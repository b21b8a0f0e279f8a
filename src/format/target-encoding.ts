/**
 * A direct load (`-d`) into a database whose encoding is a single-byte one
 * (LATIN1, LATIN9, WIN1252, KOI8R, …): the values are made in UTF-8 and a
 * realistic value may hold a character the encoding lacks (fr's `’`, a city
 * `Iași`, any ja name), which failed the whole load ("character with byte
 * sequence … has no equivalent in encoding LATIN1"). Such a character is
 * written as the encoding's nearest one (its letter without the accent
 * `ș` → `s`, a quote or dash as ASCII) or `?`, one character for one, so
 * lengths stay; the load warns per table with the characters and the fix (a
 * UTF8 database). UTF8 and SQL_ASCII hold every value as made; multi-byte
 * encodings (EUC_JP, …) are left to the server as before.
 */
import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { DECODERS, decodeBytes } from '../input/text-encoding.js';

/** The WHATWG decoders (input/text-encoding.ts' DECODERS) that read one byte as one character. */
const MULTI_BYTE = new Set(['euc-jp', 'shift_jis', 'euc-kr', 'gbk', 'gb18030', 'big5']);

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
};

/** charactersOf's sets, one per encoding: asked for every table a load copies and again for its warning. */
const heldByEncoding = new Map<string, ReadonlySet<string> | undefined>();

/** The characters an encoding holds (read once per encoding). */
function charactersOf(encoding: string): ReadonlySet<string> | undefined {
  if (!heldByEncoding.has(encoding)) heldByEncoding.set(encoding, readCharacters(encoding));
  return heldByEncoding.get(encoding);
}

/** The characters an encoding holds: LATIN1 is U+0000-U+00FF; an ISO 8859 part's 0x80-0x9F are the C1 controls (WHATWG reads some as Windows'). */
function readCharacters(encoding: string): ReadonlySet<string> | undefined {
  if (encoding === 'LATIN1') return new Set(Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)));
  const label = DECODERS[encoding];
  if (label === undefined || MULTI_BYTE.has(label)) return undefined;
  try {
    new TextDecoder(label);
  } catch {
    return undefined; // this Node has no decoder for it (iso-8859-16): the values go as made
  }
  const held = new Set<string>();
  const iso = /^(LATIN|ISO_8859)/.test(encoding);
  for (let byte = 0; byte < 256; byte++) {
    const c1 = iso && byte >= 0x80 && byte < 0xa0;
    const ch = c1 ? String.fromCharCode(byte) : decodeBytes(label, Uint8Array.of(byte));
    if (ch !== '\ufffd') held.add(ch);
  }
  return held;
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

function fitter(encoding: string, held: ReadonlySet<string>): TextFitter {
  const decoder = new StringDecoder('utf8');
  const fitText = (text: string, replaced: ReplacedCharacters): Uint8Array => {
    let out = '';
    for (const ch of text) {
      if (held.has(ch)) out += ch;
      else {
        out += stand(ch, held);
        replaced.set(ch, (replaced.get(ch) ?? 0) + 1);
      }
    }
    return Buffer.from(out, 'utf8');
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
  const held = charactersOf(encoding);
  return held === undefined ? undefined : fitter(encoding, held);
}

/** The warning's text for one table: the characters replaced, how, and the fix. */
export function replacedMessage(
  table: string,
  where: string,
  encoding: string,
  replaced: ReplacedCharacters,
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
    `written as the nearest it holds: ${shown.join(', ')}${replaced.size > 8 ? ', …' : ''}. ` +
    'To load the values as made, load into a UTF8 database (createdb -E UTF8 -T template0 NAME)'
  );
}

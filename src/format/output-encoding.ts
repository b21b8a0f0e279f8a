/**
 * pg_dump's `-E ENC`: a script, archive or CSV file written in a single-byte encoding
 * (LATIN1-10, WIN125x, KOI8, ISO_8859_5-8, WIN866/874), so it restores into a
 * database of that encoding. Every byte is in ENC: the script's or ENCODING
 * entry's `SET client_encoding`, the DDL and TOC strings (a character ENC
 * lacks there is an error naming the statement, as pg_dump fails on it), and
 * the rows, whose characters ENC lacks are written as the nearest it holds
 * (target-encoding.ts, as `-d` does), warned once per table. UTF8 is the
 * default and writes nothing differently. Multi-byte encodings (EUC_JP, SJIS,
 * GB18030, …) are refused: Node has no encoder for them.
 */
import { DatagenError, ErrorCodes, type Warning } from '../errors.js';
import { DECODERS } from '../input/text-encoding.js';
import { byteCodes, outputFitter, type ReplacedCharacters, replacedMessage } from './target-encoding.js';

/** A script's or archive's text in its encoding. */
export interface OutputEncoding {
  /** PostgreSQL's name of it (LATIN1). */
  readonly name: string;
  /** Text that must be written as it is (DDL, TOC strings), in the encoding; a character it lacks throws, naming `what`. */
  text(text: string, what: string): Uint8Array;
  /**
   * A table's rows (COPY text, or INSERT statements: `sqlLiterals`) in the encoding, characters it lacks
   * replaced (`’` as `'`, doubled in a literal); warns once when any was.
   */
  rows(
    chunks: AsyncIterable<Uint8Array | string>,
    table: string,
    sqlLiterals?: boolean,
  ): AsyncGenerator<Uint8Array>;
}

/** PostgreSQL's spellings (pg_char_to_encoding ignores case and punctuation) and its aliases for the single-byte encodings. */
const ALIASES: Readonly<Record<string, string>> = {
  ISO88591: 'LATIN1',
  ISO88592: 'LATIN2',
  ISO88593: 'LATIN3',
  ISO88594: 'LATIN4',
  ISO88599: 'LATIN5',
  ISO885910: 'LATIN6',
  ISO885913: 'LATIN7',
  ISO885914: 'LATIN8',
  ISO885915: 'LATIN9',
  ISO885916: 'LATIN10',
  ISO88595: 'ISO_8859_5',
  ISO88596: 'ISO_8859_6',
  ISO88597: 'ISO_8859_7',
  ISO88598: 'ISO_8859_8',
  UNICODE: 'UTF8',
};
/** PostgreSQL's encodings Node has no decoder for (input/text-encoding.ts' DECODERS has the rest). */
const OTHERS = ['SQL_ASCII', 'EUC_TW', 'MULE_INTERNAL', 'UHC', 'JOHAB', 'BIG5', 'GBK'];
const bare = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, '');
const NAMES = new Map<string, string>([
  ['LATIN1', 'LATIN1'],
  ['UTF8', 'UTF8'],
  ...[...Object.keys(DECODERS), ...OTHERS].map((n): [string, string] => [bare(n), n]),
  ...Object.entries(ALIASES),
]);

/** The -E name as PostgreSQL spells it; an encoding datagen cannot write is a usage error. */
export function outputEncodingName(raw: string): string {
  const name = NAMES.get(bare(raw));
  if (name === 'UTF8' || (name !== undefined && byteCodes(name) !== undefined)) return name;
  const why =
    name === undefined
      ? `${raw} is not an encoding PostgreSQL knows`
      : name === 'SQL_ASCII'
        ? 'SQL_ASCII is no encoding (bytes as they are), which datagen does not write'
        : `${name} is a multi-byte encoding, which datagen cannot write (only single-byte ones: LATIN1-10, WIN1250-1258, KOI8R/KOI8U, ISO_8859_5-8, WIN866/874)`;
  throw new DatagenError(
    ErrorCodes.BAD_OPTION,
    `-E/--encoding ${raw}: ${why}. Write the output in UTF8 (leave -E out) and restore it into a database of that encoding (the server converts), or load with -d, which replaces the characters that database lacks`,
    { encoding: raw },
  );
}

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The writer for `name` (outputEncodingName's), or undefined for UTF8 (the output as made). */
export function outputEncoding(name: string, onWarning: (w: Warning) => void): OutputEncoding | undefined {
  const codes = name === 'UTF8' ? undefined : byteCodes(name);
  if (codes === undefined) return undefined;
  return {
    name,
    text(text, what) {
      const bytes = new Uint8Array(text.length);
      let n = 0;
      for (const ch of text) {
        const code = codes.get(ch);
        if (code === undefined) {
          const line = text.split('\n').find((l) => l.includes(ch) && !l.startsWith('--')) ?? text;
          throw new DatagenError(
            ErrorCodes.BAD_OPTION,
            `-E ${name}: ${what} holds ${ch} (${codePoint(ch)}), which ${name} lacks (pg_dump -E ${name} fails on it too): ${line.trim().slice(0, 120)}. Write the output in UTF8 (leave -E out), or change the name or text in the DDL`,
            { encoding: name },
          );
        }
        bytes[n++] = code;
      }
      return bytes.subarray(0, n);
    },
    async *rows(chunks, table, sqlLiterals = false) {
      const fitter = outputFitter(name, codes, sqlLiterals);
      const replaced: ReplacedCharacters = new Map();
      for await (const chunk of chunks)
        yield fitter.fit(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk, replaced);
      const rest = fitter.end(replaced);
      if (rest.length > 0) yield rest;
      if (replaced.size > 0)
        onWarning({
          code: 'CHARACTERS_REPLACED',
          where: table,
          message: replacedMessage(
            table,
            `the output (-E ${name})`,
            name,
            replaced,
            'To write the values as made, leave -E out (UTF8) and restore into a UTF8 database',
          ),
        });
    },
  };
}

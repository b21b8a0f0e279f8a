/**
 * Phone numbers: `(212) 555-0199`, a real North American area and exchange
 * code in the column's one format, written as text or straight into the COPY
 * chunk as bytes (the same draws).
 */

import type { ByteOut } from '../../checks/digits.js';
import { lazyTable } from '../lazy-table.js';
import { hashString, type RowRandom } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { AREA_CODES, EXCHANGE_CODES } from './locale-data.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import { cut } from './text-fit.js';

/**
 * A phone format as a template: each `#` takes the next of the number's ten
 * digits (area, exchange, line), every other character is written as it is.
 */
type PhoneFormat = string;

/** North American formats, longest first. */
const PHONE_FORMATS: readonly PhoneFormat[] = [
  '+1 ###-###-####',
  '(###) ###-####',
  '###-###-####',
  '###.###.####',
  '##########',
];

/** The format a column writes its phone numbers in (one per column, as real data has), or null if none fits. */
export function phoneFormatFor(maxLength: number, choice: number): PhoneFormat | null {
  const fit = PHONE_FORMATS.filter((f) => f.length <= maxLength);
  return fit.length === 0 ? null : (fit[choice % fit.length] as PhoneFormat);
}

/** `0000` … `9999`, built on first use (lazy-table.ts). */
const pad4 = lazyTable((): readonly string[] =>
  Array.from({ length: 10000 }, (_, i) => String(i).padStart(4, '0')),
);
/** The area and exchange codes (three digits each, checked when loaded) as numbers, for the byte writer. */
const codeNumbers = lazyTable(() => ({
  area: Int32Array.from(AREA_CODES, Number),
  exchange: Int32Array.from(EXCHANGE_CODES, Number),
}));
const HASH = 35;

/** `format` filled with the digits of `area`, `exchange` and `line`. */
function formatted(format: PhoneFormat, area: string, exchange: string, line: string): string {
  const digits = area + exchange + line;
  let out = '';
  let d = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    out += c === '#' ? digits[d++] : c;
  }
  return out;
}

/** `(212) 555-0199`: a real area and exchange code, in the column's one format. */
export function createPhoneGenerator(build: SemanticBuild): SemanticGenerator {
  const format = phoneFormatFor(build.maxLength, hashString(`${build.table.name}.${build.column.name}`));
  const { maxLength } = build;
  // Digits and the formats' `+() -.`.
  const escapeFree = escapeFreeTexts(AREA_CODES) && escapeFreeTexts(EXCHANGE_CODES);
  const lines = pad4();
  const random = (rand: RowRandom): string => {
    const line = lines[rand.below(10000)] as string;
    if (format === null) return cut(rand.pick(AREA_CODES) + rand.pick(EXCHANGE_CODES) + line, maxLength);
    return formatted(format, rand.pick(AREA_CODES), rand.pick(EXCHANGE_CODES), line);
  };
  if (format === null || !escapeFree) return { escapeFree, random };
  const template = Uint8Array.from(format, (c) => c.charCodeAt(0));
  const digits = new Uint8Array(10);
  const { area: areaNumbers, exchange: exchangeNumbers } = codeNumbers();
  return {
    escapeFree,
    random,
    write(rand: RowRandom, _row: number, out: ByteOut) {
      // The draws of `random`: the line's four digits, then the area and the exchange.
      let line = rand.below(10000);
      const area = areaNumbers[rand.below(areaNumbers.length)] as number;
      const exchange = exchangeNumbers[rand.below(exchangeNumbers.length)] as number;
      for (let i = 9; i >= 6; i--, line = (line / 10) | 0) digits[i] = 48 + (line % 10);
      digits[0] = 48 + ((area / 100) | 0);
      digits[1] = 48 + (((area / 10) | 0) % 10);
      digits[2] = 48 + (area % 10);
      digits[3] = 48 + ((exchange / 100) | 0);
      digits[4] = 48 + (((exchange / 10) | 0) % 10);
      digits[5] = 48 + (exchange % 10);
      out.ensure(template.length);
      const buf = out.buf;
      let p = out.pos;
      for (let i = 0, d = 0; i < template.length; i++) {
        const c = template[i] as number;
        buf[p++] = c === HASH ? (digits[d++] as number) : c;
      }
      out.pos = p;
    },
  };
}

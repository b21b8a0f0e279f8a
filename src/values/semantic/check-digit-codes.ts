/**
 * Version 25: identifiers whose last digit checks the others, as their
 * registries compute it: an ISBN-13 (978/979, GS1's weights 1 and 3) and an
 * ISBN-10 (mod 11, `X` for ten), an ISSN (`NNNN-NNNC`, mod 11), an EAN-13,
 * a UPC-A and a GTIN-14 (GS1's mod 10), a VIN (a maker's WMI, the model
 * year's letter, ISO 3779's check digit in the ninth place) and an IBAN
 * (ISO 13616's mod 97, the country's length). Were words (`fair-tool`).
 * Each is a function of a number k, injective over its `space`, so a
 * unique column takes k from its keyed permutation.
 */
import { mix32, type RowRandom } from '../random.js';
import type { SemanticUniqueGenerator } from './unique-digits.js';

/** An identifier with a check digit. */
export type CheckedCode = 'isbn13' | 'isbn10' | 'issn' | 'ean13' | 'upc' | 'gtin14' | 'vin' | 'iban';

const pad = (k: number, width: number) => String(k).padStart(width, '0');

/** GS1's check digit (EAN, UPC, GTIN, ISBN-13): weights 3 and 1 from the rightmost data digit. */
export function gs1CheckDigit(digits: string): string {
  let sum = 0;
  for (let i = digits.length - 1, w = 3; i >= 0; i--, w = 4 - w) sum += w * Number(digits[i]);
  return String((10 - (sum % 10)) % 10);
}

/** A mod-11 check digit over weights n+1 … 2 (ISBN-10: 10 … 2, ISSN: 8 … 2), `X` for ten. */
function mod11CheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.length + 1 - i) * Number(digits[i]);
  const c = (11 - (sum % 11)) % 11;
  return c === 10 ? 'X' : String(c);
}

const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_VALUES: Readonly<Record<string, number>> = Object.fromEntries(
  [...'ABCDEFGH']
    .map((c, i) => [c, i + 1] as const)
    .concat(
      [...'JKLMN'].map((c, i) => [c, i + 1] as const),
      [['P', 7] as const, ['R', 9] as const],
      [...'STUVWXYZ'].map((c, i) => [c, i + 2] as const),
      [...'0123456789'].map((c, i) => [c, i] as const),
    ),
);
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
/** Makers' world identifiers (Honda, Ford, Chevrolet, Toyota, BMW, Volkswagen, Tesla, Hyundai, Nissan, Kia). */
const WMIS = ['1HG', '1FA', '1G1', 'JTD', 'WBA', 'WVW', '5YJ', 'KMH', 'JN1', 'KNA', '2T1', '3VW'];
/** Model years' letters, 2010 (A) to 2025 (S). */
const YEAR_CODES = 'ABCDEFGHJKLMNPRS';

/** ISO 3779's check digit of a VIN whose ninth place is still a placeholder. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (VIN_VALUES[vin[i] as string] ?? 0) * (VIN_WEIGHTS[i] as number);
  const c = sum % 11;
  return c === 10 ? 'X' : String(c);
}

/** A VIN from k: maker, five descriptor characters, model year, plant and a six-digit serial (the rest shifted by a hash of the serial, still injective). */
function vinOf(k: number): string {
  const serial = pad(k % 1_000_000, 6);
  let rest = (Math.floor(k / 1_000_000) + mix32(k % 1_000_000)) % (VIN_SPACE / 1_000_000);
  const wmi = WMIS[rest % WMIS.length] as string;
  rest = Math.floor(rest / WMIS.length);
  const year = YEAR_CODES[rest % YEAR_CODES.length] as string;
  rest = Math.floor(rest / YEAR_CODES.length);
  let vds = '';
  for (let i = 0; i < 4; i++, rest = Math.floor(rest / VIN_CHARS.length))
    vds += VIN_CHARS[rest % VIN_CHARS.length];
  const h = mix32(k);
  vds += `${VIN_CHARS[h % 33]}${VIN_CHARS[(h >>> 8) % 33]}`;
  const draft = `${wmi}${vds.slice(0, 5)}0${year}${vds[5]}${serial}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}
const VIN_SPACE = 1_000_000 * WMIS.length * YEAR_CODES.length * VIN_CHARS.length ** 4;

/** IBAN formats: the country, its length and the bank codes its BBAN begins with (the rest account digits). */
const IBAN_FORMATS: readonly { country: string; length: number; banks: readonly string[] }[] = [
  { country: 'DE', length: 22, banks: ['10070000', '20050550', '37040044', '50010517', '70020270'] },
  { country: 'GB', length: 22, banks: ['NWBK601613', 'BARC200000', 'LOYD309634', 'HBUK400515'] },
  { country: 'FR', length: 27, banks: ['3000600001', '3000400003', '1027807800'] },
  { country: 'NL', length: 18, banks: ['ABNA', 'INGB', 'RABO'] },
  { country: 'ES', length: 24, banks: ['21000418', '00490075', '00810216'] },
  { country: 'IT', length: 27, banks: ['X0542811101', 'X0306909606', 'X0200802435'] },
  { country: 'BE', length: 16, banks: ['539', '068', '001'] },
  { country: 'AT', length: 20, banks: ['19043', '20111', '12000'] },
];
const IBAN_COUNTRY_OF_CURRENCY: Readonly<Record<string, string>> = { GBP: 'GB' };

/** The remainder mod 97 of a BBAN followed by its country and `00`, letters as 10-35 (ISO 13616). */
function mod97(text: string): number {
  let r = 0;
  for (const ch of text) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    r = v >= 10 ? (r * 100 + v) % 97 : (r * 10 + v) % 97;
  }
  return r;
}

/** An IBAN of a format whose account digits are k (cut to the account's width). */
function ibanOf(format: (typeof IBAN_FORMATS)[number], bank: string, k: number): string {
  const width = format.length - 4 - bank.length;
  const bban = `${bank}${pad(k % 10 ** width, width)}`;
  const check = 98 - mod97(`${bban}${format.country}00`);
  return `${format.country}${pad(check, 2)}${bban}`;
}

/** The IBAN formats that fit `max` characters. */
function ibanFormatsWithin(max: number): typeof IBAN_FORMATS {
  return IBAN_FORMATS.filter((f) => f.length <= max);
}

/** The characters an identifier takes (an ISSN without its hyphen in 8). */
export function checkedCodeLength(code: CheckedCode, max: number): number {
  const lengths: Record<CheckedCode, number> = {
    isbn13: 13,
    isbn10: 10,
    issn: max >= 9 ? 9 : 8,
    ean13: 13,
    upc: 12,
    gtin14: 14,
    vin: 17,
    iban: Math.min(...ibanFormatsWithin(max).map((f) => f.length), Number.POSITIVE_INFINITY),
  };
  return lengths[code];
}

/** Whether a column of `max` characters holds the identifier. */
export function checkedCodeFits(code: CheckedCode, max: number): boolean {
  return checkedCodeLength(code, max) <= max;
}

/** GS1 prefixes (no two alike in their first two digits): the US and Canada, France, Germany, Japan, the UK, Italy, Spain, the Netherlands. */
const GS1_PREFIXES = ['0', '1', '30', '40', '45', '50', '76', '80', '84', '87'];

/** The identifier of number k (its payload digits), injective over `checkedCodeSpace`. */
export function checkedCodeOf(code: CheckedCode, k: number, max: number): string {
  switch (code) {
    case 'isbn13': {
      const body = `978${pad(k % 1e9, 9)}`;
      return body + gs1CheckDigit(body);
    }
    case 'isbn10': {
      const body = pad(k, 9);
      return body + mod11CheckDigit(body);
    }
    case 'issn': {
      const body = pad(k, 7);
      const digits = body + mod11CheckDigit(body);
      return max >= 9 ? `${digits.slice(0, 4)}-${digits.slice(4)}` : digits;
    }
    case 'ean13':
    case 'upc':
    case 'gtin14': {
      const width = code === 'ean13' ? 12 : code === 'upc' ? 11 : 13;
      const prefix = code === 'upc' ? '0' : (GS1_PREFIXES[k % GS1_PREFIXES.length] as string);
      const lead = code === 'gtin14' ? '1' : '';
      const own = code === 'upc' ? k : Math.floor(k / GS1_PREFIXES.length);
      const body = `${lead}${prefix}${pad(own, width - lead.length - prefix.length)}`;
      return body + gs1CheckDigit(body);
    }
    case 'vin':
      return vinOf(k);
    default: {
      const formats = ibanFormatsWithin(max);
      const format = formats[k % formats.length] as (typeof IBAN_FORMATS)[number];
      const rest = Math.floor(k / formats.length);
      return ibanOf(format, format.banks[rest % format.banks.length] as string, Math.floor(rest / 8));
    }
  }
}

/** How many identifiers `checkedCodeOf` tells apart. */
export function checkedCodeSpace(code: CheckedCode): number {
  switch (code) {
    case 'isbn13':
    case 'isbn10':
      return 1e9;
    case 'issn':
      return 1e7;
    case 'upc':
      return 1e10;
    case 'vin':
      return VIN_SPACE;
    case 'iban':
      // The narrowest account (the UK's eight digits).
      return 1e8;
    default:
      return 1e9;
  }
}

/** A random identifier; an IBAN of a currency's country where the row's currency has one. */
export function randomCheckedCode(
  code: CheckedCode,
  rand: RowRandom,
  max: number,
  currency?: string,
): string {
  if (code === 'iban') {
    const country = currency === undefined ? undefined : IBAN_COUNTRY_OF_CURRENCY[currency];
    const formats = ibanFormatsWithin(max);
    const own = formats.find((f) => f.country === country);
    const format = own ?? (formats[rand.below(formats.length)] as (typeof IBAN_FORMATS)[number]);
    return ibanOf(format, rand.pick(format.banks), rand.below(1e9) * 100 + rand.below(100));
  }
  return checkedCodeOf(code, Math.floor(rand.float() * checkedCodeSpace(code)), max);
}

/** Unique identifiers: k through `checkedCodeOf` (IBANs: the formats that fit, account digits k). */
export function checkedCodeUnique(code: CheckedCode, max: number): SemanticUniqueGenerator {
  if (code !== 'iban') return { space: checkedCodeSpace(code), value: (k) => checkedCodeOf(code, k, max) };
  const formats = ibanFormatsWithin(max);
  return {
    space: 1e8 * formats.length,
    value(k) {
      const format = formats[k % formats.length] as (typeof IBAN_FORMATS)[number];
      const rest = Math.floor(k / formats.length);
      return ibanOf(format, format.banks[rest % format.banks.length] as string, rest);
    },
  };
}

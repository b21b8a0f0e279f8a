/**
 * The isn extension's types (`CREATE EXTENSION isn`): isbn, isbn13, ismn,
 * ismn13, issn, issn13, upc and ean13, each written as the 13-digit EAN its
 * input takes, with the prefix its type requires (978 for books, 9790 for
 * music, 977 for serials, 0 for UPC) and a valid check digit (the input
 * refuses a wrong one).
 */
import type { TypeSupport } from './generator.js';

/** The EAN-13 check digit of 12 digits (weights 1, 3, 1, 3, …). */
export function eanCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** A type's fixed prefix, how many free digits follow it, and a fixed tail (an ISSN's 2 variant digits). */
function isnSupport(prefix: string, free: number, tail = ''): TypeSupport {
  const ean = (digits: string) => {
    const body = prefix + digits + tail;
    return body + eanCheckDigit(body);
  };
  return {
    random: () => ({
      random(rand) {
        let digits = '';
        while (digits.length < free) digits += String(rand.below(1_000_000)).padStart(6, '0');
        return ean(digits.slice(0, free));
      },
    }),
    unique: () => ({ space: 10 ** free, value: (k) => ean(String(k).padStart(free, '0')) }),
  };
}

const books = isnSupport('978', 9);
const music = isnSupport('9790', 8);
const serials = isnSupport('977', 7, '00');

export const ISN_SUPPORTS: Readonly<Record<string, TypeSupport>> = {
  isbn: books,
  isbn13: books,
  ismn: music,
  ismn13: music,
  issn: serials,
  issn13: serials,
  upc: isnSupport('0', 11),
  ean13: isnSupport('', 12),
};

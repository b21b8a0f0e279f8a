/**
 * `to_char(number, format)` for the digit patterns CHECKs and codes use
 * (`'FM00000'`, `'999.99'`, `'9,999'`): `9` a digit, blank where it would be
 * a leading zero; `0` a digit always written; `.`/`D` the decimal point;
 * `,`/`G` a group separator, blank before the first digit; `FM` dropping the
 * padding (leading blanks, the plus sign's blank, trailing zeros in `9`
 * places). The sign takes a place before the first digit written (blank when
 * positive), a number too wide for the places is `#` in each, as
 * formatting.c's NUM_processor writes them. Other patterns (`S`, `MI`,
 * `EEEE`, `RN`, `V`, text) are not evaluable.
 */
import { NotEvaluableError } from './evaluation.js';

interface NumberFormat {
  readonly fm: boolean;
  /** The places before the decimal point: '9', '0' or ','. */
  readonly whole: readonly string[];
  /** After it ('9' or '0'); undefined without a decimal point. */
  readonly fraction: readonly string[] | undefined;
}

function parseFormat(format: string): NumberFormat {
  const fm = /^fm/i.test(format);
  const whole: string[] = [];
  let fraction: string[] | undefined;
  for (const c of format.slice(fm ? 2 : 0)) {
    const place = c === 'G' || c === 'g' ? ',' : c === 'D' || c === 'd' ? '.' : c;
    if (place === '.') {
      if (fraction) throw new NotEvaluableError('to_char with two decimal points');
      fraction = [];
    } else if (place === '9' || place === '0') (fraction ?? whole).push(place);
    else if (place === ',' && !fraction) whole.push(place);
    else throw new NotEvaluableError(`to_char number pattern ${format}`);
  }
  return { fm, whole, fraction };
}

/** |v| rounded to `places` decimals as a digit string pair (half away from zero, as numeric rounds). */
function digitsOf(v: number | bigint, places: number): [string, string] {
  if (typeof v === 'bigint') return [(v < 0n ? -v : v).toString(), '0'.repeat(places)];
  if (!Number.isFinite(v)) throw new NotEvaluableError('to_char of a non-finite number');
  const scaled = Math.round(Math.abs(v) * 10 ** places);
  if (!Number.isSafeInteger(scaled)) throw new NotEvaluableError('to_char of a large number');
  const text = String(scaled).padStart(places + 1, '0');
  return [text.slice(0, text.length - places), text.slice(text.length - places)];
}

export function formatNumber(v: number | bigint, format: string): string {
  const f = parseFormat(format);
  const places = f.whole.filter((p) => p !== ',').length;
  const [int, frac] = digitsOf(v, f.fraction?.length ?? 0);
  const negative = (typeof v === 'bigint' ? v < 0n : v < 0) && /[1-9]/.test(int + frac);
  const digits = int === '0' ? '' : int;
  if (int.length > places) {
    const hashes = [...f.whole.map((p) => (p === ',' ? ',' : '#'))];
    const tail = f.fraction ? `.${'#'.repeat(f.fraction.length)}` : '';
    return `${negative ? '-' : f.fm ? '' : ' '}${hashes.join('')}${tail}`;
  }
  // The places from the first '0' on, and those the number's digits fill, are written.
  const firstZero = f.whole.filter((p) => p !== ',').indexOf('0');
  const start = Math.min(places - digits.length, firstZero < 0 ? places : firstZero);
  // A zero integer part with no fraction places still writes its last digit ('999' of 0: '   0').
  const writeFrom = start === places && !f.fraction?.length && places > 0 ? places - 1 : start;
  const padded = digits.padStart(places, '0');
  let out = '';
  let k = 0;
  let signed = false;
  const sign = () => {
    if (signed) return '';
    signed = true;
    return negative ? '-' : f.fm ? '' : ' ';
  };
  for (const p of f.whole) {
    if (p === ',') {
      out += k > writeFrom ? ',' : f.fm ? '' : ' ';
      continue;
    }
    if (k >= writeFrom) out += sign() + padded[k];
    else out += f.fm ? '' : ' ';
    k++;
  }
  if (!f.fraction) return signed ? out : out + sign();
  let tail = [...frac].map((d, i) => ({ d, zero: f.fraction?.[i] === '0' }));
  if (f.fm) while (tail.length > 0 && tail.at(-1)?.d === '0' && !tail.at(-1)?.zero) tail = tail.slice(0, -1);
  // FM of a zero with no fraction left writes its integer digit: to_char(0, 'FM9.99') is '0.'.
  const zero = f.fm && !signed && tail.length === 0 && places > 0 ? '0' : '';
  return `${out}${sign()}${zero}.${tail.map((t) => t.d).join('')}`;
}

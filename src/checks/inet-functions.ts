/**
 * inet/cidr functions as PostgreSQL computes them, on the values' text form
 * (`10.0.0.1/24`, `2001:db8::1`): family, masklen, host, network,
 * set_masklen, broadcast, netmask, hostmask. Seen in generated columns such
 * as `network(set_masklen(ip_addr, 24))`. Output follows PostgreSQL's: an
 * inet prints its mask only when it is not the full width, a cidr always;
 * IPv6 in the shortest form (the longest run of zero groups as `::`).
 */
import { NotEvaluableError } from './evaluation.js';

interface Address {
  readonly v6: boolean;
  /** The address bits (32 or 128 of them). */
  readonly bits: bigint;
  readonly masklen: number;
}

const width = (a: { v6: boolean }) => (a.v6 ? 128 : 32);

function parseAddress(text: string): Address {
  const [addr = '', mask] = text.trim().split('/');
  const v6 = addr.includes(':');
  const bits = v6 ? parseIpv6(addr) : parseIpv4(addr);
  const full = v6 ? 128 : 32;
  const masklen = mask === undefined ? full : Number(mask);
  if (bits === undefined || !Number.isInteger(masklen) || masklen < 0 || masklen > full) {
    throw new NotEvaluableError(`not an inet value: ${text}`);
  }
  return { v6, bits, masklen };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let out = 0n;
  for (const p of parts) {
    const n = Number(p);
    if (!/^\d{1,3}$/.test(p) || n > 255) return undefined;
    out = (out << 8n) | BigInt(n);
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let v4Tail: bigint | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    v4Tail = parseIpv4(text.slice(lastColon + 1));
    if (v4Tail === undefined) return undefined;
    head = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0] ?? '');
  const right = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let out = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    out = (out << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return v4Tail === undefined ? out : (out & ~0xffffffffn) | v4Tail;
}

function formatBits(a: { v6: boolean; bits: bigint }): string {
  if (!a.v6) return [24n, 16n, 8n, 0n].map((s) => String((a.bits >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((a.bits >> BigInt(112 - 16 * i)) & 0xffffn));
  // The longest run of two or more zero groups becomes `::` (the first such run on a tie).
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      best = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (g: number[]) => g.map((x) => x.toString(16)).join(':');
  if (best < 0) return hex(groups);
  return `${hex(groups.slice(0, best))}::${hex(groups.slice(best + bestLength))}`;
}

function maskBits(a: Address, masklen: number): bigint {
  const w = BigInt(width(a));
  return masklen === 0 ? 0n : ((1n << BigInt(masklen)) - 1n) << (w - BigInt(masklen));
}

function allOnes(a: Address): bigint {
  return (1n << BigInt(width(a))) - 1n;
}

/** An inet's text: the mask only when narrower than the address. */
function inetText(a: Address): string {
  const addr = formatBits(a);
  return a.masklen === width(a) ? addr : `${addr}/${a.masklen}`;
}

const cidrText = (a: Address) => `${formatBits(a)}/${a.masklen}`;

/** The inet functions by name; each takes the arguments' text and numbers, never NULL (callers are STRICT). */
export const INET_FUNCTIONS: Readonly<Record<string, (text: string, n?: number) => string | number>> = {
  family: (t) => (parseAddress(t).v6 ? 6 : 4),
  masklen: (t) => parseAddress(t).masklen,
  host: (t) => formatBits(parseAddress(t)),
  abbrev: (t) => inetText(parseAddress(t)),
  network: (t) => {
    const a = parseAddress(t);
    return cidrText({ ...a, bits: a.bits & maskBits(a, a.masklen) });
  },
  broadcast: (t) => {
    const a = parseAddress(t);
    const host = allOnes(a) & ~maskBits(a, a.masklen);
    return inetText({ ...a, bits: a.bits | host });
  },
  netmask: (t) => {
    const a = parseAddress(t);
    return inetText({ ...a, bits: maskBits(a, a.masklen), masklen: width(a) });
  },
  hostmask: (t) => {
    const a = parseAddress(t);
    return inetText({ ...a, bits: allOnes(a) & ~maskBits(a, a.masklen), masklen: width(a) });
  },
  set_masklen: (t, n) => {
    const a = parseAddress(t);
    const masklen = n === -1 ? width(a) : (n ?? Number.NaN);
    if (!Number.isInteger(masklen) || masklen < 0 || masklen > width(a)) {
      throw new NotEvaluableError(`set_masklen: invalid mask length ${n}`);
    }
    return inetText({ ...a, masklen });
  },
};

/** The inet/cidr operators of containment and overlap: `<<`, `<<=`, `>>`, `>>=`, `&&`. */
export const NETWORK_OPERATORS: ReadonlySet<string> = new Set(['<<', '<<=', '>>', '>>=', '&&']);

/** Parsed inet text, or undefined when the text is not an address (`10.0.0.0/8`, `::1`). */
export function inetValue(text: string): Address | undefined {
  try {
    return parseAddress(text);
  } catch (error) {
    if (error instanceof NotEvaluableError) return undefined;
    throw error;
  }
}

export type { Address as InetAddress };

/** An address's text as an inet (`10.0.0.1`, `10.0.0.0/8`) or, with `cidr`, always with its mask. */
export function formatInet(a: Address, cidr: boolean): string {
  return cidr ? cidrText(a) : inetText(a);
}

/** The bits of the first `masklen` of an address's width set. */
export function prefixMask(a: { readonly v6: boolean }, masklen: number): bigint {
  return maskBits({ v6: a.v6, bits: 0n, masklen }, masklen);
}

/** Whether `inner`'s network lies inside `outer`'s (equal too unless strict), as network_sub / network_subeq. */
function within(inner: Address, outer: Address, strict: boolean): boolean {
  if (inner.v6 !== outer.v6) return false;
  if (strict ? inner.masklen <= outer.masklen : inner.masklen < outer.masklen) return false;
  const mask = maskBits(outer, outer.masklen);
  return (inner.bits & mask) === (outer.bits & mask);
}

/**
 * `a <op> b` for two inet/cidr values' text, as PostgreSQL's network operators (`a << b`: a is
 * strictly inside b; `&&`: either contains the other); undefined when a side is not an address.
 */
export function networkOperator(op: string, a: string, b: string): boolean | undefined {
  const x = inetValue(a);
  const y = inetValue(b);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case '<<':
      return within(x, y, true);
    case '<<=':
      return within(x, y, false);
    case '>>':
      return within(y, x, true);
    case '>>=':
      return within(y, x, false);
    default:
      return within(x, y, false) || within(y, x, false);
  }
}

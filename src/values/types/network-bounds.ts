/**
 * inet/cidr values made to a CHECK's containment operators against constant
 * networks (checks/check-hints.ts `networks`): `addr << '10.0.0.0/8'` gives
 * hosts inside 10.0.0.0/8, `net >>= '192.168.1.5'` networks holding that
 * address. A value is a network of mask length m whose first bits come from
 * a reference address: the network asked to be inside (its prefix fixed,
 * the rest random) or the address asked to be contained (every bit up to m
 * fixed). Hints that contradict each other give no shape: the CHECK's
 * evaluation per row then says so.
 */
import type { NetworkHint } from '../../checks/check-hints.js';
import { formatInet, type InetAddress, inetValue, prefixMask } from '../../checks/inet-functions.js';
import type { RowRandom } from '../random.js';
import type { UniqueValueGenerator, ValueGenerator } from './generator.js';

interface NetworkShape {
  readonly v6: boolean;
  /** The reference address's bits. */
  readonly ref: bigint;
  /** How many leading bits of a value come from `ref` (at most its mask length). */
  readonly fixed: number;
  /** The mask lengths a value can have, inclusive. */
  readonly lo: number;
  readonly hi: number;
}

const INSIDE: Readonly<Record<string, boolean>> = { '<<': true, '<<=': false, '&&': false };
const CONTAINS: Readonly<Record<string, boolean>> = { '>>': true, '>>=': false };

/** The networks `hints` ask a value to be inside (the narrowest) and to contain (the first); undefined if none. */
function networkShape(hints: readonly NetworkHint[] | undefined): NetworkShape | undefined {
  if (hints === undefined || hints.every((h) => h.negated === true)) return undefined;
  let inside: { a: InetAddress; strict: boolean } | undefined;
  let contains: { a: InetAddress; strict: boolean } | undefined;
  for (const h of hints) {
    if (h.negated === true) continue;
    const a = inetValue(h.network);
    if (a === undefined) return undefined;
    const strictInside = INSIDE[h.op];
    if (strictInside !== undefined && (inside === undefined || a.masklen > inside.a.masklen))
      inside = { a, strict: strictInside };
    const strictContains = CONTAINS[h.op];
    if (strictContains !== undefined && contains === undefined) contains = { a, strict: strictContains };
  }
  const width = (inside ?? contains)?.a.v6 ? 128 : 32;
  const lo = inside === undefined ? 0 : inside.a.masklen + (inside.strict ? 1 : 0);
  if (contains === undefined) {
    if (inside === undefined || lo > width) return undefined;
    const { a } = inside;
    return { v6: a.v6, ref: a.bits & prefixMask(a, a.masklen), fixed: a.masklen, lo, hi: width };
  }
  const { a } = contains;
  const hi = a.masklen - (contains.strict ? 1 : 0);
  if (hi < lo) return undefined;
  if (inside !== undefined) {
    const mask = prefixMask(a, inside.a.masklen);
    if (inside.a.v6 !== a.v6 || (inside.a.bits & mask) !== (a.bits & mask)) return undefined;
  }
  return { v6: a.v6, ref: a.bits, fixed: a.masklen, lo, hi };
}

/** The value of mask length `m` whose bits past the shape's fixed ones are `free`'s. */
function shapedValue(shape: NetworkShape, m: number, free: bigint, cidr: boolean): string {
  const own = prefixMask(shape, m);
  const fixedMask = prefixMask(shape, Math.min(shape.fixed, m));
  const bits = (shape.ref & fixedMask) | (free & own & ~fixedMask);
  return formatInet({ v6: shape.v6, bits, masklen: m }, cidr);
}

function randomBits(rand: RowRandom, v6: boolean): bigint {
  const words = v6 ? 4 : 1;
  let out = 0n;
  for (let i = 0; i < words; i++) out = (out << 32n) | BigInt(rand.next() >>> 0);
  return out;
}

/** Common subnet lengths a cidr value inside a network takes first. */
const SUBNETS: Readonly<Record<string, readonly number[]>> = { v4: [24, 28, 16, 20], v6: [64, 48, 56] };

/** A mask length for a random value: a host (inet inside a network), a usual subnet (cidr), or near the top. */
function randomMasklen(shape: NetworkShape, rand: RowRandom, cidr: boolean): number {
  const width = shape.v6 ? 128 : 32;
  if (shape.hi === width && !cidr) return width;
  const usual = (SUBNETS[shape.v6 ? 'v6' : 'v4'] ?? []).filter((m) => m >= shape.lo && m <= shape.hi);
  if (shape.hi === width && usual.length > 0 && rand.below(4) !== 0)
    return usual[rand.below(usual.length)] ?? width;
  const from = Math.max(shape.lo, shape.hi - 8);
  return from + rand.below(shape.hi - from + 1);
}

/** Random inet/cidr values meeting the hints' networks; undefined when they ask none (or contradict). */
export function networkGenerator(
  hints: readonly NetworkHint[] | undefined,
  cidr: boolean,
): ValueGenerator | undefined {
  const shape = networkShape(hints);
  if (shape === undefined) return undefined;
  return {
    random: (rand) => shapedValue(shape, randomMasklen(shape, rand, cidr), randomBits(rand, shape.v6), cidr),
  };
}

/**
 * Distinct inet/cidr values meeting the hints' networks: the hosts of the network to be inside, in order,
 * or the networks (one per mask length, longest first) that contain the address asked.
 */
export function networkUnique(
  hints: readonly NetworkHint[] | undefined,
  cidr: boolean,
): UniqueValueGenerator | undefined {
  const shape = networkShape(hints);
  if (shape === undefined) return undefined;
  const width = shape.v6 ? 128 : 32;
  if (shape.hi === width && shape.fixed < width) {
    const hostBits = width - shape.fixed;
    return {
      space: hostBits >= 52 ? 2 ** 52 : 2 ** hostBits,
      value: (k) => shapedValue(shape, width, BigInt(k), cidr),
    };
  }
  return {
    space: shape.hi - shape.lo + 1,
    value: (k) => shapedValue(shape, shape.hi - k, 0n, cidr),
  };
}

/** The IPv4 addresses from `from` on that negated inside hints (`NOT (a << net)`) leave out: sorted, merged. */
export function excludedV4(
  hints: readonly NetworkHint[] | undefined,
  from: number,
): { readonly start: number; readonly end: number }[] {
  const gaps: { start: number; end: number }[] = [];
  for (const h of hints ?? []) {
    const a = h.negated === true && INSIDE[h.op] !== undefined ? inetValue(h.network) : undefined;
    if (a === undefined || a.v6) continue;
    const start = Number(a.bits & prefixMask(a, a.masklen));
    const end = start + 2 ** (32 - a.masklen) - 1;
    if (end >= from) gaps.push({ start: Math.max(start, from), end });
  }
  gaps.sort((x, y) => x.start - y.start);
  const merged: { start: number; end: number }[] = [];
  for (const g of gaps) {
    const last = merged[merged.length - 1];
    if (last !== undefined && g.start <= last.end + 1) last.end = Math.max(last.end, g.end);
    else merged.push({ ...g });
  }
  return merged;
}

/** Whether a negated inside hint leaves out IPv6 addresses (the unique hosts then stay IPv4). */
export function excludesV6(hints: readonly NetworkHint[] | undefined): boolean {
  return (hints ?? []).some((h) => h.negated === true && inetValue(h.network)?.v6 === true);
}

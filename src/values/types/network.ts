/**
 * inet, cidr, macaddr, macaddr8. cidr values have no bits set past the
 * prefix (PostgreSQL rejects them otherwise). Unique inet/cidr values are
 * consecutive IPv4 hosts from 10.0.0.1, then IPv6 hosts in fd00::/64.
 */
import { HEX2 } from './format.js';
import type { GeneratorHints, TypeSupport, UniqueValueGenerator } from './generator.js';
import { excludedV4, excludesV6, networkGenerator, networkUnique } from './network-bounds.js';

function ipv4(x: number): string {
  return `${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}`;
}

function hex16(x: number): string {
  return (x & 0xffff).toString(16);
}

const V4_PREFIXES = [8, 12, 16, 20, 24, 24, 24, 28, 32];
// inet prints a /32 as a bare host, so a netmask shown on a host address is always shorter.
const INET_PREFIXES = [8, 12, 16, 20, 24, 24, 24, 28];
const V4_BASE = 0x0a000001;
const V4_COUNT = 2 ** 32 - V4_BASE;

/**
 * Distinct hosts: consecutive IPv4 hosts from 10.0.0.1, then IPv6 hosts in fd00::/64; the IPv4 networks
 * negated CHECKs leave out (`NOT (a << '10.0.0.0/8')`) skipped, no IPv6 when one leaves IPv6 out.
 */
function uniqueHosts(hints: GeneratorHints, cidr: boolean): UniqueValueGenerator {
  const gaps = excludedV4(hints.networks, V4_BASE);
  const v4Count = gaps.reduce((n, g) => n - (g.end - g.start + 1), V4_COUNT);
  const v6 = !excludesV6(hints.networks);
  return {
    space: v6 ? Number.POSITIVE_INFINITY : v4Count,
    value: (k) => {
      if (k < v4Count) {
        let a = V4_BASE + k;
        for (const g of gaps) if (a >= g.start) a += g.end - g.start + 1;
        return ipv4(a) + (cidr ? '/32' : '');
      }
      const j = k - v4Count;
      const hi = Math.floor(j / 4294967296);
      return `fd00::${hex16(hi >>> 16)}:${hex16(hi)}:${hex16(j >>> 16)}:${hex16(j)}${cidr ? '/128' : ''}`;
    },
  };
}

export const inetSupport: TypeSupport = {
  random: (_type, hints) =>
    networkGenerator(hints.networks, false) ?? {
      random(rand) {
        const r = rand.below(20);
        if (r < 17) return ipv4(rand.next());
        if (r < 19) return `${ipv4(rand.next())}/${INET_PREFIXES[rand.below(INET_PREFIXES.length)]}`;
        const a = rand.next();
        const b = rand.next();
        return `2001:db8:${hex16(a >>> 16)}:${hex16(a)}::${hex16(b >>> 16)}:${hex16(b)}`;
      },
    },
  unique: (_type, hints) => networkUnique(hints.networks, false) ?? uniqueHosts(hints, false),
};

export const cidrSupport: TypeSupport = {
  random: (_type, hints) =>
    networkGenerator(hints.networks, true) ?? {
      random(rand) {
        if (rand.below(10) === 0) {
          const a = rand.next();
          return `2001:db8:${hex16(a >>> 16)}:${hex16(a)}::/64`;
        }
        const prefix = V4_PREFIXES[rand.below(V4_PREFIXES.length)]!;
        const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
        return `${ipv4((rand.next() & mask) >>> 0)}/${prefix}`;
      },
    },
  unique: (_type, hints) => networkUnique(hints.networks, true) ?? uniqueHosts(hints, true),
};

function macBytes(hi: number, lo: number, count: number): string {
  let out = '';
  for (let i = count - 1; i >= 0; i--) {
    const byte = i >= 4 ? (hi >>> ((i - 4) * 8)) & 255 : (lo >>> (i * 8)) & 255;
    out += (out === '' ? '' : ':') + HEX2[byte]!;
  }
  return out;
}

export const macaddrSupport: TypeSupport = {
  random: () => ({ random: (rand) => macBytes(rand.next(), rand.next(), 6) }),
  unique: () => ({
    space: 2 ** 48,
    value: (k) => macBytes(Math.floor(k / 4294967296), k >>> 0, 6),
  }),
};

export const macaddr8Support: TypeSupport = {
  random: () => ({ random: (rand) => macBytes(rand.next(), rand.next(), 8) }),
  unique: () => ({
    space: Number.POSITIVE_INFINITY,
    value: (k) => macBytes(Math.floor(k / 4294967296), k >>> 0, 8),
  }),
};

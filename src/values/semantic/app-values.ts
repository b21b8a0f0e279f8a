/**
 * Version 3: what web applications keep beside their domain data, found
 * unreal by a spot check of Mastodon, Solidus and LedgerSMB: file sizes in
 * bytes, physical dimensions, list positions, locales, host names, password
 * hashes and the class names of Rails' polymorphic `*_type` columns.
 */
import { mix32 } from '../random.js';
import { escapeFreeTexts } from '../types/escape-free.js';
import { HEX2 } from '../types/format.js';
import { DOMAIN_SUFFIXES, NOUNS } from './locale-data.js';
import type { SemanticBuild, SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { capitalize, fitting } from './text-fit.js';

const SIZE_WORDS = new Set(['filesize', 'bytesize', 'bytes', 'contentlength']);
const DIMENSIONS = new Set(['weight', 'height', 'width', 'depth']);
const PASSWORD_WORDS = new Set(['hashedpassword', 'cryptedpassword', 'userpassword']);
const NETWORK_WORDS = new Set([
  'addr',
  'address',
  'ip',
  'net',
  'network',
  'subnet',
  'cidr',
  'netid',
  'route',
]);
const IMAGE_NAMES = new Set(['image', 'picture', 'avatar', 'photo', 'thumbnail', 'logo']);
const POSITIONS = new Set(['position', 'sortorder', 'displayorder', 'ordinal', 'sortindex', 'sortkey']);

/** Version 3: the kind of a column these rules read by its words, or null. */
export function appKindFromName(tokens: readonly string[]): SemanticKind | null {
  const last = tokens[tokens.length - 1] ?? '';
  const lastTwo = tokens.slice(-2).join('');
  if (SIZE_WORDS.has(last) || SIZE_WORDS.has(lastTwo) || (last === 'size' && tokens.includes('file')))
    return 'byte_size';
  if (DIMENSIONS.has(last)) return 'dimension';
  // A bare `order` beside the row's other columns is its place in a list (linkwarden's dashboard sections).
  if (POSITIONS.has(last) || POSITIONS.has(lastTwo) || (last === 'order' && tokens.length === 1))
    return 'position';
  if (last === 'locale') return 'locale';
  // ChirpStack's `dev_addr_prefixes`, an `ip_prefix`: a network's prefix, not a name's (`Mr.`).
  if (last === 'prefix' && tokens.some((w) => NETWORK_WORDS.has(w))) return 'network_prefix';
  if (last === 'domain' || last === 'hostname' || lastTwo === 'hostname') return 'domain';
  // A text `host` (Discourse's embeddable_hosts.host, `smtp_host`) is a host name, not words.
  if (last === 'host') return 'domain';
  // A `link`/`permalink` is a URL; a bare `image`/`picture`/`avatar` (Auth.js' User.image) an image's URL.
  if (last === 'link' || last === 'permalink') return 'url';
  if (IMAGE_NAMES.has(last) && tokens.length <= 2) return 'url';
  // Rails' and Devise's names (a `password_hash` stays a hex token); an application's `password`
  // column holds what it stores, a hash (linkwarden's "User".password was words).
  if (lastTwo === 'passworddigest' || lastTwo === 'encryptedpassword' || PASSWORD_WORDS.has(lastTwo))
    return 'password_hash';
  if (last === 'password' || last === 'passwd') return 'password_hash';
  // An integer gender or sex is a small code (TMDb's 0 unknown, 1, 2; ISO 5218's 0, 1, 2, 9); a text one a word.
  if (last === 'gender' || last === 'sex') return 'small_code';
  // A vote average is a rating (TMDb's vote_average on 0-10).
  if (tokens.includes('vote') && (last === 'average' || last === 'avg')) return 'rating';
  if ((last === 'average' || last === 'avg') && tokens.includes('rating')) return 'rating';
  return null;
}

/** Bytes of a stored file: log-uniform from 1 KB to 20 MB, as uploads are. */
export function createByteSizeGenerator(build: SemanticBuild): SemanticGenerator {
  const high = build.base.name === 'int2' ? 32767 : 20_000_000;
  const low = Math.log(1024);
  const span = Math.log(high) - low;
  return { escapeFree: true, random: (rand) => String(Math.floor(Math.exp(low + rand.float() * span))) };
}

/**
 * A weight in kilograms (0.1–40) or a length in centimetres (1–200),
 * log-uniform, two fraction digits where the type has them.
 */
export function createDimensionGenerator(build: SemanticBuild): SemanticGenerator {
  const weight = build.tokens.includes('weight');
  const [low, high] = weight ? [0.1, 40] : [1, 200];
  const integer = ['int2', 'int4', 'int8'].includes(build.base.name);
  const scale = integer ? 0 : Math.min(2, build.base.name === 'numeric' ? (build.base.typmods[1] ?? 2) : 2);
  const p = build.base.name === 'numeric' ? build.base.typmods[0] : undefined;
  const limit = p === undefined ? Number.POSITIVE_INFINITY : 10 ** (p - scale) - 1;
  const a = Math.log(low);
  const b = Math.log(Math.min(high, limit)) - a;
  return {
    escapeFree: true,
    random: (rand) => Math.max(integer ? 1 : 0, Math.exp(a + rand.float() * b)).toFixed(scale),
  };
}

/** A place in a short list (1 to 20, the first places most often). */
export function createPositionGenerator(_build: SemanticBuild): SemanticGenerator {
  return { escapeFree: true, random: (rand) => String(1 + Math.floor(20 * rand.float() ** 1.5)) };
}

const LOCALES: readonly string[] = [
  'en',
  'en',
  'en',
  'en-US',
  'en-GB',
  'de',
  'fr',
  'es',
  'ja',
  'pt-BR',
  'it',
  'nl',
];

/** `en`, `de`, `pt-BR`: English most often. */
export function createLocaleGenerator(build: SemanticBuild): SemanticGenerator {
  const list = fitting(LOCALES, build.maxLength);
  return { escapeFree: true, random: (rand) => list[rand.below(list.length)] as string };
}

/** `harbor.social`, `mail.quietriver.net`: a noun or two and a top-level domain. */
export function createDomainGenerator(build: SemanticBuild): SemanticGenerator {
  const suffixes = DOMAIN_SUFFIXES.length > 0 ? DOMAIN_SUFFIXES : ['com'];
  const { maxLength } = build;
  return {
    escapeFree: escapeFreeTexts(NOUNS) && escapeFreeTexts(suffixes),
    random(rand) {
      const name = rand.chance(0.5) ? rand.pick(NOUNS) : `${rand.pick(NOUNS)}${rand.pick(NOUNS)}`;
      const host = `${rand.chance(0.2) ? 'mail.' : ''}${name}.${rand.pick(suffixes)}`;
      return host.length <= maxLength ? host : `${rand.pick(NOUNS)}.com`.slice(0, maxLength);
    },
  };
}

const BCRYPT = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A password hash as applications store one: bcrypt's `$2a$12$` and 53
 * characters of its alphabet (Devise's `encrypted_password`,
 * `password_digest`), or hex where the column is too short for that.
 */
export function createPasswordHashGenerator(build: SemanticBuild): SemanticGenerator {
  const bcrypt = build.maxLength >= 60;
  const hexLength = Math.min(64, build.maxLength);
  return {
    escapeFree: true,
    random(rand) {
      let h = rand.next();
      let out = bcrypt ? '$2a$12$' : '';
      const n = bcrypt ? 53 : hexLength;
      while (out.length < (bcrypt ? 60 : n)) {
        h = mix32(h + 0x9e3779b9);
        out += bcrypt ? BCRYPT[h % 64] : (HEX2[h & 255] as string);
      }
      return out.slice(0, bcrypt ? 60 : n);
    },
  };
}

/** Words a Rails model is named by: capitalised nouns (`Post`, `Photo`), 2 to 4 per column. */
export function polymorphicTypes(build: SemanticBuild): readonly string[] {
  let h = mix32(build.column.name.length * 131 + build.table.name.length);
  for (const c of `${build.table.name}.${build.column.name}`) h = mix32(h ^ c.charCodeAt(0));
  const size = 2 + (h % 3);
  const words = fitting(
    NOUNS.filter((w) => w.length <= 10),
    build.maxLength,
  );
  const out: string[] = [];
  for (let i = 0; out.length < size && i < 64; i++) {
    const w = capitalize(words[mix32(h + i) % words.length] ?? 'Record');
    if (!out.includes(w)) out.push(w);
  }
  return out;
}

/**
 * Whether a column is the type half of a Rails polymorphic pair
 * (`commentable_type` beside `commentable_id`, `source_type` beside `source_id`).
 */
export function isPolymorphicType(build: SemanticBuild): boolean {
  const t = build.tokens;
  if (t.length < 2 || t[t.length - 1] !== 'type') return false;
  const stem = t.slice(0, -1).join('_');
  return build.table.columns.some((c) => c.name.toLowerCase() === `${stem}_id`);
}

/**
 * A network prefix with its length, the bits past the length zero: an IPv4
 * one (`10.24.0.0/16`) where the name says ip, cidr or subnet, else a 32-bit
 * address in hex as LoRaWAN servers write DevAddr prefixes (`26010000/16`).
 */
export function createNetworkPrefixGenerator(build: SemanticBuild): SemanticGenerator {
  const ip = build.tokens.some((w) => w === 'ip' || w === 'cidr' || w === 'subnet');
  const [low, high] = ip ? [8, 28] : [7, 24];
  return {
    escapeFree: true,
    random(rand) {
      // IPv4 in the private ranges, as an application's own networks are: 10/8, 172.16/12, 192.168/16.
      const range = ip ? rand.below(3) : 0;
      const fixed = ip ? ([8, 12, 16][range] as number) : 0;
      const base = ip ? ([0x0a000000, 0xac100000, 0xc0a80000][range] as number) : 0;
      const bits = Math.max(fixed, low + rand.below(high - low + 1));
      const free = fixed === 0 ? rand.next() : rand.next() & ((1 << (32 - fixed)) - 1);
      const masked = ((base | free) & (~0 << (32 - bits))) >>> 0;
      const text = ip
        ? `${masked >>> 24}.${(masked >>> 16) & 255}.${(masked >>> 8) & 255}.${masked & 255}`
        : masked.toString(16).padStart(8, '0');
      const value = `${text}/${bits}`;
      return value.length <= build.maxLength ? value : value.slice(0, build.maxLength);
    },
  };
}

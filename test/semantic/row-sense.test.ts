/**
 * Generator version 3, from a look at real schemas (linkwarden, ChirpStack,
 * Stripe-like subscriptions, address books): a period's end follows its own
 * start whatever its prefix (`currentPeriodStart`/`currentPeriodEnd`,
 * `multicast_session_start`/`_end`, two periods in one row); a bare
 * `expires` and a participle time (`emailVerified`) come after the row's
 * creation; the name of a thing is one to three capitalised words, not a
 * sentence; a network prefix is a prefix (`26010000/16`, `10.24.0.0/16`),
 * not `Mr.`; a row's region is its own city's (Salvador in Bahia); a
 * `host` is a host name, a `link` a URL, a bare `image` an image's URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const DDL = `CREATE TABLE "Subscription" (id serial PRIMARY KEY,
  "createdAt" timestamp(3) NOT NULL DEFAULT now(),
  "currentPeriodStart" timestamp(3) NOT NULL,
  "currentPeriodEnd" timestamp(3) NOT NULL,
  trial_start timestamptz, trial_end timestamptz,
  billing_period_start timestamptz NOT NULL, billing_period_end timestamptz NOT NULL,
  multicast_session_start timestamptz, multicast_session_end timestamptz);
CREATE TABLE "VerificationToken" (token text PRIMARY KEY, expires timestamp(3) NOT NULL,
  "createdAt" timestamp(3) NOT NULL, "emailVerified" timestamp(3));
CREATE TABLE gateway (id serial PRIMARY KEY, name text NOT NULL, label_name varchar(12),
  dev_addr_prefixes text[] NOT NULL, ip_prefix text NOT NULL, host text NOT NULL, image text NOT NULL,
  link text NOT NULL);
CREATE TABLE country (country_id serial PRIMARY KEY, country text NOT NULL);
CREATE TABLE contact (id serial PRIMARY KEY, city text NOT NULL, state text NOT NULL,
  state_code char(2) NOT NULL, country_id integer NOT NULL REFERENCES country);`;

/** Regions of the listed Brazilian and Japanese cities, by name and by code. */
const REGION_OF: Readonly<Record<string, readonly [string, string | null]>> = {
  Brasília: ['Distrito Federal', 'DF'],
  'São Paulo': ['São Paulo', 'SP'],
  'Rio de Janeiro': ['Rio de Janeiro', 'RJ'],
  Salvador: ['Bahia', 'BA'],
  Fortaleza: ['Ceará', 'CE'],
  'Belo Horizonte': ['Minas Gerais', 'MG'],
  Manaus: ['Amazonas', 'AM'],
  Curitiba: ['Paraná', 'PR'],
  Recife: ['Pernambuco', 'PE'],
  'Porto Alegre': ['Rio Grande do Sul', 'RS'],
  Yokohama: ['Kanagawa', null],
  Sapporo: ['Hokkaido', null],
  Kobe: ['Hyogo', null],
};

describe('values that make sense together', () => {
  beforeAll(async () => {
    db = await createTestDatabase('rowsense');
  });
  afterAll(async () => db.close());

  it('keeps periods, deadlines, names, prefixes and regions real (version 3)', async () => {
    const { target, counts } = await loadGenerated(db, DDL, {
      tables: { Subscription: 2000, VerificationToken: 2000, gateway: 1000, country: 400, contact: 6000 },
      seed: 4,
    });
    expect(counts.get('public.contact')).toBe(6000);
    const sub = (where: string) => count(target, `SELECT count(*) AS n FROM "Subscription" WHERE ${where}`);
    expect(await sub('"currentPeriodEnd" < "currentPeriodStart"')).toBe(0);
    expect(await sub('trial_end < trial_start')).toBe(0);
    expect(await sub('billing_period_end < billing_period_start')).toBe(0);
    expect(await sub('multicast_session_end < multicast_session_start')).toBe(0);
    // Each end pairs with its own start: not all ends equal to one start.
    expect(await sub('billing_period_end <> billing_period_start')).toBeGreaterThan(1000);

    const token = (where: string) =>
      count(target, `SELECT count(*) AS n FROM "VerificationToken" WHERE ${where}`);
    expect(await token('expires < "createdAt"')).toBe(0);
    expect(await token('"emailVerified" < "createdAt"')).toBe(0);
    expect(await token('"emailVerified" IS NOT NULL')).toBeGreaterThan(500);

    // Names: one to three capitalised words of letters.
    const names = await target.query<{ name: string; label_name: string | null }>(
      'SELECT name, label_name FROM gateway',
    );
    const nameShape = /^\p{Lu}[\p{L}'-]*( \p{Lu}[\p{L}'-]*){0,2}$/u;
    expect(names.filter((r) => !nameShape.test(r.name)).slice(0, 5)).toEqual([]);
    expect(new Set(names.map((r) => r.name.split(' ').length))).toEqual(new Set([1, 2, 3]));
    expect(names.filter((r) => r.label_name !== null && r.label_name.length > 12)).toEqual([]);

    // A host is a host name, a link a URL, an image an image's URL (were words).
    const web = await target.query<{ host: string; image: string; link: string }>(
      'SELECT host, image, link FROM gateway',
    );
    expect(web.filter((r) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(r.host)).slice(0, 5)).toEqual([]);
    expect(
      web.filter((r) => !/^https:\/\/images\.example\.com\/[0-9a-f]+\.jpg$/.test(r.image)).slice(0, 5),
    ).toEqual([]);
    expect(web.filter((r) => !/^https:\/\/[a-z0-9.-]+\.[a-z]+/.test(r.link)).slice(0, 5)).toEqual([]);

    // LoRaWAN DevAddr prefixes: 8 hex digits, a length, no bit set past it; IP prefixes PostgreSQL takes as cidr.
    const prefixes = await target.query<{ p: string }>('SELECT unnest(dev_addr_prefixes) AS p FROM gateway');
    expect(prefixes.length).toBeGreaterThan(1000);
    const badPrefix = (p: string) => {
      const m = /^([0-9a-f]{8})\/(\d+)$/.exec(p);
      if (m === null) return true;
      const bits = Number(m[2]);
      const rest = bits >= 32 ? 0 : (Number.parseInt(m[1] as string, 16) & (2 ** (32 - bits) - 1)) >>> 0;
      return bits < 1 || bits > 32 || rest !== 0;
    };
    expect(
      prefixes
        .map((r) => r.p)
        .filter(badPrefix)
        .slice(0, 5),
    ).toEqual([]);
    const cidrs = await target.query<{ ok: boolean }>(
      "SELECT bool_and(ip_prefix::cidr::text = ip_prefix AND (ip_prefix::cidr <<= '10.0.0.0/8' OR ip_prefix::cidr <<= '172.16.0.0/12' OR ip_prefix::cidr <<= '192.168.0.0/16')) AS ok FROM gateway",
    );
    expect(cidrs[0]?.ok).toBe(true);

    // A listed city's region is its own, by name and by code.
    const contacts = await target.query<{ city: string; state: string; state_code: string }>(
      "SELECT city, state, state_code FROM contact JOIN country USING (country_id) WHERE country IN ('Brazil', 'Japan')",
    );
    const listed = contacts.filter((r) => REGION_OF[r.city] !== undefined);
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.filter((r) => REGION_OF[r.city]?.[0] !== r.state).slice(0, 5)).toEqual([]);
    const coded = listed.filter((r) => REGION_OF[r.city]?.[1] !== null);
    expect(coded.length).toBeGreaterThan(10);
    expect(coded.filter((r) => REGION_OF[r.city]?.[1] !== r.state_code).slice(0, 5)).toEqual([]);
  });

  it('keeps unique times no name places in the past', async () => {
    // Discourse's daily counts: UNIQUE (date, req_type) gave dates up to the year 9999 (`7440-01-01`).
    const daily = `CREATE TABLE application_requests (id serial PRIMARY KEY, date date NOT NULL,
      req_type integer NOT NULL, count integer NOT NULL DEFAULT 0);
      CREATE UNIQUE INDEX ON application_requests (date, req_type);
      CREATE TABLE events (id serial PRIMARY KEY, event_time timestamptz NOT NULL UNIQUE);`;
    const { target, counts } = await loadGenerated(db, daily, { defaultRows: 3000, seed: 2 });
    expect(counts.get('public.application_requests')).toBe(3000);
    const outside = `SELECT count(*) AS n FROM application_requests WHERE date < '2000-01-01' OR date >= '2026-01-01'`;
    expect(await count(target, outside)).toBe(0);
    const late = `SELECT count(*) AS n FROM events WHERE event_time < '2015-12-31' OR event_time >= '2026-01-01'`;
    expect(await count(target, late)).toBe(0);
  });

  it('leaves version 2 as it was', async () => {
    const { target } = await loadGenerated(db, DDL, { defaultRows: 300, seed: 4, generatorVersion: 2 });
    // Version 2 read none of these names: periods unordered, prefixes as name prefixes.
    expect(
      await count(
        target,
        'SELECT count(*) AS n FROM "Subscription" WHERE "currentPeriodEnd" < "currentPeriodStart"',
      ),
    ).toBeGreaterThan(50);
  });
});

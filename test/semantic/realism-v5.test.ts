/**
 * Generator version 5 (issue 11, what version 4 still lacked): the stages of
 * a row's life in order whatever the time word (`submitted_on` ≤
 * `reviewed_on`, `sent_at` ≤ `delivered_at` ≤ `read_at`, `born` ≤ `died`,
 * `first_seen` ≤ `last_seen`, `since` ≤ `until`). Loaded into the real
 * server and counted there. Version 4 keeps its values.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

const STAGES = `CREATE TABLE reviews (id serial PRIMARY KEY, created_at timestamptz NOT NULL, submitted_at timestamptz,
  reviewed_at timestamptz, approved_at timestamptz, rejected_at timestamptz);
CREATE TABLE devices (id serial PRIMARY KEY, first_seen timestamp NOT NULL, last_seen timestamp NOT NULL);
CREATE TABLE messages (id serial PRIMARY KEY, sent_at timestamptz NOT NULL, delivered_at timestamptz,
  read_at timestamptz, seen_at timestamp);
CREATE TABLE issues (id serial PRIMARY KEY, opened_on date NOT NULL, resolved_on date, closed_at timestamp);
CREATE TABLE permissions (id serial PRIMARY KEY, requested_date date NOT NULL, granted_date date);
CREATE TABLE docs (id serial PRIMARY KEY, published_on date, archived_on date);
CREATE TABLE stays (id serial PRIMARY KEY, checked_in_at timestamptz NOT NULL, checked_out_at timestamptz);
CREATE TABLE persons (id serial PRIMARY KEY, born date, died date);
CREATE TABLE employees (id serial PRIMARY KEY, hire_date date NOT NULL, termination_date date);
CREATE TABLE periods (id serial PRIMARY KEY, begin_at timestamp, end_at timestamp, begin_time timestamp,
  end_time timestamp);
CREATE TABLE memberships (id serial PRIMARY KEY, since date NOT NULL, until date, member_since timestamp,
  member_until timestamp);
CREATE TABLE submissions (id serial PRIMARY KEY, date_submitted date NOT NULL, approval_time timestamp,
  submitted_ts timestamptz, rejected_ts timestamptz);`;

/** [table, earlier, later]: every pair the rows must keep in order. */
const PAIRS: readonly (readonly [string, string, string])[] = [
  ['reviews', 'created_at', 'submitted_at'],
  ['reviews', 'submitted_at', 'reviewed_at'],
  ['reviews', 'reviewed_at', 'approved_at'],
  ['reviews', 'submitted_at', 'rejected_at'],
  ['devices', 'first_seen', 'last_seen'],
  ['messages', 'sent_at', 'delivered_at'],
  ['messages', 'delivered_at', 'read_at'],
  ['messages', 'delivered_at', 'seen_at'],
  ['issues', 'opened_on', 'resolved_on'],
  ['issues', 'resolved_on', 'closed_at'],
  ['permissions', 'requested_date', 'granted_date'],
  ['docs', 'published_on', 'archived_on'],
  ['stays', 'checked_in_at', 'checked_out_at'],
  ['persons', 'born', 'died'],
  ['employees', 'hire_date', 'termination_date'],
  ['periods', 'begin_at', 'end_at'],
  ['periods', 'begin_time', 'end_time'],
  ['memberships', 'since', 'until'],
  ['memberships', 'member_since', 'member_until'],
  ['submissions', 'date_submitted', 'approval_time'],
  ['submissions', 'submitted_ts', 'rejected_ts'],
];

const PLACES = `CREATE TABLE address (id serial PRIMARY KEY, street text NOT NULL, city text NOT NULL, state text NOT NULL,
  postal_code varchar(10) NOT NULL);
CREATE TABLE site (id serial PRIMARY KEY, city text NOT NULL, state char(2) NOT NULL, region_code char(2) NOT NULL);`;

/** A few cities of each home country and their region (as faker's locale names it) and postal code start. */
const KNOWN: Readonly<Record<string, readonly (readonly [string, string, string])[]>> = {
  en: [
    ['Houston', 'Texas', '7'],
    ['Chicago', 'Illinois', '6'],
    ['Boston', 'Massachusetts', '0'],
  ],
  es: [
    ['Barcelona', 'Cataluña', '08'],
    ['Madrid', 'Comunidad de Madrid', '28'],
    ['Bilbao', 'País Vasco', '48'],
  ],
  fr: [
    ['Lyon', 'Rhône-Alpes', '69'],
    ['Marseille', "Provence-Alpes-Côte d'Azur", '13'],
  ],
  de: [
    ['München', 'Bayern', '80'],
    ['Dresden', 'Sachsen', '01'],
  ],
  ja: [
    ['大阪市', '大阪府', '530'],
    ['札幌市', '北海道', '060'],
  ],
};

/** ISO 3166-2 codes of Spain's autonomous communities and Germany's states. */
const ES_CODES = new Set('AN AR AS IB CN CB CM CL CT VC EX GA RI MD NC PV MC'.split(' '));
const DE_CODES = new Set('BW BY BE BB HB HH HE MV NI NW RP SL SN ST SH TH'.split(' '));

const EPOCHS = `CREATE TABLE "Account" (id text PRIMARY KEY, "userId" text NOT NULL, provider text NOT NULL,
  access_token text, expires_at integer, token_type text);
CREATE TABLE tokens (id serial PRIMARY KEY, created_at timestamptz NOT NULL, expires_at bigint, exp integer,
  expires integer, updated_at bigint, sent_at_ms bigint, read_at_ms bigint, timeout_ms integer,
  created integer UNIQUE);
CREATE TABLE jwt (id serial PRIMARY KEY, iat integer NOT NULL, exp integer NOT NULL CHECK (exp > 0));`;

describe('generator version 5', () => {
  beforeAll(async () => {
    db = await createTestDatabase('realismv5');
  });
  afterAll(async () => db.close());

  it("keeps every stage of a row's life after the earlier ones, whatever the time word", async () => {
    const { target } = await loadGenerated(db, STAGES, { defaultRows: 2000, seed: 12 });
    const outOfOrder: string[] = [];
    for (const [table, earlier, later] of PAIRS) {
      const both = await count(
        target,
        `SELECT count(*) AS n FROM ${table} WHERE ${earlier} IS NOT NULL AND ${later} IS NOT NULL`,
      );
      const bad = await count(target, `SELECT count(*) AS n FROM ${table} WHERE ${later} < ${earlier}`);
      // Rows hold both (an archive date only a few: a rare event); a stage is not merely equal to the one before.
      expect(both, `${table}.${earlier}/${later}`).toBeGreaterThan(table === 'docs' ? 50 : 1000);
      const later_ = await count(target, `SELECT count(*) AS n FROM ${table} WHERE ${later} > ${earlier}`);
      expect(later_, `${table}.${later} > ${earlier}`).toBeGreaterThan(both / 2);
      if (bad > both / 100) outOfOrder.push(`${table}: ${later} < ${earlier} in ${bad} of ${both}`);
    }
    expect(outOfOrder).toEqual([]);
    // Nothing past the dataset's "now" but deadlines; a death anywhere after the birth, not mostly in childhood.
    expect(await count(target, "SELECT count(*) AS n FROM messages WHERE read_at >= '2026-01-01'")).toBe(0);
    expect(
      await count(target, 'SELECT count(*) AS n FROM persons WHERE died - born > 365 * 20'),
    ).toBeGreaterThan(800);
  });

  it('names what a stage follows in the plan', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 's.sql'), STAGES);
    const { plan, schema } = await planGeneration({ schema: [join(dir, 's.sql')], defaultRows: 10 });
    const description = describePlan(plan, schema);
    const source = (table: string, column: string) =>
      description.tables.find((t) => t.table === `public.${table}`)?.columns.find((c) => c.name === column)
        ?.source ?? '';
    expect(source('messages', 'read_at')).toContain(
      'at or after the latest of sent_at, delivered_at in the row',
    );
    expect(source('reviews', 'reviewed_at')).toContain(
      'at or after submitted_at in the row (after created_at where they are NULL)',
    );
    expect(source('messages', 'sent_at')).not.toContain('at or after');
    // A past moment that follows a stage says so, not "no stage" and a window of its own.
    const approval = source('submissions', 'approval_time');
    expect(approval).toContain('generator past_time');
    expect(approval).toContain('at or after the latest of date_submitted, submitted_ts in the row');
    expect(approval).toContain('mostly soon after');
    expect(approval).not.toMatch(/no stage|ten years/);
    expect(source('persons', 'died')).toContain('at or after born in the row');
    expect(source('persons', 'died')).toContain('anywhere up to the reference date');
    // A chain's first stage of a later kind with no creation beside it falls as a creation time does.
    expect(source('issues', 'opened_on')).toContain('the first of its row’s stages');
  });

  it('names a past moment that follows no stage by its ten years, and generates it there', async () => {
    const ddl = `CREATE TABLE readings (id serial PRIMARY KEY, taken date NOT NULL, submission_time timestamp NOT NULL,
  review_time timestamp);`;
    const dir = tempDir();
    writeFileSync(join(dir, 'r.sql'), ddl);
    const { plan, schema } = await planGeneration({ schema: [join(dir, 'r.sql')], defaultRows: 10 });
    const columns = describePlan(plan, schema).tables[0]?.columns ?? [];
    const source = (name: string) => columns.find((c) => c.name === name)?.source ?? '';
    for (const name of ['taken', 'submission_time'])
      expect(source(name), name).toContain(
        'generator past_time: its name tells no creation, change or deadline), in the ten years before the reference date',
      );
    expect(source('review_time')).toContain('at or after submission_time in the row');
    const { target } = await loadGenerated(db, ddl, { defaultRows: 1000, seed: 3 });
    const q = (sql: string) => count(target, sql);
    expect(
      await q("SELECT count(*) AS n FROM readings WHERE taken < '2016-01-01' OR taken >= '2026-01-01'"),
    ).toBe(0);
    expect(await q('SELECT count(*) AS n FROM readings WHERE review_time < submission_time')).toBe(0);
    expect(await q('SELECT count(review_time) AS n FROM readings')).toBeGreaterThan(800);
  });

  it.each(Object.keys(KNOWN))(
    'takes city, region and postal code from one record of the home country (%s)',
    async (locale) => {
      const { target } = await loadGenerated(db, PLACES, {
        defaultRows: 1500,
        seed: 5,
        ...(locale === 'en' ? {} : { locale }),
      });
      const rows = await target.query<{ city: string; state: string; postal_code: string }>(
        'SELECT city, state, postal_code FROM address',
      );
      // One region per city over all rows (a city in two regions would be a disagreement).
      const regionsOf = new Map<string, Set<string>>();
      for (const r of rows) regionsOf.set(r.city, (regionsOf.get(r.city) ?? new Set()).add(r.state));
      expect([...regionsOf].filter(([, regions]) => regions.size > 1).slice(0, 5)).toEqual([]);
      expect(regionsOf.size).toBeGreaterThan(20);
      for (const [city, region, postal] of KNOWN[locale] ?? []) {
        const mine = rows.filter((r) => r.city === city);
        expect(mine.length, city).toBeGreaterThan(0);
        expect(mine.filter((r) => r.state !== region || !r.postal_code.startsWith(postal))).toEqual([]);
      }
      // The code columns of a city's row: its region's code, the same in both.
      const sites = await target.query<{ city: string; state: string; region_code: string }>(
        'SELECT city, state, region_code FROM site',
      );
      expect(sites.filter((r) => r.state !== r.region_code).slice(0, 5)).toEqual([]);
      const codesOf = new Map<string, Set<string>>();
      for (const r of sites) codesOf.set(r.city, (codesOf.get(r.city) ?? new Set()).add(r.state));
      expect([...codesOf].filter(([, codes]) => codes.size > 1).slice(0, 5)).toEqual([]);
    },
  );

  it("starts a ZIP as its city's do where no state column says the state (en)", async () => {
    const { target } = await loadGenerated(
      db,
      `CREATE TABLE shops (id serial PRIMARY KEY, city text NOT NULL, zip varchar(10) NOT NULL);
CREATE TABLE kiosks (id serial PRIMARY KEY, city text NOT NULL, postal_code varchar(2) NOT NULL);`,
      { defaultRows: 1500, seed: 8 },
    );
    const rows = await target.query<{ city: string; zip: string }>('SELECT city, zip FROM shops');
    // Houston's ZIP codes start 770, Chicago's 606, Boston's 021, Buffalo's 142.
    const known: Readonly<Record<string, string>> = {
      Houston: '770',
      Chicago: '606',
      Boston: '021',
      Buffalo: '142',
    };
    for (const [city, start] of Object.entries(known)) {
      const mine = rows.filter((r) => r.city === city);
      expect(mine.length, city).toBeGreaterThan(0);
      expect(mine.filter((r) => !r.zip.startsWith(start) || !/^\d{5}(-\d{4})?$/.test(r.zip))).toEqual([]);
    }
    // One three-digit start per city over all rows.
    const startsOf = new Map<string, Set<string>>();
    for (const r of rows) startsOf.set(r.city, (startsOf.get(r.city) ?? new Set()).add(r.zip.slice(0, 3)));
    expect([...startsOf].filter(([, starts]) => starts.size > 1).slice(0, 5)).toEqual([]);
    // A code column shorter than a city's start keeps codes that fit it (the load above holds them).
    expect(await count(target, 'SELECT count(*) AS n FROM kiosks WHERE length(postal_code) = 2')).toBe(1500);
  });

  it("writes the locale's real region codes in a char(2), never a cut name", async () => {
    const codes = async (locale: string) => {
      const { target } = await loadGenerated(db, PLACES, { defaultRows: 600, seed: 9, locale });
      const rows = await target.query<{ v: string }>(
        'SELECT state AS v FROM site UNION ALL SELECT region_code FROM site',
      );
      return new Set(rows.map((r) => r.v));
    };
    const es = await codes('es');
    expect([...es].filter((c) => !ES_CODES.has(c))).toEqual([]);
    expect(es.size).toBeGreaterThan(10);
    const de = await codes('de');
    expect([...de].filter((c) => !DE_CODES.has(c))).toEqual([]);
    // Japan's prefectures by their two digits (JP-01 … JP-47), not `1`.
    const ja = [...(await codes('ja'))];
    expect(ja.filter((c) => !/^(0[1-9]|[1-3]\d|4[0-7])$/.test(c))).toEqual([]);
    // France's regions have no two-letter codes: codes of their letters, two of them, no cut `Al`.
    const fr = [...(await codes('fr'))];
    expect(fr.filter((c) => !/^[A-Z]{2}$/.test(c))).toEqual([]);
  });

  it('writes moments kept as integers as epoch seconds (milliseconds in a bigint _ms), after the creation', async () => {
    const { target } = await loadGenerated(db, EPOCHS, { defaultRows: 2000, seed: 4 });
    const q = (sql: string) => count(target, sql);
    // 2016 .. 2027 in seconds (a deadline may lie up to a year after the dataset's "now").
    const sensible = (c: string) => `${c} IS NOT NULL AND ${c} NOT BETWEEN 1451606400 AND 1830297600`;
    expect(await q(`SELECT count(*) AS n FROM "Account" WHERE ${sensible('expires_at')}`)).toBe(0);
    expect(await q('SELECT count(expires_at) AS n FROM "Account"')).toBeGreaterThan(1500);
    for (const c of ['expires_at', 'exp', 'expires', 'updated_at'])
      expect(await q(`SELECT count(*) AS n FROM tokens WHERE ${sensible(c)}`), c).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM tokens WHERE ${sensible('sent_at_ms / 1000')}`)).toBe(0);
    // After the row's creation (a timestamptz), read after sent.
    const before = (c: string) => `SELECT count(*) AS n FROM tokens WHERE to_timestamp(${c}) < created_at`;
    for (const c of ['expires_at', 'exp', 'expires', 'updated_at']) expect(await q(before(c)), c).toBe(0);
    expect(await q('SELECT count(*) AS n FROM tokens WHERE read_at_ms < sent_at_ms')).toBe(0);
    // A duration in ms stays a duration; an issued-at is before its expiry under a CHECK.
    expect(await q('SELECT max(timeout_ms) AS n FROM tokens')).toBeLessThan(1451606400);
    expect(await q('SELECT count(*) AS n FROM jwt WHERE exp < iat')).toBe(0);
    expect(await q(`SELECT count(*) AS n FROM jwt WHERE ${sensible('iat')}`)).toBe(0);
  });

  it('makes a unique integer moment epoch seconds of its window, unique by construction', async () => {
    const ddl = `CREATE TABLE keys (id serial PRIMARY KEY, created integer UNIQUE, expires_at bigint UNIQUE,
  issued_at_ms bigint NOT NULL UNIQUE);`;
    const { target } = await loadGenerated(db, ddl, { defaultRows: 3000, seed: 6 });
    const q = (sql: string) => count(target, sql);
    // 2021 .. 2026 for a creation, up to a year past the dataset's "now" for an expiry; ms in the _ms bigint.
    expect(
      await q('SELECT count(*) AS n FROM keys WHERE created NOT BETWEEN 1609459200 AND 1767225599'),
    ).toBe(0);
    expect(
      await q('SELECT count(*) AS n FROM keys WHERE expires_at NOT BETWEEN 1609459200 AND 1798761599'),
    ).toBe(0);
    expect(
      await q(
        'SELECT count(*) AS n FROM keys WHERE issued_at_ms NOT BETWEEN 1609459200000 AND 1767225599999',
      ),
    ).toBe(0);
    // Every row holds one (the load checked the keys), spread over the years, not counted up from a start.
    expect(await q('SELECT count(DISTINCT created) AS n FROM keys')).toBe(
      await q('SELECT count(created) AS n FROM keys'),
    );
    expect(await q('SELECT count(created) AS n FROM keys')).toBeGreaterThan(2500);
    expect(await q("SELECT count(DISTINCT date_trunc('year', to_timestamp(created))) AS n FROM keys")).toBe(
      5,
    );
    expect(await q('SELECT count(*) AS n FROM keys WHERE created < 1000000')).toBe(0);
  });

  it('leaves version 4 as it was', async () => {
    const { target } = await loadGenerated(db, STAGES, { defaultRows: 400, seed: 12, generatorVersion: 4 });
    expect(
      await count(target, 'SELECT count(*) AS n FROM reviews WHERE approved_at < submitted_at'),
    ).toBeGreaterThan(50);
    expect(await count(target, 'SELECT count(*) AS n FROM persons WHERE died < born')).toBeGreaterThan(50);
    const { target: epochs } = await loadGenerated(db, EPOCHS, {
      defaultRows: 300,
      seed: 4,
      generatorVersion: 4,
    });
    expect(
      await count(epochs, 'SELECT count(*) AS n FROM "Account" WHERE expires_at < 1000000'),
    ).toBeGreaterThan(100);
    // City and region drawn apart; Spain's codes cut from faker's abbreviations.
    const { target: es } = await loadGenerated(db, PLACES, {
      defaultRows: 400,
      seed: 5,
      generatorVersion: 4,
      locale: 'es',
    });
    const pairs = 'SELECT count(*) AS n FROM (SELECT DISTINCT city, state FROM address) p';
    expect(await count(es, pairs)).toBeGreaterThan(
      (await count(es, 'SELECT count(DISTINCT city) AS n FROM address')) + 50,
    );
    expect(
      await count(es, "SELECT count(*) AS n FROM site WHERE state IN ('An', 'Ri', 'Ma', 'Ca')"),
    ).toBeGreaterThan(0);
  });
});

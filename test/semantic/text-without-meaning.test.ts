/**
 * Text columns whose names tell no meaning (generator version 2): readable
 * words instead of lorem, a small vocabulary for label-like and short
 * columns, codes, tokens and unique readable values, all loaded into
 * PostgreSQL with every constraint; version 1 keeps the old bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, describePlan, generate, parseDdl } from '../../src/index.js';
import { ADJECTIVES, NOUNS, VERBS } from '../../src/values/semantic/locale-data.js';
import { WORDS } from '../../src/values/types/words.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE t (
  id serial PRIMARY KEY, base text, category text, notes text, label varchar(40),
  code text UNIQUE, kind text, email text CHECK (email ~ '^[a-z]+@example\\.com$'),
  username text UNIQUE, body text);
CREATE TABLE entry (
  id serial PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug = lower(slug)),
  sku varchar(12) NOT NULL UNIQUE,
  handle_key varchar(30) NOT NULL UNIQUE CHECK (length(handle_key) <= 24),
  name text NOT NULL UNIQUE,
  status text NOT NULL,
  tier varchar(8) NOT NULL,
  flag char(1) NOT NULL,
  password_hash text NOT NULL,
  reason varchar(60) NOT NULL,
  remark_text citext,
  mode text NOT NULL CHECK (mode = lower(mode)));
CREATE TABLE fitted (
  id serial PRIMARY KEY,
  tag text NOT NULL CHECK (tag ~ '^[a-z]+$'),
  promo_code text NOT NULL CHECK (promo_code ~ '^[A-Z]{3}-[0-9]{5}$'),
  kind text NOT NULL CHECK (kind NOT IN ('a', 'b')),
  odd text NOT NULL CHECK (odd ~ '^x[0-9]{3}$'));
`;

/** Lorem words that are not English words too (`video` is both). */
const ENGLISH = new Set([...NOUNS, ...ADJECTIVES, ...VERBS].map((w) => w.toLowerCase()));
const LATIN_ONLY = new Set(WORDS.filter((w) => !ENGLISH.has(w) && w.length > 3));

function latinWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => LATIN_ONLY.has(w));
}

let db: TestDatabase;
let target: TestDatabase;

async function column(sql: string): Promise<string[]> {
  return (await target.query<{ v: string }>(sql)).map((r) => r.v);
}

describe('text with no meaning of its own: readable words, never lorem', () => {
  beforeAll(async () => {
    db = await createTestDatabase('textmeaning');
    const loaded = await loadGenerated(db, `CREATE EXTENSION IF NOT EXISTS citext;\n${DDL}`, {
      defaultRows: 3000,
      seed: 5,
    });
    target = loaded.target;
    expect(loaded.result.warnings).toEqual([]);
  });
  afterAll(async () => db.close());

  it('generic and label-like text holds no Latin word', async () => {
    const values = [
      ...(await column(`SELECT concat_ws(' ', base, category, label, code, kind) AS v FROM t`)),
      ...(await column(
        `SELECT concat_ws(' ', slug, name, status, tier, reason, remark_text, mode) AS v FROM entry`,
      )),
    ];
    expect(values.length).toBe(6000);
    expect(values.flatMap(latinWords)).toEqual([]);
  });

  it('label-like and short columns take a small vocabulary of real words, repeating', async () => {
    for (const [table, name] of [
      ['t', 'base'],
      ['t', 'kind'],
      ['t', 'label'],
      ['entry', 'status'],
      ['entry', 'tier'],
      ['entry', 'mode'],
    ] as const) {
      const values = await column(`SELECT DISTINCT ${name} AS v FROM ${table} WHERE ${name} IS NOT NULL`);
      expect(values.length, `${table}.${name}`).toBeGreaterThanOrEqual(3);
      expect(values.length, `${table}.${name}`).toBeLessThanOrEqual(12);
      for (const v of values) expect(v, `${table}.${name}`).toMatch(/^[a-z]+$/);
    }
    const words = new Set([...NOUNS, ...ADJECTIVES]);
    for (const v of await column('SELECT DISTINCT kind AS v FROM t WHERE kind IS NOT NULL'))
      expect(words.has(v)).toBe(true);
    // Skewed like real categories: the most common value above an even share (at most 40%: values-look-real).
    const [top] = await column(
      'SELECT max(n)::float / sum(n) * count(*) AS v FROM (SELECT count(*) AS n FROM t GROUP BY kind) s',
    );
    expect(Number(top)).toBeGreaterThan(1.15);
    // A status is a lifecycle word.
    for (const v of await column('SELECT DISTINCT status AS v FROM entry'))
      expect(v).toMatch(
        /^(active|pending|processing|shipped|delivered|completed|cancelled|inactive|deleted|archived|draft|approved|rejected|open|closed|paid|refunded|suspended)$/,
      );
    expect(await column('SELECT DISTINCT length(flag)::text AS v FROM entry')).toEqual(['1']);
  });

  it('generic text is readable words of the type’s length', async () => {
    const reasons = await column('SELECT reason AS v FROM entry');
    for (const r of reasons) expect(r).toMatch(/^[A-Z][a-z]*( [a-z]+)*$/);
    expect(Math.max(...reasons.map((r) => r.length))).toBeLessThanOrEqual(60);
    expect(new Set(reasons).size).toBeGreaterThan(2500);
  });

  it('unique columns without a meaning get readable values, unique by construction', async () => {
    const codes = await column('SELECT code AS v FROM t WHERE code IS NOT NULL');
    for (const c of codes) expect(c).toMatch(/^[A-Z]{3}-\d{5}$/);
    for (const s of await column('SELECT sku AS v FROM entry')) expect(s).toMatch(/^[A-Z]{3}-\d{5}$/);
    // Version 17: the slug is the row's name in kebab case, numbered by the row (row-unique-text.ts).
    for (const s of await column('SELECT slug AS v FROM entry')) expect(s).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    // Version 18: word pairs numbered only once the pairs run out.
    for (const s of await column('SELECT name AS v FROM entry'))
      expect(s).toMatch(/^[a-z]+-[a-z]+(-\d{1,3})?$/);
    const keys = await column('SELECT handle_key AS v FROM entry');
    for (const s of keys) {
      expect(s).toMatch(/^[a-z]+-[a-z]+(-\d{1,3})?$/);
      expect(s.length).toBeLessThanOrEqual(24);
    }
    for (const h of await column('SELECT password_hash AS v FROM entry')) expect(h).toMatch(/^[0-9a-f]{32}$/);
  });

  it('under CHECKs they were not made for, words and codes are kept where they pass', async () => {
    const vocabulary = await column('SELECT DISTINCT tag AS v FROM fitted');
    // Version 17: a tag column's tag words (tag-words.ts: 40 topics), where they meet the pattern.
    expect(vocabulary.length).toBeLessThanOrEqual(40);
    for (const v of vocabulary) expect(v).toMatch(/^[a-z]+$/);
    for (const v of await column('SELECT DISTINCT kind AS v FROM fitted')) expect(v).toMatch(/^[a-z]{3,}$/);
    // Codes already match their pattern: every one is a code, not a pattern string.
    expect(new Set(await column('SELECT promo_code AS v FROM fitted')).size).toBeGreaterThan(2900);
    // Words cannot meet this one: the pattern's strings.
    for (const v of await column('SELECT odd AS v FROM fitted')) expect(v).toMatch(/^x[0-9]{3}$/);
  });

  it('plan names the generators generate uses', async () => {
    const { schema } = await parseDdl([{ file: 'x.sql', text: DDL }]);
    const plan = createPlan(schema, { defaultRows: 10 });
    const text = describePlan(plan, schema);
    const source = (table: string, name: string) =>
      text.tables.find((t) => t.table === `public.${table}`)?.columns.find((c) => c.name === name)?.source;
    expect(source('t', 'base')).toContain('generator label');
    expect(source('entry', 'reason')).toContain('generator phrase');
    expect(source('t', 'code')).toContain('realistic code');
    expect(source('entry', 'password_hash')).toContain('realistic token');
    expect(source('t', 'category')).toContain('realistic category');
    expect(source('fitted', 'tag')).toContain('generator label');
    expect(source('fitted', 'odd')).toContain('else values made to them');
  });
});

describe('generator_version 1 keeps the old values', () => {
  it('the CLI flag and the configuration key pin it alike', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.sql'), DDL);
    writeFileSync(join(dir, 'old.yaml'), 'generator_version: 1\n');
    const args = ['generate', join(dir, 'x.sql'), '--rows', '20', '-a', '-f', '-'];
    const flag = await runCliInProcess([...args, '--generator-version', '1']);
    const config = await runCliInProcess([...args, '--config', join(dir, 'old.yaml')]);
    const newest = await runCliInProcess(args);
    expect(flag.status).toBe(0);
    expect(config.stdout).toBe(flag.stdout);
    expect(flag.stdout).toContain('\tabbas\t');
    expect(newest.stdout).not.toBe(flag.stdout);
    expect(newest.stdout).not.toContain('\tabbas\t');
  });

  it('lorem and Latin codes come back, byte for byte', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.sql'), DDL.slice(0, DDL.indexOf('CREATE TABLE entry')));
    const output = join(dir, 'v1.sql');
    await generate({
      schema: [join(dir, 'x.sql')],
      output,
      defaultRows: 6,
      generatorVersion: 1,
      dataOnly: true,
    });
    const rows = readFileSync(output, 'utf8').split('\n');
    const first = rows[rows.findIndex((l) => l.startsWith('COPY public.t ')) + 1];
    // The first row as generator version 1 (datagen before version 2) wrote it.
    expect(first).toBe(
      [
        '1',
        'Cubicularis defleo aggero sulum coepi cum currus cedo',
        'Est tyrannus tutamen doloribus catena qui',
        'The pomelo should grok extremely, not the metal.',
        'Vita crastinus thesaurus statim',
        'a',
        'Sophismata desino altus ducimus ex',
        'o@example.com',
        'cruz.wilderman513',
        'An ironclad platter for every expansion.',
      ].join('\t'),
    );
  });
});

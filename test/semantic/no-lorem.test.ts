/**
 * Generator version 3: no lorem by default. Numbers kept as text get the
 * digits of their meaning, text under length CHECKs keeps its meaning or
 * readable words sized to the bounds, `text[]` columns hold 0 to 5 distinct
 * words of their vocabulary (or values of their meaning), and json, xml,
 * tsvector, hstore and unique text no meaning decides are made of readable
 * words; all loaded into PostgreSQL with every constraint. Version 2 keeps
 * its bytes (lorem there).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, describePlan, generate, parseDdl } from '../../src/index.js';
import { READABLE_WORDS } from '../../src/values/readable-words.js';
import { ADJECTIVES, NOUNS } from '../../src/values/semantic/locale-data.js';
import { PRODUCT_TAGS } from '../../src/values/semantic/tag-words.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';
import { latinWordsOf } from './lorem-words.js';

const DDL = `
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE TABLE item (
  id serial PRIMARY KEY,
  title text NOT NULL CHECK (length(title) >= 12),
  body varchar(200) CHECK (char_length(body) > 40),
  note text CHECK (octet_length(note) BETWEEN 5 AND 24),
  exact varchar(10) NOT NULL CHECK (length(exact) = 10),
  zip text, phone varchar(20), amount text, item_count varchar(10), year char(4),
  app_version text, port text, server_port int, created text,
  tags text[] NOT NULL, labels varchar(30)[], keywords text[], aliases text[], roles text[],
  emails text[], urls varchar(120)[],
  payload jsonb, doc xml, search tsvector, attrs hstore,
  handle text UNIQUE, version varchar(20) UNIQUE, slug_key text UNIQUE);
`;

let db: TestDatabase;
let target: TestDatabase;

async function values(sql: string): Promise<string[]> {
  return (await target.query<{ v: string }>(sql)).map((r) => r.v);
}

const WORDS = new Set([...NOUNS, ...ADJECTIVES].map((w) => w.toLowerCase()));

describe('version 3: no lorem by default', () => {
  beforeAll(async () => {
    db = await createTestDatabase('nolorem');
    const loaded = await loadGenerated(db, DDL, { defaultRows: 2000, seed: 11 });
    target = loaded.target;
    expect(loaded.result.warnings).toEqual([]);
  });
  afterAll(async () => db.close());

  it('numbers kept as text hold the digits of their meaning', async () => {
    const rows = await target.query<Record<string, string | null>>(
      'SELECT zip, phone, amount, item_count, year, app_version, port, created FROM item',
    );
    expect(rows.length).toBe(2000);
    const match = (name: string, re: RegExp) => {
      const held = rows.map((r) => r[name]).filter((v): v is string => v !== null);
      expect(held.length, name).toBeGreaterThan(1500);
      for (const v of held) expect(v, name).toMatch(re);
    };
    match('zip', /^\d{5}(-\d{4})?$/);
    match('amount', /^\d{1,7}\.\d{2}$/);
    match('item_count', /^\d{1,9}$/);
    match('year', /^(19[7-9]\d|20[0-2]\d)$/);
    match('app_version', /^\d+\.\d+\.\d+$/);
    match('port', /^\d{2,5}$/);
    match('created', /^20\d\d-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const [ports] = await values(
      'SELECT count(*) FILTER (WHERE port::int NOT BETWEEN 1 AND 65535 OR server_port NOT BETWEEN 1 AND 65535) AS v FROM item',
    );
    expect(ports).toBe('0');
    // The timestamps are real ones, in the past.
    const [future] = await values('SELECT count(*) FILTER (WHERE created::timestamp > now()) AS v FROM item');
    expect(future).toBe('0');
  });

  it('text under length CHECKs keeps its meaning, else readable words sized to the bounds', async () => {
    const text = await values(`SELECT concat_ws(' ', title, body, note, exact) AS v FROM item`);
    expect(text.flatMap(latinWordsOf)).toEqual([]);
    // Sized to the bounds (the server checked them too): whole words mostly, no padding runs.
    const [padded] = await values(
      "SELECT count(*) FILTER (WHERE title ~ 'xxx' OR exact ~ 'xxx' OR note ~ 'xxx') AS v FROM item",
    );
    expect(padded).toBe('0');
    const words = (await values('SELECT exact AS v FROM item')).flatMap((v) => v.toLowerCase().split(' '));
    const known = words.filter((w) => WORDS.has(w)).length;
    expect(known / words.length).toBeGreaterThan(0.6);
  });

  it('text arrays: 0 to 5 distinct elements, words of a vocabulary or values of the meaning', async () => {
    for (const name of ['tags', 'labels', 'keywords', 'aliases', 'roles']) {
      const [bad] = await values(
        `SELECT count(*) FILTER (WHERE coalesce(cardinality(${name}), 0) > 5
           OR (SELECT count(DISTINCT e) FROM unnest(${name}) e) <> coalesce(cardinality(${name}), 0)) AS v FROM item`,
      );
      expect(bad, name).toBe('0');
      const elements = await values(`SELECT DISTINCT unnest(${name}) AS v FROM item`);
      expect(elements.length, name).toBeGreaterThanOrEqual(3);
      // Version 17: tags and keywords are an item's attribute tags (tag-words.ts), other arrays words.
      const tags = name === 'tags' || name === 'keywords';
      expect(elements.length, name).toBeLessThanOrEqual(tags ? PRODUCT_TAGS.length : 12);
      for (const e of elements)
        expect(tags ? PRODUCT_TAGS.includes(e) : WORDS.has(e), `${name}: ${e}`).toBe(true);
      const sizes = await values(`SELECT DISTINCT coalesce(cardinality(${name}), 0)::text AS v FROM item`);
      expect(sizes.length, name).toBeGreaterThanOrEqual(3);
    }
    for (const e of await values('SELECT DISTINCT unnest(emails) AS v FROM item'))
      expect(e).toMatch(/^[a-z0-9._]+@example\.(com|net|org)$/);
    for (const e of await values('SELECT DISTINCT unnest(urls) AS v FROM item'))
      expect(e).toMatch(/^https?:\/\//);
  });

  it('json, xml, tsvector, hstore and unique text are made of readable words', async () => {
    const text = await values(
      `SELECT concat_ws(' ', payload::text, doc::text, search::text, attrs::text, handle, version, slug_key) AS v FROM item`,
    );
    expect(text.flatMap(latinWordsOf)).toEqual([]);
    const readable = new Set(READABLE_WORDS);
    const lexemes = await values('SELECT DISTINCT unnest(tsvector_to_array(search)) AS v FROM item');
    expect(lexemes.length).toBeGreaterThan(100);
    for (const w of lexemes) expect(readable.has(w), w).toBe(true);
    for (const v of await values('SELECT version AS v FROM item WHERE version IS NOT NULL'))
      expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('datagen plan names what generate writes', async () => {
    const { schema } = await parseDdl([{ file: 'x.sql', text: DDL }]);
    const described = describePlan(createPlan(schema, { defaultRows: 10 }), schema).tables[0]?.columns ?? [];
    const source = (name: string) => described.find((c) => c.name === name)?.source ?? '';
    expect(source('amount')).toContain('realistic price');
    expect(source('app_version')).toContain('realistic version');
    expect(source('tags')).toContain('arrays of 0 to 5 distinct words of a per-column vocabulary');
    expect(source('emails')).toContain('arrays of 0 to 5 distinct realistic email values');
    expect(source('title')).toContain('where they meet its length CHECK, else readable words sized to it');
  });
});

describe('generator_version 2 keeps its bytes', () => {
  it('lorem in arrays, numbers as text and length-bounded text, as version 2 wrote them', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'x.sql'),
      'CREATE TABLE t (id serial PRIMARY KEY, title text CHECK (length(title) >= 10), amount text, tags text[]);',
    );
    const output = join(dir, 'v2.sql');
    await generate({
      schema: [join(dir, 'x.sql')],
      output,
      defaultRows: 4,
      generatorVersion: 2,
      dataOnly: true,
    });
    const rows = readFileSync(output, 'utf8').split('\n');
    const first = rows[rows.findIndex((l) => l.startsWith('COPY public.t ')) + 1];
    // The first row as generator version 2 (datagen before version 3) wrote it.
    expect(first).toBe(
      [
        '1',
        'Basium damnatio doloribus theologus alius accommodo territo vulnus cauda',
        'Nihil turbo somnus animus solium adnuo spectaculum alter acceptus contabesco',
        '{Tergo,"Pel bestia sed arma tubineus ventito civis demum cervus atrox arx","Tamdiu addo subnecto ustilo adsuesco comprehendo facere clarus","Cimentarius arguo ulciscor appello architecto"}',
      ].join('\t'),
    );
  });
});

/**
 * Generator version 3: unique slugs, handles, usernames and codes under
 * real pattern CHECKs take readable values the pattern accepts
 * (`quiet-harbor`, `quiet_harbor`, `KXQ-0482`, `PRJ-quiet-harbor`) instead
 * of the pattern's own strings; a pattern no readable form meets keeps its
 * strings. Loaded into PostgreSQL with every constraint (the server checks
 * the patterns and the uniqueness); version 2 keeps its pattern strings.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan, describePlan, generate, parseDdl } from '../../src/index.js';
import { ADJECTIVES, NOUNS } from '../../src/values/semantic/locale-data.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

const DDL = `
CREATE TABLE account (
  id serial PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9-]+$'),
  handle varchar(40) NOT NULL UNIQUE CHECK (handle ~ '^[a-z0-9_]+$'),
  code char(8) NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{3}-[0-9]{4}$'),
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9_]{2,29}$'),
  project_key text NOT NULL UNIQUE CHECK (project_key LIKE 'PRJ-%'),
  odd text NOT NULL UNIQUE CHECK (odd ~ '^x[0-9]{5}$'));
`;

const WORDS = new Set([...NOUNS, ...ADJECTIVES].map((w) => w.toLowerCase()));

let db: TestDatabase;
let target: TestDatabase;

async function values(sql: string): Promise<string[]> {
  return (await target.query<{ v: string }>(sql)).map((r) => r.v);
}

/** The share of values whose word parts (split on `sep`, numbers left out) are all real words. */
function readableShare(list: readonly string[], sep: string): number {
  const readable = list.filter((v) =>
    v
      .split(sep)
      .filter((part) => !/^\d+$/.test(part))
      .every((part) => WORDS.has(part)),
  );
  return readable.length / list.length;
}

describe('unique values under pattern CHECKs (version 3): readable forms the pattern accepts', () => {
  beforeAll(async () => {
    db = await createTestDatabase('patternwords');
    const loaded = await loadGenerated(db, DDL, { defaultRows: 5000, seed: 4 });
    target = loaded.target;
    expect(loaded.result.warnings).toEqual([]);
    expect(loaded.counts.get('public.account')).toBe(5000);
  });
  afterAll(async () => db.close());

  it('a slug is word-word', async () => {
    const slugs = await values('SELECT slug AS v FROM account');
    for (const v of slugs) expect(v).toMatch(/^[a-z]+-[a-z]+(-\d+)?$/);
    expect(readableShare(slugs, '-')).toBe(1);
  });

  it('a handle and a username join words with `_`', async () => {
    for (const name of ['handle', 'username']) {
      const list = await values(`SELECT ${name} AS v FROM account`);
      for (const v of list) expect(v, name).toMatch(/^[a-z]+_[a-z]+(_\d+)?$/);
      expect(readableShare(list, '_'), name).toBe(1);
      expect(Math.max(...list.map((v) => v.length)), name).toBeLessThanOrEqual(30);
    }
  });

  it('a code takes three letters and four digits, spread', async () => {
    const codes = await values('SELECT code AS v FROM account');
    for (const v of codes) expect(v).toMatch(/^[A-Z]{3}-\d{4}$/);
    // Not the pattern's enumeration (AAA-0000, AAA-0001, …): letters vary from row to row.
    expect(new Set(codes.map((v) => v.slice(0, 3))).size).toBeGreaterThan(2000);
  });

  it("a LIKE pattern's literal start, then words", async () => {
    const keys = await values('SELECT project_key AS v FROM account');
    for (const v of keys) expect(v).toMatch(/^PRJ-[a-z]+-[a-z]+(-\d+)?$/);
    expect(
      readableShare(
        keys.map((v) => v.slice(4)),
        '-',
      ),
    ).toBe(1);
  });

  it('a pattern no readable form meets keeps its own strings', async () => {
    for (const v of await values('SELECT odd AS v FROM account')) expect(v).toMatch(/^x\d{5}$/);
  });

  it('datagen plan says so', async () => {
    const { schema } = await parseDdl([{ file: 'x.sql', text: DDL }]);
    const columns = describePlan(createPlan(schema, { defaultRows: 5000 }), schema).tables[0]?.columns ?? [];
    const source = (name: string) => columns.find((c) => c.name === name)?.source ?? '';
    for (const name of ['slug', 'handle', 'code', 'username', 'project_key'])
      expect(source(name), name).toContain('readable unique values its patterns accept');
    expect(source('odd')).not.toContain('readable');
  });
});

describe('generator_version 2 keeps the pattern strings', () => {
  it('byte for byte', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'x.sql'), DDL);
    const output = join(dir, 'v2.sql');
    await generate({
      schema: [join(dir, 'x.sql')],
      output,
      defaultRows: 3,
      generatorVersion: 2,
      dataOnly: true,
    });
    const lines = readFileSync(output, 'utf8').split('\n');
    const first = lines[lines.findIndex((l) => l.startsWith('COPY public.account ')) + 1];
    // The first row as generator version 2 (datagen before version 3) wrote it.
    expect(first).toBe(['1', 'mmmmmmm', 'yyyyyyy', 'AAA-0000', 'immmmmm', 'PRJ-uPuPuP', 'x00000'].join('\t'));
  });
});

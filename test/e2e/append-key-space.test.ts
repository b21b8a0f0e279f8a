/**
 * --append into a key space the table nearly fills: a char(1) key, a
 * composite key of two CHECK lists (world's countrylanguage shape), an enum
 * key and a CHECK-bounded integer key each get as many new rows as the space
 * has free keys, with a warning giving the numbers, their children follow;
 * --strict refuses instead; a full space gets no rows, never an error mid-load.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { constraintSummary, userTableRowCounts } from '../helpers/constraint-checks.js';
import { siblingWith, useTestDatabase } from '../helpers/database.js';

const SCHEMA = `
CREATE TYPE mood AS ENUM ('calm', 'glad', 'sad', 'mad', 'bad');
CREATE TABLE letter (code char(1) PRIMARY KEY, label text);
CREATE TABLE countrylanguage (
  countrycode char(3) NOT NULL CHECK (countrycode IN ('USA', 'FRA', 'DEU', 'ESP')),
  language text NOT NULL CHECK (language IN ('English', 'French', 'German', 'Spanish', 'Basque')),
  percentage real NOT NULL,
  PRIMARY KEY (countrycode, language)
);
CREATE TABLE slot (n integer PRIMARY KEY CHECK (n BETWEEN 1 AND 20), note text);
CREATE TABLE feeling (m mood PRIMARY KEY, since date);
CREATE TABLE slot_use (n integer NOT NULL REFERENCES slot, k integer NOT NULL CHECK (k BETWEEN 1 AND 3), PRIMARY KEY (n, k));
CREATE TABLE letter_use (id serial PRIMARY KEY, code char(1) NOT NULL REFERENCES letter);
`;

const db = useTestDatabase('append_space');

describe('--append into a nearly full key space', () => {
  it('cuts each table to its free keys with the numbers, children follow, --strict refuses', async () => {
    const target = await siblingWith(db, SCHEMA);
    const connection = { dbname: target.connectionString };
    // Most of each space filled by a first load (36 letters, 20 language pairs, 20 slots, 5 moods).
    await generate({
      connection,
      defaultRows: 10,
      tables: { letter: 30, countrylanguage: 17, slot: 17, feeling: 4, slot_use: 40 },
      seed: 1,
    });
    const before = Object.fromEntries(await userTableRowCounts(target));
    expect(before).toMatchObject({ 'public.letter': 30, 'public.countrylanguage': 17, 'public.slot': 17 });

    const asked = { defaultRows: 10, tables: { slot_use: 30 }, seed: 2, append: true } as const;
    await expect(generate({ connection, ...asked, strict: true })).rejects.toThrow(
      /--strict: .*public\.letter: its key letter_pkey \(code\) has 36 values and the table holds 30 of them, so it gets 6 new rows, not 10/s,
    );
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual(before);

    const result = await generate({ connection, ...asked });
    const messages = result.warnings.filter((w) => w.code === 'APPEND_KEY_FULL').map((w) => w.message);
    expect(messages).toContainEqual(
      expect.stringContaining(
        'public.letter: its key letter_pkey (code) has 36 values and the table holds 30 of them, so it gets 6 new rows, not 10',
      ),
    );
    expect(messages).toContainEqual(
      expect.stringContaining(
        'public.countrylanguage: its key countrylanguage_pkey (countrycode, language) has 20 values and the table holds 17 of them, so it gets 3 new rows',
      ),
    );
    expect(messages).toContainEqual(
      expect.stringContaining(
        'public.feeling: its key feeling_pkey (m) has 5 values and the table holds 4 of them, so it gets 1 new row,',
      ),
    );
    expect(messages).toContainEqual(expect.stringContaining('(3 fit: --rows slot=3'));
    const after = Object.fromEntries(await userTableRowCounts(target));
    expect(after).toMatchObject({
      'public.letter': 36,
      'public.countrylanguage': 20,
      'public.slot': 20,
      'public.feeling': 5,
      'public.letter_use': (before['public.letter_use'] ?? 0) + 10,
    });
    // slot_use (n, k) over 20 slots × 3: 40 held, 30 asked, 20 free: its key over the FK is listed too.
    expect(after['public.slot_use']).toBe(60);
    expect((await constraintSummary(target)).notValid).toEqual([]);

    // Every space full now: no new rows there, each said; the children still get rows (pointing at the parents there).
    const full = await generate({ connection, ...asked, tables: { letter_use: 7 } });
    for (const t of ['letter', 'countrylanguage', 'slot', 'feeling', 'slot_use'])
      expect(full.tables.find((x) => x.name === t)?.rows, t).toBe(0);
    expect(full.tables.find((x) => x.name === 'letter_use')?.rows).toBe(7);
    expect(Object.fromEntries(await userTableRowCounts(target))).toMatchObject({
      ...after,
      'public.letter_use': (after['public.letter_use'] ?? 0) + 7,
    });
    await target.close();
  });

  it('char(n) keys: the padded values there are compared as PostgreSQL does, without trailing spaces', async () => {
    const target = await db.createSibling();
    await target.query(`
      CREATE TABLE item (code char(3) PRIMARY KEY, name text NOT NULL);
      CREATE TABLE item_label (
        itemcode char(3) NOT NULL REFERENCES item, label text NOT NULL,
        PRIMARY KEY (itemcode, label));`);
    const connection = { dbname: target.connectionString };
    // Not a country: version 3 gives a country's code column ISO codes, all three letters long.
    await generate({ connection, defaultRows: 200, tables: { item_label: 800 }, seed: 1 });
    const [short] = await target.query<{ n: string }>(
      'SELECT count(*) AS n FROM item WHERE octet_length(rtrim(code)) < 3',
    );
    // Shorter codes are stored padded ('ab '): a run making 'ab' again must see it as held.
    expect(Number(short?.n)).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) await generate({ connection, defaultRows: 100, seed: 1, append: true });
    expect(Object.fromEntries(await userTableRowCounts(target))).toEqual({
      'public.item': 400,
      'public.item_label': 1000,
    });
    expect((await constraintSummary(target)).notValid).toEqual([]);
    await target.close();
  });
});

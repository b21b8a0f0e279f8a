import { describe, expect, test } from 'vitest';
import type { TypeRef } from '../../src/schema/model.js';
import { createPermutation } from '../../src/values/permutation.js';
import { createSemanticUniqueGenerator, type SemanticKind } from '../../src/values/semantic/index.js';
import { type } from './semantic-fixtures.js';

const N = 100_000;

/** The k the engine would ask for: a keyed permutation spread over the space (as value-source does). */
function indexes(space: number, rows: number): number[] {
  const permutation = createPermutation(rows, 1234);
  const step = Number.isFinite(space) && space > rows ? space / rows : 1;
  return Array.from({ length: rows }, (_, i) => Math.floor(permutation.apply(i) * step));
}

function checkInjective(kind: SemanticKind, base: TypeRef, rows: number, pattern: RegExp): readonly string[] {
  const generator = createSemanticUniqueGenerator(kind, base);
  expect(generator, `${kind} ${base.name}(${base.typmods})`).not.toBeNull();
  const g = generator!;
  expect(g.space).toBeGreaterThanOrEqual(rows);
  const max = base.typmods[0] ?? Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  const values: string[] = [];
  const bad: string[] = [];
  for (const k of [...indexes(g.space, rows), 0]) {
    const value = g.value(k);
    // Plain checks in the loop (expect per value is slow); the misfits are asserted once.
    if (value.length > max || !pattern.test(value)) bad.push(value);
    seen.add(value.toLowerCase());
    values.push(value);
  }
  expect(bad.slice(0, 5)).toEqual([]);
  // Distinct for every k asked (k = 0 is asked twice: same value).
  expect(seen.size).toBe(rows);
  return values;
}

describe('createSemanticUniqueGenerator', () => {
  test('emails: injective over 100k, realistic, deterministic', () => {
    const values = checkInjective(
      'email',
      type('varchar', 60),
      N,
      /^[a-z0-9]+\.[a-z0-9]+\.[0-9a-z]{3}@example\.(com|net|org)$/,
    );
    const again = createSemanticUniqueGenerator('email', type('varchar', 60))!;
    expect(again.value(12345)).toBe(
      createSemanticUniqueGenerator('email', type('varchar', 60))!.value(12345),
    );
    // Not one name repeated: the first 1000 values use many different last names.
    expect(new Set(values.slice(0, 1000).map((v) => v.split('.')[1])).size).toBeGreaterThan(300);
  });

  test('emails in a narrow varchar fit, and fall back to codes when names cannot', () => {
    checkInjective(
      'email',
      type('varchar', 26),
      N,
      /^[a-z0-9]+\.[a-z0-9]+\.[0-9a-z]{3}@example\.(com|net|org)$/,
    );
    checkInjective('email', type('varchar', 16), N, /^[a-z0-9]+@example\.(com|net|org)$/);
    expect(createSemanticUniqueGenerator('email', type('varchar', 12))).toBeNull();
  });

  test('consecutive k do not share a name', () => {
    const g = createSemanticUniqueGenerator('email', type('text'))!;
    const firsts = new Set(Array.from({ length: 100 }, (_, k) => g.value(k).split('.')[0]));
    expect(firsts.size).toBeGreaterThan(90);
  });

  test.each([
    // Version 18: numbered only once the name pairs run out.
    ['username', 'varchar(30)', type('varchar', 30), /^[a-z0-9]+\.[a-z0-9]+(\d{3})?$/],
    ['full_name', 'varchar(40)', type('varchar', 40), /^[A-Z][A-Za-z'-]* [A-Z][A-Za-z'-]*$/],
    ['phone', 'varchar(20)', type('varchar', 20), /^\(\d{3}\) \d{3}-\d{4}$/],
    ['phone', 'varchar(12)', type('varchar', 12), /^\d{3}-\d{3}-\d{4}$/],
    ['postal_code', 'varchar(10)', type('varchar', 10), /^\d{5}-\d{4}$/],
    ['ip', 'varchar(15)', type('varchar', 15), /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/],
    ['url', 'text', type('text'), /^https:\/\/example\.com\/[a-z0-9-]+$/],
    ['url', 'varchar(25)', type('varchar', 25), /^https:\/\/example\.com\/[a-z0-9]+$/],
    ['street_address', 'varchar(40)', type('varchar', 40), /^\d{1,5} .+$/],
    ['company', 'text', type('text'), /^[A-Z][A-Za-z'-]*, [A-Z][A-Za-z'-]* and [A-Z][A-Za-z'-]*$/],
    ['created_at', 'timestamptz', type('timestamptz'), /^202[1-5]-\d\d-\d\d \d\d:\d\d:\d\d\+00$/],
    ['created_at', 'timestamp', type('timestamp'), /^202[1-5]-\d\d-\d\d \d\d:\d\d:\d\d$/],
  ] as const)('%s %s: injective over 100k and within the length', (kind, _label, base, pattern) => {
    checkInjective(kind, base, N, pattern);
  });

  test('small dictionaries report their real size', () => {
    checkInjective('postal_code', type('bpchar', 5), 50_000, /^\d{5}$/);
    const states = createSemanticUniqueGenerator('state', type('bpchar', 2))!;
    expect(states.space).toBe(50);
    checkInjective('state', type('bpchar', 2), 50, /^[A-Z]{2}$/);
    checkInjective('country_code', type('bpchar', 2), 200, /^[A-Z]{2}$/);
    checkInjective('birth_date', type('date'), 20_000, /^(19[3-9]\d|200[0-7])-\d\d-\d\d$/);
    const cities = createSemanticUniqueGenerator('city', type('varchar', 6))!;
    expect(cities.space).toBeGreaterThan(50);
    checkInjective('city', type('varchar', 6), cities.space, /^.{1,6}$/);
  });

  test('kinds without a unique form return null', () => {
    for (const kind of ['description', 'price', 'updated_at', 'latitude', 'title'] as const) {
      expect(createSemanticUniqueGenerator(kind, type('int4'), null, 4)).toBeNull();
      if (kind !== 'updated_at') expect(createSemanticUniqueGenerator(kind, type('int4'))).toBeNull();
      expect(createSemanticUniqueGenerator(kind, type('text'), null, 2)).toBeNull();
    }
    // Version 5: a moment kept as an integer is epoch seconds of the dataset's window (2021 on).
    expect(createSemanticUniqueGenerator('updated_at', type('int4'))?.value(0)).toBe('1609459200');
    expect(createSemanticUniqueGenerator('created_at', type('int8'), null, 5, true)?.value(1)).toMatch(
      /^1609459201\d{3}$/,
    );
    expect(createSemanticUniqueGenerator('description', type('text'))).toBeNull();
    // Version 3: numbers kept as text count up, versions are digits of k.
    expect(createSemanticUniqueGenerator('price', type('text'))?.value(41)).toBe('42');
    expect(createSemanticUniqueGenerator('version', type('varchar', 20))?.space).toBe(100000);
    expect(createSemanticUniqueGenerator('phone', type('varchar', 8))).toBeNull();
  });
});

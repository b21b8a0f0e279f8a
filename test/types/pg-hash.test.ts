/**
 * values/pg-hash.ts against the real server: for random values of every
 * supported type (fast-check, fixed seed), the hash partition datagen
 * computes is the one PostgreSQL's satisfies_hash_partition accepts, for
 * one-column and multi-column keys, NULLs included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Hash64, hashRemainder, partitionHasher } from '../../src/values/pg-hash.js';
import { useTestDatabase } from '../helpers/database.js';

const db = useTestDatabase('pghash');

const MODULI = [3, 4, 7, 1000003];

/**
 * Per row of values, whether the server's satisfies_hash_partition accepts the remainder we compute, for
 * each modulus (one remainder holds per modulus, so all true is the same routing).
 */
async function serverAgrees(
  types: readonly string[],
  declared: readonly string[],
  rows: readonly (string | null)[][],
  table: string,
): Promise<string[]> {
  const columns = declared.map((t, i) => `c${i} ${t}`).join(', ');
  const keys = declared.map((_, i) => `c${i}`).join(', ');
  await db.query(`CREATE TABLE IF NOT EXISTS ${table} (${columns}) PARTITION BY HASH (${keys})`);
  const args = declared.map((t, i) => `($1::text[])[i * ${declared.length} + ${i + 1}]::${t}`).join(', ');
  const hasher = partitionHasher(types);
  if (hasher === undefined) throw new Error(`unsupported: ${types.join(', ')}`);
  const hash: Hash64 = { hi: 0, lo: 0 };
  const failures: string[] = [];
  for (const m of MODULI) {
    const ours = rows.map((row) => {
      hasher(row, hash);
      return hashRemainder(hash, m);
    });
    const result = await db.query<{ i: number; ok: boolean }>(
      `SELECT i, satisfies_hash_partition('${table}'::regclass, ${m}, ($2::int[])[i + 1], ${args}) AS ok
       FROM generate_series(0, ${rows.length - 1}) i ORDER BY i`,
      [rows.flat(), ours],
    );
    for (const r of result)
      if (!r.ok) failures.push(`modulus ${m}: ${JSON.stringify(rows[r.i])} (ours ${ours[r.i]})`);
  }
  return failures;
}

const int = (min: number, max: number) => fc.integer({ min, max }).map(String);
const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
const day = fc
  .date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const stamp = fc
  .tuple(
    fc.date({
      min: new Date('0100-01-01T00:00:00Z'),
      max: new Date('9999-12-31T00:00:00Z'),
      noInvalidDate: true,
    }),
    fc.integer({ min: 0, max: 999_999 }),
  )
  .map(([d, us]) => `${d.toISOString().slice(0, 19).replace('T', ' ')}.${String(us).padStart(6, '0')}`);

const ARBITRARIES: Record<string, fc.Arbitrary<string>> = {
  int2: int(-32768, 32767),
  int4: int(-2147483648, 2147483647),
  int8: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  bool: fc.boolean().map((b) => (b ? 't' : 'f')),
  text,
  'varchar(60)': text,
  'char(50)': fc
    .tuple(text, fc.integer({ min: 0, max: 5 }))
    .map(([s, n]) => `${s.slice(0, 40)}${' '.repeat(n)}`),
  uuid: fc.uuid(),
  date: fc.oneof(day, fc.constantFrom('infinity', '-infinity')),
  timestamp: fc.oneof(stamp, fc.constantFrom('infinity', '-infinity', '1999-12-31 23:59:59')),
  time: fc
    .tuple(fc.integer({ min: 0, max: 86_399 }), fc.integer({ min: 0, max: 999_999 }))
    .map(([s, us]) => new Date(s * 1000).toISOString().slice(11, 19) + (us ? `.${us}` : '')),
  float8: fc.oneof(
    fc.double({ noNaN: true }).map((x) => (Object.is(x, -0) ? '-0' : String(x))),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '0'),
  ),
  oid: fc.integer({ min: 0, max: 4294967295 }).map(String),
  float4: fc.oneof(
    fc.float({ noNaN: true }).map((x) => (Object.is(x, -0) ? '-0' : String(x))),
    fc.constantFrom('NaN', 'Infinity', '-Infinity', '0', '0.1'),
  ),
  numeric: fc.oneof(
    fc
      .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 }))
      .map(([n, scale]) => {
        const digits = (n < 0n ? -n : n).toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return n < 0n ? `-${text}` : text;
      }),
    fc.constantFrom(
      '0',
      '0.000',
      '-0',
      'NaN',
      'Infinity',
      '-Infinity',
      '10000',
      '0.0001',
      '123456789.000100',
    ),
  ),
  bytea: fc
    .uint8Array({ maxLength: 40 })
    .map((b) => `\\x${[...b].map((x) => x.toString(16).padStart(2, '0')).join('')}`),
  timestamptz: fc.oneof(
    fc
      .tuple(stamp, fc.constantFrom('+00', '+01', '-03', '+05:30', '-09:30', '+14', '-12'))
      .map(([s, z]) => `${s}${z}`),
    fc.constantFrom('infinity', '-infinity', '2000-01-01 00:00:00+00'),
  ),
};

/** The base type name values/pg-hash.ts knows a declared type by. */
const BASE: Record<string, string> = { 'varchar(60)': 'varchar', 'char(50)': 'bpchar' };

describe('PostgreSQL hash partition routing (values/pg-hash.ts) against the server', () => {
  for (const [type, arbitrary] of Object.entries(ARBITRARIES)) {
    it(`${type}: the same partition as satisfies_hash_partition, moduli 3, 4, 7`, async () => {
      const rows = fc.sample(fc.option(arbitrary, { freq: 10 }), { seed: 12, numRuns: 300 }).map((v) => [v]);
      rows.push([null]);
      const table = `h_${type.replace(/\W/g, '_')}`;
      expect(await serverAgrees([BASE[type] ?? type], [type], rows, table)).toEqual([]);
    });
  }

  it('multi-column keys (int8, text, uuid, date), NULLs in any column', async () => {
    const types = ['int8', 'text', 'uuid', 'date'];
    const row = fc.tuple(...types.map((t) => fc.option(ARBITRARIES[t] as fc.Arbitrary<string>, { freq: 5 })));
    const rows = fc.sample(row, { seed: 12, numRuns: 300 }).map((r) => [...r]);
    rows.push([null, null, null, null], ['-1', 'é€😀 ', null, '2000-01-01']);
    expect(await serverAgrees(types, types, rows, 'h_multi')).toEqual([]);
  });

  it('known edges: negative ints, int8 beyond 2^32, non-ASCII text, bpchar trailing blanks, 0 and -0', async () => {
    const cases: [string, string[]][] = [
      ['int4', ['-1', '-2147483648', '0', '2147483647']],
      ['int8', ['4294967296', '-4294967297', '9223372036854775807', '-9223372036854775808', '-1']],
      ['text', ['', 'ä', 'Ωμέγα', '日本語テキスト', 'a\tb', 'x'.repeat(100)]],
      ['char(6)', ['ab', 'ab    ', ' ab', '']],
      ['float8', ['0', '-0', '1e308', '5e-324', '-1.5']],
    ];
    for (const [type, values] of cases) {
      const rows = values.map((v) => [v]);
      const base = type === 'char(6)' ? 'bpchar' : type;
      expect(await serverAgrees([base], [type], rows, `h_edge_${base}`), type).toEqual([]);
    }
  });
});

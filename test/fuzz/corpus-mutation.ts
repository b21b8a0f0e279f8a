/**
 * Mutations of a real schema file: statements deleted, duplicated or cut
 * short, column types swapped. The statements are found by the real parser
 * (psql meta-command lines are kept as statements of their own).
 */
import fc from 'fast-check';
import { loadModule, parseSync } from 'libpg-query';

/** A file as its statements, in order (each with its own text, meta-command lines included). */
export async function splitStatements(text: string): Promise<string[]> {
  await loadModule();
  const lines = text.split('\n');
  const out: string[] = [];
  let sql: string[] = [];
  const flush = () => {
    const chunk = sql.join('\n');
    sql = [];
    if (chunk.trim() === '') return;
    const bytes = Buffer.from(chunk);
    const stmts =
      (parseSync(chunk) as { stmts?: { stmt_location?: number; stmt_len?: number }[] }).stmts ?? [];
    for (const s of stmts) {
      const start = s.stmt_location ?? 0;
      const end = s.stmt_len ? start + s.stmt_len : bytes.length;
      out.push(`${bytes.subarray(start, end).toString().trim()};`);
    }
  };
  for (const line of lines) {
    if (line.startsWith('\\')) {
      flush();
      out.push(line);
    } else sql.push(line);
  }
  flush();
  return out;
}

const TYPES = [
  'integer',
  'smallint',
  'bigint',
  'text',
  'varchar(2)',
  'char(1)',
  'numeric(3,1)',
  'boolean',
  'date',
  'timestamptz',
  'uuid',
  'jsonb',
  'bytea',
  'integer[]',
  'inet',
  'money',
  'interval',
];
/** Column types as the corpus spells them, where a swap may go. */
const TYPE_SPOT =
  /\b(integer|int|smallint|bigint|serial|bigserial|text|character varying\(\d+\)|varchar\(\d+\)|numeric\(\d+(?:,\d+)?\)|boolean|timestamp(?: with(?:out)? time zone)?|date|uuid|jsonb?|bytea)\b/gi;

export type Mutation =
  | { readonly kind: 'delete'; readonly at: number }
  | { readonly kind: 'duplicate'; readonly at: number }
  | { readonly kind: 'truncate'; readonly at: number; readonly keep: number }
  | { readonly kind: 'swap-type'; readonly at: number; readonly spot: number; readonly type: number };

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.nat(),
    keep: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ kind: fc.constant('swap-type' as const), at: fc.nat(), spot: fc.nat(), type: fc.nat() }),
);

/** The statements with the mutations applied in order (indexes taken modulo the current count). */
export function mutate(statements: readonly string[], mutations: readonly Mutation[]): string[] {
  const out = [...statements];
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    const s = out[at] as string;
    switch (m.kind) {
      case 'delete':
        out.splice(at, 1);
        break;
      case 'duplicate':
        out.splice(at, 0, s);
        break;
      case 'truncate':
        out[at] = `${s.slice(0, Math.floor(s.length * m.keep))};`;
        break;
      case 'swap-type': {
        const spots = [...s.matchAll(TYPE_SPOT)];
        if (spots.length === 0) break;
        const spot = spots[m.spot % spots.length] as RegExpExecArray;
        const type = TYPES[m.type % TYPES.length] as string;
        out[at] = s.slice(0, spot.index) + type + s.slice(spot.index + spot[0].length);
        break;
      }
    }
  }
  return out;
}

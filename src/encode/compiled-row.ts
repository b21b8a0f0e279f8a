/**
 * A row function that calls each column's writer at a call site of its own
 * (made from text once per column count and separator): in a loop one call
 * site calls every column's writer in turn, V8 sees it megamorphic and
 * inlines none of them. Used by the CSV and JSON Lines rows
 * (csv.ts, compiled-json-row.ts); COPY text compiles whole
 * fields (compiled-copy-row.ts). Where code cannot be made from text
 * (`--disallow-code-generation-from-strings`), the same calls in a loop.
 */
import type { ChunkBuffer } from './chunk-buffer.js';
import type { CompiledRow } from './compiled-copy-row.js';

/** One column's field written at `row`. */
export type ColumnWriter = (row: number) => void;

type RowFactory = (
  out: ChunkBuffer,
  columns: readonly ColumnWriter[],
  closing: readonly number[],
) => CompiledRow;

/**
 * The function made from `text` with `params`, made once per `shape` and kept
 * in `cache`; null where code cannot be made from text (then kept null too).
 */
export function cachedFunction<F>(
  cache: Map<string, F | null>,
  shape: string,
  params: readonly string[],
  text: () => string,
): F | null {
  let made = cache.get(shape);
  if (made !== undefined) return made;
  try {
    made = new Function(...params, text()) as F;
  } catch {
    made = null;
  }
  cache.set(shape, made);
  return made;
}

/** Factories by column count and separator. */
const factories = new Map<string, RowFactory | null>();

function factoryOf(count: number, separator: number | undefined): RowFactory | null {
  return cachedFunction(factories, `${count} ${separator ?? ''}`, ['out', 'columns', 'closing'], () => {
    const columns = Array.from({ length: count }, (_, c) => c);
    const between = separator === undefined ? '' : `out.ensure(1); out.buf[out.pos++] = ${separator};`;
    return [
      ...columns.map((c) => `const c${c} = columns[${c}];`),
      'const n = closing.length;',
      'return (row) => {',
      ...columns.map((c) => `${c > 0 ? between : ''}c${c}(row);`),
      'out.ensure(n); for (let i = 0; i < n; i++) out.buf[out.pos++] = closing[i];',
      'return out.endRow();',
      '};',
    ].join('\n');
  });
}

/**
 * A row: each column's writer in turn, `separator` (a byte) between them,
 * `closing` bytes after the last; true when a chunk's worth of complete rows
 * is buffered. Undefined for no columns.
 */
export function compileColumnCalls(
  out: ChunkBuffer,
  columns: readonly ColumnWriter[],
  separator: number | undefined,
  closing: readonly number[],
): CompiledRow | undefined {
  if (columns.length === 0) return undefined;
  const factory = factoryOf(columns.length, separator);
  if (factory !== null) return factory(out, columns, closing);
  return (row) => {
    for (let c = 0; c < columns.length; c++) {
      if (c > 0 && separator !== undefined) out.byte(separator);
      (columns[c] as ColumnWriter)(row);
    }
    for (const b of closing) out.byte(b);
    return out.endRow();
  };
}

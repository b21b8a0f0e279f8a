/**
 * A table's COPY text row writer compiled for its columns: the bytes of
 * copy-text.ts' `writeCopyRow`, with each column's call at a call site of
 * its own. In the generic loop one call site calls every column's writer in
 * turn, so V8 sees it megamorphic and inlines none of them; here each site
 * sees one function (a table's columns are known when its rows start), and
 * the checks of which path a column takes are made once, not per row. The
 * reference table (issue 12): about 10% less CPU per row.
 *
 * The function text depends only on the columns' shape (which have a byte
 * writer, which are plain, how many), so it is made once per shape and
 * shared by the tables of that shape; where code cannot be made from text
 * (`--disallow-code-generation-from-strings`), undefined: the caller keeps
 * the generic loop.
 */
import type { ColumnWrite } from '../generate/column-writes.js';
import type { ChunkBuffer } from './chunk-buffer.js';
import { cachedFunction } from './compiled-row.js';

/** A table's row at `row` written and ended; true when a chunk's worth of complete rows is buffered. */
export type CompiledRow = (row: number) => boolean;

type RowFactory = (
  out: ChunkBuffer,
  fns: readonly ((row: number) => string | null)[],
  writes: readonly (ColumnWrite | undefined)[],
  escaped: (out: ChunkBuffer, value: string) => void,
) => CompiledRow;

/** A column's path through the row: its byte writer, its plain text copied, or its text escaped. */
type Path = 'write' | 'plain' | 'escaped';

/** Factories by shape (the paths joined); null: code from text is not allowed here. */
const factories = new Map<string, RowFactory | null>();

/** `\N`, the NULL marker, after room for it and `room - 2` bytes more. */
const NULL_MARKER = (room: number): string =>
  `out.ensure(${room}); out.buf[out.pos++] = 92; out.buf[out.pos++] = 78;`;

/** One column's statements: its field, then the tab after it or (last) the newline. */
function columnCode(c: number, path: Path, separator: number): string {
  if (path === 'write')
    return [
      `if (!w${c}(out, row)) { ${NULL_MARKER(2)} }`,
      `out.ensure(1); out.buf[out.pos++] = ${separator};`,
    ].join('\n');
  const text =
    path === 'plain'
      ? [
          // writeCopyRow's plain copy: one native copy from 32 characters, else byte by byte.
          'const n = v.length; out.ensure(n + 1);',
          "if (n >= 32) out.pos += out.buf.write(v, out.pos, n, 'latin1');",
          'else { const buf = out.buf; let p = out.pos; for (let i = 0; i < n; i++) buf[p++] = v.charCodeAt(i); out.pos = p; }',
        ].join(' ')
      : 'escaped(out, v); out.ensure(1);';
  return `{ const v = f${c}(row); if (v === null) { ${NULL_MARKER(3)} } else { ${text} } out.buf[out.pos++] = ${separator}; }`;
}

function factoryOf(paths: readonly Path[]): RowFactory | null {
  return cachedFunction(factories, paths.join(','), ['out', 'fns', 'writes', 'escaped'], () => {
    const last = paths.length - 1;
    const locals = paths.map((path, c) =>
      path === 'write' ? `const w${c} = writes[${c}];` : `const f${c} = fns[${c}];`,
    );
    const body = paths.map((path, c) => columnCode(c, path, c === last ? 10 : 9));
    return [...locals, 'return (row) => {', ...body, 'return out.endRow();', '};'].join('\n');
  });
}

/**
 * `writeCopyRow(out, fns, plain, row, writes)` for every row, compiled for
 * these columns (`escaped`: copy-text.ts' `writeCopyTextField`); undefined
 * for a table without columns, or where code cannot be made from text.
 */
export function compileCopyRow(
  out: ChunkBuffer,
  fns: readonly ((row: number) => string | null)[],
  plain: readonly boolean[],
  writes: readonly (ColumnWrite | undefined)[] | undefined,
  escaped: (out: ChunkBuffer, value: string) => void,
): CompiledRow | undefined {
  if (fns.length === 0) return undefined;
  const paths = fns.map(
    (_, c): Path => (writes?.[c] !== undefined ? 'write' : plain[c] === true ? 'plain' : 'escaped'),
  );
  return factoryOf(paths)?.(out, fns, writes ?? [], escaped);
}

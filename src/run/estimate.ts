/**
 * How big a run will be, before it starts: total rows from the plan, and the
 * COPY text bytes measured on a few rows spread over each table (so a key's
 * width at row 10^12 counts, not only at row 1). Compressed archives are
 * smaller; a script of INSERTs somewhat larger.
 */
import { createCopyRowWriter } from '../encode/copy-text.js';
import { dataTables } from '../format/data-statements.js';
import type { ValueSource } from '../generate/value-source.js';

export interface RunEstimate {
  readonly rows: number;
  /** Uncompressed data bytes (COPY text), estimated. */
  readonly bytes: number;
}

const SAMPLES = 16;

export function estimateRun(source: ValueSource): RunEstimate {
  let rows = 0;
  let bytes = 0;
  // One writer for every table, its buffer as small as a few rows need (it grows for wider ones): a 2 MiB
  // buffer per table was tens of MiB of garbage (pagila: 15 tables) before the first row was written.
  const writer = createCopyRowWriter({ chunkSize: 1 << 12 });
  for (const { index } of dataTables(source)) {
    const total = source.plan.tables[index]?.rows ?? 0;
    if (total === 0) continue;
    const fns = source.writtenColumns(index).map((c) => c.fn);
    const samples = Math.min(total, SAMPLES);
    const before = writer.size;
    for (let i = 0; i < samples; i++) {
      const row = Math.floor((i * (total - 1)) / Math.max(1, samples - 1));
      for (const fn of fns) writer.field(fn(row));
      writer.endRow();
    }
    rows += total;
    bytes += ((writer.size - before) / samples) * total;
  }
  return { rows, bytes: Math.round(bytes) };
}

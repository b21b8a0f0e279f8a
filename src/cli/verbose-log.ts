/**
 * `-v/--verbose`: what the run is doing, one line per step on stderr, as
 * pg_dump -v reports it (`datagen: wrote 1000 rows into public.orders`).
 * Works as a Progress, so it takes the same calls; the password never
 * appears (connections are described by describeConnection).
 */
import { visibleControls } from './print-warnings.js';
import type { Progress } from './progress.js';

export function createVerboseLog(stream: NodeJS.WritableStream, enabled: boolean, inner: Progress): Progress {
  if (!enabled) return inner;
  let tables: readonly { name: string; rows: number }[] = [];
  let done: number[] = [];
  const say = (line: string) => stream.write(`datagen: ${visibleControls(line)}\n`);
  return {
    start(list) {
      tables = list;
      done = list.map(() => 0);
      const filled = list.filter((t) => t.rows > 0);
      say(
        `planned ${filled.length} of ${list.length} tables, ${filled.reduce((n, t) => n + t.rows, 0)} rows`,
      );
      inner.start(list);
    },
    rows(index, rows, bytes) {
      inner.rows(index, rows, bytes);
      const table = tables[index];
      if (table === undefined) return;
      const before = done[index] ?? 0;
      done[index] = before + rows;
      if (before < table.rows && before + rows >= table.rows)
        say(`wrote ${table.rows} rows into ${table.name}`);
    },
    finish() {
      inner.finish();
      say('done');
    },
    abort() {
      inner.abort();
    },
  };
}

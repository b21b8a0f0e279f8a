/**
 * Progress on long runs: one redrawn line on stderr per table (rows, rows/s,
 * ETA) when stderr is a terminal; nothing in pipes, CI or with --quiet.
 */
export interface Progress {
  start(tables: readonly { name: string; rows: number }[]): void;
  rows(tableIndex: number, rows: number): void;
  /** The summary line (when rows were reported). */
  finish(): void;
  /** Clear the progress line (a failed or interrupted run), so the next message starts on a clean line. */
  abort(): void;
}

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY || process.env.CI) {
    return { start() {}, rows() {}, finish() {}, abort() {} };
  }
  let tables: { name: string; rows: number }[] = [];
  let done: number[] = [];
  let started = 0;
  let tableStarted = 0;
  let current = -1;
  let lastDraw = 0;
  let drawn = false;
  const format = (n: number) => n.toLocaleString('en-US');
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < 100) return;
    lastDraw = now;
    const t = tables[current];
    if (!t) return;
    const n = done[current] ?? 0;
    const seconds = Math.max((now - tableStarted) / 1000, 0.001);
    const rate = n / seconds;
    const eta = rate > 0 ? Math.max(0, (t.rows - n) / rate) : 0;
    const line = `${t.name}: ${format(n)}/${format(t.rows)} rows  ${format(Math.round(rate))} rows/s  ETA ${eta.toFixed(0)}s`;
    stream.write(`\r\u001b[2K${line.slice(0, (stream.columns ?? 100) - 1)}`);
    drawn = true;
  };
  return {
    start(list) {
      tables = [...list];
      done = list.map(() => 0);
      started = Date.now();
    },
    rows(tableIndex, rows) {
      if (tableIndex !== current) {
        current = tableIndex;
        tableStarted = Date.now();
      }
      done[tableIndex] = (done[tableIndex] ?? 0) + rows;
      draw();
    },
    finish() {
      if (current < 0) return;
      const total = done.reduce((a, b) => a + b, 0);
      const seconds = (Date.now() - started) / 1000;
      stream.write(`\r\u001b[2K${format(total)} rows in ${seconds.toFixed(1)}s\n`);
    },
    abort() {
      if (drawn) stream.write('\r\u001b[2K');
      drawn = false;
    },
  };
}

/**
 * Progress on long runs, on stderr. On a terminal (`--progress auto`, the
 * default): a line per table being written (rows done/total, rows/s, MB
 * written, ETA), redrawn in place at most ~10 times a second, then one
 * summary line (rows, bytes, time, rows/s, peak memory); nothing in pipes,
 * when CI is set, with --quiet or `--progress none`. `--progress json`: one
 * JSON object per line for machines (pipes included): a `progress` object at
 * most once a second, a `table` object as each table completes, `done` last.
 */

import { usageError } from './parse-arguments.js';

export type ProgressMode = 'auto' | 'none' | 'json';
const PROGRESS_MODES: readonly ProgressMode[] = ['auto', 'none', 'json'];

/** `--progress MODE` (default auto). */
export function parseProgressMode(text: string | undefined): ProgressMode {
  if (text === undefined) return 'auto';
  const mode = PROGRESS_MODES.find((m) => m === text.trim().toLowerCase());
  if (mode === undefined) throw usageError(`--progress expects ${PROGRESS_MODES.join(', ')}, got "${text}"`);
  return mode;
}

/** A table of the run as progress shows it. */
export interface ProgressTable {
  readonly name: string;
  readonly table?: string;
  readonly rows: number;
}

export interface Progress {
  /** `name` as people read it (quoted as SQL needs), `table` as machine output gives it (`schema.name` unquoted). */
  start(tables: readonly ProgressTable[]): void;
  /** Rows done in a table since the last call, and their bytes (as written, before archive compression). */
  rows(tableIndex: number, rows: number, bytes: number): void;
  /** The summary (when rows were reported). */
  finish(): void;
  /** Clear the progress lines (a failed or interrupted run), so the next message starts on a clean line. */
  abort(): void;
}

export interface ProgressClock {
  /** Milliseconds. */
  now(): number;
  /** Peak resident memory of the process so far, bytes. */
  peakMemory(): number;
}

const systemClock: ProgressClock = {
  now: () => performance.now(),
  peakMemory: () => process.resourceUsage().maxRSS * 1024,
};

const TTY_INTERVAL_MS = 100;
const JSON_INTERVAL_MS = 1000;
/** Tables shown at once on a terminal; more are summed up in one line. */
const MAX_TABLE_LINES = 4;

interface TableState {
  readonly name: string;
  /** `--progress json`'s `table`. */
  readonly table: string;
  readonly total: number;
  done: number;
  bytes: number;
  /** When it started: the time of the run's last report before its first. */
  began: number;
  finished: boolean;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const mebibytes = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s / 60) % 60).padStart(2, '0')}m`;
}

/** A table's rate and time left at `now`. */
function tableFigures(t: TableState, now: number): { rate: number; eta: number } {
  const seconds = Math.max((now - t.began) / 1000, 0.001);
  const rate = t.done / seconds;
  return { rate, eta: rate > 0 ? Math.max(0, (t.total - t.done) / rate) : Number.POSITIVE_INFINITY };
}

function tableLine(t: TableState, now: number): string {
  const { rate, eta } = tableFigures(t, now);
  const share = t.total > 0 ? ` ${Math.floor((100 * t.done) / t.total)}%` : '';
  return `${t.name}: ${count(t.done)}/${count(t.total)} rows${share}  ${count(rate)} rows/s  ${megabytes(t.bytes)}  ETA ${duration(eta)}`;
}

/** The run's totals: rows, bytes, seconds, rows/s, peak memory. */
function totals(tables: readonly TableState[], started: number, clock: ProgressClock) {
  const rows = tables.reduce((n, t) => n + t.done, 0);
  const bytes = tables.reduce((n, t) => n + t.bytes, 0);
  const seconds = Math.max((clock.now() - started) / 1000, 0.001);
  return { rows, bytes, seconds, rowsPerSecond: rows / seconds, peakMemory: clock.peakMemory() };
}

const silent: Progress = { start() {}, rows() {}, finish() {}, abort() {} };

/**
 * The progress display `mode` asks for on `stream`. `auto` draws only on a
 * terminal outside CI; `json` writes wherever stderr goes.
 */
export function createProgress(
  stream: NodeJS.WriteStream,
  mode: ProgressMode,
  clock: ProgressClock = systemClock,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  if (mode === 'json') return createJsonProgress(stream, clock);
  if (mode === 'none' || !stream.isTTY || env.CI) return silent;
  // TERM=dumb (Emacs' shell, some CI terminals) moves no cursor: one line, redrawn over itself with \r.
  return createTerminalProgress(stream, clock, env.TERM === 'dumb');
}

/** Table states shared by both displays; `report` records rows and bytes and says whether the table just completed. */
function createTracker(clock: ProgressClock) {
  let tables: TableState[] = [];
  let started = clock.now();
  let lastReport = started;
  return {
    get tables() {
      return tables;
    },
    get started() {
      return started;
    },
    start(list: readonly ProgressTable[]) {
      started = clock.now();
      lastReport = started;
      tables = list.map((t) => ({
        name: t.name,
        table: t.table ?? t.name,
        total: t.rows,
        done: 0,
        bytes: 0,
        began: started,
        finished: t.rows === 0,
      }));
    },
    report(index: number, rows: number, bytes: number): TableState | null {
      const t = tables[index];
      if (t === undefined) return null;
      const now = clock.now();
      if (t.done === 0 && t.bytes === 0) t.began = lastReport;
      lastReport = now;
      t.done += rows;
      t.bytes += bytes;
      if (!t.finished && t.done >= t.total) {
        t.finished = true;
        return t;
      }
      return null;
    },
    reported: () => tables.some((t) => t.done > 0 || t.bytes > 0),
  };
}

function createTerminalProgress(stream: NodeJS.WriteStream, clock: ProgressClock, dumb = false): Progress {
  const tracker = createTracker(clock);
  let lastDraw = Number.NEGATIVE_INFINITY;
  /** Lines on screen now (the cursor is at the end of the last); on a dumb terminal, the line's length. */
  let shown = 0;
  const clear = () => {
    if (shown === 0) return;
    stream.write(dumb ? `\r${' '.repeat(shown)}\r` : `\r${'\u001b[1A'.repeat(shown - 1)}\u001b[J`);
    shown = 0;
  };
  const draw = (now: number) => {
    const width = Math.max((stream.columns || 100) - 1, 20);
    const active = tracker.tables.filter((t) => !t.finished && (t.done > 0 || t.bytes > 0));
    const lines = active.slice(0, MAX_TABLE_LINES).map((t) => tableLine(t, now));
    if (active.length > MAX_TABLE_LINES) lines.push(`… and ${active.length - MAX_TABLE_LINES} more tables`);
    const left = tracker.tables.filter((t) => !t.finished).length;
    const all = totals(tracker.tables, tracker.started, clock);
    lines.push(
      `${tracker.tables.length - left}/${tracker.tables.length} tables done, ${count(all.rows)} rows, ${megabytes(all.bytes)}, ${duration(all.seconds)}`,
    );
    clear();
    if (dumb) {
      const line = (lines.at(-1) ?? '').slice(0, width);
      stream.write(line);
      shown = line.length;
      return;
    }
    stream.write(lines.map((l) => l.slice(0, width)).join('\n'));
    shown = lines.length;
  };
  return {
    start: (list) => tracker.start(list),
    rows(index, rows, bytes) {
      tracker.report(index, rows, bytes);
      const now = clock.now();
      if (now - lastDraw < TTY_INTERVAL_MS) return;
      lastDraw = now;
      draw(now);
    },
    finish() {
      clear();
      if (!tracker.reported()) return;
      const all = totals(tracker.tables, tracker.started, clock);
      stream.write(
        `datagen: ${count(all.rows)} rows, ${megabytes(all.bytes)} in ${all.seconds.toFixed(1)}s ` +
          `(${count(all.rowsPerSecond)} rows/s), peak memory ${mebibytes(all.peakMemory)}\n`,
      );
    },
    abort: clear,
  };
}

function createJsonProgress(stream: NodeJS.WriteStream, clock: ProgressClock): Progress {
  const tracker = createTracker(clock);
  let lastLine = Number.NEGATIVE_INFINITY;
  const write = (object: Record<string, unknown>) => stream.write(`${JSON.stringify(object)}\n`);
  const tableObject = (event: string, t: TableState, now: number) => {
    const { rate, eta } = tableFigures(t, now);
    return {
      event,
      table: t.table,
      rows: t.done,
      totalRows: t.total,
      bytes: t.bytes,
      rowsPerSecond: Math.round(rate),
      ...(event === 'progress' && Number.isFinite(eta) ? { etaSeconds: Math.round(eta) } : {}),
      seconds: Number(((now - t.began) / 1000).toFixed(3)),
    };
  };
  return {
    start: (list) => tracker.start(list),
    rows(index, rows, bytes) {
      const completed = tracker.report(index, rows, bytes);
      const now = clock.now();
      if (completed !== null) {
        write(tableObject('table', completed, now));
        return;
      }
      const t = tracker.tables[index];
      if (t === undefined || now - lastLine < JSON_INTERVAL_MS) return;
      lastLine = now;
      write(tableObject('progress', t, now));
    },
    finish() {
      const all = totals(tracker.tables, tracker.started, clock);
      write({
        event: 'done',
        rows: all.rows,
        bytes: all.bytes,
        seconds: Number(all.seconds.toFixed(3)),
        rowsPerSecond: Math.round(all.rowsPerSecond),
        peakMemoryBytes: all.peakMemory,
      });
    },
    abort() {},
  };
}

/**
 * The progress display: on a terminal (a pseudo-terminal made by script(1))
 * the per-table line and the summary appear; in pipes and under CI nothing
 * does; `--progress json` writes JSON lines wherever stderr goes. The
 * display's text itself is checked with a fake clock and a fake terminal, so
 * nothing here depends on how fast the machine is.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createProgress, type ProgressClock } from '../../src/cli/progress.js';
import { assertBuilt, cli, runCli } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const SHOP = 'examples/shop.sql';
const ESC = '\u001b';

/** `node dist/cli/main.js args` on a pseudo-terminal: everything it drew there (stdout and stderr). */
function onTerminal(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { status: number | null; screen: string } {
  const command = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env,
    timeout: 120_000,
  });
  if (r.error)
    throw new Error(`script(1) from util-linux is needed for the terminal test: ${r.error.message}`);
  return { status: r.status, screen: r.stdout };
}

const noCi = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, COLUMNS: '160' };
  delete env.CI;
  return env;
};

describe('progress on stderr', () => {
  beforeAll(assertBuilt);

  it('on a terminal: a line per table being written, then the summary with rows, bytes, rows/s and peak memory', () => {
    const out = join(tempDir(), 'out.copy');
    const { status, screen } = onTerminal(['generate', SHOP, '-r', '3000', '-F', 'copy', '-f', out], noCi());
    expect(status).toBe(0);
    expect(screen).toMatch(/shop\.\w+: [\d,]+\/3,000 rows \d+% +[\d,]+ rows\/s +\d+\.\d MB +ETA \d+s/);
    expect(screen).toMatch(/\d+\/\d+ tables done/);
    expect(screen).toMatch(
      /datagen: [\d,]+ rows, \d+\.\d MB in \d+\.\ds \([\d,]+ rows\/s\), peak memory \d+ MiB/,
    );
    // Redrawn in place: the cursor goes back up over the table lines, never a scrolling log.
    expect(screen).toContain(`${ESC}[J`);
  });

  it('on a terminal with CI set, with --quiet or --progress none: nothing', () => {
    const out = join(tempDir(), 'out.copy');
    for (const [args, env] of [
      [[], { ...noCi(), CI: 'true' }],
      [['--quiet'], noCi()],
      [['--progress', 'none'], noCi()],
    ] as const) {
      const { status, screen } = onTerminal(
        ['generate', SHOP, '-r', '500', '-F', 'copy', '-f', out, ...args],
        env,
      );
      expect(status, args.join(' ')).toBe(0);
      expect(screen, args.join(' ')).not.toMatch(/rows\/s|peak memory/);
    }
  });

  it('in a pipe: nothing on stderr, CI or not', () => {
    const out = join(tempDir(), 'out.copy');
    const r = runCli(['generate', SHOP, '-r', '500', '-F', 'copy', '-f', out], { env: noCi() });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('--progress json: JSON lines in a pipe, a table object per table with its rows, done last', () => {
    const out = join(tempDir(), 'out.dump');
    const r = runCli([
      'generate',
      SHOP,
      '-r',
      '400',
      '-F',
      'c',
      '-f',
      out,
      '--progress',
      'json',
      '--json',
      '-j',
      '2',
    ]);
    expect(r.status).toBe(0);
    const summary = JSON.parse(r.stdout) as { tables: { schema: string; name: string; rows: number }[] };
    const objects = r.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const tables = objects.filter((o) => o.event === 'table');
    expect(tables.map((t) => [t.table, t.rows])).toEqual(
      summary.tables.filter((t) => t.rows > 0).map((t) => [`${t.schema}.${t.name}`, t.rows]),
    );
    for (const t of tables) {
      expect(t.rows, String(t.table)).toBe(t.totalRows);
      expect(t.bytes as number, String(t.table)).toBeGreaterThan(0);
    }
    const done = objects.at(-1) as Record<string, unknown>;
    expect(done.event).toBe('done');
    expect(done.rows).toBe(tables.reduce((n, t) => n + (t.rows as number), 0));
    expect(done.peakMemoryBytes as number).toBeGreaterThan(0);
  });

  it('a bad --progress value is one line naming the choices', () => {
    const r = runCli(['generate', SHOP, '-r', '10', '--progress', 'fancy']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--progress expects auto, none, json, got "fancy"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the display text (fake terminal, fake clock)', () => {
  function fakeTerminal() {
    let text = '';
    const stream = {
      isTTY: true,
      columns: 200,
      write(chunk: string) {
        text += chunk;
        return true;
      },
    } as unknown as NodeJS.WriteStream;
    return { stream, text: () => text };
  }

  it('rows done/total, percent, rows/s, MB, ETA per table; at most one redraw per 100 ms; a summary', () => {
    let now = 0;
    const clock: ProgressClock = { now: () => now, peakMemory: () => 150 * 2 ** 20 };
    const term = fakeTerminal();
    const progress = createProgress(term.stream, 'auto', clock, {});
    progress.start([
      { name: 'public.a', rows: 1000 },
      { name: 'public.b', rows: 500 },
      { name: 'public.empty', rows: 0 },
    ]);
    now = 2000;
    progress.rows(0, 400, 2_000_000);
    expect(term.text()).toBe(
      'public.a: 400/1,000 rows 40%  200 rows/s  2.0 MB  ETA 3s\n1/3 tables done, 400 rows, 2.0 MB, 2s',
    );
    now = 2050;
    progress.rows(0, 100, 500_000);
    expect(term.text()).not.toContain('500/1,000');
    now = 4000;
    progress.rows(0, 500, 2_500_000);
    now = 5000;
    progress.rows(1, 250, 1_000_000);
    const last = term.text().split(`${ESC}[J`).at(-1);
    expect(last).toBe(
      'public.b: 250/500 rows 50%  250 rows/s  1.0 MB  ETA 1s\n2/3 tables done, 1,250 rows, 6.0 MB, 5s',
    );
    now = 6000;
    progress.rows(1, 250, 1_000_000);
    progress.finish();
    expect(term.text().split(`${ESC}[J`).at(-1)).toBe(
      'datagen: 1,500 rows, 7.0 MB in 6.0s (250 rows/s), peak memory 150 MiB\n',
    );
  });

  it('json: progress at most once a second, an object when a table completes, done with the totals', () => {
    let now = 0;
    const clock: ProgressClock = { now: () => now, peakMemory: () => 1024 };
    const term = fakeTerminal();
    const progress = createProgress(term.stream, 'json', clock, {});
    progress.start([{ name: 'public.a', rows: 100 }]);
    now = 500;
    progress.rows(0, 10, 100);
    now = 900;
    progress.rows(0, 10, 100);
    now = 2000;
    progress.rows(0, 80, 800);
    progress.finish();
    expect(
      term
        .text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([
      {
        event: 'progress',
        table: 'public.a',
        rows: 10,
        totalRows: 100,
        bytes: 100,
        rowsPerSecond: 20,
        etaSeconds: 5,
        seconds: 0.5,
      },
      {
        event: 'table',
        table: 'public.a',
        rows: 100,
        totalRows: 100,
        bytes: 1000,
        rowsPerSecond: 50,
        seconds: 2,
      },
      { event: 'done', rows: 100, bytes: 1000, seconds: 2, rowsPerSecond: 50, peakMemoryBytes: 1024 },
    ]);
  });
});

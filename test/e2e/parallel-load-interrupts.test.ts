/**
 * A direct load over -j connections interrupted (format/parallel-load.ts,
 * format/ordered-load.ts): SIGINT or SIGTERM while the connections copy, or
 * once a parent has committed, rolls back or empties again what every
 * connection loaded; --resume with -j 2 goes over one connection.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { exited, spawnCli } from '../helpers/cli-process.js';
import { interruptWhileCopying, useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import {
  contents,
  ddlFile,
  expectEveryTableEmpty,
  load,
  loaderTarget,
  ROWS,
} from '../helpers/parallel-load-shape.js';

const db = useTestDatabase('parallel_load');
const target = () => loaderTarget(db);

describe('a direct load over -j connections: signals and --resume', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while both connections copy: exit %i, every connection rolled back, none left in a transaction',
    async (signal, status) => {
      const t = await target();
      const fks = "SELECT conname FROM pg_constraint WHERE contype = 'f'";
      const { copying, result: r } = await interruptWhileCopying(t, ddlFile(), signal);
      expect(copying).toHaveLength(2);
      expect(r.status).toBe(status);
      // One message (the ordered load's, not also the one-transaction load's): rolled back, or the parts committed
      // by then emptied again.
      expect(r.stderr).toMatch(
        /^datagen: interrupted; (the load into [^;]* is rolled back \(its transactions end with the connections\): nothing was loaded|the \d+ parts? of the load committed \([^;]*\) were emptied again)\n$/,
      );
      // The server ends a backend when its client goes: wait for both, then look.
      for (let i = 0; i < 500; i++) {
        const alive = await t.query('SELECT 1 FROM pg_stat_activity WHERE pid = ANY ($1)', [copying]);
        if (alive.length === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const sessions = await t.query<{ state: string }>(
        "SELECT state FROM pg_stat_activity WHERE datname = $1 AND (application_name = 'datagen' OR state LIKE 'idle in transaction%')",
        [t.name],
      );
      expect(sessions).toEqual([]);
      for (const table of ['author', 'book', 'event', 'tag']) {
        const [row] = await t.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
        expect(row?.n, table).toBe('0');
      }
      expect(await t.query(fks)).toHaveLength(1);
    },
  );

  it('SIGINT once a parent has committed and its child is copying: exit 130, the parent emptied again through psql', async () => {
    const t = await target();
    const child = spawnCli([
      'generate',
      ddlFile(),
      '-d',
      t.connectionString,
      '-j',
      '2',
      '-q',
      ...['--rows', 'author=2000', '--rows', 'book=400000', '--rows', 'event=10', '--rows', 'tag=10'],
    ]);
    const done = exited(child, 120_000);
    const deadline = Date.now() + 60_000;
    let copyingBook = false;
    while (!copyingBook && Date.now() < deadline) {
      const rows = await t.query(
        "SELECT 1 FROM pg_stat_activity WHERE application_name = 'datagen' AND datname = $1 AND query LIKE 'COPY public.book%'",
        [t.name],
      );
      copyingBook = rows.length > 0;
      if (!copyingBook) await new Promise((r) => setTimeout(r, 20));
    }
    expect(copyingBook).toBe(true);
    expect((await contents(t)).author?.startsWith('2000 ')).toBe(true);
    child.kill('SIGINT');
    const r = await done;
    expect(r.status).toBe(130);
    expect(r.stderr).toMatch(
      /^datagen: interrupted; the \d+ parts? of the load committed \(each table on a connection of its own, parents first\) were emptied again\n$/,
    );
    await expectEveryTableEmpty(t);
    expect(await t.query("SELECT conname FROM pg_constraint WHERE contype = 'f'")).toHaveLength(1);
  });

  it('--resume with -j 2: one connection (a transaction per table), warned; every row once', async () => {
    const t = await target();
    const result = await generate({
      schema: [ddlFile()],
      connection: { dbname: t.connectionString },
      tables: ROWS,
      workers: 2,
      resume: true,
      loadState: join(tempDir(), 'state.json'),
    });
    expect(result.warnings.filter((w) => w.code === 'RESUME_ONE_CONNECTION')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('--resume loads over one connection') }),
    ]);
    const one = await target();
    await load(one, 1);
    expect(await contents(t)).toEqual(await contents(one));
    const [all] = await t.query<{ n: string }>(
      'SELECT count(DISTINCT loader)::text AS n FROM (SELECT loader FROM author UNION ALL SELECT loader FROM book UNION ALL SELECT loader FROM event UNION ALL SELECT loader FROM tag) x',
    );
    expect(all?.n).toBe('1');
  });
});

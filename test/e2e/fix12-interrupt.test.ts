/**
 * Ctrl-C (SIGINT) and SIGTERM tell the user what they left: one line on
 * stderr, `datagen: interrupted; ...`, naming the temporaries removed (by the
 * target each stood for) or the state of the database a direct load was
 * writing (rolled back; with --resume the tables committed so far). Real
 * child processes, real signals, the real server.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, bytesUnder, exited, spawnCli, temporaries } from '../helpers/cli-process.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { useTestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const DDL =
  'CREATE TABLE big (id bigint PRIMARY KEY, name text, note text, amount numeric(12,2), created_at timestamptz);\n';
const ROWS = '1000000';

const db = useTestDatabase('fix12int');

/** Start `args`, signal it once `ready` holds, and return how it ended. */
async function interrupt(args: string[], signal: NodeJS.Signals, ready: () => boolean | Promise<boolean>) {
  const child = spawnCli(args);
  const done = exited(child);
  let ended = false;
  done.then(
    () => {
      ended = true;
    },
    () => undefined,
  );
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (ended) throw new Error(`datagen ended before it was interrupted: ${(await done).stderr}`);
    if (Date.now() > deadline) throw new Error('the run never reached the point to interrupt it');
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill(signal);
  return done;
}

describe('an interrupted run says what it left', () => {
  let schema: string;
  beforeAll(() => {
    assertBuilt();
    schema = join(tempDir(), 'big.sql');
    writeFileSync(schema, DDL);
  });

  it('-f plain: the temporary file removed, and the line names the target left as it was', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.sql');
    const r = await interrupt(['generate', schema, '-r', ROWS, '-f', target, '-q'], 'SIGINT', () =>
      temporaries(dir).some((name) => bytesUnder(join(dir, name)) > 1 << 20),
    );
    expect(r.status).toBe(130);
    expect(temporaries(dir)).toEqual([]);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `^datagen: interrupted; ${target.replace(/[.]/g, '\\.')} left as it was \\(its temporary \\.out\\.sql\\.datagen-\\d+-[0-9a-f]+\\.tmp removed\\)$`,
      ),
    );
  });

  it('-F d: the temporary directory removed and said so (SIGTERM)', async () => {
    const dir = tempDir();
    const target = join(dir, 'out.dir');
    const args = ['generate', schema, '-r', ROWS, '-F', 'd', '-Z', '1', '-j', '2', '-f', target, '-q'];
    const r = await interrupt(args, 'SIGTERM', () =>
      temporaries(dir).some((name) => bytesUnder(join(dir, name)) > 1 << 20),
    );
    expect(r.status).toBe(143);
    expect(temporaries(dir)).toEqual([]);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^datagen: interrupted; .*out\.dir left as it was \(its temporary \.out\.dir\.datagen-/,
    );
  });

  it('-d: the load is rolled back, the database as it was, and the line says so', async () => {
    const target = await db.createSibling();
    const copying = async () => {
      const rows = await target.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'COPY %'",
        [target.name],
      );
      return rows[0]?.n !== '0';
    };
    const r = await interrupt(
      ['generate', schema, '-r', ROWS, '-d', target.connectionString, '-q'],
      'SIGINT',
      copying,
    );
    expect(r.status).toBe(130);
    expect(r.stderr.trim()).toMatch(
      /^datagen: interrupted; the load into .+ is rolled back \(its transaction ends with the connection\): nothing was loaded$/,
    );
    // The tables were made in the load's transaction: once its backend has gone, the database has none.
    const deadline = Date.now() + 30_000;
    while ((await copying()) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 50));
    const [tables] = await target.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(tables?.n).toBe('0');
  });

  it('-d --resume: the tables committed before are kept, and the line says how many and how to continue', async () => {
    const target = await db.createSibling();
    const dir = tempDir();
    await target.query('CREATE TABLE small (id int PRIMARY KEY)');
    await target.query(DDL);
    await target.query('ALTER TABLE big ADD small_id int REFERENCES small');
    const copyingBig = async () => {
      const rows = await target.query<{ n: string }>(
        "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'COPY public.big %'",
        [target.name],
      );
      return rows[0]?.n !== '0';
    };
    const child = spawnCli(
      [
        'generate',
        '-d',
        target.connectionString,
        '--resume',
        '-j',
        '1',
        '--rows',
        'small=10',
        '--rows',
        `big=${ROWS}`,
        '-q',
      ],
      { cwd: dir },
    );
    const done = exited(child);
    const deadline = Date.now() + 60_000;
    while (!(await copyingBig())) {
      if (Date.now() > deadline) throw new Error('the COPY into big never started');
      await new Promise((res) => setTimeout(res, 20));
    }
    child.kill('SIGINT');
    const r = await done;
    expect(r.status).toBe(130);
    expect(r.stderr.trim()).toMatch(
      /^datagen: interrupted; the load into .+ stopped with 1 of 2 tables committed \(those being loaded when it stopped are rolled back\): run the same command with --resume to continue$/,
    );
    const counts = await userTableRowCounts(target);
    expect([counts.get('public.small'), counts.get('public.big')]).toEqual([10, 0]);
  });
});

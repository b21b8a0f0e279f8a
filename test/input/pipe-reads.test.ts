/**
 * A schema named by a FIFO is read once per run (a second open would wait for a writer that is gone), but
 * not once per process: a library user's second `generate()` on the same FIFO, written anew, reads the new
 * DDL (the bytes were kept by path for the process's life: the second run got the first run's schema), and
 * so does a second command run in-process (runMain holds them for its command).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { tempDir } from '../helpers/generate-file.js';

/** A child that writes `text` into the FIFO `path` once a reader opens it; its exit awaited. */
function writeInto(path: string, text: string): Promise<number | null> {
  const child = spawn('sh', ['-c', 'printf "%s" "$1" > "$2"', 'sh', text, path], { stdio: 'ignore' });
  return new Promise((done) => child.on('exit', done));
}

describe('a FIFO named as the schema', () => {
  it('two runs in one process: each reads what the FIFO holds then', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'schema.sql');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const tables: string[][] = [];
    for (const name of ['first_t', 'second_t']) {
      const written = writeInto(fifo, `CREATE TABLE ${name} (id int PRIMARY KEY);\n`);
      const output = join(dir, `${name}.sql`);
      const result = await generate({ schema: [fifo], output, defaultRows: 2, seed: 1 });
      expect(await written).toBe(0);
      tables.push(result.tables.map((t) => t.name));
      expect(readFileSync(output, 'utf8')).toContain(`CREATE TABLE public.${name}`);
    }
    expect(tables).toEqual([['first_t'], ['second_t']]);
  });

  it('two commands in one process (datagen plan, run in-process): each reads what the FIFO holds then', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'schema.sql');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    for (const name of ['first_p', 'second_p']) {
      const written = writeInto(fifo, `CREATE TABLE ${name} (id int PRIMARY KEY);\n`);
      const r = await runCliInProcess(['plan', fifo, '-r', '2']);
      expect(await written).toBe(0);
      expect(r.stdout).toContain(`public.${name}: 2 rows`);
      expect(r.status).toBe(0);
    }
  });
});

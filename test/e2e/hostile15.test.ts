/**
 * hostile15: Ctrl-C (and SIGTERM) while datagen reads and plans a schema that
 * takes seconds of synchronous work (20 tables of 1,600 CHECKed columns). A
 * signal handler runs only once the event loop is free, so the run went on
 * to the end of the plan before it stopped. Until the run holds a temporary
 * or a target, the signal's default action now ends it at once: killed by
 * the signal (a shell's status 130 / 143), nothing written, nothing left.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, exited, spawnCli, temporaries, waitUntil } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

/** CPU seconds the process has used (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function wideSchema(): string {
  const columns = Array.from(
    { length: 1599 },
    (_, i) => `c${i} int CHECK (c${i} BETWEEN ${i} AND ${i + 100})`,
  );
  return Array.from(
    { length: 20 },
    (_, t) => `CREATE TABLE w${t} (id int PRIMARY KEY,\n${columns.join(',\n')});\n`,
  ).join('');
}

describe('hostile15: a signal while a big schema is read and planned', () => {
  beforeAll(() => assertBuilt());

  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    it(`${signal} during the plan ends the run at once: by the signal, nothing written, no temporaries`, async () => {
      const dir = tempDir();
      const schema = join(dir, 'wide.sql');
      writeFileSync(schema, wideSchema());
      const out = join(dir, 'out.dump');
      const child = spawnCli(['generate', schema, '-r', '1', '-F', 'c', '-f', out]);
      const done = exited(child, 300_000);
      const pid = child.pid as number;
      // A second of CPU: well inside reading and planning (which take several), before anything is written.
      await waitUntil(() => cpuSeconds(pid) >= 1, 'datagen is reading and planning the schema', 120_000);
      expect(temporaries(dir)).toEqual([]);
      child.kill(signal);
      const result = await done;
      // Before: the handler ran after the plan, status 130/143 and "interrupted; nothing was written".
      expect(result).toMatchObject({ status: null, signal });
      expect(result.stderr).toBe('');
      expect(temporaries(dir)).toEqual([]);
      expect(() => readFileSync(out)).toThrow(/ENOENT/);
    });
});

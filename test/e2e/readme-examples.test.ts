/**
 * README's shell sessions are true: every ``` block that starts with `$ `
 * is run as the reader would (in a fresh directory, `npx datagen` being the
 * built CLI, `examples/` beside it) and must print what README shows,
 * stdout and stderr as a terminal shows them. A `$ cat FILE` shows a file
 * the reader makes: its lines are written to FILE for the commands after
 * it (later blocks too, dotfiles aside). Files a block uses without showing them are
 * written here (FIXTURES), each made so it gives the block's output; a
 * block that cannot be run as shown is named in NOT_RUN with the reason,
 * and the test fails if README gains or loses such blocks unseen.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, cli, cliEnv, runProcess } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const repo = join(import.meta.dirname, '../..');
const readme = readFileSync(join(repo, 'README.md'), 'utf8');

interface Session {
  readonly line: number;
  readonly steps: { command: string; output: string[] }[];
}

/** The ``` blocks whose first line is a `$ ` command, split into commands and what each prints. */
function sessions(text: string): Session[] {
  const lines = text.split('\n');
  const found: Session[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```' || !lines[i + 1]?.startsWith('$ ')) continue;
    const session: Session = { line: i + 2, steps: [] };
    for (i++; lines[i] !== '```'; i++) {
      const line = lines[i] as string;
      if (line.startsWith('$ ')) session.steps.push({ command: line.slice(2), output: [] });
      else session.steps.at(-1)?.output.push(line);
    }
    found.push(session);
  }
  return found;
}

/** Files the blocks read but do not show, keyed by the block's first command. */
const FIXTURES: Record<string, Record<string, string>> = {
  // The error at 3:24 is the third line's `NUL`.
  'npx datagen generate broken.sql': { 'broken.sql': '-- a typo\n\nCREATE TABLE t (id int NUL);\n' },
};

/** Blocks shown for their shape, not runnable as written, with why. */
const NOT_RUN: Record<string, string> = {
  'npx datagen verify data-csv':
    "a damaged directory's report (its hashes and counts are illustrative); test/e2e/chunks-manifest.test.ts checks each line's form",
};

function run(command: string, cwd: string) {
  const shell = command.replaceAll(
    'npx datagen',
    `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)}`,
  );
  // 2>&1: README shows what a terminal shows, errors included.
  return runProcess('bash', ['-o', 'pipefail', '-c', `${shell} 2>&1`], { cwd, env: cliEnv() });
}

/**
 * The files `$ cat FILE` shows before each session: a session sees the
 * schemas of the sessions above it, not their dotfiles (a `.datagen.yaml`
 * shown with a mistake in it stays in its own session).
 */
function shownBefore(all: readonly Session[]): Map<string, string>[] {
  const files = new Map<string, string>();
  return all.map((session) => {
    const before = new Map(files);
    for (const step of session.steps) {
      const cat = /^cat (\S+)$/.exec(step.command);
      if (cat && !cat[1]?.startsWith('.')) files.set(cat[1] as string, `${step.output.join('\n')}\n`);
    }
    return before;
  });
}

describe("README's shell sessions", () => {
  const all = sessions(readme);
  const before = shownBefore(all);

  it('README has the sessions this test knows of (none unseen in NOT_RUN or FIXTURES)', () => {
    const firsts = all.map((s) => s.steps[0]?.command);
    expect(all.length).toBeGreaterThanOrEqual(6);
    for (const command of [...Object.keys(NOT_RUN), ...Object.keys(FIXTURES)])
      expect(firsts).toContain(command);
  });

  all.forEach((session, index) => {
    const first = session.steps[0]?.command ?? '';
    if (NOT_RUN[first] !== undefined) return; // named above, with its reason
    it(`README.md:${session.line}: ${first}`, async () => {
      assertBuilt();
      const cwd = tempDir('datagen-readme-');
      symlinkSync(join(repo, 'examples'), join(cwd, 'examples'));
      for (const [name, text] of [...(before[index] ?? []), ...Object.entries(FIXTURES[first] ?? {})])
        writeFileSync(join(cwd, name), text);
      for (const step of session.steps) {
        const cat = /^cat (\S+)$/.exec(step.command);
        if (cat && !existsSync(join(cwd, cat[1] as string))) {
          writeFileSync(join(cwd, cat[1] as string), `${step.output.join('\n')}\n`);
          continue;
        }
        const r = await run(step.command, cwd);
        expect({ command: step.command, output: r.stdout.replace(/\n$/, '').split('\n') }).toEqual({
          command: step.command,
          output: step.output,
        });
      }
    });
  });
});

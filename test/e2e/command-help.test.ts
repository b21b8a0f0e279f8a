/**
 * A command's help asked for alone (`datagen generate --help`) is written
 * without loading the command and the library under it (cli/quick-answers.ts'
 * `COMMAND_HELP`, which the launcher answers from): the modules the process
 * resolves are those of `datagen --version`, and the text and status are what
 * the command itself gives for `--help` among other options. And a command
 * run loads the CLI's bundle from the code cache the build wrote
 * (run/code-cache.ts): V8 takes it; so does a generation worker its own.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/generate-file.js';

const cli = join(import.meta.dirname, '../../dist/cli/main.js');

/** A module hook (node:module `register`) that writes each module URL resolved to stderr. */
const HOOK = `export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (!r.url.startsWith('node:')) process.stderr.write('resolved ' + r.url + '\\n');
  return r;
}`;

function datagen(args: readonly string[], register?: string) {
  const r = spawnSync(
    process.execPath,
    [...(register === undefined ? [] : ['--import', register]), cli, ...args],
    { encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The modules resolved, each once (a module imported from several chunks is resolved a varying number of times). */
const resolved = (stderr: string) => [
  ...new Set(
    stderr
      .split('\n')
      .filter((l) => l.startsWith('resolved '))
      .sort(),
  ),
];

describe('a command help asked for alone', () => {
  it('loads what --version loads, and prints what the command prints', () => {
    const dir = tempDir();
    const register = join(dir, 'register.mjs');
    writeFileSync(
      register,
      `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOK)}`)});\n`,
    );
    const version = datagen(['--version'], register);
    expect(version.status).toBe(0);
    expect(resolved(version.stderr).length).toBeGreaterThan(0);
    for (const [command, flag, other] of [
      ['generate', '--help', ['-r', '1']],
      ['gen', '-?', null],
      ['plan', '--help', ['-r', '1']],
      ['init', '-?', ['--seed', '2']],
    ] as const) {
      const alone = datagen([command, flag], register);
      expect(alone.status, command).toBe(0);
      expect(resolved(alone.stderr), command).toEqual(resolved(version.stderr));
      expect(alone.stdout, command).toMatch(/^Usage: datagen (generate|plan|init) /);
      if (other === null) continue;
      // Among other options the command itself parses them and prints its help.
      const parsed = datagen([command, ...other, flag]);
      expect({ status: parsed.status, stdout: parsed.stdout }, command).toEqual({
        status: 0,
        stdout: alone.stdout,
      });
    }
  });
});

/**
 * What launch.ts does for a command (`--liftoff-only`, then the bundle through its cache), in a process
 * of its own, telling whether V8 took the cache: a cache rejected (made under other flags, or for another
 * text) or missing would compile the ~3 MB bundle again in every run, with nothing else to show it.
 */
const LAUNCH = `import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
setFlagsFromString('--liftoff-only');
const main = process.argv[1];
const chunks = new URL('../chunks/', main);
const [bundle] = readdirSync(chunks).filter((n) => /^cli-[0-9a-f]+[.]cjs$/.test(n));
process.argv = [process.argv[0], 'datagen', '--version'];
const { runCachedBundle } = await import(new URL('../run/code-cache.js', main));
const script = runCachedBundle(new URL(bundle, chunks));
process.stderr.write('cachedDataRejected ' + script.cachedDataRejected);`;

describe("the CLI's bundle", () => {
  it('runs from the code cache the build wrote, which V8 takes', () => {
    expect(readdirSync(join(cli, '../../chunks')).filter((n) => n.endsWith('.cjs.cache'))).toHaveLength(1);
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', LAUNCH, new URL(`file://${cli}`).href],
      {
        encoding: 'utf8',
      },
    );
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      status: 0,
      stdout: datagen(['--version']).stdout,
      stderr: 'cachedDataRejected false',
    });
  });

  it("runs a generation worker from its own code cache, made for the flags a run's worker meets", () => {
    // 200,000 rows: the run starts a worker (parallel-threshold.ts); NODE_DEBUG=datagen: it says what V8 did.
    const schema = join(import.meta.dirname, '../../bench/reference-table.sql');
    const r = spawnSync(
      process.execPath,
      [cli, 'generate', schema, '-r', '200000', '-j', '2', '-f', '/dev/null', '-q'],
      { encoding: 'utf8', env: { ...process.env, NODE_DEBUG: 'datagen' } },
    );
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/generation worker: code cache taken \(generation-worker-[0-9a-f]+[.]cjs[.]/);
  });
});

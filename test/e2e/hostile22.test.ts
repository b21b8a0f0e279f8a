/**
 * hostile22: the CLI run by a hostile user. A statement nesting its
 * expressions tens of thousands deep printed V8's "Maximum call stack size
 * exceeded" (the parser's tree ran out of stack before the handler's catch
 * could name it); an unterminated dollar quote printed the rest of the file
 * as its "at or near" text (5 MB of message for a 5 MB file); `--rows N`
 * beside `--size` was dropped without a word; `-f out/` (a new path ending
 * in `/`) wrote a file named `out`; a symlink loop printed Node's ELOOP text
 * and a symlink into a missing directory blamed "a virtual file system".
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { temporaries } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';
import { oneLineRefusal } from '../helpers/usage-error.js';

const dir = tempDir('hostile22-');
const table = join(dir, 't.sql');
writeFileSync(table, 'CREATE TABLE t (id int PRIMARY KEY, v text);\n');

/**
 * No stack trace, no temporary left in `where`. Tests run concurrently, so a
 * test that writes gives `where` of its own: another test's temporary, still
 * being written, is not this one's leftover.
 */
function expectClean(stderr: string, where = dir): void {
  expect(stderr).not.toMatch(/\n\s+at |RangeError|Maximum call stack/);
  expect(temporaries(where)).toEqual([]);
}

describe('hostile22: DDL no reader can take', () => {
  it.concurrent('an expression nested 30,000 deep is a located error at its statement, not V8 text', async () => {
    const file = join(dir, 'deep.sql');
    writeFileSync(
      file,
      `CREATE TABLE a (x int);\nCREATE TABLE b (y int);\nCREATE TABLE t (a int CHECK (a < ${'1+'.repeat(30_000)}1));\nCREATE TABLE c (z int);\n`,
    );
    const r = await runCliInProcess(['generate', file, '-r', '2']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `datagen: error: ${file}:3:1: this statement nests its expressions too deeply for datagen to read (it ran out of stack); write the expression flatter in a copy of the DDL you generate from\n`,
    );
    expectClean(r.stderr);
  });

  it.concurrent('an unterminated dollar quote shows 40 characters of what follows, not the rest of the file', async () => {
    const file = join(dir, 'dollar.sql');
    writeFileSync(file, `CREATE FUNCTION f() RETURNS int AS $$ select 1;\n${'x'.repeat(2_000_000)}\n`);
    const r = await runCliInProcess(['generate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `datagen: error: ${file}:1:36: unterminated dollar-quoted string at or near "$$ select 1;\u{fffd}${'x'.repeat(27)}…"\n  CREATE FUNCTION f() RETURNS int AS $$ select 1;\n                                     ^\n`,
    );
  });
});

describe('hostile22: options and targets', () => {
  it.concurrent('--rows N beside --size is refused; --rows TABLE=N beside it is taken', async () => {
    const r = await runCliInProcess(['generate', table, '--rows', '5', '--size', '1MB']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "datagen: error: --rows 5 and --size both set every table's row count: give one of them (--rows TABLE=N beside --size fixes that table's count, the others sized)\nRun `datagen generate --help` for the options.\n",
    );
    const out = join(dir, 'sized-own', 'sized');
    mkdirSync(join(dir, 'sized-own'));
    const ok = await runCliInProcess([
      'generate',
      table,
      '--rows',
      't=7',
      '--size',
      '100kB',
      '-F',
      'csv',
      '-f',
      out,
    ]);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'public.t.csv']);
  });

  it.concurrent('-f NEW/ (ending in /) is a directory: refused for one-file formats, made by directory ones', async () => {
    const own = join(dir, 'new-slash');
    mkdirSync(own);
    const said = (format: string) =>
      format === 'p'
        ? /^datagen: error: cannot write \S+\/new-p\/: that path is a directory \(or ends in \/\); give a file name\n$/
        : /^datagen: error: cannot write the archive to "\S+\/new-[ct]\/": it is a directory \(or ends in \/\); give a file name/;
    // The plain script and the tar archive through the library (its sinks refuse), the CLI for -F c.
    for (const [format, letter] of [
      ['plain', 'p'],
      ['tar', 't'],
    ] as const) {
      const output = join(own, `new-${letter}/`);
      const message = await oneLineRefusal(
        generate({ schema: [table], defaultRows: 3, format, output }),
        2,
        format,
      );
      expect(`datagen: error: ${message}\n`).toMatch(said(letter));
      expect(temporaries(own)).toEqual([]);
    }
    const r = await runCliInProcess(['generate', table, '-r', '3', '-F', 'c', '-f', join(own, 'new-c/')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(said('c'));
    expectClean(r.stderr, own);
    const d = await runCliInProcess(['generate', table, '-r', '3', '-F', 'csv', '-f', join(own, 'new-csv/')]);
    expect(d.status).toBe(0);
    expect(readdirSync(own).filter((name) => name.startsWith('new-'))).toEqual(['new-csv']);
  });

  it.concurrent('a symlink loop and a symlink into a missing directory say so', async () => {
    const links = join(dir, 'links');
    mkdirSync(links);
    symlinkSync('loop-b', join(links, 'loop-a'));
    symlinkSync('loop-a', join(links, 'loop-b'));
    symlinkSync(join(links, 'gone', 'x.sql'), join(links, 'dangling'));
    const loop = await runCliInProcess(['generate', table, '-r', '3', '-f', join(links, 'loop-a')]);
    expect(loop.status).toBe(1);
    expect(loop.stderr).toBe(
      `datagen: error: cannot write ${join(links, 'loop-a')}: too many levels of symbolic links (a link that leads back to itself?); fix the link or choose another path\n`,
    );
    const dangling = await runCliInProcess(['generate', table, '-r', '3', '-f', join(links, 'dangling')]);
    expect(dangling.status).toBe(1);
    expect(dangling.stderr).toBe(
      `datagen: error: cannot write ${join(links, 'dangling')}: the directory does not exist (it is a symlink to ${join(links, 'gone', 'x.sql')}); create it or choose another path\n`,
    );
    expect(readdirSync(links).sort()).toEqual(['dangling', 'loop-a', 'loop-b']);
  });
});

describe('hostile22: names in messages are quoted as SQL needs them', () => {
  it.concurrent('a table, column and schema needing quotes are printed quoted, one way to read them', async () => {
    const refs = join(dir, 'quoted-refs.sql');
    writeFileSync(refs, 'CREATE TABLE "Order" (id int, "P" int REFERENCES "x y".z(id));\n');
    const warned = await runCliInProcess([
      'generate',
      refs,
      '-r',
      '2',
      '-f',
      join(dir, 'quoted-refs.out.sql'),
    ]);
    expect(warned.status).toBe(0);
    expect(warned.stderr).toBe(
      'datagen: warning: public."Order"."P": foreign key Order_P_fkey references "x y".z, which is not defined in the DDL, so the column is left NULL (the constraint is kept: the target database must have "x y".z); add the DDL that creates "x y".z (e.g. another DDL file argument) to generate values\n' +
        `datagen: warning: the DDL uses objects it does not create (first at ${refs}:1:1): schemas "x y"; tables "x y".z. The database the output is loaded into must provide them: create them first, or add their DDL (e.g. CREATE EXTENSION) as another file argument (owner-only roles can be left out with --no-owner)\n`,
    );
    const twice = join(dir, 'quoted-twice.sql');
    writeFileSync(twice, 'CREATE SCHEMA "a.b";\nCREATE TABLE "a.b"."Order" (id int, "Id" int, "Id" text);\n');
    const refused = await runCliInProcess(['generate', twice, '-r', '2']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      `datagen: error: The DDL is not a usable schema (1 problem):\n${twice}:2:47: CREATE TABLE "a.b"."Order": column "Id" is declared more than once; remove or rename one\n`,
    );
  });
});

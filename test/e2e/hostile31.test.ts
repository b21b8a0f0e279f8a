/**
 * hostile31: the CLI run by a careless or hostile user. A configuration
 * holding a 50 MB string took 41 s and 1.7 GB to read, a million list items
 * 20 s and 1.4 GB, and `--config /dev/zero` read until memory ran out: a
 * YAML file is now refused past 32 million characters, or 4 million outside
 * its comment lines, and a device as one. A DDL file past the longest string
 * JavaScript holds (600 MB) was an internal error ("Cannot create a string
 * longer than 0x1fffffe8 characters"), a gzip bomb unpacked to gigabytes, and
 * `\i /dev/zero` read until memory ran out (`\i` of a directory or a binary
 * file was told without its include line); a chain of includes was scanned
 * N²/2 times for their `\set` lines (40 files of 1 MB: 52 s), and the same big
 * file included over and over had no bound. `datagen init -f NODE` refused a
 * device as "already exists" (generate writes to one), and so did
 * merge-manifests; `verify
 * DIR/manifest.json` was an internal error (ENOTDIR); a configured column
 * written quoted (`'"Note"'`, as a table may be) was "no column ""Note""";
 * `sslmode=requir` (or PGSSLMODE=verify_full) connected without SSL or
 * without checking the certificate, where libpq refuses it; a port where
 * something other than PostgreSQL answers was "There was an error
 * establishing an SSL connection". A file name of 240 bytes, which the file
 * system takes, failed (its temporary's name was past 255 bytes), and one
 * past 255 was told in Node's words with exit 1. YAML nested thousands of
 * levels deep was told as "Maximum call stack size exceeded". A YAML schema
 * spec named by a FIFO hung: read for its settings, then opened again.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseDdl } from '../../src/input/ddl/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { refusedInProcess, runCliInProcess } from '../helpers/cli-in-process.js';
import { ownDirUnder, refusedCleanly, runCliAsync } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const dir = tempDir('hostile31-');
const ownDir = (name: string) => ownDirUnder(dir, name);

const SCHEMA = 'CREATE TABLE t (id int PRIMARY KEY, "Note" text, name text);\n';

/** A directory holding `s.sql` (SCHEMA unless given), and the schema's path. */
function schemaIn(name: string, ddl = SCHEMA): { own: string; schema: string } {
  const own = ownDir(name);
  const schema = join(own, 's.sql');
  writeFileSync(schema, ddl);
  return { own, schema };
}

/** A character device made in `own` (never /dev/null itself); a FIFO where mknod is not allowed. */
function deviceIn(own: string): string {
  const node = join(own, 'device');
  if (spawnSync('mknod', [node, 'c', '1', '3']).status !== 0)
    expect(spawnSync('mknod', [node, 'p']).status).toBe(0);
  return node;
}

/** A sparse file of `bytes` (no disk used: its size is what is judged). */
function sparseFile(path: string, bytes: number): string {
  closeSync(openSync(path, 'w'));
  truncateSync(path, bytes);
  return path;
}

describe('hostile31: a YAML file that would take the machine', () => {
  it.concurrent('is refused by its size before the parser sees it; comment lines cost little and pass', async () => {
    const { own, schema } = schemaIn('yaml-size');
    const config = join(own, 'c.yaml');
    // Before: 41 s and 1.7 GB for a 50 MB string (here 4.5 MB of list items, outside comments).
    const items = Array.from({ length: 600_000 }, (_, i) => `v${i}`).join(', ');
    writeFileSync(config, `tables:\n  t:\n    columns:\n      name:\n        values: [${items}]\n`);
    const big = await refusedInProcess(['plan', schema, '--config', config], own);
    expect(big).toMatch(
      /c\.yaml: its YAML \(comment lines aside\) is 5\.\d million characters, more than the 4\.0 million characters datagen reads; is it the right file\? Shorten its long value lists/,
    );
    writeFileSync(config, `# ${'x'.repeat(33_000_000)}\ntables: {}\n`);
    expect(await refusedInProcess(['plan', schema, '--config', config], own)).toContain(
      'c.yaml: it is 33.0 million characters, more than the 32.0 million characters datagen reads in a YAML file',
    );
    // A starter file's comment lines (5 MB of them, as `init` writes for thousands of tables) are read.
    const comments = '  #   # c_name text: realistic name (from its name), 10% NULL, and more words\n'.repeat(
      64_000,
    );
    writeFileSync(config, `${comments}tables:\n  t:\n    columns:\n      name:\n        values: [a, b]\n`);
    const ok = await runCliInProcess(['plan', schema, '--config', config, '-r', '3']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('name text: config: values');
  });

  it('collections nested thousands deep are told as such at their place (was "Maximum call stack size exceeded")', () => {
    const text = `tables: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(() => parseConfig(text, 'deep.yaml')).toThrow(
      /^deep\.yaml:1:\d+: the YAML nests too deeply here \(thousands of levels; a configuration nests a few\): is it the right file\?$/,
    );
  });

  it.concurrent('--config naming a device or /dev/zero is refused at once, not read until memory runs out', async () => {
    const { own, schema } = schemaIn('yaml-device');
    for (const config of ['/dev/zero', deviceIn(own)]) {
      const stderr = await refusedInProcess(['plan', schema, '--config', config], own);
      expect(stderr).toContain(
        `--config ${config}: it is a device, not a file, and reading it would never end; give the YAML file`,
      );
    }
  });
});

describe('hostile31: DDL past what can be read', () => {
  it.concurrent('a 600 MB file and a gzip bomb are refused by size, with what to give instead', async () => {
    const own = ownDir('ddl-size');
    // Before: 'internal error (please report it): Cannot create a string longer than 0x1fffffe8 characters'.
    const huge = sparseFile(join(own, 'huge.sql'), 600_000_000);
    expect(await refusedInProcess(['plan', huge], own)).toContain(
      `cannot read schema file ${huge}: it is 600.0 MB, more than the 536.9 MB datagen reads in one DDL file; give the schema alone (pg_dump --schema-only, or the DDL without its data): datagen makes the rows itself`,
    );
    // 600 gzip members of a mebibyte of spaces each: 0.6 MB that unpacks to 629 MB.
    const member = gzipSync(Buffer.alloc(1 << 20, ' '), { level: 9 });
    const bomb = join(own, 'bomb.sql.gz');
    writeFileSync(bomb, Buffer.concat(Array.from({ length: 600 }, () => member)));
    expect(await refusedCleanly(['plan', bomb], own)).toContain(
      `cannot read schema file ${bomb}: it unpacks to more than the 536.9 MB datagen reads in one DDL file`,
    );
  });

  it.concurrent('an include of a device, a directory, a binary or a 600 MB file is a problem at its line', async () => {
    const own = ownDir('ddl-includes');
    const device = deviceIn(own);
    const huge = sparseFile(join(own, 'huge.sql'), 600_000_000);
    writeFileSync(join(own, 'bin.sql'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3]));
    const schema = join(own, 's.sql');
    writeFileSync(
      schema,
      `CREATE TABLE t (id int PRIMARY KEY);\n\\i /dev/zero\n\\i ${device}\n\\i ${own}\n\\ir bin.sql\n\\i ${huge}\n`,
    );
    // Before: \i /dev/zero read until memory ran out.
    const stderr = await refusedInProcess(['plan', schema], own);
    expect(stderr).toContain('The DDL is not a usable schema (5 problems)');
    for (const [line, text] of [
      [
        2,
        '\\i /dev/zero: cannot read schema file /dev/zero: it is a device, not a file, and reading it would never end',
      ],
      [3, `\\i ${device}: cannot read schema file ${device}: it is a device`],
      [4, `\\i ${own}: cannot read schema file ${own}: it is a directory; give the DDL file in it`],
      [
        5,
        `\\ir ${join(own, 'bin.sql')}: cannot read schema file ${join(own, 'bin.sql')}: it is not a SQL text file`,
      ],
      [6, `\\i ${huge}: cannot read schema file ${huge}: it is 600.0 MB, more than the 536.9 MB`],
    ] as const)
      expect(stderr).toContain(`${schema}:${line}:1: ${text}`);
  });

  it.concurrent('a chain of includes is scanned once per file; the same file included past the budget is refused', async () => {
    // f0 includes f1, which includes f2, ...: each file was read by every file above it for its \set lines.
    const files = new Map<string, string>();
    for (let i = 0; i < 30; i++)
      files.set(
        `m/f${i}.sql`,
        `\\set n${i} ${i}\nCREATE TABLE t${i} (id int CHECK (id > :n0));\n${i < 29 ? `\\ir f${i + 1}.sql\n` : ''}`,
      );
    const reads = new Map<string, number>();
    const { schema } = await parseDdl([{ file: 'm/f0.sql', text: files.get('m/f0.sql') ?? '' }], {
      readInclude: (path) => {
        reads.set(path, (reads.get(path) ?? 0) + 1);
        return files.get(path);
      },
    });
    expect(schema.tables).toHaveLength(30);
    expect(schema.tables.at(-1)?.checks[0]?.expr.text).toContain('> 0');
    // Once for the including file's variables, once for its statements (before: f29 was read 29 times).
    expect(Math.max(...reads.values())).toBe(2);
    // A file included over and over counts each time it is read: past the budget, its include lines are problems.
    const part = `-- ${'x'.repeat(97)}\n`;
    const text = `CREATE TABLE t (id int);\n${'\\i part.sql\n'.repeat(4)}`;
    // Read once for the variables, then once per include line: the third line's read passes 350 characters.
    const over = parseDdl([{ file: 's.sql', text }], {
      readInclude: (path) => (path === 'part.sql' ? part : undefined),
      includeBudget: text.length + 350,
    });
    const words = `the DDL files and what they include add up to more than the ${text.length + 350} characters datagen reads in one run (a file counts each time it is included)`;
    await expect(over).rejects.toThrow(`(2 problems):\ns.sql:4:1: \\i part.sql: ${words}`);
    await expect(over).rejects.toThrow(`s.sql:5:1: \\i part.sql: ${words}`);
  });
});

describe('hostile31: a YAML schema spec named by a FIFO', () => {
  it.concurrent('is read once for its settings and its tables (the second read waited for ever)', async () => {
    const own = ownDir('spec-fifo');
    const spec = join(own, 'spec.yaml');
    expect(spawnSync('mkfifo', [spec]).status).toBe(0);
    const run = runCliAsync(['plan', spec, '-r', '2']);
    await writeFile(spec, 'tables:\n  t:\n    columns:\n      id: { type: int, primary_key: true }\n');
    const r = await run;
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('public.t: 2 rows');
    expect(r.status).toBe(0);
  });
});

describe('hostile31: init and merge-manifests -f a device', () => {
  it.concurrent('writes into it as generate does (it was "already exists"), and into /dev/stdout; merge-manifests -f too', async () => {
    const { own, schema } = schemaIn('init-device');
    const device = deviceIn(own);
    const r = await runCliInProcess(['init', schema, '-f', device]);
    expect(r.stderr).toBe(`datagen: wrote ${device}\n`);
    expect(r.status).toBe(0);
    const out = await runCliAsync(['init', schema, '-f', '/dev/stdout', '-q']);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('# datagen configuration for');
    expect(out.stdout).toContain('tables:');
    // merge-manifests -f likewise (it said "exists already").
    for (const k of [1, 2]) {
      const shard = [
        'generate',
        schema,
        '-F',
        'csv',
        '-f',
        join(own, `s${k}`),
        '-r',
        '4',
        '--chunk-size',
        '1MB',
      ];
      expect((await runCliInProcess([...shard, '--shard', `${k}/2`])).status).toBe(0);
    }
    const shards = [join(own, 's1'), join(own, 's2')];
    expect(await runCliInProcess(['merge-manifests', ...shards, '-f', device])).toMatchObject({
      status: 0,
      stderr: '',
    });
    const merged = await runCliAsync(['merge-manifests', ...shards, '-f', '/dev/stdout']);
    expect(merged.status).toBe(0);
    expect(JSON.parse(merged.stdout).tables[0].rows).toBe(4);
  });
});

describe('hostile31: a long output name', () => {
  it.concurrent('of 240 bytes (the file system takes it) is written; one of 300 is refused as too long, exit 2', async () => {
    const { own, schema } = schemaIn('long-name');
    // Before: ENAMETOOLONG for the temporary `.NAME.datagen-PID-HEX.tmp`, in Node's words, exit 1.
    const name = join(own, 'b'.repeat(236));
    for (const [format, file] of [
      ['p', `${name}.sql`],
      ['csv', name],
    ] as const) {
      const r = await runCliInProcess(['generate', schema, '-F', format, '-f', file, '-r', '2']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
    expect(readFileSync(`${name}.sql`, 'utf8')).toContain('COPY public.t');
    expect(readdirSync(name)).toEqual(['manifest.json', 'public.t.csv']);
    const long = join(own, `${'c'.repeat(300)}.sql`);
    expect(await refusedInProcess(['generate', schema, '-f', long, '-r', '2'], own)).toContain(
      `cannot write ${long}: the name is too long (most file systems take at most 255 bytes in a name, 4096 in a path); choose a shorter one`,
    );
  });
});

describe('hostile31: verify, configured names, connections', () => {
  it.concurrent('verify DIR/manifest.json checks DIR (an internal error); another file is a usage error', async () => {
    const { own, schema } = schemaIn('verify-file');
    const out = join(own, 'out');
    expect((await runCliInProcess(['generate', schema, '-F', 'csv', '-f', out, '-r', '3'])).status).toBe(0);
    const r = await runCliInProcess(['verify', join(out, 'manifest.json')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^${out}: 1 file, \\d+ bytes: all match the manifest\n$`));
    expect(r.status).toBe(0);
    const csv = join(out, 'public.t.csv');
    expect(await refusedInProcess(['verify', csv], own)).toContain(
      `datagen verify ${csv}: a file, not a directory; give the directory datagen -F csv, jsonl or parquet wrote`,
    );
  });

  it.concurrent('a column written quoted in the configuration is the column; two names of one column are refused', async () => {
    const { own, schema } = schemaIn('quoted-column');
    const config = join(own, 'c.yaml');
    writeFileSync(config, `tables:\n  '"t"':\n    columns:\n      '"Note"': { values: [kept] }\n`);
    // Before: 'public.t has no column ""Note""; did you mean: Note, ...'.
    const r = await runCliInProcess(['plan', schema, '--config', config, '-r', '3']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Note text: config: values kept');
    writeFileSync(
      config,
      `tables:\n  t:\n    columns:\n      Note: { values: [a] }\n      '"Note"': { values: [b] }\n`,
    );
    expect(await refusedInProcess(['plan', schema, '--config', config], own)).toContain(
      `${config}:5:17: columns."Note" names the column Note configured above: give its settings once`,
    );
    writeFileSync(config, `tables:\n  t:\n    columns:\n      '"note"': { values: [a] }\n`);
    expect(await refusedInProcess(['plan', schema, '--config', config], own)).toContain(
      `public.t has no column "\\"note\\""; did you mean: Note`,
    );
  });

  it.concurrent('an sslmode libpq refuses is refused (it connected without SSL); a port where no PostgreSQL answers says so', async () => {
    const { own, schema } = schemaIn('connections');
    const typo = await refusedInProcess(
      ['generate', schema, '-d', 'postgresql://ann@127.0.0.1:1/shop?sslmode=requir'],
      own,
    );
    expect(typo).toContain(
      'invalid sslmode value "requir" (from -d/--dbname): expected disable, allow, prefer, require, verify-ca, verify-full',
    );
    const env = await runCliAsync(['plan', schema, '-d', 'postgresql://ann@127.0.0.1:1/shop'], {
      env: { ...process.env, CI: '1', PGSSLMODE: 'verify_full' },
    });
    expect(env.status).toBe(2);
    expect(env.stderr).toContain('invalid sslmode value "verify_full" (from PGSSLMODE)');
    // A web server's answer to the SSL request (and to a plain startup).
    const server = createServer((socket) => {
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
      socket.on('error', () => {});
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const port = (server.address() as { port: number }).port;
    try {
      for (const mode of ['prefer', 'disable']) {
        const url = `postgresql://ann@127.0.0.1:${port}/shop?sslmode=${mode}`;
        const r = await runCliInProcess(['generate', schema, '-d', url, '-r', '2']);
        expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
        expect(r.stderr).toBe(
          `datagen: error: cannot connect to ${url}: what answers there is not a PostgreSQL server, or it closed the connection before it was made (another service on that port, a proxy?): check -h and -p\n`,
        );
        expect(r.status).toBe(1);
      }
    } finally {
      server.close();
    }
  });
});

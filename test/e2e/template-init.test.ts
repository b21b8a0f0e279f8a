/**
 * `datagen init --template NAME` writes the template's rows at its ratios
 * (at --scale), its fixed tables `fixed: true`: generating the template's
 * DDL (`--template NAME --schema-only`) with that file is generating the
 * template, byte for byte, also at a --scale and under --size. It wrote
 * 1000 rows for every table before, and a file no run could reproduce.
 * The commands run in-process, every path absolute (their files and status
 * are the subject, not the process: ~0.5 s of CPU saved on each of ~23 runs).
 */
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTemplate, templateRowCounts } from '../../src/run/templates.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { tempDir } from '../helpers/generate-file.js';

/** Every file of a directory, by name, as bytes. */
function files(dir: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

/** `datagen args`, which must succeed; a bare file name in args (`*.sql`, `*.yaml`, an output) is under `dir`. */
async function ok(args: string[], dir: string): Promise<string> {
  const inDir = (arg: string, i: number) =>
    /\.(sql|yaml)$/.test(arg) || args[i - 1] === '-f' ? join(dir, arg) : arg;
  const r = await runCliInProcess(args.map(inDir));
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

/** Made once for the file: a directory per template and scale, holding what initTemplate copies. */
const made = new Map<string, Promise<string>>();

/** `generate --template NAME --schema-only` once per template; `init` once per template and scale. */
function madeOnce(key: string, make: (dir: string) => Promise<unknown>): Promise<string> {
  let dir = made.get(key);
  if (dir === undefined) {
    const fresh = tempDir();
    dir = make(fresh).then(() => fresh);
    made.set(key, dir);
  }
  return dir;
}

/**
 * A template's DDL and the configuration init writes for it (at `scale`, when given), copied into `work`:
 * each CLI run made once for the file's tests (the ecommerce and tpch cases ask for them twice).
 */
async function initTemplate(name: string, work: string, scale?: string): Promise<string> {
  const ddl = await madeOnce(name, (dir) =>
    ok(['generate', '--template', name, '--schema-only', '-f', `${name}.sql`], dir),
  );
  const config = `${name}${scale ?? ''}.yaml`;
  const init = await madeOnce(`${name} ${scale ?? ''}`, (dir) =>
    ok(['init', '--template', name, ...(scale === undefined ? [] : ['--scale', scale]), '-f', config], dir),
  );
  copyFileSync(join(ddl, `${name}.sql`), join(work, `${name}.sql`));
  copyFileSync(join(init, config), join(work, config));
  return config;
}

describe('datagen init --template', () => {
  it.each(['ecommerce', 'finance', 'medical', 'tpch'])(
    '%s: the template rows set, and the DDL with the file generates the template byte for byte',
    async (name) => {
      const work = tempDir();
      const config = await initTemplate(name, work);
      const text = readFileSync(join(work, config), 'utf8');
      const template = findTemplate(name);
      for (const [table, rows] of Object.entries(templateRowCounts(template))) {
        const fixed = template.fixed.includes(table) ? '\n    fixed: true' : '';
        expect(text).toContain(`\n  public.${table}:\n    rows: ${rows}${fixed}\n`);
      }
      await ok(['generate', '--template', name, '-f', 'template.sql', '-q'], work);
      await ok(['generate', `${name}.sql`, '--config', config, '-f', 'config.sql', '-q'], work);
      const expected = readFileSync(join(work, 'template.sql'));
      expect(expected.length).toBeGreaterThan(100_000);
      expect(readFileSync(join(work, 'config.sql')).equals(expected)).toBe(true);
    },
  );

  it('tpch at --scale 0.001: the rows of that scale, the same data', async () => {
    const work = tempDir();
    const config = await initTemplate('tpch', work, '0.001');
    expect(readFileSync(join(work, config), 'utf8')).toContain('\n  public.lineitem:\n    rows: 6000\n');
    await ok(
      ['generate', '--template', 'tpch', '--scale', '0.001', '-F', 'csv', '-f', 'template', '-q'],
      work,
    );
    await ok(['generate', 'tpch.sql', '--config', config, '-F', 'csv', '-f', 'config', '-q'], work);
    expect(files(join(work, 'config'))).toEqual(files(join(work, 'template')));
  });

  // 0.7 MB: short of the template's 1.1 MB of CSV at scale 1, so an unfixed category shrinks (1.5 MB, where
  // it grows, cost twice the CPU: three sized runs, each measuring samples first).
  it('ecommerce under --size 0.7MB: the same sizes, as its category stays fixed (without fixed: true it scales)', async () => {
    const work = tempDir();
    const config = await initTemplate('ecommerce', work);
    const size = ['--size', '0.7MB', '-F', 'csv', '-q'];
    // The key the round trip needs: without it --size scales the category tree too.
    const text = readFileSync(join(work, config), 'utf8');
    writeFileSync(join(work, 'scaled.yaml'), text.replace('    fixed: true\n', ''));
    await Promise.all([
      ok(['generate', '--template', 'ecommerce', ...size, '-f', 'template'], work),
      ok(['generate', 'ecommerce.sql', '--config', config, ...size, '-f', 'config'], work),
      ok(['generate', 'ecommerce.sql', '--config', 'scaled.yaml', ...size, '-f', 'scaled'], work),
    ]);
    const expected = files(join(work, 'template'));
    expect(expected['public.category.csv']?.toString().trim().split('\n')).toHaveLength(51);
    expect(files(join(work, 'config'))).toEqual(expected);
    const scaled = files(join(work, 'scaled'))['public.category.csv'];
    expect(scaled?.equals(expected['public.category.csv'] as Buffer)).toBe(false);
    // Three sized runs (each measures samples first): minutes on a loaded machine.
  }, 600_000);

  it('fixed: takes true or false, else a located error', async () => {
    const work = tempDir();
    writeFileSync(join(work, 's.sql'), 'CREATE TABLE t (id int PRIMARY KEY);\n');
    writeFileSync(join(work, 'bad.yaml'), 'tables:\n  t:\n    fixed: 3\n');
    const r = await runCliInProcess([
      'generate',
      join(work, 's.sql'),
      '--config',
      join(work, 'bad.yaml'),
      '-f',
      '-',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('bad.yaml:3:12');
    expect(r.stderr).toContain('tables.t.fixed expects true or false');
  });
});

/**
 * hostile17: a new user's first hour with options and files written wrong.
 * Each mistake is one usage error (exit 2) saying what was expected, in one
 * wording wherever the same value is given (a seed on the command line, in a
 * YAML file or to the library); forms users write that mean one thing are read
 * as that thing (`--rows t=3,u=4`, `-F C`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGenerateOptions } from '../../src/cli/options.js';
import { createPlan, parseDdl } from '../../src/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { GENERATOR_VERSION } from '../../src/version.js';
import { tempDir } from '../helpers/generate-file.js';
import { usageErrorOf } from '../helpers/usage-error.js';

const errorOf = usageErrorOf;

const options = (...args: string[]) => parseGenerateOptions(['schema.sql', ...args], { readConfig: false });

describe('hostile17: option values', () => {
  it('a bad seed reads the same wherever it is given (it was three wordings)', async () => {
    // Before: '--seed expects a whole number >= 0', '--seed must be below 2^32', '--seed 1e30 is too large', and
    // 'seed expects a whole number from 0 to 4294967295' in a YAML file; the library took -1, 1.5 and 2^40.
    for (const written of ['abc', '', '-1', '1.5', '4294967296', '99999999999999999999999'])
      expect(errorOf(() => options('--seed', written))).toBe(
        `--seed expects a whole number from 0 to 4294967295, got "${written}"`,
      );
    expect(options('--seed', '4294967295').seed).toBe(4294967295);
    expect(options('--seed', '1e3').seed).toBe(1000);
    expect(errorOf(() => parseConfig('rows: 5\nseed: -3\n', 'c.yaml'))).toBe(
      'c.yaml:2:7: seed expects a whole number from 0 to 4294967295, got "-3"',
    );
    expect(errorOf(() => parseConfig('seed: "7"\n', 'c.yaml'))).toBe(
      'c.yaml:1:7: seed expects a whole number from 0 to 4294967295, got "7" (a string: write it without quotes)',
    );
    const { schema } = await parseDdl([{ file: 's.sql', text: 'CREATE TABLE t (id int PRIMARY KEY);' }]);
    for (const seed of [-1, 1.5, 2 ** 40])
      expect(errorOf(() => createPlan(schema, { seed }))).toBe(
        `seed expects a whole number from 0 to 4294967295, got "${seed}"`,
      );
  });

  it('--rows t=3,u=4 is two counts; a list with any other part stays one value and is refused as before', () => {
    expect(options('--rows', 't=3,u=4').tables).toEqual({ t: 3, u: 4 });
    expect(options('--rows', '7, public.u = 4').tables).toEqual({ 'public.u': 4 });
    expect(options('--rows', '7, public.u = 4').defaultRows).toBe(7);
    expect(errorOf(() => options('--rows', 't=3,u=x'))).toBe(
      '--rows t=3,u=x: the row count of t=3,u expects a whole number from 0 to 4503599627370496, got "x" (t=3,u=0 leaves it empty; without t=3,u= in --rows it takes the default count)',
    );
    expect(errorOf(() => options('--rows', 'x='))).toBe(
      '--rows x=: the row count of x expects a whole number from 0 to 4503599627370496, got "" (x=0 leaves it empty; without x= in --rows it takes the default count)',
    );
  });

  it('-F in any case, as pg_dump reads it; --null-rate, --generator-version and -Z gzip:LEVEL say the range', () => {
    expect(options('-F', 'C', '-f', 'x.dump').format).toBe('custom');
    expect(options('-F', 'Directory', '-f', 'x').format).toBe('directory');
    // Before: --null-rate '' was 0 (Number('')), taken without a word.
    for (const rate of ['', ' ', 'abc', '2', '-0.1', '0x1'])
      expect(errorOf(() => options('--null-rate', rate))).toBe(
        `--null-rate expects a number from 0 to 1 (0.1: one in ten), got "${rate}"`,
      );
    expect(options('--null-rate', '.25').nullRate).toBe(0.25);
    // Before: '--generator-version expects a whole number >= 0, got "abc"' (0 is no version either).
    expect(errorOf(() => options('--generator-version', 'abc'))).toBe(
      `--generator-version abc is not a version of this datagen's generators; expected 1 to ${GENERATOR_VERSION}`,
    );
    // Before: 'gzip compression level must be an integer from 0 to 9, got 99', naming no option.
    expect(errorOf(() => options('-F', 'c', '-f', 'x.dump', '-Z', 'gzip:99'))).toBe(
      '--compress gzip:99: the gzip level is a whole number from 0 to 9',
    );
  });

  it('a YAML spec file given with a seed out of range names its place', () => {
    const dir = tempDir();
    const file = join(dir, 'settings.yaml');
    writeFileSync(file, 'seed: 5000000000\n');
    expect(errorOf(() => parseGenerateOptions(['--config', file, 'schema.sql']))).toBe(
      `${file}:1:7: seed expects a whole number from 0 to 4294967295, got "5000000000"`,
    );
  });
});

describe('hostile17: YAML files written wrong', () => {
  it('an unknown key names the nearest one; a count names what it got', () => {
    // Before: only the list of every key, and 'rows expects a whole number from 0 to 4503599627370496'.
    expect(errorOf(() => parseConfig('tables:\n  a:\n    rows: many\n', 'c.yaml'))).toBe(
      'c.yaml:3:11: tables.a.rows expects a whole number from 0 to 4503599627370496, got "many"',
    );
    expect(errorOf(() => parseConfig('tabels:\n  a: {}\n', 'c.yaml'))).toBe(
      'c.yaml:1:1: unknown key "tabels" in the configuration; did you mean "tables"? The keys are: seed, locale, rows, batch_size, default_batch_size, jobs, null_rate, generator_version, vars, tables',
    );
    expect(errorOf(() => parseConfig('tables:\n  a:\n    skipp: true\n', 'c.yaml'))).toBe(
      'c.yaml:3:5: unknown key "skipp" in tables.a; did you mean "skip"? The keys are: rows, skip, fixed, columns, foreign_keys, trust_checks',
    );
  });
});

/**
 * No lorem by default (generator version 3): a generated dump of every
 * corpus schema and every example holds no lorem-only word in any value
 * (faker's lorem words that no other en dictionary holds; lorem-words.ts).
 * The lorem generator, named in a configuration, is the one way to get them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { corpusDir, corpusFiles } from '../helpers/corpus.js';
import { generateFile } from '../helpers/generate-file.js';
import { LATIN_ONLY, latinWordsOf } from './lorem-words.js';

const examples = readdirSync('examples')
  .filter((f) => f.endsWith('.sql'))
  .map((f) => join('examples', f));
const schemas = [...corpusFiles.map((f) => join(corpusDir, f)), ...examples];

/** `schema.table.column: value` for every value holding a lorem-only word. */
function loremValues(dump: string): string[] {
  const found: string[] = [];
  let table: string | null = null;
  let columns: string[] = [];
  for (const line of dump.split('\n')) {
    const copy = /^COPY (\S+) \((.*)\) FROM stdin;$/.exec(line);
    if (copy) {
      table = copy[1] as string;
      columns = (copy[2] as string).split(', ');
      continue;
    }
    if (line === '\\.') table = null;
    if (table === null) continue;
    line.split('\t').forEach((value, i) => {
      const words = latinWordsOf(value);
      if (words.length > 0) found.push(`${table}.${columns[i]}: ${words.join(' ')} in ${value.slice(0, 80)}`);
    });
  }
  return found;
}

it('the lorem-only word list is lorem (and leaves out words other dictionaries hold)', () => {
  expect(LATIN_ONLY.size).toBeGreaterThan(500);
  for (const w of ['dolor', 'consectetur', 'adipisci', 'vitium']) expect(LATIN_ONLY.has(w), w).toBe(true);
  for (const w of ['victoria', 'arbor', 'video']) expect(LATIN_ONLY.has(w), w).toBe(false);
  expect(loremValues('COPY public.t (a, b) FROM stdin;\n1\tCurso dolor sit amet\n\\.\n')).toEqual([
    'public.t.b: curso dolor amet in Curso dolor sit amet',
  ]);
});

it.each(schemas)('%s: no lorem in a generated dump', async (schema) => {
  const { file } = await generateFile({ schema: [schema], defaultRows: 200, seed: 3, dataOnly: true });
  expect(loremValues(readFileSync(file, 'utf8'))).toEqual([]);
});

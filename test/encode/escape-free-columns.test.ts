/**
 * Columns the COPY writer copies without its escape scan (`plain`) because
 * their generator says its text is printable ASCII without a backslash
 * (dictionary pickers, emails, usernames): every value they make is, for the
 * repo's schemas, the templates and the corpus; and the semantic columns of
 * the reference table are among them (so the fast path is taken at all).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ByteOut, writeAsciiText } from '../../src/checks/digits.js';
import { createCsvRowWriter, escapeCsvField } from '../../src/encode/csv.js';
import { writerColumns } from '../../src/encode/table-chunks.js';
import { loadSchemaFiles, planWithRowTrial } from '../../src/index.js';
import { corpusDir, corpusFiles } from '../helpers/corpus.js';

const ESCAPE_FREE = /^[\x20-\x5b\x5d-\x7e]*$/;

function schemas(): string[] {
  const files = [
    'examples/shop.sql',
    'examples/catalog.sql',
    'examples/awkward.sql',
    'bench/reference-table.sql',
  ];
  files.push(...['ecommerce', 'finance', 'medical', 'tpch'].map((t) => `templates/${t}.sql`));
  // Without the shared corpus (a fresh clone), the repo's schemas still run.
  files.push(...corpusFiles.map((f) => join(corpusDir, f)));
  return files;
}

/** `table.column` of every plain column whose type alone would not make it plain, with any value that is not escape-free. */
async function plainTextColumns(file: string, rows: number) {
  const { schema } = await loadSchemaFiles([file]);
  const { plan, source } = planWithRowTrial(schema, { defaultRows: rows, seed: 9 });
  const found: { column: string; bad: string[] }[] = [];
  plan.tables.forEach((t, tableIndex) => {
    for (const column of source.writtenColumns(tableIndex)) {
      if (!column.plain || t.rows === 0) continue;
      const bad: string[] = [];
      for (let row = 0; row < t.rows; row++) {
        const value = column.fn(row);
        if (value !== null && !ESCAPE_FREE.test(value)) bad.push(value);
      }
      found.push({ column: `${t.table.name}.${column.name}`, bad: bad.slice(0, 3) });
    }
  });
  return found;
}

describe('columns written without the COPY escape scan', () => {
  it('the reference table: names, email and city are plain', async () => {
    const plain = (await plainTextColumns('bench/reference-table.sql', 500)).map((c) => c.column);
    expect(plain).toEqual(
      expect.arrayContaining(['person.first_name', 'person.last_name', 'person.email', 'person.city']),
    );
  });

  it('every value of a plain column is printable ASCII without a backslash (examples, templates, corpus)', async () => {
    for (const file of schemas()) {
      for (const { column, bad } of await plainTextColumns(file, 300)) {
        expect(bad, `${file} ${column}`).toEqual([]);
      }
    }
  }, 120_000);
});

describe('columns CSV writes without its quote scan', () => {
  it('those plain by their type as they are; a dictionary plain for COPY by its byte writer, checked: the bytes of its quoted text', async () => {
    let dictionaryWritten = 0;
    for (const file of ['templates/ecommerce.sql', 'examples/shop.sql']) {
      const { schema } = await loadSchemaFiles([file]);
      const { plan, source } = planWithRowTrial(schema, { defaultRows: 200, seed: 9 });
      plan.tables.forEach((t, tableIndex) => {
        const columns = source.writtenColumns(tableIndex);
        const csv = createCsvRowWriter();
        const { fns, plain, writes } = writerColumns(source, tableIndex, csv);
        expect(plain, t.table.name).toEqual(columns.map((c) => c.plainType));
        expect(writes.map((w) => w !== undefined)).toEqual(
          columns.map((c) => c.plain && c.write !== undefined),
        );
        dictionaryWritten += columns.filter((c, i) => !c.plainType && writes[i] !== undefined).length;
        for (const column of columns) {
          if (!column.plainType) continue;
          for (let row = 0; row < t.rows; row++) {
            const value = column.fn(row);
            if (value !== null) expect(escapeCsvField(value), `${t.table.name}.${column.name}`).toBe(value);
          }
        }
        // Every row through the byte writers is every field's text, quoted as it needs.
        for (let row = 0; row < t.rows; row++) csv.writeRow?.(fns, plain, row, writes);
        const expected = Array.from(
          { length: t.rows },
          (_, row) => `${fns.map((fn) => escapeCsvField(fn(row))).join(',')}\n`,
        ).join('');
        expect(csv.takeChunk().toString('utf8'), t.table.name).toBe(expected);
      });
    }
    expect(dictionaryWritten).toBeGreaterThan(0);
  });

  it('a byte writer whose text needs quotes is written again from its string, quoted', () => {
    const texts = ['a,b', 'say "hi"', '', ' lead', 'trail\t', '\\.', 'line\nbreak', 'cr\r', 'plain', null];
    const fns = [(row: number) => texts[row] ?? null];
    const writes = [
      (out: ByteOut, row: number) => {
        const text = texts[row];
        if (text === null || text === undefined) return false;
        writeAsciiText(out, text);
        return true;
      },
    ];
    const csv = createCsvRowWriter();
    for (let row = 0; row < texts.length; row++) csv.writeRow?.(fns, [false], row, writes);
    expect(csv.takeChunk().toString('utf8')).toBe(
      '"a,b"\n"say ""hi"""\n""\n" lead"\n"trail\t"\n"\\."\n"line\nbreak"\n"cr\r"\nplain\n\n',
    );
  });
});

/**
 * The model parseDdl reads from one DDL text (as file `test.sql`), and its
 * tables and columns by name, for tests of the DDL front end.
 */
import { parseDdl } from '../../src/input/ddl/index.js';
import type { Schema, Table } from '../../src/schema/model.js';

export async function model(sql: string, defaultSchema?: string): Promise<Schema> {
  return (
    await parseDdl([{ file: 'test.sql', text: sql }], defaultSchema === undefined ? {} : { defaultSchema })
  ).schema;
}

export function table(schema: Schema, name: string, ns = 'public'): Table {
  const t = schema.tables.find((x) => x.name === name && x.schema === ns);
  if (t === undefined) throw new Error(`no table ${ns}.${name}`);
  return t;
}

export function column(t: Table, name: string) {
  const c = t.columns.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no column ${name}`);
  return c;
}

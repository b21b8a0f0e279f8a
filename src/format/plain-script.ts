/**
 * `--format plain`: a SQL script for psql in pg_dump's order — pre-data DDL,
 * the data (COPY blocks, or batched INSERTs), sequences set past the
 * generated keys, then post-data (keys, indexes, FKs, triggers), so keys are
 * built once over loaded data and triggers never fire on it.
 */
import { createSqlLiteralEncoder, sqlValuesRow } from '../encode/sql-literal.js';
import { copyTextChunks } from '../encode/table-chunks.js';
import type { ValueSource } from '../generate/value-source.js';
import type { DdlStatement, Schema } from '../schema/model.js';
import { quoteIdent, quoteQualified } from '../schema/quote.js';
import { copyStatement, dataTables, sequenceSetStatements } from './data-statements.js';

export interface PlainScriptOptions {
  /** Batched multi-row INSERTs instead of COPY. */
  readonly inserts?: boolean;
  /** Rows per INSERT (default 1000). */
  readonly batchSize?: number;
  /** Only the data section (COPY/INSERT and setval), no DDL: `--format copy`. */
  readonly dataOnly?: boolean;
  /** Leave out `ALTER ... OWNER TO` statements. */
  readonly noOwner?: boolean;
  /** Header comment lines (tool, version, seed, options). */
  readonly header?: readonly string[];
  readonly onRows?: (tableIndex: number, rows: number) => void;
}

const SESSION_SETTINGS = [
  'SET statement_timeout = 0;',
  'SET lock_timeout = 0;',
  'SET idle_in_transaction_session_timeout = 0;',
  "SET client_encoding = 'UTF8';",
  'SET standard_conforming_strings = on;',
  'SET check_function_bodies = false;',
  'SET xmloption = content;',
  'SET client_min_messages = warning;',
  'SET row_security = off;',
];

/** A name inside a `--` comment line: a line break would end the comment (pg_dump's sanitize_line). */
function commentText(text: string): string {
  return text.replace(/[\r\n]/g, ' ');
}

function statementBlock(s: DdlStatement): string {
  const kind =
    s.desc === 'SET'
      ? ''
      : `--\n-- Name: ${commentText(s.tag)}; Type: ${s.desc}; Schema: ${commentText(s.namespace ?? '-')}\n--\n\n`;
  return `${kind}${s.sql}\n`;
}

/** The whole script as a stream of chunks. */
export async function* plainScript(
  schema: Schema,
  source: ValueSource,
  options: PlainScriptOptions = {},
): AsyncGenerator<string | Buffer> {
  yield `--\n-- PostgreSQL database dump\n${(options.header ?? []).map((l) => `-- ${l}\n`).join('')}--\n\n`;
  yield `${SESSION_SETTINGS.join('\n')}\n\n`;
  const keep = (s: DdlStatement) => !options.dataOnly && !(options.noOwner && s.desc === 'OWNER');
  for (const s of schema.statements) if (s.section === 'pre-data' && keep(s)) yield statementBlock(s);

  for (const { index, table, columns } of dataTables(source)) {
    yield `--\n-- Data for Name: ${commentText(table.name)}; Type: TABLE DATA; Schema: ${commentText(table.schema)}\n--\n\n`;
    const onRows = options.onRows ? (n: number) => options.onRows?.(index, n) : undefined;
    if (options.inserts) {
      yield* insertBatches(source, index, options.batchSize ?? 1000, onRows);
    } else {
      yield copyStatement(table, columns);
      yield* copyTextChunks(source, index, undefined, onRows);
      yield '\\.\n\n';
    }
  }

  const sequenceSets = sequenceSetStatements(schema, source.plan);
  if (sequenceSets.length > 0)
    yield `--\n-- Sequence values past the generated keys\n--\n\n${sequenceSets.map((s) => s.sql).join('')}\n`;

  for (const s of schema.statements) if (s.section === 'post-data' && keep(s)) yield statementBlock(s);
  yield '--\n-- PostgreSQL database dump complete\n--\n\n';
}

async function* insertBatches(
  source: ValueSource,
  tableIndex: number,
  batchSize: number,
  onRows: ((rows: number) => void) | undefined,
): AsyncGenerator<string> {
  const plan = source.plan.tables[tableIndex];
  if (!plan || plan.rows === 0) return;
  const columns = source.writtenColumns(tableIndex);
  const encoders = plan.columns.filter((c) => c.written).map((c) => createSqlLiteralEncoder(c.column.type));
  const overriding = plan.columns.some((c) => c.written && c.column.identity === 'always')
    ? ' OVERRIDING SYSTEM VALUE'
    : '';
  const head = `INSERT INTO ${quoteQualified(plan.table)} (${columns.map((c) => quoteIdent(c.name)).join(', ')})${overriding} VALUES\n`;
  if (columns.length === 0) {
    // No columns: `VALUES ()` is a syntax error; pg_dump writes DEFAULT VALUES, one row each.
    const line = `INSERT INTO ${quoteQualified(plan.table)} DEFAULT VALUES;\n`;
    for (let start = 0; start < plan.rows; start += batchSize) {
      const n = Math.min(batchSize, plan.rows - start);
      yield line.repeat(n);
      onRows?.(n);
    }
    yield '\n';
    return;
  }
  for (let start = 0; start < plan.rows; start += batchSize) {
    const end = Math.min(plan.rows, start + batchSize);
    const lines: string[] = [];
    for (let row = start; row < end; row++) {
      lines.push(
        `\t${sqlValuesRow(columns.map((c, i) => (encoders[i] as (v: string | null) => string)(c.fn(row))))}`,
      );
    }
    yield `${head}${lines.join(',\n')};\n`;
    onRows?.(end - start);
  }
  yield '\n';
}

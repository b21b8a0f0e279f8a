/**
 * An independent Parquet reader for the tests: DuckDB (@duckdb/node-api),
 * in memory. Returns the column types DuckDB infers from the file's schema
 * and the rows as JSON-compatible values (bigints and decimals as strings).
 */
import { DuckDBInstance } from '@duckdb/node-api';

export interface ParquetContents {
  /** Column name → DuckDB type (`INTEGER`, `DECIMAL(10,2)`, `TIMESTAMP WITH TIME ZONE`, `INTEGER[]`, …). */
  readonly types: Record<string, string>;
  readonly rows: Record<string, unknown>[];
}

/** Read a Parquet file; `replace` is a DuckDB `REPLACE (...)` list applied to `SELECT *` (e.g. `epoch_us(at) AS at`). */
export async function readParquet(file: string, replace?: string): Promise<ParquetContents> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const source = `read_parquet('${file.replaceAll("'", "''")}')`;
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const types: Record<string, string> = {};
    for (const row of described.getRowObjectsJson()) types[String(row.column_name)] = String(row.column_type);
    const select = replace === undefined ? '*' : `* REPLACE (${replace})`;
    const read = await connection.runAndReadAll(`SELECT ${select} FROM ${source}`);
    return { types, rows: read.getRowObjectsJson() as Record<string, unknown>[] };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

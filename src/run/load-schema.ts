/**
 * Schema input: read DDL files (or pg_dump archives, see input/schema-source.ts,
 * or a YAML schema spec, see input/spec/schema-spec.ts) and hand them to the
 * real PostgreSQL parser.
 */

import { DatagenError, ErrorCodes, isDatagenError, type Warning } from '../errors.js';
import { openLoadConnection } from '../format/load-target.js';
import { MAX_DDL_FILE_BYTES, readBounded } from '../input/bounded-read.js';
import type { ConnectionOptions } from '../input/connection.js';
import { readsCodeSql } from '../input/ddl/code-sql.js';
import { readsConstantLoops } from '../input/ddl/do-loops.js';
import { readsCallDdl } from '../input/ddl/dynamic-ddl.js';
import {
  readsExceptionBlocks,
  readsFallbackHandlers,
  readsMissingObjectHandlers,
  readsReRaiseHandlers,
} from '../input/ddl/exception-do.js';
import { parseDdl } from '../input/ddl/index.js';
import { copiesLikeIndexes } from '../input/ddl/like-indexes.js';
import { readsGeometryCalls } from '../input/ddl/postgis-columns.js';
import { readLiveSchemaOver } from '../input/live-schema.js';
import { readSchemaSource, sqlText, unreadable } from '../input/schema-source.js';
import { isSchemaSpec, looksLikeSpec, specDdl, specOrSqlError } from '../input/spec/schema-spec.js';
import { checkSpecSchema, specError, specWarnings } from '../input/spec/spec-errors.js';
import type { Schema } from '../schema/model.js';

export interface LoadedSchema {
  readonly schema: Schema;
  readonly warnings: readonly Warning[];
}

/** Parse one or more SQL DDL files (in order) into the schema model. */
export async function loadSchemaFiles(
  files: readonly string[],
  variables?: Readonly<Record<string, string>>,
  generatorVersion?: number,
): Promise<LoadedSchema> {
  if (files.length === 0) {
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      'no schema given: pass DDL files (datagen generate schema.sql), or a database to read it from with -d DBNAME.',
      {},
    );
  }
  const [first] = files;
  if (first !== undefined && files.length === 1 && isSchemaSpec(first))
    return loadSchemaSpec(first, variables);
  const sources = await Promise.all(files.map(readSchemaSource));
  const spec = sources.find((source) => looksLikeSpec(source.text));
  if (spec !== undefined)
    throw new DatagenError(
      ErrorCodes.BAD_OPTION,
      `${spec.file}:1:1: this is a YAML schema spec (${/^\s*\{/.test(spec.text) ? 'a JSON object' : 'YAML keys'} with tables:), not SQL, but its name does not end in .yaml or .yml, so it was read as SQL; rename it to end in .yaml`,
      { file: spec.file, line: 1, column: 1 },
    );
  // An empty file is no schema, not a syntax error ("Query cannot be empty"): the no-tables warning says so.
  const loaded = await parseDdl(
    sources.filter((source) => source.text.trim() !== ''),
    {
      readInclude,
      ...(variables === undefined ? {} : { variables }),
      readGeometryCalls: readsGeometryCalls(generatorVersion),
      readCallDdl: readsCallDdl(generatorVersion),
      readExceptionBlocks: readsExceptionBlocks(generatorVersion),
      readFallbackHandlers: readsFallbackHandlers(generatorVersion),
      readReRaiseHandlers: readsReRaiseHandlers(generatorVersion),
      readMissingObjectHandlers: readsMissingObjectHandlers(generatorVersion),
      readCodeSql: readsCodeSql(generatorVersion),
      readConstantLoops: readsConstantLoops(generatorVersion),
      copyLikeIndexes: copiesLikeIndexes(generatorVersion),
    },
  );
  const readWarnings = sources.flatMap((source) => source.warnings ?? []);
  if (readWarnings.length > 0) loaded.warnings.unshift(...readWarnings);
  if (loaded.schema.tables.length > 0) return loaded;
  // An empty file, only comments, or only types and functions: say so rather than exit 0 silently.
  const noTables: Warning = {
    code: 'NO_TABLES',
    message: `${files.join(', ')}: no tables (CREATE TABLE) found, so there are no rows to generate; is it the right file?`,
    where: files.join(', '),
  };
  return { ...loaded, warnings: [...loaded.warnings, noTables] };
}

/**
 * The schema of the database -d names, read from its catalog over the run's session (held by runSession: the
 * load that follows uses it too). `toOutput`: the rows go to a file, not back into that database.
 */
export async function loadLiveSchema(
  connection: ConnectionOptions,
  toOutput: boolean,
): Promise<LoadedSchema> {
  const session = await openLoadConnection(connection);
  let source: { file: string; text: string };
  try {
    source = await readLiveSchemaOver(session.client, session.where);
  } finally {
    await session.release();
  }
  const loaded = await parseDdl([source]);
  if (loaded.schema.tables.length === 0) {
    // A database without tables (a fresh createdb, the wrong name, the schema in a database of another name):
    // say so rather than report "done" over nothing.
    const noTables: Warning = {
      code: 'NO_TABLES',
      message: `${session.where} has no tables (outside pg_catalog, information_schema and extensions), so there are no rows to generate; is it the right database? To create the schema there first, give its DDL files too (datagen generate schema.sql -d ...)`,
      where: session.where,
    };
    loaded.warnings.push(noTables);
  }
  // Rows loaded back into the database the schema came from: it has every object the DDL uses, and its
  // server reads the syntax its catalog printed (no "loads only into PostgreSQL 18 or later" for an 18 one).
  if (toOutput) return loaded;
  const told = loaded.warnings.filter((w) => w.code !== 'EXTERNAL_OBJECTS' && w.code !== 'SERVER_VERSION');
  return { ...loaded, warnings: told };
}

/** A YAML schema spec: its DDL parsed, mistakes told at their place in the spec. */
async function loadSchemaSpec(
  file: string,
  variables: Readonly<Record<string, string>> | undefined,
): Promise<LoadedSchema> {
  const { text } = await readSchemaSource(file);
  let spec: ReturnType<typeof specDdl>;
  try {
    spec = specDdl(text, file);
  } catch (error) {
    throw specOrSqlError(error, text, file);
  }
  let loaded: { schema: Schema; warnings: Warning[] };
  try {
    loaded = await parseDdl([{ file, text: spec.text }], {
      readInclude,
      undefinedTypes: 'warn',
      ...(variables === undefined ? {} : { variables }),
    });
  } catch (error) {
    throw isDatagenError(error) ? specError(spec, error) : error;
  }
  const warnings = specWarnings(spec, loaded.warnings);
  checkSpecSchema(spec, loaded.schema);
  return { schema: loaded.schema, warnings };
}

/**
 * Reads the files psql `\i` / `\ir` lines in the DDL name, each bounded (bounded-read.ts; what they add up
 * to is bounded where they are read: include-files.ts). A file that is not there is undefined (the
 * include's next path is tried); one refused or unreadable throws why.
 */
function readInclude(path: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = readBounded(path, MAX_DDL_FILE_BYTES, 'one DDL file');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw unreadable(path, error);
  }
  return sqlText(path, bytes);
}

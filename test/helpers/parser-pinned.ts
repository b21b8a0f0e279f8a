import { beforeAll } from 'vitest';
import { loadParser } from '../../src/input/ddl/pg-parser.js';

/**
 * The SQL parser loaded once for the worker and kept (a setup file): a run that finds no holder outside it
 * instantiates libpg-query's WebAssembly when it begins and drops it when it ends, ~60 ms of CPU of each
 * generate() in a test (a 6-table DDL at 50 rows: 97-116 -> 41-47 ms of CPU a run), and a test file makes
 * dozens. The module is the same the library loads; `loadParser` pins it as the library's `parseDdl` does,
 * which several files called already (equations29: every later file in its worker ran that way).
 */
beforeAll(() => loadParser());

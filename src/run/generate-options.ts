/**
 * What a run is asked (`GenerateOptions`) and what it answers
 * (`GenerateResult`): the library's contract, shared by the run and the
 * writers it hands the rows to.
 */
import type { Writable } from 'node:stream';
import type { ArchiveCompression } from '../archive/index.js';
import type { Warning } from '../errors.js';
import type { Shard, TableFile, TableFileCompression } from '../format/table-files.js';
import type { ConnectionOptions } from '../input/connection.js';
import type { PlanOptions } from '../plan/create-plan.js';
import type { GenerationPlan } from '../plan/plan-model.js';
import type { TableSelectionPatterns } from '../plan/table-selection.js';
import type { Schema } from '../schema/model.js';
import type { RunEstimate } from './estimate.js';

export type OutputFormat = 'plain' | 'copy' | 'custom' | 'directory' | 'tar' | 'csv' | 'jsonl' | 'parquet';

export const OUTPUT_FORMATS: readonly OutputFormat[] = [
  'plain',
  'custom',
  'directory',
  'tar',
  'copy',
  'csv',
  'jsonl',
  'parquet',
];

export interface GenerateOptions extends PlanOptions {
  /** DDL files to read, or an already-parsed schema; none: the schema of `connection`'s database. */
  readonly schema?: readonly string[] | Schema;
  /** psql variables (`--set NAME=VALUE`) the DDL files' `:NAME`, `:'NAME'`, `:"NAME"` read, before any `\set` in them. */
  readonly variables?: Readonly<Record<string, string>>;
  readonly format?: OutputFormat;
  /** pg_dump -E: a script's or archive's encoding (default UTF8; single-byte ones only, format/output-encoding.ts). */
  readonly encoding?: string;
  /** A path, or a writable stream (stdout); none: rows go into `connection`'s database. */
  readonly output?: string | Writable;
  /** A live database: where rows are loaded when there is no `output`, and where the schema is read from when there is no `schema`. */
  readonly connection?: ConnectionOptions;
  /** Loading into a database: empty the target tables first (in the same transaction). */
  readonly truncate?: boolean;
  /** Loading into a database: add to tables that already hold rows, keys past or around theirs. */
  readonly append?: boolean;
  /** Loading into a database in one transaction: the target tables UNLOGGED while their rows go in, LOGGED again before the foreign keys. */
  readonly unloggedDuringLoad?: boolean;
  /** Row counts for about this many output bytes: the tables' ratios from `tables`, else the FK graph (plan/graph-ratios.ts), bytes per row measured (sizing.ts). */
  readonly size?: number;
  /** Tables (`name` or `schema.name`) whose row count `size` keeps (a template's fixed tables). */
  readonly fixedTables?: readonly string[];
  /** csv, jsonl, parquet: only shard `index` of `count` (contiguous row ranges of every table). */
  readonly shard?: Shard;
  /**
   * copy, plain (COPY rows): only this slice of every table's rows, the rest (DDL, setval) as the whole run
   * writes it: `size`'s measure of one slice of a run (sizing.ts), not a shard to concatenate.
   */
  readonly sizingSlice?: Shard;
  /** csv, jsonl, parquet: split each table into numbered chunk files of about this many bytes (before compression). */
  readonly chunkSize?: number;
  /**
   * csv, jsonl, parquet: keep the complete files of an interrupted (killed) run of the same command and write the rest.
   * Loading into a database: commit table by table (FK cycles together) and continue an interrupted load.
   */
  readonly resume?: boolean;
  /** Loading with `resume`: the state record's path (default `datagen-load-state.json` in the working directory). */
  readonly loadState?: string;
  /** Every degradation (a warning) is an error instead: exit 2, nothing written. */
  readonly strict?: boolean;
  /** INSERT statements instead of COPY (plain output). */
  readonly inserts?: boolean;
  /** Rows per INSERT (default 1, as pg_dump). */
  readonly rowsPerInsert?: number;
  readonly noOwner?: boolean;
  /** pg_dump's -a: only the data section (plain output). */
  readonly dataOnly?: boolean;
  /** pg_dump's -s: only the DDL (plain and archive output). */
  readonly schemaOnly?: boolean;
  /** pg_dump's -x: no GRANT/REVOKE. */
  readonly noPrivileges?: boolean;
  /** pg_dump's --no-comments: no COMMENT ON. */
  readonly noComments?: boolean;
  /** pg_dump's --no-publications (CREATE/ALTER PUBLICATION and their comments), --no-subscriptions, --no-security-labels. */
  readonly noPublications?: boolean;
  readonly noSubscriptions?: boolean;
  readonly noSecurityLabels?: boolean;
  /**
   * pg_dump's -c, --if-exists, -C, --disable-triggers (plain output);
   * --disable-triggers also for a direct load (without it the tables' user triggers fire).
   */
  readonly clean?: boolean;
  readonly ifExists?: boolean;
  readonly create?: boolean;
  readonly disableTriggers?: boolean;
  /** pg_dump's -n/-N/-t/-T: which tables get rows (a selected table's FK parents must be selected too). */
  readonly selection?: TableSelectionPatterns;
  /** Archive compression (custom and directory formats; default gzip level 6, as pg_dump; tar: none). */
  readonly compression?: ArchiveCompression;
  /** CSV / JSON Lines: gzip, zstd or none (default none); Parquet: snappy (default), zstd, gzip or none. */
  readonly fileCompression?: TableFileCompression;
  /**
   * Threads for row generation and archive compression together (default:
   * every core); 1 generates on the calling thread. The calling thread is
   * one of them: N - 1 generation workers at most (and no more than the
   * cores less one). The bytes do not depend on it.
   */
  readonly workers?: number;
  /**
   * Rows per block a generation worker encodes at once (default: sized to
   * about 512 KiB of COPY text). Given, every table goes to the workers, small
   * ones too (else tables under 20,000 rows stay on the calling thread, and so
   * does every table of a run whose bigger tables hold fewer than 200,000 rows
   * together: run/parallel-threshold.ts). The bytes do not depend on it.
   */
  readonly blockRows?: number;
  /** The archive's creation time (default: SOURCE_DATE_EPOCH when set, else now). */
  readonly createdAt?: Date;
  /** The database name recorded in an archive's header, and the one `create` makes (default: the connection's database, else `datagen`). */
  readonly dbname?: string;
  /** Called once the plan is made, before any output, with every warning so far (schema and plan). */
  readonly onPlan?: (plan: GenerationPlan, warnings: readonly Warning[]) => void;
  /** Called once every column's generator is built, just before output starts: the run's size. */
  readonly onEstimate?: (estimate: RunEstimate) => void;
  /** Called as rows are produced (table index, rows since the last call, their bytes as written before archive compression). */
  readonly onRows?: (tableIndex: number, rows: number, bytes: number) => void;
  /** A load into a database (`connection`): how it goes (one transaction, parts or table by table), once chosen. */
  readonly onLoadWay?: (line: string) => void;
}

export interface GenerateResult {
  readonly plan: GenerationPlan;
  readonly warnings: readonly Warning[];
  readonly bytes: number;
  /** For archives: the `pg_restore -l`-style listing of what is inside. */
  readonly listing: string | null;
  /** For csv, jsonl and parquet: the files written into the directory, in table order. */
  readonly files?: readonly TableFile[];
  readonly tables: readonly { readonly schema: string; readonly name: string; readonly rows: number }[];
}

/** Where a resumable load keeps its state record unless told. */
export const DEFAULT_LOAD_STATE = 'datagen-load-state.json';

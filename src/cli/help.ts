/** The exit statuses, the same in every help text. */
const EXIT_STATUS = `Exit status:
  0    done
  1    environment or I/O error (unwritable path, full disk, closed pipe)
  2    usage or schema error (bad option, bad DDL, impossible request)
  130  interrupted by SIGINT (Ctrl-C); 143 by SIGTERM. Temporary files are
       removed and the target is left as it was.
`;

export const MAIN_HELP = `datagen: realistic, constraint-correct data for PostgreSQL schemas

Usage:
  datagen generate FILE.sql [FILE.sql ...] [options]   generate data (see datagen generate --help)
  datagen generate -d DBNAME [options]                 fill a live database (its schema read with pg_dump)
  datagen plan FILE.sql [options]                      show how every table and column will be generated
  datagen generate --template NAME [--scale N] [options]
                                                       a built-in schema (ecommerce, finance, medical, tpch)
  datagen templates                                    list the templates, their tables and ratios
  datagen --version

Example:
  datagen generate --schema examples/shop.sql --rows 1000 --seed 7 --file shop.sql
  psql -v ON_ERROR_STOP=1 -d mydb -f shop.sql

${EXIT_STATUS}`;

export const GENERATE_HELP = `Usage: datagen generate [FILE.sql ...] [options]

Reads SQL DDL (parsed by PostgreSQL's own parser), plans values that satisfy
every NOT NULL, PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraint, and
writes them out, or loads them into a live database.

Input:
  FILE.sql ...             SQL DDL files, read in order (- for stdin)
  -s, --schema FILE        the same, as an option (repeatable)
      --template NAME      a built-in schema instead: ecommerce, finance, medical,
                           tpch (datagen templates lists their tables); rows
                           per table from its ratios (--rows TABLE=N overrides)
      --scale N            the template's scale (tpch: the TPC-H scale factor,
                           default 0.01; others default 1)
      --size SIZE          row counts for about SIZE of output in the chosen
                           format (500MB, 10GB, 2TiB): the tables' ratios from
                           the template or --rows, bytes per row measured
      --shard K/N          csv, jsonl, parquet: only the K-th of N contiguous row
                           ranges of every table; shards 1..N concatenated are
                           the single run (CSV header in shard 1 only)
      --schema-only        with --template: write its DDL (to edit, then use
                           like any schema) instead of data

Connection (a live database: without --file the rows are loaded into it, over
COPY in one transaction; without DDL files its schema is read with pg_dump -s):
  -d, --dbname DBNAME      database name, postgresql:// URI or conninfo string
      --host HOST          server host or socket directory (PGHOST)
  -p, --port PORT          server port (PGPORT)
  -U, --username NAME      user name (PGUSER); passwords from PGPASSWORD or ~/.pgpass
      --truncate           empty the target tables first (same transaction);
                           without it, tables that hold rows are refused

Size:
  -r, --rows N             rows per table (default 1000)
  -r, --rows TABLE=N       rows for one table (repeatable; schema.table allowed)
      --seed N             seed (default 42); same seed + options = same bytes
      --null-rate P        share of NULLs in nullable columns (default 0.1)
      --reference-time T   the now() that CHECKs such as birth_date <= now() -
                           interval '18 years' are read against (ISO 8601 or
                           epoch seconds; default today 00:00 UTC)

Output:
  -F, --format FORMAT      plain (p, default): SQL script for psql in pg_dump's order
                           custom (c): pg_dump custom archive (.dump) for pg_restore,
                             parallel restore with pg_restore -j
                           directory (d): pg_dump directory archive (--file is a
                             new or empty directory)
                           copy: data only (COPY blocks and setval), no DDL
                           csv, jsonl, parquet: one file per table
                             (schema.table.csv, ...) in the directory --file
                             names (new or empty): CSV with a header row,
                             JSON Lines with typed values, Parquet with typed
                             columns (Snappy)
  -f, --file PATH          output file, or - for stdout (default -); a file is
                           written under a temporary name and renamed when
                           complete; a pipe, FIFO or device (/dev/stdout) is
                           written directly; a symlink's target is replaced
      --inserts            batched multi-row INSERTs instead of COPY
      --batch-size N       rows per INSERT (default 1000)
  -O, --no-owner           leave out ALTER ... OWNER TO statements

Archives (custom, directory):
  -Z, --compress METHOD    none, gzip, gzip:LEVEL (1-9) or a bare level 0-9;
                           default gzip:6 as pg_dump. lz4/zstd need archive
                           version 1.15 (pg_restore 16+) and are not written yet;
                           csv, jsonl: gzip makes .csv.gz/.jsonl.gz (default
                           none); parquet: snappy (default), gzip or none
  -j, --jobs N             compression threads (default: all cores); the bytes
                           are the same whatever N is
      --timestamp TIME     creation time in the header (ISO 8601 or epoch
                           seconds; default SOURCE_DATE_EPOCH, else now), so
                           archives can be byte-identical
      --archive-dbname NAME
                           the database pg_restore -C creates, also named in the
                           header (default datagen)
  -l, --list               print a pg_restore -l style listing of the archive

Fallbacks:
      --strict             every degradation (a warning: a table cut or left
                           empty, a column left NULL, a CHECK only sampled, ...)
                           is an error instead: exit 2, nothing written

Messages:
  -q, --quiet              no progress or warnings on stderr
      --json               print a JSON summary (tables, rows, bytes, warnings)
      --explain            print the plan (as datagen plan) instead of generating
  -h, --help               this help

Examples:
  datagen generate examples/shop.sql --rows 1000 -f shop.sql
  datagen generate -d postgresql://app@localhost/app_dev --rows 5000 --truncate
  datagen generate -s schema.sql --rows 100 --rows public.orders=100000 --seed 7 -f data.sql
  datagen generate -s schema.sql --inserts --batch-size 500 | psql -v ON_ERROR_STOP=1 -d test
  datagen generate -s schema.sql -r 100000 -F c -f data.dump && pg_restore -j 2 -d test data.dump
  datagen generate -s schema.sql -F d -Z 1 -f data.dir && pg_restore -l data.dir
  datagen generate -s schema.sql -r 1000000 -F parquet -f data-parquet/

${EXIT_STATUS}`;

export const PLAN_HELP = `Usage: datagen plan --schema FILE.sql [--rows ...] [--seed N] [--json]

Prints, per table, the row count and where every column's values come from
(keys, foreign keys, CHECK bounds, partitions), then every warning.
Takes the same --schema, --rows, --seed and --null-rate options as generate.

${EXIT_STATUS}`;

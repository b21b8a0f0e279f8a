export const MAIN_HELP = `datagen: realistic, constraint-correct data for PostgreSQL schemas

Usage:
  datagen generate --schema FILE.sql [options]   generate data (see datagen generate --help)
  datagen plan --schema FILE.sql [options]       show how every table and column will be generated
  datagen --version

Example:
  datagen generate --schema examples/shop.sql --rows 1000 --seed 7 --file shop.sql
  psql -v ON_ERROR_STOP=1 -d mydb -f shop.sql
`;

export const GENERATE_HELP = `Usage: datagen generate --schema FILE.sql [options]

Reads SQL DDL (parsed by PostgreSQL's own parser), plans values that satisfy
every NOT NULL, PRIMARY KEY, UNIQUE, FOREIGN KEY and CHECK constraint, and
writes them out.

Input:
  -s, --schema FILE        SQL DDL file; repeat for several (read in order)

Size:
  -r, --rows N             rows per table (default 1000)
  -r, --rows TABLE=N       rows for one table (repeatable; schema.table allowed)
      --seed N             seed (default 42); same seed + options = same bytes
      --null-rate P        share of NULLs in nullable columns (default 0.1)

Output:
  -F, --format FORMAT      plain (p, default): SQL script for psql in pg_dump's order
                           copy: data only (COPY blocks and setval), no DDL
  -f, --file PATH          output file, or - for stdout (default -); written
                           under a temporary name and renamed when complete
      --inserts            batched multi-row INSERTs instead of COPY
      --batch-size N       rows per INSERT (default 1000)
  -O, --no-owner           leave out ALTER ... OWNER TO statements

Messages:
  -q, --quiet              no progress or warnings on stderr
      --json               print a JSON summary (tables, rows, bytes, warnings)
  -h, --help               this help

Examples:
  datagen generate -s examples/shop.sql --rows 1000 -f shop.sql
  datagen generate -s schema.sql --rows 100 --rows public.orders=100000 --seed 7 -f data.sql
  datagen generate -s schema.sql --inserts --batch-size 500 | psql -v ON_ERROR_STOP=1 -d test
`;

export const PLAN_HELP = `Usage: datagen plan --schema FILE.sql [--rows ...] [--seed N] [--json]

Prints, per table, the row count and where every column's values come from
(keys, foreign keys, CHECK bounds, partitions), then every warning.
Takes the same --schema, --rows, --seed and --null-rate options as generate.
`;

/** The exit statuses, the same in every help text. */
const EXIT_STATUS = `Exit status:
  0    done
  1    environment or I/O error (unwritable path, full disk, closed pipe)
  2    usage or schema error (bad option, bad DDL, impossible request)
  130  interrupted by SIGINT (Ctrl-C); 143 by SIGTERM; 129 by SIGHUP (the
       terminal closed). Temporary files are removed and the target is
       left as it was (csv, jsonl, parquet keep their complete files for
       --resume).
`;

export const MAIN_HELP = `datagen: realistic, constraint-correct data for PostgreSQL schemas

Usage:
  datagen generate FILE.sql [FILE.sql ...] [options]   generate data (see datagen generate --help)
  datagen generate SCHEMA.yaml [options]               a schema written in YAML (see README)
  datagen generate -d DBNAME [options]                 fill a live database (its schema read from its catalog)
  datagen plan FILE.sql [options]                      show how every table and column will be generated
  datagen init FILE.sql [-f FILE]                      write a starter .datagen.yaml (see datagen init --help)
  datagen generate --template NAME [--scale N] [options]
                                                       a built-in schema (ecommerce, finance, medical, tpch)
  datagen templates                                    list the templates, their tables and ratios
  datagen verify DIR                                   check a -F csv|jsonl|parquet directory against its manifest.json
  datagen merge-manifests DIR... [-f FILE]             merge the manifests of shards 1..N into one
  datagen --version

Example:
  datagen generate examples/shop.sql --rows 1000 --seed 7 --file shop.sql
  psql -v ON_ERROR_STOP=1 -d mydb -f shop.sql

${EXIT_STATUS}`;

export const GENERATE_HELP = `Usage: datagen generate [FILE.sql ...] [OPTION]...

Reads SQL DDL (parsed by PostgreSQL's own parser) or a live database's schema,
plans values that satisfy every NOT NULL, PRIMARY KEY, UNIQUE, FOREIGN KEY and
CHECK constraint, and writes them out as pg_dump does, or loads them into the
database. Options mean what they mean in pg_dump and psql.

Input:
  FILE.sql ...                 SQL DDL files, read in order (- for stdin), or
                               pg_dump archives; none with -d: the database's
                               own schema (pg_dump -s). With -d and a database
                               that has none of their tables, the schema is
                               created there around the rows, as pg_restore
  SCHEMA.yaml                  a schema written in YAML (tables, typed
                               columns, constraints; also its own settings)
      --template=NAME          a built-in schema instead: ecommerce, finance,
                               medical, tpch (datagen templates lists their
                               tables); rows per table from its ratios
                               (--rows TABLE=N overrides); with -s its DDL
      --scale=N                the template's scale (tpch: the TPC-H scale
                               factor, default 0.01; others default 1)
      --size=SIZE              row counts for about SIZE of output in the chosen
                               format (500MB, 10GB, 2TiB): the tables' ratios
                               from the template or --rows, else the foreign
                               keys (5 children per parent row, lookups 100
                               rows), bytes per row measured
      --shard=K/N              csv, jsonl, parquet: only the K-th of N
                               contiguous row ranges of every table; shards
                               1..N concatenated are the single run (CSV header
                               in shard 1 only)
      --chunk-size=SIZE        csv, jsonl, parquet: each table in numbered
                               chunk files (public.orders.0001.csv) of SIZE
                               (1GB, 64MB, 500KB) plus at most one row (Parquet:
                               one row group), before compression; each a
                               complete file (CSV: with its header row)
      --resume                 csv, jsonl, parquet: after a stopped run of the
                               same command, keep its complete files (checked
                               by SHA-256) and write only the rest

General options:
  -f, --file=PATH              output file, or - for stdout (default -); a file
                               is written under a temporary name and renamed
                               when complete. With -d and no -f the rows are
                               loaded into the database
  -F, --format=FORMAT          p (plain SQL script, default), c (custom
                               archive), d (directory archive), t (tar archive:
                               toc.dat, NNNN.dat, restore.sql; never
                               compressed; restored serially), copy (data only,
                               no DDL), or csv, jsonl, parquet: one file per
                               table (schema.table.csv, ...) in the directory
                               -f names (new or empty): CSV with a header row,
                               JSON Lines with typed values, Parquet with typed
                               columns (Snappy)
  -j, --jobs=N                 threads that generate rows and compress
                               archives, together (default: all cores; 1: no
                               worker threads); the bytes are the same for any N.
                               Given with -d: also up to N load connections,
                               committed together (all or nothing)
  -v, --verbose                say what is done, step by step, on stderr
  -Z, --compress=METHOD        none, gzip, gzip:LEVEL or a level 0-9 (archives;
                               default gzip:6; tar: none). lz4/zstd need archive
                               version 1.15 (pg_restore 16+), not written yet.
                               csv, jsonl: gzip makes .csv.gz/.jsonl.gz, zstd
                               or zstd:LEVEL (1-22, default 3) .csv.zst/
                               .jsonl.zst (default none); parquet: snappy
                               (default), zstd[:LEVEL], gzip[:LEVEL] or none
  -?, --help                   this help

Options controlling the output content:
  -a, --data-only              only the data, no DDL (plain and archives)
  -c, --clean                  drop the objects before creating them (plain)
  -C, --create                 create the database and connect to it (plain;
                               its name: --archive-dbname)
  -E, --encoding=ENCODING      write the script or archive in ENCODING (a
                               single-byte one: LATIN1-10, WIN125x, KOI8R...;
                               value characters it lacks replaced, warned)
  -n, --schema=PATTERN         only tables in the matching schemas (their DDL
                               and rows)
  -N, --exclude-schema=PATTERN no tables of the matching schemas
  -O, --no-owner               leave out ALTER ... OWNER TO
  -s, --schema-only            only the DDL, no data
  -t, --table=PATTERN          only the matching tables (their DDL and rows)
  -T, --exclude-table=PATTERN  not the matching tables
  -x, --no-privileges          leave out GRANT and REVOKE
  --no-comments                leave out COMMENT ON
  --no-publications            leave out publications
  --no-subscriptions           leave out subscriptions
  --no-security-labels         leave out SECURITY LABEL
  --column-inserts             INSERT commands with column names (as --inserts
                               writes them: datagen always names the columns)
  --disable-triggers           with -a: ALTER TABLE ... DISABLE TRIGGER ALL
                               around each table's data (needs a superuser);
                               loading (-d): user triggers off (see below)
  --if-exists                  with -c: DROP ... IF EXISTS
  --inserts                    INSERT commands instead of COPY, one row each
  --rows-per-insert=N          N rows per INSERT (implies --inserts)
  PATTERNs are pg_dump's: * and ? wildcards, "Quoted" names kept as written,
  schema.table; a table selected must have its foreign keys' tables selected.

Data:
  -r, --rows=N                 rows per table (default 1000)
  -r, --rows=TABLE=N           rows for one table (repeatable; schema.table;
                               t=3,u=4 is two)
      --seed=N                 seed (default 42); same seed + options = same bytes
      --locale=NAME            names, addresses, phone formats and words in
                               en (default), de, fr, es, ja or pt_BR
      --generator-version=N    the value generators' version to keep (default
                               the newest; older seeds' data stays the same)
      --null-rate=P            share of NULLs in nullable columns (default 0.1)
      --config=FILE            settings file (default: .datagen.yaml in the
                               current directory, when there is one); options
                               given here win
      --set=NAME=VALUE         a psql variable the DDL uses as :NAME, :'NAME' or
                               :"NAME" (psql's -v; repeatable)
      --reference-time=T       the now() CHECKs are read against (ISO 8601 or
                               epoch seconds; default today 00:00 UTC)
      --strict                 every degradation (a table cut or left empty, a
                               column left NULL, a CHECK only sampled, ...) is
                               an error instead: exit 2, nothing written

Loading into a database (-d without -f; COPY in one transaction):
      --truncate               empty the target tables first (same transaction);
                               without it (or --append), tables that hold rows
                               are refused
      --append                 add rows to tables that hold some: integer keys
                               start past the maximum, other keys avoid the
                               values there, sequences set past the new rows;
                               foreign keys point at the parent rows there and
                               the new ones (-t child fills a child alone); a
                               nearly full key space cuts its table, warned
      --resume                 commit table by table (an FK cycle's tables
                               together) and, after an interruption, run the
                               same command with --resume to load the rest;
                               the state is in datagen-load-state.json here
                               (with --append, also what the tables held)
      --disable-triggers       user triggers off while loading (partitions'
                               too; the tables' owner may, as pg_restore
                               --disable-triggers). Without it they fire:
                               parents load first, sequences are set past the
                               generated keys before the rows (rows a trigger
                               inserts take keys past them), and a trigger's
                               failure rolls the load back, naming it
      --unlogged-during-load   the target tables UNLOGGED while the rows go
                               in (no WAL for the rows), LOGGED again before
                               the keys are checked; tables a foreign key from
                               a table not loaded, or a publication, holds
                               stay as they are. Not with --resume

Archives (custom, directory, tar):
      --timestamp=TIME         creation time in the header (ISO 8601 or epoch
                               seconds; default SOURCE_DATE_EPOCH, else now)
      --archive-dbname=NAME    the database named in the header, that
                               pg_restore -C (and -C here) creates (default: the
                               -d database, else datagen)
  -l, --list                   print a pg_restore -l style listing

Connection options:
  -d, --dbname=DBNAME          database name, postgresql:// URI or conninfo
  -h, --host=HOSTNAME          server host or socket directory (PGHOST)
  -p, --port=PORT              server port (PGPORT)
  -U, --username=NAME          user name (PGUSER)
  -w, --no-password            never prompt for a password
  -W, --password               prompt for a password before connecting
  PGDATABASE, PGSERVICE (pg_service.conf), PGPASSWORD, PGPASSFILE (~/.pgpass)
  and PGSSLMODE are honoured as by psql.

Messages:
  -q, --quiet                  no progress or warnings on stderr
      --progress=MODE          auto (default: per table rows, rows/s, MB and
                               ETA on a terminal, quiet in pipes and CI), none,
                               or json (a JSON object per line on stderr)
      --json                   print a JSON summary (tables, rows, bytes, warnings)
      --explain                print the plan (as datagen plan) instead

Examples:
  datagen generate -d postgresql://app@localhost/app_dev --rows 5000 --truncate
  datagen generate schema.sql --rows 1000 -f data.sql
  datagen generate schema.sql -d empty_db --rows 1000      # creates the schema, then loads
  datagen generate examples/shop.yaml -F c -f shop.dump
  datagen generate schema.sql -r 100 -r public.orders=100000 --seed 7 -f data.sql
  datagen generate -d app_dev -a --disable-triggers -f data.sql
  datagen generate schema.sql --rows-per-insert 500 | psql -v ON_ERROR_STOP=1 -d test
  datagen generate schema.sql -r 100000 -F c -f data.dump && pg_restore -j 2 -d test data.dump
  datagen generate schema.sql -r 1000000 -F parquet -f data-parquet/
  datagen generate --template ecommerce --size 1GB -F csv -Z gzip -f ecommerce/

${EXIT_STATUS}`;

export const INIT_HELP = `Usage: datagen init SCHEMA.sql... [-f FILE] [--rows N] [--seed N]
       datagen init --template NAME [--scale N] [-f FILE]

Writes a starter configuration (.datagen.yaml, or -f FILE; -f - for stdout)
listing every table and column with the generator datagen inferred and why,
commented. As written it gives exactly the data of a run without it; edit it
to change rows, seeds or skip tables. Never overwrites a file. For a
template, its tables' rows at --scale are set (its fixed tables fixed: true):
with the DDL of --template NAME --schema-only it gives the template's data,
with --size too.

${EXIT_STATUS}`;

export const PLAN_HELP = `Usage: datagen plan [FILE.sql ...] [-d DBNAME] [--rows ...] [--seed N] [--json]

Prints, per table, the row count and where every column's values come from
(keys, foreign keys, CHECK bounds, partitions), then every warning.
Takes the same DDL files, connection, --rows, --seed, --null-rate and
-t/-T/-n/-N options as generate. -f FILE writes the plan (or its --json)
into FILE, a new file (an existing one is refused), instead of stdout.

${EXIT_STATUS}`;

export const TEMPLATES_HELP = `Usage: datagen templates [--json]

Lists the built-in schemas datagen generate --template NAME writes: each
template's tables and their rows at --scale 1 (fixed: tables that do not
scale). --json: the same as one JSON array on stdout.
`;

export const VERIFY_HELP = `Usage: datagen verify DIR [--json]

Checks a directory written by datagen -F csv, jsonl or parquet against its
manifest.json (written last, so only a complete run has one): every file it
lists must be there with its size, SHA-256 and rows (counted in the file). Prints a line per missing or
changed file, and a note per file the manifest does not list. --json: the
result as one JSON document on stdout (directory, files, bytes, ok, findings).

Exit status:
  0    every file matches (files not in the manifest are only noted)
  1    a file is missing or differs
  2    usage error, or DIR has no readable manifest.json
`;

export const MERGE_MANIFESTS_HELP = `Usage: datagen merge-manifests DIR... [-f FILE]

Merges the manifest.json files of shards 1..N of one run (datagen generate
... --shard K/N --chunk-size SIZE -F csv|jsonl|parquet, each shard into its
own DIR) into the manifest of the whole run: every table's chunk files in
shard order. Shards' chunks are named apart (public.orders.s0003.0001.csv),
so they can be gathered into one directory that, with the merged manifest,
passes datagen verify. Each DIR may also be the path of a manifest.json.

  -f, --file=FILE   write the merged manifest to FILE (new; default: stdout)
  --json            a failure as one JSON line on stdout (the manifest is JSON already)

Example:
  for k in 1 2 3; do datagen generate --template ecommerce --size 3GB -F csv \\
      --chunk-size 1GB --shard $k/3 -f shard-$k; done
  mkdir all && mv shard-*/*.csv all/
  datagen merge-manifests shard-1 shard-2 shard-3 -f all/manifest.json
  datagen verify all

Exit status:
  0    merged
  1    a manifest cannot be read or the file cannot be written
  2    usage error, or the manifests are not shards 1..N of one run
`;

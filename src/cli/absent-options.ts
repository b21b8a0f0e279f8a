/**
 * pg_dump's, pg_restore's and psql's options that datagen does not have: a
 * user who writes one gets an error that says so and what to do instead,
 * never a run that ignores it (or "unknown option" with a wrong guess).
 */
import { usageError } from './parse-arguments.js';

const ABSENT: Readonly<Record<string, { readonly of: string; readonly instead: string }>> = {
  'single-transaction': {
    of: 'pg_restore',
    instead:
      'a load with -d is all or nothing already (one transaction; with -j N, N transactions committed together; --resume commits table by table). For a script, run psql --single-transaction -f FILE; for an archive, pg_restore --single-transaction',
  },
  'exit-on-error': {
    of: 'pg_restore',
    instead:
      'datagen always stops at the first error, and a load with -d then leaves the database as it was. For a script, run psql -v ON_ERROR_STOP=1 -f FILE; for an archive, pg_restore --exit-on-error',
  },
  section: {
    of: 'pg_dump',
    instead:
      '-s/--schema-only writes the DDL (pre-data and post-data), -a/--data-only the data; to restore one section of an archive, give --section to pg_restore',
  },
  'no-tablespaces': {
    of: 'pg_dump',
    instead:
      "the DDL's tablespaces are kept as written: create them on the target first (CREATE TABLESPACE), or take the TABLESPACE clauses and SET default_tablespace lines out of the DDL; for an archive, pg_restore --no-tablespaces",
  },
  'lock-wait-timeout': {
    of: 'pg_dump',
    instead:
      "set the server's lock_timeout for datagen's sessions in the environment: PGOPTIONS='-c lock_timeout=10s' datagen generate ... (a load over -j N connections waits at most 5 minutes for a lock)",
  },
  role: {
    of: 'pg_dump',
    instead:
      "connect as that role with -U ROLE, or have datagen's sessions switch to it: PGOPTIONS='-c role=ROLE'",
  },
  'no-acl': { of: 'pg_dump', instead: 'write -x/--no-privileges (the same, by its other pg_dump name)' },
  superuser: {
    of: 'pg_restore',
    instead:
      "a load with -d --disable-triggers needs no superuser (the tables' owner switches their user triggers off); a script with -a --disable-triggers must be run by a superuser",
  },
  'use-set-session-authorization': {
    of: 'pg_dump',
    instead:
      'ownership is written as ALTER ... OWNER TO, as pg_dump does by default; -O/--no-owner leaves it out',
  },
  'exclude-table-data': {
    of: 'pg_dump',
    instead:
      "to keep a table's DDL without rows, give --rows TABLE=0 (-T/--exclude-table leaves its DDL out too)",
  },
  'quote-all-identifiers': {
    of: 'pg_dump',
    instead: 'identifiers are quoted where PostgreSQL needs it, as pg_dump does by default',
  },
  'disable-dollar-quoting': {
    of: 'pg_dump',
    instead: 'function bodies are written as the DDL gives them; data is never dollar-quoted',
  },
  blobs: { of: 'pg_dump', instead: 'datagen writes no large objects (it makes rows, not pg_largeobject)' },
  'large-objects': {
    of: 'pg_dump',
    instead: 'datagen writes no large objects (it makes rows, not pg_largeobject)',
  },
  'no-blobs': { of: 'pg_dump', instead: 'datagen writes no large objects, so there are none to leave out' },
  'no-large-objects': {
    of: 'pg_dump',
    instead: 'datagen writes no large objects, so there are none to leave out',
  },
  // pg_dump 16-18's options, whose nearest datagen option is another thing (--filter: "did you mean --file?").
  filter: {
    of: 'pg_dump',
    instead: 'give the patterns as options: -t/-T for tables, -n/-N for schemas (each repeatable)',
  },
  'table-and-children': {
    of: 'pg_dump',
    instead: '-t/--table PATTERN takes a partitioned table with its partitions already',
  },
  'exclude-table-and-children': {
    of: 'pg_dump',
    instead: '-T/--exclude-table PATTERN leaves a partitioned table out with its partitions',
  },
  'exclude-table-data-and-children': {
    of: 'pg_dump',
    instead: "to keep a table's DDL without rows, give --rows TABLE=0 (its partitions too)",
  },
  'no-data': { of: 'pg_dump', instead: 'write -s/--schema-only (the DDL without rows)' },
  'no-schema': { of: 'pg_dump', instead: 'write -a/--data-only (the rows without the DDL)' },
  'with-data': { of: 'pg_dump', instead: 'rows are written unless -s/--schema-only is given' },
  'with-schema': { of: 'pg_dump', instead: 'the DDL is written unless -a/--data-only is given' },
  'no-statistics': {
    of: 'pg_dump',
    instead: 'datagen writes no planner statistics, so there are none to leave out',
  },
  'with-statistics': {
    of: 'pg_dump',
    instead: 'datagen writes no planner statistics; run ANALYZE after loading (pg_restore and psql do not)',
  },
  'statistics-only': {
    of: 'pg_dump',
    instead: 'datagen writes no planner statistics; run ANALYZE after loading',
  },
  'strict-names': {
    of: 'pg_dump',
    instead: 'a -t, -T, -n or -N pattern that matches nothing is an error already',
  },
  'no-unlogged-table-data': {
    of: 'pg_dump',
    instead: "to keep an unlogged table's DDL without rows, give --rows TABLE=0",
  },
  'on-conflict-do-nothing': {
    of: 'pg_dump',
    instead:
      'generated rows never conflict with each other; to add rows to tables that have some, load with -d DB --append',
  },
  'no-sync': {
    of: 'pg_dump',
    instead: 'an archive is synced to disk before it is renamed into place, so that a file there is complete',
  },
  'sync-method': {
    of: 'pg_dump',
    instead: 'an archive is synced to disk (fsync) before it is renamed into place',
  },
  'no-data-for-failed-tables': {
    of: 'pg_restore',
    instead:
      'a load with -d that fails keeps no rows (its transaction is rolled back), so no table is left half loaded',
  },
  'use-list': { of: 'pg_restore', instead: 'choose tables with -t/-T and schemas with -n/-N' },
  'transaction-size': {
    of: 'pg_restore',
    instead:
      'a load with -d is one transaction (with -j N, N committed together; --resume commits table by table)',
  },
  snapshot: {
    of: 'pg_dump',
    instead:
      "a live database's schema is read in one REPEATABLE READ transaction of datagen's own, and no rows are read",
  },
  'serializable-deferrable': {
    of: 'pg_dump',
    instead:
      "a live database's schema is read in one REPEATABLE READ transaction of datagen's own, and no rows are read",
  },
  'load-via-partition-root': {
    of: 'pg_dump',
    instead:
      "a partitioned table's rows go in through the partitioned table already, each landing in its partition",
  },
  'binary-upgrade': { of: 'pg_dump', instead: 'it is for pg_upgrade only; generate a plain dump instead' },
};

/** Short options of pg_dump's and psql's that datagen does not have, by the long name their message is under. */
const ABSENT_SHORT: Readonly<Record<string, string>> = {
  o: "-o: datagen writes its output with -f FILE (--file), as pg_dump does (-o is psql's output file; pg_dump 11 and older read it as --oids); no -f writes to stdout",
  b: '-b/--large-objects: datagen does not have this pg_dump option; datagen writes no large objects (it makes rows, not pg_largeobject)',
  B: '-B/--no-large-objects: datagen does not have this pg_dump option; datagen writes no large objects, so there are none to leave out',
  // pg_restore's, whose nearest datagen option (--set) is another thing.
  S: "-S/--superuser: datagen does not have this pg_restore option; a load with -d --disable-triggers needs no superuser (the tables' owner switches their user triggers off); a script with -a --disable-triggers must be run by a superuser",
  e: '-e/--exit-on-error: datagen does not have this pg_restore option; datagen always stops at the first error, and a load with -d then leaves the database as it was',
  L: '-L/--use-list: datagen does not have this pg_restore option; choose tables with -t/-T and schemas with -n/-N',
  P: '-P/--function: datagen does not have this pg_restore option; every function the DDL defines is written (choose tables with -t/-T)',
  I: '-I/--index: datagen does not have this pg_restore option; every index of a selected table is written (choose tables with -t/-T)',
};

/** Throws a usage error for the first option of pg_dump's, pg_restore's or psql's that datagen does not have. */
export function refuseAbsentOptions(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') return;
    // `-o out.sql`, `-oout.sql`: a short option is its first letter.
    const short = /^-([a-zA-Z])/.exec(arg)?.[1];
    const absentShort = short === undefined ? undefined : ABSENT_SHORT[short];
    if (absentShort !== undefined) throw usageError(absentShort);
    const name = /^--([a-z-]+)(?:=|$)/.exec(arg)?.[1];
    const absent = name === undefined ? undefined : ABSENT[name];
    if (absent !== undefined)
      throw usageError(`--${name}: datagen does not have this ${absent.of} option; ${absent.instead}`);
  }
}

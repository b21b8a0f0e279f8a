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
};

/** Short options of pg_dump's and psql's that datagen does not have, by the long name their message is under. */
const ABSENT_SHORT: Readonly<Record<string, string>> = {
  o: "-o: datagen writes its output with -f FILE (--file), as pg_dump does (-o is psql's output file; pg_dump 11 and older read it as --oids); no -f writes to stdout",
  b: '-b/--large-objects: datagen does not have this pg_dump option; datagen writes no large objects (it makes rows, not pg_largeobject)',
  B: '-B/--no-large-objects: datagen does not have this pg_dump option; datagen writes no large objects, so there are none to leave out',
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

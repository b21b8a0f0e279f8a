/**
 * Options that cannot go together, or only with some formats: pg_dump's own
 * rules where it has them, each refusal saying what to do instead.
 */
import type { OutputFormat } from '../run/generate.js';
import { badOption } from './option-values.js';
import type { ParsedOptionValues } from './options.js';

/** Rows go into a database: a connection option (-d, -h, -p, -U) and no -f. */
export function isLoading(values: ParsedOptionValues): boolean {
  return (
    values.file === undefined &&
    [values.dbname, values.host, values.port, values.username].some((v) => v !== undefined)
  );
}

/** Options that cannot go together, or only with some formats (pg_dump's own rules where it has them). */
export function checkCombinations(values: ParsedOptionValues, format: OutputFormat): void {
  if (values['data-only'] && values['schema-only'])
    throw badOption('-s/--schema-only and -a/--data-only cannot be used together');
  if (values['data-only'] && values.clean)
    throw badOption('-c/--clean and -a/--data-only cannot be used together');
  if (values['if-exists'] && !values.clean) throw badOption('--if-exists requires -c/--clean');
  if (values['schema-only'] && (values.inserts || values['column-inserts'] || values['rows-per-insert']))
    throw badOption(
      '--inserts, --column-inserts and --rows-per-insert write data: not with -s/--schema-only',
    );
  if (values.password && values['no-password'])
    throw badOption('-w/--no-password and -W/--password cannot be used together');
  const archive = format === 'custom' || format === 'directory';
  const plainOnly = (['clean', 'create', 'disable-triggers'] as const).filter((o) => values[o]);
  if (archive && plainOnly.length > 0) {
    throw badOption(
      `--${plainOnly[0]} applies to plain output; an archive holds everything: give --${plainOnly[0]} to pg_restore when restoring it`,
    );
  }
  if (archive && (values.inserts || values['column-inserts'] || values['rows-per-insert']))
    throw badOption('--inserts applies to plain output (-F p); an archive holds COPY data');
  if (format === 'copy' && values['schema-only'])
    throw badOption('-F copy writes data only: not with -s/--schema-only');
  const loading = isLoading(values);
  const scriptOnly = (['schema-only', 'clean', 'create', 'inserts'] as const).filter((o) => values[o]);
  if (loading && scriptOnly.length > 0) {
    throw badOption(
      `--${scriptOnly[0]} shapes a script; with -d and no -f the rows are loaded into the database. Add -f FILE to write a script${scriptOnly[0] === 'clean' ? "; to empty the database's tables before the load, use --truncate" : ''}`,
    );
  }
  const loadOnly = (['truncate', 'append', 'unlogged-during-load'] as const).filter((o) => values[o]);
  if (!loading && loadOnly.length > 0) {
    throw badOption(
      `--${loadOnly[0]} applies to loading into a database (-d DBNAME without -f); ${values.file === undefined ? 'give the database with -d' : 'drop -f to load the rows instead of writing them'}`,
    );
  }
  if (values['unlogged-during-load'] && values.resume)
    throw badOption(
      '--unlogged-during-load applies to a load in one transaction: not with --resume (each committed table would be unlogged until the next run)',
    );
}

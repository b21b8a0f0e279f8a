/**
 * Options whose meaning changed to pg_dump's: an old command line is an
 * error that says what to write now, never a run that silently does
 * something else (`-s FILE` used to name the DDL file; it is now pg_dump's
 * --schema-only).
 */
import { existsSync, statSync } from 'node:fs';
import { usageError } from './parse-arguments.js';

function looksLikeFile(value: string): boolean {
  if (value === '-' || /\.(sql|ddl|psql|pgsql)$/i.test(value)) return true;
  try {
    return existsSync(value) && statSync(value).isFile();
  } catch {
    return false;
  }
}

/** Throws a usage error for a command line written for datagen's old option names. */
export function refuseMovedOptions(argv: readonly string[]): void {
  argv.forEach((arg, i) => {
    const next = argv[i + 1];
    if (arg === '-s' && next !== undefined && !next.startsWith('-')) {
      throw usageError(
        `-s now means --schema-only, as in pg_dump; DDL files are plain arguments. Write \`datagen generate ${next}\` (add --schema-only after the files for the DDL alone)`,
      );
    }
    const schemaValue =
      arg === '-n' || arg === '--schema'
        ? next
        : arg.startsWith('--schema=')
          ? arg.slice('--schema='.length)
          : undefined;
    if (schemaValue !== undefined && looksLikeFile(schemaValue)) {
      throw usageError(
        `--schema ${schemaValue}: -n/--schema now selects PostgreSQL schemas by name pattern, as in pg_dump; DDL files are plain arguments. Write \`datagen generate ${schemaValue}\``,
      );
    }
    if (arg === '--batch-size' || arg.startsWith('--batch-size=')) {
      throw usageError('--batch-size is now --rows-per-insert N, as in pg_dump (it implies --inserts)');
    }
    if (arg === '-h' && (next === undefined || next.startsWith('-'))) {
      throw usageError('-h is --host, as in psql and pg_dump, and needs a value; help is --help or -?');
    }
  });
}

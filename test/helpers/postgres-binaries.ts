/**
 * Finds the system PostgreSQL binaries (initdb, pg_ctl, psql, pg_restore, …).
 * Order: $PG_BINDIR, `pg_config --bindir`, the newest /usr/lib/postgresql/N/bin.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function findPostgresBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config is optional (Debian ships it in libpq-dev); fall through.
  }
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of candidates) {
    if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
  }
  throw new Error(
    'PostgreSQL server binaries (initdb, pg_ctl) were not found. The tests start a throwaway server and need ' +
      'them: on Debian/Ubuntu run `sudo apt-get install -y postgresql` (or set PG_BINDIR to the bin directory).',
  );
}

export function pgBin(binDir: string, name: string): string {
  return join(binDir, name);
}

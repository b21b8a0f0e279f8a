/** Where PostgreSQL's client programs are (pg_restore for an archive given as the schema). */
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** A PostgreSQL client program: on PATH, else in the newest /usr/lib/postgresql/N/bin. */
export function findClientProgram(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, name))) return join(dir, name);
  }
  let versions: string[] = [];
  try {
    versions = readdirSync('/usr/lib/postgresql').filter((v) => /^\d+$/.test(v));
  } catch {
    return undefined;
  }
  versions.sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const path = join('/usr/lib/postgresql', v, 'bin', name);
    if (executable(path)) return path;
  }
  return undefined;
}

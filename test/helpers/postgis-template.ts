/**
 * The run's PostGIS template: a database the global setup makes once with
 * `CREATE EXTENSION postgis`, which a test load of DDL that creates PostGIS
 * (`CREATE EXTENSION IF NOT EXISTS postgis`, a no-op there) copies instead of
 * installing it again: each install ran PostGIS' script of about a thousand
 * functions, ~0.9 s, once for the script's database and once for the
 * archive's in every loadScriptAndArchive. What a fresh database proved
 * besides, that the output creates the extension before anything uses it,
 * `postgisCreatedFirst` checks on the script itself.
 */
import type { DdlFiles } from './load-generated.js';

const NAME = 'dg_template_postgis';

/** What the throwaway server gives the global setup (throwaway-postgres.mjs). */
interface Server {
  run(bin: string, args: string[]): Promise<string>;
}

/** Makes the template where the server has PostGIS; its name, or null where PostGIS is not installed. */
export async function makePostgisTemplate(server: Server): Promise<string | null> {
  const available = await server.run('psql', [
    '-X',
    '-At',
    '-c',
    "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'",
  ]);
  if (available.trim() !== '1') return null;
  const psql = (database: string, sql: string) =>
    server.run('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql]);
  await psql('postgres', `CREATE DATABASE ${NAME} TEMPLATE template0 ENCODING 'UTF8'`);
  await psql(NAME, 'CREATE EXTENSION postgis');
  return NAME;
}

const CREATES_POSTGIS = /^\s*CREATE\s+EXTENSION\s+IF\s+NOT\s+EXISTS\s+"?postgis"?(\s|;)/im;

/** Whether a load of this DDL (and of datagen's output for it) can start from the template: it creates PostGIS IF NOT EXISTS. */
export function createsPostgis(ddl: DdlFiles): boolean {
  const texts = typeof ddl === 'string' ? [ddl] : Object.values(ddl);
  return texts.some((text) => CREATES_POSTGIS.test(text));
}

/**
 * Where `script` (a plain script, or `pg_restore -f -` of an archive) creates PostGIS IF NOT EXISTS before any
 * line outside a comment names a PostGIS type or function: what loading it into a database without PostGIS
 * proved. The 1-based line that uses PostGIS first, or of the statement, when it does not.
 */
export function postgisCreatedFirst(script: string): true | string {
  const lines = script.split('\n');
  const created = lines.findIndex((l) => CREATES_POSTGIS.test(l));
  const used = lines.findIndex(
    (l) => !l.startsWith('--') && /\b(geometry|geography|box2d|box3d|st_\w+)\b/i.test(l),
  );
  if (created >= 0 && (used < 0 || created < used)) return true;
  return created < 0
    ? 'the script never creates PostGIS'
    : `line ${used + 1} uses PostGIS before line ${created + 1} creates it: ${lines[used]}`;
}

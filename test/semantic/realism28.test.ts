/**
 * Generator version 21 (issue 11), through the library (the CLI takes 21 once
 * it is the newest), measured on minimal schemas loaded into the real server:
 * a package build's own columns (Koji's `build`, `rpminfo`), digests. Version
 * 20, pinned, keeps what it made.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePlan, planGeneration } from '../../src/index.js';
import { parseConfig } from '../../src/input/spec/config-file.js';
import { count } from '../checks/check-fixture.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';
import { loadGenerated } from '../helpers/load-generated.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('realism28');
}, 300_000);
afterAll(async () => db.close());

/** Each column's `datagen plan` words (`table.column` → source) at `generatorVersion`. */
async function planSources(
  ddl: string,
  options: { readonly yaml?: string; readonly locale?: string; readonly generatorVersion: number },
): Promise<Map<string, string>> {
  const file = join(tempDir(), 'schema.sql');
  writeFileSync(file, ddl);
  const { plan, schema } = await planGeneration({
    schema: [file],
    defaultRows: 100,
    generatorVersion: options.generatorVersion,
    ...(options.locale === undefined ? {} : { locale: options.locale }),
    ...(options.yaml === undefined ? {} : { settings: parseConfig(options.yaml, 'c.yaml').tables }),
  });
  const sources = new Map<string, string>();
  for (const t of describePlan(plan, schema).tables)
    for (const c of t.columns) sources.set(`${t.table.replace('public.', '')}.${c.name}`, c.source);
  return sources;
}

const KOJI = `CREATE TABLE package (id serial PRIMARY KEY, name text UNIQUE NOT NULL);
CREATE TABLE build (
  id serial PRIMARY KEY,
  package_id integer NOT NULL REFERENCES package(id),
  version text NOT NULL,
  release text NOT NULL,
  epoch integer,
  nvr text NOT NULL,
  payloadhash text,
  UNIQUE (package_id, version, release)
);
CREATE TABLE rpminfo (
  id serial PRIMARY KEY,
  build_id integer REFERENCES build(id),
  name text NOT NULL,
  version text NOT NULL,
  release text NOT NULL,
  arch varchar(16) NOT NULL,
  nvra text,
  payloadhash text NOT NULL,
  sigmd5 text,
  file_sha256 varchar(64),
  size bigint NOT NULL,
  buildtime bigint NOT NULL
);`;
const KOJI_ROWS = { package: 40, build: 300, rpminfo: 600 };

describe('generator version 21: a package build', () => {
  it("nvr is the row's package name, version and release; digests are hex; names, sizes and times a package's", async () => {
    const { target } = await loadGenerated(db, KOJI, { tables: KOJI_ROWS, seed: 28, generatorVersion: 21 });
    const where = (table: string, w: string) =>
      count(target, `SELECT count(*) AS n FROM ${table} WHERE ${w}`);
    // The build's nvr: its package's name (through package_id), its own version and release.
    expect(
      await count(
        target,
        "SELECT count(*) AS n FROM build b JOIN package p ON p.id = b.package_id WHERE b.nvr <> p.name || '-' || b.version || '-' || b.release",
      ),
    ).toBe(0);
    expect(
      await where(
        'rpminfo',
        "nvra IS NOT NULL AND nvra <> name || '-' || version || '-' || release || '.' || arch",
      ),
    ).toBe(0);
    expect(await where('rpminfo', 'nvra IS NOT NULL')).toBeGreaterThan(400);
    // Digests: md5's 32 hex digits, sha256's 64.
    expect(await where('build', "payloadhash !~ '^[0-9a-f]{32}$'")).toBe(0);
    expect(await where('rpminfo', "payloadhash !~ '^[0-9a-f]{32}$' OR sigmd5 !~ '^[0-9a-f]{32}$'")).toBe(0);
    expect(await where('rpminfo', "file_sha256 !~ '^[0-9a-f]{64}$'")).toBe(0);
    // A file's name a package's (lower-case, hyphenated, no spaces), its arch from the small set.
    expect(await where('rpminfo', "name !~ '^[A-Za-z0-9][A-Za-z0-9+._-]*$'")).toBe(0);
    expect(await where('rpminfo', "name ~ '-(devel|libs)$'")).toBeGreaterThan(30);
    expect(
      await where(
        'rpminfo',
        "arch NOT IN ('x86_64', 'noarch', 'aarch64', 'ppc64le', 's390x', 'i686', 'src')",
      ),
    ).toBe(0);
    // Sizes in bytes (kilobytes to a few hundred megabytes), build times seconds since the epoch, in the past.
    expect(await where('rpminfo', 'size < 100 OR size > 1e10')).toBe(0);
    expect(await where('rpminfo', 'buildtime < 946684800 OR to_timestamp(buildtime) > now()')).toBe(0);
    const sources = await planSources(KOJI, { generatorVersion: 21 });
    expect(sources.get('build.nvr')).toContain('name, version and release joined by hyphens');
    expect(sources.get('build.payloadhash')).toContain("a digest's 32 hex digits");
    expect(sources.get('rpminfo.file_sha256')).toContain("a digest's 64 hex digits");
    expect(sources.get('rpminfo.name')).toContain("a package's name");
    // Version 20 wrote words in these columns.
    const v20 = await loadGenerated(db, KOJI, { tables: KOJI_ROWS, seed: 28, generatorVersion: 20 });
    expect(await count(v20.target, "SELECT count(*) AS n FROM build WHERE nvr ~ ' '")).toBeGreaterThan(200);
    expect(
      await count(v20.target, "SELECT count(*) AS n FROM build WHERE payloadhash ~ ' '"),
    ).toBeGreaterThan(100);
    expect((await planSources(KOJI, { generatorVersion: 20 })).get('build.nvr')).not.toContain('hyphens');
  });
});

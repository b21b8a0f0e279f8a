/**
 * Our archive next to a real `pg_dump -Fc` of the same database: restored
 * side by side they must hold the same rows, constraints and indexes, and
 * our TOC must use pg_dump's entry shapes (desc, namespace, tag, COPY text).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildArchiveEntries } from '../../src/archive/build-archive-entries.js';
import { writeCustomArchive } from '../../src/archive/write-custom-archive.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createFixture, FIXED_HEADER } from './archive-fixture.js';
import { constraintsAndIndexes } from './restore-checks.js';

async function tableDigests(db: TestDatabase, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of tables) {
    const [schema, table] = name.split('.') as [string, string];
    const [row] = await db.query<{ d: string }>(
      `SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '') AS d
         FROM ${JSON.stringify(schema)}.${JSON.stringify(table)} t`,
    );
    out[name] = row?.d ?? '';
  }
  return out;
}

/** `desc namespace tag` of each listed entry (the part of a `pg_restore -l` line after the OIDs). */
function listedEntries(listing: string): Set<string> {
  const entries = listing
    .split('\n')
    .filter((l) => /^\d+;/.test(l))
    .map((l) => l.replace(/^\d+; \d+ \d+ /, '').replace(/ \S*$/, ''));
  return new Set(entries);
}

/** The COPY statement and rows pg_restore prints for one table's data. */
function dataScript(db: TestDatabase, archive: string, table: string): string {
  const script = db.run('pg_restore', ['-f', '-', '--data-only', '-t', table, archive]);
  const copy = script.indexOf('COPY ');
  return script.slice(copy, script.indexOf('\\.\n', copy) + 3);
}

describe('compatibility with a real pg_dump -Fc', () => {
  let db: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDatabase('compat');
    dir = mkdtempSync(join(tmpdir(), 'datagen-compat-'));
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores to the same database as pg_dump’s archive of it, with the same entry shapes', async () => {
    const fixture = createFixture({ bigRows: 20_000 });
    const entries = buildArchiveEntries(fixture.schema, fixture.tableData, {
      sequenceValues: fixture.sequenceValues,
    });
    const ours = join(dir, 'ours.dump');
    await writeCustomArchive({
      entries,
      header: FIXED_HEADER,
      compression: { method: 'gzip', level: 6 },
      output: ours,
    });

    // Source database: our archive restored; then the real pg_dump of it, restored elsewhere.
    db.run('pg_restore', ['-d', db.name, '-j', '2', '--exit-on-error', '--no-owner', ours]);
    const real = join(dir, 'real.dump');
    db.run('pg_dump', ['-Fc', '-f', real, db.name]);
    const fromReal = await db.createSibling();
    fromReal.run('pg_restore', ['-d', fromReal.name, '-j', '2', '--exit-on-error', real]);
    const fromOurs = await db.createSibling();
    fromOurs.run('pg_restore', ['-d', fromOurs.name, '-j', '2', '--exit-on-error', ours]);

    const tables = Object.keys(fixture.rowCounts);
    expect(await tableDigests(fromOurs, tables)).toEqual(await tableDigests(fromReal, tables));
    expect(await constraintsAndIndexes(fromOurs)).toEqual(await constraintsAndIndexes(fromReal));
    const seq = "SELECT last_value::text || ':' || is_called::text AS v FROM shop.author_id_seq";
    expect(await fromOurs.query(seq)).toEqual(await fromReal.query(seq));

    // Every entry we write is one pg_dump writes too, except the data of the partitioned table, which
    // pg_dump puts in the partitions and we load through the root.
    const realEntries = listedEntries(db.run('pg_restore', ['-l', real]));
    const ourEntries = [...listedEntries(db.run('pg_restore', ['-l', ours]))];
    expect(ourEntries.filter((e) => !realEntries.has(e))).toEqual(['TABLE DATA shop events']);

    // The COPY statement and rows are the ones pg_dump writes.
    for (const table of ['author', 'Book', 'empty_t', 'big']) {
      expect(dataScript(db, ours, table)).toBe(dataScript(db, real, table));
    }
  });
});

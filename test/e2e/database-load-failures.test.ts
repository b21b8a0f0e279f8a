/**
 * A load that fails leaves the database as it was, whatever stops it: an
 * error from the server in a late table, the loading connection killed with
 * pg_terminate_backend, Ctrl-C (SIGINT) to datagen. Each failure to reach
 * the database is one line that says what to do, never with the password.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../src/index.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';
import { assertBuilt, cliEnv, exited, runCli, spawnCli } from '../helpers/cli-process.js';
import { userTableRowCounts } from '../helpers/constraint-checks.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { tempDir } from '../helpers/generate-file.js';

const SHOP = join(import.meta.dirname, '../../examples/shop.sql');
/** A directory where no server has its socket. */
const SOCKETLESS = tempDir();

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('load_failures');
  assertBuilt();
});
afterAll(async () => db.close());

async function shopDatabase(): Promise<TestDatabase> {
  const target = await db.createSibling();
  target.psqlFile(SHOP);
  return target;
}

/** Rows, foreign keys and enabled triggers: what a failed load must leave as it found. */
async function state(target: TestDatabase): Promise<unknown> {
  const fks = await target.query("SELECT conname FROM pg_constraint WHERE contype = 'f' ORDER BY 1");
  const triggers = await target.query(
    'SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1',
  );
  return { rows: [...(await userTableRowCounts(target)).entries()], fks, triggers };
}

/** Wait until datagen's connection is inside COPY (pg_stat_activity), and return its pid. */
async function copyingBackend(target: TestDatabase): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [row] = await target.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE application_name = 'datagen' AND datname = $1 AND query LIKE 'COPY%'",
      [target.name],
    );
    if (row) return row.pid;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('datagen never started copying');
}

describe('a failed load leaves the database unchanged', () => {
  it('a server-side error in a late table rolls back the tables loaded before it', async () => {
    const target = await shopDatabase();
    await target.query('ALTER TABLE shop.payment ADD CONSTRAINT never CHECK (amount < 0)');
    const before = await state(target);
    await expect(
      generate({ schema: [SHOP], connection: { dbname: target.connectionString }, defaultRows: 60 }),
    ).rejects.toMatchObject({ code: 'DATABASE', message: expect.stringContaining('shop.payment') });
    expect(await state(target)).toEqual(before);
  });

  it('an error raised by a trigger once the rows are in (an event trigger on the FKs added back): nothing kept', async () => {
    const target = await shopDatabase();
    // Datagen turns the tables' user triggers off while loading; an event trigger fires on its ALTER TABLEs, and
    // this one refuses once the rows are there: when the foreign keys are added back, after every COPY.
    await target.query(`
      CREATE FUNCTION refuse_when_filled() RETURNS event_trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT FROM shop.customer) THEN
          RAISE EXCEPTION 'audit: no schema change while shop.customer holds rows';
        END IF;
      END $$;
      CREATE EVENT TRIGGER refuse_when_filled ON ddl_command_end WHEN TAG IN ('ALTER TABLE')
        EXECUTE FUNCTION refuse_when_filled();`);
    const before = await state(target);
    const r = await runCliInProcess(['generate', '-d', target.connectionString, '-r', '50', '-j', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('audit: no schema change while shop.customer holds rows');
    expect(r.stderr).not.toContain('    at ');
    expect(await state(target)).toEqual(before);
    await target.query('DROP EVENT TRIGGER refuse_when_filled');
  });

  it('the loading connection killed with pg_terminate_backend: exit 1, one line, nothing kept', async () => {
    const target = await shopDatabase();
    const before = await state(target);
    const child = spawnCli(['generate', '-d', target.connectionString, '-r', '400000', '-q']);
    const done = exited(child, 120_000);
    const pid = await copyingBackend(target);
    await target.query('SELECT pg_terminate_backend($1)', [pid]);
    const r = await done;
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^datagen: error: cannot copy rows into shop\.\S+ of postgresql:\/\//);
    expect(await state(target)).toEqual(before);
  });

  it('SIGINT to datagen mid-load: exit 130, nothing kept', async () => {
    const target = await shopDatabase();
    const before = await state(target);
    const child = spawnCli(['generate', '-d', target.connectionString, '-r', '400000', '-q']);
    const done = exited(child, 120_000);
    const pid = await copyingBackend(target);
    child.kill('SIGINT');
    const r = await done;
    expect(r.status).toBe(130);
    // The server ends the backend when its client goes; wait for that before looking.
    for (let i = 0; i < 500; i++) {
      const alive = await target.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid]);
      if (alive.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await state(target)).toEqual(before);
  });
});

describe('failures to reach the database: one line each, saying what to do, password masked', () => {
  it.each([
    [
      'a missing database',
      (t: TestDatabase) => t.connectionString.replace(/\/[^/]+$/, '/no_such_db'),
      /database "no_such_db" does not exist: create it first \(createdb\), or check -d/,
    ],
    [
      'an unknown host',
      () => 'postgresql://u:secret@no-such-host.invalid:5432/x',
      /could not translate host name "no-such-host\.invalid" to address: check -h/,
    ],
    [
      'a refused connection',
      () => 'postgresql://u:secret@127.0.0.1:1/x',
      /connection refused: is the server running/,
    ],
    [
      'no server on that socket directory and port',
      () => `postgresql://u:secret@${encodeURIComponent(SOCKETLESS)}:5439/x`,
      new RegExp(
        `no server socket "${SOCKETLESS}/\\.s\\.PGSQL\\.5439": is the server running locally\\? Check -h`,
      ),
    ],
    [
      'sslmode=require on a server without SSL',
      (t: TestDatabase) => `${t.connectionString}?sslmode=require`,
      /the server does not support SSL, but SSL was required .*: turn ssl on in the server, or connect with sslmode=prefer or disable/,
    ],
  ])('%s', async (_what, url, message) => {
    // Refused on connecting: the file's database (no shop tables) stands for the server.
    const r = await runCliInProcess(['generate', SHOP, '-d', url(db), '-r', '5']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain('secret');
  });

  it('a misspelt database: the nearest names on the server are offered (generate -d, init -d)', async () => {
    const target = await shopDatabase();
    // Its last letter left out (swapping two could give the name itself: "…aa").
    const typo = target.name.slice(0, -1);
    const url = target.connectionString.replace(/\/[^/]+$/, `/${typo}`);
    for (const args of [
      ['generate', '-d', url, '-r', '5'],
      ['init', '-d', url, '-f', '-'],
    ]) {
      const r = await runCliInProcess(args);
      expect(r.status, args[0]).toBe(1);
      expect(r.stderr.trim().split('\n'), args[0]).toHaveLength(1);
      expect(r.stderr).toContain(`database "${typo}" does not exist (the nearest there: "${target.name}"`);
      expect(r.stderr).toContain('): create it first (createdb), or check -d/--dbname');
    }
  });

  it('no permission on the tables', async () => {
    const target = await shopDatabase();
    const role = `nopriv_${target.name}`;
    await target.query(`CREATE ROLE ${role} LOGIN`);
    const url = new URL(target.connectionString);
    url.username = role;
    const r = await runCliInProcess(['generate', SHOP, '-d', url.toString(), '-r', '5']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/permission denied for schema shop: connect as the tables' owner, or grant/);
    await target.query(`DROP ROLE ${role}`);
  });

  // The test server trusts its clients, so a password given is not checked: it only has to stay out of the message.
  it.each([
    ['a missing database', (url: URL) => url.pathname.replace(/[^/]+$/, 'no_such_db'), /does not exist/],
    ['no permission', () => null, /permission denied for schema shop/],
  ])(
    '%s, with a password in the URI and in PGPASSWORD: one line, neither password in it',
    async (what, path, message) => {
      const target = await shopDatabase();
      const role = `masked_${target.name}`;
      await target.query(`CREATE ROLE ${role} LOGIN`);
      const url = new URL(target.connectionString);
      if (what === 'no permission') url.username = role;
      url.password = 'uri-secret';
      const moved = path(url);
      if (moved !== null) url.pathname = moved;
      const env = cliEnv({ PGPASSWORD: 'env-secret' });
      const r = runCli(['generate', SHOP, '-d', url.toString(), '-r', '5'], { env });
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toContain(':***@');
      expect(r.stderr).not.toMatch(/uri-secret|env-secret/);
      // The password given by PGPASSWORD alone, with -v: no line of the verbose output shows it either.
      const plain = new URL(target.connectionString);
      if (moved !== null) plain.pathname = moved;
      if (what === 'no permission') plain.username = role;
      const verbose = runCli(['generate', SHOP, '-d', plain.toString(), '-r', '5', '-v'], { env });
      expect(verbose.status).toBe(1);
      expect(verbose.stderr).toMatch(message);
      expect(verbose.stderr).not.toContain('env-secret');
      await target.query(`DROP ROLE ${role}`);
    },
  );
});

/**
 * The test server trusts its clients; for one role of its own this file puts
 * a scram-sha-256 line first in the server's pg_hba.conf (reloaded, and put
 * back after), so the server really checks that role's password.
 */
describe('a server that checks the password (scram-sha-256)', () => {
  const role = 'load_failures_pw';
  const right = 'right horse battery';
  let hbaFile = '';
  let hbaBefore = '';
  let url: URL;

  /** A connection of the role's with this password is let in (true), refused for it (false). */
  async function letIn(password: string): Promise<boolean> {
    const where = { host: url.hostname, port: Number(url.port), database: db.name };
    const client = new pg.Client({ ...where, user: role, password });
    try {
      await client.connect();
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  beforeAll(async () => {
    const [row] = await db.query<{ hba_file: string }>('SHOW hba_file');
    hbaFile = row?.hba_file ?? '';
    hbaBefore = readFileSync(hbaFile, 'utf8');
    await db.query(`CREATE ROLE ${role} LOGIN PASSWORD '${right}'`);
    writeFileSync(
      hbaFile,
      `host all ${role} 127.0.0.1/32 scram-sha-256\nhost all ${role} ::1/128 scram-sha-256\n${hbaBefore}`,
    );
    await db.query('SELECT pg_reload_conf()');
    url = new URL(db.connectionString);
    url.username = role;
    // The postmaster reads the file when its SIGHUP arrives: until then the role is trusted.
    for (let i = 0; i < 500 && (await letIn('not it')); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await letIn('not it')).toBe(false);
    expect(await letIn(right)).toBe(true);
  });
  afterAll(async () => {
    if (hbaBefore !== '') writeFileSync(hbaFile, hbaBefore);
    await db.query('SELECT pg_reload_conf()');
    await db.query(`DROP ROLE IF EXISTS ${role}`);
  });

  const env = (extra: NodeJS.ProcessEnv = {}) => {
    const e = cliEnv({ PGPASSFILE: join(tempDir(), 'none'), ...extra });
    if (!('PGPASSWORD' in extra)) delete e.PGPASSWORD;
    return e;
  };

  /** -h, -p, -U and -d as a psql user gives them. */
  const as = (database: string) => ['-h', url.hostname, '-p', url.port, '-U', role, '-d', database];

  it('a wrong password (PGPASSWORD): one line saying to check it, exit 1, the password nowhere', () => {
    const r = runCli(['generate', ...as(db.name), '-r', '5'], { env: env({ PGPASSWORD: 'wrong-pw' }) });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `datagen: error: cannot connect to database "${db.name}" on 127.0.0.1:${url.port} as ${role}: password authentication failed for user "${role}": check the password (PGPASSWORD, ~/.pgpass, or -W to be asked)`,
    ]);
  });

  it('-w and no password known: one line saying where a password can come from', () => {
    const r = runCli(['generate', ...as(db.name), '-r', '5', '-w'], { env: env() });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `datagen: error: cannot connect to database "${db.name}" on 127.0.0.1:${url.port} as ${role}: the server asks for a password and none was given: set PGPASSWORD, add a line to ~/.pgpass (or PGPASSFILE), or use -W to be asked`,
    ]);
  });

  it('the right password in the URI: let in (plan reads the catalog), masked in -v lines', async () => {
    const target = await shopDatabase();
    const withPassword = new URL(target.connectionString);
    withPassword.username = role;
    withPassword.password = 'right horse battery';
    const r = runCli(['plan', '-d', withPassword.toString(), '-v'], { env: env() });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('shop.customer');
    expect(`${r.stdout}${r.stderr}`).not.toContain('horse');
  });
});

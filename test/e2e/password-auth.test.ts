/**
 * Passwords, against a stand-in server that asks for one (the test server
 * trusts every connection, so it never would): the protocol's startup,
 * SSLRequest refused ('N', so sslmode prefer falls back), a cleartext
 * password request, then the password checked. The password arrives from
 * PGPASSWORD, the password file or the connection string; none with -w is
 * one line saying where one can come from; a wrong one is one line; the
 * password never appears in either.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cliEnv, exited, spawnCli } from '../helpers/cli-process.js';
import { tempDir } from '../helpers/generate-file.js';

const SHOP = join(import.meta.dirname, '../../examples/shop.sql');
const RIGHT = 'correct horse';

let server: Server;
let port: number;
const received: string[] = [];

function errorResponse(code: string, message: string): Buffer {
  const fields = Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`);
  const head = Buffer.alloc(5);
  head.write('E');
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

beforeAll(async () => {
  assertBuilt();
  server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let started = false;
    socket.on('data', (data) => {
      buffer = Buffer.concat([buffer, data]);
      if (!started) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        if (code === 80877103) {
          socket.write('N'); // no SSL here
          return;
        }
        started = true;
        const ask = Buffer.alloc(9);
        ask.write('R');
        ask.writeInt32BE(8, 1);
        ask.writeInt32BE(3, 5); // AuthenticationCleartextPassword
        socket.write(ask);
        return;
      }
      if (buffer.length < 5 || buffer[0] !== 0x70) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < length + 1) return;
      const password = buffer.subarray(5, length).toString('utf8').replace(/\0$/, '');
      received.push(password);
      socket.end(
        errorResponse(
          '28P01',
          password === RIGHT
            ? 'stand-in server: right password, no database here'
            : 'password authentication failed for user "ann"',
        ),
      );
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** datagen as a process, without blocking this one (the stand-in server runs here). */
function runCliAsync(args: string[], extra: NodeJS.ProcessEnv = {}) {
  const env = cliEnv({ PGPASSFILE: '/nonexistent', ...extra });
  for (const name of ['PGPASSWORD', 'PGSERVICE', 'PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE'])
    if (!(name in extra)) delete env[name];
  return exited(spawnCli(args, { env }));
}

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliAsync(
    ['generate', SHOP, '-h', '127.0.0.1', '-p', String(port), '-U', 'ann', '-d', 'app', '-r', '5', ...args],
    env,
  );
}

describe('a server that asks for a password', () => {
  it('none known and -w: one line saying where a password can come from', async () => {
    const r = await run(['-w']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      `datagen: error: cannot connect to database "app" on 127.0.0.1:${port} as ann: the server asks for a password and none was given: set PGPASSWORD, add a line to ~/.pgpass (or PGPASSFILE), or use -W to be asked`,
    ]);
  });

  it('a wrong password from PGPASSWORD: one line, the password nowhere in it', async () => {
    const r = await run([], { PGPASSWORD: 'hunter2' });
    expect(received.at(-1)).toBe('hunter2');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(
      'password authentication failed for user "ann": check the password (PGPASSWORD, ~/.pgpass, or -W to be asked)',
    );
    expect(r.stderr).not.toContain('hunter2');
  });

  it('the password file (PGPASSFILE) and a URI carry the password; messages mask it', async () => {
    const dir = tempDir();
    const passfile = join(dir, 'pgpass');
    writeFileSync(passfile, `127.0.0.1:${port}:app:ann:${RIGHT}\n`);
    chmodSync(passfile, 0o600);
    await run([], { PGPASSFILE: passfile });
    expect(received.at(-1)).toBe(RIGHT);
    const r = await runCliAsync([
      'generate',
      SHOP,
      '-d',
      `postgresql://ann:s3cret@127.0.0.1:${port}/app`,
      '-r',
      '5',
    ]);
    expect(received.at(-1)).toBe('s3cret');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`postgresql://ann:***@127.0.0.1:${port}/app`);
    expect(r.stderr).not.toContain('s3cret');
  });
});

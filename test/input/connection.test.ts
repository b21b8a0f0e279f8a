/**
 * A connection resolved as libpq resolves it: options, then the service
 * file, then the PG* environment; the password from PGPASSWORD or the
 * password file (ignored when others may read it); never shown in messages.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConnection, resolveConnection } from '../../src/input/connection.js';
import { tempDir } from '../helpers/generate-file.js';

const BASE = { HOME: '/nonexistent', USER: 'me', PGHOST: 'envhost' };

describe('resolveConnection', () => {
  it('options over the URI over the environment; the database defaults to the user', () => {
    expect(resolveConnection({}, BASE)).toMatchObject({
      host: 'envhost',
      port: 5432,
      user: 'me',
      database: 'me',
    });
    const r = resolveConnection(
      { dbname: 'postgresql://ann:pw@db.example:6000/shop?sslmode=require', port: 6001 },
      BASE,
    );
    expect(r).toMatchObject({
      host: 'db.example',
      port: 6001,
      user: 'ann',
      database: 'shop',
      password: 'pw',
      sslmode: 'require',
    });
    expect(resolveConnection({ dbname: "host=/tmp dbname='my db' user=bob" }, BASE)).toMatchObject({
      host: '/tmp',
      database: 'my db',
      user: 'bob',
    });
    expect(() => resolveConnection({ port: 0 }, BASE)).toThrow(/invalid port number "0"/);
  });

  it('URIs as libpq reads them: an empty host with a socket directory in host=, percent-encoding, IPv6, several hosts', () => {
    expect(
      resolveConnection({ dbname: 'postgresql://postgres@/shop?host=/tmp/mypg&port=5499' }, BASE),
    ).toMatchObject({ host: '/tmp/mypg', port: 5499, user: 'postgres', database: 'shop' });
    expect(resolveConnection({ dbname: 'postgresql:///shop?host=%2Fvar%2Frun%2Fpg' }, BASE)).toMatchObject({
      host: '/var/run/pg',
      database: 'shop',
      user: 'me',
    });
    expect(resolveConnection({ dbname: 'postgres://%2Ftmp:6000/my%20db' }, BASE)).toMatchObject({
      host: '/tmp',
      port: 6000,
      database: 'my db',
    });
    expect(resolveConnection({ dbname: 'postgresql://a:p%40ss@[::1]:7000,h2:7001/d' }, BASE)).toMatchObject({
      host: '::1',
      port: 7000,
      user: 'a',
      password: 'p@ss',
      database: 'd',
    });
    expect(() => resolveConnection({ dbname: 'postgresql://h:12x/d' }, BASE)).toThrow(/invalid port "12x"/);
  });

  it('PGSERVICE and service= read pg_service.conf; its settings come before PG* variables', () => {
    const dir = tempDir();
    const file = join(dir, 'services.conf');
    writeFileSync(file, '# comment\n[staging]\nhost=stage.internal\nport=6432\ndbname=app\nuser=svc\n');
    const env = { ...BASE, PGSERVICEFILE: file, PGSYSCONFDIR: dir, PGPORT: '7000' };
    expect(resolveConnection({}, { ...env, PGSERVICE: 'staging' })).toMatchObject({
      host: 'stage.internal',
      port: 6432,
      database: 'app',
      user: 'svc',
    });
    expect(resolveConnection({ dbname: 'service=staging dbname=other', host: 'cli' }, env)).toMatchObject({
      host: 'cli',
      database: 'other',
    });
    expect(() => resolveConnection({}, { ...env, PGSERVICE: 'prod' })).toThrow(
      /definition of service "prod" not found/,
    );
  });

  it('the password file: first matching line, * wildcards, escapes; ignored unless private; PGPASSWORD first', () => {
    const dir = tempDir();
    const file = join(dir, 'pgpass');
    writeFileSync(file, 'other:*:*:*:no\n# comment\ndb.example:5432:shop:ann:s\\:cret\n*:*:*:ann:fallback\n');
    chmodSync(file, 0o600);
    const env = { ...BASE, PGPASSFILE: file };
    const at = (dbname: string, more = {}) =>
      resolveConnection({ dbname, host: 'db.example', username: 'ann' }, { ...env, ...more }).password;
    expect(at('shop')).toBe('s:cret');
    expect(at('else')).toBe('fallback');
    expect(at('shop', { PGPASSWORD: 'fromenv' })).toBe('fromenv');
    chmodSync(file, 0o644);
    expect(at('shop')).toBeUndefined();
  });

  it('messages name the database without its password', () => {
    expect(describeConnection({ dbname: 'postgresql://ann:secret@h:1/db' }, BASE)).toBe(
      'postgresql://ann:***@h:1/db',
    );
    expect(describeConnection({ dbname: 'host=h port=2 dbname=d user=u password=secret' }, BASE)).toBe(
      'database "d" on h:2 as u',
    );
  });
});

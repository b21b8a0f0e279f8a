/**
 * This worker's sessions on the run's server's `postgres` database, where test databases are made and
 * dropped: one for CREATE DATABASE and one for DROP DATABASE (a drop waits on a checkpoint: a make queued
 * behind it would too), each opened on first use and kept for the worker's life. A session per statement
 * started a backend each time: ~40 ms of the server's CPU on a loaded machine, twice per database a test
 * made (six checks/ddl files: ~65 databases, 17.4 s of server CPU in all).
 */
import type { Socket } from 'node:net';
import pg from 'pg';
import type { inject } from 'vitest';
import { type InTurn, turns } from './in-turn.js';

type Server = ReturnType<typeof inject<'pg'>>;

/** The sessions by server and use (a file may use another server than the run's: postgres-packages.ts). */
const sessions = new Map<string, Promise<pg.Client>>();

/** Each session's statements in turn (in-turn.ts): concurrent cases make databases at once. */
const queues = new Map<string, InTurn>();

function open(server: Server, key: string): Promise<pg.Client> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.user,
    database: 'postgres',
  });
  // A session lost (the server stopping) is opened again by the next statement.
  client.on('error', () => sessions.delete(key));
  const opened = client.connect().then(() => {
    // Kept open between statements without keeping the worker's process alive.
    (client as unknown as { connection: { stream: Socket } }).connection.stream.unref();
    return client;
  });
  opened.catch(() => sessions.delete(key));
  return opened;
}

/** `sql` run on this worker's `use` session of `server`'s `postgres` database. */
export async function adminStatement(server: Server, use: 'create' | 'drop', sql: string): Promise<void> {
  const key = `${server.host}:${server.port}:${use}`;
  let session = sessions.get(key);
  if (session === undefined) {
    session = open(server, key);
    sessions.set(key, session);
  }
  let inTurn = queues.get(key);
  if (inTurn === undefined) {
    inTurn = turns();
    queues.set(key, inTurn);
  }
  const client = session;
  await inTurn(async () => (await client).query(sql));
}

/**
 * Passwords as psql asks for them: `-W` prompts before connecting; without
 * it, a prompt appears only when the server asks and stdin is a terminal;
 * `-w` never prompts (the connection fails with a line saying where a
 * password can come from). What is typed is not echoed.
 */
import type { ConnectionOptions } from '../input/connection.js';
import { resolveConnection } from '../input/connection.js';
import { usageError } from './parse-arguments.js';

/** Read one line from the terminal without echo. */
export function promptPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(
      usageError('-W needs a terminal to ask for the password on; set PGPASSWORD or use ~/.pgpass instead'),
    );
  }
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(usageError('password prompt interrupted'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
  });
}

/** The connection with its password source set from -W / -w. */
export async function withPasswordPrompt(
  connection: ConnectionOptions,
  mode: 'always' | 'never' | 'when-asked',
): Promise<ConnectionOptions> {
  const prompt = () => promptPassword(`Password for user ${resolveConnection(connection).user}: `);
  if (mode === 'always') return { ...connection, password: await prompt() };
  if (mode === 'when-asked' && process.stdin.isTTY && process.stderr.isTTY)
    return { ...connection, askPassword: prompt };
  return connection;
}

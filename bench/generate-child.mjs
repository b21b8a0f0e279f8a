// One generation run in its own process, so its peak RSS is its own: the CLI
// itself (its bundle, dist/cli/main.js, as `datagen generate` runs it), in
// this process, so its CPU seconds and peak RSS can be read when it exits.
// Usage: node bench/generate-child.mjs SCHEMA ROWS [FORMAT [WORKERS [OUTPUT [GZIP_LEVEL]]]]
// OUTPUT: a file (or directory) path, its bytes counted when written; or - (default) for /dev/null,
// the bytes then the data's the CLI reports (`--progress json`; the DDL around it not counted).
// Prints one JSON line: rows, bytes, seconds (wall, startup included), maxRssMiB, cpuSeconds.
import { readdirSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const started = process.hrtime.bigint();
const [schema = 'examples/shop.sql', rows = '100000', format = 'plain', workers, output = '-', level] =
  process.argv.slice(2);
const args = ['generate', schema, '-r', rows, '-F', format, '-f', output === '-' ? '/dev/null' : output];
args.push('--seed', '1', '--timestamp', '0', '--progress', 'json');
if (workers !== undefined) args.push('-j', workers);
if (level !== undefined) args.push('-Z', `gzip:${level}`);
process.argv = [process.argv[0], new URL('../dist/cli/main.js', import.meta.url).pathname, ...args];

// The CLI's progress lines (`--progress json`) are read for the rows and bytes, not printed.
let done = null;
const writeErr = process.stderr.write.bind(process.stderr);
process.stderr.write = (text, ...rest) => {
  const line = String(text);
  if (!line.startsWith('{"event":')) return writeErr(text, ...rest);
  if (line.startsWith('{"event":"done"')) done = JSON.parse(line);
  return true;
};
/** A file's size, or the sum of a directory's files' (a directory archive, table files). */
function sizeOf(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

process.on('exit', (code) => {
  if (code !== 0 || done === null) return;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage();
  writeSync(
    1,
    `${JSON.stringify({
      rows: done.rows,
      bytes: output === '-' ? done.bytes : sizeOf(output),
      seconds,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      // Every thread's, the whole process's life (startup included): a loaded machine slows wall time, not this.
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    })}\n`,
  );
});
await import('../dist/cli/main.js');

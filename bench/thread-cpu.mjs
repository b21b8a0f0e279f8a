/**
 * A child process run to its end with its threads' CPU seconds read on the
 * way (Linux: /proc/PID/task/TID/stat, every 20 ms; each thread's last
 * reading kept, so a thread that ends before the process, a generation
 * worker, is counted to within one interval): where a `-j 2` run's CPU goes,
 * the calling thread's share against the worker's, and what V8's and
 * libuv's helper threads (compilation, GC, file writes) add. Node 20 has no
 * per-thread CPU of its own (`process.threadCpuUsage` came in 23.9).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;
const POLL_MS = 20;

/** Each thread's user + system CPU seconds now, by thread id; empty where /proc cannot tell. */
function threadSeconds(pid) {
  const seconds = new Map();
  let tids;
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return seconds;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      seconds.set(tid, (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND);
    } catch {
      // The thread ended between the listing and the read: its last reading stands.
    }
  }
  return seconds;
}

/**
 * `execFile(file, args)` to its end: its stdout, and `threads`: the calling
 * (main) thread's CPU seconds, the busiest other thread's (a `-j 2` run's
 * generation worker) and every other thread's together; null off Linux.
 */
export function runWithThreadCpu(file, args, options = {}) {
  return new Promise((resolve, reject) => {
    const last = new Map();
    const child = execFile(file, args, options, (error, stdout) => {
      clearInterval(timer);
      if (error) return reject(error);
      const main = last.get(String(child.pid));
      if (main === undefined) return resolve({ stdout, threads: null });
      const others = [...last].filter(([tid]) => tid !== String(child.pid)).map(([, s]) => s);
      const busiest = others.length > 0 ? Math.max(...others) : 0;
      const rest = others.reduce((sum, s) => sum + s, 0) - busiest;
      resolve({ stdout, threads: { main, busiest, others: rest } });
    });
    const timer = setInterval(() => {
      for (const [tid, s] of threadSeconds(child.pid)) last.set(tid, s);
    }, POLL_MS);
  });
}

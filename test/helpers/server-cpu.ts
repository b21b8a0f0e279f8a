/**
 * The CPU the run's throwaway server used (its postmaster, the backends that
 * ended, and those still running), which `/usr/bin/time` on vitest does not
 * count (pg_ctl starts the server apart). `DATAGEN_TEST_SERVER_CPU=FILE npx
 * vitest run ...` appends it to FILE at the end of the run (global-setup.ts):
 * with the vitest process tree's CPU, what a test file costs the machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Fields 3 on of /proc/PID/stat (after the command's closing parenthesis): [0] state, [1] ppid, [11..14] CPU ticks. */
function statFields(pid: string): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(') ') + 2).split(' ');
}

/** Seconds of CPU of the postmaster `postmaster` and its children, ended or running (Linux only; 100 ticks a second). */
export function serverCpuSeconds(postmaster: string): number {
  const own = statFields(postmaster);
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const fields = statFields(pid);
      if (fields[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // A process that ended meanwhile: its ticks are in the postmaster's children's.
    }
  }
  return ticks / 100;
}

/**
 * Before a big run starts, say how big (on a terminal only, like progress):
 * `--rows 1000000000000` should not start a days-long run silently.
 */
import type { RunEstimate } from '../run/estimate.js';

/** Runs estimated above this many bytes are announced. */
export const LARGE_RUN_BYTES = 1e9;

const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** 1234567 → `1.2 MB` (powers of 1000, as disks are sold). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}

export function largeRunNotice(estimate: RunEstimate): string {
  return (
    `datagen: ${estimate.rows.toLocaleString('en-US')} rows, about ${formatBytes(estimate.bytes)} of data ` +
    '(before compression); Ctrl-C stops the run and removes its temporary files\n'
  );
}

export function announceLargeRun(
  stream: NodeJS.WriteStream,
  estimate: RunEstimate,
  enabled: boolean,
  env: NodeJS.ProcessEnv,
): void {
  if (!enabled || !stream.isTTY || env.CI || estimate.bytes < LARGE_RUN_BYTES) return;
  stream.write(largeRunNotice(estimate));
}

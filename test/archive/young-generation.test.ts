/**
 * The calling thread's new space held at 16 MiB from the library's import on:
 * a program that imports the whole library (`dist/index.js`) and calls
 * `generate()` had its new space grown to 32 MiB by the import's module
 * evaluation, before the run could hold it. Once the import's turn is over
 * without a run, V8's own growth factor is back.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const library = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** A child that allocates young garbage (half surviving a scavenge), before and after importing the library. */
const script = `
import { getHeapSpaceStatistics } from 'node:v8';
const newSpace = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
const churn = () => { let keep = []; for (let i = 0; i < 2e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 300000) keep = []; } };
await import(${JSON.stringify(library)});
churn();
const held = newSpace();
await new Promise((resolve) => setImmediate(resolve));
churn();
console.log(JSON.stringify({ held, after: newSpace() }));
`;

describe('young generation held from the import', () => {
  it('stays at 16 MiB through the import turn, and grows as V8 grows it after', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    const { held, after } = JSON.parse(out) as { held: number; after: number };
    expect(held).toBeLessThanOrEqual(16 * 1024 * 1024);
    expect(after).toBeGreaterThan(16 * 1024 * 1024);
  });
});

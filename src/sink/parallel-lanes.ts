/**
 * Writers run in parallel lanes: the files of `-F csv|jsonl|parquet`
 * (directory-sink.ts: a table's chunk files in turn, one lane per table).
 */

/**
 * The items of `lanes` given to `work`, `concurrency` lanes at once (at least
 * one), each lane's items in turn: a lane is read only when a loop takes it,
 * and its next item only once the last is written (it may depend on how that
 * one ended). After the first failure no lane or item starts, `signal` is
 * aborted for those running (what they throw then is not the failure), and
 * the first failure is thrown. The results in the lanes' order.
 *
 * @example
 * await inLanes([[a1, a2], [b1]], 2, (file, signal) => write(file, signal)) // [a1's, a2's, b1's]
 */
export async function inLanes<T, R>(
  lanes: Iterable<Iterable<T>>,
  concurrency: number,
  work: (item: T, signal: AbortSignal) => Promise<R>,
): Promise<R[]> {
  const results: R[][] = [];
  const abort = new AbortController();
  let failure: { error: unknown } | null = null;
  const pending = lanes[Symbol.iterator]();
  let next = 0;
  const loop = async (): Promise<void> => {
    for (;;) {
      if (failure !== null) return;
      const lane = pending.next();
      if (lane.done === true) return;
      const mine: R[] = [];
      results[next++] = mine;
      try {
        for (const item of lane.value) {
          if (failure !== null) return;
          mine.push(await work(item, abort.signal));
        }
      } catch (error) {
        if (failure === null) {
          failure = { error };
          abort.abort();
        }
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, loop));
  if (failure !== null) throw (failure as { error: unknown }).error;
  return results.flat();
}

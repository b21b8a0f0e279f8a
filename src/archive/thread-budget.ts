/**
 * A count of worker jobs allowed to run at once, shared by every pool of a
 * run (row generation, deflate), so `-j 2` keeps two worker threads busy in
 * all, never two per pool. A job takes a token when it is handed to a worker
 * and gives it back on the reply; a pool that found no token is called again
 * (its listener) when one comes back.
 */
export interface ThreadBudget {
  readonly size: number;
  /** Take a token if one is free. */
  tryAcquire(): boolean;
  /** Give a token back and let the waiting pools try again. */
  release(): void;
  /** Give back a token that was taken but not used (no one is told: nothing changed for them). */
  unuse(): void;
  /** Called (soon, not inside `release`) whenever a token comes back; returns the unsubscribe function. */
  listen(listener: () => void): () => void;
}

export function createThreadBudget(size: number): ThreadBudget {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`thread budget must be >= 1, got ${size}`);
  let free = size;
  const listeners = new Set<() => void>();
  let scheduled = false;
  const notify = (): void => {
    scheduled = false;
    for (const listener of [...listeners]) listener();
  };
  return {
    size,
    tryAcquire() {
      if (free === 0) return false;
      free--;
      return true;
    },
    release() {
      free++;
      if (!scheduled) {
        scheduled = true;
        queueMicrotask(notify);
      }
    },
    unuse() {
      free++;
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

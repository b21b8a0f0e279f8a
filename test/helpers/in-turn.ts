/**
 * Tasks run one after another in call order, each started when the one before has ended (fulfilled or
 * rejected): a pg session shared by concurrent cases takes one statement at a time (pg warns of, and pg 9
 * refuses, a query sent while one runs), and a worker's database drops queue behind each other.
 */
export type InTurn = <T>(task: () => Promise<T>) => Promise<T>;

/** A new queue of turns: `inTurn(task)` runs `task` once the tasks given before it have ended. */
export function turns(): InTurn {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = last.then(task, task);
    last = result.catch(() => undefined);
    return result;
  };
}

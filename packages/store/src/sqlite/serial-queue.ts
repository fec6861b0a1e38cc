/**
 * Runs tasks one after another. better-sqlite3 is synchronous but the store's code is async: a
 * transaction awaits between statements, and without this queue another caller's statement could
 * run inside it (and be rolled back with it).
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` once every task queued before it has settled. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

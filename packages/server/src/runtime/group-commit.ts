// Group commit: every step applied during one turn of the event loop is written in one
// transaction; callers learn the outcome only once their step is durable. With a minimum
// interval, commits are also spaced out: on SQLite each commit's fsync blocks the event loop,
// so under load a few milliseconds of waiting buys far fewer, larger commits.
import { performance } from 'node:perf_hooks';
import type { LogBatch, Store } from '@relais/store';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit {
  private batch: LogBatch = { commands: [], events: [], idempotency: [], config: [] };
  private waiters: Waiter[] = [];
  private scheduled = false;
  private writing: Promise<void> | undefined;
  private lastFlushMs = -Infinity;
  /** Set after a failed write: the engine is ahead of the log and must be rebuilt from it. */
  failure: unknown;

  constructor(
    private readonly store: Store,
    private readonly tenantId: string,
    /** Called after each durable write with what it wrote, in order. */
    private readonly onDurable: (batch: LogBatch, commitMs: number) => void,
    /** Least time between the starts of two commits. */
    private readonly minIntervalMs = 0,
  ) {}

  /** Adds to the next write; resolves when it is durable. */
  add(part: LogBatch): Promise<void> {
    this.batch.commands.push(...part.commands);
    this.batch.events.push(...part.events);
    if (part.idempotency !== undefined) this.batch.idempotency?.push(...part.idempotency);
    if (part.config !== undefined) this.batch.config?.push(...part.config);
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.scheduled) {
      this.scheduled = true;
      const wait = this.lastFlushMs + this.minIntervalMs - performance.now();
      if (wait > 0) setTimeout(() => void this.flush(), wait);
      else setImmediate(() => void this.flush());
    }
    return done;
  }

  /** Resolves when everything added so far is written (or failed). */
  async drain(): Promise<void> {
    while (this.scheduled || this.writing !== undefined) {
      await (this.writing ?? new Promise<void>((resolve) => setImmediate(resolve)));
    }
  }

  private async flush(): Promise<void> {
    if (this.writing !== undefined) {
      await this.writing.catch(() => undefined);
      return this.flush();
    }
    this.scheduled = false;
    this.lastFlushMs = performance.now();
    const batch = this.batch;
    const waiters = this.waiters;
    if (waiters.length === 0) return;
    this.batch = { commands: [], events: [], idempotency: [], config: [] };
    this.waiters = [];
    const write = async (): Promise<void> => {
      if (this.failure !== undefined) {
        throw new Error('an earlier log write failed; this runtime is being rebuilt', {
          cause: this.failure,
        });
      }
      await this.store.appendLog(this.tenantId, batch);
    };
    const started = performance.now();
    this.writing = write();
    try {
      await this.writing;
      this.onDurable(batch, performance.now() - started);
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      this.failure ??= error;
      for (const waiter of waiters) waiter.reject(error);
    } finally {
      this.writing = undefined;
    }
  }
}

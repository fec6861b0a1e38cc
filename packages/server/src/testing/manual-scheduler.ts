// A manual clock and scheduler for the live dialer's tests: time moves only when the test says,
// and the jobs due run in time order, each at its own time. Tests assert no timings.
import type { Scheduler } from '../campaigns/live/scheduler.ts';

interface Job {
  readonly atMs: number;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class ManualScheduler implements Scheduler {
  private jobs: Job[] = [];
  private seq = 0;

  constructor(public nowMs: number) {}

  readonly clock = (): number => this.nowMs;

  at(atMs: number, run: () => void): () => void {
    // A clock of whole milliseconds, as Date.now is.
    const job: Job = { atMs: Math.ceil(atMs), seq: ++this.seq, run, cancelled: false };
    this.jobs.push(job);
    return () => {
      job.cancelled = true;
    };
  }

  /**
   * Moves the clock forward by `ms`, running every job due on the way at its time; between jobs
   * it lets the server's promises settle (store writes, durable commits).
   */
  async advance(ms: number): Promise<void> {
    const until = this.nowMs + ms;
    for (;;) {
      this.jobs = this.jobs.filter((job) => !job.cancelled);
      let next: Job | undefined;
      for (const job of this.jobs) {
        if (job.atMs > until) continue;
        if (
          next === undefined ||
          job.atMs < next.atMs ||
          (job.atMs === next.atMs && job.seq < next.seq)
        )
          next = job;
      }
      if (next === undefined) break;
      next.cancelled = true;
      this.nowMs = Math.max(this.nowMs, next.atMs);
      next.run();
      await settle();
    }
    this.nowMs = until;
    await settle();
  }
}

/** Lets pending I/O callbacks and promises run (a durable commit waits a few ms of real time). */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10));
}

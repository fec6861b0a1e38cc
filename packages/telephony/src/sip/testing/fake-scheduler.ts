// A fake clock for the transaction tests: timers fire only when the test advances time.
import type { TimerScheduler } from '../transaction/timers.ts';

interface Pending {
  readonly dueMs: number;
  readonly order: number;
  readonly fire: () => void;
  cancelled: boolean;
}

export class FakeScheduler implements TimerScheduler {
  nowMs = 0;
  private pending: Pending[] = [];
  private order = 0;

  schedule(delayMs: number, fire: () => void): () => void {
    const entry: Pending = {
      dueMs: this.nowMs + delayMs,
      order: this.order++,
      fire,
      cancelled: false,
    };
    this.pending.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Moves time forward, firing due timers in time order (ties in scheduling order). */
  advance(ms: number): void {
    const target = this.nowMs + ms;
    for (;;) {
      if (this.pending.length > 64) this.pending = this.pending.filter((p) => !p.cancelled);
      let next: Pending | undefined;
      for (const p of this.pending) {
        if (
          !p.cancelled &&
          p.dueMs <= target &&
          (next === undefined ||
            p.dueMs < next.dueMs ||
            (p.dueMs === next.dueMs && p.order < next.order))
        )
          next = p;
      }
      if (next === undefined) break;
      next.cancelled = true;
      this.nowMs = next.dueMs;
      next.fire();
    }
    this.nowMs = target;
  }

  get pendingCount(): number {
    return this.pending.filter((p) => !p.cancelled).length;
  }
}

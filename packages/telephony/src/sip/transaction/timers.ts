// Injected time for the transaction layer: a scheduler interface and the RFC 3261 timer values.

/** Schedules `fire` after `delayMs`; returns the function that cancels it. The adapter uses real timers, tests a fake clock. */
export interface TimerScheduler {
  schedule(delayMs: number, fire: () => void): () => void;
}

/** RFC 3261 §17.1.1.1 / Table 4 base values, in milliseconds. */
export interface TransactionTimers {
  /** Round-trip time estimate. */
  readonly t1Ms: number;
  /** Longest interval between non-INVITE request and INVITE response retransmissions. */
  readonly t2Ms: number;
  /** Longest time a message stays in the network. */
  readonly t4Ms: number;
  /** Timer D on unreliable transports: at least 32 s (§17.1.1.2). */
  readonly timerDMs: number;
}

export const DEFAULT_TRANSACTION_TIMERS: TransactionTimers = {
  t1Ms: 500,
  t2Ms: 4_000,
  t4Ms: 5_000,
  timerDMs: 32_000,
};

/** The named timers one transaction runs; each name runs at most once at a time. */
export class TimerSet {
  private readonly running = new Map<string, () => void>();

  constructor(private readonly scheduler: TimerScheduler) {}

  start(name: string, delayMs: number, fire: () => void): void {
    this.stop(name);
    const cancel = this.scheduler.schedule(delayMs, () => {
      this.running.delete(name);
      fire();
    });
    this.running.set(name, cancel);
  }

  stop(name: string): void {
    this.running.get(name)?.();
    this.running.delete(name);
  }

  stopAll(): void {
    for (const cancel of this.running.values()) cancel();
    this.running.clear();
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }
}

// When the live dialer's work runs: pacing ticks, ring and talk times of simulated calls. The
// server uses real timers on its clock; tests drive a manual scheduler on a manual clock.

/** Runs `run` at `atMs` (the server's clock); returns the cancel function. */
export interface Scheduler {
  at(atMs: number, run: () => void): () => void;
}

/** Real timers: a job runs once its time has come on `clock` (late, never early, by its time). */
export function timerScheduler(clock: () => number): Scheduler {
  return {
    at(atMs, run) {
      const timer = setTimeout(run, Math.max(0, atMs - clock()));
      timer.unref();
      return () => clearTimeout(timer);
    },
  };
}

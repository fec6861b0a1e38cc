// The TimerScheduler of a running endpoint: Node's timers (the transaction layer itself stays pure).
import type { TimerScheduler } from '../transaction/timers.ts';

export const realScheduler: TimerScheduler = {
  schedule(delayMs, fire) {
    const timer = setTimeout(fire, delayMs);
    // The sockets keep a running endpoint alive; pending retransmissions alone should not.
    timer.unref();
    return () => clearTimeout(timer);
  },
};

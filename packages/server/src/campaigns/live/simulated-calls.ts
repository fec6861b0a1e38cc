// The simulated called party behind the live dialer when telephony has no SIP trunk: the
// simulator's model (SIMO1: person, answering machine, no answer, busy, wrong number, failure,
// ring and talk times), seeded per campaign, on the server's scheduler. No real call is placed.
import { CalledParty, type CalledPartySpec } from '@relais/sim';
import type {
  OutboundCallListener,
  OutboundCalls,
  OutboundCallsFactory,
} from './outbound-calls.ts';
import type { Scheduler } from './scheduler.ts';

/** A plausible French outbound day (bench:dialer's figures): 25% picked up, 15% of them machines. */
export const DEFAULT_CALLED_PARTY: CalledPartySpec = {
  answerRate: 0.25,
  machineShare: 0.15,
  busyRate: 0.05,
  wrongNumberRate: 0.02,
  failedRate: 0.01,
  ringSeconds: { dist: 'lognormal', mean: 9, sd: 4 },
  talkSeconds: { dist: 'exponential', mean: 180 },
  // Agents wrap up themselves on the server: unused here.
  wrapUpSeconds: { dist: 'fixed', value: 0 },
  dispositions: {},
};

export interface SimulatedCallsOptions {
  readonly spec: CalledPartySpec;
  /** The seed of every campaign's draws (each campaign has its own streams). */
  readonly seed: number;
  readonly scheduler: Scheduler;
  readonly clock: () => number;
}

class SimulatedLines implements OutboundCalls {
  private readonly timers = new Map<string, () => void>();
  /** Identification messages played (drops), for the figures and tests. */
  identifications = 0;

  constructor(
    private readonly party: CalledParty,
    private readonly options: SimulatedCallsOptions,
    private readonly listener: OutboundCallListener,
  ) {}

  dial(call: { callId: string; ringTimeoutMs: number }): void {
    const drawn = this.party.call(call.ringTimeoutMs);
    // Whole milliseconds: the engine's times are logged as integers.
    const answeredAtMs = this.options.clock() + Math.round(drawn.afterMs);
    this.arm(call.callId, answeredAtMs, () => {
      this.listener.result(call.callId, drawn.result);
      if (drawn.result !== 'person') return;
      // The person talks, then hangs up (unless the agent ends the call first, or it drops).
      this.arm(call.callId, answeredAtMs + Math.round(this.party.talkMs()), () =>
        this.listener.remoteHangUp(call.callId),
      );
    });
  }

  playIdentification(callId: string): void {
    this.identifications++;
    this.hangUp(callId);
  }

  hangUp(callId: string): void {
    this.timers.get(callId)?.();
    this.timers.delete(callId);
  }

  close(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private arm(callId: string, atMs: number, run: () => void): void {
    this.timers.get(callId)?.();
    const cancel = this.options.scheduler.at(atMs, () => {
      this.timers.delete(callId);
      run();
    });
    this.timers.set(callId, cancel);
  }
}

/** Simulated lines for every campaign, seeded by tenant and campaign. */
export function simulatedCalls(options: SimulatedCallsOptions): OutboundCallsFactory {
  return (tenantId, campaignId, listener) =>
    new SimulatedLines(
      new CalledParty(options.spec, options.seed, tenantId, campaignId),
      options,
      listener,
    );
}

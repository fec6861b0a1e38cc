// The simulated called party (SIMO1): who picks up a call the dialer places, after how long,
// how long the conversation lasts and what the agent records. Seeded streams, one per purpose.
import type { CallResult, DispositionFlag } from '@relais/dialer';
import type { DistributionSpec } from '../distributions/distribution-spec.ts';
import { makeSampler, type Sampler } from '../distributions/make-sampler.ts';
import { randomStream, type StreamLabel } from '../random/streams.ts';

export interface CalledPartySpec {
  /** Calls picked up (by a person or a machine) before any ring timeout. */
  answerRate: number;
  /** Of the calls picked up, the share answering machines take. */
  machineShare: number;
  busyRate: number;
  /** Numbers not in service (the network says so at once). */
  wrongNumberRate: number;
  failedRate: number;
  /** Ring time before a pick-up; a draw past the ring timeout is a no-answer. */
  ringSeconds: DistributionSpec;
  talkSeconds: DistributionSpec;
  wrapUpSeconds: DistributionSpec;
  /** What agents record after a conversation, by flag; the rest gets no disposition. */
  dispositions: Partial<Record<DispositionFlag, number>>;
}

/** How a simulated call goes: its result and when the telephony side reports it. */
export interface SimulatedCall {
  readonly result: CallResult;
  readonly afterMs: number;
}

// Network answers (busy tone, "not in service", failure) come within seconds.
const BUSY_MS = 3_000;
const WRONG_NUMBER_MS = 2_000;
const FAILED_MS = 1_000;

export class CalledParty {
  private readonly outcome: () => number;
  private readonly machine: () => number;
  private readonly ring: Sampler;
  private readonly talk: Sampler;
  private readonly wrap: Sampler;
  private readonly disposition: () => number;

  constructor(
    readonly spec: CalledPartySpec,
    seed: number,
    ...labels: StreamLabel[]
  ) {
    const stream = (purpose: string) => randomStream(seed, 'outbound', ...labels, purpose);
    this.outcome = stream('outcome');
    this.machine = stream('machine');
    this.ring = makeSampler(spec.ringSeconds, stream('ring'));
    this.talk = makeSampler(spec.talkSeconds, stream('talk'));
    this.wrap = makeSampler(spec.wrapUpSeconds, stream('wrap'));
    this.disposition = stream('disposition');
  }

  /** The result of a call placed with this ring timeout. */
  call(ringTimeoutMs: number): SimulatedCall {
    const { busyRate, wrongNumberRate, failedRate, answerRate } = this.spec;
    let u = this.outcome();
    if (u < busyRate) return { result: 'busy', afterMs: BUSY_MS };
    u -= busyRate;
    if (u < wrongNumberRate) return { result: 'wrongNumber', afterMs: WRONG_NUMBER_MS };
    u -= wrongNumberRate;
    if (u < failedRate) return { result: 'failed', afterMs: FAILED_MS };
    u -= failedRate;
    // Every rate is a share of all calls (their sum is at most 1, checked with the scenario).
    if (u < answerRate) {
      const ringMs = this.ring() * 1000;
      if (ringMs < ringTimeoutMs) {
        const machine = this.machine() < this.spec.machineShare;
        return { result: machine ? 'answeringMachine' : 'person', afterMs: ringMs };
      }
    }
    return { result: 'noAnswer', afterMs: ringTimeoutMs };
  }

  talkMs(): number {
    return this.talk() * 1000;
  }

  wrapMs(): number {
    return this.wrap() * 1000;
  }

  /** The flag of the agent's disposition, or null for none. */
  dispositionFlag(): DispositionFlag | null {
    let u = this.disposition();
    for (const [flag, share] of Object.entries(this.spec.dispositions)) {
      if (u < share) return flag as DispositionFlag;
      u -= share;
    }
    return null;
  }
}

// Live estimates for pacing (PACE2): exponentially weighted means that start from priors, so a
// fresh campaign paces on sensible figures and forgets them as its own calls come in.
import { DialerInputError } from '../errors.ts';

/** Starting figures of a campaign, before its own calls say otherwise. */
export interface PacingPriors {
  /** Calls answered by a person / calls placed. */
  readonly humanAnswerRate: number;
  /** Answering machines / calls answered (person or machine). */
  readonly machineShare: number;
  readonly ringToAnswerMs: number;
  readonly talkMs: number;
  readonly wrapMs: number;
}

export const DEFAULT_PRIORS: PacingPriors = {
  humanAnswerRate: 0.2,
  machineShare: 0.15,
  ringToAnswerMs: 10_000,
  talkMs: 180_000,
  wrapMs: 20_000,
};

/** An exponentially weighted mean: each observation weighs 1, older weight decays, the prior too. */
class WeightedMean {
  private sum: number;
  private weight: number;
  constructor(
    prior: number,
    priorWeight: number,
    private readonly decay: number,
  ) {
    this.sum = prior * priorWeight;
    this.weight = priorWeight;
  }
  add(value: number): void {
    this.sum = this.sum * this.decay + value;
    this.weight = this.weight * this.decay + 1;
  }
  get value(): number {
    return this.sum / this.weight;
  }
}

export type AnswerKind = 'person' | 'machine' | 'none';

export class LiveEstimates {
  private readonly human: WeightedMean;
  private readonly machine: WeightedMean;
  private readonly ring: WeightedMean;
  private readonly talk: WeightedMean;
  private readonly wrap: WeightedMean;

  /**
   * `memory`: observations after which old ones weigh 1/e; `priorWeight`: how many observations
   * the priors are worth.
   */
  constructor(priors: PacingPriors = DEFAULT_PRIORS, memory = 400, priorWeight = 30) {
    checkPriors(priors);
    if (!(memory >= 1)) throw new DialerInputError('memory', 'must be ≥ 1 observation');
    if (!(priorWeight > 0)) throw new DialerInputError('priorWeight', 'must be > 0');
    const decay = Math.exp(-1 / memory);
    this.human = new WeightedMean(priors.humanAnswerRate, priorWeight, decay);
    this.machine = new WeightedMean(priors.machineShare, priorWeight, decay);
    this.ring = new WeightedMean(priors.ringToAnswerMs, priorWeight, decay);
    this.talk = new WeightedMean(priors.talkMs, priorWeight, decay);
    this.wrap = new WeightedMean(priors.wrapMs, priorWeight, decay);
  }

  /** A placed call's result: answered by a person, by a machine, or not answered at all. */
  observeCall(result: AnswerKind, ringMs?: number): void {
    this.human.add(result === 'person' ? 1 : 0);
    if (result !== 'none') this.machine.add(result === 'machine' ? 1 : 0);
    if (result === 'person' && ringMs !== undefined && ringMs >= 0) this.ring.add(ringMs);
  }

  observeTalk(talkMs: number): void {
    if (talkMs >= 0) this.talk.add(talkMs);
  }

  observeWrap(wrapMs: number): void {
    if (wrapMs >= 0) this.wrap.add(wrapMs);
  }

  get humanAnswerRate(): number {
    return this.human.value;
  }
  get machineShare(): number {
    return this.machine.value;
  }
  get ringToAnswerMs(): number {
    return this.ring.value;
  }
  get talkMs(): number {
    return this.talk.value;
  }
  get wrapMs(): number {
    return this.wrap.value;
  }
}

function checkPriors(priors: PacingPriors): void {
  const fraction = (value: number, field: string): void => {
    if (!(value >= 0 && value <= 1)) throw new DialerInputError(field, 'must be between 0 and 1');
  };
  const duration = (value: number, field: string): void => {
    if (!(value >= 0 && Number.isFinite(value)))
      throw new DialerInputError(field, 'must be a finite duration ≥ 0 ms');
  };
  fraction(priors.humanAnswerRate, 'priors.humanAnswerRate');
  fraction(priors.machineShare, 'priors.machineShare');
  duration(priors.ringToAnswerMs, 'priors.ringToAnswerMs');
  duration(priors.talkMs, 'priors.talkMs');
  duration(priors.wrapMs, 'priors.wrapMs');
}

/**
 * For each busy agent, the chance it is free to take a call placed now when that call is answered:
 * the answer comes after a ring time (taken as exponential around its mean) plus the grace of 2 s.
 * An agent in wrap-up with `r` ms left counts with the chance the answer comes later than `r`; one
 * talking needs its talk to end (memoryless) and then its wrap-up.
 */
export function freeingChances(
  agents: readonly { readonly phase: 'talk' | 'wrap'; readonly sinceMs: number }[],
  nowMs: number,
  graceMs: number,
  estimates: { readonly talkMs: number; readonly wrapMs: number; readonly ringToAnswerMs: number },
): number[] {
  const { talkMs, wrapMs } = estimates;
  const ringMs = Math.max(1, estimates.ringToAnswerMs);
  // The chance that a ring of mean `ringMs` lasts longer than `ms`.
  const later = (ms: number): number => (ms <= 0 ? 1 : Math.exp(-ms / ringMs));
  // Talk (memoryless, mean T) then wrap-up W must end before the answer (mean m) + grace g.
  const T = Math.max(1, talkMs);
  const slack = wrapMs - graceMs;
  const talking =
    slack >= 0
      ? later(slack) * (ringMs / (ringMs + T))
      : 1 - Math.exp(slack / T) * (T / (T + ringMs));
  return agents.map((agent) =>
    agent.phase === 'wrap' ? later(wrapMs - (nowMs - agent.sinceMs) - graceMs) : talking,
  );
}

/** The expected number of busy agents free in time (the sum of `freeingChances`). */
export function expectedFreeing(
  agents: readonly { readonly phase: 'talk' | 'wrap'; readonly sinceMs: number }[],
  nowMs: number,
  graceMs: number,
  estimates: { readonly talkMs: number; readonly wrapMs: number; readonly ringToAnswerMs: number },
): number {
  return freeingChances(agents, nowMs, graceMs, estimates).reduce((sum, q) => sum + q, 0);
}

import { requireAgents, requireNonNegative } from './arguments.ts';
import { erlangB, logErlangB } from './erlang-b.ts';
import { waitingAverages } from './erlang-a-waits.ts';
import { logRegularizedGammaP, lowerGammaSeries } from './incomplete-gamma.ts';
import { logGammaPrefix } from './log-gamma.ts';
import { requirePatientLoad, type PatientLoad } from './traffic.ts';

// Erlang A (M/M/N+M): Poisson arrivals, exponential handling (mean AHT) and exponential patience
// (mean 1/θ), first come first served; Garnett, Mandelbaum & Reiman (2002), Mandelbaum & Zeltyn.
// With x = λ/θ, a = Nμ/θ, z = e^(−θt) and the birth–death weights relative to state N,
//   L = Σ_{k<N} π_k/π_N = (1 − B)/B                      (B = Erlang B)
//   S = Σ_{j≥0} π_{N+j}/π_N = P(a, x) / D(a, x)         (D(a, x) = x^a e^−x / Γ(a + 1))
//   answered after waiting more than t: (a/(a+1)) P(a+1, xz) / D(a+1, x)
//   waiting more than t, answered or not: z P(a, xz) / D(a, x)
// each divided by L + S; a waiting caller's U = e^(−θV) (V its wait if infinitely patient) is
// Beta(a, j+1) distributed, which gives these sums. Everything is carried in log space.

/** Service-level formulas of KPI.md, by id (short abandons are not modelled). */
export type ServiceLevelConvention =
  'answered' | 'offered' | 'abandon-neutral' | 'abandon-positive';

/** One queue staffed with `agents` whose callers abandon (Erlang A). */
export interface ErlangAQueue extends PatientLoad {
  readonly agents: number;
}

export interface ErlangAMetrics {
  readonly agents: number;
  readonly trafficErlangs: number;
  readonly thresholdSeconds: number;
  /** P(all agents busy on arrival): the caller waits (and may abandon). */
  readonly pWait: number;
  /** P(the caller abandons before being answered). */
  readonly pAbandon: number;
  /** P(the caller abandons having waited at most the threshold): ab(T) / offered. */
  readonly pAbandonWithinThreshold: number;
  /**
   * Service level within the threshold under each KPI.md formula: `answered` ans(T)/ans,
   * `offered` ans(T)/offered, `abandon-neutral` ans(T)/(offered − ab(T)),
   * `abandon-positive` (ans(T) + ab(T))/offered = P(W ≤ T) over all callers.
   */
  readonly serviceLevel: Readonly<Record<ServiceLevelConvention, number>>;
  /** Average speed of answer in seconds: mean wait of the answered callers. */
  readonly asaSeconds: number;
  /** Mean wait of all callers in seconds, answered or abandoned (= pAbandon × mean patience). */
  readonly averageWaitSeconds: number;
  /** Mean wait of the callers who abandon, in seconds. */
  readonly averageAbandonedWaitSeconds: number;
  /** Fraction of agent time spent handling: A·(1 − pAbandon) / N. */
  readonly occupancy: number;
}

/** All Erlang A measures of `queue`, service levels taken within `thresholdSeconds`. */
export function erlangA(queue: ErlangAQueue, thresholdSeconds: number): ErlangAMetrics {
  requireErlangAQueue(queue);
  requireNonNegative(thresholdSeconds, 'thresholdSeconds');
  return erlangAFromBlocking(queue, thresholdSeconds, erlangB(queue.agents, queue.trafficErlangs));
}

/** Throws unless the queue has an integer agent count ≥ 1 and a valid patient load. */
export function requireErlangAQueue(queue: ErlangAQueue): void {
  requireAgents(queue.agents);
  requirePatientLoad(queue);
}

/** Below this B is taken from logErlangB, as the recursion's value is subnormal or 0. */
const SMALLEST_RELIABLE_BLOCKING = 1e-280;

/** Erlang A measures given B(N, A) (already validated arguments); used by the staffing search. */
export function erlangAFromBlocking(
  queue: ErlangAQueue,
  thresholdSeconds: number,
  blocking: number,
): ErlangAMetrics {
  const { agents, trafficErlangs, ahtSeconds, patienceSeconds } = queue;
  if (trafficErlangs === 0) return idle(agents, thresholdSeconds);
  const scale = patienceSeconds / ahtSeconds; // μ/θ
  const x = trafficErlangs * scale;
  const a = agents * scale;
  const thresholdInPatiences = thresholdSeconds / patienceSeconds; // θt
  const logBlocking =
    blocking >= SMALLEST_RELIABLE_BLOCKING
      ? Math.log(blocking)
      : logErlangB(agents, trafficErlangs);
  const logBelow = Math.log1p(-blocking) - logBlocking;
  const logQueued = logLowerGammaRatio(a, x, 0);
  const logTotal = logAddExp(logBelow, logQueued);

  const pWait = Math.exp(logQueued - logTotal);
  const waits = waitingAverages(x, a);
  const pAbandon = pWait * waits.abandonGivenWait;
  const pAnswered = 1 - pAbandon;
  const pAnsweredLater = Math.exp(
    Math.log(a / (a + 1)) + logLowerGammaRatio(a + 1, x, thresholdInPatiences) - logTotal,
  );
  const pWaitLonger = Math.exp(
    -thresholdInPatiences + logLowerGammaRatio(a, x, thresholdInPatiences) - logTotal,
  );
  const pAnsweredWithin = Math.max(0, pAnswered - pAnsweredLater);
  const pAbandonWithin = clamp(pAbandon - (pWaitLonger - pAnsweredLater), 0, pAbandon);
  return {
    agents,
    trafficErlangs,
    thresholdSeconds,
    pWait,
    pAbandon,
    pAbandonWithinThreshold: pAbandonWithin,
    // Clamped: where nearly everyone waits long, rounding can leave them a few ulps outside [0, 1].
    serviceLevel: {
      answered: clamp(1 - pAnsweredLater / pAnswered, 0, 1),
      offered: pAnsweredWithin,
      'abandon-neutral': clamp(pAnsweredWithin / (1 - pAbandonWithin), 0, 1),
      'abandon-positive': clamp(1 - pWaitLonger, 0, 1),
    },
    asaSeconds: (pWait * waits.answeredWaitGivenWait * patienceSeconds) / pAnswered,
    averageWaitSeconds:
      pWait * (waits.answeredWaitGivenWait + waits.abandonedWaitGivenWait) * patienceSeconds,
    averageAbandonedWaitSeconds:
      (waits.abandonedWaitGivenWait / waits.abandonGivenWait) * patienceSeconds,
    occupancy: Math.min(1, (trafficErlangs * pAnswered) / agents),
  };
}

/**
 * ln(P(b, x·e^−s) / D(b, x)). In the series region D(b, y)/D(b, x) = e^(−bs + x(1 − e^−s)) is
 * taken exactly, so huge b and x (long patience) do not cancel.
 */
function logLowerGammaRatio(b: number, x: number, s: number): number {
  const y = x * Math.exp(-s);
  if (y === 0) return -Infinity;
  if (y < b + 1) return -b * s - x * Math.expm1(-s) + Math.log(lowerGammaSeries(b, y));
  return logRegularizedGammaP(b, y) - logGammaPrefix(b, x);
}

function logAddExp(p: number, q: number): number {
  const high = Math.max(p, q);
  if (high === -Infinity) return high;
  return high + Math.log1p(Math.exp(-Math.abs(p - q)));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** No traffic: nobody waits, every service level is met. */
function idle(agents: number, thresholdSeconds: number): ErlangAMetrics {
  return {
    agents,
    trafficErlangs: 0,
    thresholdSeconds,
    pWait: 0,
    pAbandon: 0,
    pAbandonWithinThreshold: 0,
    serviceLevel: { answered: 1, offered: 1, 'abandon-neutral': 1, 'abandon-positive': 1 },
    asaSeconds: 0,
    averageWaitSeconds: 0,
    averageAbandonedWaitSeconds: 0,
    occupancy: 0,
  };
}

import { requireAgents, requireNonNegative } from './arguments.ts';
import { erlangB } from './erlang-b.ts';
import { requireTrafficLoad, type TrafficLoad } from './traffic.ts';

// Erlang C (M/M/N, callers never abandon). With A ≥ N the queue grows without bound: every caller
// waits (P(wait) = 1), none within a finite threshold (service level 0), ASA = Infinity, and the
// agents are always busy (occupancy 1).

/** One queue staffed with `agents` (Erlang C). */
export interface ErlangCQueue extends TrafficLoad {
  readonly agents: number;
}

export interface ErlangCMetrics {
  readonly agents: number;
  readonly trafficErlangs: number;
  /** P(W > 0), the Erlang C formula. */
  readonly pWait: number;
  /** P(W ≤ threshold); without abandons every KPI.md service-level formula gives this. */
  readonly serviceLevel: number;
  readonly thresholdSeconds: number;
  /** Average speed of answer in seconds (mean wait, all callers being answered). */
  readonly asaSeconds: number;
  /** Fraction of agent time spent handling, A / N. */
  readonly occupancy: number;
}

/** Erlang C probability of waiting P(W > 0) for `agents` and `trafficErlangs`; 1 when A ≥ N. */
export function erlangC(agents: number, trafficErlangs: number): number {
  return erlangCFromBlocking(agents, trafficErlangs, erlangB(agents, trafficErlangs));
}

/** C = N·B / (N − A(1 − B)) from B = B(N, A); the form stays exact as B underflows. */
export function erlangCFromBlocking(agents: number, traffic: number, blocking: number): number {
  if (traffic >= agents) return 1;
  return (agents * blocking) / (agents - traffic * (1 - blocking));
}

/** Erlang C service level P(W ≤ thresholdSeconds) = 1 − C·e^(−(N − A)·t / AHT); 0 when A ≥ N. */
export function erlangCServiceLevel(queue: ErlangCQueue, thresholdSeconds: number): number {
  return erlangCMetrics(queue, thresholdSeconds).serviceLevel;
}

/** Erlang C average speed of answer in seconds, C·AHT / (N − A); Infinity when A ≥ N. */
export function erlangCAsaSeconds(queue: ErlangCQueue): number {
  return erlangCMetrics(queue, 0).asaSeconds;
}

/** Occupancy A / N of `agents` carrying `trafficErlangs` with no abandons, at most 1. */
export function occupancy(agents: number, trafficErlangs: number): number {
  requireAgents(agents);
  requireNonNegative(trafficErlangs, 'trafficErlangs');
  return Math.min(1, trafficErlangs / agents);
}

/** All Erlang C measures of `queue` with the service level taken within `thresholdSeconds`. */
export function erlangCMetrics(queue: ErlangCQueue, thresholdSeconds: number): ErlangCMetrics {
  requireErlangCQueue(queue);
  requireNonNegative(thresholdSeconds, 'thresholdSeconds');
  return metricsFromBlocking(queue, thresholdSeconds, erlangB(queue.agents, queue.trafficErlangs));
}

/** Throws unless the queue has an integer agent count ≥ 1 and a valid load. */
export function requireErlangCQueue(queue: ErlangCQueue): void {
  requireAgents(queue.agents);
  requireTrafficLoad(queue);
}

/** Erlang C measures given B(N, A) (already validated arguments); used by the staffing search. */
export function metricsFromBlocking(
  queue: ErlangCQueue,
  thresholdSeconds: number,
  blocking: number,
): ErlangCMetrics {
  const { agents, trafficErlangs, ahtSeconds } = queue;
  const pWait = erlangCFromBlocking(agents, trafficErlangs, blocking);
  const stable = trafficErlangs < agents;
  const spare = agents - trafficErlangs;
  return {
    agents,
    trafficErlangs,
    pWait,
    serviceLevel: stable ? 1 - pWait * Math.exp((-spare * thresholdSeconds) / ahtSeconds) : 0,
    thresholdSeconds,
    asaSeconds: stable ? (pWait * ahtSeconds) / spare : Infinity,
    occupancy: Math.min(1, trafficErlangs / agents),
  };
}

import { requireAgents, requireNonNegative } from './arguments.ts';
import { logRegularizedGammaQ } from './incomplete-gamma.ts';
import { logGammaPrefix } from './log-gamma.ts';

/**
 * Erlang B blocking probability B(N, A) of `agents` servers offered `trafficErlangs`, by the
 * recursion B(n) = A·B(n−1) / (n + A·B(n−1)), B(0) = 1: no factorials, no overflow, O(N).
 */
export function erlangB(agents: number, trafficErlangs: number): number {
  requireAgents(agents);
  requireNonNegative(trafficErlangs, 'trafficErlangs');
  return blockingRecursion(1, 1, agents, trafficErlangs);
}

/** Continues the recursion from B(`from` − 1) = `blocking` up to B(`to`). */
function blockingRecursion(blocking: number, from: number, to: number, traffic: number): number {
  let b = blocking;
  for (let n = from; n <= to; n++) {
    const carried = traffic * b;
    b = carried / (n + carried);
  }
  return b;
}

/**
 * ln B(N, A), finite where B underflows (many agents, little traffic): B = A^N e^−A / N! divided by
 * P(Poisson(A) ≤ N) = Q(N + 1, A), both taken in log space; −∞ when A = 0.
 */
export function logErlangB(agents: number, trafficErlangs: number): number {
  requireAgents(agents);
  requireNonNegative(trafficErlangs, 'trafficErlangs');
  if (trafficErlangs === 0) return -Infinity;
  return logGammaPrefix(agents, trafficErlangs) - logRegularizedGammaQ(agents + 1, trafficErlangs);
}

/**
 * B(n, A) for one traffic and n = 1, 2, …, computed once by the recursion and kept, so a staffing
 * search that tries many agent counts pays O(largest n) in all.
 */
export class BlockingTable {
  // A plain array: far cheaper to create than a typed array when a plan makes one per interval.
  private readonly values: number[] = [1]; // values[n] = B(n); B(0) = 1

  constructor(readonly trafficErlangs: number) {
    requireNonNegative(trafficErlangs, 'trafficErlangs');
  }

  /** B(agents, A). */
  at(agents: number): number {
    requireAgents(agents);
    const values = this.values;
    if (agents >= values.length) {
      let b = values[values.length - 1] as number;
      for (let n = values.length; n <= agents; n++) {
        b = blockingRecursion(b, n, n, this.trafficErlangs);
        values.push(b);
      }
    }
    return values[agents] as number;
  }
}

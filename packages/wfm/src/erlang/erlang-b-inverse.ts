import { requireAgents, requireOpenFraction, requirePositive } from './arguments.ts';
import { erlangB } from './erlang-b.ts';

// Inverses of Erlang B. B(N, A) falls with N and rises with A, so both are monotone searches:
// trunks by the recursion itself (B(n) for n = 1, 2, … until it drops to the target), traffic by
// bisection on A.

/** Least trunks N with B(N, `trafficErlangs`) ≤ `maxBlocking`. */
export function trunksForBlocking(trafficErlangs: number, maxBlocking: number): number {
  requirePositive(trafficErlangs, 'trafficErlangs');
  requireOpenFraction(maxBlocking, 'maxBlocking');
  let b = 1;
  for (let n = 1; ; n++) {
    const carried = trafficErlangs * b;
    b = carried / (n + carried);
    if (b <= maxBlocking) return n;
  }
}

/** The traffic in Erlangs that `trunks` carry at exactly `blocking` (to 1e-12 relative). */
export function trafficForBlocking(trunks: number, blocking: number): number {
  requireAgents(trunks, 'trunks');
  requireOpenFraction(blocking, 'blocking');
  let low = 0;
  let high = trunks + 1;
  while (erlangB(trunks, high) < blocking) high *= 2; // B(N, A) → 1 as A grows
  while (high - low > 1e-12 * high) {
    const middle = (low + high) / 2;
    if (erlangB(trunks, middle) < blocking) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

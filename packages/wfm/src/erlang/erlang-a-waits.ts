import { WfmError } from '../errors.ts';

// Waits of the callers who find all agents busy in M/M/N+M, averaged over the queue they find.
// Time is in units of the mean patience 1/θ; x = λ/θ and a = Nμ/θ. A caller with j callers ahead
// advances at rate a + j (services at Nμ, abandons of those ahead at jθ) and abandons at rate 1,
// so it is answered with probability a/(a+j+1). First-step analysis gives, with q = a + j + 1,
//   answeredWait(j) = E[W; answered]  = a/q² + (a+j)/q · answeredWait(j−1)
//   abandonedWait(j) = E[W; abandoned] = (j+1)/q² + (a+j)/q · abandonedWait(j−1)
// and the queue length seen on arrival has weights w_j ∝ x^j / ((a+1)…(a+j)).
// All terms are positive, so the sums carry no cancellation; they are normalised by Σ w_j.

const RESCALE_ABOVE = 1e250;
const RESCALE_BY = 1e-250;
const MAX_TERMS = 50_000_000;

export interface WaitingAverages {
  /** P(abandon | wait). */
  readonly abandonGivenWait: number;
  /** E[W; answered | wait], in units of the mean patience. */
  readonly answeredWaitGivenWait: number;
  /** E[W; abandoned | wait], in units of the mean patience. */
  readonly abandonedWaitGivenWait: number;
}

/**
 * The averages over callers who wait, summing from j = 0 until the remaining tail (bounded by a
 * geometric series once the weights decrease, and every summand ≤ 1) is below the last bit.
 * The work is O(max(0, x − a) + √x) terms, or O(1/(1 − x/a)) as patience grows.
 */
export function waitingAverages(x: number, a: number): WaitingAverages {
  let weight = 1;
  let weights = 0;
  let abandons = 0;
  let answeredWaits = 0;
  let abandonedWaits = 0;
  let answeredWait = 0;
  let abandonedWait = 0;
  for (let j = 0; j < MAX_TERMS; j++) {
    const q = a + j + 1;
    const advance = (a + j) / q;
    answeredWait = a / (q * q) + advance * answeredWait;
    abandonedWait = (j + 1) / (q * q) + advance * abandonedWait;
    weights += weight;
    abandons += (weight * (j + 1)) / q;
    answeredWaits += weight * answeredWait;
    abandonedWaits += weight * abandonedWait;
    const ratio = x / q; // w_{j+1} / w_j, decreasing in j
    weight *= ratio;
    if (ratio < 1) {
      const tail = weight / (1 - ratio);
      if (tail <= Number.EPSILON * Math.min(abandons, answeredWaits, abandonedWaits)) {
        return {
          abandonGivenWait: abandons / weights,
          answeredWaitGivenWait: answeredWaits / weights,
          abandonedWaitGivenWait: abandonedWaits / weights,
        };
      }
    }
    if (weight > RESCALE_ABOVE) {
      weight *= RESCALE_BY;
      weights *= RESCALE_BY;
      abandons *= RESCALE_BY;
      answeredWaits *= RESCALE_BY;
      abandonedWaits *= RESCALE_BY;
    }
  }
  throw new WfmError('NoConvergence', `Erlang A waiting sums need more than ${MAX_TERMS} terms`, {
    x,
    a,
  });
}

// Test reference for Erlang A, independent of the incomplete-gamma formulas: the M/M/N+M
// birth–death chain solved state by state (truncated where the queue is negligibly long), and each
// waiting caller's fate by uniformization of its own absorbing chain. Small N only.

export interface ChainCase {
  readonly agents: number;
  readonly arrivalsPerSecond: number;
  readonly ahtSeconds: number;
  readonly patienceSeconds: number;
  readonly thresholdSeconds: number;
}

export interface ChainSolution {
  readonly pWait: number;
  readonly pAbandon: number;
  /** P(answered with wait ≤ T), over all callers. */
  readonly pAnsweredWithin: number;
  /** P(abandoned with wait ≤ T), over all callers. */
  readonly pAbandonedWithin: number;
  readonly asaSeconds: number;
  readonly averageAbandonedWaitSeconds: number;
}

export function solveChain(c: ChainCase): ChainSolution {
  const mu = 1 / c.ahtSeconds;
  const theta = 1 / c.patienceSeconds;
  const lambda = c.arrivalsPerSecond;
  const n = c.agents;
  // Stationary weights, stopping once the next state is negligible and falling.
  const weights = [1];
  for (let k = 1; ; k++) {
    const death = k <= n ? k * mu : n * mu + (k - n) * theta;
    const next = ((weights[k - 1] as number) * lambda) / death;
    weights.push(next);
    if (k > n && lambda < death / 2 && next < 1e-22 * Math.max(...weights.slice(0, n + 1))) break;
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const pi = weights.map((w) => w / total);
  const queueCap = pi.length - 1 - n; // callers a new arrival may find waiting: 0..queueCap
  const fates = waitingFates(n * mu, theta, queueCap, c.thresholdSeconds);
  let pWait = 0;
  let pAbandon = 0;
  let answeredWithin = 0;
  let abandonedWithin = 0;
  let answeredWait = 0;
  let abandonedWait = 0;
  pi.forEach((p, k) => {
    if (k < n) {
      answeredWithin += p;
      return;
    }
    const j = k - n; // callers ahead of the arrival
    const fate = fates[j] as Fate;
    pWait += p;
    pAbandon += p * (1 - fate.answered);
    answeredWithin += p * fate.answeredWithin;
    abandonedWithin += p * fate.abandonedWithin;
    answeredWait += p * fate.answeredWait;
    abandonedWait += p * fate.abandonedWait;
  });
  return {
    pWait,
    pAbandon,
    pAnsweredWithin: answeredWithin,
    pAbandonedWithin: abandonedWithin,
    asaSeconds: answeredWait / (1 - pAbandon),
    averageAbandonedWaitSeconds: abandonedWait / pAbandon,
  };
}

interface Fate {
  answered: number;
  answeredWithin: number;
  abandonedWithin: number;
  answeredWait: number; // E[W; answered]
  abandonedWait: number; // E[W; abandoned]
}

/**
 * For a caller with j = 0..cap callers ahead: with i ahead it moves up at rate Nμ + iθ and
 * abandons at θ. Probabilities within t by uniformization (rate Λ ≥ every exit rate); mean waits
 * from the Laplace transform of V = Σ_{i≤j} Exp(Nμ + iθ): E[V e^(−θV)] = E[e^(−θV)] Σ 1/(Nμ+(i+1)θ).
 */
function waitingFates(serviceRate: number, theta: number, cap: number, t: number): Fate[] {
  const uniform = serviceRate + (cap + 1) * theta;
  // served[i], abandoned[i]: P(absorbed there within m uniformized steps | i ahead); index 0 ↔ i = 0.
  let served: number[] = new Array<number>(cap + 1).fill(0);
  let abandoned: number[] = new Array<number>(cap + 1).fill(0);
  const answeredWithin: number[] = new Array<number>(cap + 1).fill(0);
  const abandonedWithin: number[] = new Array<number>(cap + 1).fill(0);
  const mean = uniform * t;
  if (mean > 700) throw new Error(`reference chain: Λt = ${mean} is too large for this case`);
  let poisson = Math.exp(-mean);
  for (let m = 0; m <= mean || poisson > 1e-20; m++) {
    if (m > 0) {
      poisson *= mean / m;
      const up = served.map((_, i) => (i === 0 ? 1 : (served[i - 1] as number)));
      const upAb = abandoned.map((_, i) => (i === 0 ? 0 : (abandoned[i - 1] as number)));
      served = served.map((s, i) => {
        const move = (serviceRate + i * theta) / uniform;
        return move * (up[i] as number) + (1 - move - theta / uniform) * s;
      });
      abandoned = abandoned.map((s, i) => {
        const move = (serviceRate + i * theta) / uniform;
        return move * (upAb[i] as number) + theta / uniform + (1 - move - theta / uniform) * s;
      });
    }
    for (let i = 0; i <= cap; i++) {
      answeredWithin[i] = (answeredWithin[i] as number) + poisson * (served[i] as number);
      abandonedWithin[i] = (abandonedWithin[i] as number) + poisson * (abandoned[i] as number);
    }
  }
  const fates: Fate[] = [];
  let harmonic = 0;
  for (let j = 0; j <= cap; j++) {
    harmonic += 1 / (serviceRate + (j + 1) * theta);
    const answered = serviceRate / (serviceRate + (j + 1) * theta);
    const meanWait = (j + 1) / (serviceRate + (j + 1) * theta); // E[min(V, patience)]
    const answeredWait = answered * harmonic;
    fates.push({
      answered,
      answeredWithin: answeredWithin[j] as number,
      abandonedWithin: abandonedWithin[j] as number,
      answeredWait,
      abandonedWait: meanWait - answeredWait,
    });
  }
  return fates;
}

// Expected drops of a batch of calls (PACE4): with `lines` calls out, each answered by a person with
// probability p, and `capacity` agents to take them, E[max(0, X − capacity)] for X ~ Binomial.

/** E[max(0, X − capacity)] for X ~ Binomial(lines, p); capacity may be fractional. */
export function expectedOverflow(lines: number, p: number, capacity: number): number {
  if (lines <= 0 || p <= 0) return 0;
  if (p >= 1) return Math.max(0, lines - capacity);
  const ratio = p / (1 - p);
  let pmf = Math.pow(1 - p, lines);
  let expected = 0;
  for (let k = 0; k <= lines; k++) {
    if (k > capacity) expected += pmf * (k - capacity);
    pmf = (pmf * (lines - k) * ratio) / (k + 1);
  }
  return expected;
}

/** The distribution of the number of successes of independent trials with these chances. */
export function poissonBinomial(chances: readonly number[]): number[] {
  const pmf = [1];
  for (const q of chances) {
    pmf.push(0);
    for (let k = pmf.length - 1; k >= 0; k--) {
      pmf[k] = (pmf[k] ?? 0) * (1 - q) + (k > 0 ? (pmf[k - 1] ?? 0) * q : 0);
    }
  }
  return pmf;
}

/**
 * E[max(0, X − base − F)] for X ~ Binomial(lines, p) and F, independent of X, distributed as
 * `freeing` (agents who may free in time): the capacity itself is uncertain.
 */
export function expectedOverflowOver(
  lines: number,
  p: number,
  base: number,
  freeing: readonly number[],
): number {
  if (lines <= 0 || p <= 0) return 0;
  // Tails of X: count(c) = P(X > c), weight(c) = E[X; X > c], so E[max(0, X − c)] = weight − c·count.
  const pmf: number[] = [];
  if (p >= 1) {
    for (let k = 0; k <= lines; k++) pmf.push(k === lines ? 1 : 0);
  } else {
    const ratio = p / (1 - p);
    let term = Math.pow(1 - p, lines);
    for (let k = 0; k <= lines; k++) {
      pmf.push(term);
      term = (term * (lines - k) * ratio) / (k + 1);
    }
  }
  const count = new Array<number>(lines + 2).fill(0);
  const weight = new Array<number>(lines + 2).fill(0);
  for (let c = lines - 1; c >= 0; c--) {
    count[c] = (count[c + 1] ?? 0) + (pmf[c + 1] ?? 0);
    weight[c] = (weight[c + 1] ?? 0) + (c + 1) * (pmf[c + 1] ?? 0);
  }
  const overflowAt = (capacity: number): number => {
    if (capacity < 0) return lines * p - capacity;
    const c = Math.floor(capacity);
    if (c >= lines) return 0;
    return (weight[c] ?? 0) - capacity * (count[c] ?? 0);
  };
  let expected = 0;
  freeing.forEach((chance, f) => {
    if (chance > 0) expected += chance * overflowAt(base + f);
  });
  return expected;
}

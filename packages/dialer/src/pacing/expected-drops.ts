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

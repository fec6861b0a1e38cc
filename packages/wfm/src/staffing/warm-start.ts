// Square-root staffing: the least agents are close to A + β√A, and β changes little from one
// interval to the next for the same targets (Halfin–Whitt), so the previous interval's β gives
// a guess the search usually confirms in two evaluations.

/** A starting guess for `trafficErlangs` from the previous interval's traffic and answer. */
export function warmStart(
  previous: { readonly trafficErlangs: number; readonly agents: number } | undefined,
  trafficErlangs: number,
): number | undefined {
  if (previous === undefined || previous.trafficErlangs <= 0 || previous.agents <= 0) {
    return undefined;
  }
  const beta = (previous.agents - previous.trafficErlangs) / Math.sqrt(previous.trafficErlangs);
  return trafficErlangs + beta * Math.sqrt(trafficErlangs);
}

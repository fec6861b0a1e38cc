// The pacer (PACE3–PACE6): how many lines to place now, and why. Pure: the runtime gives it the
// campaign's state and estimates; it reads no clock and draws no random number.
import { DialerInputError } from '../errors.ts';
import { expectedOverflow, expectedOverflowOver } from './expected-drops.ts';

export type DialMode = 'preview' | 'progressive' | 'predictive';

/** A safety floor or cap that changed the answer (COMPLIANCE.md: pacing floors). */
export type PacingFloor =
  'no-agents' | 'over-target' | 'warming-up' | 'progressive-minimum' | 'max-lines';

export interface PacingState {
  readonly mode: DialMode;
  readonly loggedInAgents: number;
  /** Agents free to take a call now. */
  readonly availableAgents: number;
  /** Expected busy agents free when a call placed now is answered (see `expectedFreeing`). */
  readonly freeingSoon: number;
  /**
   * The distribution of that number (`poissonBinomial(freeingChances(…))`): when given, the
   * pacer weighs the capacity's own uncertainty instead of taking its mean.
   */
  readonly freeingDistribution?: readonly number[];
  /** Calls placed and still ringing. */
  readonly ringing: number;
  /** Calls answered by a person still waiting for an agent (the 2-second grace). */
  readonly waiting: number;
  /** Every line up: ringing, waiting and connected calls of the campaign. */
  readonly linesInUse: number;
  readonly maxLinesPerAgent: number;
  /** Calls answered by a person / calls placed (live estimate). */
  readonly humanAnswerRate: number;
  readonly abandonTarget: number;
  /** The abandon window's counts now. */
  readonly window: { readonly answered: number; readonly dropped: number };
  /** Share of the target the pacer aims at (< 1 leaves room for the model's error). */
  readonly aim?: number;
}

export interface PacingDecision {
  /** Lines to place now (in preview: leads to offer to agents). */
  readonly lines: number;
  /** Predictive runs as progressive while a floor holds it there. */
  readonly effectiveMode: DialMode;
  /** Outstanding lines (ringing + to place) per available agent. */
  readonly dialLevel: number;
  readonly floor: PacingFloor | null;
  readonly explanation: string;
}

export const DEFAULT_AIM = 0.8;

function check(state: PacingState): void {
  const counts: (keyof PacingState)[] = [
    'loggedInAgents',
    'availableAgents',
    'ringing',
    'waiting',
    'linesInUse',
  ];
  for (const field of counts) {
    const value = state[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new DialerInputError(`pacing.${field}`, 'must be a whole number ≥ 0');
    }
  }
  if (!(state.freeingSoon >= 0)) throw new DialerInputError('pacing.freeingSoon', 'must be ≥ 0');
  if (!(state.maxLinesPerAgent >= 1))
    throw new DialerInputError('pacing.maxLinesPerAgent', 'must be ≥ 1');
  if (!(state.humanAnswerRate >= 0 && state.humanAnswerRate <= 1))
    throw new DialerInputError('pacing.humanAnswerRate', 'must be between 0 and 1');
  if (!(state.abandonTarget >= 0 && state.abandonTarget <= 1))
    throw new DialerInputError('pacing.abandonTarget', 'must be between 0 and 1');
}

const level = (outstanding: number, available: number): number =>
  available > 0 ? outstanding / available : outstanding;

/** Decides the lines to place now (SPEC PACE3–PACE6). */
export function decide(state: PacingState): PacingDecision {
  check(state);
  const { mode, availableAgents: available, ringing, waiting } = state;
  const decision = (
    lines: number,
    effectiveMode: DialMode,
    floor: PacingFloor | null,
    explanation: string,
  ): PacingDecision => ({
    lines,
    effectiveMode,
    dialLevel: level(ringing + lines, available),
    floor,
    explanation,
  });
  if (state.loggedInAgents === 0) {
    return decision(0, mode, 'no-agents', 'no agent is logged in: dialing stops');
  }
  const maxLines = Math.floor(state.maxLinesPerAgent * state.loggedInAgents);
  const room = Math.max(0, maxLines - state.linesInUse);
  // Progressive: one line per available agent, counting the calls already out for them.
  const progressive = Math.max(0, available - ringing - waiting);
  if (mode === 'preview') {
    const offers = Math.min(progressive, room);
    return decision(offers, mode, null, `preview: ${offers} lead(s) to offer, agents dial`);
  }
  const capped = (
    lines: number,
    effectiveMode: DialMode,
    floor: PacingFloor | null,
    why: string,
  ) =>
    lines > room
      ? decision(room, effectiveMode, 'max-lines', `${why}; capped at ${maxLines} lines`)
      : decision(lines, effectiveMode, floor, why);
  if (mode === 'progressive') {
    return capped(progressive, mode, null, `progressive: one line per available agent`);
  }
  const { abandonTarget: target } = state;
  const { answered, dropped } = state.window;
  if (answered > 0 && dropped / answered > target) {
    const why = `window abandon rate ${pct(dropped / answered)} is over the ${pct(target)} target: progressive`;
    return capped(progressive, 'progressive', 'over-target', why);
  }
  // One more drop must keep the window under target, or a small sample would swing over it.
  if ((dropped + 1) / (answered + 1) > target) {
    const why = `${answered} answers in the window: too few to risk a drop; progressive`;
    return capped(progressive, 'progressive', 'warming-up', why);
  }
  const p = Math.min(0.99, Math.max(0.01, state.humanAnswerRate));
  const capacity = available + state.freeingSoon - waiting;
  const aimed = target * (state.aim ?? DEFAULT_AIM);
  // Feedback on the window: a window under the aimed rate lets a batch risk a little more, one
  // over it a little less (between half and one and a half times the aim).
  const windowRate = answered > 0 ? dropped / answered : 0;
  const gain = Math.min(1.5, Math.max(0.5, 2 - windowRate / aimed));
  // Largest batch whose expected drops stay at the batch's share of the aim, and keep the whole
  // window at the aimed rate once it resolves (no burst of drops spending the window's slack).
  const fits = (extra: number): boolean => {
    const out = ringing + extra;
    const drops =
      state.freeingDistribution === undefined
        ? expectedOverflow(out, p, capacity)
        : expectedOverflowOver(out, p, available - waiting, state.freeingDistribution);
    const answers = out * p;
    const window = answered + answers;
    return (
      drops <= aimed * gain * answers &&
      dropped + drops <= aimed * window &&
      // Room for the expected drops, two standard deviations (Poisson) and one more: chance must
      // not carry a small window over the target.
      dropped + drops + 2 * Math.sqrt(drops) + 1 <= target * window
    );
  };
  let low = 0;
  let high = room;
  if (!fits(0)) high = 0;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  const why = `predictive: ${low} line(s) for ${capacity.toFixed(1)} agent(s) free or freeing at answer rate ${pct(p)}, aiming at ${pct(aimed * gain)} per batch`;
  if (low < progressive) {
    return capped(
      progressive,
      'predictive',
      'progressive-minimum',
      `${why}; raised to progressive's ${progressive}`,
    );
  }
  if (low === room && room > 0 && fits(room + 1)) {
    return decision(low, 'predictive', 'max-lines', `${why}; capped at ${maxLines} lines`);
  }
  return decision(low, 'predictive', null, why);
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

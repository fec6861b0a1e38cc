// Call outcomes and disposition flags (RUN5): what a call or an agent's disposition means for the
// lead, and how the lead is recycled.
import { DialerInputError } from '../errors.ts';

/** How a placed call ended (the protocol's ATTEMPT_OUTCOMES). */
export type AttemptOutcome =
  'answered' | 'abandoned' | 'noAnswer' | 'busy' | 'answeringMachine' | 'wrongNumber' | 'failed';

/** What the telephony side reports when a call stops ringing. */
export type CallResult =
  'person' | 'answeringMachine' | 'noAnswer' | 'busy' | 'wrongNumber' | 'failed';

/** What a disposition means (the protocol's DISPOSITION_FLAGS). */
export type DispositionFlag =
  | 'success'
  | 'refusal'
  | 'doNotCall'
  | 'callback'
  | 'wrongNumber'
  | 'answeringMachine'
  | 'noAnswer'
  | 'busy';

/** The outcome a recycling rule is keyed on: a disposition's flag, a drop, or a failed call. */
export type RecycleOutcome = DispositionFlag | 'abandoned' | 'failed';

/** After `outcome`, try the lead again after `delayMinutes`, unless it has had `maxAttempts`. */
export interface RecycleRule {
  readonly outcome: RecycleOutcome;
  readonly delayMinutes: number;
  readonly maxAttempts: number;
}

/**
 * Used for an outcome the campaign gives no rule for (not in COMPLIANCE.md: house defaults). The
 * pack's own limits (FR: 4 attempts in 30 days) still apply through the gate.
 */
export const DEFAULT_RECYCLING: readonly RecycleRule[] = [
  { outcome: 'noAnswer', delayMinutes: 120, maxAttempts: 4 },
  { outcome: 'busy', delayMinutes: 30, maxAttempts: 4 },
  { outcome: 'answeringMachine', delayMinutes: 240, maxAttempts: 4 },
  { outcome: 'failed', delayMinutes: 60, maxAttempts: 4 },
  { outcome: 'abandoned', delayMinutes: 24 * 60, maxAttempts: 4 },
];

/** Outcomes that close the lead when the campaign gives no rule for them. */
const CLOSING: ReadonlySet<RecycleOutcome> = new Set(['success', 'refusal', 'wrongNumber']);

/** Every outcome a recycling rule may be keyed on. */
export const RECYCLE_OUTCOMES: readonly RecycleOutcome[] = [
  'success',
  'refusal',
  'doNotCall',
  'callback',
  'wrongNumber',
  'answeringMachine',
  'noAnswer',
  'busy',
  'abandoned',
  'failed',
];

/**
 * The rule the dialer applies after `outcome` (RUN5): the campaign's, else the house default for
 * an outcome worth retrying; undefined when the outcome closes the lead. The one source of the
 * recycling behaviour: the runtime's `recycleStep` and `compileCampaign`'s map both read it.
 */
export function recycleRuleFor(
  outcome: RecycleOutcome,
  rules: readonly RecycleRule[],
): RecycleRule | undefined {
  if (outcome === 'doNotCall' || outcome === 'callback') return undefined;
  return (
    rules.find((r) => r.outcome === outcome) ??
    (CLOSING.has(outcome) ? undefined : DEFAULT_RECYCLING.find((r) => r.outcome === outcome))
  );
}

export type RecycleStep =
  | { readonly close: true; readonly why: string }
  | { readonly close: false; readonly retryAfterMs: number };

/** The outcome a call result stands for in the recycling rules. */
export function recycleOutcomeOf(result: Exclude<CallResult, 'person'>): RecycleOutcome {
  return result;
}

/** What happens to a lead after `outcome`, its `attempts` in this campaign counted (RUN5). */
export function recycleStep(
  outcome: RecycleOutcome,
  attempts: number,
  rules: readonly RecycleRule[],
): RecycleStep {
  if (outcome === 'doNotCall') return { close: true, why: 'do not call' };
  if (outcome === 'callback') return { close: false, retryAfterMs: 0 };
  const rule = recycleRuleFor(outcome, rules);
  if (rule === undefined) return { close: true, why: outcome };
  if (attempts >= rule.maxAttempts) {
    return { close: true, why: `${outcome}: ${attempts} of ${rule.maxAttempts} attempts used` };
  }
  return { close: false, retryAfterMs: rule.delayMinutes * 60_000 };
}

/** Checks a campaign's recycling rules: known outcomes, one rule each, sane numbers. */
export function checkRecycling(rules: readonly RecycleRule[]): void {
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const field = `recycling[${index}]`;
    if (seen.has(rule.outcome)) {
      throw new DialerInputError(`${field}.outcome`, `"${rule.outcome}" has a rule already`);
    }
    seen.add(rule.outcome);
    if (!Number.isInteger(rule.delayMinutes) || rule.delayMinutes < 0) {
      throw new DialerInputError(`${field}.delayMinutes`, 'must be a whole number ≥ 0');
    }
    if (!Number.isInteger(rule.maxAttempts) || rule.maxAttempts < 1) {
      throw new DialerInputError(`${field}.maxAttempts`, 'must be a whole number ≥ 1');
    }
  });
}

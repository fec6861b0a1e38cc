/** A calling window in local wall-clock minutes of the day, start included, end excluded. */
export interface CallingWindow {
  readonly fromMinute: number;
  readonly toMinute: number;
}

/** Windows per weekday, Monday first (index 0) to Sunday (index 6). */
export type WeeklyWindows = readonly [
  readonly CallingWindow[],
  readonly CallingWindow[],
  readonly CallingWindow[],
  readonly CallingWindow[],
  readonly CallingWindow[],
  readonly CallingWindow[],
  readonly CallingWindow[],
];

/** The stable code of the rule that blocks a lead. */
export type ReasonCode =
  | `${string}.hours`
  | `${string}.holiday`
  | `${string}.attempts30d`
  | `${string}.refusal60d`
  | `${string}.consent`
  | 'pack.country'
  | 'optout.listed'
  | 'optout.missing'
  | 'optout.stale'
  | 'lock.abandon'
  | `${string}.callerId`;

/** A country's outbound rules, as data. A null rule does not apply in that pack. */
export interface RulePack {
  readonly id: string;
  /** ISO 3166 regions whose numbers the pack serves (the callee's number decides). */
  readonly countries: readonly string[];
  readonly hours: { readonly code: ReasonCode; readonly weekly: WeeklyWindows };
  /** Block the callee's public holidays (the callee's region, with its own extra days). */
  readonly holidays: { readonly code: ReasonCode } | null;
  /** At most `max` attempts on any `windowDays` consecutive local calendar days, per client. */
  readonly attempts: {
    readonly code: ReasonCode;
    readonly max: number;
    readonly windowDays: number;
  } | null;
  /** No call for `days` calendar days after the day the callee refused, per client. */
  readonly refusal: { readonly code: ReasonCode; readonly days: number } | null;
  /** A consent record with proof, required from a local date (`YYYY-MM-DD`). */
  readonly consent: {
    readonly code: ReasonCode;
    readonly requiredFrom: string;
    /** A recorded contract relation stands in for consent. */
    readonly contractExempts: boolean;
  } | null;
  /** A consent that covers calling hours lifts the hours windows (not weekends or holidays). */
  readonly consentLiftsHours: boolean;
  /** Opposition / suppression list: must one be loaded, and how old may its scrub be. */
  readonly suppression: { readonly required: boolean; readonly maxAgeDays: number } | null;
  /** Hours during which a number may not be redialed after an abandoned call. */
  readonly abandonLockHours: number | null;
  /**
   * The numbers a campaign may present (checked when the campaign is saved, CAMP2): E.164
   * prefixes allowed for automated dialing, and prefixes refused with their own reason.
   * Absent: the pack sets no caller-ID rule.
   */
  readonly callerId?: {
    readonly code: ReasonCode;
    readonly allowedPrefixes: readonly string[];
    readonly refusedPrefixes: readonly { readonly prefix: string; readonly reason: string }[];
  };
}

// The figures a projection keeps per entity (queue, client, site, agent) and bucket: sums, and one
// maximum. Counts and milliseconds only: every KPI is computed from them at report time, so any
// interval or total is the merge of its buckets.

/** Field names, in storage order. */
export const COUNTER_FIELDS = [
  // Contacts, in the bucket where they entered the queue (KPI.md).
  'offered',
  'answered',
  /** Answered with wait ≤ T. */
  'answeredWithin',
  'abandoned',
  /** Abandoned with wait ≤ the short-abandon threshold. */
  'abandonedShort',
  /** Abandoned with wait ≤ T. */
  'abandonedWithin',
  'waitAnsweredMs',
  'waitAbandonedMs',
  'maxWaitMs',
  'transferred',
  'overflowed',
  /** Refused by a full queue at the door (then overflowed or ended). */
  'blocked',
  'expired',
  'cancelled',
  'callbacks',
  'handled',
  'talkMs',
  'holdMs',
  'wrapMs',
  // Agents' time, split across the buckets it covers.
  'loggedInMs',
  'availableMs',
  'reservedMs',
  'busyMs',
  'wrapUpMs',
  'pausedMs',
  // The wait each answered contact was told as it joined (SPEC RT5), against the wait it had.
  'ewtAnswered',
  /** Sum of |wait − estimate|. */
  'ewtAbsErrorMs',
  /** Sum of wait − estimate: positive when contacts waited longer than told. */
  'ewtErrorMs',
] as const;

export type CounterField = (typeof COUNTER_FIELDS)[number];
export type Counters = Record<CounterField, number>;

/** Field → index in a counter row. */
export const F = Object.fromEntries(COUNTER_FIELDS.map((name, i) => [name, i])) as Record<
  CounterField,
  number
>;

export const newRow = (): Float64Array => new Float64Array(COUNTER_FIELDS.length);

const MAX_FIELD = COUNTER_FIELDS.indexOf('maxWaitMs');

/** Adds `row` into `into` (the maximum field keeps the larger). */
export function mergeRow(into: Float64Array, row: Float64Array): void {
  const max = Math.max(into[MAX_FIELD] as number, row[MAX_FIELD] as number);
  for (let i = 0; i < COUNTER_FIELDS.length; i++) {
    into[i] = (into[i] as number) + (row[i] as number);
  }
  into[MAX_FIELD] = max;
}

/** The counters of a row by name (written out: reports make one per line). */
export function countersOf(r: Float64Array): Counters {
  // Same order as COUNTER_FIELDS (a test checks).
  return {
    offered: r[0] as number,
    answered: r[1] as number,
    answeredWithin: r[2] as number,
    abandoned: r[3] as number,
    abandonedShort: r[4] as number,
    abandonedWithin: r[5] as number,
    waitAnsweredMs: r[6] as number,
    waitAbandonedMs: r[7] as number,
    maxWaitMs: r[8] as number,
    transferred: r[9] as number,
    overflowed: r[10] as number,
    blocked: r[11] as number,
    expired: r[12] as number,
    cancelled: r[13] as number,
    callbacks: r[14] as number,
    handled: r[15] as number,
    talkMs: r[16] as number,
    holdMs: r[17] as number,
    wrapMs: r[18] as number,
    loggedInMs: r[19] as number,
    availableMs: r[20] as number,
    reservedMs: r[21] as number,
    busyMs: r[22] as number,
    wrapUpMs: r[23] as number,
    pausedMs: r[24] as number,
    ewtAnswered: r[25] as number,
    ewtAbsErrorMs: r[26] as number,
    ewtErrorMs: r[27] as number,
  };
}

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

/** Adds `row` into `into` (the maximum field keeps the larger). */
export function mergeRow(into: Float64Array, row: Float64Array): void {
  for (let i = 0; i < COUNTER_FIELDS.length; i++) {
    into[i] =
      i === F.maxWaitMs
        ? Math.max(into[i] as number, row[i] as number)
        : (into[i] as number) + (row[i] as number);
  }
}

export function countersOf(row: Float64Array): Counters {
  const out = {} as Counters;
  COUNTER_FIELDS.forEach((name, i) => (out[name] = row[i] as number));
  return out;
}

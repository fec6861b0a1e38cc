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
  mergeRowAt(into, 0, row, 0);
}

/** Adds the row at `rowAt` of `row` into the row at `intoAt` of `into` (rows packed in arrays). */
export function mergeRowAt(
  into: Float64Array,
  intoAt: number,
  row: Float64Array,
  rowAt: number,
): void {
  const max = Math.max(into[intoAt + MAX_FIELD] as number, row[rowAt + MAX_FIELD] as number);
  for (let i = 0; i < COUNTER_FIELDS.length; i++) {
    into[intoAt + i] = (into[intoAt + i] as number) + (row[rowAt + i] as number);
  }
  into[intoAt + MAX_FIELD] = max;
}

/**
 * `v`, as a small integer when it is one. A number read from a Float64Array is a double, which V8
 * keeps in an object as a separate heap number; small integers stay in the object itself, so a
 * report's thousands of counter objects cost a tenth of the memory and garbage collection.
 */
function small(v: number): number {
  const i = v | 0;
  // 1 / v tells −0 (−Infinity) from 0 without a call: most counters are zero.
  return i === v && (i !== 0 || 1 / v > 0) ? i : v;
}

/** The counters of a row (at `at` when rows are packed) by name, written out: reports make one per line. */
export function countersOf(row: Float64Array, at = 0): Counters {
  // Same order as COUNTER_FIELDS (a test checks).
  return {
    offered: small(row[at + 0] as number),
    answered: small(row[at + 1] as number),
    answeredWithin: small(row[at + 2] as number),
    abandoned: small(row[at + 3] as number),
    abandonedShort: small(row[at + 4] as number),
    abandonedWithin: small(row[at + 5] as number),
    waitAnsweredMs: small(row[at + 6] as number),
    waitAbandonedMs: small(row[at + 7] as number),
    maxWaitMs: small(row[at + 8] as number),
    transferred: small(row[at + 9] as number),
    overflowed: small(row[at + 10] as number),
    blocked: small(row[at + 11] as number),
    expired: small(row[at + 12] as number),
    cancelled: small(row[at + 13] as number),
    callbacks: small(row[at + 14] as number),
    handled: small(row[at + 15] as number),
    talkMs: small(row[at + 16] as number),
    holdMs: small(row[at + 17] as number),
    wrapMs: small(row[at + 18] as number),
    loggedInMs: small(row[at + 19] as number),
    availableMs: small(row[at + 20] as number),
    reservedMs: small(row[at + 21] as number),
    busyMs: small(row[at + 22] as number),
    wrapUpMs: small(row[at + 23] as number),
    pausedMs: small(row[at + 24] as number),
    ewtAnswered: small(row[at + 25] as number),
    ewtAbsErrorMs: small(row[at + 26] as number),
    ewtErrorMs: small(row[at + 27] as number),
  };
}

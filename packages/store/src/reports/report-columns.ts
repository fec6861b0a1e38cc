// The counters of a report row, as @relais/reports names them, and their columns. A test in the
// server checks this list against @relais/reports's COUNTER_FIELDS, so the two cannot drift.

export const REPORT_COUNTERS = [
  'offered',
  'answered',
  'answeredWithin',
  'abandoned',
  'abandonedShort',
  'abandonedWithin',
  'waitAnsweredMs',
  'waitAbandonedMs',
  'maxWaitMs',
  'transferred',
  'overflowed',
  'blocked',
  'expired',
  'cancelled',
  'callbacks',
  'handled',
  'talkMs',
  'holdMs',
  'wrapMs',
  'loggedInMs',
  'availableMs',
  'reservedMs',
  'busyMs',
  'wrapUpMs',
  'pausedMs',
  'ewtAnswered',
  'ewtAbsErrorMs',
  'ewtErrorMs',
] as const;

export type ReportCounter = (typeof REPORT_COUNTERS)[number];

/** camelCase → snake_case column. */
export const REPORT_COLUMNS: readonly string[] = REPORT_COUNTERS.map((name) =>
  name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
);

/** The one counter that keeps a maximum instead of a sum. */
export const MAX_COUNTER: ReportCounter = 'maxWaitMs';

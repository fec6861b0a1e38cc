/**
 * One call of a bank call-history file (the format of data/ at the project root: the Technion "Anonymous
 * Bank" records), and the Relais counting convention applied to it.
 */

/** The 17 columns of the header line, in order. */
export const HISTORY_COLUMNS = [
  'vru+line',
  'call_id',
  'customer_id',
  'priority',
  'type',
  'date',
  'vru_entry',
  'vru_exit',
  'vru_time',
  'q_start',
  'q_exit',
  'q_time',
  'outcome',
  'ser_start',
  'ser_exit',
  'ser_time',
  'server',
] as const;

export const OUTCOMES = ['AGENT', 'HANG', 'PHANTOM'] as const;
/** AGENT served; HANG abandoned while queued, or hung up in the VRU; PHANTOM a ghost record. */
export type Outcome = (typeof OUTCOMES)[number];

/** Days of the week as `weekday` numbers them: 0 Sunday … 6 Saturday. */
export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Times of day are seconds after midnight; durations are seconds. */
export interface CallRecord {
  /** 1-based line of the record in its file. */
  line: number;
  vruLine: string;
  callId: number;
  /** As written: some are mangled by a spreadsheet (`6.02701E+11`), so it is not a number. */
  customerId: string;
  priority: number;
  /** PS, PE, IN, NE, NW, TT in the bank's file. */
  type: string;
  /** ISO date, e.g. "1999-02-01" (the file writes yymmdd). */
  date: string;
  /** 0 Sunday … 6 Saturday (the bank's week runs Sunday to Thursday, Friday is short). */
  weekday: number;
  vruEntry: number;
  vruExit: number;
  /** vru_exit − vru_entry as the file gives it: negative in 23 records of the bank's file (clock skew). */
  vruTime: number;
  /** 0 (`0:00:00`) when the call never waited. */
  qStart: number;
  qExit: number;
  qTime: number;
  outcome: Outcome;
  serStart: number;
  serExit: number;
  serTime: number;
  /** The agent's name, NO_SERVER when no agent took the call. */
  server: string;
}

/**
 * Relais convention: a call is offered to the agents when it leaves the VRU with q_time > 0 or
 * ser_time > 0. PHANTOM records are not calls; a HANG with q_time = 0 and ser_time = 0 ended in
 * the VRU and was never offered (nor is an AGENT record with both 0).
 */
export function isOffered(call: CallRecord): boolean {
  return call.outcome !== 'PHANTOM' && (call.qTime > 0 || call.serTime > 0);
}

/** Offered and served by an agent. */
export function isAnswered(call: CallRecord): boolean {
  return call.outcome === 'AGENT' && isOffered(call);
}

/**
 * Offered and hung up after waiting in the queue (HANG with q_time > 0). A few of these also show
 * a short ser_time with NO_SERVER; the data's README counts them as abandons too (3,086 of the
 * 14,127 calls that waited).
 */
export function isAbandoned(call: CallRecord): boolean {
  return call.outcome === 'HANG' && call.qTime > 0;
}

import { DEFAULTS, type ServiceLevelFormula, type ServiceLevelTarget } from '../model/config.ts';

/** Outcome kinds kept in the rolling window, for the four KPI.md service-level formulas. */
const ANSWERED_WITHIN = 0;
const ANSWERED_LATE = 1;
const ABANDONED_SHORT = 2;
const ABANDONED_WITHIN = 3;
const ABANDONED_LATE = 4;

/** How many recent outcomes the live service level looks at (SPEC RT3). */
export const SERVICE_LEVEL_WINDOW = 100;
/** Weight of the newest sample in the moving averages behind the EWT (SPEC RT4). */
const SMOOTHING = 0.2;

// One queue's row in QueueStatsTable.outcomes: the ring of its last outcome kinds.
const OUTCOME_STRIDE = SERVICE_LEVEL_WINDOW;
// One queue's row in QueueStatsTable.averages: the moving averages and the last answer time,
// NaN while there is none.
const AVERAGE_STRIDE = 4;
const ANSWER_GAP = 0;
const HANDLE = 1;
const LAST_ANSWER_AT = 2;

/**
 * The figures every answer, abandon and completion updates, for all queues together in two typed
 * arrays indexed by queue number (SPEC PERF9): a few hundred KB on the largest network, touched
 * on almost every command, so they stay in cache, where one record per queue would be cold each
 * time. No boxed number or separate window object is read or written by an update.
 */
export class QueueStatsTable {
  outcomes = new Uint8Array(0);
  averages = new Float64Array(0);
  size = 0;

  /** A new queue's row number, its figures empty. */
  add(): number {
    const row = this.size++;
    if (row * AVERAGE_STRIDE >= this.averages.length) {
      const capacity = Math.max(16, row * 2);
      const outcomes = new Uint8Array(capacity * OUTCOME_STRIDE);
      outcomes.set(this.outcomes);
      const averages = new Float64Array(capacity * AVERAGE_STRIDE);
      averages.set(this.averages);
      this.outcomes = outcomes;
      this.averages = averages;
    }
    this.averages.fill(Number.NaN, row * AVERAGE_STRIDE, (row + 1) * AVERAGE_STRIDE);
    return row;
  }
}

/**
 * Live per-queue figures kept in O(1) per event: service level over the last
 * SERVICE_LEVEL_WINDOW answered or abandoned contacts, and moving averages of the gap between
 * answers and of the handle time, which drive the estimated wait time. The figures themselves
 * live in the queue's row of a QueueStatsTable; this record keeps the row and the target.
 */
export class QueueStats {
  private readonly row: number;
  // Counts per outcome kind in the window, as fields of the queue record the command reads anyway.
  private answeredWithin = 0;
  private answeredLate = 0;
  private abandonedShort = 0;
  private abandonedWithin = 0;
  private abandonedLate = 0;
  private filled = 0;
  private next = 0;
  thresholdMs = 0;
  targetRatio = 0;
  formula: ServiceLevelFormula = 'offered';
  private shortMs = 0;

  constructor(
    private readonly table: QueueStatsTable,
    target: ServiceLevelTarget | undefined,
  ) {
    this.row = table.add();
    this.retarget(target);
  }

  /** The queue was reconfigured: new threshold and target apply to the outcomes to come. */
  retarget(target: ServiceLevelTarget | undefined): void {
    this.thresholdMs = (target?.thresholdSeconds ?? DEFAULTS.thresholdSeconds) * 1000;
    this.targetRatio = target?.target ?? DEFAULTS.slTarget;
    this.formula = target?.formula ?? 'offered';
    this.shortMs = (target?.shortAbandonSeconds ?? DEFAULTS.shortAbandonSeconds) * 1000;
  }

  /** Moving average of the time between two answers in this queue. */
  get answerGapMs(): number | undefined {
    return this.average(ANSWER_GAP);
  }

  /** Moving average of talk + hold + wrap-up of completed contacts. */
  get handleMs(): number | undefined {
    return this.average(HANDLE);
  }

  recordAnswer(waitMs: number, atMs: number): void {
    this.push(waitMs <= this.thresholdMs ? ANSWERED_WITHIN : ANSWERED_LATE);
    const averages = this.table.averages;
    const at = this.row * AVERAGE_STRIDE;
    const last = averages[at + LAST_ANSWER_AT] as number;
    // NaN compares unequal to itself: no answer before this one, so no gap yet.
    if (last === last) {
      const gap = atMs - last;
      const mean = averages[at + ANSWER_GAP] as number;
      averages[at + ANSWER_GAP] = mean === mean ? mean + SMOOTHING * (gap - mean) : gap;
    }
    averages[at + LAST_ANSWER_AT] = atMs;
  }

  recordAbandon(waitMs: number): void {
    if (waitMs <= this.shortMs) this.push(ABANDONED_SHORT);
    else this.push(waitMs <= this.thresholdMs ? ABANDONED_WITHIN : ABANDONED_LATE);
  }

  recordHandle(handleMs: number): void {
    const averages = this.table.averages;
    const at = this.row * AVERAGE_STRIDE + HANDLE;
    const mean = averages[at] as number;
    averages[at] = mean === mean ? mean + SMOOTHING * (handleMs - mean) : handleMs;
  }

  /** Service level over the window with the queue's formula; undefined before any outcome. */
  serviceLevel(): number | undefined {
    const ansIn = this.answeredWithin;
    const ansLate = this.answeredLate;
    const abShort = this.abandonedShort;
    const abIn = this.abandonedWithin;
    const abLate = this.abandonedLate;
    const ans = ansIn + ansLate;
    // A short abandon also waited less than T, so it counts in ab(T) for the formulas using it.
    const ab = abShort + abIn + abLate;
    let num: number;
    let den: number;
    switch (this.formula) {
      case 'answered':
        [num, den] = [ansIn, ans];
        break;
      case 'offered':
        [num, den] = [ansIn, ans + ab - abShort];
        break;
      case 'abandon-neutral':
        [num, den] = [ansIn, ans + abLate];
        break;
      case 'abandon-positive':
        [num, den] = [ansIn + abShort + abIn, ans + ab];
        break;
    }
    return den === 0 ? undefined : num / den;
  }

  /** How far the live service level is below target (negative when above). */
  gapToTarget(): number {
    const sl = this.serviceLevel();
    return sl === undefined ? 0 : this.targetRatio - sl;
  }

  /** Outcomes in the window, for reports next to the figure. */
  get sampleSize(): number {
    return this.filled;
  }

  private average(field: number): number | undefined {
    const value = this.table.averages[this.row * AVERAGE_STRIDE + field] as number;
    return value === value ? value : undefined;
  }

  private push(kind: number): void {
    const outcomes = this.table.outcomes;
    const slot = this.row * OUTCOME_STRIDE + this.next;
    if (this.filled === SERVICE_LEVEL_WINDOW) this.count(outcomes[slot] as number, -1);
    else this.filled++;
    outcomes[slot] = kind;
    this.count(kind, 1);
    this.next = this.next + 1 === SERVICE_LEVEL_WINDOW ? 0 : this.next + 1;
  }

  private count(kind: number, delta: number): void {
    if (kind === ANSWERED_WITHIN) this.answeredWithin += delta;
    else if (kind === ANSWERED_LATE) this.answeredLate += delta;
    else if (kind === ABANDONED_SHORT) this.abandonedShort += delta;
    else if (kind === ABANDONED_WITHIN) this.abandonedWithin += delta;
    else this.abandonedLate += delta;
  }
}

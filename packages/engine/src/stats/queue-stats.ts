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

// One queue's row in QueueStatsTable.outcomes (SPEC PERF9): the ring of outcome kinds, then the
// count of each kind in the ring (kind k at COUNTS + k; each at most 100, so a byte), the ring's
// next slot and how many slots are filled. 128 bytes keeps a row on two whole cache lines.
const OUTCOME_STRIDE = 128;
const COUNTS = SERVICE_LEVEL_WINDOW;
const NEXT = COUNTS + 5;
const FILLED = NEXT + 1;
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
    const outcomes = this.table.outcomes;
    const at = this.row * OUTCOME_STRIDE + COUNTS;
    const ansIn = outcomes[at + ANSWERED_WITHIN] as number;
    const ansLate = outcomes[at + ANSWERED_LATE] as number;
    const abShort = outcomes[at + ABANDONED_SHORT] as number;
    const abIn = outcomes[at + ABANDONED_WITHIN] as number;
    const abLate = outcomes[at + ABANDONED_LATE] as number;
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
    return this.table.outcomes[this.row * OUTCOME_STRIDE + FILLED] as number;
  }

  private average(field: number): number | undefined {
    const value = this.table.averages[this.row * AVERAGE_STRIDE + field] as number;
    return value === value ? value : undefined;
  }

  private push(kind: number): void {
    const outcomes = this.table.outcomes;
    const base = this.row * OUTCOME_STRIDE;
    const next = outcomes[base + NEXT] as number;
    const filled = outcomes[base + FILLED] as number;
    if (filled === SERVICE_LEVEL_WINDOW) {
      const evicted = base + COUNTS + (outcomes[base + next] as number);
      outcomes[evicted] = (outcomes[evicted] as number) - 1;
    } else outcomes[base + FILLED] = filled + 1;
    outcomes[base + next] = kind;
    outcomes[base + COUNTS + kind] = (outcomes[base + COUNTS + kind] as number) + 1;
    outcomes[base + NEXT] = next + 1 === SERVICE_LEVEL_WINDOW ? 0 : next + 1;
  }
}

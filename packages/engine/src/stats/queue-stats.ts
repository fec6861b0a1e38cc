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

/**
 * Live per-queue figures kept in O(1) per event: service level over the last
 * SERVICE_LEVEL_WINDOW answered or abandoned contacts, and moving averages of the gap between
 * answers and of the handle time, which drive the estimated wait time.
 */
export class QueueStats {
  private readonly window = new Uint8Array(SERVICE_LEVEL_WINDOW);
  // Counts per outcome kind in the window, as fields: one object to fetch, not two.
  private answeredWithin = 0;
  private answeredLate = 0;
  private abandonedShort = 0;
  private abandonedWithin = 0;
  private abandonedLate = 0;
  private filled = 0;
  private next = 0;
  private lastAnswerAtMs: number | undefined;
  /** Moving average of the time between two answers in this queue. */
  answerGapMs: number | undefined;
  /** Moving average of talk + hold + wrap-up of completed contacts. */
  handleMs: number | undefined;

  thresholdMs = 0;
  targetRatio = 0;
  formula: ServiceLevelFormula = 'offered';
  private shortMs = 0;

  constructor(target: ServiceLevelTarget | undefined) {
    this.retarget(target);
  }

  /** The queue was reconfigured: new threshold and target apply to the outcomes to come. */
  retarget(target: ServiceLevelTarget | undefined): void {
    this.thresholdMs = (target?.thresholdSeconds ?? DEFAULTS.thresholdSeconds) * 1000;
    this.targetRatio = target?.target ?? DEFAULTS.slTarget;
    this.formula = target?.formula ?? 'offered';
    this.shortMs = (target?.shortAbandonSeconds ?? DEFAULTS.shortAbandonSeconds) * 1000;
  }

  recordAnswer(waitMs: number, atMs: number): void {
    this.push(waitMs <= this.thresholdMs ? ANSWERED_WITHIN : ANSWERED_LATE);
    if (this.lastAnswerAtMs !== undefined) {
      const gap = atMs - this.lastAnswerAtMs;
      this.answerGapMs =
        this.answerGapMs === undefined
          ? gap
          : this.answerGapMs + SMOOTHING * (gap - this.answerGapMs);
    }
    this.lastAnswerAtMs = atMs;
  }

  recordAbandon(waitMs: number): void {
    if (waitMs <= this.shortMs) this.push(ABANDONED_SHORT);
    else this.push(waitMs <= this.thresholdMs ? ABANDONED_WITHIN : ABANDONED_LATE);
  }

  recordHandle(handleMs: number): void {
    this.handleMs =
      this.handleMs === undefined
        ? handleMs
        : this.handleMs + SMOOTHING * (handleMs - this.handleMs);
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

  private push(kind: number): void {
    if (this.filled === SERVICE_LEVEL_WINDOW) this.count(this.window[this.next] as number, -1);
    else this.filled++;
    this.window[this.next] = kind;
    this.count(kind, 1);
    this.next = (this.next + 1) % SERVICE_LEVEL_WINDOW;
  }

  private count(kind: number, delta: number): void {
    if (kind === ANSWERED_WITHIN) this.answeredWithin += delta;
    else if (kind === ANSWERED_LATE) this.answeredLate += delta;
    else if (kind === ABANDONED_SHORT) this.abandonedShort += delta;
    else if (kind === ABANDONED_WITHIN) this.abandonedWithin += delta;
    else this.abandonedLate += delta;
  }
}

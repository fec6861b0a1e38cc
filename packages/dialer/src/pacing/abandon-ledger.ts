// The abandon ledger (PACE1): calls answered by a person and dropped calls per campaign, over the
// regulator's sliding window and since the campaign began. Per-minute buckets keep memory and work
// per event constant; the window is the last `windowMinutes` whole minutes, the current one included.
import { DialerInputError } from '../errors.ts';

const MINUTE_MS = 60_000;

/** Answered and dropped counts, and their ratio (0 before any answer). */
export interface AbandonCounts {
  readonly answered: number;
  readonly dropped: number;
  readonly rate: number;
}

const counts = (answered: number, dropped: number): AbandonCounts => ({
  answered,
  dropped,
  rate: answered === 0 ? 0 : dropped / answered,
});

/** Hours of the abandon window by rule pack (COMPLIANCE.md: US 30 days, UK 24 h, France 24 h). */
export function abandonWindowHoursFor(packId: string): number {
  return packId === 'US' ? 720 : 24;
}

export class AbandonLedger {
  private readonly windowMinutes: number;
  // Buckets in minute order, from `head` on; earlier ones have left the window.
  private minutes: number[] = [];
  private answeredIn: number[] = [];
  private droppedIn: number[] = [];
  private head = 0;
  private windowAnswered = 0;
  private windowDropped = 0;
  private totalAnswered = 0;
  private totalDropped = 0;
  private latestQueryMinute = -Infinity;

  constructor(readonly windowHours: number) {
    if (!Number.isInteger(windowHours) || windowHours < 1) {
      throw new DialerInputError('abandonWindowHours', 'must be a whole number of hours ≥ 1');
    }
    this.windowMinutes = windowHours * 60;
  }

  /** A call answered by a person; `dropped` when no agent was connected within 2 s. */
  recordAnswer(atMs: number, dropped: boolean): void {
    if (!Number.isFinite(atMs)) throw new DialerInputError('atMs', 'must be finite epoch ms');
    const minute = Math.floor(atMs / MINUTE_MS);
    if (minute <= this.latestQueryMinute - this.windowMinutes) {
      throw new DialerInputError('atMs', 'is older than the window already reported');
    }
    const index = this.bucketFor(minute);
    this.answeredIn[index] = (this.answeredIn[index] ?? 0) + 1;
    this.windowAnswered++;
    this.totalAnswered++;
    if (dropped) {
      this.droppedIn[index] = (this.droppedIn[index] ?? 0) + 1;
      this.windowDropped++;
      this.totalDropped++;
    }
  }

  /** Counts over the window ending at `nowMs` (queries go forward in time). */
  window(nowMs: number): AbandonCounts {
    const nowMinute = Math.floor(nowMs / MINUTE_MS);
    this.latestQueryMinute = Math.max(this.latestQueryMinute, nowMinute);
    const oldest = this.latestQueryMinute - this.windowMinutes + 1;
    while (this.head < this.minutes.length && (this.minutes[this.head] ?? 0) < oldest) {
      this.windowAnswered -= this.answeredIn[this.head] ?? 0;
      this.windowDropped -= this.droppedIn[this.head] ?? 0;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.minutes.length) this.compact();
    return counts(this.windowAnswered, this.windowDropped);
  }

  /** Counts since the campaign began. */
  sinceStart(): AbandonCounts {
    return counts(this.totalAnswered, this.totalDropped);
  }

  private bucketFor(minute: number): number {
    const last = this.minutes.length - 1;
    const lastMinute = this.minutes[last];
    if (lastMinute === minute) return last;
    if (lastMinute === undefined || lastMinute < minute || last < this.head) {
      this.minutes.push(minute);
      this.answeredIn.push(0);
      this.droppedIn.push(0);
      return this.minutes.length - 1;
    }
    // A late event for an earlier minute still in the window: find or insert its bucket.
    let low = this.head;
    let high = this.minutes.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.minutes[mid] ?? 0) < minute) low = mid + 1;
      else high = mid;
    }
    if (this.minutes[low] !== minute) {
      this.minutes.splice(low, 0, minute);
      this.answeredIn.splice(low, 0, 0);
      this.droppedIn.splice(low, 0, 0);
    }
    return low;
  }

  private compact(): void {
    this.minutes = this.minutes.slice(this.head);
    this.answeredIn = this.answeredIn.slice(this.head);
    this.droppedIn = this.droppedIn.slice(this.head);
    this.head = 0;
  }
}

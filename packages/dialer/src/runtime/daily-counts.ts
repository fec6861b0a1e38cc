// Today's counts of a campaign (RUN8), by the calendar day of the campaign's zone.
import { localDay } from '../time/zoned-time.ts';

export type DailyCounter =
  | 'placed'
  | 'answeredHuman'
  | 'answeringMachine'
  | 'noAnswer'
  | 'busy'
  | 'wrongNumber'
  | 'failed'
  | 'abandoned'
  | 'success';

const zero = (): Record<DailyCounter, number> => ({
  placed: 0,
  answeredHuman: 0,
  answeringMachine: 0,
  noAnswer: 0,
  busy: 0,
  wrongNumber: 0,
  failed: 0,
  abandoned: 0,
  success: 0,
});

export class DailyCounts {
  private day = Number.NaN;
  private counts = zero();

  constructor(private readonly timeZone: string) {}

  add(atMs: number, counter: DailyCounter): void {
    this.roll(atMs);
    this.counts[counter]++;
  }

  /** The counts of the local day of `nowMs` (all zero on a day with no call yet). */
  on(nowMs: number): Readonly<Record<DailyCounter, number>> {
    this.roll(nowMs);
    return { ...this.counts };
  }

  private roll(atMs: number): void {
    const day = localDay(this.timeZone, atMs);
    if (day !== this.day) {
      this.day = day;
      this.counts = zero();
    }
  }
}

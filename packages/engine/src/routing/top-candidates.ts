import type { Candidate } from '../model/events.ts';

/**
 * Keeps the best few candidates of a decision, scores compared lexicographically (lower wins).
 * A score array is allocated only for a candidate that enters the list, so weighing many pool
 * heads costs a few comparisons each.
 */
export class TopCandidates<T> {
  readonly ids: string[] = [];
  readonly scores: number[][] = [];
  readonly items: T[] = [];
  considered = 0;

  constructor(private readonly limit: number) {}

  offer(item: T, id: string, s0: number, s1: number, s2: number, s3: number): void {
    const n = this.scores.length;
    if (n === this.limit && !beats(s0, s1, s2, s3, this.scores[n - 1] as number[])) return;
    let i = n;
    while (i > 0 && beats(s0, s1, s2, s3, this.scores[i - 1] as number[])) i--;
    this.ids.splice(i, 0, id);
    this.scores.splice(i, 0, [s0, s1, s2, s3]);
    this.items.splice(i, 0, item);
    if (this.scores.length > this.limit) {
      this.ids.pop();
      this.scores.pop();
      this.items.pop();
    }
  }

  get best(): T | undefined {
    return this.items[0];
  }

  candidates(fields: number): Candidate[] {
    return this.ids.map((id, i) => ({ id, score: (this.scores[i] as number[]).slice(0, fields) }));
  }
}

function beats(s0: number, s1: number, s2: number, s3: number, other: number[]): boolean {
  const o0 = other[0] as number;
  if (s0 !== o0) return s0 < o0;
  const o1 = other[1] as number;
  if (s1 !== o1) return s1 < o1;
  const o2 = other[2] as number;
  if (s2 !== o2) return s2 < o2;
  return s3 < (other[3] as number);
}

import type { Candidate } from '../model/events.ts';

/**
 * Keeps the best few candidates of a decision, scores (up to four numbers) compared in order,
 * lower wins. Storage is flat and reused between decisions, so weighing many pool heads
 * allocates nothing; only the explanation built at the end does.
 */
export class TopCandidates<T> {
  private readonly items: (T | undefined)[] = [];
  private readonly scores: Float64Array;
  count = 0;
  considered = 0;

  constructor(private readonly limit: number) {
    this.scores = new Float64Array(limit * 4);
  }

  reset(): this {
    for (let i = 0; i < this.count; i++) this.items[i] = undefined;
    this.count = 0;
    this.considered = 0;
    return this;
  }

  offer(item: T, s0: number, s1: number, s2: number, s3: number): void {
    let n = this.count;
    if (n === this.limit) {
      if (!this.beats(n - 1, s0, s1, s2, s3)) return;
      n--;
    }
    let i = n;
    const sc = this.scores;
    while (i > 0 && this.beats(i - 1, s0, s1, s2, s3)) {
      this.items[i] = this.items[i - 1];
      // Four moves inline, not copyWithin: a builtin call for four numbers.
      const to = i * 4;
      sc[to] = sc[to - 4] as number;
      sc[to + 1] = sc[to - 3] as number;
      sc[to + 2] = sc[to - 2] as number;
      sc[to + 3] = sc[to - 1] as number;
      i--;
    }
    this.items[i] = item;
    sc[i * 4] = s0;
    sc[i * 4 + 1] = s1;
    sc[i * 4 + 2] = s2;
    sc[i * 4 + 3] = s3;
    this.count = n + 1;
  }

  /** The first score number of the best candidate (valid when count > 0). */
  get bestScore0(): number {
    return this.scores[0] as number;
  }

  get best(): T | undefined {
    return this.count > 0 ? this.items[0] : undefined;
  }

  /** The kept candidates, named by `idOf`, with the first `fields` numbers of their scores. */
  candidates(fields: number, idOf: (item: T) => string): Candidate[] {
    const out: Candidate[] = [];
    const sc = this.scores;
    for (let i = 0; i < this.count; i++) {
      const b = i * 4;
      // Array literals of the final length: no growth on the path of every decision.
      const score =
        fields === 3
          ? [sc[b] as number, sc[b + 1] as number, sc[b + 2] as number]
          : fields === 4
            ? [sc[b] as number, sc[b + 1] as number, sc[b + 2] as number, sc[b + 3] as number]
            : Array.from(sc.subarray(b, b + fields));
      out.push({ id: idOf(this.items[i] as T), score });
    }
    return out;
  }

  /** Whether the score (s0..s3) is better than the kept entry at `j`. */
  private beats(j: number, s0: number, s1: number, s2: number, s3: number): boolean {
    const sc = this.scores;
    const b = j * 4;
    const o0 = sc[b] as number;
    if (s0 !== o0) return s0 < o0;
    const o1 = sc[b + 1] as number;
    if (s1 !== o1) return s1 < o1;
    const o2 = sc[b + 2] as number;
    if (s2 !== o2) return s2 < o2;
    return s3 < (sc[b + 3] as number);
  }
}

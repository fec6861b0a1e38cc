/**
 * The simulator's future: actions (a kind and an integer reference) ordered by time, ties in
 * scheduling order. Struct-of-arrays binary heap: no object per action on the hot path.
 */
export class ActionQueue {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private kinds = new Uint8Array(1024);
  private refs = new Int32Array(1024);
  private count = 0;
  private seq = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the earliest action, or Infinity when there is none. */
  peekTime(): number {
    return this.count > 0 ? (this.times[0] as number) : Infinity;
  }

  push(atMs: number, kind: number, ref: number): void {
    if (this.count === this.times.length) this.grow();
    let i = this.count++;
    const seq = ++this.seq;
    // Sift up: move parents down until the new entry's place is found.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(atMs, seq, parent)) break;
      this.copy(parent, i);
      i = parent;
    }
    this.set(i, atMs, seq, kind, ref);
  }

  /** Removes the earliest action; read it with the `popped*` fields. Returns false when empty. */
  pop(): boolean {
    if (this.count === 0) return false;
    this.poppedAtMs = this.times[0] as number;
    this.poppedKind = this.kinds[0] as number;
    this.poppedRef = this.refs[0] as number;
    const last = --this.count;
    if (last === 0) return true;
    const atMs = this.times[last] as number;
    const seq = this.seqs[last] as number;
    const kind = this.kinds[last] as number;
    const ref = this.refs[last] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && this.less(child + 1, child)) child++;
      if (!this.before2(child, atMs, seq)) break;
      this.copy(child, i);
      i = child;
    }
    this.set(i, atMs, seq, kind, ref);
    return true;
  }

  poppedAtMs = 0;
  poppedKind = 0;
  poppedRef = 0;

  /** Whether (atMs, seq) comes before the entry at index j. */
  private before(atMs: number, seq: number, j: number): boolean {
    const t = this.times[j] as number;
    return atMs < t || (atMs === t && seq < (this.seqs[j] as number));
  }

  /** Whether the entry at index j comes before (atMs, seq). */
  private before2(j: number, atMs: number, seq: number): boolean {
    const t = this.times[j] as number;
    return t < atMs || (t === atMs && (this.seqs[j] as number) < seq);
  }

  private less(a: number, b: number): boolean {
    return this.before2(a, this.times[b] as number, this.seqs[b] as number);
  }

  private copy(from: number, to: number): void {
    this.times[to] = this.times[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.kinds[to] = this.kinds[from] as number;
    this.refs[to] = this.refs[from] as number;
  }

  private set(i: number, atMs: number, seq: number, kind: number, ref: number): void {
    this.times[i] = atMs;
    this.seqs[i] = seq;
    this.kinds[i] = kind;
    this.refs[i] = ref;
  }

  private grow(): void {
    const size = this.times.length * 2;
    const times = new Float64Array(size);
    const seqs = new Float64Array(size);
    const kinds = new Uint8Array(size);
    const refs = new Int32Array(size);
    times.set(this.times);
    seqs.set(this.seqs);
    kinds.set(this.kinds);
    refs.set(this.refs);
    [this.times, this.seqs, this.kinds, this.refs] = [times, seqs, kinds, refs];
  }
}

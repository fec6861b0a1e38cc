/** Numbers per heap entry: due time, scheduling order, row, and one unused (32 bytes). */
const STRIDE = 4;

/**
 * A binary min-heap of record numbers (rows) keyed by (due time, scheduling order). Each entry's
 * keys and row sit side by side in one typed array, 32 bytes per entry, shifted by one entry so
 * that the two children of an entry share one 64-byte cache line: a sift reads one line per
 * level instead of one per key array, and fetches no record (SPEC PERF4, PERF6).
 */
export class TimerHeap {
  size = 0;
  /** Entry k (heap position) at STRIDE × (k + 1): due time, order, row. */
  private entries = new Float64Array(STRIDE * 65);
  /** By row: its heap position, or -1. */
  private positions = new Int32Array(64).fill(-1);

  has(row: number): boolean {
    return row < this.positions.length && (this.positions[row] as number) >= 0;
  }

  /** The due time of the row at the top (valid when size > 0). */
  get topDueMs(): number {
    return this.entries[STRIDE] as number;
  }

  /** The row at the top (valid when size > 0). */
  get topRow(): number {
    return this.entries[STRIDE + 2] as number;
  }

  /** Due time of a row in the heap. */
  dueOf(row: number): number {
    return this.entries[STRIDE * ((this.positions[row] as number) + 1)] as number;
  }

  /** Adds the row, or moves it to its new keys if it is in the heap already. */
  set(row: number, dueMs: number, order: number): void {
    if (row >= this.positions.length) this.growPositions(row);
    let i = this.positions[row] as number;
    if (i < 0) {
      if (STRIDE * (this.size + 2) > this.entries.length) this.growHeap();
      i = this.size++;
    }
    this.sift(i, dueMs, order, row);
  }

  remove(row: number): void {
    const i = this.positions[row] as number;
    if (i === undefined || i < 0) return;
    this.positions[row] = -1;
    const last = --this.size;
    if (i === last) return;
    const e = this.entries;
    const at = STRIDE * (last + 1);
    this.sift(i, e[at] as number, e[at + 1] as number, e[at + 2] as number);
  }

  /**
   * Places the entry (dueMs, order, row) at position i, whose slot is free: up while it is
   * earlier than its parent, else down while a child is earlier. Entries moved on the way are
   * copied one level; the new entry is written once, where it stops.
   */
  private sift(start: number, dueMs: number, order: number, row: number): void {
    const e = this.entries;
    const positions = this.positions;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = STRIDE * (parent + 1);
      const pd = e[p] as number;
      if (!(dueMs < pd || (dueMs === pd && order < (e[p + 1] as number)))) break;
      this.copy(p, STRIDE * (i + 1), positions, i);
      i = parent;
    }
    if (i === start) {
      const n = this.size;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= n) break;
        let child = left;
        let c = STRIDE * (left + 1);
        if (left + 1 < n) {
          const r = c + STRIDE;
          const rd = e[r] as number;
          const ld = e[c] as number;
          if (rd < ld || (rd === ld && (e[r + 1] as number) < (e[c + 1] as number))) {
            child = left + 1;
            c = r;
          }
        }
        const cd = e[c] as number;
        if (!(cd < dueMs || (cd === dueMs && (e[c + 1] as number) < order))) break;
        this.copy(c, STRIDE * (i + 1), positions, i);
        i = child;
      }
    }
    const at = STRIDE * (i + 1);
    e[at] = dueMs;
    e[at + 1] = order;
    e[at + 2] = row;
    positions[row] = i;
  }

  /** Copies the entry at offset `from` to offset `to`, heap position `position`. */
  private copy(from: number, to: number, positions: Int32Array, position: number): void {
    const e = this.entries;
    const row = e[from + 2] as number;
    e[to] = e[from] as number;
    e[to + 1] = e[from + 1] as number;
    e[to + 2] = row;
    positions[row] = position;
  }

  private growHeap(): void {
    const entries = new Float64Array(this.entries.length * 2);
    entries.set(this.entries);
    this.entries = entries;
  }

  private growPositions(atLeast: number): void {
    let n = this.positions.length * 2;
    while (n <= atLeast) n *= 2;
    const positions = new Int32Array(n).fill(-1);
    positions.set(this.positions);
    this.positions = positions;
  }
}

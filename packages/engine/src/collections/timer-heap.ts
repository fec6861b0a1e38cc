/**
 * A binary min-heap of record numbers (rows) keyed by (due time, scheduling order), with every
 * key and position in typed arrays: a sift compares and moves numbers without fetching the
 * records, which on a large network are each a likely cache miss (SPEC PERF4).
 */
export class TimerHeap {
  size = 0;
  /** By heap position: the row, its due time and its scheduling order. */
  private rows = new Int32Array(64);
  private dueMs = new Float64Array(64);
  private order = new Float64Array(64);
  /** By row: its heap position, or -1. */
  private positions = new Int32Array(64).fill(-1);

  has(row: number): boolean {
    return row < this.positions.length && (this.positions[row] as number) >= 0;
  }

  /** The due time of the row at the top (valid when size > 0). */
  get topDueMs(): number {
    return this.dueMs[0] as number;
  }

  /** The row at the top (valid when size > 0). */
  get topRow(): number {
    return this.rows[0] as number;
  }

  /** Due time of a row in the heap. */
  dueOf(row: number): number {
    return this.dueMs[this.positions[row] as number] as number;
  }

  /** Adds the row, or moves it to its new keys if it is in the heap already. */
  set(row: number, dueMs: number, order: number): void {
    if (row >= this.positions.length) this.growPositions(row);
    let i = this.positions[row] as number;
    if (i < 0) {
      if (this.size === this.rows.length) this.growHeap();
      i = this.size++;
      this.rows[i] = row;
      this.positions[row] = i;
    }
    this.dueMs[i] = dueMs;
    this.order[i] = order;
    this.down(this.up(i));
  }

  remove(row: number): void {
    const i = this.positions[row] as number;
    if (i === undefined || i < 0) return;
    this.positions[row] = -1;
    const last = --this.size;
    if (i === last) return;
    this.move(last, i);
    this.down(this.up(i));
  }

  private less(a: number, b: number): boolean {
    const da = this.dueMs[a] as number;
    const db = this.dueMs[b] as number;
    return da !== db ? da < db : (this.order[a] as number) < (this.order[b] as number);
  }

  /** Copies the entry at `from` to position `to`. */
  private move(from: number, to: number): void {
    const row = this.rows[from] as number;
    this.rows[to] = row;
    this.dueMs[to] = this.dueMs[from] as number;
    this.order[to] = this.order[from] as number;
    this.positions[row] = to;
  }

  private swap(a: number, b: number): void {
    const rows = this.rows;
    const dueMs = this.dueMs;
    const order = this.order;
    const ra = rows[a] as number;
    const rb = rows[b] as number;
    rows[a] = rb;
    rows[b] = ra;
    const d = dueMs[a] as number;
    dueMs[a] = dueMs[b] as number;
    dueMs[b] = d;
    const o = order[a] as number;
    order[a] = order[b] as number;
    order[b] = o;
    this.positions[ra] = b;
    this.positions[rb] = a;
  }

  private up(i: number): number {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
    return i;
  }

  private down(i: number): void {
    const n = this.size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) return;
      const right = left + 1;
      const child = right < n && this.less(right, left) ? right : left;
      if (!this.less(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }

  private growHeap(): void {
    const n = this.rows.length * 2;
    const rows = new Int32Array(n);
    rows.set(this.rows);
    this.rows = rows;
    const dueMs = new Float64Array(n);
    dueMs.set(this.dueMs);
    this.dueMs = dueMs;
    const order = new Float64Array(n);
    order.set(this.order);
    this.order = order;
  }

  private growPositions(atLeast: number): void {
    let n = this.positions.length * 2;
    while (n <= atLeast) n *= 2;
    const positions = new Int32Array(n).fill(-1);
    positions.set(this.positions);
    this.positions = positions;
  }
}

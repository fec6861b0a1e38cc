/** A binary min-heap of items by a numeric key, ties in insertion order. */
export class MinHeap<T> {
  private keys: number[] = [];
  private seqs: number[] = [];
  private items: T[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  peekKey(): number {
    return this.keys[0] ?? Infinity;
  }

  push(key: number, item: T): void {
    let i = this.items.length;
    const seq = this.seq++;
    this.keys.push(key);
    this.seqs.push(seq);
    this.items.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(key, seq, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.put(i, key, seq, item);
  }

  pop(): T | undefined {
    const top = this.items[0];
    const last = this.items.length - 1;
    if (last < 0) return undefined;
    const key = this.keys[last] as number;
    const seq = this.seqs[last] as number;
    const item = this.items[last] as T;
    this.keys.pop();
    this.seqs.pop();
    this.items.pop();
    if (last === 0) return top;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (
        right < last &&
        this.before(this.keys[right] as number, this.seqs[right] as number, child)
      ) {
        child = right;
      }
      if (this.before(key, seq, child)) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, key, seq, item);
    return top;
  }

  private before(key: number, seq: number, j: number): boolean {
    const other = this.keys[j] as number;
    return key < other || (key === other && seq < (this.seqs[j] as number));
  }

  private move(from: number, to: number): void {
    this.put(to, this.keys[from] as number, this.seqs[from] as number, this.items[from] as T);
  }

  private put(i: number, key: number, seq: number, item: T): void {
    this.keys[i] = key;
    this.seqs[i] = seq;
    this.items[i] = item;
  }
}

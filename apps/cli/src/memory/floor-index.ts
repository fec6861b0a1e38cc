/**
 * A 32-bit hash of a string id that is never 0 (0 marks an empty slot): FNV-1a over the UTF-16
 * code units, then a mixing step so that ids differing in their last digit spread apart.
 */
export function hashOfId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h === 0 ? 1 : h;
}

/**
 * Row numbers by string id, the cheapest index a command's id can go through: open addressing
 * with linear probing in one Int32Array of (hash, row) pairs, so a lookup usually reads one slot
 * line and then the id's string to confirm. Deletion shifts later entries back instead of
 * leaving tombstones, so probes stay short however many contacts come and go.
 */
export class IdIndex {
  private slots: Int32Array;
  private mask: number;
  /** The id stored for each row, to tell apart ids whose hashes are equal. */
  private readonly idOfRow: string[] = [];
  private count = 0;

  constructor(expected: number) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, expected * 2)));
    this.slots = new Int32Array(2 * capacity);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The slot holding `id`, or -1. */
  slotOf(id: string): number {
    const h = hashOfId(id);
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const stored = slots[2 * i] as number;
      if (stored === 0) return -1;
      if (stored === h && this.idOfRow[slots[2 * i + 1] as number] === id) return i;
    }
  }

  rowAt(slot: number): number {
    return this.slots[2 * slot + 1] as number;
  }

  /** The row of `id`, or -1. */
  rowOf(id: string): number {
    const slot = this.slotOf(id);
    return slot < 0 ? -1 : this.rowAt(slot);
  }

  /** Files `id` under `row`; the caller makes sure `id` is not already there. */
  insert(id: string, row: number): void {
    // Half full at most: linear probing's runs grow quickly past that.
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    this.idOfRow[row] = id;
    this.place(hashOfId(id), row);
    this.count++;
  }

  /** Empties `slot` and moves back any later entry of the run that may sit there. */
  removeAt(slot: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let hole = slot;
    for (let j = (hole + 1) & mask; slots[2 * j] !== 0; j = (j + 1) & mask) {
      const home = (slots[2 * j] as number) & mask;
      // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
      const homeBetween = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (homeBetween) continue;
      slots[2 * hole] = slots[2 * j] as number;
      slots[2 * hole + 1] = slots[2 * j + 1] as number;
      hole = j;
    }
    slots[2 * hole] = 0;
    slots[2 * hole + 1] = 0;
    this.count--;
  }

  private place(h: number, row: number): void {
    const slots = this.slots;
    let i = h & this.mask;
    while (slots[2 * i] !== 0) i = (i + 1) & this.mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = row;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = old.length - 1;
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0) this.place(old[i] as number, old[i + 1] as number);
    }
  }
}

import type { ContactRuntime } from '../model/runtime.ts';

/** Smallest table; it doubles when more than half full. */
const MIN_CAPACITY = 1024;

/**
 * Contacts in progress by id: an open-addressing hash table (linear probing, deletion by
 * backward shift). Each slot is two neighbouring entries of one array, the id's hash and the
 * record, so a probe reads one cache line and then the record, whose id confirms the match. A
 * Map of tens of thousands of entries costs several cache misses per lookup (bucket, entry,
 * colliding keys), and separate arrays of hashes and records one miss each (SPEC PERF2).
 */
export class ContactIndex {
  private capacity = MIN_CAPACITY;
  private mask = MIN_CAPACITY - 1;
  /** Slot i: the hash at 2i (0 = empty; stored hashes are never 0), the record at 2i + 1. */
  private slots: (number | ContactRuntime)[] = new Array<number>(2 * MIN_CAPACITY).fill(0);
  size = 0;

  get(id: string): ContactRuntime | undefined {
    const slot = this.find(id, hashOf(id));
    return slot < 0 ? undefined : (this.slots[2 * slot + 1] as ContactRuntime);
  }

  has(id: string): boolean {
    return this.find(id, hashOf(id)) >= 0;
  }

  /** Adds a contact whose id is not in the index. */
  add(contact: ContactRuntime): void {
    if (2 * (this.size + 1) > this.capacity) this.resize(this.capacity * 2);
    this.place(contact, hashOf(contact.id));
    this.size++;
  }

  delete(contact: ContactRuntime): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = hashOf(contact.id) & mask;
    while (slots[2 * i + 1] !== contact) {
      if (slots[2 * i] === 0) return;
      i = (i + 1) & mask;
    }
    // Backward shift: move up each following entry that may not stay behind the hole.
    for (let j = (i + 1) & mask; slots[2 * j] !== 0; j = (j + 1) & mask) {
      const home = (slots[2 * j] as number) & mask;
      const mayMove = i <= j ? home <= i || home > j : home <= i && home > j;
      if (!mayMove) continue;
      slots[2 * i] = slots[2 * j] as number;
      slots[2 * i + 1] = slots[2 * j + 1] as ContactRuntime;
      i = j;
    }
    slots[2 * i] = 0;
    slots[2 * i + 1] = 0;
    this.size--;
  }

  /** Contacts in no particular order. */
  *values(): IterableIterator<ContactRuntime> {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i += 2) {
      if (slots[i] !== 0) yield slots[i + 1] as ContactRuntime;
    }
  }

  private find(id: string, hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const h = slots[2 * i] as number;
      if (h === 0) return -1;
      if (h === hash && (slots[2 * i + 1] as ContactRuntime).id === id) return i;
    }
  }

  private place(contact: ContactRuntime, hash: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let i = hash & mask;
    while (slots[2 * i] !== 0) i = (i + 1) & mask;
    slots[2 * i] = hash;
    slots[2 * i + 1] = contact;
  }

  private resize(capacity: number): void {
    const old = this.slots;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.slots = new Array<number>(2 * capacity).fill(0);
    for (let i = 0; i < old.length; i += 2) {
      if (old[i] !== 0) this.place(old[i + 1] as ContactRuntime, old[i] as number);
    }
  }
}

/** FNV-1a over the UTF-16 units, then a final mix (ids often differ only in their last digits). */
function hashOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h === 0 ? 1 : h;
}

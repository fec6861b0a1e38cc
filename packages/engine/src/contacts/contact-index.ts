import type { ContactRuntime } from '../model/runtime.ts';

/** Smallest table; it doubles when more than half full. */
const MIN_CAPACITY = 1024;

/**
 * Contacts in progress by id: an open-addressing hash table (linear probing, deletion by
 * backward shift). A lookup probes a dense Int32Array of hashes, then reads the one record it
 * finds, whose id confirms the match. A Map of tens of thousands of entries costs several cache
 * misses per lookup (bucket, entry, colliding keys); this costs about one besides the record,
 * which the caller reads anyway (SPEC PERF1).
 */
export class ContactIndex {
  private capacity = MIN_CAPACITY;
  private mask = MIN_CAPACITY - 1;
  /** Hash of the id in each slot; 0 = empty (stored hashes are never 0). */
  private hashes = new Int32Array(MIN_CAPACITY);
  private records: (ContactRuntime | undefined)[] = new Array<ContactRuntime | undefined>(
    MIN_CAPACITY,
  ).fill(undefined);
  size = 0;

  get(id: string): ContactRuntime | undefined {
    const slot = this.find(id, hashOf(id));
    return slot < 0 ? undefined : this.records[slot];
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
    const hashes = this.hashes;
    const records = this.records;
    const mask = this.mask;
    let i = hashOf(contact.id) & mask;
    while (records[i] !== contact) {
      if (hashes[i] === 0) return;
      i = (i + 1) & mask;
    }
    // Backward shift: move up each following entry that may not stay behind the hole.
    for (let j = (i + 1) & mask; hashes[j] !== 0; j = (j + 1) & mask) {
      const home = (hashes[j] as number) & mask;
      const mayMove = i <= j ? home <= i || home > j : home <= i && home > j;
      if (!mayMove) continue;
      hashes[i] = hashes[j] as number;
      records[i] = records[j];
      i = j;
    }
    hashes[i] = 0;
    records[i] = undefined;
    this.size--;
  }

  /** Contacts in no particular order. */
  *values(): IterableIterator<ContactRuntime> {
    for (const record of this.records) if (record !== undefined) yield record;
  }

  private find(id: string, hash: number): number {
    const hashes = this.hashes;
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const h = hashes[i] as number;
      if (h === 0) return -1;
      if (h === hash && (this.records[i] as ContactRuntime).id === id) return i;
    }
  }

  private place(contact: ContactRuntime, hash: number): void {
    const hashes = this.hashes;
    const mask = this.mask;
    let i = hash & mask;
    while (hashes[i] !== 0) i = (i + 1) & mask;
    hashes[i] = hash;
    this.records[i] = contact;
  }

  private resize(capacity: number): void {
    const old = this.records;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.hashes = new Int32Array(capacity);
    this.records = new Array<ContactRuntime | undefined>(capacity).fill(undefined);
    for (const record of old) if (record !== undefined) this.place(record, hashOf(record.id));
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

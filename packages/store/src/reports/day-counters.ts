// One entity's report counters for one UTC day, as stored: only the non-zero counters of the
// buckets that have any. A month's report reads one row per entity and day instead of one per
// 15-minute bucket, and most counters of most buckets are zero.
//
// Format (version 1): byte 1, then for each bucket with a non-zero counter, in increasing order:
// its slot in the day (one byte, 0–95), a varint mask of the counters present (bit i: counter i of
// REPORT_COUNTERS), and each present counter's value. A value is a varint u: u even is the integer
// whose zigzag code is u / 2 (|v| ≤ 2^48); u = 1 is followed by the 8 bytes of a little-endian
// double (fractions, −0, larger numbers). Varints are 7 bits a byte, low bits first.
import { REPORT_COUNTERS } from './report-columns.ts';

export const BUCKET_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;
export const SLOTS_PER_DAY = DAY_MS / BUCKET_MS;
/** Counters per bucket. */
export const WIDTH = REPORT_COUNTERS.length;

const VERSION = 1;
const FLOAT_TAG = 1;
const MAX_INTEGER = 2 ** 48;
/** Longest varint of a mask (WIDTH bits) and of a value (2^50). */
const MAX_MASK_BYTES = Math.ceil(WIDTH / 7);
const MAX_VALUE_BYTES = 8;
// Masks are 32-bit integers: one bit per counter.
if (WIDTH > 30) throw new Error(`day counters hold at most 30 counters, not ${WIDTH}`);
const ALL_COUNTERS = 2 ** WIDTH - 1;

/** Stored report data that cannot be read: the projection must be rebuilt from the log. */
export class CorruptReportData extends Error {
  override readonly name = 'CorruptReportData';
}

/**
 * Encodes a day (slots in increasing order, each with WIDTH counters). Returns undefined when
 * every counter is zero: no row to keep.
 */
export function encodeDay(day: DayCounters): Uint8Array | undefined {
  const { slots, values } = day;
  const out = new Writer();
  out.byte(VERSION);
  let previous = -1;
  for (let n = 0; n < slots.length; n++) {
    const slot = slots[n] as number;
    if (!Number.isInteger(slot) || slot <= previous || slot >= SLOTS_PER_DAY) {
      throw new RangeError(
        `day slots must increase from 0 to ${SLOTS_PER_DAY - 1}: ${slot} after ${previous}`,
      );
    }
    previous = slot;
    const start = n * WIDTH;
    let mask = 0;
    for (let i = 0; i < WIDTH; i++) {
      if (!Object.is(values[start + i], 0)) mask |= 1 << i;
    }
    if (mask === 0) continue;
    out.byte(slot);
    out.varint(mask);
    for (let i = 0; i < WIDTH; i++) {
      const value = values[start + i] as number;
      if (!Object.is(value, 0)) out.value(value);
    }
  }
  return out.size() > 1 ? out.bytes() : undefined;
}

/** A stored day read back: the slots present, and their counters (slots.length × WIDTH). */
export interface DayCounters {
  slots: number[];
  values: Float64Array;
}

/**
 * Where decoded days go: views of large shared arrays, as a typed array of more than a few
 * numbers is memory outside the JavaScript heap, costly to make by the thousand.
 */
export class DayArena {
  block = new Float64Array(0);
  used = 0;

  constructor(private readonly blockSize = 64 * SLOTS_PER_DAY * WIDTH) {}

  /** Room for a whole day at `used` of `block` (a new block when there is not). */
  reserve(): void {
    const day = SLOTS_PER_DAY * WIDTH;
    if (this.used + day > this.block.length) {
      this.block = new Float64Array(Math.max(this.blockSize, day));
      this.used = 0;
    }
  }
}

/**
 * Decodes a stored day, its counters into `arena` (shared with other days). Throws
 * CorruptReportData if `bytes` is not a day this code wrote; `where` names the row in the message. One tight loop: a month's report decodes millions of
 * values.
 */
export function decodeDay(
  bytes: Uint8Array,
  where: () => string,
  arena: DayArena = new DayArena(SLOTS_PER_DAY * WIDTH),
): DayCounters {
  const end = bytes.length;
  let at = 0;
  arena.reserve();
  const into = arena.block;
  const base = arena.used;
  const fail = (what: string): never => {
    // What this day wrote is not kept: the arena's room past `used` stays zero for the next.
    into.fill(0, base, base + SLOTS_PER_DAY * WIDTH);
    throw new CorruptReportData(
      `stored report counters of ${where()} are unreadable at byte ${at}: ${what}; rebuild the report projection (POST /api/v1/reports/rebuild)`,
    );
  };
  if (end === 0) fail('cut short');
  const version = bytes[at++] as number;
  if (version !== VERSION) fail(`format version ${version}, expected ${VERSION}`);
  let view: DataView | undefined;
  const slots: number[] = [];
  let previous = -1;
  while (at < end) {
    const slot = bytes[at++] as number;
    if (slot <= previous || slot >= SLOTS_PER_DAY) {
      fail(`bucket slot ${slot} after ${previous} (expected increasing, below ${SLOTS_PER_DAY})`);
    }
    previous = slot;
    let mask = 0;
    for (let shift = 0, b = 128; b >= 128; shift += 7) {
      if (shift === 7 * MAX_MASK_BYTES) fail(`a number longer than ${MAX_MASK_BYTES} bytes`);
      if (at >= end) fail('cut short');
      b = bytes[at++] as number;
      mask |= (b & 127) << shift;
    }
    if (mask === 0 || mask > ALL_COUNTERS) fail(`counter mask ${mask} of slot ${slot}`);
    // Zero already: arena blocks are new, and only ever written once, past `used`.
    const start = base + slots.length * WIDTH;
    for (let i = 0, bits = mask; bits !== 0; i++, bits >>>= 1) {
      if ((bits & 1) === 0) continue;
      if (at >= end) fail('cut short');
      let b = bytes[at++] as number;
      let u = b;
      if (b >= 128) {
        u = b & 127;
        for (let n = 1, scale = 128; b >= 128; n++, scale *= 128) {
          if (n === MAX_VALUE_BYTES) fail(`a number longer than ${MAX_VALUE_BYTES} bytes`);
          if (at >= end) fail('cut short');
          b = bytes[at++] as number;
          u += (b & 127) * scale;
        }
      }
      let value: number;
      if (u % 2 === 0) {
        const zigzag = u / 2;
        value = zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
      } else if (u === FLOAT_TAG) {
        if (at + 8 > end) fail('cut short');
        view ??= new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        value = view.getFloat64(at, true);
        at += 8;
      } else {
        value = fail(`value tag ${u}`);
      }
      into[start + i] = value;
    }
    slots.push(slot);
  }
  arena.used += slots.length * WIDTH;
  return { slots, values: into.subarray(base, arena.used) };
}

class Writer {
  private buffer = new Uint8Array(256);
  private length = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  byte(b: number): void {
    if (this.length === this.buffer.length) this.grow();
    this.buffer[this.length++] = b;
  }

  varint(u: number): void {
    while (u >= 128) {
      this.byte((u % 128) + 128);
      u = Math.floor(u / 128);
    }
    this.byte(u);
  }

  value(v: number): void {
    if (Number.isInteger(v) && Math.abs(v) <= MAX_INTEGER && !Object.is(v, -0)) {
      this.varint(2 * (v >= 0 ? 2 * v : -2 * v - 1));
      return;
    }
    this.byte(FLOAT_TAG);
    this.scratch.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.byte(this.scratch.getUint8(i));
  }

  size(): number {
    return this.length;
  }

  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private grow(): void {
    const grown = new Uint8Array(this.buffer.length * 2);
    grown.set(this.buffer);
    this.buffer = grown;
  }
}

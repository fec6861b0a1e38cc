// A report's lines found by entity and interval start without building string keys: rows mostly
// come entity by entity and bucket by bucket, so the last group and line found are tried first.
// Line counters live in shared blocks (one typed array per line made allocation the cost).
import { COUNTER_FIELDS, newRow } from '../kpi/counters.ts';
import { BUCKET_MS } from '../time/buckets.ts';
import type { IntervalMinutes, Zone } from '../time/zones.ts';

const WIDTH = COUNTER_FIELDS.length;
const BLOCK_LINES = 4096;
/**
 * Line blocks kept from one report to the next (reports are built one at a time, and no line
 * outlives its report): large typed arrays are memory outside the heap, costly to make anew.
 */
const spareBlocks: Float64Array[] = [];
const MAX_SPARE_BLOCKS = 64;
const MINUTE_MS = 60_000;

export interface Line {
  readonly id: string;
  readonly start: number;
  /** The line's counters: `block[at]` to `block[at + WIDTH - 1]`. */
  readonly block: Float64Array;
  readonly at: number;
  /** Pause time by code, made on first use. */
  pauses: Map<string, number> | undefined;
}

/** One entity's lines by interval start in minutes (small integers: cheap keys), and its total. */
export interface Group {
  readonly id: string;
  readonly lines: Map<number, Line>;
  readonly total: Float64Array;
  readonly totalPauses: Map<string, number>;
  /** The last line found. */
  last: Line | undefined;
}

export interface GroupsRange {
  fromMs: number;
  toMs: number;
  intervalMinutes: IntervalMinutes;
  ids?: readonly string[] | undefined;
}

export class Groups {
  readonly byId = new Map<string, Group>();
  readonly grand = newRow();
  readonly grandPauses = new Map<string, number>();
  /** The group of the last line found. */
  last: Group | undefined;
  private readonly wanted: Set<string> | undefined;
  /** Interval start by bucket number (bucket start / BUCKET_MS). */
  private readonly starts = new Map<number, number>();
  private block: Float64Array = takeBlock();
  private readonly blocks: Float64Array[] = [this.block];
  private used = 0;

  constructor(
    private readonly range: GroupsRange,
    private readonly zone: Zone,
  ) {
    this.wanted = range.ids === undefined ? undefined : new Set(range.ids);
  }

  /** The line of `id` holding `bucket` (then `last` is its group), or undefined when left out. */
  line(id: string, bucket: number): Line | undefined {
    let group = this.last;
    if (group === undefined || group.id !== id) {
      if (this.wanted !== undefined && !this.wanted.has(id)) return undefined;
      group = this.byId.get(id);
    }
    const start = this.intervalStart(bucket);
    if (start < this.range.fromMs || start >= this.range.toMs) return undefined;
    if (group === undefined) {
      group = { id, lines: new Map(), total: newRow(), totalPauses: new Map(), last: undefined };
      this.byId.set(id, group);
    }
    this.last = group;
    let line = group.last;
    if (line !== undefined && line.start === start) return line;
    line = group.lines.get(start / MINUTE_MS);
    if (line === undefined) {
      if (this.used === BLOCK_LINES) {
        this.block = takeBlock();
        this.blocks.push(this.block);
        this.used = 0;
      }
      line = { id, start, block: this.block, at: WIDTH * this.used++, pauses: undefined };
      group.lines.set(start / MINUTE_MS, line);
    }
    group.last = line;
    return line;
  }

  /** Gives the line blocks back for the next report: call once the lines have been read. */
  release(): void {
    for (const block of this.blocks) {
      if (spareBlocks.length < MAX_SPARE_BLOCKS) spareBlocks.push(block.fill(0));
    }
    this.blocks.length = 0;
  }

  private intervalStart(bucket: number): number {
    // Cached by bucket number for bucket starts, the only times projections and history use.
    const n = bucket / BUCKET_MS;
    if (!Number.isInteger(n)) return this.zone.intervalStart(bucket, this.range.intervalMinutes);
    let start = this.starts.get(n);
    if (start === undefined) {
      start = this.zone.intervalStart(bucket, this.range.intervalMinutes);
      this.starts.set(n, start);
    }
    return start;
  }
}

function takeBlock(): Float64Array {
  return spareBlocks.pop() ?? new Float64Array(BLOCK_LINES * WIDTH);
}

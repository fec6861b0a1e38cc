/**
 * The JIT's code ranges from V8's `--perf-basic-prof` map (`/tmp/perf-PID.map`: one
 * `START SIZE NAME` line per code object, hex without `0x`). V8 reuses the memory of collected
 * code, so ranges can overlap; the later line is the code that was there last, and wins.
 */
export class PerfMap {
  private constructor(
    /** Sorted segment boundaries; segment i is [bounds[i], bounds[i + 1]). */
    private readonly bounds: Float64Array,
    /** The name of the code in each segment, or undefined where there is none. */
    private readonly owners: (string | undefined)[],
  ) {}

  static parse(text: string): PerfMap {
    const ranges: { start: number; end: number; name: string }[] = [];
    for (const line of text.split('\n')) {
      const match = /^([0-9a-fA-F]+) ([0-9a-fA-F]+) (.*)$/.exec(line);
      if (match === null) continue;
      const start = parseInt(match[1] as string, 16);
      const size = parseInt(match[2] as string, 16);
      if (size > 0) ranges.push({ start, end: start + size, name: match[3] as string });
    }
    const bounds = Float64Array.from(new Set(ranges.flatMap((r) => [r.start, r.end]))).sort();
    const owners: (string | undefined)[] = new Array<string | undefined>(bounds.length).fill(
      undefined,
    );
    // In file order, so a later range overwrites the segments of an earlier one.
    for (const range of ranges) {
      for (let i = segmentAt(bounds, range.start); (bounds[i] as number) < range.end; i++) {
        owners[i] = range.name;
      }
    }
    return new PerfMap(bounds, owners);
  }

  /** The name of the JIT code holding `address`, if any. */
  nameAt(address: number): string | undefined {
    const i = segmentAt(this.bounds, address);
    return i < 0 ? undefined : this.owners[i];
  }
}

/** The index of the last boundary at or below `address` (-1 if none). */
function segmentAt(bounds: Float64Array, address: number): number {
  let low = 0;
  let high = bounds.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((bounds[mid] as number) <= address) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

import { performance } from 'node:perf_hooks';
import { Random } from '../workload/random.ts';

/** Bytes of a cache line: one chase node per line, so every step loads a new line. */
export const LINE_BYTES = 64;
/** Bytes of a small page: the scattered pattern puts one node in each. */
export const PAGE_BYTES = 4096;
const INTS_PER_LINE = LINE_BYTES / 4;
const INTS_PER_PAGE = PAGE_BYTES / 4;
/** Distinct line offsets within a page, so scattered nodes spread over every cache set. */
const LINES_PER_PAGE = PAGE_BYTES / LINE_BYTES;

/**
 * Dense: the nodes fill consecutive lines. Scattered: the same number of lines, one per 4 KB
 * page, so each step also needs its own page translation (a TLB miss once the pages outnumber
 * the TLB, costly under a VM's nested paging).
 */
export type ChasePattern = 'dense' | 'scattered';

/** A pointer chase: `next[at]` is the int index of the node after the one at `at`. */
export interface Chase {
  readonly next: Int32Array;
  /** The int index of every node, in node order (not visiting order). */
  readonly nodes: Int32Array;
}

/** Where node i lives, as an int index into the chase's array. */
function nodeAt(pattern: ChasePattern, i: number): number {
  if (pattern === 'dense') return i * INTS_PER_LINE;
  return i * INTS_PER_PAGE + (i % LINES_PER_PAGE) * INTS_PER_LINE;
}

/** Bytes the chase's array spans for `lines` nodes. */
export function regionBytes(pattern: ChasePattern, lines: number): number {
  return lines * (pattern === 'dense' ? LINE_BYTES : PAGE_BYTES);
}

/**
 * Links `lines` nodes into one cycle in a seeded random order (Sattolo's shuffle gives a single
 * cycle), so the processor can neither predict nor prefetch the next load.
 */
export function buildChase(pattern: ChasePattern, lines: number, seed: number): Chase {
  if (!Number.isInteger(lines) || lines < 2) throw new RangeError('a chase needs 2 lines or more');
  const order = new Int32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  const random = new Random(seed);
  for (let i = lines - 1; i > 0; i--) {
    const j = Math.floor(random.next() * i);
    const swap = order[i] as number;
    order[i] = order[j] as number;
    order[j] = swap;
  }
  const nodes = new Int32Array(lines);
  for (let i = 0; i < lines; i++) nodes[i] = nodeAt(pattern, i);
  const next = new Int32Array(regionBytes(pattern, lines) / 4);
  // Sattolo's result read as a permutation: node i is followed by node order[i].
  for (let i = 0; i < lines; i++) next[nodes[i] as number] = nodes[order[i] as number] as number;
  return { next, nodes };
}

/** Follows `steps` links from `from`; returns where it ends (so the loop cannot be dropped). */
export function walk(next: Int32Array, from: number, steps: number): number {
  let at = from;
  for (let i = 0; i < steps; i++) at = next[at] as number;
  return at;
}

export interface LatencySettings {
  pattern: ChasePattern;
  /** Megabytes of lines chased (the nodes' own lines, not the region they are spread over). */
  mbOfLines: number;
  steps: number;
  seed: number;
}

/**
 * Nanoseconds per dependent load over a working set of `mbOfLines`: builds the chase, walks
 * it once around (or `steps`, if fewer) to fill caches and TLB, then times `steps` loads.
 */
export function measureLatencyNs(settings: LatencySettings): number {
  const lines = Math.round((settings.mbOfLines * 2 ** 20) / LINE_BYTES);
  const chase = buildChase(settings.pattern, lines, settings.seed);
  const start = walk(chase.next, chase.nodes[0] as number, Math.min(lines, settings.steps));
  const t0 = performance.now();
  const end = walk(chase.next, start, settings.steps);
  const ns = ((performance.now() - t0) * 1e6) / settings.steps;
  // Reading the end keeps the timed walk observable.
  if (end < 0) throw new Error('a chase left its array');
  return ns;
}

/** The largest region the scattered pattern is given: more would need over a gigabyte. */
export const MAX_SCATTERED_REGION_BYTES = 2 ** 30;

/** The sizes (MB of lines) measured by default: inside, around and far beyond the 32 MB L3. */
export const DEFAULT_SIZES_MB: readonly number[] = [1, 4, 8, 16, 32, 64, 256];

/** The sizes of `sizesMb` whose region fits under the scattered pattern's limit. */
export function scatteredSizes(sizesMb: readonly number[]): number[] {
  return sizesMb.filter(
    (mb) => regionBytes('scattered', (mb * 2 ** 20) / LINE_BYTES) < MAX_SCATTERED_REGION_BYTES,
  );
}

/** Nanoseconds per load by pattern, then by MB of lines (JSON keys are strings). */
export interface LatencyTable {
  dense: Record<string, number>;
  scattered: Record<string, number>;
}

/** Measures every size densely, and scattered where its region stays under a gigabyte. */
export function measureLatencies(
  sizesMb: readonly number[],
  options: { steps: number; seed: number },
  onSize?: (pattern: ChasePattern, mbOfLines: number, ns: number) => void,
): LatencyTable {
  const table: LatencyTable = { dense: {}, scattered: {} };
  const plan: [ChasePattern, readonly number[]][] = [
    ['dense', sizesMb],
    ['scattered', scatteredSizes(sizesMb)],
  ];
  for (const [pattern, sizes] of plan) {
    for (const mbOfLines of sizes) {
      const ns = measureLatencyNs({ pattern, mbOfLines, ...options });
      table[pattern][String(mbOfLines)] = Number(ns.toFixed(1));
      onSize?.(pattern, mbOfLines, ns);
    }
  }
  return table;
}

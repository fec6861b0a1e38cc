import { describe, expect, it } from 'vitest';
import {
  buildChase,
  measureLatencies,
  PAGE_BYTES,
  regionBytes,
  scatteredSizes,
  walk,
  type ChasePattern,
} from './latency.ts';

/** The nodes met walking once around from the first node, in order. */
function visits(pattern: ChasePattern, lines: number, seed: number): number[] {
  const chase = buildChase(pattern, lines, seed);
  const seen: number[] = [];
  let at = chase.nodes[0] as number;
  for (let i = 0; i < lines; i++) {
    seen.push(at);
    at = walk(chase.next, at, 1);
  }
  expect(at).toBe(chase.nodes[0]);
  return seen;
}

describe('pointer chase', () => {
  it.each([
    ['dense', 2],
    ['dense', 3],
    ['dense', 1000],
    ['scattered', 17],
    ['scattered', 300],
  ] as const)('%s, %i lines: one cycle that visits every node once', (pattern, lines) => {
    for (const seed of [1, 2, 99]) {
      const seen = visits(pattern, lines, seed);
      expect(new Set(seen).size).toBe(lines);
      expect([...seen].sort((a, b) => a - b)).toEqual([...buildChase(pattern, lines, seed).nodes]);
    }
  });

  it('dense nodes are one per 64-byte line, packed', () => {
    const chase = buildChase('dense', 5, 1);
    expect([...chase.nodes]).toEqual([0, 16, 32, 48, 64]);
    expect(chase.next.length).toBe(5 * 16);
  });

  it('scattered nodes are one per 4 KB page, at line offsets that go round the page', () => {
    const lines = 130;
    const chase = buildChase('scattered', lines, 1);
    const pages = [...chase.nodes].map((at) => Math.floor((at * 4) / PAGE_BYTES));
    expect(pages).toEqual([...Array(lines).keys()]);
    const offsets = [...chase.nodes].map((at) => ((at * 4) % PAGE_BYTES) / 64);
    expect(offsets.slice(0, 3)).toEqual([0, 1, 2]);
    expect(offsets[64]).toBe(0);
    expect(new Set(offsets).size).toBe(64);
    expect(chase.next.length * 4).toBe(regionBytes('scattered', lines));
  });

  it('the order depends on the seed only', () => {
    expect(visits('dense', 500, 7)).toEqual(visits('dense', 500, 7));
    expect(visits('dense', 500, 7)).not.toEqual(visits('dense', 500, 8));
  });

  it('refuses a chase of fewer than two lines', () => {
    expect(() => buildChase('dense', 1, 1)).toThrow(RangeError);
  });

  it('walks as many steps as asked', () => {
    const chase = buildChase('dense', 10, 3);
    const start = chase.nodes[0] as number;
    expect(walk(chase.next, start, 10)).toBe(start);
    expect(walk(chase.next, start, 3)).toBe(walk(chase.next, walk(chase.next, start, 1), 2));
  });
});

describe('latency table', () => {
  it('scatters only the sizes whose region stays under a gigabyte', () => {
    expect(scatteredSizes([1, 4, 8, 16, 32, 256])).toEqual([1, 4, 8]);
    expect(regionBytes('scattered', (8 * 2 ** 20) / 64)).toBe(512 * 2 ** 20);
  });

  it('has every size dense and the small ones scattered, keyed by MB of lines', () => {
    const reported: string[] = [];
    const table = measureLatencies([1, 2], { steps: 1000, seed: 1 }, (pattern, mb) =>
      reported.push(`${pattern} ${mb}`),
    );
    expect(Object.keys(table.dense)).toEqual(['1', '2']);
    expect(Object.keys(table.scattered)).toEqual(['1', '2']);
    expect(reported).toEqual(['dense 1', 'dense 2', 'scattered 1', 'scattered 2']);
  });
});

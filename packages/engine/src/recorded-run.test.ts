import { describe, expect, it } from 'vitest';
import type { EngineEvent } from './model/events.ts';
import { runBusyCenter } from './testing/busy-center.ts';
import { runFuzz } from './testing/fuzz-driver.ts';

/** Two FNV-1a hashes (different offsets) over the UTF-16 units: a 64-bit digest as hex. */
function digest(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

const digestOf = (events: EngineEvent[], snapshot: unknown): string =>
  digest(events.map((event) => JSON.stringify(event)).join('\n') + JSON.stringify(snapshot));

// Digests of runs recorded with the engine before its state moved into typed-array rows
// (SPEC PERF5): a change of internal layout must not change a single event or the final state.
// A deliberate change of behaviour updates these figures in the same commit, saying why.
const BUSY_CENTER: [seed: number, agents: number, steps: number, events: number, digest: string][] =
  [
    [1, 300, 30_000, 72_601, 'd744884dab301ff5'],
    [2, 600, 30_000, 78_602, '766b4f0b99fced5d'],
    [3, 150, 30_000, 72_020, '922858cdc5f6b06d'],
  ];
const FUZZ: [seed: number, events: number, digest: string][] = [
  [1, 3061, '6a4cc39ee0310f8e'],
  [2, 3413, '6f91a0354639f3b5'],
  [3, 2889, '53ba4c3952f6c77b'],
];

describe('recorded runs: same events and state as the engine they were recorded with', () => {
  it.each(BUSY_CENTER)(
    '[PERF5][EVT3] busy center seed %i, %i agents, %i steps: %i events, digest %s',
    (seed, agents, steps, count, expected) => {
      const run = runBusyCenter(seed, agents, steps);
      expect(run.events.length).toBe(count);
      expect(run.events.filter((e) => e.type === 'contactCompleted').length).toBeGreaterThan(100);
      expect(digestOf(run.events, run.snapshot)).toBe(expected);
    },
    60_000,
  );

  it.each(FUZZ)(
    '[PERF5][EVT3] fuzz seed %i: %i events, digest %s',
    (seed, count, expected) => {
      const run = runFuzz(seed, 1500);
      expect(run.events.length).toBe(count);
      expect(digestOf(run.events, run.snapshot)).toBe(expected);
    },
    60_000,
  );
});

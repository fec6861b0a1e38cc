import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import {
  DEFAULT_PRIORS,
  LiveEstimates,
  expectedFreeing,
  freeingChances,
} from './live-estimates.ts';

describe('LiveEstimates', () => {
  it('[PACE2] starts from the priors (cold start)', () => {
    const estimates = new LiveEstimates();
    expect(estimates.humanAnswerRate).toBeCloseTo(DEFAULT_PRIORS.humanAnswerRate);
    expect(estimates.machineShare).toBeCloseTo(DEFAULT_PRIORS.machineShare);
    expect(estimates.talkMs).toBeCloseTo(DEFAULT_PRIORS.talkMs);
  });

  it('[PACE2] converges on what the calls show (seeded)', () => {
    const random = seededRandom(11);
    const estimates = new LiveEstimates(DEFAULT_PRIORS, 400, 30);
    for (let i = 0; i < 5000; i++) {
      const answered = random.chance(0.4);
      const machine = answered && random.chance(0.3);
      estimates.observeCall(answered ? (machine ? 'machine' : 'person') : 'none', 6000);
      estimates.observeTalk(90_000);
      estimates.observeWrap(5_000);
    }
    expect(estimates.humanAnswerRate).toBeGreaterThan(0.24);
    expect(estimates.humanAnswerRate).toBeLessThan(0.32);
    expect(estimates.machineShare).toBeGreaterThan(0.22);
    expect(estimates.machineShare).toBeLessThan(0.38);
    expect(Math.abs(estimates.ringToAnswerMs - 6000)).toBeLessThan(60); // prior all but forgotten
    expect(estimates.talkMs).toBeCloseTo(90_000, 0);
    expect(estimates.wrapMs).toBeCloseTo(5_000, 0);
  });

  it('[PACE2] refuses bad priors, naming the field', () => {
    expect(() => new LiveEstimates({ ...DEFAULT_PRIORS, humanAnswerRate: 1.5 })).toThrow(
      DialerInputError,
    );
    expect(() => new LiveEstimates({ ...DEFAULT_PRIORS, talkMs: -1 })).toThrow(/priors.talkMs/);
    expect(() => new LiveEstimates(DEFAULT_PRIORS, 0)).toThrow(/memory/);
  });

  it('[PACE2] weighs busy agents by the chance they free before a call placed now is answered', () => {
    const figures = { talkMs: 100_000, wrapMs: 20_000, ringToAnswerMs: 10_000 };
    const agents = [
      { phase: 'wrap' as const, sinceMs: 0 }, // 5 s of wrap-up left at 15 s: within the 2 s grace + ring
      { phase: 'wrap' as const, sinceMs: 14_000 }, // 19 s left
      { phase: 'talk' as const, sinceMs: 0 },
    ];
    const [soon, later, talking] = freeingChances(agents, 15_000, 2_000, figures);
    expect(soon).toBeCloseTo(Math.exp(-3 / 10));
    expect(later).toBeCloseTo(Math.exp(-17 / 10));
    // Talk must end and 20 s of wrap-up pass before a ring of mean 10 s plus 2 s.
    expect(talking).toBeCloseTo(Math.exp(-18 / 10) * (10 / 110));
    expect(expectedFreeing(agents, 15_000, 2_000, figures)).toBeCloseTo(
      (soon ?? 0) + (later ?? 0) + (talking ?? 0),
    );
    // An agent whose wrap-up is shorter than the grace is free in time whatever the ring.
    const quick = freeingChances([{ phase: 'wrap', sinceMs: 0 }], 0, 2_000, {
      ...figures,
      wrapMs: 1_000,
    });
    expect(quick).toEqual([1]);
  });
});

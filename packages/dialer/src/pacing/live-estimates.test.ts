import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { DEFAULT_PRIORS, LiveEstimates, expectedFreeing } from './live-estimates.ts';

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

  it('[PACE2] expects agents in wrap-up to free when their wrap-up runs out, talkers after it', () => {
    const figures = { talkMs: 100_000, wrapMs: 20_000 };
    const agents = [
      { phase: 'wrap' as const, sinceMs: 0 }, // 5 s of wrap-up left at 15 s
      { phase: 'wrap' as const, sinceMs: 14_000 }, // 19 s left
      { phase: 'talk' as const, sinceMs: 0 },
    ];
    expect(expectedFreeing(agents, 15_000, 10_000, figures)).toBe(1);
    const talker = 1 - Math.exp(-(30_000 - 20_000) / 100_000);
    expect(expectedFreeing(agents, 15_000, 30_000, figures)).toBeCloseTo(2 + talker);
  });
});

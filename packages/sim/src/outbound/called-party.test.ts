import { describe, expect, it } from 'vitest';
import { CalledParty, type CalledPartySpec } from './called-party.ts';

const SPEC: CalledPartySpec = {
  answerRate: 0.25,
  machineShare: 0.2,
  busyRate: 0.1,
  wrongNumberRate: 0.05,
  failedRate: 0.01,
  ringSeconds: { dist: 'uniform', min: 2, max: 20 },
  talkSeconds: { dist: 'exponential', mean: 120 },
  wrapUpSeconds: { dist: 'fixed', value: 15 },
  dispositions: { success: 0.2, refusal: 0.3 },
};

describe('CalledParty', () => {
  it('[SIMO1] picks up, rings and hangs up with the configured shares (seeded)', () => {
    const party = new CalledParty(SPEC, 7, 'camp');
    const counts: Record<string, number> = {};
    const n = 40_000;
    for (let i = 0; i < n; i++) {
      const call = party.call(25_000);
      counts[call.result] = (counts[call.result] ?? 0) + 1;
      if (call.result === 'noAnswer') expect(call.afterMs).toBe(25_000);
      if (call.result === 'person') {
        expect(call.afterMs).toBeGreaterThanOrEqual(2000);
        expect(call.afterMs).toBeLessThan(20_000);
      }
    }
    const share = (result: string) => (counts[result] ?? 0) / n;
    // 4 standard errors of a share of 40,000 draws are under 0.01.
    expect(share('person') + share('answeringMachine')).toBeCloseTo(0.25, 1);
    expect(share('answeringMachine') / 0.25).toBeCloseTo(0.2, 1);
    expect(share('busy')).toBeCloseTo(0.1, 1);
    expect(share('wrongNumber')).toBeCloseTo(0.05, 1);
    expect(Math.abs(share('noAnswer') - 0.59)).toBeLessThan(0.015);
  });

  it('[SIMO1] a ring past the timeout is a no-answer', () => {
    const party = new CalledParty(
      { ...SPEC, busyRate: 0, wrongNumberRate: 0, failedRate: 0, answerRate: 1 },
      1,
      'x',
    );
    for (let i = 0; i < 200; i++) {
      const call = party.call(15_000);
      expect(call.result === 'noAnswer' ? call.afterMs : call.afterMs < 15_000).toBeTruthy();
    }
  });

  it('[SIMO1] the same seed and labels give the same calls; another label others', () => {
    const draw = (label: string) => {
      const party = new CalledParty(SPEC, 3, label);
      return Array.from({ length: 50 }, () => [party.call(25_000), party.talkMs()]);
    };
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('a')).not.toEqual(draw('b'));
  });

  it('[SIMO1] draws dispositions by share, none for the rest', () => {
    const party = new CalledParty(SPEC, 5, 'd');
    const flags = Array.from({ length: 20_000 }, () => party.dispositionFlag());
    const share = (flag: string | null) => flags.filter((f) => f === flag).length / flags.length;
    expect(share('success')).toBeCloseTo(0.2, 1);
    expect(share('refusal')).toBeCloseTo(0.3, 1);
    expect(share(null)).toBeCloseTo(0.5, 1);
    expect(party.wrapMs()).toBe(15_000);
  });
});

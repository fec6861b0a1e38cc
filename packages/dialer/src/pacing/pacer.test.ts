import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { poissonBinomial } from './expected-drops.ts';
import { decide, type PacingState } from './pacer.ts';

function makeState(overrides: Partial<PacingState> = {}): PacingState {
  return {
    mode: 'predictive',
    loggedInAgents: 20,
    availableAgents: 5,
    freeingSoon: 0,
    ringing: 0,
    waiting: 0,
    linesInUse: 15,
    maxLinesPerAgent: 3,
    humanAnswerRate: 0.2,
    abandonTarget: 0.03,
    window: { answered: 1000, dropped: 10 },
    ...overrides,
  };
}

describe('decide', () => {
  it('[PACE3] preview places no call: it offers one lead per available agent', () => {
    const decision = decide(makeState({ mode: 'preview', ringing: 1 }));
    expect(decision).toMatchObject({ lines: 4, effectiveMode: 'preview', floor: null });
  });

  it('[PACE4] progressive places one line per available agent, counting calls out', () => {
    expect(decide(makeState({ mode: 'progressive' })).lines).toBe(5);
    expect(decide(makeState({ mode: 'progressive', ringing: 3, waiting: 1 })).lines).toBe(1);
    expect(decide(makeState({ mode: 'progressive', ringing: 9 })).lines).toBe(0);
  });

  it('[PACE5] stops when no agent is logged in, whatever the mode', () => {
    for (const mode of ['preview', 'progressive', 'predictive'] as const) {
      const decision = decide(makeState({ mode, loggedInAgents: 0, availableAgents: 0 }));
      expect(decision).toMatchObject({ lines: 0, floor: 'no-agents' });
      expect(decision.explanation).toContain('no agent is logged in');
    }
  });

  it('[PACE5] falls back to progressive while the window abandon rate is over target', () => {
    const decision = decide(makeState({ window: { answered: 100, dropped: 4 } }));
    expect(decision).toMatchObject({
      lines: 5,
      effectiveMode: 'progressive',
      floor: 'over-target',
    });
    expect(decision.explanation).toContain('4.0% is over the 3.0% target');
  });

  it('[PACE5] stays progressive until one drop would keep the window under target', () => {
    const decision = decide(makeState({ window: { answered: 20, dropped: 0 } }));
    expect(decision).toMatchObject({ lines: 5, floor: 'warming-up' });
    expect(decide(makeState({ window: { answered: 40, dropped: 0 } })).floor).not.toBe(
      'warming-up',
    );
  });

  it('[PACE5] never places more lines than maxLinesPerAgent × logged-in agents', () => {
    const decision = decide(makeState({ loggedInAgents: 10, availableAgents: 10, linesInUse: 25 }));
    expect(decision).toMatchObject({ lines: 5, floor: 'max-lines' });
    const progressive = decide(
      makeState({ mode: 'progressive', loggedInAgents: 2, availableAgents: 2, linesInUse: 5 }),
    );
    expect(progressive).toMatchObject({ lines: 1, floor: 'max-lines' });
  });

  it('[PACE6] predictive dials several lines per available agent at a low answer rate', () => {
    const decision = decide(makeState({ availableAgents: 10, linesInUse: 10, loggedInAgents: 40 }));
    expect(decision.effectiveMode).toBe('predictive');
    expect(decision.lines).toBeGreaterThan(20);
    expect(decision.dialLevel).toBeGreaterThan(2);
    expect(decision.explanation).toMatch(/^predictive: \d+ line\(s\) for 10\.0 agent/);
  });

  it('[PACE6] dials for agents about to free, and less when the window has used its budget', () => {
    const none = decide(makeState({ availableAgents: 0, linesInUse: 20 }));
    const freeing = decide(makeState({ availableAgents: 0, linesInUse: 20, freeingSoon: 3 }));
    expect(freeing.lines).toBeGreaterThan(none.lines);
    const loose = decide(makeState({ window: { answered: 1000, dropped: 0 } }));
    const tight = decide(makeState({ window: { answered: 1000, dropped: 23 } }));
    expect(tight.lines).toBeLessThan(loose.lines);
  });

  it('[PACE6] an uncertain capacity dials fewer lines than its mean taken as sure', () => {
    const sure = decide(makeState({ availableAgents: 2, freeingSoon: 4 }));
    const unsure = decide(
      makeState({
        availableAgents: 2,
        freeingSoon: 4,
        freeingDistribution: poissonBinomial([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
      }),
    );
    expect(unsure.lines).toBeLessThan(sure.lines);
  });

  it('[PACE3] refuses bad state, naming the field', () => {
    expect(() => decide(makeState({ availableAgents: -1 }))).toThrow(DialerInputError);
    expect(() => decide(makeState({ ringing: 1.5 }))).toThrow(/pacing.ringing/);
    expect(() => decide(makeState({ humanAnswerRate: Number.NaN }))).toThrow(/humanAnswerRate/);
    expect(() => decide(makeState({ maxLinesPerAgent: 0 }))).toThrow(/maxLinesPerAgent/);
  });

  it('[PACE5] keeps every floor over random states (seeded)', () => {
    const random = seededRandom(8);
    for (let i = 0; i < 3000; i++) {
      const loggedInAgents = random.int(0, 60);
      const availableAgents = random.int(0, loggedInAgents);
      const ringing = random.int(0, 40);
      const waiting = random.int(0, 3);
      const maxLinesPerAgent = random.pick([1, 2, 3, 5]);
      const linesInUse = ringing + waiting + random.int(0, loggedInAgents);
      const answered = random.int(0, 2000);
      const state = makeState({
        mode: random.pick(['preview', 'progressive', 'predictive'] as const),
        loggedInAgents,
        availableAgents,
        freeingSoon: random.next() * 5,
        ...(random.chance(0.5)
          ? { freeingDistribution: poissonBinomial([random.next(), random.next(), random.next()]) }
          : {}),
        ringing,
        waiting,
        linesInUse,
        maxLinesPerAgent,
        humanAnswerRate: random.next(),
        window: { answered, dropped: random.int(0, Math.ceil(answered * 0.05)) },
      });
      const decision = decide(state);
      const room = Math.max(0, maxLinesPerAgent * loggedInAgents - linesInUse);
      expect(decision.lines).toBeGreaterThanOrEqual(0);
      expect(decision.lines).toBeLessThanOrEqual(room);
      if (loggedInAgents === 0) expect(decision.lines).toBe(0);
      const progressive = Math.max(0, availableAgents - ringing - waiting);
      if (state.mode !== 'preview') {
        expect(decision.lines).toBeGreaterThanOrEqual(Math.min(progressive, room));
      }
      const { answered: a, dropped: d } = state.window;
      if (state.mode === 'predictive' && a > 0 && d / a > state.abandonTarget) {
        expect(decision.lines).toBe(Math.min(progressive, room));
      }
    }
  });
});

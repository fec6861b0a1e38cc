import { describe, expect, it } from 'vitest';
import { seededRandom } from '../sip/testing/seeded-random.ts';
import { startMenu, stepMenu, type IvrEffect, type IvrMenu, type IvrState } from './ivr-menu.ts';

function menu(overrides: Partial<IvrMenu> = {}): IvrMenu {
  return {
    choices: new Map([
      ['1', 'sales'],
      ['2', 'support'],
      ['#', 'billing'],
    ]),
    attempts: 3,
    onFailure: { kind: 'queue', queueId: 'reception' },
    ...overrides,
  };
}

/** Runs inputs from the start; returns every effect. */
function run(m: IvrMenu, inputs: readonly string[]): IvrEffect[] {
  const first = startMenu();
  let state = first.state;
  const effects = [first.effect];
  for (const input of inputs) {
    const next = stepMenu(
      m,
      state,
      input === 'timeout' ? { type: 'timeout' } : { type: 'digit', digit: input },
    );
    state = next.state;
    effects.push(next.effect);
  }
  return effects;
}

describe('the voice menu state machine', () => {
  it('[IVR1] starts by playing the prompt; a listed key routes to its queue and ends the menu', () => {
    expect(run(menu(), ['2'])).toEqual([
      { type: 'prompt', attempt: 1 },
      { type: 'route', queueId: 'support', reason: 'chosen', digit: '2' },
    ]);
    expect(run(menu(), ['#']).at(-1)).toMatchObject({ queueId: 'billing' });
  });

  it('[IVR2] a key not listed replays the prompt (invalid), silence replays it (timeout)', () => {
    expect(run(menu(), ['9', 'timeout', '1'])).toEqual([
      { type: 'prompt', attempt: 1 },
      { type: 'prompt', attempt: 2, after: 'invalid' },
      { type: 'prompt', attempt: 3, after: 'timeout' },
      { type: 'route', queueId: 'sales', reason: 'chosen', digit: '1' },
    ]);
  });

  it('[IVR3] after `attempts` plays without a choice: the failure queue, or hang up', () => {
    expect(run(menu(), ['9', '9', '9']).at(-1)).toEqual({
      type: 'route',
      queueId: 'reception',
      reason: 'failed',
    });
    expect(run(menu({ attempts: 1, onFailure: { kind: 'hang-up' } }), ['timeout']).at(-1)).toEqual({
      type: 'hang-up',
    });
  });

  it('[IVR4] once over, input changes nothing', () => {
    expect(run(menu(), ['1', '2', 'timeout']).slice(-2)).toEqual([
      { type: 'none' },
      { type: 'none' },
    ]);
  });

  it('[IVR5] seeded fuzz: the menu ends exactly once, within `attempts` prompts, in a listed or failure queue', () => {
    const random = seededRandom(4733);
    const keys = '0123456789*#ABCD';
    for (let round = 0; round < 500; round++) {
      const attempts = 1 + Math.floor(random() * 5);
      const m = menu({
        attempts,
        onFailure: random() < 0.5 ? { kind: 'hang-up' } : { kind: 'queue', queueId: 'reception' },
      });
      let { state }: { state: IvrState } = startMenu();
      let prompts = 1;
      let endings = 0;
      for (let step = 0; step < 12; step++) {
        const input =
          random() < 0.3
            ? ({ type: 'timeout' } as const)
            : ({ type: 'digit', digit: keys[Math.floor(random() * keys.length)]! } as const);
        const next = stepMenu(m, state, input);
        state = next.state;
        const effect = next.effect;
        if (effect.type === 'prompt') prompts++;
        if (effect.type === 'route' || effect.type === 'hang-up') endings++;
        if (effect.type === 'route') {
          expect([...m.choices.values(), 'reception']).toContain(effect.queueId);
          if (effect.reason === 'chosen')
            expect(m.choices.get(effect.digit ?? '')).toBe(effect.queueId);
        }
        expect(prompts).toBeLessThanOrEqual(attempts);
      }
      expect(endings).toBe(1);
      expect(state.done).toBe(true);
    }
  });
});

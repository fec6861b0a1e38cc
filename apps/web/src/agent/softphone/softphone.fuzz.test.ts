// Seeded fuzz of the softphone: the library's events and the agent's actions in random order
// never break its rules (SP2, SPD4): one call at a time, a call answered at most once and only
// while it rang, mute and DTMF only on the active call, a busy second call never shown, each
// call told to the hooks once rung, at most once answered and once ended.
import { describe, expect, it } from 'vitest';
import { FakeAgent, fakeCall } from '../../testing/fake-sip-agent.ts';
import { seededRandom } from '../../testing/seeded-random.ts';
import { Softphone } from './softphone.ts';

const CAUSES = ['Terminated', 'Canceled', 'User Denied Media Access', 'Busy', 'Rejected'];

function run(seed: number, steps: number): void {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const agent = new FakeAgent();
  const told: string[] = [];
  const phone = new Softphone(agent, {
    onIncomingCall: (call) => told.push(`ring ${call.id}`),
    onCallAnswered: (call) => told.push(`answered ${call.id}`),
    onCallEnded: (call) => told.push(`ended ${call.id}`),
  });
  const calls: ReturnType<typeof fakeCall>[] = [];
  /** Calls whose 200 was acknowledged, and whose end the library reported. */
  const confirmed = new Set<string>();
  const ended = new Set<string>();
  const answeredWhileRinging = new Set<string>();
  phone.start();
  for (let step = 0; step < steps; step++) {
    const before = phone.getState();
    const known = calls.map((c) => c.handle.id);
    const where = `seed ${seed} step ${step}`;
    switch (Math.floor(random() * 14)) {
      case 0:
        agent.on.onRegistered();
        break;
      case 1:
        agent.on.onRegistrationFailed(pick(['Authentication Error', 'Connection Error']));
        break;
      case 2:
        agent.on.onDisconnected();
        break;
      case 3:
      case 4: {
        const call = fakeCall(`call-${calls.length}`);
        calls.push(call);
        agent.on.onIncomingCall(call.handle);
        if (before.call !== undefined) expect(call.actions, where).toEqual(['busy']);
        else if (before.autoAnswer) expect(call.actions, where).toEqual(['answer']);
        break;
      }
      case 5: {
        if (known.length === 0) break;
        const id = pick(known);
        if (!ended.has(id)) confirmed.add(id);
        agent.on.onCallConfirmed(id);
        break;
      }
      case 6: {
        if (known.length === 0) break;
        const id = pick(known);
        ended.add(id);
        agent.on.onCallEnded(id, pick(CAUSES));
        break;
      }
      case 7:
        if (before.call?.state === 'ringing') answeredWhileRinging.add(before.call.id);
        phone.answer();
        break;
      case 8:
        phone.hangUp();
        break;
      case 9:
        phone.mute(random() < 0.5);
        break;
      case 10:
        phone.sendDtmf(pick(['1', '#', '*', '0']));
        break;
      case 11:
        phone.setAutoAnswer(random() < 0.3);
        break;
      case 12:
        if (before.call?.state === 'ringing') answeredWhileRinging.add(before.call.id);
        phone.reconnect();
        break;
      default:
        phone.dismissProblem();
    }
    const state = phone.getState();
    if (state.call !== undefined) {
      expect(ended.has(state.call.id), `${where}: an ended call is shown`).toBe(false);
      const shown = calls.find((c) => c.handle.id === state.call?.id);
      expect(shown?.actions.includes('busy'), `${where}: a busy call is shown`).toBe(false);
      if (state.call.muted) expect(state.call.state, where).toBe('active');
    }
    if (state.registration === 'registered') expect(state.socketDown, where).toBe(false);
  }
  for (const { handle, actions } of calls) {
    const where = `seed ${seed} ${handle.id}: ${actions.join(', ')}`;
    expect(actions.filter((a) => a === 'answer').length, where).toBeLessThanOrEqual(1);
    const afterAnswer = actions.slice(actions.indexOf('answer') + 1);
    // Mute and DTMF reach a call only once it is up (answered, then confirmed).
    if (actions.some((a) => a === 'mute' || a.startsWith('dtmf'))) {
      expect(actions.includes('answer'), where).toBe(true);
      expect(confirmed.has(handle.id), where).toBe(true);
      expect(afterAnswer.length, where).toBeGreaterThan(0);
    }
    const rings = told.filter((t) => t === `ring ${handle.id}`).length;
    expect(rings, where).toBe(actions[0] === 'busy' ? 0 : 1);
    expect(told.filter((t) => t === `answered ${handle.id}`).length, where).toBeLessThanOrEqual(1);
    expect(told.filter((t) => t === `ended ${handle.id}`).length, where).toBeLessThanOrEqual(1);
    if (actions.includes('answer') && !answeredWhileRinging.has(handle.id)) {
      // Answered without the agent's button: only auto-answer does that, at once.
      expect(actions[0], where).toBe('answer');
    }
  }
}

describe('the softphone under random events', () => {
  it('[SP2][SPD4] keeps one call, answers once while ringing, mutes and dials only when active (seeds 1–40)', () => {
    for (let seed = 1; seed <= 40; seed++) run(seed, 400);
  });
});

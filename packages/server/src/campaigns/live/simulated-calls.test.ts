// The simulated lines (LIVE8): the called party's draws on the server's scheduler, in whole
// milliseconds, per campaign; hang-ups and drops cancel what the call had still to do.
import type { CallResult } from '@relais/dialer';
import { describe, expect, it } from 'vitest';
import { ManualScheduler } from '../../testing/manual-scheduler.ts';
import { DEFAULT_CALLED_PARTY, simulatedCalls } from './simulated-calls.ts';

const START = Date.parse('2026-12-01T09:30:00Z');

function lines(seed = 3) {
  const clock = new ManualScheduler(START);
  const heard: { callId: string; what: CallResult | 'hangUp'; atMs: number }[] = [];
  const factory = simulatedCalls({
    spec: { ...DEFAULT_CALLED_PARTY, answerRate: 0.9, machineShare: 0 },
    seed,
    scheduler: clock,
    clock: clock.clock,
  });
  const open = factory('tenant', 'winter', {
    result: (callId, what) => heard.push({ callId, what, atMs: clock.nowMs }),
    remoteHangUp: (callId) => heard.push({ callId, what: 'hangUp', atMs: clock.nowMs }),
  });
  return { clock, heard, open };
}

const dial = (callId: string) => ({
  callId,
  number: '+33612345678',
  callerId: '+33162000000',
  ringTimeoutMs: 25_000,
});

describe('simulated lines', () => {
  it('[LIVE8] report each call once, at whole milliseconds, then the callee’s hang-up', async () => {
    const { clock, heard, open } = lines();
    for (let i = 1; i <= 20; i++) open.dial(dial(`c${i}`));
    await clock.advance(3_600_000);
    const results = heard.filter((h) => h.what !== 'hangUp');
    expect(new Set(results.map((h) => h.callId)).size).toBe(20);
    for (const h of heard) expect(Number.isInteger(h.atMs)).toBe(true);
    const people = results.filter((h) => h.what === 'person').map((h) => h.callId);
    expect(people.length).toBeGreaterThan(0);
    expect(
      heard
        .filter((h) => h.what === 'hangUp')
        .map((h) => h.callId)
        .sort(),
    ).toEqual([...people].sort());
  });

  it('[LIVE8] the same seed draws the same calls; a hang-up or a drop cancels the rest', async () => {
    const a = lines(5);
    const b = lines(5);
    for (const line of [a, b]) {
      for (let i = 1; i <= 5; i++) line.open.dial(dial(`c${i}`));
      await line.clock.advance(3_600_000);
    }
    expect(a.heard).toEqual(b.heard);
    const c = lines(5);
    c.open.dial(dial('x'));
    c.open.hangUp('x');
    c.open.dial(dial('y'));
    c.open.playIdentification('y');
    await c.clock.advance(3_600_000);
    expect(c.heard).toEqual([]);
  });
});

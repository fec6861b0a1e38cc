// A runtime rebuilt by a host (RUN10): stored progress resumed, leads added while running, call
// ids of the host's choosing, and the view of a call the agent desktop reads.
import { describe, expect, it } from 'vitest';
import { DialerInputError } from '../errors.ts';
import { at, makeLeads, makeSettings } from '../testing/builders.ts';
import { EngineHarness } from '../testing/engine-harness.ts';
import { CampaignRuntime } from './campaign-runtime.ts';
import { TenantHistory } from './tenant-history.ts';
import type { HostAction, RuntimeOutput } from './types.ts';

const OPEN = at('2026-12-01T10:30:00+01:00');

function build(agents: number, leadCount: number, prefix?: string) {
  const ids = Array.from({ length: agents }, (_, i) => `agent-${i + 1}`);
  const engine = new EngineHarness('outbound', ids, OPEN - 60_000);
  for (const id of ids) engine.apply({ type: 'login', agentId: id });
  engine.nowMs = OPEN;
  const runtime = new CampaignRuntime(
    makeSettings(),
    makeLeads(leadCount),
    new TenantHistory(),
    engine,
    prefix === undefined ? {} : { callIdPrefix: prefix },
  );
  return { engine, runtime };
}

const dials = (output: RuntimeOutput) =>
  output.actions.filter((a): a is Extract<HostAction, { type: 'dial' }> => a.type === 'dial');

describe('resuming a runtime (RUN10)', () => {
  it('[RUN10] resumed leads keep their attempts and wait for their next time or callback', () => {
    const { runtime } = build(3, 3);
    runtime.resumeLead('lead-1', {
      state: 'scheduled',
      attempts: 2,
      nextAtMs: OPEN + 3_600_000,
      lastOutcome: 'busy',
    });
    runtime.resumeLead('lead-2', {
      state: 'callback',
      attempts: 1,
      nextAtMs: OPEN + 60_000,
      callbackAgentId: 'agent-2',
    });
    runtime.setState('running', OPEN);
    // Only lead-3 is new and due; the callback comes at +1 min, the recycled lead at +1 h.
    expect(dials(runtime.tick(OPEN)).map((d) => d.leadId)).toEqual(['lead-3']);
    expect(runtime.book.get('lead-1')).toMatchObject({ attempts: 2, lastOutcome: 'busy' });
    const callback = runtime.tick(OPEN + 60_000);
    // The owned callback is offered to its agent first (RUN6), then dialed with the agent's id.
    expect(dials(callback)).toMatchObject([{ leadId: 'lead-2', agentId: 'agent-2' }]);
    expect(runtime.book.get('lead-2')?.attempts).toBe(2);
  });

  it('[RUN10] a bad resume throws and changes nothing', () => {
    const { runtime } = build(1, 2);
    expect(() => runtime.resumeLead('ghost', { state: 'new', attempts: 0 })).toThrow(
      DialerInputError,
    );
    expect(() => runtime.resumeLead('lead-1', { state: 'scheduled', attempts: 1 })).toThrow(
      /next time/,
    );
    expect(() => runtime.resumeLead('lead-1', { state: 'new', attempts: -1 })).toThrow(/attempts/);
    expect(runtime.book.get('lead-1')).toMatchObject({ state: 'new', attempts: 0 });
    runtime.setState('running', OPEN);
    runtime.tick(OPEN);
    expect(() => runtime.resumeLead('lead-2', { state: 'new', attempts: 0 })).toThrow(
      /before dialing/,
    );
  });

  it('[RUN10] leads added while running are dialed after the others; known ids are skipped', () => {
    const { runtime } = build(2, 1);
    runtime.setState('running', OPEN);
    const first = dials(runtime.tick(OPEN));
    expect(first.map((d) => d.leadId)).toEqual(['lead-1']);
    expect(runtime.addLeads(makeLeads(3))).toBe(2);
    expect(dials(runtime.tick(OPEN + 1_000)).map((d) => d.leadId)).toEqual(['lead-2']);
  });

  it('[RUN10] call ids carry the host’s prefix; the call view follows the call', () => {
    const { runtime } = build(1, 1, 'camp-1~b2');
    runtime.setState('running', OPEN);
    const [dial] = dials(runtime.tick(OPEN));
    expect(dial?.callId).toBe('camp-1~b2:1');
    const callId = dial?.callId ?? '';
    expect(runtime.call(callId)).toMatchObject({ phase: 'ringing', leadId: 'lead-1' });
    runtime.callResult(callId, 'person', OPEN + 5_000);
    expect(runtime.call(callId)).toMatchObject({ phase: 'connected', agentId: 'agent-1' });
    expect(runtime.activeCalls).toBe(1);
    expect(runtime.phaseCounts()).toMatchObject({ connected: 1, ringing: 0 });
    runtime.dispose(callId, 'sale', OPEN + 60_000);
    expect(runtime.call(callId)?.dispositionId).toBe('sale');
    expect(runtime.call('nope')).toBeUndefined();
  });
});

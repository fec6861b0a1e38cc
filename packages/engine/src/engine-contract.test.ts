import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import type { EngineEvent } from './model/events.ts';
import { BASE_CONFIG, Harness, makeContact, makeQueue, typesOf } from './testing/builders.ts';

/** A small day: offers, timeouts, steps, wrap-up, an expiry, an abandon and a transfer. */
function busyDay(h: Harness): void {
  h.queue({
    offerTimeoutSeconds: 5,
    wrapUp: { mode: 'timed', seconds: 10 },
    steps: [{ afterSeconds: 30, raisePriority: 1 }],
  });
  h.queue({ id: 'q2', skills: { ar: 1 }, maxWaitSeconds: 90 });
  h.agent({ id: 'a1' });
  h.agent({ id: 'a2' });
  h.arrive({ contactId: 'c1' });
  h.arrive({ contactId: 'c2' });
  h.arrive({ contactId: 'c3' });
  h.arrive({ contactId: 'x1', queueId: 'q2' });
  h.wait(2_000);
  h.answer('c1');
  h.wait(4_000); // c2's offer to a2 times out at 5 s
  h.wait(10_000);
  h.do({ type: 'end', contactId: 'c1' });
  h.wait(25_000);
  h.do({ type: 'abandon', contactId: 'c3' });
  h.do({ type: 'transfer', contactId: 'x1', to: { queueId: 'q1' } });
  h.wait(60_000);
}

describe('EVT1 sequence numbers and event times', () => {
  it('[EVT1] every event carries seq, strictly increasing per engine with no gaps', () => {
    const h = new Harness();
    busyDay(h);
    expect(h.events.length).toBeGreaterThan(40);
    expect(h.events.map((e) => e.seq)).toEqual(h.events.map((_, i) => i + 1));
    expect(h.engine.seq).toBe(h.events.length);
    for (const e of h.events) expect(typeof e.atMs).toBe('number');
  });

  it('[EVT1] seq is per engine: two engines each start at 1', () => {
    const a = new Harness();
    const b = new Harness();
    expect(a.events[0]?.seq).toBe(1);
    expect(b.events[0]?.seq).toBe(1);
  });

  it('[EVT1] events of a command carry the engine time of the command', () => {
    const h = new Harness();
    h.queue();
    h.nowMs = 12_345;
    const events = h.do({
      type: 'configureAgent',
      agent: { id: 'a1', siteId: 'rabat', skills: {} },
    });
    expect(events.map((e) => e.atMs)).toEqual([12_345]);
    const login = h.do({ type: 'login', agentId: 'a1' });
    expect(login.every((e) => e.atMs === 12_345)).toBe(true);
  });

  it("[EVT1] timer events carry the timer's own due time, not the caller's later time", () => {
    const h = new Harness({ missedOffersBeforePause: 1 });
    h.queue({ offerTimeoutSeconds: 7 });
    h.queue({ id: 'q2', skills: { ar: 1 }, maxWaitSeconds: 12 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2', queueId: 'q2' });
    const fired = h.wait(60_000);
    expect(typesOf(fired)).toEqual([
      'offerRevoked',
      'contactQueued',
      'agentStateChanged',
      'contactExpired',
    ]);
    expect(fired.map((e) => e.atMs)).toEqual([7_000, 7_000, 7_000, 12_000]);
    expect(h.engine.nowMs).toBe(60_000);
  });

  it('[EVT1] a failed command does not use up a sequence number', () => {
    const h = new Harness();
    h.queue();
    const seq = h.engine.seq;
    const result = h.attempt({ type: 'login', agentId: 'ghost' });
    expect(result.ok).toBe(false);
    const next = h.do({ type: 'configureQueue', queue: makeQueue({ id: 'q2' }) });
    expect(next[0]?.seq).toBe(seq + 1);
  });
});

describe('EVT2 apply, advance and nextDeadline', () => {
  it('[EVT2] apply fires due timers first (each at its own time, in time order), then runs the command, then routes', () => {
    const h = new Harness({ missedOffersBeforePause: 1 });
    h.queue({ offerTimeoutSeconds: 10 });
    h.queue({ id: 'q2', skills: { ar: 1 }, maxWaitSeconds: 5 });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' }); // offered to a1, expires at 10 s
    h.arrive({ contactId: 'c2', queueId: 'q2' }); // expires at 5 s
    const result = h.engine.apply({ type: 'makeAvailable', agentId: 'a1' }, 30_000);
    expect(result.ok).toBe(true);
    const events = result.events;
    expect(typesOf(events)).toEqual([
      'contactExpired', // c2 at 5 s
      'offerRevoked', // c1 at 10 s
      'contactQueued',
      'agentStateChanged', // a1 paused (missed offer)
      'agentStateChanged', // the command: a1 available
      'contactOffered', // routing after the command
      'agentStateChanged', // a1 reserved
    ]);
    expect(events.map((e) => e.atMs)).toEqual([
      5_000, 10_000, 10_000, 10_000, 30_000, 30_000, 30_000,
    ]);
    expect(h.engine.nowMs).toBe(30_000);
  });

  it('[EVT2] timers due at the same time fire in scheduling order', () => {
    const h = new Harness();
    h.queue({ id: 'qa', skills: { ar: 1 }, maxWaitSeconds: 20 });
    h.queue({ id: 'qb', skills: { ar: 1 }, maxWaitSeconds: 10 });
    h.arrive({ contactId: 'z-first', queueId: 'qa' }); // due at 20 s, scheduled at 0
    h.wait(10_000);
    h.arrive({ contactId: 'a-second', queueId: 'qb' }); // due at 20 s, scheduled at 10 s
    const fired = h.wait(10_000);
    expect(h.of('contactExpired', fired).map((e) => [e.contactId, e.atMs])).toEqual([
      ['z-first', 20_000],
      ['a-second', 20_000],
    ]);
  });

  it('[EVT2] a timer due exactly at nowMs fires before the command runs', () => {
    const h = new Harness();
    h.queue({ maxSize: 1, maxWaitSeconds: 10 });
    h.arrive({ contactId: 'c1' });
    h.nowMs = 10_000;
    // c1 expires at 10 s, so the queue has room again for c2.
    const events = h.arrive({ contactId: 'c2' });
    expect(typesOf(events)).toEqual(['contactExpired', 'contactArrived', 'contactQueued']);
    expect(h.of('contactQueued', events)[0]).toMatchObject({ contactId: 'c2', position: 1 });
  });

  it('[EVT2] advance fires only due timers and returns their events; nextDeadline tells when the next is due', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 }, maxWaitSeconds: 30, steps: [{ afterSeconds: 10 }] });
    expect(h.engine.nextDeadline()).toBeUndefined();
    h.arrive({ contactId: 'c1' });
    expect(h.engine.nextDeadline()).toBe(10_000);
    expect(h.engine.advance(9_999)).toEqual([]);
    expect(h.engine.nowMs).toBe(9_999);
    const step = h.engine.advance(10_000);
    expect(typesOf(step)).toEqual(['contactStepReached']);
    expect(h.engine.nextDeadline()).toBe(30_000);
    const expiry = h.engine.advance(45_000);
    expect(typesOf(expiry)).toEqual(['contactExpired']);
    expect(h.engine.nextDeadline()).toBeUndefined();
    expect(h.engine.nowMs).toBe(45_000);
  });

  it('[EVT2] a bad command returns ok:false with the error, changes nothing, and still returns the timer events it fired', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 }, maxWaitSeconds: 5 });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.do({ type: 'cancel', contactId: 'c2' });
    const result = h.engine.apply({ type: 'hold', contactId: 'nobody' }, 8_000);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('UnknownContact');
    expect(typesOf(result.events)).toEqual(['contactExpired']);
    expect(result.events[0]?.atMs).toBe(5_000);
    const afterFailure = h.engine.inspect();
    expect(afterFailure.contacts).toEqual([]);
    // Nothing but the timer happened: a fresh engine that only advanced agrees.
    const twin = new Harness();
    twin.queue({ skills: { ar: 1 }, maxWaitSeconds: 5 });
    twin.arrive({ contactId: 'c1' });
    twin.arrive({ contactId: 'c2' });
    twin.do({ type: 'cancel', contactId: 'c2' });
    twin.engine.advance(8_000);
    expect(afterFailure).toEqual(twin.engine.inspect());
  });

  it('[EVT2] a time before the engine time is refused with ClockWentBackwards, fires nothing and changes nothing', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 }, maxWaitSeconds: 5 });
    h.nowMs = 10_000;
    h.arrive({ contactId: 'c1' });
    const before = h.engine.inspect();
    const result = h.engine.apply({ type: 'abandon', contactId: 'c1' }, 9_999);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('ClockWentBackwards');
    expect(result.events).toEqual([]);
    expect(h.engine.inspect()).toEqual(before);
    expect(h.engine.nowMs).toBe(10_000);
  });

  it('[EVT2] a NaN time is refused like a time going backwards', () => {
    const h = new Harness();
    h.queue();
    const result = h.engine.apply({ type: 'arrive', contact: makeContact() }, Number.NaN);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('ClockWentBackwards');
    expect(h.engine.inspect().contacts).toEqual([]);
  });

  it('[EVT2] advance to an earlier time fires nothing and keeps the clock', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 }, maxWaitSeconds: 5 });
    h.nowMs = 20_000;
    h.arrive({ contactId: 'c1' });
    expect(h.engine.advance(1_000)).toEqual([]);
    expect(h.engine.nowMs).toBe(20_000);
    expect(h.contact('c1')?.state).toBe('queued');
  });

  it('[EVT2] apply at the same time as the engine is accepted', () => {
    const h = new Harness();
    h.queue();
    h.nowMs = 5_000;
    h.arrive({ contactId: 'c1' });
    const result = h.engine.apply({ type: 'cancel', contactId: 'c1' }, 5_000);
    expect(result.ok).toBe(true);
  });

  it('[EVT2] after the command the engine routes until nothing more can be matched', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    h.agent({ id: 'a1', capacity: { chat: 3 } }, false);
    for (const id of ['c1', 'c2', 'c3', 'c4']) h.arrive({ contactId: id });
    const events = h.do({ type: 'login', agentId: 'a1' });
    expect(h.of('contactOffered', events).map((e) => e.contactId)).toEqual(['c1', 'c2', 'c3']);
    expect(h.contact('c4')?.state).toBe('queued');
  });

  it('[EVT2] the engine reads no clock: nothing happens between calls, however long they take', () => {
    const engine = new Engine();
    for (const command of BASE_CONFIG) engine.applyOrThrow(command, 0);
    engine.applyOrThrow({ type: 'configureQueue', queue: makeQueue({ maxWaitSeconds: 1 }) }, 0);
    engine.applyOrThrow({ type: 'arrive', contact: makeContact() }, 0);
    expect(engine.nowMs).toBe(0);
    expect(engine.inspect().contacts.map((c) => c.state)).toEqual(['queued']);
  });
});

describe('EVT3 determinism', () => {
  it('[EVT3] the same commands at the same times give the same events and the same state', () => {
    const a = new Harness();
    const b = new Harness();
    busyDay(a);
    busyDay(b);
    expect(b.events).toEqual(a.events);
    expect(b.engine.inspect()).toEqual(a.engine.inspect());
    expect(JSON.stringify(b.engine.inspect())).toBe(JSON.stringify(a.engine.inspect()));
  });

  it('[EVT3] replaying the same commands on a raw Engine gives the same event stream', () => {
    const run = (): EngineEvent[] => {
      const engine = new Engine();
      const out: EngineEvent[] = [];
      const at = (t: number, ...cmds: Parameters<Engine['apply']>[0][]): void => {
        for (const cmd of cmds) out.push(...engine.applyOrThrow(cmd, t));
      };
      at(0, ...BASE_CONFIG);
      at(0, { type: 'configureQueue', queue: makeQueue({ offerTimeoutSeconds: 3 }) });
      at(0, { type: 'configureAgent', agent: { id: 'a', siteId: 'fes', skills: { fr: 2 } } });
      at(1_000, { type: 'login', agentId: 'a' }, { type: 'arrive', contact: makeContact() });
      out.push(...engine.advance(50_000));
      return out;
    };
    expect(run()).toEqual(run());
  });

  it('[EVT3] agents tied on idle time are ordered by when they became free, not by id', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'b' }, false);
    h.agent({ id: 'a' }, false);
    h.do({ type: 'login', agentId: 'b' });
    h.do({ type: 'login', agentId: 'a' });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('b');

    const g = new Harness();
    g.queue();
    g.agent({ id: 'b' }, false);
    g.agent({ id: 'a' }, false);
    g.do({ type: 'login', agentId: 'a' });
    g.do({ type: 'login', agentId: 'b' });
    g.arrive({ contactId: 'c1' });
    expect(g.offeredTo('c1')).toBe('a');
  });

  it('[EVT3] contacts tied on time are ordered by place in line, not by id', () => {
    const h = new Harness();
    h.queue();
    h.arrive({ contactId: 'zz' });
    h.arrive({ contactId: 'aa' });
    h.agent({ id: 'a1' });
    expect(h.offeredTo('zz')).toBe('a1');
    expect(h.contact('aa')?.state).toBe('queued');
  });
});

import { describe, expect, it } from 'vitest';
import { Harness, makeQueue, typesOf } from '../testing/builders.ts';

describe('STP1 steps change the requirements with the age in queue', () => {
  it('[STP1] at afterSeconds contactStepReached is emitted and the contact is routed again under the new rules', () => {
    const h = new Harness();
    h.queue({ skills: { fr: 8 }, steps: [{ afterSeconds: 10, minProficiencyDelta: -3 }] });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    expect(h.wait(9_999)).toEqual([]);
    const fired = h.wait(1);
    expect(typesOf(fired)).toEqual(['contactStepReached', 'contactOffered', 'agentStateChanged']);
    expect(fired[0]).toMatchObject({ contactId: 'c1', queueId: 'q1', step: 1, afterSeconds: 10 });
    expect(fired.every((e) => e.atMs === 10_000)).toBe(true);
    expect(h.of('contactOffered', fired)[0]?.decision.step).toBe(1);
  });

  it('[STP1] a lowered minimum does not go below what the agents have (fr:5 still too low for 8−2)', () => {
    const h = new Harness();
    h.queue({ skills: { fr: 8 }, steps: [{ afterSeconds: 10, minProficiencyDelta: -2 }] });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    h.wait(60_000);
    expect(h.offeredTo('c1')).toBeUndefined();
    expect(h.contact('c1')?.step).toBe(1);
  });

  it('[STP1] a raised minimum is bounded at 10', () => {
    const h = new Harness();
    h.queue({
      skills: { fr: 6, tech: 1 },
      steps: [{ afterSeconds: 10, minProficiencyDelta: 5, dropSkills: ['tech'] }],
    });
    h.agent({ id: 'nine', skills: { fr: 9 } });
    h.agent({ id: 'ten', skills: { fr: 10 } });
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    expect(h.offeredTo('c1')).toBe('ten');
  });

  it('[STP1] a lowered minimum is bounded at 1: a skill never stops being required by a delta', () => {
    const h = new Harness();
    h.queue({
      skills: { fr: 1, ar: 3 },
      steps: [{ afterSeconds: 10, minProficiencyDelta: -5 }],
    });
    h.agent({ id: 'no-ar', skills: { fr: 5 } });
    h.agent({ id: 'ar1', skills: { fr: 5, ar: 1 } }, false);
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    expect(h.offeredTo('c1')).toBeUndefined(); // ar still required (≥ 1)
    h.do({ type: 'login', agentId: 'ar1' });
    expect(h.offeredTo('c1')).toBe('ar1');
  });

  it('[STP1] skills can be added and dropped', () => {
    const h = new Harness();
    h.queue({
      skills: { fr: 1, tech: 1 },
      steps: [{ afterSeconds: 10, dropSkills: ['tech'], addSkills: { billing: 4 } }],
    });
    h.agent({ id: 'fr-only', skills: { fr: 9 } });
    h.agent({ id: 'billing3', skills: { fr: 9, billing: 3 } });
    h.agent({ id: 'billing4', skills: { fr: 2, billing: 4 } });
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    expect(h.offeredTo('c1')).toBe('billing4');
  });

  it('[STP1] sites can be added to a restricted queue', () => {
    const h = new Harness();
    h.queue({ sites: ['rabat'], steps: [{ afterSeconds: 20, addSites: ['casa1', 'casa2'] }] });
    h.agent({ id: 'fes', siteId: 'fes' });
    h.agent({ id: 'casa2', siteId: 'casa2' });
    h.arrive({ contactId: 'c1' });
    h.wait(20_000);
    expect(h.offeredTo('c1')).toBe('casa2');
  });

  it('[STP1] priority is raised, and a raised contact is served before an older one', () => {
    const h = new Harness();
    h.queue({ id: 'q1', steps: [{ afterSeconds: 10, raisePriority: 5 }] });
    h.queue({ id: 'q2' });
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c0' });
    h.answer('c0');
    h.arrive({ contactId: 'old', queueId: 'q2' });
    h.wait(1_000);
    h.arrive({ contactId: 'raised', queueId: 'q1' });
    h.wait(20_000);
    expect(h.contact('raised')).toMatchObject({ priority: 5, step: 1 });
    h.do({ type: 'end', contactId: 'c0' });
    expect(h.offeredTo('raised')).toBe('a1');
  });

  it('[STP1] steps are measured on the age in the current queue (a new visit starts again at step 0)', () => {
    const h = new Harness();
    h.queue({ id: 'q1', skills: { ar: 1 } });
    h.queue({ id: 'q2', skills: { ar: 1 }, steps: [{ afterSeconds: 10 }] });
    h.arrive({ contactId: 'c1' });
    h.wait(50_000);
    h.do({ type: 'transfer', contactId: 'c1', to: { queueId: 'q2' } });
    expect(h.engine.nextDeadline()).toBe(60_000);
    const fired = h.wait(10_000);
    expect(h.of('contactStepReached', fired)).toEqual([
      expect.objectContaining({ queueId: 'q2', step: 1, atMs: 60_000 }),
    ]);
  });
});

describe('STP2 steps are cumulative', () => {
  it('[STP2] step k applies every change of steps 1..k', () => {
    const h = new Harness();
    h.queue({
      skills: { fr: 8, tech: 1 },
      steps: [
        { afterSeconds: 10, minProficiencyDelta: -2 },
        { afterSeconds: 20, dropSkills: ['tech'] },
      ],
    });
    h.agent({ id: 'a1', skills: { fr: 6 } });
    h.arrive({ contactId: 'c1' });
    h.wait(19_999);
    expect(h.offeredTo('c1')).toBeUndefined();
    h.wait(1);
    // fr 8−2 = 6 (step 1) and no tech (step 2): a1 qualifies only if both apply.
    expect(h.offeredTo('c1')).toBe('a1');
  });

  it('[STP2] priority raises add up', () => {
    const h = new Harness();
    h.queue({
      priority: 1,
      skills: { ar: 1 },
      steps: [
        { afterSeconds: 10, raisePriority: 3 },
        { afterSeconds: 20, raisePriority: 4 },
      ],
    });
    h.arrive({ contactId: 'c1', priority: 2 });
    expect(h.contact('c1')?.priority).toBe(3);
    h.wait(10_000);
    expect(h.contact('c1')?.priority).toBe(6);
    h.wait(10_000);
    expect(h.contact('c1')).toMatchObject({ priority: 10, step: 2 });
  });

  it('[STP2] added sites accumulate', () => {
    const h = new Harness();
    h.queue({
      sites: ['rabat'],
      steps: [
        { afterSeconds: 10, addSites: ['fes'] },
        { afterSeconds: 20, addSites: ['casa1'] },
      ],
    });
    for (const site of ['rabat', 'fes', 'casa1', 'casa2']) {
      h.agent({ id: site, siteId: site });
      h.do({ type: 'pause', agentId: site, reason: 'break' });
    }
    h.arrive({ contactId: 'c1' });
    expect(h.engine.whyWaiting('c1').eligible.loggedIn).toBe(1);
    h.wait(10_000);
    expect(h.engine.whyWaiting('c1').eligible.loggedIn).toBe(2);
    h.wait(10_000);
    expect(h.engine.whyWaiting('c1').eligible.loggedIn).toBe(3);
  });

  it('[STP2] each step fires in turn, even when several are overdue', () => {
    const h = new Harness();
    h.queue({
      skills: { ar: 1 },
      steps: [{ afterSeconds: 10 }, { afterSeconds: 20 }, { afterSeconds: 30 }],
    });
    h.arrive({ contactId: 'c1' });
    h.wait(100_000);
    expect(h.of('contactStepReached').map((e) => [e.step, e.atMs])).toEqual([
      [1, 10_000],
      [2, 20_000],
      [3, 30_000],
    ]);
  });
});

describe('STP3 a step may move the contact to another queue', () => {
  it('[STP3] moveToQueue emits contactOverflowed (reason step) and starts a new visit', () => {
    const h = new Harness();
    h.queue({ id: 'q2', priority: 4, skills: { ar: 1 }, steps: [{ afterSeconds: 5 }] });
    h.queue({
      id: 'q1',
      skills: { ar: 1 },
      steps: [{ afterSeconds: 10, raisePriority: 9, moveToQueue: 'q2' }],
    });
    h.arrive({ contactId: 'c1', priority: 1 });
    const fired = h.wait(10_000);
    expect(typesOf(fired)).toEqual(['contactStepReached', 'contactOverflowed', 'contactQueued']);
    expect(fired[1]).toMatchObject({
      contactId: 'c1',
      fromQueueId: 'q1',
      toQueueId: 'q2',
      reason: 'step',
      waitMs: 10_000,
    });
    expect(fired[2]).toMatchObject({ queueId: 'q2', position: 1 });
    // CON3: new place at the current time, step 0, priority = queue + contact priority.
    expect(h.contact('c1')).toMatchObject({
      queueId: 'q2',
      enqueuedAtMs: 10_000,
      step: 0,
      priority: 5,
      state: 'queued',
    });
    expect(h.engine.queueStatus('q1').waiting).toBe(0);
    h.wait(5_000);
    expect(h.of('contactStepReached').at(-1)).toMatchObject({ queueId: 'q2', step: 1 });
  });

  it('[STP3] the moved contact is routed in its new queue at once', () => {
    const h = new Harness();
    h.queue({ id: 'q2' });
    h.queue({ id: 'q1', skills: { ar: 1 }, steps: [{ afterSeconds: 10, moveToQueue: 'q2' }] });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    expect(h.of('contactOffered')).toEqual([
      expect.objectContaining({ contactId: 'c1', queueId: 'q2', agentId: 'a1', atMs: 10_000 }),
    ]);
  });
});

describe('STP4 reconfiguring a queue keeps its waiting contacts', () => {
  it('[STP4] waiting contacts keep their place and their step', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 }, steps: [{ afterSeconds: 10 }, { afterSeconds: 100 }] });
    h.arrive({ contactId: 'c1' });
    h.wait(5_000);
    h.arrive({ contactId: 'c2' });
    h.wait(6_000); // c1 at step 1, c2 at step 0
    const before = h.engine.inspect();
    h.do({
      type: 'configureQueue',
      queue: makeQueue({
        skills: { ar: 1 },
        weight: 2,
        steps: [{ afterSeconds: 10 }, { afterSeconds: 100 }],
      }),
    });
    const after = h.engine.inspect();
    expect(after.contacts).toEqual(before.contacts);
    expect(after.queues.find((q) => q.id === 'q1')?.waiting).toEqual(['c1', 'c2']);
    h.agent({ id: 'a1', skills: { ar: 2 } });
    expect(h.offeredTo('c1')).toBe('a1');
  });

  it('[STP4] when a reconfiguration makes waiting contacts routable, the first in line is served first', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 } });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    h.wait(1_000);
    h.arrive({ contactId: 'c2' });
    h.wait(1_000);
    h.arrive({ contactId: 'c3' });
    h.do({ type: 'configureQueue', queue: makeQueue({ skills: { fr: 1 } }) });
    expect(h.offeredTo('c1')).toBe('a1');
    expect(h.engine.inspect().queues[0]?.waiting).toEqual(['c2', 'c3']);
  });

  it('[STP4] new requirements apply at once to the waiting contacts', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 } });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    const events = h.do({ type: 'configureQueue', queue: makeQueue({ skills: { fr: 2 } }) });
    expect(typesOf(events).slice(0, 2)).toEqual(['queueConfigured', 'contactOffered']);
  });

  it("[STP4] the next step follows the new configuration, from the contact's original place", () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 }, steps: [{ afterSeconds: 60 }] });
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    h.do({
      type: 'configureQueue',
      queue: makeQueue({ skills: { ar: 1 }, steps: [{ afterSeconds: 30 }] }),
    });
    expect(h.engine.nextDeadline()).toBe(30_000);
    h.wait(20_000);
    expect(h.of('contactStepReached')).toEqual([
      expect.objectContaining({ step: 1, atMs: 30_000 }),
    ]);
  });

  it('[STP4] a contact ringing or waiting for a preferred agent is not disturbed', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    h.do({ type: 'pause', agentId: 'a2', reason: 'break' });
    h.arrive({ contactId: 'ringing' });
    h.arrive({ contactId: 'named', preferredAgentId: 'a2' });
    const before = h.engine.inspect();
    h.do({ type: 'configureQueue', queue: makeQueue({ weight: 3 }) });
    expect(h.engine.inspect().contacts).toEqual(before.contacts);
    h.do({ type: 'makeAvailable', agentId: 'a2' });
    expect(h.offeredTo('named')).toBe('a2');
  });
});

import { describe, expect, it } from 'vitest';
import type { AgentConfig, EngineOptions, QueueConfig } from '../model/config.ts';
import { Harness } from '../testing/builders.ts';

/** Agents logged in one after the other, `gapMs` apart, so their idle order is known. */
function agentsInOrder(h: Harness, agents: Partial<AgentConfig>[], gapMs = 1_000): void {
  for (const agent of agents) {
    h.agent(agent);
    h.wait(gapMs);
  }
}

/** One contact answered and ended at once by whoever gets it. */
function handleOne(h: Harness, contactId: string, queueId = 'q1'): string | undefined {
  h.arrive({ contactId, queueId });
  const agent = h.offeredTo(contactId);
  if (agent !== undefined) {
    h.answer(contactId);
    h.do({ type: 'end', contactId });
  }
  return agent;
}

const lastDecision = (h: Harness) => h.of('contactOffered').at(-1)?.decision;

/**
 * Agents all in one pool (same skills, same site) or each in its own pool (different sites):
 * a strategy must give the same answer either way (SPEC PERF1).
 */
const LAYOUTS: { name: string; agents: (ids: string[]) => Partial<AgentConfig>[] }[] = [
  { name: 'one shared pool', agents: (ids) => ids.map((id) => ({ id })) },
  {
    name: 'one pool each',
    agents: (ids) =>
      ids.map((id, i) => ({ id, siteId: ['rabat', 'fes', 'casa1', 'casa2'][i % 4] ?? 'rabat' })),
  },
];

describe('MAT1 longest-idle (default)', () => {
  it('[MAT1] the agent free the longest gets the contact', () => {
    const h = new Harness();
    h.queue();
    agentsInOrder(h, [{ id: 'a3' }, { id: 'a1' }, { id: 'a2' }]);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a3');
    expect(lastDecision(h)?.rule).toBe('longest-idle');
  });

  for (const layout of LAYOUTS) {
    it(`[MAT1] idle time counts from when the agent last became free, end of its last contact (${layout.name})`, () => {
      const h = new Harness();
      h.queue();
      agentsInOrder(h, layout.agents(['a1', 'a2', 'a3']));
      expect(handleOne(h, 'c1')).toBe('a1'); // a1 free again now, after a2 and a3
      h.wait(1_000);
      expect(handleOne(h, 'c2')).toBe('a2');
      h.wait(1_000);
      expect(handleOne(h, 'c3')).toBe('a3');
      h.wait(1_000);
      expect(handleOne(h, 'c4')).toBe('a1');
    });
  }

  it('[MAT1] coming back from a pause counts as becoming free', () => {
    const h = new Harness();
    h.queue();
    agentsInOrder(h, [{ id: 'a1' }, { id: 'a2' }]);
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.wait(1_000);
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a2');
  });

  it('[MAT1] receiving a contact on another channel does not reset idle time on this one', () => {
    // exclusiveVoice false: a chat does not make the agent unavailable for voice, so its
    // voice idle time runs on (SPEC: "since it last became free or last received a contact
    // on that channel").
    const h = new Harness();
    h.queue({ id: 'qv', channel: 'voice' });
    h.queue({ id: 'qc', channel: 'chat' });
    const multi = { capacity: { voice: 1, chat: 2 }, exclusiveVoice: false };
    agentsInOrder(h, [
      { id: 'a1', ...multi },
      { id: 'a2', ...multi },
    ]);
    h.arrive({ contactId: 'chat1', queueId: 'qc' });
    expect(h.offeredTo('chat1')).toBe('a1');
    h.wait(1_000);
    h.arrive({ contactId: 'v1', queueId: 'qv' });
    expect(h.offeredTo('v1')).toBe('a1');
  });

  it('[MAT1] receiving a contact on a channel resets idle time on that channel', () => {
    const h = new Harness();
    h.queue({ channel: 'chat' });
    agentsInOrder(h, [
      { id: 'a1', capacity: { chat: 3 } },
      { id: 'a2', capacity: { chat: 3 } },
    ]);
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.arrive({ contactId: 'c3' });
    expect([h.offeredTo('c1'), h.offeredTo('c2'), h.offeredTo('c3')]).toEqual(['a1', 'a2', 'a1']);
  });
});

describe('MAT2 most-skilled', () => {
  const skilled = (): Harness => {
    const h = new Harness();
    h.queue({ strategy: 'most-skilled', skills: { fr: 1, billing: 1 } });
    return h;
  };

  it('[MAT2] picks the highest mean proficiency over the required skills', () => {
    const h = skilled();
    agentsInOrder(h, [
      { id: 'low', skills: { fr: 3, billing: 3 } }, // mean 3, idle longest
      { id: 'lopsided', skills: { fr: 9, billing: 1 } }, // mean 5
      { id: 'even', skills: { fr: 6, billing: 6 } }, // mean 6
    ]);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('even');
    const decision = lastDecision(h);
    expect(decision?.rule).toBe('most-skilled');
    expect(decision?.candidates.map((c) => [c.id, c.score[1]])).toEqual([
      ['even', -6],
      ['lopsided', -5],
      ['low', -3],
    ]);
  });

  it('[MAT2] skills the contact does not require do not count', () => {
    const h = new Harness();
    h.queue({ strategy: 'most-skilled', skills: { fr: 1 } });
    agentsInOrder(h, [
      { id: 'polyglot', skills: { fr: 5, en: 10, es: 10, ar: 10 } },
      { id: 'french', skills: { fr: 6 } },
    ]);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('french');
  });

  it('[MAT2] ties go to the longest idle', () => {
    for (const order of [
      ['x', 'y'],
      ['y', 'x'],
    ]) {
      const h = skilled();
      const skills: Record<string, Record<string, number>> = {
        x: { fr: 7, billing: 5 },
        y: { fr: 5, billing: 7 },
      };
      agentsInOrder(
        h,
        order.map((id) => ({ id, skills: skills[id] ?? {} })),
      );
      h.arrive({ contactId: 'c1' });
      expect(h.offeredTo('c1')).toBe(order[0]);
    }
  });

  it("[MAT2] the mean is over the skills of the contact's current step", () => {
    const h = new Harness();
    h.queue({
      strategy: 'most-skilled',
      skills: { fr: 1, tech: 1 },
      steps: [{ afterSeconds: 10, dropSkills: ['tech'], addSkills: { billing: 1 } }],
    });
    agentsInOrder(h, [
      { id: 'fr-strong', skills: { fr: 9, billing: 1 } }, // step 1 mean 5
      { id: 'balanced', skills: { fr: 5, billing: 7 } }, // step 1 mean 6
    ]);
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    expect(h.offeredTo('c1')).toBe('balanced');
    expect(lastDecision(h)?.step).toBe(1);
  });
});

describe('MAT3 least-occupied', () => {
  for (const layout of LAYOUTS) {
    it(`[MAT3] picks the least handling time since login, wrap-up included (${layout.name})`, () => {
      const h = new Harness();
      h.queue({ strategy: 'least-occupied', wrapUp: { mode: 'manual' }, offerTimeoutSeconds: 60 });
      agentsInOrder(h, layout.agents(['a1', 'a2']), 0);
      h.arrive({ contactId: 'c1' }); // → a1
      h.arrive({ contactId: 'c2' }); // → a2
      h.answer('c1'); // a1 connected at 0
      h.waitUntil(5_000);
      h.do({ type: 'end', contactId: 'c1' }); // a1 talked 5 s
      h.waitUntil(10_000);
      h.answer('c2'); // a2 connected at 10 s
      h.waitUntil(30_000);
      h.do({ type: 'endWrapUp', contactId: 'c1' }); // a1: 30 s handled, free since 30 s
      h.waitUntil(35_000);
      h.do({ type: 'end', contactId: 'c2' }); // a2 talked 25 s
      h.waitUntil(36_000);
      h.do({ type: 'endWrapUp', contactId: 'c2' }); // a2: 26 s handled, free since 36 s
      expect(h.engine.agentStatus('a1').handledMs).toBe(30_000);
      expect(h.engine.agentStatus('a2').handledMs).toBe(26_000);
      h.wait(1_000);
      h.arrive({ contactId: 'c3' });
      expect(h.offeredTo('c3')).toBe('a2'); // longest idle would be a1
      expect(lastDecision(h)?.rule).toBe('least-occupied');
    });
  }

  it('[MAT3] ties go to the longest idle', () => {
    const h = new Harness();
    h.queue({ strategy: 'least-occupied' });
    agentsInOrder(h, [{ id: 'b' }, { id: 'a' }]);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('b');
  });

  it('[MAT3] handling time counts since login only', () => {
    const h = new Harness();
    h.queue({ strategy: 'least-occupied' });
    agentsInOrder(h, [{ id: 'a1' }, { id: 'a2' }]);
    h.arrive({ contactId: 'c1' }); // → a1
    h.answer('c1');
    h.wait(10_000);
    h.do({ type: 'end', contactId: 'c1' });
    h.arrive({ contactId: 'c2' }); // → a2
    h.answer('c2');
    h.wait(20_000);
    h.do({ type: 'end', contactId: 'c2' });
    // a1 10 s, a2 20 s; a1 logs out and in again: back to 0, a2 still 20 s.
    h.do({ type: 'logout', agentId: 'a1' });
    h.do({ type: 'login', agentId: 'a1' });
    h.arrive({ contactId: 'c3' });
    expect(h.offeredTo('c3')).toBe('a1');
  });
});

describe('MAT4 round-robin', () => {
  for (const layout of LAYOUTS) {
    it(`[MAT4] picks the agent whose last offer is the oldest, even if it was free for less time (${layout.name})`, () => {
      const h = new Harness();
      h.queue({ strategy: 'round-robin' });
      agentsInOrder(h, layout.agents(['a1', 'a2']), 0);
      h.arrive({ contactId: 'c1' }); // offer #1 → a1
      h.arrive({ contactId: 'c2' }); // offer #2 → a2
      h.answer('c1');
      h.answer('c2');
      h.waitUntil(5_000);
      h.do({ type: 'end', contactId: 'c2' }); // a2 free since 5 s
      h.waitUntil(50_000);
      h.do({ type: 'end', contactId: 'c1' }); // a1 free since 50 s
      h.waitUntil(60_000);
      h.arrive({ contactId: 'c3' });
      expect(h.offeredTo('c3')).toBe('a1');
      expect(lastDecision(h)?.rule).toBe('round-robin');
    });
  }

  for (const layout of LAYOUTS) {
    it(`[MAT4] an agent never offered anything comes first (${layout.name})`, () => {
      const h = new Harness();
      h.queue({ strategy: 'round-robin' });
      const [first, late] = layout.agents(['a1', 'late']);
      agentsInOrder(h, [first ?? {}]);
      handleOne(h, 'c1');
      h.wait(60_000);
      h.agent(late);
      h.arrive({ contactId: 'c2' });
      expect(h.offeredTo('c2')).toBe('late');
    });
  }

  it('[MAT4] ties (never offered) go to the longest idle', () => {
    const h = new Harness();
    h.queue({ strategy: 'round-robin' });
    agentsInOrder(h, [{ id: 'z' }, { id: 'a' }]);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('z');
  });

  it('[MAT4] a declined offer counts as an offer', () => {
    const h = new Harness();
    h.queue({ strategy: 'round-robin' });
    agentsInOrder(h, [{ id: 'a1' }, { id: 'a2' }]);
    h.arrive({ contactId: 'c1' });
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a2');
    h.do({ type: 'decline', agentId: 'a2', contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('a1');
  });
});

describe('MAT5 an agent picks among the waiting contacts', () => {
  const waitingThenAgent = (
    queues: Partial<QueueConfig>[],
    arrivals: { contactId: string; queueId: string; atMs: number; priority?: number }[],
    agentAtMs: number,
    options: EngineOptions = {},
  ): Harness => {
    const h = new Harness(options);
    for (const q of queues) h.queue(q);
    h.agent({ id: 'a1', skills: { fr: 5, ar: 5 } }, false);
    for (const { atMs, ...contact } of arrivals) {
      h.waitUntil(atMs);
      h.arrive(contact);
    }
    h.waitUntil(agentAtMs);
    h.do({ type: 'login', agentId: 'a1' });
    return h;
  };

  it('[MAT5] the highest priority first, however young', () => {
    const h = waitingThenAgent(
      [{ id: 'q1' }],
      [
        { contactId: 'old', queueId: 'q1', atMs: 0 },
        { contactId: 'vip', queueId: 'q1', atMs: 10_000, priority: 5 },
      ],
      20_000,
    );
    expect(h.offeredTo('vip')).toBe('a1');
    expect(lastDecision(h)).toMatchObject({ trigger: 'agent', rule: 'priority-then-weighted-age' });
  });

  it('[MAT5] priority is queue priority + contact priority, compared across queues', () => {
    const h = waitingThenAgent(
      [
        { id: 'qa', priority: 5 },
        { id: 'qb', priority: 0, skills: { ar: 1 } },
      ],
      [
        { contactId: 'b-old', queueId: 'qb', atMs: 0, priority: 4 },
        { contactId: 'a-young', queueId: 'qa', atMs: 10_000 },
      ],
      20_000,
    );
    expect(h.offeredTo('a-young')).toBe('a1');
  });

  it('[MAT5] same priority: the largest age × queue weight', () => {
    const h = waitingThenAgent(
      [
        { id: 'qa', weight: 1 },
        { id: 'qb', weight: 3, skills: { ar: 1 } },
      ],
      [
        { contactId: 'a-old', queueId: 'qa', atMs: 0 }, // 30 s × 1
        { contactId: 'b-young', queueId: 'qb', atMs: 15_000 }, // 15 s × 3
      ],
      30_000,
    );
    expect(h.offeredTo('b-young')).toBe('a1');
  });

  it('[MAT5] equal weights: the oldest', () => {
    const h = waitingThenAgent(
      [{ id: 'qa' }, { id: 'qb', skills: { ar: 1 } }],
      [
        { contactId: 'b-old', queueId: 'qb', atMs: 0 },
        { contactId: 'a-young', queueId: 'qa', atMs: 15_000 },
      ],
      30_000,
    );
    expect(h.offeredTo('b-old')).toBe('a1');
  });

  it('[MAT5] equal weighted age: the earliest place', () => {
    const h = waitingThenAgent(
      [
        { id: 'qa', weight: 1 },
        { id: 'qb', weight: 2, skills: { ar: 1 } },
      ],
      [
        { contactId: 'z-early', queueId: 'qa', atMs: 0 }, // 30 s × 1
        { contactId: 'a-late', queueId: 'qb', atMs: 15_000 }, // 15 s × 2
      ],
      30_000,
    );
    expect(h.offeredTo('z-early')).toBe('a1');
  });

  it('[MAT5] contacts of every bucket the agent can serve are weighed, other steps and channels included', () => {
    const h = new Harness();
    h.queue({ id: 'q1', steps: [{ afterSeconds: 10, raisePriority: 1 }] });
    h.queue({ id: 'qc', channel: 'chat' });
    h.agent({ id: 'a1', capacity: { voice: 1, chat: 1 } }, false);
    h.arrive({ contactId: 'stepped', queueId: 'q1' }); // reaches step 1 at 10 s
    h.waitUntil(5_000);
    h.arrive({ contactId: 'chat', queueId: 'qc' });
    h.waitUntil(11_000);
    h.arrive({ contactId: 'fresh', queueId: 'q1' });
    h.do({ type: 'login', agentId: 'a1' });
    expect(h.offeredTo('stepped')).toBe('a1');
    expect(lastDecision(h)?.considered).toBe(3);
  });

  it('[MAT5] when a queue change makes several waiting contacts routable at once, the highest priority goes first', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 1 } });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'low' });
    h.wait(1_000);
    h.arrive({ contactId: 'high', priority: 5 });
    h.do({
      type: 'configureQueue',
      queue: { id: 'q1', clientId: 'x', channel: 'voice', skills: {} },
    });
    expect(h.offeredTo('high')).toBe('a1');
  });
});

describe('MAT6 favour queues below their service-level target', () => {
  /** qa misses its target (answer after 30 s), qb meets it; then both have a waiting contact. */
  const slWorld = (favour: boolean): Harness => {
    const h = new Harness({ favourQueuesBelowTarget: favour });
    const serviceLevel = { thresholdSeconds: 10, target: 0.8 };
    h.queue({ id: 'qa', serviceLevel });
    h.queue({ id: 'qb', serviceLevel, skills: { ar: 1 } });
    h.agent({ id: 'a1', skills: { fr: 5, ar: 5 } });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'a-late', queueId: 'qa' });
    h.waitUntil(30_000);
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    h.answer('a-late');
    h.do({ type: 'end', contactId: 'a-late' });
    handleOne(h, 'b-fast', 'qb');
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'b-waiting', queueId: 'qb' });
    h.waitUntil(40_000);
    h.arrive({ contactId: 'a-waiting', queueId: 'qa' });
    h.waitUntil(45_000);
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    return h;
  };

  it('[MAT6] after priority, the queue furthest below target wins over weighted age', () => {
    const h = slWorld(true);
    expect(h.engine.queueStatus('qa').serviceLevel).toBe(0);
    expect(h.engine.queueStatus('qb').serviceLevel).toBe(1);
    expect(h.offeredTo('a-waiting')).toBe('a1');
    expect(lastDecision(h)).toMatchObject({ trigger: 'agent', rule: 'service-level-gap' });
  });

  it('[MAT6] without the option the oldest wins', () => {
    const h = slWorld(false);
    expect(h.offeredTo('b-waiting')).toBe('a1');
  });

  it('[MAT6] priority still comes first', () => {
    const h = new Harness({ favourQueuesBelowTarget: true });
    const serviceLevel = { thresholdSeconds: 10, target: 0.8 };
    h.queue({ id: 'qa', serviceLevel });
    h.queue({ id: 'qb', serviceLevel, skills: { ar: 1 }, priority: 1 });
    h.agent({ id: 'a1', skills: { fr: 5, ar: 5 } });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'a-late', queueId: 'qa' });
    h.waitUntil(30_000);
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    h.answer('a-late');
    h.do({ type: 'end', contactId: 'a-late' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'a-waiting', queueId: 'qa' });
    h.arrive({ contactId: 'b-priority', queueId: 'qb' });
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(h.offeredTo('b-priority')).toBe('a1');
  });

  it('[MAT6] equal gaps fall back to weighted age', () => {
    const h = new Harness({ favourQueuesBelowTarget: true });
    h.queue({ id: 'qa' });
    h.queue({ id: 'qb', skills: { ar: 1 }, weight: 4 });
    h.agent({ id: 'a1', skills: { fr: 5, ar: 5 } }, false);
    h.arrive({ contactId: 'a-old', queueId: 'qa' });
    h.waitUntil(20_000);
    h.arrive({ contactId: 'b-weighted', queueId: 'qb' });
    h.waitUntil(30_000); // 30 s × 1 against 10 s × 4
    h.do({ type: 'login', agentId: 'a1' });
    expect(h.offeredTo('b-weighted')).toBe('a1');
  });
});

describe('MAT7 site preference', () => {
  it("[MAT7] agents of the contact's site come first, whatever their idle time", () => {
    const h = new Harness();
    h.queue();
    agentsInOrder(h, [
      { id: 'rabat', siteId: 'rabat' },
      { id: 'casa1', siteId: 'casa1' },
    ]);
    h.arrive({ contactId: 'c1', siteId: 'casa1' });
    expect(h.offeredTo('c1')).toBe('casa1');
    expect(lastDecision(h)?.scoreFields[0]).toBe('siteTier');
    expect(lastDecision(h)?.candidates.map((c) => [c.id, c.score[0]])).toEqual([
      ['casa1', 0],
      ['rabat', 2],
    ]);
  });

  it('[MAT7] then agents of the same city, then the rest of the network', () => {
    const h = new Harness();
    h.queue();
    agentsInOrder(h, [
      { id: 'fes', siteId: 'fes' },
      { id: 'rabat', siteId: 'rabat' },
      { id: 'casa2', siteId: 'casa2' },
    ]);
    h.arrive({ contactId: 'c1', siteId: 'casa1' });
    expect(h.offeredTo('c1')).toBe('casa2');
    h.arrive({ contactId: 'c2', siteId: 'casa1' });
    expect(h.offeredTo('c2')).toBe('fes'); // both elsewhere: longest idle
  });

  it("[MAT7] without a contact site, the queue's homeSiteId is the home", () => {
    const h = new Harness();
    h.queue({ homeSiteId: 'fes' });
    agentsInOrder(h, [
      { id: 'rabat', siteId: 'rabat' },
      { id: 'fes', siteId: 'fes' },
    ]);
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBe('fes');
  });

  it("[MAT7] the contact's site overrides the queue's home site", () => {
    const h = new Harness();
    h.queue({ homeSiteId: 'fes' });
    agentsInOrder(h, [
      { id: 'fes', siteId: 'fes' },
      { id: 'rabat', siteId: 'rabat' },
    ]);
    h.arrive({ contactId: 'c1', siteId: 'rabat' });
    expect(h.offeredTo('c1')).toBe('rabat');
  });

  it("[MAT7] site preference comes before the strategy's order (most-skilled)", () => {
    const h = new Harness();
    h.queue({ strategy: 'most-skilled' });
    agentsInOrder(h, [
      { id: 'expert', siteId: 'rabat', skills: { fr: 10 } },
      { id: 'local', siteId: 'casa1', skills: { fr: 2 } },
    ]);
    h.arrive({ contactId: 'c1', siteId: 'casa1' });
    expect(h.offeredTo('c1')).toBe('local');
  });

  it("[MAT7] a queue's sites restrict eligibility until a step widens it", () => {
    const h = new Harness();
    h.queue({ sites: ['rabat'], steps: [{ afterSeconds: 10, addSites: ['fes'] }] });
    h.agent({ id: 'fes', siteId: 'fes' });
    h.agent({ id: 'casa', siteId: 'casa1' });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    const fired = h.wait(10_000);
    expect(h.of('contactOffered', fired)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'fes', atMs: 10_000 }),
    ]);
  });

  it("[MAT7] a step adding 'network' lifts the site restriction", () => {
    const h = new Harness();
    h.queue({ sites: ['rabat'], steps: [{ afterSeconds: 10, addSites: 'network' }] });
    h.agent({ id: 'casa', siteId: 'casa2' });
    h.arrive({ contactId: 'c1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    h.wait(10_000);
    expect(h.offeredTo('c1')).toBe('casa');
  });
});

describe('MAT8 preferred agent', () => {
  it('[MAT8] a contact naming a logged-in agent waits for that agent only', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c0' });
    h.answer('c0'); // a1 busy
    h.agent({ id: 'a2' });
    const events = h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    expect(h.of('contactWaitingForAgent', events)).toEqual([
      expect.objectContaining({ contactId: 'c1', agentId: 'a1', untilMs: 30_000 }),
    ]);
    expect(h.offeredTo('c1')).toBeUndefined();
    expect(h.engine.agentStatus('a2').state).toBe('available');
  });

  it('[MAT8] after 30 s by default the contact is routed normally (preferredWaitEnded)', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    expect(h.wait(29_999)).toEqual([]);
    const fired = h.wait(1);
    expect(fired.map((e) => [e.type, e.atMs])).toEqual([
      ['preferredWaitEnded', 30_000],
      ['contactOffered', 30_000],
      ['agentStateChanged', 30_000],
    ]);
    expect(h.of('preferredWaitEnded', fired)[0]).toMatchObject({ contactId: 'c1', agentId: 'a1' });
    expect(h.offeredTo('c1')).toBe('a2');
  });

  it("[MAT8] the wait is the contact's preferredWaitSeconds, else the queue's preferredAgentWaitSeconds", () => {
    const h = new Harness();
    h.queue({ preferredAgentWaitSeconds: 12 });
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    const byQueue = h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    const byContact = h.arrive({
      contactId: 'c2',
      preferredAgentId: 'a1',
      preferredWaitSeconds: 5,
    });
    expect(h.of('contactWaitingForAgent', byQueue)[0]?.untilMs).toBe(12_000);
    expect(h.of('contactWaitingForAgent', byContact)[0]?.untilMs).toBe(5_000);
    h.wait(12_000);
    expect(h.of('preferredWaitEnded').map((e) => [e.contactId, e.atMs])).toEqual([
      ['c2', 5_000],
      ['c1', 12_000],
    ]);
  });

  it('[MAT8] a logged-out preferred agent is not waited for', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' }, false);
    h.agent({ id: 'a2' });
    const events = h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    expect(h.of('contactWaitingForAgent', events)).toEqual([]);
    expect(h.offeredTo('c1')).toBe('a2');
  });

  it('[MAT8] a paused preferred agent is logged in, so it is waited for', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    expect(h.offeredTo('c1')).toBeUndefined();
    h.wait(5_000);
    const events = h.do({ type: 'makeAvailable', agentId: 'a1' });
    expect(h.of('contactOffered', events)[0]).toMatchObject({
      contactId: 'c1',
      agentId: 'a1',
      decision: expect.objectContaining({ rule: 'preferred-agent', trigger: 'agent' }) as unknown,
    });
  });

  it('[MAT8] an agent who can take work serves contacts waiting for it by name before its queues', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c0' });
    h.answer('c0');
    h.arrive({ contactId: 'older' }); // waits in q1
    h.wait(5_000);
    h.arrive({ contactId: 'named', preferredAgentId: 'a1', priority: -5 });
    h.wait(5_000);
    h.do({ type: 'end', contactId: 'c0' });
    expect(h.offeredTo('named')).toBe('a1');
    expect(h.contact('older')?.state).toBe('queued');
  });

  it('[MAT8] a free preferred agent gets the contact at once', () => {
    const h = new Harness();
    h.queue();
    agentsInOrder(h, [{ id: 'a1' }, { id: 'a2' }]);
    h.arrive({ contactId: 'c1', preferredAgentId: 'a2' });
    expect(h.offeredTo('c1')).toBe('a2');
  });
});

describe('MAT9 no free eligible agent idles while an eligible contact waits', () => {
  it('[MAT9] after every command and timer, no queued contact has a free eligible agent', () => {
    const h = new Harness({ missedOffersBeforePause: 2 });
    h.queue({
      offerTimeoutSeconds: 8,
      wrapUp: { mode: 'timed', seconds: 4 },
      steps: [{ afterSeconds: 15, minProficiencyDelta: -4 }],
      skills: { fr: 6 },
    });
    h.queue({ id: 'qc', channel: 'chat', skills: { ar: 1 }, maxWaitSeconds: 50 });
    h.agent({ id: 'a1', skills: { fr: 8, ar: 2 }, capacity: { voice: 1, chat: 2 } });
    h.agent({ id: 'a2', skills: { fr: 3 }, siteId: 'fes' });
    h.agent({ id: 'a3', skills: { ar: 5 }, capacity: { chat: 3 } });
    const check = (): void => {
      for (const contact of h.engine.inspect().contacts) {
        if (contact.state !== 'queued') continue;
        expect(h.engine.whyWaiting(contact.id).reason).not.toBe('being-routed');
      }
    };
    let n = 0;
    for (let t = 0; t < 200_000; t += 3_000) {
      h.waitUntil(t);
      check();
      h.arrive({ contactId: `v${n}`, queueId: n % 3 === 0 ? 'qc' : 'q1' });
      check();
      const ringing = h.engine.inspect().contacts.filter((c) => c.state === 'offered');
      for (const [i, c] of ringing.entries()) {
        if (i % 2 === 0 && c.agentId) h.do({ type: 'accept', agentId: c.agentId, contactId: c.id });
        check();
      }
      const talking = h.engine.inspect().contacts.filter((c) => c.state === 'connected');
      for (const c of talking.slice(0, 2)) {
        h.do({ type: 'end', contactId: c.id });
        check();
      }
      if (n % 7 === 3) h.do({ type: 'makeAvailable', agentId: 'a1' });
      if (n % 7 === 5) h.do({ type: 'makeAvailable', agentId: 'a2' });
      check();
      n++;
    }
    expect(h.of('contactCompleted').length).toBeGreaterThan(20);
  });

  it('[MAT9] the only exception is a contact waiting for its preferred agent', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    expect(h.engine.whyWaiting('c1')).toMatchObject({ reason: 'waiting-for-preferred-agent' });
    expect(h.engine.queueStatus('q1')).toMatchObject({ waiting: 1, availableAgents: 1 });
  });
});

describe('PERF1 pools and profiles (observable behaviour)', () => {
  it('[PERF1] the choice is the same whether agents share a pool or each has its own', () => {
    const run = (distinct: boolean): (string | undefined)[] => {
      const h = new Harness();
      h.queue();
      agentsInOrder(
        h,
        ['a1', 'a2', 'a3', 'a4'].map((id, i) => ({
          id,
          skills: { fr: distinct ? i + 2 : 5 },
          siteId: distinct && i % 2 ? 'fes' : 'rabat',
        })),
      );
      const picked: (string | undefined)[] = [];
      for (let i = 0; i < 6; i++) {
        picked.push(handleOne(h, `c${i}`));
        h.wait(500);
      }
      return picked;
    };
    expect(run(true)).toEqual(['a1', 'a2', 'a3', 'a4', 'a1', 'a2']);
    expect(run(false)).toEqual(run(true));
  });

  it('[PERF1] agents with the same skills and proficiencies share a profile; a pool is profile × site × channel', () => {
    const h = new Harness();
    h.queue();
    for (let i = 0; i < 40; i++) {
      h.agent({
        id: `a${i}`,
        skills: i % 2 ? { fr: 5, ar: 3 } : { ar: 3, fr: 5, billing: 2 },
        siteId: i % 4 < 2 ? 'rabat' : 'fes',
      });
    }
    const metrics = h.engine.metrics();
    expect(metrics.profiles).toBe(2);
    expect(metrics.pools).toBe(2 * 2); // 2 profiles × 2 sites × the voice slot
    h.arrive({ contactId: 'c1' });
    const decision = lastDecision(h);
    expect(decision?.considered).toBe(4); // one head per pool is weighed
    expect(h.offeredTo('c1')).toBe('a0');
  });
});

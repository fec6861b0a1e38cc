import { describe, expect, it } from 'vitest';
import type { AgentSelection, ServiceLevelFormula } from '../model/config.ts';
import { EngineError } from '../model/errors.ts';
import type { AgentState, Decision } from '../model/events.ts';
import { Harness } from '../testing/builders.ts';

const lexLess = (a: number[], b: number[]): boolean => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
};

/** Checks the shape every decision must have (SPEC EXP1). */
function expectWellFormed(decision: Decision, chosen: string): void {
  expect(decision.candidates.length).toBeGreaterThan(0);
  expect(decision.considered).toBeGreaterThanOrEqual(decision.candidates.length);
  expect(decision.candidates[0]?.id).toBe(chosen);
  for (const c of decision.candidates) expect(c.score).toHaveLength(decision.scoreFields.length);
  for (let i = 1; i < decision.candidates.length; i++) {
    const prev = decision.candidates[i - 1]?.score ?? [];
    const next = decision.candidates[i]?.score ?? [];
    expect(lexLess(next, prev)).toBe(false);
  }
}

const noAgents = (): Record<AgentState, number> => ({
  loggedOut: 0,
  available: 0,
  paused: 0,
  reserved: 0,
  busy: 0,
  wrapUp: 0,
});

describe('EXP1 every offer carries its decision', () => {
  it('[EXP1] a contact looking for an agent: trigger, rule, score fields, step, considered, best candidates in order', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'fes', siteId: 'fes' });
    h.wait(1_000);
    h.agent({ id: 'rabat', siteId: 'rabat' });
    h.wait(1_000);
    h.agent({ id: 'casa', siteId: 'casa1' });
    h.wait(1_000);
    h.arrive({ contactId: 'c1' });
    const decision = h.of('contactOffered')[0]?.decision;
    expect(decision).toEqual({
      trigger: 'contact',
      rule: 'longest-idle',
      scoreFields: ['siteTier', 'idleSinceMs', 'idleOrder'],
      step: 0,
      considered: 3,
      candidates: [
        { id: 'fes', score: [0, 0, 1] },
        { id: 'rabat', score: [0, 1_000, 2] },
        { id: 'casa', score: [0, 2_000, 3] },
      ],
    });
  });

  it('[EXP1] explainCandidates limits the list; all candidates are still counted', () => {
    const h = new Harness({ explainCandidates: 2 });
    h.queue();
    for (const site of ['fes', 'rabat', 'casa1', 'casa2']) h.agent({ id: site, siteId: site });
    h.arrive({ contactId: 'c1' });
    const decision = h.of('contactOffered')[0]?.decision;
    expect(decision?.considered).toBe(4);
    expect(decision?.candidates.map((c) => c.id)).toEqual(['fes', 'rabat']);
  });

  for (const strategy of [
    'longest-idle',
    'most-skilled',
    'least-occupied',
    'round-robin',
  ] as AgentSelection[]) {
    it(`[EXP1] the rule is the queue's strategy (${strategy}) with its score fields`, () => {
      const h = new Harness();
      h.queue({ strategy });
      h.agent({ id: 'a1', skills: { fr: 4 } });
      h.agent({ id: 'a2', skills: { fr: 7 } });
      h.arrive({ contactId: 'c1' });
      const offer = h.of('contactOffered')[0];
      expect(offer?.decision.rule).toBe(strategy);
      expect(offer?.decision.scoreFields[0]).toBe('siteTier');
      expect(offer?.decision.considered).toBe(2);
      if (offer) expectWellFormed(offer.decision, offer.agentId);
    });
  }

  it('[EXP1] an agent looking for a contact: trigger agent, contacts as candidates', () => {
    const h = new Harness();
    h.queue({ id: 'qa' });
    h.queue({ id: 'qb', priority: 1 });
    h.arrive({ contactId: 'a-old', queueId: 'qa' });
    h.wait(1_000);
    h.arrive({ contactId: 'a-young', queueId: 'qa' });
    h.arrive({ contactId: 'b-vip', queueId: 'qb' });
    h.wait(1_000);
    h.agent({ id: 'a1' });
    const decision = h.of('contactOffered')[0]?.decision;
    expect(decision).toMatchObject({
      trigger: 'agent',
      rule: 'priority-then-weighted-age',
      scoreFields: ['minusPriority', 'minusWeightedAgeMs', 'order'],
      step: 0,
      considered: 2, // the head of each bucket: qa and qb
    });
    expect(decision?.candidates.map((c) => c.id)).toEqual(['b-vip', 'a-old']);
    expect(decision?.candidates[0]?.score).toEqual([-1, -1_000, 3]);
  });

  it('[EXP1] a preferred agent serving its named contact says so', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    const offer = h.of('contactOffered')[0];
    expect(offer?.decision).toMatchObject({
      trigger: 'agent',
      rule: 'preferred-agent',
      considered: 1,
    });
    if (offer) expectWellFormed(offer.decision, offer.contactId);
  });

  it('[EXP1] in a busy day every decision names the chosen one first, scores sorted, lower wins', () => {
    const h = new Harness();
    h.queue({ strategy: 'most-skilled', offerTimeoutSeconds: 6, skills: { fr: 2 } });
    h.queue({ id: 'q2', weight: 2, steps: [{ afterSeconds: 8, raisePriority: 1 }] });
    for (const [i, site] of ['rabat', 'fes', 'casa1'].entries()) {
      h.agent({ id: `a${i}`, siteId: site, skills: { fr: 2 + i } });
    }
    for (let n = 0; n < 40; n++) {
      for (const k of [0, 1]) {
        const queueId = (n + k) % 2 ? 'q1' : 'q2';
        h.arrive({ contactId: `c${n}-${k}`, queueId, siteId: n % 3 ? 'fes' : 'casa1' });
      }
      h.wait(1_500);
      const ringing = h.engine.inspect().contacts.filter((c) => c.state === 'offered');
      for (const c of ringing.slice(0, 1)) {
        if (c.agentId) h.do({ type: 'accept', agentId: c.agentId, contactId: c.id });
      }
      const talking = h.engine.inspect().contacts.filter((c) => c.state === 'connected');
      for (const c of talking.slice(0, 1)) h.do({ type: 'end', contactId: c.id });
    }
    const offers = h.of('contactOffered');
    expect(offers.length).toBeGreaterThanOrEqual(40);
    expect(new Set(offers.map((o) => o.decision.trigger))).toEqual(new Set(['agent', 'contact']));
    for (const offer of offers) {
      const chosen = offer.decision.trigger === 'contact' ? offer.agentId : offer.contactId;
      expectWellFormed(offer.decision, chosen);
    }
  });
});

describe('EXP2 whyWaiting', () => {
  it('[EXP2] waiting for the preferred agent', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.agent({ id: 'a2' });
    h.arrive({ contactId: 'c1', preferredAgentId: 'a1' });
    h.wait(4_000);
    const why = h.engine.whyWaiting('c1');
    expect(why).toMatchObject({
      contactId: 'c1',
      queueId: 'q1',
      reason: 'waiting-for-preferred-agent',
      preferredAgentId: 'a1',
      waitedMs: 4_000,
      step: 0,
    });
    expect(why.eligible).toMatchObject({ loggedIn: 2, free: 1 });
    expect(why.message).toContain('a1');
  });

  it('[EXP2] no eligible agent logged in, with the logged-out eligible ones counted', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 2 } });
    h.agent({ id: 'a1', skills: { ar: 3 } }, false);
    h.agent({ id: 'a2', skills: { fr: 9 } });
    h.arrive({ contactId: 'c1' });
    const why = h.engine.whyWaiting('c1');
    expect(why.reason).toBe('no-eligible-agent-logged-in');
    expect(why.eligible).toEqual({
      byState: { ...noAgents(), loggedOut: 1 },
      loggedIn: 0,
      free: 0,
    });
  });

  it('[EXP2] step N not reached: a later step has eligible agents logged in', () => {
    const h = new Harness();
    h.queue({
      skills: { fr: 8 },
      steps: [
        { afterSeconds: 30, minProficiencyDelta: -1 },
        { afterSeconds: 60, minProficiencyDelta: -3 },
      ],
    });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c1' });
    h.wait(10_000);
    const why = h.engine.whyWaiting('c1');
    expect(why).toMatchObject({
      reason: 'step-not-reached',
      step: 0,
      waitedMs: 10_000,
      nextStep: { step: 1, atMs: 30_000 },
      stepWithAgents: { step: 2, atMs: 60_000, loggedIn: 1 },
    });
    expect(why.message).toContain('2');
  });

  it('[EXP2] all eligible agents occupied, with counts by state', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'busy' });
    h.arrive({ contactId: 'b' });
    h.answer('b');
    h.agent({ id: 'wrap' });
    h.arrive({ contactId: 'w' });
    h.answer('w');
    h.do({ type: 'end', contactId: 'w' });
    h.agent({ id: 'ring' });
    h.arrive({ contactId: 'r' });
    h.agent({ id: 'pause' });
    h.do({ type: 'pause', agentId: 'pause', reason: 'lunch' });
    h.agent({ id: 'out' }, false);
    h.agent({ id: 'other', skills: { ar: 4 } });
    h.arrive({ contactId: 'c1' });
    const why = h.engine.whyWaiting('c1');
    expect(why.reason).toBe('all-eligible-agents-occupied');
    expect(why.eligible).toEqual({
      byState: { loggedOut: 1, available: 0, paused: 1, reserved: 1, busy: 1, wrapUp: 1 },
      loggedIn: 4,
      free: 0,
    });
  });

  it('[EXP2] a contact that is not waiting says so; an unknown contact is an UnknownContact error', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    expect(h.engine.whyWaiting('c1')).toMatchObject({ state: 'offered', reason: 'not-waiting' });
    expect(() => h.engine.whyWaiting('ghost')).toThrow(EngineError);
    try {
      h.engine.whyWaiting('ghost');
    } catch (error) {
      expect((error as EngineError).code).toBe('UnknownContact');
    }
  });

  it('[EXP2] the reason follows the contact through its steps', () => {
    const h = new Harness();
    h.queue({ skills: { fr: 8 }, steps: [{ afterSeconds: 30, minProficiencyDelta: -3 }] });
    h.agent({ id: 'a1', skills: { fr: 5 } });
    h.arrive({ contactId: 'c0' });
    h.arrive({ contactId: 'c1' });
    expect(h.engine.whyWaiting('c1').reason).toBe('step-not-reached');
    h.wait(30_000); // c0 takes a1 at step 1, c1 waits for it
    expect(h.offeredTo('c0')).toBe('a1');
    expect(h.engine.whyWaiting('c1')).toMatchObject({
      reason: 'all-eligible-agents-occupied',
      step: 1,
    });
  });
});

describe('RT1 queue figures', () => {
  it('[RT1] waiting count, longest wait, eligible and available agents', () => {
    const h = new Harness();
    h.queue({ skills: { fr: 3 } });
    h.agent({ id: 'busy' });
    h.arrive({ contactId: 'c0' });
    h.answer('c0');
    h.agent({ id: 'free' });
    h.agent({ id: 'paused' });
    h.do({ type: 'pause', agentId: 'paused', reason: 'break' });
    h.agent({ id: 'weak', skills: { fr: 2 } });
    h.agent({ id: 'out' }, false);
    expect(h.engine.queueStatus('q1')).toMatchObject({
      queueId: 'q1',
      waiting: 0,
      longestWaitingMs: 0,
      eligibleAgents: 3,
      availableAgents: 1,
    });
    h.do({ type: 'pause', agentId: 'free', reason: 'break' });
    h.wait(10_000);
    h.arrive({ contactId: 'c1' });
    h.wait(5_000);
    h.arrive({ contactId: 'c2', preferredAgentId: 'paused' });
    h.wait(10_000);
    expect(h.engine.queueStatus('q1')).toMatchObject({
      waiting: 2,
      longestWaitingMs: 15_000,
      eligibleAgents: 3,
      availableAgents: 0,
    });
    h.do({ type: 'makeAvailable', agentId: 'free' }); // c1 rings: no longer waiting
    expect(h.engine.queueStatus('q1')).toMatchObject({ waiting: 1, longestWaitingMs: 10_000 });
  });

  it('[RT1] a requeued contact counts again with its original age', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.arrive({ contactId: 'c1' });
    h.wait(5_000);
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.do({ type: 'decline', agentId: 'a1', contactId: 'c1' });
    expect(h.engine.queueStatus('q1')).toMatchObject({ waiting: 1, longestWaitingMs: 5_000 });
  });

  it('[RT1] figures follow agents changing skills, logging out and queues losing contacts', () => {
    const h = new Harness();
    h.queue({ skills: { ar: 2 } });
    h.agent({ id: 'a1', skills: { ar: 1 } });
    expect(h.engine.queueStatus('q1').eligibleAgents).toBe(0);
    h.do({ type: 'setAgentSkills', agentId: 'a1', skills: { ar: 2 } });
    expect(h.engine.queueStatus('q1')).toMatchObject({ eligibleAgents: 1, availableAgents: 1 });
    h.do({ type: 'logout', agentId: 'a1' });
    expect(h.engine.queueStatus('q1')).toMatchObject({ eligibleAgents: 0, availableAgents: 0 });
    h.arrive({ contactId: 'c1' });
    h.wait(2_000);
    h.arrive({ contactId: 'c2' });
    h.do({ type: 'abandon', contactId: 'c1' });
    expect(h.engine.queueStatus('q1')).toMatchObject({ waiting: 1, longestWaitingMs: 0 });
  });
});

describe('RT2 site figures', () => {
  it('[RT2] agents by shown state per site, updated on each change', () => {
    const h = new Harness();
    h.queue({ wrapUp: { mode: 'manual' } });
    h.agent({ id: 'r1', siteId: 'rabat' });
    h.agent({ id: 'r2', siteId: 'rabat' });
    h.agent({ id: 'r3', siteId: 'rabat' }, false);
    h.agent({ id: 'f1', siteId: 'fes' });
    const rabat = (): Record<AgentState, number> => h.engine.siteStatus('rabat').agentsByState;
    expect(rabat()).toEqual({ ...noAgents(), available: 2, loggedOut: 1 });
    h.arrive({ contactId: 'c1', siteId: 'rabat' });
    expect(rabat()).toEqual({ ...noAgents(), available: 1, reserved: 1, loggedOut: 1 });
    h.answer('c1');
    expect(rabat()).toMatchObject({ busy: 1, reserved: 0 });
    h.do({ type: 'end', contactId: 'c1' });
    expect(rabat()).toMatchObject({ busy: 0, wrapUp: 1 });
    h.do({ type: 'pause', agentId: 'r2', reason: 'break' });
    expect(rabat()).toEqual({ ...noAgents(), paused: 1, wrapUp: 1, loggedOut: 1 });
    expect(h.engine.siteStatus('fes')).toEqual({
      siteId: 'fes',
      positions: 100,
      agentsByState: { ...noAgents(), available: 1 },
    });
  });

  it('[RT2] moving an agent to another site moves its count', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1', siteId: 'rabat' });
    h.do({ type: 'configureAgent', agent: { id: 'a1', siteId: 'casa2', skills: { fr: 5 } } });
    expect(h.engine.siteStatus('rabat').agentsByState.available).toBe(0);
    expect(h.engine.siteStatus('casa2').agentsByState.available).toBe(1);
  });

  it('[RT2] per-site counts always add up to the agents of the site and match their states', () => {
    const h = new Harness({ missedOffersBeforePause: 1 });
    h.queue({ offerTimeoutSeconds: 4, wrapUp: { mode: 'timed', seconds: 3 } });
    const sites = ['rabat', 'casa1', 'fes'];
    for (let i = 0; i < 9; i++)
      h.agent({ id: `a${i}`, siteId: sites[i % 3] ?? 'rabat' }, i % 4 !== 0);
    for (let n = 0; n < 30; n++) {
      h.arrive({ contactId: `c${n}` });
      h.wait(1_000);
      const ringing = h.engine.inspect().contacts.find((c) => c.state === 'offered');
      if (ringing?.agentId && n % 3)
        h.do({ type: 'accept', agentId: ringing.agentId, contactId: ringing.id });
      const talking = h.engine.inspect().contacts.find((c) => c.state === 'connected');
      if (talking && n % 2) h.do({ type: 'end', contactId: talking.id });
      for (const site of sites) {
        const counts = h.engine.siteStatus(site).agentsByState;
        const expected = noAgents();
        for (const agent of h.engine.inspect().agents) {
          if (h.engine.agentStatus(agent.id).siteId === site) expected[agent.state]++;
        }
        expect(counts).toEqual(expected);
      }
    }
  });
});

describe('RT3 live service level', () => {
  /** Answers after 0 s, 10 s and 30 s; abandons after 10 s and 40 s. */
  const outcomes = (formula?: ServiceLevelFormula, thresholdSeconds = 20): Harness => {
    const h = new Harness();
    h.queue({
      serviceLevel: { thresholdSeconds, target: 0.8, ...(formula ? { formula } : {}) },
    });
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    const answerAfter = (id: string, ms: number): void => {
      h.arrive({ contactId: id });
      h.wait(ms);
      h.do({ type: 'makeAvailable', agentId: 'a1' });
      h.answer(id);
      h.do({ type: 'end', contactId: id });
      h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    };
    const abandonAfter = (id: string, ms: number): void => {
      h.arrive({ contactId: id });
      h.wait(ms);
      h.do({ type: 'abandon', contactId: id });
    };
    answerAfter('a0', 0);
    answerAfter('a10', 10_000);
    answerAfter('a30', 30_000);
    abandonAfter('b10', 10_000);
    abandonAfter('b40', 40_000);
    return h;
  };

  it('[RT3] no service level before any answered or abandoned contact', () => {
    const h = new Harness();
    h.queue();
    h.arrive({ contactId: 'c1' });
    expect(h.engine.queueStatus('q1')).toMatchObject({
      serviceLevel: undefined,
      serviceLevelSample: 0,
    });
  });

  it("[RT3] 'offered' is the default: answered within threshold / (answered + abandoned)", () => {
    const status = outcomes().engine.queueStatus('q1');
    expect(status).toMatchObject({
      formula: 'offered',
      thresholdSeconds: 20,
      serviceLevelSample: 5,
    });
    expect(status.serviceLevel).toBeCloseTo(2 / 5);
  });

  it("[RT3] 'answered': answered within threshold / answered", () => {
    expect(outcomes('answered').engine.queueStatus('q1').serviceLevel).toBeCloseTo(2 / 3);
  });

  it("[RT3] 'abandon-neutral': abandons within threshold are left out", () => {
    expect(outcomes('abandon-neutral').engine.queueStatus('q1').serviceLevel).toBeCloseTo(2 / 4);
  });

  it("[RT3] 'abandon-positive': abandons within threshold count as met", () => {
    expect(outcomes('abandon-positive').engine.queueStatus('q1').serviceLevel).toBeCloseTo(3 / 5);
  });

  it("[RT3] the queue's threshold decides what is within", () => {
    const status = outcomes('answered', 40).engine.queueStatus('q1');
    expect(status.thresholdSeconds).toBe(40);
    expect(status.serviceLevel).toBe(1);
  });

  it('[RT3] only the last 100 answered or abandoned contacts count', () => {
    const h = new Harness();
    h.queue({ serviceLevel: { thresholdSeconds: 20, target: 0.8, formula: 'answered' } });
    h.arrive({ contactId: 'late' });
    h.wait(60_000);
    h.agent({ id: 'a1' });
    h.answer('late');
    h.do({ type: 'end', contactId: 'late' });
    for (let i = 0; i < 99; i++) {
      h.arrive({ contactId: `c${i}` });
      h.answer(`c${i}`);
      h.do({ type: 'end', contactId: `c${i}` });
    }
    expect(h.engine.queueStatus('q1')).toMatchObject({
      serviceLevelSample: 100,
      serviceLevel: 0.99,
    });
    h.arrive({ contactId: 'last' });
    h.answer('last');
    expect(h.engine.queueStatus('q1')).toMatchObject({ serviceLevelSample: 100, serviceLevel: 1 });
  });
});

describe('RT4 estimated wait', () => {
  it('[RT4] 0 when an eligible agent is free and nobody waits', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    expect(h.engine.queueStatus('q1').estimatedWaitMs).toBe(0);
  });

  it('[RT4] half a handle time over the eligible agents, plus waiting × the moving average (weight 0.2) of the time between answers', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    for (const [id, at] of [
      ['c1', 0],
      ['c2', 10_000],
      ['c3', 40_000],
    ] as const) {
      h.waitUntil(at);
      h.arrive({ contactId: id });
      h.answer(id);
      if (id !== 'c3') h.do({ type: 'end', contactId: id });
    }
    // gaps 10 s then 30 s: 10 + 0.2 × (30 − 10) = 14 s. c1 and c2 ended as soon as answered, so
    // the handle time is 0 and nobody waits ahead of a new contact: 0.
    expect(h.engine.queueStatus('q1').estimatedWaitMs).toBeCloseTo(0);
    h.arrive({ contactId: 'c4' });
    expect(h.engine.queueStatus('q1').estimatedWaitMs).toBeCloseTo(1 * 14_000);
    h.arrive({ contactId: 'c5' });
    expect(h.engine.queueStatus('q1').estimatedWaitMs).toBeCloseTo(2 * 14_000);
  });

  it('[RT4] before answers give a gap, the handle time over the eligible agents stands in for it', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    h.do({ type: 'pause', agentId: 'a2', reason: 'break' });
    h.arrive({ contactId: 'c1' });
    h.answer('c1');
    h.wait(60_000);
    h.do({ type: 'end', contactId: 'c1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    // 2 eligible agents logged in, none free: 60 / (2 × 2) = 15 s until one frees
    expect(h.engine.queueStatus('q1').estimatedWaitMs).toBeCloseTo(15_000);
    h.arrive({ contactId: 'c2' });
    // plus one contact ahead × 60 / 2 = 30 s
    expect(h.engine.queueStatus('q1').estimatedWaitMs).toBeCloseTo(15_000 + 30_000);
  });
});

describe('RT5 the estimate given to each contact', () => {
  it('[RT5] contactQueued carries the RT4 estimate a contact got as it joined; none before any figure, none on a requeue', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.agent({ id: 'a2' });
    h.do({ type: 'pause', agentId: 'a2', reason: 'break' });
    // a1 is free and nobody waits: 0.
    const first = h.of('contactQueued', h.arrive({ contactId: 'c1' }));
    expect(first[0]?.estimatedWaitMs).toBe(0);
    h.answer('c1');
    h.wait(60_000);
    h.do({ type: 'end', contactId: 'c1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    // As RT4 above: 15 s until one of the 2 frees, then 30 s per contact ahead.
    expect(h.of('contactQueued', h.arrive({ contactId: 'c2' }))[0]?.estimatedWaitMs).toBe(15_000);
    expect(h.of('contactQueued', h.arrive({ contactId: 'c3' }))[0]?.estimatedWaitMs).toBe(45_000);
    // The same figure a status query gives just before an arrival.
    const told = h.engine.queueStatus('q1').estimatedWaitMs;
    expect(h.of('contactQueued', h.arrive({ contactId: 'c4' }))[0]?.estimatedWaitMs).toBe(told);
    h.do({ type: 'makeAvailable', agentId: 'a1' });
    const declined = h.do({ type: 'decline', agentId: 'a1', contactId: 'c2' });
    const requeued = h.of('contactQueued', declined);
    expect(requeued.map((e) => [e.reason, e.estimatedWaitMs])).toEqual([['requeue', undefined]]);
  });
});

describe('RT5 no figure yet', () => {
  it('[RT5] nobody free and no answer or completion yet: no estimate to tell', () => {
    const h = new Harness();
    h.queue();
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    const queued = h.of('contactQueued', h.arrive({ contactId: 'c1' }));
    expect(queued[0]).toBeDefined();
    expect(queued[0] && 'estimatedWaitMs' in queued[0]).toBe(false);
  });
});

describe('RT1 queries change nothing', () => {
  it('[RT1][EXP2] a status or why-waiting query on queues and steps no contact has reached creates nothing', () => {
    const h = new Harness();
    h.queue({ steps: [{ afterSeconds: 30, minProficiencyDelta: -2 }] });
    h.queue({ id: 'q2' });
    h.agent({ id: 'a1' });
    h.do({ type: 'pause', agentId: 'a1', reason: 'break' });
    h.arrive({ contactId: 'c1' });
    const before = JSON.stringify(h.engine.checkpoint());
    expect(h.engine.queueStatus('q2')).toMatchObject({ eligibleAgents: 1, availableAgents: 0 });
    expect(h.engine.whyWaiting('c1').eligible.loggedIn).toBe(1);
    expect(JSON.stringify(h.engine.checkpoint())).toBe(before);
  });
});

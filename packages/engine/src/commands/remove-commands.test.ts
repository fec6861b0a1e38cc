import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import type { Command } from '../model/commands.ts';

const world = (): Engine => {
  const engine = new Engine();
  const setup: Command[] = [
    {
      type: 'configureSite',
      site: { id: 's', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 5 },
    },
    { type: 'configureSkill', skill: { id: 'fr' } },
    {
      type: 'configureQueue',
      queue: { id: 'q', clientId: 'c', channel: 'voice', skills: { fr: 1 } },
    },
    { type: 'configureAgent', agent: { id: 'a1', siteId: 's', skills: { fr: 5 } } },
    { type: 'configureAgent', agent: { id: 'a2', siteId: 's', skills: { fr: 5 } } },
    { type: 'configurePauseCode', pauseCode: { id: 'lunch', label: 'Lunch' } },
    { type: 'configureDisposition', disposition: { id: 'sold', label: 'Sale' } },
  ];
  for (const command of setup) engine.applyOrThrow(command, 0);
  return engine;
};

describe('CFG1 removing configuration', () => {
  it('[CFG1] removes a logged-out agent: gone from queries, counts and routing', () => {
    const engine = world();
    const events = engine.applyOrThrow({ type: 'removeAgent', agentId: 'a1' }, 1000);
    expect(events).toMatchObject([{ type: 'agentRemoved', agentId: 'a1', siteId: 's' }]);
    expect(engine.siteStatus('s').agentsByState.loggedOut).toBe(1);
    expect(engine.inspect().agents.map((a) => a.id)).toEqual(['a2']);
    expect(engine.apply({ type: 'login', agentId: 'a1' }, 2000)).toMatchObject({
      ok: false,
      error: { code: 'UnknownAgent' },
    });
    // The remaining agent still gets the work, and the queue counts one eligible agent.
    engine.applyOrThrow({ type: 'login', agentId: 'a2' }, 2000);
    engine.applyOrThrow({ type: 'makeAvailable', agentId: 'a2' }, 2000);
    expect(engine.queueStatus('q')).toMatchObject({ eligibleAgents: 1, availableAgents: 1 });
    const offered = engine.applyOrThrow(
      { type: 'arrive', contact: { contactId: 'c1', queueId: 'q' } },
      3000,
    );
    expect(offered.find((e) => e.type === 'contactOffered')).toMatchObject({ agentId: 'a2' });
    // Configured again, it comes back as a new agent.
    engine.applyOrThrow(
      { type: 'configureAgent', agent: { id: 'a1', siteId: 's', skills: { fr: 5 } } },
      4000,
    );
    expect(engine.agentStatus('a1').state).toBe('loggedOut');
  });

  it('[CFG1] refuses to remove a logged-in agent, and changes nothing', () => {
    const engine = world();
    engine.applyOrThrow({ type: 'login', agentId: 'a1' }, 1000);
    const before = engine.inspect();
    const result = engine.apply({ type: 'removeAgent', agentId: 'a1' }, 1000);
    expect(result).toMatchObject({ ok: false, error: { code: 'IllegalTransition' } });
    expect(engine.inspect()).toEqual(before);
    expect(engine.apply({ type: 'removeAgent', agentId: 'nobody' }, 1000)).toMatchObject({
      ok: false,
      error: { code: 'UnknownAgent' },
    });
  });

  it('[CFG1] refuses to remove a pause code an agent is paused with; removes it once free', () => {
    const engine = world();
    engine.applyOrThrow({ type: 'login', agentId: 'a1' }, 1000);
    engine.applyOrThrow({ type: 'pause', agentId: 'a1', reason: 'lunch' }, 1000);
    const refused = engine.apply({ type: 'removePauseCode', pauseCodeId: 'lunch' }, 1000);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'IllegalTransition', message: expect.stringContaining('a1') as string },
    });
    engine.applyOrThrow({ type: 'makeAvailable', agentId: 'a1' }, 2000);
    expect(
      engine.applyOrThrow({ type: 'removePauseCode', pauseCodeId: 'lunch' }, 2000),
    ).toMatchObject([{ type: 'pauseCodeRemoved', pauseCodeId: 'lunch' }]);
    expect(engine.apply({ type: 'pause', agentId: 'a1', reason: 'lunch' }, 3000)).toMatchObject({
      ok: false,
      error: { code: 'UnknownPauseCode' },
    });
  });

  it('[CFG1] removes a disposition; unknown ids are refused', () => {
    const engine = world();
    expect(
      engine.applyOrThrow({ type: 'removeDisposition', dispositionId: 'sold' }, 0),
    ).toMatchObject([{ type: 'dispositionRemoved' }]);
    expect(engine.apply({ type: 'removeDisposition', dispositionId: 'sold' }, 0)).toMatchObject({
      ok: false,
      error: { code: 'UnknownDisposition' },
    });
  });

  it('[CFG1] removes a skill nobody uses; refuses while an agent or a queue does', () => {
    const engine = world();
    engine.applyOrThrow({ type: 'configureSkill', skill: { id: 'es' } }, 0);
    expect(engine.apply({ type: 'removeSkill', skillId: 'fr' }, 0)).toMatchObject({
      ok: false,
      error: {
        code: 'IllegalTransition',
        message: expect.stringContaining('agent "a1" has it') as string,
      },
    });
    expect(engine.applyOrThrow({ type: 'removeSkill', skillId: 'es' }, 0)).toMatchObject([
      { type: 'skillRemoved', skillId: 'es' },
    ]);
    expect(
      engine.apply(
        { type: 'configureAgent', agent: { id: 'a3', siteId: 's', skills: { es: 5 } } },
        0,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'UnknownSkill' },
    });
  });

  it('[CFG1] removes a site with no agent, queue or contact; refuses otherwise', () => {
    const engine = world();
    engine.applyOrThrow(
      {
        type: 'configureSite',
        site: { id: 'fes', city: 'Fès', timeZone: 'Africa/Casablanca', positions: 3 },
      },
      0,
    );
    engine.applyOrThrow(
      {
        type: 'configureQueue',
        queue: { id: 'q2', clientId: 'c', channel: 'voice', skills: { fr: 1 }, sites: ['fes'] },
      },
      0,
    );
    expect(engine.apply({ type: 'removeSite', siteId: 's' }, 0)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('works there') as string },
    });
    expect(engine.apply({ type: 'removeSite', siteId: 'fes' }, 0)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('queue "q2" names it') as string },
    });
    engine.applyOrThrow(
      {
        type: 'configureQueue',
        queue: { id: 'q2', clientId: 'c', channel: 'voice', skills: { fr: 1 } },
      },
      0,
    );
    expect(engine.applyOrThrow({ type: 'removeSite', siteId: 'fes' }, 0)).toMatchObject([
      { type: 'siteRemoved', siteId: 'fes' },
    ]);
    expect(
      engine.apply(
        { type: 'configureAgent', agent: { id: 'a3', siteId: 'fes', skills: { fr: 5 } } },
        0,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'UnknownSite' },
    });
  });

  it('[CFG1] removes a queue nothing depends on; its figures and routing go with it', () => {
    const engine = world();
    engine.applyOrThrow({ type: 'login', agentId: 'a1' }, 0);
    engine.applyOrThrow({ type: 'makeAvailable', agentId: 'a1' }, 0);
    engine.applyOrThrow(
      {
        type: 'configureQueue',
        queue: { id: 'q2', clientId: 'c2', channel: 'voice', skills: { fr: 1 } },
      },
      0,
    );
    const events = engine.applyOrThrow({ type: 'removeQueue', queueId: 'q2' }, 1000);
    expect(events).toMatchObject([{ type: 'queueRemoved', queueId: 'q2', clientId: 'c2' }]);
    expect(engine.inspect().queues.map((q) => q.id)).toEqual(['q']);
    expect(() => engine.queueStatus('q2')).toThrow(/no queue with id "q2"/);
    expect(
      engine.apply({ type: 'arrive', contact: { contactId: 'c1', queueId: 'q2' } }, 2000),
    ).toMatchObject({ ok: false, error: { code: 'UnknownQueue' } });
    // The agent still serves the queue that is left.
    const offered = engine.applyOrThrow(
      { type: 'arrive', contact: { contactId: 'c2', queueId: 'q' } },
      3000,
    );
    expect(offered.find((e) => e.type === 'contactOffered')).toMatchObject({ agentId: 'a1' });
  });

  it('[CFG1] refuses to remove a queue with a contact in it or another queue sending to it', () => {
    const engine = world();
    engine.applyOrThrow(
      {
        type: 'configureQueue',
        queue: {
          id: 'front',
          clientId: 'c',
          channel: 'voice',
          skills: { fr: 1 },
          maxWaitSeconds: 60,
          overflow: { kind: 'queue', queueId: 'q' },
        },
      },
      0,
    );
    engine.applyOrThrow({ type: 'arrive', contact: { contactId: 'c1', queueId: 'front' } }, 0);
    const before = engine.inspect();
    expect(engine.apply({ type: 'removeQueue', queueId: 'q' }, 0)).toMatchObject({
      ok: false,
      error: {
        code: 'IllegalTransition',
        message: expect.stringContaining('queue "front" sends contacts to it') as string,
      },
    });
    expect(engine.apply({ type: 'removeQueue', queueId: 'front' }, 0)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('contact "c1" is in it') as string },
    });
    expect(engine.apply({ type: 'removeQueue', queueId: 'ghost' }, 0)).toMatchObject({
      ok: false,
      error: { code: 'UnknownQueue' },
    });
    expect(engine.inspect()).toEqual(before);
    engine.applyOrThrow({ type: 'cancel', contactId: 'c1' }, 0);
    engine.applyOrThrow({ type: 'removeQueue', queueId: 'front' }, 0);
    engine.applyOrThrow({ type: 'removeQueue', queueId: 'q' }, 0);
    expect(engine.inspect().queues).toEqual([]);
  });

  it('[CFG1][PERF1] reconfigured and removed queues give their bucket rows back', () => {
    const engine = world();
    const queue = (n: number): Command => ({
      type: 'configureQueue',
      queue: { id: 'q', clientId: 'c', channel: 'voice', skills: { fr: 1 + (n % 3) } },
    });
    engine.applyOrThrow({ type: 'arrive', contact: { contactId: 'c1', queueId: 'q' } }, 0);
    const first = engine.metrics().bucketRows;
    for (let n = 0; n < 200; n++) engine.applyOrThrow(queue(n), n);
    expect(engine.metrics().bucketRows).toBeLessThanOrEqual(first + 1);
    engine.applyOrThrow({ type: 'cancel', contactId: 'c1' }, 300);
    engine.applyOrThrow({ type: 'removeQueue', queueId: 'q' }, 300);
    engine.applyOrThrow(
      { type: 'configureQueue', queue: { id: 'q9', clientId: 'c', channel: 'voice', skills: {} } },
      300,
    );
    engine.applyOrThrow({ type: 'arrive', contact: { contactId: 'c2', queueId: 'q9' } }, 300);
    expect(engine.metrics().bucketRows).toBeLessThanOrEqual(first + 1);
  });
});

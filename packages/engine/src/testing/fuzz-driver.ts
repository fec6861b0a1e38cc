/**
 * Drives an engine with long random command sequences (mostly valid, some invalid) and checks
 * the invariants after every step. Used by the fuzz tests; same seed, same run.
 */
import { Engine } from '../engine.ts';
import type { Command } from '../model/commands.ts';
import type { AgentConfig, Channel, EngineOptions, QueueConfig } from '../model/config.ts';
import type { EngineEvent } from '../model/events.ts';
import type { EngineSnapshot } from '../queries/inspect.ts';
import { BASE_CONFIG } from './builders.ts';
import { InvariantChecker, type ConfigModel } from './invariants.ts';
import { SeededRandom } from './random.ts';

/** A command at a time, or (no command) a plain advance of the clock. */
export interface TimedCommand {
  atMs: number;
  command?: Command;
}

const SITES = ['rabat', 'casa1', 'casa2', 'fes'];
const SKILLS = ['fr', 'ar', 'en', 'es', 'billing', 'tech'];

function randomSkills(rng: SeededRandom, min: number): Record<string, number> {
  const skills: Record<string, number> = {};
  const n = rng.int(min, 4);
  for (let i = 0; i < n; i++) skills[rng.pick(SKILLS)] = rng.int(1, 10);
  return skills;
}

function fuzzQueues(rng: SeededRandom): QueueConfig[] {
  const strategies = ['longest-idle', 'most-skilled', 'least-occupied', 'round-robin'] as const;
  const queues: QueueConfig[] = [
    { id: 'overflow', clientId: 'c0', channel: 'voice', skills: {} },
    { id: 'voicemail', clientId: 'c0', channel: 'task', skills: {} },
  ];
  const channels: Channel[] = ['voice', 'voice', 'voice', 'chat', 'email'];
  for (let i = 0; i < 6; i++) {
    const queue: QueueConfig = {
      id: `q${i}`,
      clientId: `c${i % 3}`,
      channel: rng.pick(channels),
      skills: { [rng.pick(SKILLS)]: rng.int(1, 8) },
      priority: rng.int(0, 2),
      weight: rng.pick([1, 1, 2]),
      strategy: rng.pick(strategies),
      offerTimeoutSeconds: rng.int(5, 20),
      wrapUp: rng.chance(0.5) ? { mode: 'timed', seconds: rng.int(0, 20) } : { mode: 'manual' },
      serviceLevel: { thresholdSeconds: 20, target: 0.8 },
      preferredAgentWaitSeconds: rng.int(0, 30),
    };
    if (rng.chance(0.4)) queue.sites = [rng.pick(SITES)];
    if (rng.chance(0.4)) queue.homeSiteId = rng.pick(SITES);
    if (rng.chance(0.5)) {
      queue.maxWaitSeconds = rng.int(30, 200);
      queue.overflow = rng.pick([
        { kind: 'queue', queueId: 'overflow' },
        { kind: 'callback' },
        { kind: 'voicemail', queueId: 'voicemail' },
        { kind: 'disconnect' },
      ] as const);
    }
    if (rng.chance(0.3)) queue.maxSize = rng.int(1, 4);
    if (rng.chance(0.3)) queue.overflow ??= { kind: 'queue', queueId: 'overflow' };
    const steps = [];
    let after = 0;
    for (let s = rng.int(0, 3); s > 0; s--) {
      after += rng.int(5, 40);
      steps.push(
        rng.pick([
          { afterSeconds: after, minProficiencyDelta: -rng.int(1, 4) },
          { afterSeconds: after, addSkills: { [rng.pick(SKILLS)]: rng.int(1, 5) } },
          { afterSeconds: after, dropSkills: [rng.pick(SKILLS)] },
          { afterSeconds: after, addSites: 'network' as const },
          { afterSeconds: after, raisePriority: rng.int(1, 3) },
          { afterSeconds: after, moveToQueue: 'overflow' },
        ]),
      );
    }
    if (steps.length) queue.steps = steps;
    queues.push(queue);
  }
  return queues;
}

function fuzzAgent(rng: SeededRandom, id: string): AgentConfig {
  const agent: AgentConfig = { id, siteId: rng.pick(SITES), skills: randomSkills(rng, 1) };
  if (rng.chance(0.5)) {
    agent.capacity = {
      voice: rng.int(0, 1),
      chat: rng.int(0, 3),
      email: rng.int(0, 3),
      task: rng.int(0, 2),
    };
  }
  if (rng.chance(0.3)) agent.exclusiveVoice = false;
  if (rng.chance(0.2)) agent.autoAnswer = true;
  return agent;
}

export interface FuzzResult {
  options: EngineOptions;
  commands: TimedCommand[];
  events: EngineEvent[];
  snapshot: EngineSnapshot;
  checker: InvariantChecker;
  rejected: number;
}

/** Runs `steps` random commands, then winds down until every contact has ended. */
export function runFuzz(seed: number, steps: number): FuzzResult {
  const rng = new SeededRandom(seed);
  const options: EngineOptions = {
    missedOffersBeforePause: rng.int(1, 3),
    favourQueuesBelowTarget: rng.chance(0.5),
  };
  const engine = new Engine(options);
  const model: ConfigModel = { queues: new Map(), agents: new Map(), sites: new Map() };
  const checker = new InvariantChecker(model);
  const commands: TimedCommand[] = [];
  const events: EngineEvent[] = [];
  let now = 0;
  let rejected = 0;
  let contactSeq = 0;

  const run = (command: Command): boolean => {
    tick(0);
    const before = JSON.stringify(engine.inspect());
    const result = engine.apply(command, now);
    commands.push({ atMs: now, command });
    events.push(...result.events);
    checker.events(result.events);
    if (!result.ok) {
      rejected++;
      // ERR1: a refused command changes nothing and emits nothing.
      if (result.events.length > 0 || JSON.stringify(engine.inspect()) !== before) {
        throw new Error(`[ERR1] ${command.type} failed but changed state: ${result.error.message}`);
      }
      return false;
    }
    if (command.type === 'configureQueue') model.queues.set(command.queue.id, command.queue);
    if (command.type === 'configureAgent') model.agents.set(command.agent.id, command.agent);
    if (command.type === 'setAgentSkills') {
      const a = model.agents.get(command.agentId) as AgentConfig;
      model.agents.set(a.id, { ...a, skills: command.skills });
    }
    if (command.type === 'setAgentCapacity') {
      const a = model.agents.get(command.agentId) as AgentConfig;
      model.agents.set(a.id, { ...a, capacity: command.capacity });
    }
    checker.state(engine.inspect());
    return true;
  };
  const tick = (ms: number): void => {
    now += ms;
    commands.push({ atMs: now });
    const fired = engine.advance(now);
    events.push(...fired);
    checker.events(fired);
    checker.state(engine.inspect());
  };

  for (const command of BASE_CONFIG) run(command);
  for (const queue of fuzzQueues(rng)) run({ type: 'configureQueue', queue });
  const agentIds: string[] = [];
  for (let i = 0; i < 10; i++) {
    const agent = fuzzAgent(rng, `a${i}`);
    agentIds.push(agent.id);
    run({ type: 'configureAgent', agent });
  }
  const queueIds = [...model.queues.keys()];

  for (let step = 0; step < steps; step++) {
    if (rng.chance(0.3)) tick(rng.int(0, 15_000));
    const snap = engine.inspect();
    const byState = (s: string): string[] =>
      snap.contacts.filter((c) => c.state === s).map((c) => c.id);
    const anyContact = snap.contacts.map((c) => c.id);
    const roll = rng.next();
    let command: Command;
    if (roll < 0.2) {
      command = {
        type: 'arrive',
        contact: {
          contactId: `k${++contactSeq}`,
          queueId: rng.pick(queueIds),
          ...(rng.chance(0.3) ? { priority: rng.int(0, 3) } : {}),
          ...(rng.chance(0.15) ? { preferredAgentId: rng.pick(agentIds) } : {}),
          ...(rng.chance(0.2) ? { siteId: rng.pick(SITES) } : {}),
          ...(rng.chance(0.5) ? { callbackNumber: '+33100000000' } : {}),
        },
      };
    } else if (roll < 0.4) {
      const offered = snap.contacts.filter((c) => c.state === 'offered');
      const c = offered.length ? rng.pick(offered) : undefined;
      command = c
        ? {
            type: rng.chance(0.85) ? 'accept' : 'decline',
            agentId: c.agentId as string,
            contactId: c.id,
          }
        : { type: 'accept', agentId: rng.pick(agentIds), contactId: 'nope' };
    } else if (roll < 0.48) {
      const ids = byState('connected');
      command = { type: 'end', contactId: ids.length ? rng.pick(ids) : 'nope' };
    } else if (roll < 0.53) {
      const ids = byState('wrapUp');
      command = { type: 'endWrapUp', contactId: ids.length ? rng.pick(ids) : 'nope' };
    } else if (roll < 0.62) {
      const a = rng.pick(agentIds);
      command = rng.pick<Command>([
        { type: 'login', agentId: a },
        { type: 'login', agentId: a },
        { type: 'logout', agentId: a },
        { type: 'pause', agentId: a, reason: rng.pick(['break', 'lunch', 'bogus']) },
        { type: 'makeAvailable', agentId: a },
        { type: 'makeAvailable', agentId: a },
      ]);
    } else if (roll < 0.67) {
      const id = anyContact.length ? rng.pick(anyContact) : 'nope';
      command = rng.pick<Command>([
        { type: 'abandon', contactId: id },
        { type: 'cancel', contactId: id },
        { type: 'hold', contactId: id },
        { type: 'retrieve', contactId: id },
        {
          type: 'setDisposition',
          contactId: id,
          dispositionId: rng.pick(['sale', 'no-sale', 'x']),
        },
      ]);
    } else if (roll < 0.72) {
      const id = anyContact.length ? rng.pick(anyContact) : 'nope';
      command = rng.pick<Command>([
        { type: 'transfer', contactId: id, to: { queueId: rng.pick(queueIds) } },
        { type: 'transfer', contactId: id, to: { agentId: rng.pick(agentIds) } },
        { type: 'transferOut', contactId: id, destination: '+33199999999' },
        { type: 'requestCallback', contactId: id, number: '+33100000001' },
        {
          type: 'requestCallback',
          contactId: id,
          number: '+33100000001',
          atMs: now + rng.int(1, 60_000),
        },
      ]);
    } else if (roll < 0.75) {
      const a = rng.pick(agentIds);
      command = rng.chance(0.5)
        ? { type: 'setAgentSkills', agentId: a, skills: randomSkills(rng, 0) }
        : {
            type: 'setAgentCapacity',
            agentId: a,
            capacity: fuzzAgent(rng, a).capacity ?? { voice: 1 },
          };
    } else if (roll < 0.77) {
      const q = rng.pick(fuzzQueues(rng).slice(2));
      const id = rng.pick(queueIds.filter((x) => x.startsWith('q')));
      command = {
        type: 'configureQueue',
        queue: { ...q, id, channel: model.queues.get(id)?.channel ?? 'voice' },
      };
    } else if (roll < 0.79) {
      command = { type: 'configureAgent', agent: { ...fuzzAgent(rng, rng.pick(agentIds)) } };
    } else if (roll < 0.81) {
      command = rng.pick<Command>([
        { type: 'login', agentId: 'ghost' },
        { type: 'arrive', contact: { contactId: '', queueId: 'q0' } },
        { type: 'arrive', contact: { contactId: 'z', queueId: 'ghost' } },
        {
          type: 'configureQueue',
          queue: { id: 'bad', clientId: 'c', channel: 'voice', skills: { fr: 11 } },
        },
        { type: 'configureAgent', agent: { id: 'bad', siteId: 'nowhere', skills: {} } },
      ]);
    } else {
      tick(rng.int(500, 20_000));
      continue;
    }
    run(command);
  }

  // Wind down: everyone logs in and works until every contact has ended.
  for (const id of agentIds) {
    run({ type: 'makeAvailable', agentId: id });
    run({ type: 'login', agentId: id });
  }
  for (let guard = 0; guard < 10_000; guard++) {
    const snap = engine.inspect();
    if (snap.contacts.length === 0) break;
    const c = snap.contacts[guard % snap.contacts.length];
    if (!c) continue;
    if (c.state === 'offered')
      run({ type: 'accept', agentId: c.agentId as string, contactId: c.id });
    else if (c.state === 'connected') run({ type: 'end', contactId: c.id });
    else if (c.state === 'wrapUp') run({ type: 'endWrapUp', contactId: c.id });
    else if (guard > 200) run({ type: 'cancel', contactId: c.id });
    else tick(1000);
  }
  return { options, commands, events, snapshot: engine.inspect(), checker, rejected };
}

/** Applies recorded commands to a fresh engine; returns its events and final state. */
export function replay(
  commands: TimedCommand[],
  options: EngineOptions,
): {
  events: EngineEvent[];
  snapshot: EngineSnapshot;
} {
  const engine = new Engine(options);
  const events: EngineEvent[] = [];
  for (const { atMs, command } of commands) {
    events.push(...(command ? engine.apply(command, atMs).events : engine.advance(atMs)));
  }
  return { events, snapshot: engine.inspect() };
}

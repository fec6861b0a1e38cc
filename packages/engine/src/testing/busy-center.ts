/**
 * A seeded contact-center workload for tests of the engine's internal layout: a few hundred
 * agents in many pools, queues of every strategy with routing steps, arrivals, answers,
 * declines, completions, pauses and logouts, driven by the engine's own events on a virtual
 * clock. It runs the hot paths a benchmark runs (pools, buckets, timers, record reuse) on a
 * network big enough for many pools, so a change of layout that changes any event shows up.
 */
import { Engine } from '../engine.ts';
import type { Command } from '../model/commands.ts';
import type { AgentSelection, Channel } from '../model/config.ts';
import type { EngineEvent } from '../model/events.ts';
import type { EngineSnapshot } from '../queries/inspect.ts';
import { BASE_CONFIG, makeAgent, makeQueue } from './builders.ts';
import { SeededRandom } from './random.ts';

const SITES = ['rabat', 'casa1', 'casa2', 'fes'];
const SKILLS = ['fr', 'ar', 'en', 'es', 'billing', 'tech'];
const STRATEGIES: AgentSelection[] = [
  'longest-idle',
  'most-skilled',
  'least-occupied',
  'round-robin',
];
const CHANNELS: Channel[] = ['voice', 'voice', 'voice', 'chat', 'email'];

export interface BusyCenterRun {
  /** Every event, in order. */
  events: EngineEvent[];
  snapshot: EngineSnapshot;
  engine: Engine;
}

/** A pending reaction of an agent or a customer. */
interface Action {
  atMs: number;
  command: Command;
}

/** Runs `steps` workload actions on a fresh engine with `agents` agents. */
export function runBusyCenter(seed: number, agents: number, steps: number): BusyCenterRun {
  const rng = new SeededRandom(seed);
  const engine = new Engine({ missedOffersBeforePause: 3 });
  const events: EngineEvent[] = [];
  let now = 0;
  const apply = (command: Command): void => {
    const result = engine.apply(command, now);
    events.push(...result.events);
    if (result.ok) react(result.events);
  };
  const pending: Action[] = [];
  const later = (delayMs: number, command: Command): void => {
    pending.push({ atMs: now + delayMs, command });
  };

  const queueIds: string[] = [];
  for (const command of BASE_CONFIG) engine.applyOrThrow(command, 0);
  for (let q = 0; q < 24; q++) {
    const id = `q${q}`;
    queueIds.push(id);
    const skills: Record<string, number> = { [rng.pick(SKILLS)]: rng.int(1, 6) };
    if (rng.chance(0.4)) skills[rng.pick(SKILLS)] = rng.int(1, 4);
    engine.applyOrThrow(
      {
        type: 'configureQueue',
        queue: makeQueue({
          id,
          clientId: `client${q % 4}`,
          channel: rng.pick(CHANNELS),
          skills,
          strategy: rng.pick(STRATEGIES),
          priority: rng.int(0, 2),
          weight: rng.pick([1, 1, 2]),
          homeSiteId: rng.pick(SITES),
          offerTimeoutSeconds: rng.int(8, 20),
          wrapUp: rng.chance(0.5) ? { mode: 'timed', seconds: rng.int(0, 15) } : { mode: 'manual' },
          steps: [
            { afterSeconds: 20, minProficiencyDelta: -2 },
            { afterSeconds: 60, addSites: 'network' },
          ],
          ...(rng.chance(0.3) ? { maxWaitSeconds: rng.int(90, 240) } : {}),
        }),
      },
      0,
    );
  }
  for (let a = 0; a < agents; a++) {
    const skills: Record<string, number> = {};
    for (let s = rng.int(1, 4); s > 0; s--) skills[rng.pick(SKILLS)] = rng.int(1, 10);
    const capacity = rng.chance(0.3) ? { voice: 1, chat: rng.int(1, 3), email: 2 } : { voice: 1 };
    const id = `a${a}`;
    engine.applyOrThrow(
      {
        type: 'configureAgent',
        agent: makeAgent({ id, siteId: rng.pick(SITES), skills, capacity }),
      },
      0,
    );
    apply({ type: 'login', agentId: id });
  }

  /** Agents and customers react to what the engine says. */
  function react(out: EngineEvent[]): void {
    for (const event of out) {
      if (event.type === 'contactOffered') {
        const roll = rng.next();
        if (roll < 0.9)
          later(rng.int(500, 4000), {
            type: 'accept',
            agentId: event.agentId,
            contactId: event.contactId,
          });
        else if (roll < 0.96)
          later(rng.int(500, 3000), {
            type: 'decline',
            agentId: event.agentId,
            contactId: event.contactId,
          });
        // else: the offer times out.
      } else if (event.type === 'contactConnected') {
        later(rng.int(20_000, 400_000), { type: 'end', contactId: event.contactId });
      } else if (event.type === 'contactEnded' && event.wrapUpUntilMs === undefined) {
        later(rng.int(1000, 30_000), { type: 'endWrapUp', contactId: event.contactId });
      } else if (event.type === 'contactQueued' && rng.chance(0.03)) {
        later(rng.int(5000, 120_000), { type: 'abandon', contactId: event.contactId });
      }
    }
  }

  let contactSeq = 0;
  for (let step = 0; step < steps; step++) {
    const roll = rng.next();
    if (roll < 0.02) {
      const agentId = `a${rng.int(0, agents - 1)}`;
      apply(
        rng.chance(0.5)
          ? { type: 'pause', agentId, reason: rng.pick(['break', 'lunch']) }
          : { type: 'makeAvailable', agentId },
      );
    } else if (roll < 0.025) {
      const agentId = `a${rng.int(0, agents - 1)}`;
      apply(rng.chance(0.5) ? { type: 'logout', agentId } : { type: 'login', agentId });
    } else if (roll < 0.3) {
      now += rng.int(0, 400);
      apply({
        type: 'arrive',
        contact: { contactId: `c${++contactSeq}`, queueId: rng.pick(queueIds) },
      });
    } else {
      // The earliest pending reaction, if it is due within a second; else time passes.
      let next = -1;
      for (let i = 0; i < pending.length; i++) {
        if (next < 0 || (pending[i] as Action).atMs < (pending[next] as Action).atMs) next = i;
      }
      const action = next >= 0 ? (pending[next] as Action) : undefined;
      if (action && action.atMs <= now + 1000) {
        pending.splice(next, 1);
        now = Math.max(now, action.atMs);
        // Reactions to contacts that moved on in the meantime are refused, which is fine.
        apply(action.command);
      } else {
        now += 1000;
        const advanced = engine.advance(now);
        events.push(...advanced);
        react(advanced);
      }
    }
  }
  return { events, snapshot: engine.inspect(), engine };
}

import { Engine, type Command, type EngineEvent } from '@relais/engine';
import { makeSampler, type Sampler, type SamplerOptions } from '../distributions/make-sampler.ts';
import { randomStream } from '../random/streams.ts';
import { secondsOfDay } from '../scenario/clock-time.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { ActionQueue } from './action-queue.ts';
import { AgentClock } from './agent-clock.ts';
import { PiecewisePoisson } from './arrivals.ts';
import { QueueTally, tallyEvent, totalFigures } from './kpi-tally.ts';
import { END_OF_SHIFT, meets, scenarioNetwork } from './network.ts';
import type { KpiFigures } from './result.ts';

const DAY_MS = 86_400_000;
/** Contacts still unserved this long after the day's end are cancelled, so a run always ends. */
const GIVE_UP_AFTER_MS = 12 * 3_600_000;
const CLOSE_CHECK_MS = 30_000;

// Kinds of future actions.
const ARRIVE = 0;
const ABANDON = 1;
const END = 2;
const END_WRAP = 3;
const LOGIN = 4;
const SHIFT_END = 5;
const CLOSE = 6;
const RETRY = 7;

// What the simulator knows of each contact, from the events.
const QUEUED = 1;
const CONNECTED = 2;
const WRAPPING = 3;
const DONE = 4;

interface QueuePlan {
  id: string;
  arrivals: PiecewisePoisson;
  handle: Sampler;
  patience: Sampler | undefined;
  wrapUp: Sampler | undefined;
  retrial: { probability: number; delay: Sampler; coin: () => number } | undefined;
  tally: QueueTally;
  /** Agents able to serve the queue, for its occupancy. */
  agents: number[];
}

export interface ReplicationOutcome {
  queues: KpiFigures[];
  totals: KpiFigures;
  contacts: number;
  events: number;
}

/**
 * One replication of `days` days: builds the engine from the scenario, then plays arrivals,
 * answers, handle times, patience, wrap-up, retrials and shifts on a virtual clock, feeding
 * every engine event to the KPI tallies. All randomness comes from streams of `seed`.
 */
export function runReplication(
  scenario: Scenario,
  seed: number,
  replication: number,
  days: number,
  samplerOptions: SamplerOptions,
  onProgress?: (fraction: number) => void,
  onEvents?: (events: readonly EngineEvent[]) => void,
): ReplicationOutcome {
  const engine = new Engine();
  const { commands, agents } = scenarioNetwork(scenario);
  const stream = (...labels: (string | number)[]) =>
    randomStream(seed, 'replication', replication, ...labels);
  const plans: QueuePlan[] = scenario.queues.map((q) => {
    if (!Array.isArray(q.arrivals)) {
      throw new Error(`queue ${q.id}: history arrivals must be resolved before simulating`);
    }
    const sampler = (spec: Parameters<typeof makeSampler>[0], what: string): Sampler =>
      makeSampler(spec, stream('queue', q.id, what), samplerOptions);
    return {
      id: q.id,
      arrivals: new PiecewisePoisson(q.arrivals, stream('queue', q.id, 'arrivals')),
      handle: sampler(q.handleSeconds, 'handle'),
      patience: q.patienceSeconds ? sampler(q.patienceSeconds, 'patience') : undefined,
      wrapUp: q.wrapUpSeconds ? sampler(q.wrapUpSeconds, 'wrap-up') : undefined,
      retrial: q.retrial
        ? {
            probability: q.retrial.probability,
            delay: sampler(q.retrial.delaySeconds, 'retrial-delay'),
            coin: stream('queue', q.id, 'retrial'),
          }
        : undefined,
      tally: new QueueTally(q.serviceLevel.thresholdSeconds * 1000, q.serviceLevel.formula),
      agents: agents.flatMap((a, i) => (meets(a.config.skills, q.skills) ? [i] : [])),
    };
  });
  const queueIndex = new Map(plans.map((p, i) => [p.id, i]));
  const clock = new AgentClock(agents.length);
  const agentIndex = new Map(agents.map((a, i) => [a.id, i]));
  const actions = new ActionQueue();
  let contactQueue = new Int32Array(1024);
  let contactState = new Uint8Array(1024);
  const contactIds: string[] = [];
  let contacts = 0;
  let events = 0;
  let active = 0;
  let now = 0;
  const followUps: Command[] = [];

  const apply = (command: Command): void => {
    const result = engine.apply(command, now);
    if (!result.ok) {
      throw new Error(`simulator bug: the engine refused ${command.type}: ${result.error.message}`);
    }
    handle(result.events);
  };

  const handle = (batch: EngineEvent[]): void => {
    events += batch.length;
    onEvents?.(batch);
    for (const e of batch) {
      if ('queueId' in e) tallyEvent(e, plans[queueIndex.get(e.queueId) ?? -1]?.tally);
      switch (e.type) {
        case 'contactConnected': {
          const c = index(e.contactId);
          contactState[c] = CONNECTED;
          const plan = plans[contactQueue[c] as number] as QueuePlan;
          actions.push(e.atMs + plan.handle() * 1000, END, c);
          break;
        }
        case 'contactEnded': {
          const c = index(e.contactId);
          active--;
          const wrap = plans[contactQueue[c] as number]?.wrapUp;
          if (wrap) {
            contactState[c] = WRAPPING;
            actions.push(e.atMs + wrap() * 1000, END_WRAP, c);
          } else {
            done(c);
          }
          break;
        }
        case 'contactCompleted':
          done(index(e.contactId));
          break;
        case 'contactAbandoned': {
          const c = index(e.contactId);
          done(c);
          active--;
          const q = contactQueue[c] as number;
          const retrial = plans[q]?.retrial;
          if (retrial && retrial.coin() < retrial.probability) {
            actions.push(e.atMs + retrial.delay() * 1000, RETRY, q);
          }
          break;
        }
        case 'contactCancelled':
        case 'contactExpired':
          done(index(e.contactId));
          active--;
          break;
        case 'agentStateChanged': {
          const a = agentIndex.get(e.agentId) as number;
          clock.change(a, e.to, e.atMs);
          if (e.to === 'paused' && e.reason === END_OF_SHIFT) {
            followUps.push({ type: 'logout', agentId: e.agentId });
          }
          break;
        }
        default:
          break;
      }
    }
  };

  const index = (contactId: string): number => Number(contactId.slice(1));
  // A finished contact's id is let go: a national day has millions of them.
  const done = (c: number): void => {
    contactState[c] = DONE;
    contactIds[c] = '';
  };

  const arrive = (q: number): void => {
    const plan = plans[q] as QueuePlan;
    if (scenario.lines !== undefined && active >= scenario.lines) {
      plan.tally.blocked++;
      return;
    }
    const c = contacts++;
    if (c >= contactState.length) {
      contactState = grow(contactState, new Uint8Array(contactState.length * 2));
      contactQueue = grow(contactQueue, new Int32Array(contactQueue.length * 2));
    }
    contactQueue[c] = q;
    contactState[c] = QUEUED;
    contactIds[c] = `c${c}`;
    active++;
    apply({ type: 'arrive', contact: { contactId: `c${c}`, queueId: plan.id } });
    if (plan.patience && contactState[c] === QUEUED) {
      actions.push(now + plan.patience() * 1000, ABANDON, c);
    }
  };

  for (const command of commands) apply(command);
  const dayStartMs = secondsOfDay(scenario.day.start) * 1000;
  const dayEndMs = secondsOfDay(scenario.day.end) * 1000;
  for (let d = 0; d < days; d++) {
    const base = d * DAY_MS;
    plans.forEach((plan, q) => {
      const first = plan.arrivals.next(dayStartMs - 1);
      if (first !== undefined && first < dayEndMs) actions.push(base + first, ARRIVE, q);
    });
    agents.forEach((agent, i) => {
      const shifts = scenario.agents[agent.group]?.shifts;
      if (shifts) {
        for (const shift of shifts) {
          actions.push(base + secondsOfDay(shift.start) * 1000, LOGIN, i);
          actions.push(base + secondsOfDay(shift.end) * 1000, SHIFT_END, i);
        }
      } else {
        actions.push(base + dayStartMs, LOGIN, i);
      }
    });
    actions.push(base + dayEndMs, CLOSE, d);
  }

  const lastDayEndMs = (days - 1) * DAY_MS + dayEndMs;
  let steps = 0;
  while (actions.pop()) {
    const at = actions.poppedAtMs;
    if (onProgress && (++steps & 0xffff) === 0) onProgress(Math.min(1, at / lastDayEndMs));
    const ref = actions.poppedRef;
    handle(engine.advance(at));
    now = at;
    switch (actions.poppedKind) {
      case ARRIVE: {
        // A Poisson arrival schedules its successor; a retrial (RETRY) is an extra arrival.
        const base = Math.floor(at / DAY_MS) * DAY_MS;
        arrive(ref);
        const next = (plans[ref] as QueuePlan).arrivals.next(at - base);
        if (next !== undefined && next < dayEndMs) actions.push(base + next, ARRIVE, ref);
        break;
      }
      case RETRY:
        arrive(ref);
        break;
      case ABANDON:
        if (contactState[ref] === QUEUED)
          apply({ type: 'abandon', contactId: contactIds[ref] as string });
        break;
      case END:
        if (contactState[ref] === CONNECTED)
          apply({ type: 'end', contactId: contactIds[ref] as string });
        break;
      case END_WRAP:
        if (contactState[ref] === WRAPPING)
          apply({ type: 'endWrapUp', contactId: contactIds[ref] as string });
        break;
      case LOGIN: {
        const agent = agents[ref];
        if (!agent) break;
        const status = engine.agentStatus(agent.id);
        if (status.state === 'loggedOut') apply({ type: 'login', agentId: agent.id });
        else apply({ type: 'makeAvailable', agentId: agent.id }); // a new shift cancels leaving
        break;
      }
      case SHIFT_END: {
        const agent = agents[ref];
        if (agent && engine.agentStatus(agent.id).state !== 'loggedOut') {
          apply({ type: 'pause', agentId: agent.id, reason: END_OF_SHIFT });
        }
        break;
      }
      case CLOSE: {
        const endOfDay = ref * DAY_MS + dayEndMs;
        if (active > 0 && at < endOfDay + GIVE_UP_AFTER_MS) {
          actions.push(at + CLOSE_CHECK_MS, CLOSE, ref);
          break;
        }
        // Nobody left to serve (or nobody who ever will be): cancel what remains, send all home.
        for (let c = 0; c < contacts; c++) {
          if (contactState[c] === QUEUED)
            apply({ type: 'cancel', contactId: contactIds[c] as string, reason: 'day over' });
        }
        for (const agent of agents) {
          const state = engine.agentStatus(agent.id).state;
          if (state === 'available' || state === 'paused')
            apply({ type: 'logout', agentId: agent.id });
        }
        break;
      }
    }
    while (followUps.length > 0) apply(followUps.shift() as Command);
  }
  clock.closeAll(now);

  for (const plan of plans) {
    for (const a of plan.agents) {
      plan.tally.handlingMs += clock.handlingMs(a);
      plan.tally.availableMs += clock.availableMs(a);
    }
  }
  let handling = 0;
  let available = 0;
  for (let a = 0; a < agents.length; a++) {
    handling += clock.handlingMs(a);
    available += clock.availableMs(a);
  }
  const tallies = plans.map((p) => p.tally);
  return {
    queues: tallies.map((t) => t.figures()),
    totals: totalFigures(tallies, handling + available > 0 ? handling / (handling + available) : 0),
    contacts,
    events,
  };
}

function grow<T extends Uint8Array | Int32Array>(old: T, next: T): T {
  next.set(old);
  return next;
}

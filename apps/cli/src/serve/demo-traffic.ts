// `relais serve --demo`: a simulated day played live against the real server. Callers arrive
// following the day's profile, simulated agents log in and out by shift, take coded pauses,
// answer after a short ring, talk, set a disposition and end their wrap-up; callers who wait
// too long hang up. One real second plays `speed` simulated seconds: arrivals come `speed` times
// as fast and the simulated durations are `speed` times shorter. Everything goes through the
// tenant runtime like any other client of the engine, and is logged; the engine keeps real time,
// so an agent a person signs in as (left out of the simulation: see `claimed`) gets real offers
// at a real pace.
import type { Command, EngineEvent } from '@relais/engine';
import type { TenantRuntime } from '@relais/server';
import { Random } from '../workload/random.ts';
import { DemoClock, dayAndSecond } from './demo-clock.ts';
import {
  agentDay,
  clockText,
  DAY_END_S,
  DAY_S,
  DAY_START_S,
  expectedArrivals,
  MEAN_PATIENCE_S,
  MEAN_TALK_S,
  MEAN_WRAP_S,
  peakArrivalRate,
  planShifts,
  poisson,
  profileAt,
  type AgentStep,
  type Shift,
} from './demo-day-plan.ts';

/** What the demo endpoint shows and changes. */
export interface DemoState {
  speed: number;
  paused: boolean;
  /** 1 for the first simulated day. */
  day: number;
  simulatedTime: string;
  dayStart: string;
  dayEnd: string;
  agentsSimulated: number;
  agentsOnShift: number;
  /** Arrivals per simulated hour at this time of the day. */
  arrivalsPerHour: number;
  /** Contacts that arrived during this simulated day. */
  arrivalsToday: number;
}

export interface DemoTraffic {
  state(): DemoState;
  setSpeed(speed: number): DemoState;
  setPaused(paused: boolean): DemoState;
  stop(): void;
}

const TICK_MS = 100;
/** Distinct callers: with tens of thousands of calls a simulated day, many call more than once. */
const CUSTOMERS = 5000;
/** What an IVR would pass along: the customer's number in the client's books and the menu choice. */
const REASONS = ['facture', 'résiliation', 'déménagement', 'panne', 'changement d’offre'];

interface Pending {
  atMs: number;
  seq: number;
  run: () => void;
}

/** A min-heap of work due at simulated times (ties in the order they were added). */
class Agenda {
  private readonly heap: Pending[] = [];
  private seq = 0;

  add(atMs: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ atMs, seq: this.seq++, run });
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i] as Pending, heap[parent] as Pending)) break;
      [heap[i], heap[parent]] = [heap[parent] as Pending, heap[i] as Pending];
      i = parent;
    }
  }

  /** The next item due at or before `nowMs`, removed. */
  takeDue(nowMs: number): Pending | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined || top.atMs > nowMs) return undefined;
    const last = heap.pop() as Pending;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l] as Pending, heap[m] as Pending)) m = l;
        if (r < heap.length && before(heap[r] as Pending, heap[m] as Pending)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m] as Pending, heap[i] as Pending];
        i = m;
      }
    }
    return top;
  }

  get size(): number {
    return this.heap.length;
  }
}
const before = (a: Pending, b: Pending): boolean =>
  a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);

export interface DemoTrafficOptions {
  /** Each queue's share of the calls (sums to 1). */
  queueShares: Readonly<Record<string, number>>;
  /** The agents the simulation may play. */
  agentIds: readonly string[];
  /**
   * The agents people sign in as (agent users' scope), read at the start and every few seconds:
   * the simulation leaves them alone, so they get real offers.
   */
  claimed?: () => Promise<ReadonlySet<string>>;
  speed: number;
  seed?: number;
  /**
   * Told of each contact the engine took, with its attributes: the serve command records it in
   * its customer's history (as POST /api/v1/contacts does), so the desktop shows earlier calls.
   */
  onArrived?: (contactId: string, queueId: string, attributes: Record<string, string>) => void;
  /** Real time; Date.now by default. */
  realNow?: () => number;
}

/** How often the agents people sign in as are read again (real time). */
const CLAIMED_EVERY_MS = 5000;

export async function startDemoTraffic(
  runtime: TenantRuntime,
  options: DemoTrafficOptions,
): Promise<DemoTraffic> {
  const realNow = options.realNow ?? Date.now;
  const seed = options.seed ?? 1;
  const random = new Random(seed ^ (realNow() >>> 0));
  const clock = new DemoClock(realNow(), options.speed);
  const agenda = new Agenda();
  const queueIds = Object.keys(options.queueShares);
  const queueWeights = queueIds.map((id) => options.queueShares[id] as number);
  const agentIds = [...options.agentIds];
  const claimed = options.claimed ?? (() => Promise.resolve(new Set<string>()));
  /** The agents played now: every one of agentIds but those people sign in as. */
  const simulated = new Set<string>();
  const shifts: Shift[] = planShifts(agentIds.length, seed);
  const peakRate = peakArrivalRate(shifts);
  const onShift = new Set<string>();
  const claim = (people: ReadonlySet<string>): void => {
    for (const agentId of agentIds) {
      if (!people.has(agentId)) simulated.add(agentId);
      else if (simulated.delete(agentId)) onShift.delete(agentId);
    }
  };
  /** Contacts still waiting for an agent: their caller may hang up. */
  const waiting = new Set<string>();
  let stopped = false;
  let next = 0;
  let arrivalsToday = 0;
  let simNow = clock.now(realNow());
  let day = dayAndSecond(simNow).day;

  // Commands may be refused when the world moved on (the caller hung up first): that is fine.
  const send = (command: Command): Promise<boolean> =>
    runtime.execute(command).then(
      () => true,
      () => false,
    );
  const after = (seconds: number, run: () => void): void =>
    agenda.add(simNow + seconds * 1000, run);

  const talk = (contactId: string): void => {
    after(Math.max(20, random.exponential(MEAN_TALK_S)), () => {
      void send({
        type: 'setDisposition',
        contactId,
        dispositionId: random.chance(0.8) ? 'resolved' : 'follow-up',
      });
      void send({ type: 'end', contactId }).then((ended) => {
        if (ended)
          after(
            3 + random.exponential(MEAN_WRAP_S - 3),
            () => void send({ type: 'endWrapUp', contactId }),
          );
      });
    });
  };

  const logout = (agentId: string, tries = 0): void => {
    onShift.delete(agentId);
    void send({ type: 'logout', agentId }).then((done) => {
      // Still on a contact: try again once it is over (a minute later, simulated).
      if (!done && tries < 30 && !onShift.has(agentId))
        after(60, () => {
          // Unless the next shift has begun meanwhile, or a person took the agent over.
          if (!onShift.has(agentId) && simulated.has(agentId)) logout(agentId, tries + 1);
        });
    });
  };

  const step = (agentId: string, todo: AgentStep): void => {
    if (!simulated.has(agentId)) return; // a person's now
    switch (todo.kind) {
      case 'login':
        onShift.add(agentId);
        // Still logged in from the day before (a late call, or paused): available again.
        void send({ type: 'login', agentId }).then(
          (done) => void (done ? undefined : send({ type: 'makeAvailable', agentId })),
        );
        return;
      case 'logout':
        logout(agentId);
        return;
      case 'pause':
        if (onShift.has(agentId)) void send({ type: 'pause', agentId, reason: todo.code });
        return;
      case 'available':
        if (onShift.has(agentId)) void send({ type: 'makeAvailable', agentId });
    }
  };

  /** Lays out every simulated agent's steps for the day that starts at `dayMs` (its midnight). */
  const planDay = (dayMs: number, fromS: number): void => {
    arrivalsToday = 0;
    agentIds.forEach((agentId, i) => {
      const steps = agentDay(shifts[i] as Shift, random);
      const login = steps[0] as AgentStep;
      const logoutAt = (steps.at(-1) as AgentStep).atS;
      if (login.atS < fromS && logoutAt > fromS) {
        // Joined mid-shift: logged in now, pauses still ahead kept.
        after(0, () => step(agentId, login));
        for (const s of steps.slice(1))
          if (s.atS >= fromS) agenda.add(dayMs + s.atS * 1000, () => step(agentId, s));
        return;
      }
      if (logoutAt <= fromS) return;
      for (const s of steps) agenda.add(dayMs + s.atS * 1000, () => step(agentId, s));
    });
  };

  const unsubscribe = runtime.subscribe((events) => {
    for (const logged of events) {
      const event = logged.body as EngineEvent;
      if (event.type === 'contactConnected') waiting.delete(event.contactId);
      if (!('agentId' in event) || event.agentId === undefined) continue;
      if (!simulated.has(event.agentId)) {
        // Ringing a person: the caller waits for them (their offer times out in real time).
        if (event.type === 'contactOffered') waiting.delete(event.contactId);
        continue;
      }
      if (event.type === 'contactOffered') {
        const { agentId, contactId } = event;
        after(2 + random.next() * 6, () => void send({ type: 'accept', agentId, contactId }));
      } else if (event.type === 'contactConnected') {
        talk(event.contactId);
      }
    }
  });

  claim(await claimed());
  // Where the last run left the simulated agents: everyone out, contacts in hand finished.
  for (const agentId of simulated) {
    let status;
    try {
      status = runtime.engine.agentStatus(agentId);
    } catch {
      continue; // removed since
    }
    for (const contact of status.contacts) {
      if (contact.state === 'offered')
        void send({ type: 'accept', agentId, contactId: contact.contactId });
      else if (contact.state === 'connected') talk(contact.contactId);
      else if (contact.state === 'wrapUp')
        void send({ type: 'endWrapUp', contactId: contact.contactId });
    }
    // Logged out now, or once the contacts in hand are over; the day's plan logs them in again.
    if (status.state !== 'loggedOut') logout(agentId);
  }
  planDay(day * DAY_S * 1000, dayAndSecond(simNow).secondOfDay);

  const arrive = (): void => {
    const queueId = queueIds[random.weightedIndex(queueWeights)] as string;
    const contactId = `demo-${Date.now().toString(36)}-${(next++).toString(36)}`;
    arrivalsToday++;
    waiting.add(contactId);
    // A few thousand customers call the network, so some call again the same day and the agent
    // sees their earlier calls.
    const customer = `C-${100_000 + random.int(0, CUSTOMERS - 1)}`;
    const attributes = { client: customer, customerId: customer, motif: random.pick(REASONS) };
    void send({ type: 'arrive', contact: { contactId, queueId, attributes } }).then((taken) => {
      if (taken) options.onArrived?.(contactId, queueId, attributes);
    });
    after(random.exponential(MEAN_PATIENCE_S), () => {
      if (waiting.delete(contactId)) void send({ type: 'abandon', contactId });
    });
  };

  const tick = setInterval(() => {
    if (stopped) return;
    const previous = simNow;
    simNow = clock.now(realNow());
    const today = dayAndSecond(simNow);
    if (today.day !== day) {
      // The day ended at 20:00: what was still due happens now, then the next day starts.
      day = today.day;
      planDay(day * DAY_S * 1000, today.secondOfDay);
    } else if (simNow > previous) {
      const count = poisson(expectedArrivals(peakRate, previous, simNow), random);
      for (let i = 0; i < count; i++) arrive();
    }
    for (let due = agenda.takeDue(simNow); due !== undefined; due = agenda.takeDue(simNow))
      due.run();
  }, TICK_MS);
  tick.unref();
  let reading = false;
  const recheck = setInterval(() => {
    if (reading) return;
    reading = true;
    claimed()
      .then((people) => {
        if (!stopped) claim(people);
      })
      .catch(() => undefined) // read again next time
      .finally(() => (reading = false));
  }, CLAIMED_EVERY_MS);
  recheck.unref();

  const state = (): DemoState => {
    const { day: d, secondOfDay } = dayAndSecond(clock.now(realNow()));
    return {
      speed: clock.speed,
      paused: clock.paused,
      day: d + 1,
      simulatedTime: clockText(secondOfDay),
      dayStart: clockText(DAY_START_S),
      dayEnd: clockText(DAY_END_S),
      agentsSimulated: simulated.size,
      agentsOnShift: onShift.size,
      arrivalsPerHour: Math.round(peakRate * profileAt(secondOfDay) * 3600),
      arrivalsToday,
    };
  };
  return {
    state,
    setSpeed(speed) {
      clock.setSpeed(realNow(), speed);
      return state();
    },
    setPaused(paused) {
      clock.setPaused(realNow(), paused);
      return state();
    },
    stop() {
      stopped = true;
      clearInterval(tick);
      clearInterval(recheck);
      unsubscribe();
    },
  };
}

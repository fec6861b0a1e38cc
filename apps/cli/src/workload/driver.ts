import { performance } from 'node:perf_hooks';
import type { Command, Engine, EngineError, EngineEvent } from '@relais/engine';
import { ActionQueue } from '@relais/sim';
import { AgentTime } from './agent-time.ts';
import { arrivalRates, BREAK, type Network } from './network.ts';
import { Random } from './random.ts';
import { meanHandleSeconds, type WorkloadOptions } from './workload-options.ts';

/** The engine refused a command the workload believed legal: a bug on one side or the other. */
export class WorkloadFailure extends Error {
  constructor(
    readonly command: Command,
    readonly error: EngineError,
    readonly atMs: number,
  ) {
    super(
      `engine refused ${JSON.stringify(command)} at ${atMs} ms: ${error.code}: ${error.message}`,
    );
  }
}

// Action kinds in the queue of future actions.
const ARRIVE = 0,
  ACCEPT = 1,
  DECLINE = 2,
  END = 3,
  END_WRAP = 4,
  ABANDON = 5,
  PAUSE = 6,
  RESUME = 7;
// What the workload knows of each contact, from the engine's events.
const QUEUED = 1,
  OFFERED = 2,
  CONNECTED = 3,
  WRAPPING = 4,
  DONE = 5;

/** Reads the number of a workload contact id `c<n>` without allocating. */
function contactIndex(id: string): number {
  let n = 0;
  for (let i = 1; i < id.length; i++) n = n * 10 + id.charCodeAt(i) - 48;
  return n;
}

/**
 * Drives an engine with a contact-center workload on a virtual clock (ms): agents log in,
 * Poisson arrivals per queue, and agents and customers react to the engine's events. Before
 * each action, the engine's timers due by then are fired with `advance`.
 */
export class WorkloadDriver {
  ops = 0;
  nowMs = 0;
  readonly counts = {
    arrived: 0,
    answered: 0,
    completed: 0,
    abandoned: 0,
    declined: 0,
    pauses: 0,
    skipped: 0,
  };
  readonly agentTime: AgentTime;
  /** Arrivals and new pauses stop after this time; work in progress still finishes. */
  arrivalsUntilMs = Infinity;
  /** When set, the wall time (µs) of each arrive and endWrapUp apply is stored here. */
  latencyUs: Float64Array | undefined;
  latencyCount = 0;
  /** When set, every command (and every plain advance, as undefined) is recorded with its time. */
  recording: { times: number[]; commands: (Command | undefined)[] } | undefined;
  /** Called just before each arrival is applied (to read the engine's estimate, for example). */
  beforeArrive: ((queueId: string, contactId: string) => void) | undefined;
  /** Sees every batch of events after the driver has. */
  onEvents: ((events: EngineEvent[]) => void) | undefined;

  private readonly actions = new ActionQueue();
  private readonly random: Random;
  private readonly rates: Float64Array;
  private readonly agentIds: string[];
  private readonly agentIndex = new Map<string, number>();
  private readonly pausing: Uint8Array;
  private contactState = new Uint8Array(1024);
  private contactAgent = new Int32Array(1024);
  /** Ids of contacts in progress: handing the engine back its own strings keeps lookups cheap. */
  private readonly contactIds: string[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly network: Network,
    private readonly options: WorkloadOptions,
  ) {
    this.random = new Random(options.seed);
    this.rates = arrivalRates(network, options.occupancy, meanHandleSeconds(options));
    this.agentIds = network.agents.map((agent) => agent.id);
    this.agentIds.forEach((id, i) => this.agentIndex.set(id, i));
    this.pausing = new Uint8Array(this.agentIds.length);
    this.agentTime = new AgentTime(this.agentIds.length);
  }

  /** Logs every agent in at the current time and starts arrivals and pauses. */
  start(): void {
    for (const agentId of this.agentIds) this.apply({ type: 'login', agentId }, false);
    this.rates.forEach((rate, q) => {
      if (rate > 0) this.schedule(this.nowMs + this.random.exponential(1000 / rate), ARRIVE, q);
    });
    this.schedulePause(this.nowMs);
  }

  /**
   * Runs the engine timers due before the next action, then the action; false when nothing is
   * left up to `untilMs`.
   */
  step(untilMs = Infinity): boolean {
    const engine = this.engine;
    for (;;) {
      const deadline = engine.nextDeadline();
      if (deadline === undefined || deadline > Math.min(this.actions.peekTime(), untilMs)) break;
      this.nowMs = deadline;
      this.recording?.times.push(deadline);
      this.recording?.commands.push(undefined);
      this.handle(engine.advance(deadline));
    }
    if (this.actions.peekTime() > untilMs || !this.actions.pop()) return false;
    const at = this.actions.poppedAtMs;
    const ref = this.actions.poppedRef;
    this.nowMs = at;
    const state = this.contactState;
    switch (this.actions.poppedKind) {
      case ARRIVE:
        if (at <= this.arrivalsUntilMs) this.arrive(ref);
        break;
      case ACCEPT:
      case DECLINE: {
        if (state[ref] !== OFFERED) return this.skip();
        const agentId = this.agentIds[this.contactAgent[ref] as number] as string;
        const type = this.actions.poppedKind === ACCEPT ? 'accept' : 'decline';
        this.apply({ type, agentId, contactId: this.contactIds[ref] as string }, false);
        break;
      }
      case END:
        if (state[ref] !== CONNECTED) return this.skip();
        this.apply({ type: 'end', contactId: this.contactIds[ref] as string }, false);
        break;
      case END_WRAP:
        if (state[ref] !== WRAPPING) return this.skip();
        this.apply({ type: 'endWrapUp', contactId: this.contactIds[ref] as string }, true);
        break;
      case ABANDON:
        // Only a customer still in line hangs up; one already ringing stays.
        if (state[ref] === QUEUED) {
          this.apply({ type: 'abandon', contactId: this.contactIds[ref] as string }, false);
        }
        break;
      case PAUSE:
        if (at <= this.arrivalsUntilMs) this.pause();
        break;
      case RESUME:
        this.pausing[ref] = 0;
        this.apply({ type: 'makeAvailable', agentId: this.agentIds[ref] as string }, false);
        break;
    }
    return true;
  }

  /** Queues an action at a whole millisecond: engine times then stay integers. */
  private schedule(atMs: number, kind: number, ref: number): void {
    this.actions.push(Math.round(atMs), kind, ref);
  }

  private skip(): boolean {
    this.counts.skipped++;
    return true;
  }

  private arrive(queue: number): void {
    const c = this.counts.arrived++;
    if (c >= this.contactState.length) this.grow();
    const queueId = this.network.queues[queue]?.id as string;
    const contactId = `c${c}`;
    this.contactIds[c] = contactId;
    this.beforeArrive?.(queueId, contactId);
    this.apply({ type: 'arrive', contact: { contactId, queueId } }, true);
    const o = this.options;
    if (this.random.chance(o.abandonShare)) {
      this.schedule(this.nowMs + this.random.exponential(o.patienceMeanSeconds * 1000), ABANDON, c);
    }
    const rate = this.rates[queue] as number;
    this.schedule(this.nowMs + this.random.exponential(1000 / rate), ARRIVE, queue);
  }

  private pause(): void {
    const agent = this.random.int(0, this.agentIds.length - 1);
    if (this.pausing[agent] === 0) {
      this.pausing[agent] = 1;
      this.counts.pauses++;
      this.apply({ type: 'pause', agentId: this.agentIds[agent] as string, reason: BREAK }, false);
    }
    this.schedulePause(this.nowMs);
  }

  /** Pauses start at the rate that keeps about `pauseShare` of agents on a break. */
  private schedulePause(fromMs: number): void {
    const o = this.options;
    const rate =
      (o.pauseShare * this.agentIds.length) / ((o.pauseSeconds[0] + o.pauseSeconds[1]) / 2);
    if (rate > 0) this.schedule(fromMs + this.random.exponential(1000 / rate), PAUSE, 0);
  }

  private apply(command: Command, timed: boolean): void {
    this.recording?.times.push(this.nowMs);
    this.recording?.commands.push(command);
    let result;
    if (timed && this.latencyUs) {
      const t0 = performance.now();
      result = this.engine.apply(command, this.nowMs);
      const us = (performance.now() - t0) * 1000;
      if (this.latencyCount < this.latencyUs.length) this.latencyUs[this.latencyCount++] = us;
    } else {
      result = this.engine.apply(command, this.nowMs);
    }
    this.ops++;
    if (!result.ok) throw new WorkloadFailure(command, result.error, this.nowMs);
    this.handle(result.events);
  }

  private handle(events: EngineEvent[]): void {
    const o = this.options;
    const random = this.random;
    const state = this.contactState;
    for (const e of events) {
      switch (e.type) {
        case 'contactQueued':
          state[contactIndex(e.contactId)] = QUEUED;
          break;
        case 'contactOffered': {
          const c = contactIndex(e.contactId);
          state[c] = OFFERED;
          this.contactAgent[c] = this.agentIndex.get(e.agentId) as number;
          const kind = random.chance(o.declineShare) ? DECLINE : ACCEPT;
          this.schedule(
            e.atMs + 1000 * random.between(o.acceptSeconds[0], o.acceptSeconds[1]),
            kind,
            c,
          );
          break;
        }
        case 'offerRevoked':
          if (e.reason === 'declined') this.counts.declined++;
          break;
        case 'contactConnected': {
          const c = contactIndex(e.contactId);
          state[c] = CONNECTED;
          this.counts.answered++;
          this.schedule(e.atMs + random.exponential(o.talkMeanSeconds * 1000), END, c);
          break;
        }
        case 'contactEnded': {
          const c = contactIndex(e.contactId);
          state[c] = WRAPPING;
          if (e.wrapUpUntilMs === undefined) {
            this.schedule(
              e.atMs + 1000 * o.wrapUpSeconds * random.between(0.75, 1.25),
              END_WRAP,
              c,
            );
          }
          break;
        }
        case 'contactCompleted':
          this.done(contactIndex(e.contactId));
          this.counts.completed++;
          break;
        case 'contactAbandoned':
          this.done(contactIndex(e.contactId));
          this.counts.abandoned++;
          break;
        case 'agentStateChanged': {
          const agent = this.agentIndex.get(e.agentId) as number;
          this.agentTime.change(agent, e.to, e.atMs);
          if (e.to === 'paused' && e.reason === BREAK && e.from !== 'paused') {
            const ms = 1000 * random.between(o.pauseSeconds[0], o.pauseSeconds[1]);
            this.schedule(e.atMs + ms, RESUME, agent);
          }
          break;
        }
        default:
          break;
      }
    }
    this.onEvents?.(events);
  }

  private done(c: number): void {
    this.contactState[c] = DONE;
    this.contactIds[c] = '';
  }

  private grow(): void {
    const state = new Uint8Array(this.contactState.length * 2);
    const agent = new Int32Array(this.contactAgent.length * 2);
    state.set(this.contactState);
    agent.set(this.contactAgent);
    this.contactState = state;
    this.contactAgent = agent;
  }
}

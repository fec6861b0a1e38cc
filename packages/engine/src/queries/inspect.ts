import type { Core } from '../core.ts';
import type { AgentState, ContactState } from '../model/events.ts';

export interface EngineSnapshot {
  nowMs: number;
  seq: number;
  agents: {
    id: string;
    state: AgentState;
    paused?: string;
    pendingPause?: string;
    contacts: string[];
    missedOffers: number;
    handledMs: number;
    /** Idle time per channel the agent is free on. */
    idleSinceMs: Record<string, number>;
    free: string[];
  }[];
  contacts: {
    id: string;
    state: ContactState;
    queueId: string;
    channel: string;
    priority: number;
    enqueuedAtMs: number;
    step: number;
    agentId?: string;
    timerAtMs?: number;
  }[];
  queues: { id: string; waiting: string[] }[];
}

const byId = <T extends { id: string }>(a: T, b: T): number =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** A canonical picture of the state: sorted, plain data, no internal counters. */
export function inspect(core: Core): EngineSnapshot {
  const agents = [...core.agents.values()]
    .map((a) => ({
      id: a.id,
      state: a.state,
      ...(a.paused === undefined ? {} : { paused: a.paused }),
      ...(a.pendingPause === undefined ? {} : { pendingPause: a.pendingPause }),
      contacts: a.contacts.map((c) => c.id).sort(),
      missedOffers: a.missedOffers,
      handledMs: a.handledMs,
      idleSinceMs: Object.fromEntries(
        a.channels.filter((m) => m.matchable).map((m) => [m.channel, m.idleSinceMs]),
      ),
      free: a.channels.filter((m) => m.matchable).map((m) => m.channel),
    }))
    .sort(byId);
  const contacts = [...core.contacts.values()]
    .map((c) => ({
      id: c.id,
      state: c.state,
      queueId: c.queue.id,
      channel: c.channel,
      priority: c.priority,
      enqueuedAtMs: c.enqueuedAtMs,
      step: c.step,
      ...(c.agent ? { agentId: c.agent.id } : {}),
      ...(core.timers.has(c.row) ? { timerAtMs: core.timers.dueOf(c.row) } : {}),
    }))
    .sort(byId);
  const queues = [...core.queues.values()]
    .map((q) => ({
      id: q.id,
      waiting: [...q.waitingByAge.values()]
        .map((n) => n.value)
        .sort((a, b) => a.enqueuedAtMs - b.enqueuedAtMs || a.order - b.order)
        .map((c) => c.id),
    }))
    .sort(byId);
  return { nowMs: core.nowMs, seq: core.seq, agents, contacts, queues };
}

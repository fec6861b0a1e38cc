/**
 * Invariants checked after every step of the fuzz tests, from the engine's public snapshot and
 * events and an independent model of eligibility (not the engine's own pools).
 */
import type { AgentConfig, QueueConfig, SlotChannel } from '../model/config.ts';
import type { AgentState, EngineEvent } from '../model/events.ts';
import type { EngineSnapshot } from '../queries/inspect.ts';

const EXCLUSIVE = new Set<string>(['voice']);
/** Callbacks take the voice slot (SPEC CAP1). */
const slotOf = (channel: string): string => (channel === 'callback' ? 'voice' : channel);
const TERMINAL = new Set([
  'contactCompleted',
  'contactAbandoned',
  'contactCancelled',
  'contactExpired',
  'contactTransferredOut',
]);

export interface ConfigModel {
  queues: Map<string, QueueConfig>;
  agents: Map<string, AgentConfig>;
  sites: Map<string, string>; // id → city
}

/** Requirements at a step, folded independently of the engine's code. */
export function requirementsAt(
  queue: QueueConfig,
  step: number,
): { skills: Map<string, number>; sites: Set<string> | undefined } {
  const skills = new Map(Object.entries(queue.skills));
  let sites = queue.sites ? new Set(queue.sites) : undefined;
  for (const s of (queue.steps ?? []).slice(0, step)) {
    if (s.minProficiencyDelta) {
      for (const [k, v] of skills)
        skills.set(k, Math.max(1, Math.min(10, v + s.minProficiencyDelta)));
    }
    for (const [k, v] of Object.entries(s.addSkills ?? {})) skills.set(k, v);
    for (const k of s.dropSkills ?? []) skills.delete(k);
    if (s.addSites === 'network') sites = undefined;
    else if (s.addSites && sites) for (const x of s.addSites) sites.add(x);
  }
  return { skills, sites };
}

export class InvariantChecker {
  private lastSeq = 0;
  private lastAtMs = 0;
  readonly terminalCount = new Map<string, number>();
  readonly arrived = new Set<string>();
  private readonly ringing = new Map<string, string>();
  /** Seq of each contact's latest offer, and of each agent's latest configuration change. */
  private readonly offeredAt = new Map<string, number>();
  private readonly configuredAt = new Map<string, number>();

  constructor(private readonly model: ConfigModel) {}

  /** Checks a batch of events as emitted; throws on the first broken rule. */
  events(events: EngineEvent[]): void {
    for (const e of events) {
      if (e.seq !== this.lastSeq + 1) fail(`[EVT1] seq ${e.seq} after ${this.lastSeq}`, e);
      if (e.atMs < this.lastAtMs) fail(`[EVT1] atMs ${e.atMs} before ${this.lastAtMs}`, e);
      this.lastSeq = e.seq;
      this.lastAtMs = e.atMs;
      if (e.type === 'contactArrived') this.arrived.add(e.contactId);
      if (e.type === 'contactOffered') {
        const other = this.ringing.get(e.contactId);
        if (other !== undefined)
          fail(`[CON4] ${e.contactId} offered to ${e.agentId} while ringing at ${other}`, e);
        this.ringing.set(e.contactId, e.agentId);
        this.offeredAt.set(e.contactId, e.seq);
      }
      if (e.type === 'agentConfigured') this.configuredAt.set(e.agent.id, e.seq);
      if (e.type === 'agentCapacityChanged' || e.type === 'agentSkillsChanged') {
        this.configuredAt.set(e.agentId, e.seq);
      }
      if (e.type === 'offerRevoked' || e.type === 'contactConnected')
        this.ringing.delete(e.contactId);
      if (TERMINAL.has(e.type)) {
        const id = (e as { contactId: string }).contactId;
        const n = (this.terminalCount.get(id) ?? 0) + 1;
        if (n > 1) fail(`[CON2] ${id} reached a second terminal state`, e);
        if (this.ringing.has(id)) fail(`[CON2] ${id} ended while still ringing`, e);
        this.terminalCount.set(id, n);
      }
    }
  }

  /** Checks the state after a command returned. */
  state(snapshot: EngineSnapshot): void {
    const contacts = new Map(snapshot.contacts.map((c) => [c.id, c]));
    for (const c of snapshot.contacts) {
      if (this.terminalCount.has(c.id))
        fail(`[CON2] ${c.id} still active after its terminal event`, c);
    }
    const free = new Map<string, Set<string>>();
    for (const a of snapshot.agents) {
      const config = this.model.agents.get(a.id);
      if (!config) fail(`unknown agent in snapshot ${a.id}`, a);
      const held: Record<string, number> = {};
      let total = 0;
      let exclusive = 0;
      let offers = 0;
      let connected = 0;
      let wrapping = 0;
      for (const id of a.contacts) {
        const c = contacts.get(id);
        if (!c) fail(`[CON2] agent ${a.id} holds unknown contact ${id}`, a);
        if (c.agentId !== a.id) fail(`[CON4] ${id} held by ${a.id} but names ${c.agentId}`, c);
        const slot = slotOf(c.channel);
        held[slot] = (held[slot] ?? 0) + 1;
        total++;
        if (EXCLUSIVE.has(slot)) exclusive++;
        if (c.state === 'offered') offers++;
        else if (c.state === 'connected') connected++;
        else if (c.state === 'wrapUp') wrapping++;
        else fail(`[CON4] agent ${a.id} holds ${id} in state ${c.state}`, c);
      }
      const capacity = capacityOf(config);
      // AGT7: contacts offered before a capacity change are kept, so only newer offers count.
      const since = this.configuredAt.get(a.id) ?? 0;
      const newer = a.contacts.some((id) => (this.offeredAt.get(id) ?? 0) > since);
      const newerOn = (channel: string): boolean =>
        a.contacts.some(
          (id) => contacts.get(id)?.channel === channel && (this.offeredAt.get(id) ?? 0) > since,
        );
      for (const [channel, n] of Object.entries(held)) {
        if (n > (capacity[channel as SlotChannel] ?? 0) && newerOn(channel)) {
          fail(`[CAP1] ${a.id} holds ${n} ${channel}`, a);
        }
      }
      const blocking = config.exclusiveVoice !== false;
      if (blocking && exclusive > 0 && total > 1 && newer)
        fail(`[CAP2] ${a.id} holds voice and more`, a);
      const loggedIn = a.state !== 'loggedOut';
      if (!loggedIn && total > 0) fail(`[AGT3] ${a.id} logged out holding contacts`, a);
      const expected: AgentState = !loggedIn
        ? 'loggedOut'
        : connected > 0
          ? 'busy'
          : wrapping > 0
            ? 'wrapUp'
            : offers > 0
              ? 'reserved'
              : a.paused !== undefined
                ? 'paused'
                : 'available';
      if (a.state !== expected) fail(`[AGT1] ${a.id} shows ${a.state}, expected ${expected}`, a);
      const canTake = new Set<string>();
      if (loggedIn && a.paused === undefined && a.pendingPause === undefined) {
        for (const [channel, cap] of Object.entries(capacity)) {
          if ((held[channel] ?? 0) >= cap) continue;
          if (blocking && (EXCLUSIVE.has(channel) ? total > 0 : exclusive > 0)) continue;
          canTake.add(channel);
        }
      }
      const engineFree = new Set(a.free);
      if (canTake.size !== engineFree.size || [...canTake].some((c) => !engineFree.has(c))) {
        fail(
          `[AGT2] ${a.id} free for ${[...engineFree].join()} but model says ${[...canTake].join()}`,
          a,
        );
      }
      free.set(a.id, canTake);
    }
    // MAT9: no free eligible agent while an eligible contact waits in line.
    for (const c of snapshot.contacts) {
      if (c.state !== 'queued') continue;
      const queue = this.model.queues.get(c.queueId);
      if (!queue) fail(`contact in unknown queue ${c.queueId}`, c);
      const req = requirementsAt(queue, c.step);
      for (const [agentId, channels] of free) {
        if (!channels.has(slotOf(c.channel))) continue;
        const agent = this.model.agents.get(agentId) as AgentConfig;
        if (req.sites && !req.sites.has(agent.siteId)) continue;
        let meets = true;
        for (const [skill, min] of req.skills) if ((agent.skills[skill] ?? 0) < min) meets = false;
        if (meets)
          fail(`[MAT9] ${c.id} waits in ${c.queueId} step ${c.step} while ${agentId} is free`, c);
      }
    }
  }
}

function capacityOf(agent: AgentConfig): Partial<Record<SlotChannel, number>> {
  return agent.capacity ?? { voice: 1 };
}

function fail(message: string, subject: unknown): never {
  throw new Error(`${message}\n${JSON.stringify(subject)}`);
}

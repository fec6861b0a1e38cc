import type { Core } from '../core.ts';
import { SLOT_CHANNELS, isExclusiveSlot } from '../model/config.ts';

const SLOT_COUNT = SLOT_CHANNELS.length;
import type { AgentState, BodyOf } from '../model/events.ts';
import { AgentChannel, type AgentRuntime, type ContactRuntime } from '../model/runtime.ts';

/** Whether the agent can take one more contact on this channel now (SPEC CAP1, CAP2, AGT2). */
export function canTake(agent: AgentRuntime, slot: number): boolean {
  if (!agent.loggedIn || agent.paused !== undefined || agent.pendingPause !== undefined)
    return false;
  if (agent.heldOn(slot) >= agent.capacityOn(slot)) return false;
  if (!agent.exclusiveVoice) return true;
  return isExclusiveSlot(slot) ? agent.heldTotal === 0 : agent.heldExclusive === 0;
}

/** The state shown for the agent, derived from what it holds (SPEC AGT1). */
export function displayState(agent: AgentRuntime): AgentState {
  if (!agent.loggedIn) return 'loggedOut';
  if (agent.connected > 0) return 'busy';
  if (agent.wrapping > 0) return 'wrapUp';
  if (agent.offers > 0) return 'reserved';
  if (agent.paused !== undefined) return 'paused';
  return 'available';
}

/**
 * Brings the agent's derived state and pool memberships up to date after any change, emits
 * agentStateChanged when the shown state changes, and queues the agent for routing when it can
 * take work. A channel the agent starts being free on gets a new idle time; `resetSlot` (a slot
 * index, or -1) also gets one: the agent received or declined a contact there. `keysChanged`:
 * the handled time or last offer changed, so the other strategies' orders are updated.
 */
export function refreshAgent(
  core: Core,
  agent: AgentRuntime,
  resetSlot: number,
  keysChanged: boolean,
): void {
  if (agent.heldTotal === 0 && agent.pendingPause !== undefined) {
    agent.paused = agent.pendingPause;
    agent.pendingPause = undefined;
  }
  const state = displayState(agent);
  const previous = agent.state;
  if (state !== previous) {
    agent.state = state;
    core.siteCounts.add(agent.siteIndex, previous, -1);
    core.siteCounts.add(agent.siteIndex, state, 1);
    const changed: BodyOf<'agentStateChanged'> = {
      type: 'agentStateChanged',
      agentId: agent.id,
      siteId: agent.siteId,
      from: previous,
      to: state,
    };
    if (state === 'paused') changed.reason = agent.paused as string;
    core.emit(changed);
  }
  // Masks on the agent say which slots have capacity and which are in their pool, so a
  // transition that changes nothing there reads no membership record.
  let free = false;
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    const bit = 1 << slot;
    if ((agent.slotMask & bit) === 0) continue;
    const want = canTake(agent, slot);
    if (want) free = true;
    const have = (agent.freeMask & bit) !== 0;
    if (want === have && !(want && (keysChanged || slot === resetSlot))) continue;
    const member = agent.memberOn(slot);
    if (want !== have) {
      if (want) {
        member.idleSinceMs = core.nowMs;
        member.idleSeq = ++core.idleSeq;
        member.pool.addFree(member);
      } else {
        member.pool.removeFree(member);
      }
    } else if (want && (keysChanged || member.slot === resetSlot)) {
      const renewed = member.slot === resetSlot;
      if (renewed) {
        member.idleSinceMs = core.nowMs;
        member.idleSeq = ++core.idleSeq;
      }
      member.pool.rekey(member, renewed);
    }
  }
  if (free) core.markAgent(agent);
}

/** Moves the agent into the pools of its current profile, site and capacity (SPEC PERF1). */
export function placeAgentInPools(core: Core, agent: AgentRuntime): void {
  for (const member of agent.channels) {
    if (member.matchable) member.pool.removeFree(member);
    member.pool.members.delete(member);
    if (agent.loggedIn) member.pool.addLoggedIn(-1);
  }
  const members: AgentChannel[] = [];
  for (const [index, channel] of SLOT_CHANNELS.entries()) {
    if (agent.capacityOn(index) <= 0) continue;
    const pool = core.topology.poolFor(agent.profile, agent.site, channel);
    const member = new AgentChannel(agent, channel, pool);
    members.push(member);
    pool.members.add(member);
    if (agent.loggedIn) pool.addLoggedIn(1);
  }
  agent.setMembers(members);
}

export function setLoggedIn(agent: AgentRuntime, loggedIn: boolean): void {
  agent.loggedIn = loggedIn;
  for (const member of agent.channels) member.pool.addLoggedIn(loggedIn ? 1 : -1);
}

export type Slot = 'offer' | 'connected' | 'wrapping';

/** Counts a contact against the agent's capacity (an offer holds a slot too). */
export function holdSlot(agent: AgentRuntime, contact: ContactRuntime): void {
  const last = agent.lastHeld;
  contact.prevHeld = last;
  contact.nextHeld = undefined;
  if (last === undefined) agent.firstHeld = contact;
  else last.nextHeld = contact;
  agent.lastHeld = contact;
  const i = contact.slot;
  agent.addHeld(i, 1);
  agent.heldTotal++;
  if (isExclusiveSlot(i)) agent.heldExclusive++;
  agent.offers++;
}

export function moveSlot(agent: AgentRuntime, from: Slot, to: Slot): void {
  countSlot(agent, from, -1);
  countSlot(agent, to, 1);
}

/** Named field updates, not agent[name]: a keyed access with a variable name is slow. */
function countSlot(agent: AgentRuntime, slot: Slot, delta: number): void {
  if (slot === 'offer') agent.offers += delta;
  else if (slot === 'connected') agent.connected += delta;
  else agent.wrapping += delta;
}

export function releaseSlot(agent: AgentRuntime, contact: ContactRuntime, from: Slot): void {
  const { prevHeld, nextHeld } = contact;
  if (prevHeld === undefined) agent.firstHeld = nextHeld;
  else prevHeld.nextHeld = nextHeld;
  if (nextHeld === undefined) agent.lastHeld = prevHeld;
  else nextHeld.prevHeld = prevHeld;
  contact.prevHeld = undefined;
  contact.nextHeld = undefined;
  const i = contact.slot;
  agent.addHeld(i, -1);
  agent.heldTotal--;
  if (isExclusiveSlot(i)) agent.heldExclusive--;
  countSlot(agent, from, -1);
}

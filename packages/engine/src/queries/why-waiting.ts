import { canTake } from '../agents/agent-flow.ts';
import type { Core } from '../core.ts';
import { unknown } from '../model/errors.ts';
import { countsByAgentState, type AgentState, type ContactState } from '../model/events.ts';
import type { ContactRuntime } from '../model/runtime.ts';
import type { AgentPool } from '../routing/agent-pool.ts';

export type WaitReason =
  | 'not-waiting'
  | 'waiting-for-preferred-agent'
  | 'no-eligible-agent-logged-in'
  | 'step-not-reached'
  | 'all-eligible-agents-occupied'
  | 'being-routed';

export interface EligibleCounts {
  /** Agents of the eligible pools by shown state. */
  byState: Record<AgentState, number>;
  loggedIn: number;
  /** Logged in and free for this contact's channel now. */
  free: number;
}

export interface WaitExplanation {
  contactId: string;
  state: ContactState;
  queueId: string;
  reason: WaitReason;
  /** Plain-language summary for supervisors. */
  message: string;
  waitedMs: number;
  step: number;
  /** The next routing step and when it applies, if any. */
  nextStep?: { step: number; atMs: number };
  /** For 'step-not-reached': the first later step with an eligible agent logged in. */
  stepWithAgents?: { step: number; atMs: number; loggedIn: number };
  preferredAgentId?: string;
  eligible: EligibleCounts;
}

function countEligible(pools: readonly AgentPool[]): EligibleCounts {
  const byState = countsByAgentState();
  let free = 0;
  for (const pool of pools) {
    for (const member of pool.members) {
      byState[member.agent.state]++;
      if (canTake(member.agent, member.slot)) free++;
    }
  }
  return { byState, loggedIn: pools.reduce((n, p) => n + p.loggedIn, 0), free };
}

export function whyWaiting(core: Core, contactId: string): WaitExplanation {
  const contact = core.contacts.get(contactId);
  if (!contact) throw unknown('Contact', contactId, 'whyWaiting');
  const queue = contact.queue;
  const pools = core.topology.poolsServing(
    queue,
    Math.min(contact.step, queue.steps.length - 1),
    contact.channel,
  );
  const eligible = countEligible(pools);
  const next = queue.steps[contact.step + 1];
  const base = {
    contactId,
    state: contact.state,
    queueId: queue.id,
    waitedMs: core.nowMs - contact.enqueuedAtMs,
    step: contact.step,
    ...(next ? { nextStep: { step: next.index, atMs: contact.enqueuedAtMs + next.afterMs } } : {}),
    eligible,
  };
  if (contact.state === 'waitingPreferred' && contact.preferredAgent) {
    const agent = contact.preferredAgent;
    return {
      ...base,
      reason: 'waiting-for-preferred-agent',
      preferredAgentId: agent.id,
      message: `waiting for agent ${agent.id} (${agent.state}) until ${contact.preferredUntilMs}`,
    };
  }
  if (contact.state !== 'queued') {
    return {
      ...base,
      reason: 'not-waiting',
      message: `the contact is ${contact.state}, not waiting`,
    };
  }
  if (eligible.loggedIn === 0) {
    const later = laterStepWithAgents(core, contact);
    if (later) {
      return {
        ...base,
        reason: 'step-not-reached',
        stepWithAgents: later,
        message: `no eligible agent is logged in; step ${later.step} widens to ${later.loggedIn} logged-in agents at ${later.atMs}`,
      };
    }
    return {
      ...base,
      reason: 'no-eligible-agent-logged-in',
      message: 'no eligible agent is logged in',
    };
  }
  if (eligible.free > 0) {
    return {
      ...base,
      reason: 'being-routed',
      message: 'a free eligible agent exists; routing is in progress',
    };
  }
  const s = eligible.byState;
  return {
    ...base,
    reason: 'all-eligible-agents-occupied',
    message: `none of the ${eligible.loggedIn} logged-in eligible agents can take it: ${s.busy} busy, ${s.reserved} reserved, ${s.wrapUp} in wrap-up, ${s.paused} paused`,
  };
}

function laterStepWithAgents(
  core: Core,
  contact: ContactRuntime,
): { step: number; atMs: number; loggedIn: number } | undefined {
  const queue = contact.queue;
  for (let i = contact.step + 1; i < queue.steps.length; i++) {
    const step = queue.steps[i];
    if (!step) break;
    if (step.moveToQueue !== undefined) return undefined;
    const pools = core.topology.poolsServing(queue, i, contact.channel);
    const loggedIn = pools.reduce((n, p) => n + p.loggedIn, 0);
    if (loggedIn > 0) return { step: i, atMs: contact.enqueuedAtMs + step.afterMs, loggedIn };
  }
  return undefined;
}
